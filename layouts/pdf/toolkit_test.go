package pdf

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// toolkitBook is the fixture project that uses every part of the teacher's
// toolkit, shared with the EPUB tests.
func toolkitBook(t testing.TB) *book.Book {
	t.Helper()
	return booktest.MustOpen(t, booktest.Fixture(t, "../epub/testdata/toolkit.txtar"), book.Options{})
}

// TestTeacherOnlyText: a ::: teacher block and the footnote only it calls
// print in the teacher edition's handouts and in no student handout.
func TestTeacherOnlyText(t *testing.T) {
	files, _, _ := renderFiles(t, toolkitBook(t), options(layouts.All, "letter", false))
	secrets := []string{"TEACHER-ONLY-TEXT", "TEACHER-ONLY-NOTE", "Handling loss"}
	for path, f := range files {
		text := pdftotext(t, f.Data)
		for _, s := range secrets {
			switch has := strings.Contains(text, s); {
			case strings.HasSuffix(path, "-teacher.pdf") && !has:
				t.Errorf("%s lacks %q", path, s)
			case !strings.HasSuffix(path, "-teacher.pdf") && has:
				t.Errorf("%s, a student handout, has %q", path, s)
			}
		}
	}
}

// TestToolkitGolden pins what the toolkit project's packets say, in
// order: each handout's vocabulary box, its questions under their phases
// and its essay rubric; the teacher packet's vocabulary by chapter,
// rubrics, timeline, characters, theme tracker and pacing calendars.
func TestToolkitGolden(t *testing.T) {
	tool(t, "pdftotext")
	files, _, diags := renderFiles(t, toolkitBook(t), options(layouts.All, "letter", false))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	golden(t, "toolkit-handouts.txt", pdftotext(t, files["a-toolkit-companion-handouts.pdf"].Data))
	golden(t, "toolkit-teacher.txt", pdftotext(t, files["a-toolkit-companion-teacher.pdf"].Data))
}
