package site

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/xhtml/xhtmltest"
)

// sitePage is the page at path of b's site for edition ed.
func sitePage(t *testing.T, b *book.Book, ed layouts.Edition, path string) string {
	t.Helper()
	data, ok := build(t, b, ed)[path]
	if !ok {
		t.Fatalf("%s site: no page %s", ed, path)
	}
	return string(data)
}

// TestPromptNotesNumberOn: in an in-text style a question prompt's
// footnotes, and on the teacher site its guidance's, number on from the
// chapter's own notes, as the handout numbers them, so that a chapter's
// page never shows two notes "1"; every id on it is unique.
func TestPromptNotesNumberOn(t *testing.T) {
	fsys := booktest.Fixture(t, "testdata/full.txtar")
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
			`Odysseus?<a class="noteref" id="q-intro-man-fnref-1" href="#q-intro-man-fn-1" role="doc-noteref">2</a>`,
			`<a class="note-number" href="#q-intro-man-fnref-1" role="doc-backlink" title="Back to the text">2.</a> Wilson’s word`,
		}, 2},
		{layouts.Teacher, []string{
			`Odysseus?<a class="noteref" id="q-intro-man-fnref-1" href="#q-intro-man-fn-1" role="doc-noteref">2</a>`,
			`<em>of many turns</em>.<a class="noteref" id="g-intro-man-fnref-1" href="#g-intro-man-fn-1" role="doc-noteref">3</a>`,
			`<a class="note-number" href="#g-intro-man-fnref-1" role="doc-backlink" title="Back to the text">3.</a> Fagles`,
		}, 3},
	} {
		page := sitePage(t, b, tc.ed, "chapters/introduction.html")
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s site: no %q in\n%s", tc.ed, w, page)
			}
		}
		if n := xhtmltest.Notes(t, string(tc.ed)+" site", page); n != tc.last {
			t.Errorf("%s site: %d notes, want %d", tc.ed, n, tc.last)
		}
	}
}

// TestChoiceAndAnswerNotes: a footnote in a multiple-choice option is
// printed under the page's Notes with the chapter's, numbered on from
// them and linked both ways; the answer key numbers its model answers'
// notes in one sequence, each printed and linked, and repeats a choice or
// a prompt without a call to a note it does not print. A choice's note
// was once dropped and its call led to the chapter's note 1; the key
// restarted every answer's notes at 1. So in an in-text style and in a
// note style, which numbers the choice's note among the chapter's
// citations.
func TestChoiceAndAnswerNotes(t *testing.T) {
	for _, tc := range []struct {
		style  string
		choice int // the choice's note's number
	}{
		{"", 2},
		// the prompt's citation is note 2, the key's in its text
		{"chicago-notes", 3},
	} {
		fsys := booktest.Fixture(t, "../lms/testdata/questions.txtar")
		xhtmltest.AddAnswerNotes(t, fsys)
		if tc.style != "" {
			booktest.Edit(t, fsys, "companion.yaml", "work: ishiguro2005\n", "work: ishiguro2005\ncitation-style: "+tc.style+"\n")
		}
		b := booktest.MustOpen(t, fsys, book.Options{})
		n := strconv.Itoa(tc.choice)
		for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
			where := fmt.Sprintf("%s site, %q", ed, tc.style)
			page := sitePage(t, b, ed, "chapters/hailsham.html")
			choice := `Miss Lucy<a class="noteref" id="c1-lucy-fnref-1" href="#c1-lucy-fn-1" role="doc-noteref">` + n + `</a>`
			for _, w := range []string{choice, `title="Back to the text">` + n + `.</a> A guardian, in chapter`} {
				if !strings.Contains(page, w) {
					t.Errorf("%s: no %q in\n%s", where, w, page)
				}
			}
			if got := xhtmltest.Notes(t, where, page); got != tc.choice {
				t.Errorf("%s: %d notes on the chapter's page, want %d", where, got, tc.choice)
			}
		}
		key := sitePage(t, b, layouts.Teacher, "answer-key.html")
		for _, w := range []string{`title="Back to the text">1.</a> Tommy says so`, `title="Back to the text">2.</a> Ruth’s, then Tommy’s.`,
			"<strong>A. Miss Lucy</strong>"} {
			if !strings.Contains(key, w) {
				t.Errorf("%q: no %q in the answer key:\n%s", tc.style, w, key)
			}
		}
		if got := xhtmltest.Notes(t, "the answer key", key); got != 2 {
			t.Errorf("%q: %d notes on the answer key, want 2", tc.style, got)
		}
	}
}

// TestSilentCitationsApart: on the pages that stand apart from the
// chapters, the answer key and the glossary, a citation that prints
// nothing ([-@novel] in MLA) is dropped with the space before it, as in a
// chapter, the PDF and the learning platforms, not left as an empty span
// between two spaces.
func TestSilentCitationsApart(t *testing.T) {
	fsys := booktest.Fixture(t, "../lms/testdata/silent.txtar")
	xhtmltest.AddDefinitions(t, fsys)
	b := booktest.MustOpen(t, fsys, book.Options{})
	for _, tc := range []struct {
		ed         layouts.Edition
		path, want string
	}{
		{layouts.Teacher, "answer-key.html", "The novel by Writer opens in a school."},
		{layouts.Student, "glossary.html", "Where Writer starts the story."},
		{layouts.Teacher, "glossary.html", "Where Writer starts the story."},
	} {
		page := sitePage(t, b, tc.ed, tc.path)
		if !strings.Contains(page, tc.want) || strings.Contains(page, `<span class="citation"></span>`) {
			t.Errorf("%s site, %s: no %q, or an empty citation, in\n%s", tc.ed, tc.path, tc.want, page)
		}
	}
}

// TestDefinitionNotes: a footnote in a glossary definition is printed at
// the end of the glossary's page and linked both ways, the definitions'
// notes numbered in one sequence; it was dropped, its call leading
// nowhere.
func TestDefinitionNotes(t *testing.T) {
	fsys := booktest.Fixture(t, "../lms/testdata/silent.txtar")
	xhtmltest.AddDefinitions(t, fsys)
	b := booktest.MustOpen(t, fsys, book.Options{})
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		page := sitePage(t, b, ed, "glossary.html")
		for _, w := range []string{"</a> A boarding school.", "</a> Never called a teacher."} {
			if !strings.Contains(page, w) {
				t.Errorf("%s site: no %q in the glossary:\n%s", ed, w, page)
			}
		}
		if n := xhtmltest.Notes(t, string(ed)+" site's glossary", page); n != 2 {
			t.Errorf("%s site: %d notes in the glossary, want 2", ed, n)
		}
	}
}
