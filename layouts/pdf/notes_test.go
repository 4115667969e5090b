package pdf

import (
	"path/filepath"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestCitationNotes: in a note style (the EPUB's notes fixture, in
// chicago-notes) each handout calls its citations by number and prints
// them at its end among its footnotes, each a Note element called by a
// Reference, two calls side by side apart by a comma that is the second
// Reference's text ("disagrees.3,4"; struct-text ",4"), and passes the
// PDF/UA checker; with work-citations: short a
// handout cites the work in full once, then by its locator. The text and
// a handout's structure are golden files.
func TestCitationNotes(t *testing.T) {
	tool(t, "pdftotext")
	notes := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "notes.txtar")), book.Options{})
	files, order, _ := renderFiles(t, notes, options(layouts.All, "letter", false))
	checkTagged(t, "notes", files, order)
	golden(t, "notes-handouts.txt", pdftotext(t, files["citing-in-notes-handouts.pdf"].Data))
	golden(t, "notes-teacher.txt", pdftotext(t, files["citing-in-notes-teacher.pdf"].Data))
	golden(t, "notes-01-first-struct.txt", runTool(t, files["handouts/01-first.pdf"].Data, "pdfinfo", "-struct-text"))

	short := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "short.txtar")), book.Options{})
	files, _, _ = renderFiles(t, short, options(layouts.Student, "letter", false))
	golden(t, "short-handouts.txt", pdftotext(t, files["citing-short-handouts.pdf"].Data))
}
