package pdf

import (
	"fmt"
	"path/filepath"
	"slices"
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

// TestFootnotesAtThePageFoot: in an author-date style a handout's
// footnotes stand at the foot of the page that calls them, under the
// rule, in type smaller than the text's, the call's line and the note's
// first line on one page, not in the text (they stood as a list under
// "Notes to the text" in the middle of the handout); in the student's
// copy and the teacher's, in either profile, on letter and A4.
func TestFootnotesAtThePageFoot(t *testing.T) {
	found := 0
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		for _, paper := range []string{"letter", "a4"} {
			h := fixtureHandoutsIn(t, paper, p)
			for _, c := range h.b.Chapters {
				for _, teacher := range []bool{false, true} {
					what := fmt.Sprintf("%q %s handout %d (teacher %v)", p, paper, c.Number, teacher)
					for i, pg := range paginate(h.handout(c, teacher), h.g) {
						for _, r := range pg.rows {
							for _, n := range r.notes {
								found++
								if !slices.Contains(pg.notes, n.rows[0]) {
									t.Errorf("%s page %d: a note's first line is not at the foot of its call's page", what, i+1)
								}
								if slices.ContainsFunc(pg.rows, func(r *row) bool { return slices.Contains(n.rows, r) }) {
									t.Errorf("%s page %d: a note is set in the text, not at its foot", what, i+1)
								}
							}
						}
						for _, r := range pg.notes {
							for _, o := range r.ops {
								if op, ok := o.(textOp); ok && op.frag.Size >= sizeBody {
									t.Errorf("%s page %d: a footnote's %q is set at %.1f pt", what, i+1, op.frag.Text, op.frag.Size)
								}
							}
						}
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("no handout of the fixture calls a footnote")
	}
}
