package book_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/doc"
)

// chapterCitations lists how each citation of a chapter reads in one
// edition, piece by piece in the order the layouts set them (each
// piece's citations as doc.Walk meets them, its footnotes' last), each as
// "source = text".
func chapterCitations(b *book.Book, c *book.Chapter, teacher bool) []string {
	cs := b.Citations(c, teacher)
	var out []string
	piece := func(m *book.Markdown) {
		if m == nil {
			return
		}
		doc.Walk(m.Edition(teacher).Doc, func(n any) bool {
			if x, ok := n.(*doc.Citation); ok {
				out = append(out, x.Source+" = "+cs.Text(x).Plain())
			}
			return true
		})
	}
	piece(c.Body)
	for _, q := range c.Quotes {
		out = append(out, q.CiteText+" = "+cs.Quote(q).Plain())
	}
	for _, q := range c.Questions {
		piece(q.Prompt)
		for _, ch := range q.Choices {
			piece(ch.Text)
		}
		if teacher {
			piece(q.Guidance)
		}
	}
	return out
}

// TestCitationsCountPositionsPerChapter: a project's own style prints each
// cite's CSL position in words. Positions run through a chapter's body
// (a footnote's citation where the note is called), key quotations,
// prompts, choices and guidance, count teacher-only text in the teacher
// edition only, and start afresh in the next chapter.
func TestCitationsCountPositionsPerChapter(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	if book.CitationsFormatted(b) {
		t.Fatal("Open formatted citations; only a layout asking for them should")
	}
	for _, tc := range []struct {
		chapter int
		teacher bool
		want    []string
	}{
		{1, false, []string{
			"@novel, 1 = first Novel 1",
			"@novel, 1 = ibid Novel 1",
			"@novel, 2 = ibid-with-locator Novel 2",
			"@review, 1 = first Review 1",
			"@novel, 3 = subsequent Novel 3",
			"@novel, 5 = ibid-with-locator Novel 5",
			"@review, 1 = ibid Review 1", // the note, read where it is called
			"@novel, 9 = ibid-with-locator Novel 9",
			"@novel, 10 = ibid-with-locator Novel 10",
			"@review, 2 = subsequent Review 2",
		}},
		{1, true, []string{
			"@novel, 1 = first Novel 1",
			"@novel, 1 = ibid Novel 1",
			"@novel, 2 = ibid-with-locator Novel 2",
			"@review, 1 = first Review 1",
			"@novel, 3 = subsequent Novel 3",
			"@review, 4 = subsequent Review 4", // teacher-only text
			"@novel, 5 = subsequent Novel 5",
			"@review, 1 = ibid Review 1",
			"@novel, 9 = ibid-with-locator Novel 9",
			"@novel, 10 = ibid-with-locator Novel 10",
			"@review, 2 = subsequent Review 2",
			"@review, 3 = ibid-with-locator Review 3", // guidance
		}},
		{2, false, []string{
			"@novel, 6 = first Novel 6",
			"@novel, 6 = ibid Novel 6",
		}},
		{2, true, []string{
			"@novel, 6 = first Novel 6",
			"@novel, 6 = ibid Novel 6",
		}},
	} {
		got := chapterCitations(b, b.Chapters[tc.chapter-1], tc.teacher)
		if !slices.Equal(got, tc.want) {
			t.Errorf("chapter %d, teacher %v:\n got %s\nwant %s", tc.chapter, tc.teacher,
				strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
		}
	}
}

// TestCitationsKept: a cite at the same position reads the same in every
// chapter and edition, so the book formats it once and keeps it. The
// second chapter cites one place twice (a first cite, then ibid), which
// either edition prints, and the first chapter cites it nowhere.
func TestCitationsKept(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	for _, teacher := range []bool{false, true} {
		chapterCitations(b, b.Chapters[1], teacher)
		if n := book.CitesKept(b); n != 2 {
			t.Errorf("after the second chapter's citations (teacher %v) the book keeps %d formatted cites, want 2", teacher, n)
		}
	}
	chapterCitations(b, b.Chapters[0], false)
	if n := book.CitesKept(b); n != 12 {
		t.Errorf("after the first chapter's too the book keeps %d formatted cites, want 12 (2 and 10 more)", n)
	}
}

// TestCitationsAtOnce: every edition's and chapter's citations asked for
// from many goroutines at once are formatted once and read the same (run
// with -race).
func TestCitationsAtOnce(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	want := map[bool][][]string{}
	for _, teacher := range []bool{false, true} {
		for _, c := range b.Chapters {
			want[teacher] = append(want[teacher], chapterCitations(b, c, teacher))
		}
	}
	b = booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	var wg sync.WaitGroup
	for range 4 {
		for _, teacher := range []bool{false, true} {
			for i, c := range b.Chapters {
				wg.Go(func() {
					if got := chapterCitations(b, c, teacher); !slices.Equal(got, want[teacher][i]) {
						t.Errorf("chapter %d, teacher %v: %q, want %q", i+1, teacher, got, want[teacher][i])
					}
					if b.Citations(c, teacher) != b.Citations(c, teacher) {
						t.Errorf("chapter %d, teacher %v: formatted twice", i+1, teacher)
					}
				})
			}
		}
	}
	wg.Wait()
}

// TestCitationsNumberNotes: in a note style each citation of the running
// text, a key quotation and the questions is a note, numbered in one
// sequence with the chapter's footnotes; a citation inside a footnote is
// part of it.
func TestCitationsNumberNotes(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	for _, tc := range []struct {
		teacher bool
		want    string
	}{
		{false, "1 first Novel 1|2 ibid Novel 1|3 ibid-with-locator Novel 2|4 first Review 1|5 footnote|" +
			"6 subsequent Novel 3|7 ibid-with-locator Novel 5|8 ibid-with-locator Novel 9|9 ibid-with-locator Novel 10|10 subsequent Review 2"},
		{true, "1 first Novel 1|2 ibid Novel 1|3 ibid-with-locator Novel 2|4 first Review 1|5 footnote|" +
			"6 subsequent Novel 3|7 subsequent Review 4|8 subsequent Novel 5|9 ibid-with-locator Novel 9|10 ibid-with-locator Novel 10|" +
			"11 subsequent Review 2|12 ibid-with-locator Review 3"},
	} {
		c := b.Chapters[0]
		cs := b.Citations(c, tc.teacher)
		if !cs.InNotes() {
			t.Fatal("a note style's citations are not in notes")
		}
		var got []string
		for _, n := range cs.Notes() {
			what := "footnote"
			if n.Footnote == nil {
				what = n.Citation.Plain()
			}
			got = append(got, strconv.Itoa(n.Number)+" "+what)
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("teacher %v: notes\n%s\nwant\n%s", tc.teacher, g, tc.want)
		}
		// the footnote's citation is its text, and its call prints 5
		doc.Walk(c.Body.Edition(tc.teacher).Doc, func(n any) bool {
			switch n := n.(type) {
			case *doc.NoteRef:
				if got := cs.NoteNumber(n); got != 5 {
					t.Errorf("teacher %v: the footnote's call prints %d, want 5", tc.teacher, got)
				}
			case *doc.Note:
				if got := cs.FootnoteNumber(n); got != 5 {
					t.Errorf("teacher %v: the footnote prints %d, want 5", tc.teacher, got)
				}
				doc.Walk(&doc.Document{Blocks: n.Blocks}, func(n any) bool {
					if x, ok := n.(*doc.Citation); ok && cs.CitationNote(x) != 0 {
						t.Errorf("teacher %v: the footnote's citation is a note %d of its own", tc.teacher, cs.CitationNote(x))
					}
					return true
				})
				return false
			}
			return true
		})
		if got := cs.QuoteNote(c.Quotes[0]); got != map[bool]int{false: 8, true: 9}[tc.teacher] {
			t.Errorf("teacher %v: the key quotation's note is %d", tc.teacher, got)
		}
	}
}

// paragraphsSet reads each of the paragraphs blocks as the chapter sets
// it (cs.Inlines): a citation as what cite says of it, in brackets, and a
// footnote's call as its number, in braces.
func paragraphsSet(cs *book.Citations, blocks []doc.Block, cite func(*doc.Citation) string) []string {
	var out []string
	for _, bl := range blocks {
		var w strings.Builder
		for _, i := range cs.Inlines(bl.(*doc.Paragraph).Inlines) {
			switch i := i.(type) {
			case *doc.Text:
				w.WriteString(i.Text)
			case *doc.Break:
				w.WriteString(" ")
			case *doc.Citation:
				w.WriteString("[" + cite(i) + "]")
			case *doc.NoteRef:
				w.WriteString("{" + strconv.Itoa(cs.NoteNumber(i)) + "}")
			}
		}
		out = append(out, w.String())
	}
	return out
}

// TestCitationsPlaceNotes: in a note style a citation's note is called
// after the punctuation that follows it, with no space before, as pandoc
// sets notes; an in-text style's inlines are left as they are.
func TestCitationsPlaceNotes(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	cs := b.Citations(b.Chapters[0], false)
	got := paragraphsSet(cs, b.Chapters[0].Body.Doc.Blocks[:2], func(c *doc.Citation) string { return strconv.Itoa(cs.CitationNote(c)) })
	want := []string{"A cite.[1] The same place.[2] Another place.[3]", "Another work.[4]{5} Back.[6]"}
	if !slices.Equal(got, want) {
		t.Errorf("the notes are called as\n%q\nwant\n%q", got, want)
	}

	fsys := booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar"))
	fsys["companion.yaml"].Data = []byte(strings.Replace(string(fsys["companion.yaml"].Data), "positions.csl", "apa", 1))
	b = booktest.MustOpen(t, fsys, book.Options{})
	cs = b.Citations(b.Chapters[0], false)
	is := b.Chapters[0].Body.Doc.Blocks[0].(*doc.Paragraph).Inlines
	if got := cs.Inlines(is); &got[0] != &is[0] || len(got) != len(is) {
		t.Error("an in-text style's inlines were changed")
	}
}

// TestSilentCitationsGo: a citation that prints nothing (MLA's of the
// work with its author named in the sentence and no page) is dropped
// with the space before it, or at a paragraph's start the space after
// it, so that the sentence reads as if it were not there; one that
// prints a page stays. So too among the citations of pieces that stand
// alone (CitationsAlone: a question on a learning platform).
func TestSilentCitationsGo(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "silent.txtar")), book.Options{})
	for what, cs := range map[string]*book.Citations{"the chapter's": b.Citations(b.Chapters[0], false), "alone": b.CitationsAlone()} {
		got := paragraphsSet(cs, b.Chapters[0].Body.Doc.Blocks, func(c *doc.Citation) string { return cs.Text(c).Plain() })
		want := []string{
			"The novel by Writer opens in a school, as Writer says.",
			"Writer ends it there. It is short. Writer says so [(12)].",
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the paragraphs read\n%q\nwant\n%q", what, got, want)
		}
	}
}

// TestFootnotesWithoutCitations: in a note style, a chapter with
// footnotes and no citation still lists its footnotes as its notes.
func TestFootnotesWithoutCitations(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "citations", "positions.txtar")), book.Options{})
	c := b.Chapters[2]
	notes := b.Citations(c, false).Notes()
	if len(notes) != 1 || notes[0].Number != 1 || notes[0].Footnote == nil {
		t.Errorf("chapter %s's notes are %+v, want its one footnote", c.ID, notes)
	}
}

// TestCitationsParsedOncePerBook: citations that read the same share what
// they say across the book's pieces of Markdown, not only within one: a
// long book cites the same places in many chapters.
func TestCitationsParsedOncePerBook(t *testing.T) {
	b := booktest.SharedBundled(t)
	first := map[string]*doc.Parsed{}
	inOthers := 0 // citations whose text an earlier piece has
	for _, c := range b.Chapters {
		pieces := []*book.Markdown{c.Body}
		for _, q := range c.Questions {
			pieces = append(pieces, q.Prompt, q.Guidance)
		}
		for _, m := range pieces {
			if m == nil {
				continue
			}
			mine := map[string]bool{}
			doc.Walk(m.Doc, func(n any) bool {
				x, ok := n.(*doc.Citation)
				if !ok {
					return true
				}
				p, seen := first[x.Source]
				switch {
				case !seen:
					first[x.Source] = x.Parsed
				case p != x.Parsed:
					t.Errorf("%s: [%s] is parsed again, not shared with the first piece citing it", m.File, x.Source)
				case !mine[x.Source]:
					inOthers++
				}
				mine[x.Source] = true
				return true
			})
		}
	}
	if inOthers == 0 {
		t.Fatal("no citation of the bundled companion reads as one in another piece; the test shows nothing")
	}
}
