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

// TestFootnotesFollowTheText: in an author-date style a handout's
// footnotes follow the notes text that calls them, under "Notes to the
// text", before the key quotations and the questions, not after them
// where "Notes" stood just above the writing area; in the student's copy
// as in the teacher's.
func TestFootnotesFollowTheText(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	rowText := func(r *row) string {
		var b strings.Builder
		for _, o := range r.ops {
			if t, ok := o.(textOp); ok {
				b.WriteString(t.frag.Text)
			}
		}
		return b.String()
	}
	found := 0
	for _, c := range h.b.Chapters {
		for _, teacher := range []bool{false, true} {
			at := map[string]int{}
			for i, r := range h.handout(c, teacher).rows {
				if _, seen := at[rowText(r)]; !seen {
					at[rowText(r)] = i
				}
			}
			notes, ok := at[h.label("notes-to-text")]
			if _, old := at[h.label("notes")]; old {
				t.Errorf("handout %d (teacher %v): footnotes under %q", c.Number, teacher, h.label("notes"))
			}
			if !ok {
				continue
			}
			found++
			for _, after := range []string{h.label("key-quotations"), h.label("discussion-questions")} {
				if i, ok := at[after]; ok && i < notes {
					t.Errorf("handout %d (teacher %v): %q comes before the notes to the text", c.Number, teacher, after)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no handout of the fixture prints notes to the text")
	}
}

// TestGuidanceNotes: the footnotes of a question's teacher guidance are
// printed, not only called. In an in-text style (the fixture's MLA) they
// end the guidance box, called and listed by letter ("a.") so that they
// are not taken for the chapter's numbered notes, each a Note with an ID
// of its own; in a note style they are numbered among the chapter's
// notes at its end. Every PDF passes the PDF/UA checker.
func TestGuidanceNotes(t *testing.T) {
	tool(t, "pdftotext")
	for _, style := range []string{"mla", "chicago-notes"} {
		t.Run(style, func(t *testing.T) {
			fsys := booktest.Fixture(t, filepath.Join("testdata", "full.txtar"))
			setFile := func(name, old, new string) {
				s := string(fsys[name].Data)
				if !strings.Contains(s, old) {
					t.Fatalf("%s has no %q", name, old)
				}
				fsys[name].Data = []byte(strings.Replace(s, old, new, 1))
			}
			setFile("companion.yaml", "citation-style: mla", "citation-style: "+style)
			setFile("chapters/01-introduction.md", "*of many turns*.\n",
				"*of many turns*.[^poly]\n\n      [^poly]: Polytropos recurs in book ten.\n")
			b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
			files, order, _ := renderFiles(t, b, options(layouts.All, "letter", true))
			checkTagged(t, "guidance-notes-"+style, files, order)
			var teacher string
			for _, p := range order {
				if strings.HasSuffix(p, "-teacher.pdf") {
					teacher = strings.Join(strings.Fields(pdftotext(t, files[p].Data)), " ")
				}
			}
			if teacher == "" {
				t.Fatal("no teacher packet")
			}
			if !strings.Contains(teacher, "Polytropos recurs in book ten.") {
				t.Errorf("the guidance's footnote is not printed:\n%s", teacher)
			}
			if style == "mla" && !strings.Contains(teacher, "turns.a") {
				t.Errorf("the guidance's footnote is not called by its letter:\n%s", teacher)
			}
		})
	}
}
