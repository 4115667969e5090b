package companion

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
)

// renderAll loads a one-chapter project and renders it in every format.
func renderAll(t *testing.T, body string) []layouts.File {
	t.Helper()
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], issued: \"1900\"}\n")},
		"chapters/a.md":   {Data: []byte("---\ntitle: A\n---\n" + body)},
	}
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	var files []layouts.File
	for _, newLayout := range Formats {
		l := newLayout()
		fs, _, err := layouts.Collect(context.Background(), l, b, layouts.Options{Edition: layouts.Student, Paper: "a4", Date: time.Unix(0, 0).UTC()})
		if err != nil {
			t.Fatalf("%s: %v", l.Name(), err)
		}
		files = append(files, fs...)
	}
	return files
}

// A table of 10,000 cells renders in every format.
func TestTableOfTenThousandCells(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	var b strings.Builder
	b.WriteString("| a | b | c | d |\n|---|---|---|---|\n")
	for i := range 2500 {
		b.WriteString("| cell | more text | " + strings.Repeat("x", i%40) + " | end |\n")
	}
	for _, f := range renderAll(t, b.String()) {
		if f.Pages > 0 && f.Pages < 20 {
			t.Errorf("%s: only %d pages for 2,500 table rows", f.Path, f.Pages)
		}
	}
}

// A long chapter (1 MB of prose) renders in every format.
func TestLongChapter(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	para := strings.Repeat("A sentence with *italics*, **bold** and a citation [@w, p. 4]. ", 12) + "\n\n"
	files := renderAll(t, strings.Repeat(para, 1<<20/len(para)))
	for _, f := range files {
		if f.Pages > 0 && f.Pages < 100 {
			t.Errorf("%s: only %d pages for 1 MB of text", f.Path, f.Pages)
		}
	}
}

// A project of 2,000 short chapters builds in every format.
func TestTwoThousandChapters(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("large input: skipped in -short mode and under the race detector")
	}
	fsys := fstest.MapFS{
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], issued: \"1900\"}\n")},
	}
	var contents []string
	for i := range 2000 {
		p := fmt.Sprintf("chapters/%04d-c.md", i)
		contents = append(contents, p)
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nid: c%d\ntitle: Chapter %d\nquestions: [{id: q%d, prompt: \"Why?\"}]\n---\nText about *this* [@w, ch. %d].\n", i, i, i, i))}
	}
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [" + strings.Join(contents, ", ") + "]\n")}
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	n := 0
	for _, newLayout := range Formats {
		files, _, err := layouts.Collect(context.Background(), newLayout(), b, layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(0, 0).UTC()})
		if err != nil {
			t.Fatal(err)
		}
		n += len(files)
	}
	if n < 2000 {
		t.Errorf("%d files for 2,000 chapters", n)
	}
}
