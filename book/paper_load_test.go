package book_test

import (
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestPaperFollowsTheLanguage: a project that does not set pdf.paper
// prints on its language's paper; one that does keeps its choice.
func TestPaperFollowsTheLanguage(t *testing.T) {
	for file, want := range map[string]string{
		"../testdata/languages/la-parure.txtar":       "a4", // fr
		"../testdata/languages/die-verwandlung.txtar": "a4", // de
	} {
		b := booktest.MustOpen(t, booktest.Fixture(t, file), book.Options{})
		if b.Paper != want {
			t.Errorf("%s (language %s): paper %s, want %s", file, b.Language, b.Paper, want)
		}
	}
	fsys := booktest.Fixture(t, "../testdata/languages/la-parure.txtar")
	fsys["companion.yaml"].Data = append(fsys["companion.yaml"].Data, "pdf:\n  paper: letter\n"...)
	if b := booktest.MustOpen(t, fsys, book.Options{}); b.Paper != "letter" {
		t.Errorf("pdf.paper: letter gave %s", b.Paper)
	}
}
