package book_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
)

func TestDefaultChapterID(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"chapters/03-hailsham.md", "hailsham"},
		{"chapters/03-hailsham.markdown", "hailsham"},
		{"chapters/03-Hailsham.MD", "Hailsham"},
		{"chapters/01.md", "chapter-01"},
		{"chapters/.md", "chapter"},
		{".md", "chapter"},
		{"chapters/notes.md.txt", "notes.md.txt"},
	} {
		if got := book.DefaultChapterID(tc.path); got != tc.want {
			t.Errorf("DefaultChapterID(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// A chapter an editor saved as text gets the rename that fixes it, whether
// contents names the .txt file or the .md file it should have been.
func TestChapterRenameHints(t *testing.T) {
	for _, tc := range []struct{ listed, file, hint string }{
		{"chapters/a.md.txt", "chapters/a.md.txt", "rename it to a.md (the editor saved it as text), and list that"},
		{"chapters/a.md", "chapters/a.md.txt", "rename chapters/a.md.txt to a.md (the editor saved it as text; your system may hide the .txt)"},
		{"chapters/a.txt", "chapters/a.txt", "if it holds Markdown, rename it to a.md, and list that"},
		{"chapters/a.docx", "chapters/a.docx", "chapters are Markdown files ending in .md or .markdown"},
		{"chapters/.md", "chapters/.md", "name the file after the chapter, e.g. chapters/01-introduction.md"},
	} {
		fsys := project(map[string]string{tc.file: "---\ntitle: A\n---\n"})
		fsys["companion.yaml"].Data = []byte("title: T\nwork: w\nauthors: [A]\ncontents: [" + tc.listed + "]\n")
		_, d := book.Open(fsys, book.Options{})
		var hints []string
		for _, x := range d {
			hints = append(hints, x.Hint)
		}
		if !strings.Contains(strings.Join(hints, "\n"), tc.hint) {
			t.Errorf("%s listed as %s: want the hint %q in:\n%s", tc.file, tc.listed, tc.hint, d)
		}
	}
}

// .markdown and .MD chapters load as .md chapters do, links to them
// resolve, and they are not reported as unlisted.
func TestMarkdownExtensions(t *testing.T) {
	b, d := book.Open(project(map[string]string{
		"chapters/01-one.markdown": "---\ntitle: One\n---\nOn to [two](chapters/02-two.MD).\n",
		"chapters/02-two.MD":       "---\ntitle: Two\n---\nBack to [one](chapters/01-one.markdown).\n",
	}), book.Options{})
	if len(d) != 0 {
		t.Fatalf("diagnostics: %s", d)
	}
	if len(b.Chapters) != 2 || b.Chapters[0].ID != "one" || b.Chapters[1].ID != "two" {
		t.Errorf("chapters: %+v", b.Chapters)
	}
}
