package book_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
)

func project(chapters map[string]string) fstest.MapFS {
	var contents []string
	fsys := fstest.MapFS{
		"references.yaml": {Data: []byte(fuzzRefs)},
	}
	for p, s := range chapters {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	for p := range chapters {
		contents = append(contents, p)
	}
	slices.Sort(contents) // reading order: the paths as they sort
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [" + strings.Join(contents, ", ") + "]\n")}
	return fsys
}

// Input people really write must build: a byte-order mark, CRLF line
// endings, tabs, emoji, right-to-left words; positions stay right.
func TestInputThatMustWork(t *testing.T) {
	ch := "\ufeff---\r\ntitle: Émigrés and ‘quotes’ 🙂\r\n---\r\nTabs\there, Greek λόγος, Hebrew שלום in English text, emoji 📚.\r\n\r\nA bad cite [@nobody].\r\n"
	b, d := book.Open(project(map[string]string{"chapters/a.md": ch}), book.Options{})
	if got := d.Error(); !strings.Contains(got, "chapters/a.md:6:12: error: citation of @nobody") || len(d) != 1 {
		t.Fatalf("want exactly the bad citation at 6:12, got:\n%s", got)
	}
	if b.Chapters[0].Title != "Émigrés and ‘quotes’ 🙂" {
		t.Errorf("title = %q", b.Chapters[0].Title)
	}
}

func TestBrokenFiles(t *testing.T) {
	for _, tc := range []struct {
		name, chapter, want string
	}{
		{"invalid UTF-8", "---\ntitle: A\n---\nok\nbad \xff here\n", "chapters/a.md:5:5: error: the file is not valid UTF-8 text"},
		{"control character", "---\ntitle: A\n---\nok\nbad \x15 here\n", "chapters/a.md:5:5: error: the file contains the invisible control character U+0015"},
		{"control character escaped in YAML", "---\ntitle: \"A\\x15\"\n---\n", "chapters/a.md:2:8: error: title contains the invisible control character U+0015"},
		{"non-character", "---\ntitle: A\n---\nok, é\nbad é\uffff here\n", "chapters/a.md:5:6: error: the file contains the invisible control character U+FFFF"},
		{"non-character after CRLF", "---\r\ntitle: A\r\n---\r\n\r\n\ufffe\r\n", "chapters/a.md:5:1: error: the file contains the invisible control character U+FFFE"},
		{"non-character escaped in YAML", "---\ntitle: \"é\\uFFFE\"\n---\n", "chapters/a.md:2:8: error: title contains the invisible control character U+FFFE"},
		{"empty file", "", "chapters/a.md:1:1: error: the chapter has no front matter"},
		{"empty front matter", "---\n---\nText\n", "chapters/a.md:1:1: error: the front matter is empty"},
		{"front matter not a mapping", "---\n- a\n- b\n---\n", "chapters/a.md:2:1: error: the front matter must be a mapping of keys to values, not a list"},
		{"deep nesting", "---\ntitle: A\n---\n" + strings.Repeat("> ", 3000) + "deep\n", "lists and block quotes are nested more than 24 deep"},
		{"unclosed citation", "---\ntitle: A\n---\nText [@w, p. 4\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, d := book.Open(project(map[string]string{"chapters/a.md": tc.chapter}), book.Options{})
			if tc.want == "" {
				if d.HasErrors() {
					t.Fatalf("unexpected errors: %s", d)
				}
				return
			}
			if !strings.Contains(d.Error(), tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, d)
			}
		})
	}
}

func TestEmptyManifest(t *testing.T) {
	_, d := book.Open(fstest.MapFS{"companion.yaml": {Data: nil}}, book.Options{})
	if !strings.Contains(d.Error(), "companion.yaml: error: companion.yaml is empty") {
		t.Errorf("got %s", d)
	}
	_, d = book.Open(fstest.MapFS{}, book.Options{})
	if !strings.Contains(d.Error(), "companion.yaml: error: file companion.yaml does not exist") {
		t.Errorf("got %s", d)
	}
}

func TestOversizedFile(t *testing.T) {
	big := "---\ntitle: A\n---\n" + strings.Repeat("x", book.MaxFileSize)
	_, d := book.Open(project(map[string]string{"chapters/a.md": big}), book.Options{})
	if !strings.Contains(d.Error(), "chapters/a.md: error: file is larger than 32 MiB") {
		t.Errorf("got %s", d)
	}
	chapter := "---\ntitle: A\n---\n" + strings.Repeat("x", book.MaxChapterSize)
	_, d = book.Open(project(map[string]string{"chapters/a.md": chapter}), book.Options{})
	if !strings.Contains(d.Error(), "chapters/a.md: error: the chapter is larger than 4 MiB") {
		t.Errorf("got %s", d)
	}
}

// Large projects load and check: 2,000 chapters, and a 4 MiB chapter.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test skipped in -short mode")
	}
	chapters := map[string]string{}
	for i := range 2000 {
		chapters[fmt.Sprintf("chapters/%04d.md", i)] = fmt.Sprintf("---\ntitle: Chapter %d\nquestions: [{id: q%d, prompt: \"Why?\"}]\n---\nText [@w, ch. %d].\n", i, i, i)
	}
	b, d := book.Open(project(chapters), book.Options{})
	if d.HasErrors() || len(b.Chapters) != 2000 {
		t.Fatalf("%d chapters, %s", len(b.Chapters), d)
	}
	para := strings.Repeat("A sentence with *italics* and a citation [@w, p. 4]. ", 20) + "\n\n"
	long := "---\ntitle: Big\n---\n" + strings.Repeat(para, (book.MaxChapterSize-20)/len(para))
	b, d = book.Open(project(map[string]string{"chapters/big.md": long}), book.Options{})
	if d.HasErrors() || len(b.Chapters[0].Body.Source) < book.MaxChapterSize-20-len(para) {
		t.Fatalf("a chapter at the limit: %s", d)
	}
}
