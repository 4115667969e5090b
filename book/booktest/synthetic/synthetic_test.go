package synthetic

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestProjectSize(t *testing.T) {
	fsys, size := Project(3, 300)
	var sum int64
	chapters := 0
	for name, f := range fsys {
		sum += int64(len(f.Data))
		if strings.HasPrefix(name, "chapters/") {
			chapters++
			if words := len(strings.Fields(string(f.Data))); words < 300 {
				t.Errorf("%s: %d words, want at least 300", name, words)
			}
		}
	}
	if chapters != 3 || sum != size {
		t.Errorf("%d chapters, %d bytes; want 3 chapters and the %d bytes reported", chapters, sum, size)
	}
}

// pandoc gets each chapter's body, headed by its title, and nothing of the
// front matter.
func TestForPandoc(t *testing.T) {
	fsys, _ := Project(2, 100)
	md := ForPandoc(fsys)
	for i := range 2 {
		name := fmt.Sprintf("chapters/%04d.md", i)
		got := string(md[name].Data)
		want := fmt.Sprintf("# Chapter %d\n\n", i+1)
		if !strings.HasPrefix(got, want) {
			t.Errorf("%s starts %q, want %q", name, got[:min(len(got), 20)], want)
		}
		if strings.Contains(got, "questions:") || strings.Contains(got, "---\n") {
			t.Errorf("%s keeps front matter", name)
		}
		_, body, _ := strings.Cut(string(fsys[name].Data)[4:], "\n---\n")
		if !strings.HasSuffix(got, body) {
			t.Errorf("%s: the body differs from the project's", name)
		}
	}
	if md["references.yaml"] == nil || md["images/fig.svg"] == nil || md["companion.yaml"] != nil {
		t.Error("want the references and the figure, and no manifest")
	}
}

func TestWriteRefusesAnExistingFolder(t *testing.T) {
	dir := t.TempDir()
	fsys, _ := Project(1, 10)
	if err := Write(dir, fsys); err == nil {
		t.Error("wrote into an existing folder")
	}
	out := filepath.Join(dir, "new")
	if err := Write(out, fsys); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "chapters", "0000.md")); err != nil {
		t.Error(err)
	}
}

// A rich chapter holds what the benchmark asks for, in about the
// words asked.
func TestRichProject(t *testing.T) {
	sentenceEnd := regexp.MustCompile(`[.?)] +[A-Z]`)
	fsys, size := RichProject(25, 1570)
	var sum int64
	for _, f := range fsys {
		sum += int64(len(f.Data))
	}
	if sum != size {
		t.Errorf("%d bytes, want the %d reported", sum, size)
	}
	figures := map[string]bool{}
	for i := range 25 {
		text := string(fsys[chapterPath(i)].Data)
		_, body, _ := strings.Cut(text[4:], "\n---\n")
		if words := len(strings.Fields(body)); words < 1570 || words > 1900 {
			t.Errorf("chapter %d: %d words, want about 1,570", i, words)
		}
		for _, want := range []string{"[^c", "\n  - ", "\n  1. ", "|---|", "\n> ", "](https://", "](chapters/", "`"} {
			if !strings.Contains(body, want) {
				t.Errorf("chapter %d has no %q", i, want)
			}
		}
		sentences, cited := 0, 0
		for _, p := range strings.Split(body, "\n\n") {
			if p == "" || strings.ContainsAny(p[:1], "#-|>![") { // not a paragraph
				continue
			}
			for _, s := range sentenceEnd.Split(p, -1) {
				sentences++
				if strings.Contains(s, "[@") {
					cited++
				}
			}
		}
		if cited*4 < sentences*3 {
			t.Errorf("chapter %d: %d of %d sentences cite, want most", i, cited, sentences)
		}
		for _, m := range strings.Split(body, "](images/")[1:] {
			name, _, _ := strings.Cut(m, ")")
			figures[name] = true
			if fsys["images/"+name] == nil {
				t.Errorf("chapter %d shows images/%s, which is not in the project", i, name)
			}
		}
	}
	if len(figures) != richFigures {
		t.Errorf("%d distinct figures, want %d", len(figures), richFigures)
	}
	md := ForPandoc(fsys)
	if md[richFigure(19)] == nil || md["references.yaml"] == nil {
		t.Error("pandoc's copy lacks the figures or the references")
	}
}
