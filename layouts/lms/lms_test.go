package lms

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

func options(ed layouts.Edition) layouts.Options {
	return layouts.Options{Edition: ed, Paper: "letter", Date: booktest.Date, Version: "test"}
}

// pointsWarning is the one diagnostic the fixture gives: question lucy's
// 1.5 points, which a cartridge cannot give.
const pointsWarning = `chapters/01-hailsham.md:17:5: warning: question lucy is worth 1.5 points, but a Common Cartridge gives a question a whole number of points from 1 to 99, so the cartridge gives it 2
	give whole points from 1 to 99 if the cartridge's points matter; the Moodle XML and GIFT files keep 1.5`

// render renders the fixture with every answer format, teacher edition.
func render(t *testing.T) (*book.Book, map[string]string) {
	t.Helper()
	b := booktest.OpenFixture(t, "questions", false)
	files, d, err := layouts.Collect(context.Background(), New(), b, options(layouts.All))
	if err != nil || len(d) != 1 || d[0].String() != pointsWarning {
		t.Fatalf("render: %v\n%v\nwant only\n%s", err, d, pointsWarning)
	}
	out := map[string]string{}
	for _, f := range files {
		if f.Edition != layouts.Teacher {
			t.Errorf("%s is for the %s edition, want teacher", f.Path, f.Edition)
		}
		out[f.Path] = string(f.Data)
	}
	return b, out
}

// TestGolden compares each file with its golden copy.
func TestGolden(t *testing.T) {
	_, files := render(t)
	for _, name := range []string{"never-let-me-go-a-study-companion.gift", "never-let-me-go-a-study-companion-moodle.xml", "never-let-me-go-a-study-companion-blackboard.txt"} {
		got, ok := files[name]
		if !ok {
			t.Errorf("no %s among %v", name, files)
			continue
		}
		booktest.Golden(t, filepath.Join("testdata", "golden", name), got)
	}
}

// A student-edition build writes nothing: the files carry answers.
func TestStudentEdition(t *testing.T) {
	b := booktest.OpenFixture(t, "questions", false)
	files, _, err := layouts.Collect(context.Background(), New(), b, options(layouts.Student))
	if err != nil || len(files) != 0 {
		t.Errorf("student edition: %d files, %v; want none", len(files), err)
	}
}

// A companion without questions gets no files: an empty GIFT file is not
// one a platform imports.
func TestNoQuestions(t *testing.T) {
	fsys := booktest.Fixture(t, filepath.Join("testdata", "questions.txtar"))
	for name, f := range fsys {
		if strings.HasPrefix(name, "chapters/") {
			f.Data = []byte("---\ntitle: " + name + "\n---\nBody.\n")
		}
	}
	b := booktest.MustOpen(t, fsys, book.Options{})
	files, _, err := layouts.Collect(context.Background(), New(), b, options(layouts.Teacher))
	if err != nil || len(files) != 0 {
		t.Errorf("no questions: %d files, %v; want none", len(files), err)
	}
}

// TestCartridgeHasNoTeacherOnlyText: the chapter pages students read in a
// learning platform leave a ::: teacher block out.
func TestCartridgeHasNoTeacherOnlyText(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../epub/testdata/toolkit.txtar"), book.Options{})
	for _, c := range b.Chapters {
		if body := chapterBody(b, c); strings.Contains(body, "TEACHER-ONLY") || strings.Contains(body, "Handling loss") {
			t.Errorf("%s's page has the teacher-only text:\n%s", c.ID, body)
		}
	}
}
