package book_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestRules runs every fixture project in testdata/rules: each breaks one
// or more rules of the project format and lists, in its "want" file, every
// diagnostic it must produce: file, line, column and message, all at once,
// and, in the fixtures that give them, the hints.
func TestRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, want := booktest.RuleFixture(t, file)
			hints := slices.ContainsFunc(want, func(l string) bool { return strings.HasPrefix(l, "\t") })
			_, d := book.Open(fsys, book.Options{})
			var got []string
			for _, x := range d {
				got = append(got, x.Pos.String()+": "+x.Severity.String()+": "+x.Message)
				if hints && x.Hint != "" {
					got = append(got, "\t"+strings.ReplaceAll(x.Hint, "\n", "\n\t"))
				}
			}
			if *booktest.Update {
				booktest.WriteWant(t, file, got)
				return
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics differ\n got:\n  %s\nwant:\n  %s\n(full output:\n%s)", strings.Join(got, "\n  "), strings.Join(want, "\n  "), d)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		in, front, body string
		line            int
	}{
		{"---\ntitle: A\n---\nBody\n", "title: A\n", "Body\n", 4},
		{"---\ntitle: A\n...\nBody", "title: A\n", "Body", 4},
		{"---\n---\n", "", "", 3},
		{"---", "", "---", 1},                         // never closed
		{"---\ntitle: A\n", "", "---\ntitle: A\n", 1}, // never closed
		{"No front matter", "", "No front matter", 1},
		{"--- \ntitle: A\n---  \nB", "title: A\n", "B", 4},
		{"---\ntitle: A\n---", "title: A\n", "", 4},
	} {
		front, body, line := book.SplitFrontMatter([]byte(tc.in))
		if string(front) != tc.front || string(body) != tc.body || line != tc.line {
			t.Errorf("split(%q) = %q, %q, %d; want %q, %q, %d", tc.in, front, body, line, tc.front, tc.body, tc.line)
		}
	}
}

// A project framework is selected, resolved and mapped like a built-in one.
func TestProjectFrameworkMapping(t *testing.T) {
	fsys := fstest.MapFS{
		"companion.yaml":   {Data: []byte("title: T\nwork: w\nauthors: [A]\nframeworks: [district-ela, {id: uk-gcse, standards: [AO2]}]\ncontents: [chapters/a.md, chapters/b.md]\n")},
		"references.yaml":  {Data: []byte(fuzzRefs)},
		"curricula/d.yaml": {Data: []byte("id: district-ela\ntitle: District\nnotice: N.\nstandards:\n  - {code: DE.1, text: Reads.}\n  - {code: DE.2, text: Writes.}\n")},
		"chapters/a.md":    {Data: []byte("---\ntitle: A\nstandards: [district-ela:DE.2]\nquestions: [{id: q, prompt: P, standards: [district-ela:DE.1, uk-gcse:AO2]}]\n---\n")},
		"chapters/b.md":    {Data: []byte("---\ntitle: B\n---\n")},
	}
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	var got []string
	for _, m := range b.Mappings() {
		for _, r := range m.Rows {
			var chs []string
			for _, c := range r.Chapters {
				chs = append(chs, c.ID)
			}
			got = append(got, fmt.Sprintf("%s questions=%d chapters=%v served=%v", r.Standard.Ref(), len(r.Questions), chs, r.Served()))
		}
	}
	want := []string{
		"district-ela:DE.1 questions=1 chapters=[a] served=true",
		"district-ela:DE.2 questions=0 chapters=[a] served=false",
		"uk-gcse:AO2 questions=1 chapters=[a] served=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectLabels checks that a project's own labels replace the
// language's, and that the others stay the language's.
func TestProjectLabels(t *testing.T) {
	fsys, _ := booktest.RuleFixture(t, "testdata/rules/labels.txtar")
	b, _ := book.Open(fsys, book.Options{})
	for key, want := range map[string]string{"key-quotations": "Key Lines", "notes": "Notes", "discussion-questions": "Discussion questions"} {
		if got := b.Labels.Get(key); got != want {
			t.Errorf("label %q = %q, want %q", key, got, want)
		}
	}
}
