package pdf

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestCitationNotes: in a note style (the EPUB's notes fixture, in
// chicago-notes) each handout calls its citations by number and prints
// them at its end among its footnotes, each a Note element called by a
// Reference, and passes the PDF/UA checker.
func TestCitationNotes(t *testing.T) {
	tool(t, "pdftotext")
	notes := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "notes.txtar")), book.Options{})
	files, order, _ := renderFiles(t, notes, options(layouts.All, "letter", false))
	checkTagged(t, "notes", files, order)
	for _, want := range []string{"Reference", "Note <note-1-1>", "Note <note-1-4>", "Note <note-1-7>"} {
		if s := runTool(t, files["handouts/01-first.pdf"].Data, "pdfinfo", "-struct-text"); !strings.Contains(s, want) {
			t.Errorf("handout 1's structure has no %s:\n%s", want, s)
		}
	}
}
