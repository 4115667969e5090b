package book_test

import (
	"path/filepath"
	"slices"
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
