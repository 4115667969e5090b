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

// TestNotesAreaOption: a student handout ends in a Notes area unless
// pdf.notes-area is false.
func TestNotesAreaOption(t *testing.T) {
	fsys := booktest.Fixture(t, "../testdata/languages/la-parure.txtar")
	if b := booktest.MustOpen(t, fsys, book.Options{}); !b.NotesArea {
		t.Error("without pdf.notes-area, no Notes area")
	}
	// A copy: the fixture's files share one buffer, which append would
	// write the next file over in.
	fsys["companion.yaml"].Data = []byte(string(fsys["companion.yaml"].Data) + "pdf:\n  notes-area: false\n")
	if b := booktest.MustOpen(t, fsys, book.Options{}); b.NotesArea {
		t.Error("pdf.notes-area: false gave a Notes area")
	}
}
