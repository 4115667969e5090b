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

// TestSilentCitations: a citation that prints nothing (MLA's of the work
// with its author named in the sentence and no page, [-@novel]) goes from
// a question on every platform with the space before it, or at the start
// of a paragraph the space after it, as the EPUB, the site and the PDF drop
// it: no "Writer  opens", "Writer opens" with an empty span, nor "shows ."
// in GIFT, Moodle XML, the cartridge's QTI and its chapter page. One that
// prints a page stays.
func TestSilentCitations(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("testdata", "silent.txtar")), book.Options{})
	files, _, err := layouts.Collect(context.Background(), New(), b, options(layouts.Teacher))
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".imscc") {
			_, cc := readCartridge(t, f.Data)
			for name, data := range cc {
				text[f.Path+": "+name] = string(data)
			}
			continue
		}
		text[f.Path] = string(f.Data)
	}
	wants := []string{"The novel by Writer opens in a school. Why there? Writer says so (12).", "Yes, as Writer shows."}
	seen := map[string]int{}
	for name, s := range text {
		for _, bad := range []string{"Writer  ", "Writer <span", "shows .", "<span class=\"citation\"></span>", "> Writer ends", "there? Writer says so ."} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: %q, where a citation that prints nothing was", name, bad)
			}
		}
		for _, w := range wants {
			if strings.Contains(s, w) {
				seen[w]++
			}
		}
		for page, want := range map[string]string{"chapter.html": "<p>The novel by Writer opens in a school.</p>", "teacher.html": "<p>Writer ends it there.</p>"} {
			if strings.HasSuffix(name, "/"+page) && !strings.Contains(s, want) {
				t.Errorf("%s does not read %q", name, want)
			}
		}
	}
	// GIFT, Moodle XML and the cartridge's QTI each say each; Blackboard
	// has no room for feedback. The guidance is on the instructors' page.
	for _, w := range wants {
		if seen[w] < 3 {
			t.Errorf("%q is in %d files, want GIFT, Moodle XML and QTI", w, seen[w])
		}
	}
}
