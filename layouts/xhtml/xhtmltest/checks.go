package xhtmltest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// Format is how the shared checks below read one format's pages, so that
// the EPUB and the site are held to the same notes by one test each.
type Format struct {
	// Name names the format in messages: "edition" (the EPUB's) or "site".
	Name string
	// Page is the page of b's edition ed that doc names: a chapter by
	// its number and slug, or another page by its name ("answer-key",
	// "glossary").
	Page func(t *testing.T, b *book.Book, ed layouts.Edition, doc Doc) string
	// Call is what a note's call carries after its href, before its role:
	// `epub:type="noteref" ` in the EPUB, nothing on the site.
	Call string
}

// Doc names a page: a chapter's (Number and Slug) or another's (Name).
type Doc struct {
	Number int
	Slug   string
	Name   string
}

// Chapter is the page of chapter number, whose file is named slug.
func Chapter(number int, slug string) Doc { return Doc{Number: number, Slug: slug} }

// Named is the page called name.
func Named(name string) Doc { return Doc{Name: name} }

// call is a note's call as f writes it: its text ends with the note's
// number n; id is the call's id.
func (f Format) call(before, id, n string) string {
	return before + `<a class="noteref" id="` + id + `-fnref-1" href="#` + id + `-fn-1" ` + f.Call + `role="doc-noteref">` + n + `</a>`
}

// PromptNotesNumberOn: in an in-text style a question prompt's footnotes,
// and in the teacher edition its guidance's, number on from the chapter's
// own notes, as the handout numbers them, so that a chapter's page never
// shows two notes "1"; every id on it is unique. fixture is the format's
// full.txtar.
func PromptNotesNumberOn(t *testing.T, f Format, fixture string) {
	fsys := booktest.Fixture(t, fixture)
	const ch = "chapters/01-introduction.md"
	booktest.Edit(t, fsys, ch, "    prompt: What does the word *complicated* promise about Odysseus?\n",
		"    prompt: |\n      What does the word *complicated* promise about Odysseus?[^tr]\n\n      [^tr]: Wilson's word for polytropos.\n")
	booktest.Edit(t, fsys, ch, "      older versions say *of many turns*.\n",
		"      older versions say *of many turns*.[^old]\n\n      [^old]: Fagles and Lattimore.\n")
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	for _, tc := range []struct {
		ed   layouts.Edition
		want []string
		last int // the last note's number
	}{
		{layouts.Student, []string{
			f.call("Odysseus?", "q-intro-man", "2"),
			`<a class="note-number" href="#q-intro-man-fnref-1" role="doc-backlink" title="Back to the text">2.</a> Wilson’s word`,
		}, 2},
		{layouts.Teacher, []string{
			f.call("Odysseus?", "q-intro-man", "2"),
			f.call("<em>of many turns</em>.", "g-intro-man", "3"),
			`<a class="note-number" href="#g-intro-man-fnref-1" role="doc-backlink" title="Back to the text">3.</a> Fagles`,
		}, 3},
	} {
		where := fmt.Sprintf("%s %s", tc.ed, f.Name)
		page := f.Page(t, b, tc.ed, Chapter(1, "introduction"))
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %q in\n%s", where, w, page)
			}
		}
		if n := Notes(t, where, page); n != tc.last {
			t.Errorf("%s: %d notes, want %d", where, n, tc.last)
		}
	}
}

// ChoiceAndAnswerNotes: a footnote in a multiple-choice option is printed
// with the chapter's notes, numbered on from them and linked both ways;
// the answer key numbers its model answers' notes in one sequence, each
// printed and linked, and repeats a choice or a prompt without a call to
// a note it does not print. A choice's note was once dropped and its call
// led to the chapter's note 1; the key restarted every answer's notes at
// 1. So in an in-text style and in a note style, which numbers the
// choice's note among the chapter's citations.
func ChoiceAndAnswerNotes(t *testing.T, f Format) {
	for _, tc := range []struct {
		style  string
		choice int // the choice's note's number
	}{
		{"", 2},
		// the prompt's citation is note 2, the key's in its text
		{"chicago-notes", 3},
	} {
		fsys := booktest.Fixture(t, "../lms/testdata/questions.txtar")
		AddAnswerNotes(t, fsys)
		if tc.style != "" {
			booktest.Edit(t, fsys, "companion.yaml", "work: ishiguro2005\n", "work: ishiguro2005\ncitation-style: "+tc.style+"\n")
		}
		b := booktest.MustOpen(t, fsys, book.Options{})
		n := strconv.Itoa(tc.choice)
		for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
			where := fmt.Sprintf("%s %s, %q", ed, f.Name, tc.style)
			page := f.Page(t, b, ed, Chapter(1, "hailsham"))
			for _, w := range []string{f.call("Miss Lucy", "c1-lucy", n), `title="Back to the text">` + n + `.</a> A guardian, in chapter`} {
				if !strings.Contains(page, w) {
					t.Errorf("%s: no %q in\n%s", where, w, page)
				}
			}
			if got := Notes(t, where, page); got != tc.choice {
				t.Errorf("%s: %d notes on the chapter's page, want %d", where, got, tc.choice)
			}
		}
		key := f.Page(t, b, layouts.Teacher, Named("answer-key"))
		for _, w := range []string{`title="Back to the text">1.</a> Tommy says so`, `title="Back to the text">2.</a> Ruth’s, then Tommy’s.`,
			"<strong>A. Miss Lucy</strong>"} {
			if !strings.Contains(key, w) {
				t.Errorf("%q: no %q in the answer key:\n%s", tc.style, w, key)
			}
		}
		if got := Notes(t, "the answer key", key); got != 2 {
			t.Errorf("%q: %d notes on the answer key, want 2", tc.style, got)
		}
	}
}

// SilentCitationsApart: on the pages that stand apart from the chapters,
// the answer key and the glossary, a citation that prints nothing
// ([-@novel] in MLA) is dropped with the space before it, as in a
// chapter, the PDF and the learning platforms, not left as an empty span
// between two spaces.
func SilentCitationsApart(t *testing.T, f Format) {
	fsys := booktest.Fixture(t, "../lms/testdata/silent.txtar")
	AddDefinitions(t, fsys)
	b := booktest.MustOpen(t, fsys, book.Options{})
	for _, tc := range []struct {
		ed         layouts.Edition
		name, want string
	}{
		{layouts.Teacher, "answer-key", "The novel by Writer opens in a school."},
		{layouts.Student, "glossary", "Where Writer starts the story."},
		{layouts.Teacher, "glossary", "Where Writer starts the story."},
	} {
		page := f.Page(t, b, tc.ed, Named(tc.name))
		if !strings.Contains(page, tc.want) || strings.Contains(page, `<span class="citation"></span>`) {
			t.Errorf("%s %s, %s: no %q, or an empty citation, in\n%s", tc.ed, f.Name, tc.name, tc.want, page)
		}
	}
}

// DefinitionNotes: a footnote in a glossary definition is printed at the
// end of the glossary and linked both ways, the definitions' notes
// numbered in one sequence; it was dropped, its call leading nowhere
// (which EPUBCheck reports).
func DefinitionNotes(t *testing.T, f Format) {
	fsys := booktest.Fixture(t, "../lms/testdata/silent.txtar")
	AddDefinitions(t, fsys)
	b := booktest.MustOpen(t, fsys, book.Options{})
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		where := fmt.Sprintf("%s %s's glossary", ed, f.Name)
		page := f.Page(t, b, ed, Named("glossary"))
		for _, w := range []string{"</a> A boarding school.", "</a> Never called a teacher."} {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %q in\n%s", where, w, page)
			}
		}
		if n := Notes(t, where, page); n != 2 {
			t.Errorf("%s: %d notes, want 2", where, n)
		}
	}
}
