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

// syntheticProject makes a project of n chapters of about words words each,
// with what real chapters hold: citations, italics, a footnote, a table,
// a block quote, an SVG image, quotes and questions. It returns the project
// and its size in bytes of source.
func syntheticProject(n, words int) (fstest.MapFS, int64) {
	fsys := fstest.MapFS{
		"references.yaml": {Data: []byte("references:\n" +
			"- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], publisher: P, issued: \"1900\"}\n" +
			"- {id: r, type: article-journal, title: A Reading, container-title: Journal, volume: \"3\", page: 1-9, author: [{family: Roe, given: Ann}], issued: \"2001\"}\n")},
		"images/fig.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#cde"/></svg>`)},
	}
	// locators vary, as in a real book, so that citations are not all one
	sentence := "The narrator returns to *the same scene* with **new** knowledge, and the reader weighs what is said against what is meant [@w, ch. %d]. "
	perSentence := len(strings.Fields(sentence))
	var contents []string
	var size int64
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Chapter %d\nstandards: [ccss-ela:RL.11-12.1]\n", i+1)
		fmt.Fprintf(&b, "quotes:\n  - {id: q%d, text: \"A quoted line.\", cite: \"@w, ch. %d\", verified: true}\n", i, i%20+1)
		fmt.Fprintf(&b, "questions:\n  - {id: a%d, prompt: \"What does it mean?\", type: analytical, bloom: analyze, standards: [ccss-ela:RL.11-12.1], quotes: [q%d], guidance: \"Look closely.\"}\n", i, i)
		fmt.Fprintf(&b, "  - {id: b%d, prompt: \"Why now?\", type: inferential, bloom: understand}\n---\n", i)
		for w := 0; w < words; w += perSentence * 6 {
			for s := range 6 {
				fmt.Fprintf(&b, sentence, (i+w+s)%24+1)
			}
			fmt.Fprintf(&b, "[@r, p. %d]\n\n", (i+w)%9+1)
			if w == 0 {
				b.WriteString("## A section\n\n> A block quote for the argument.[^1]\n\n| Term | Meaning |\n|---|---|\n| carer | one who looks after donors |\n\n![A figure](images/fig.svg)\n\n")
			}
		}
		b.WriteString("[^1]: A footnote.\n")
		p := fmt.Sprintf("chapters/%04d.md", i)
		fsys[p] = &fstest.MapFile{Data: []byte(b.String())}
		size += int64(b.Len())
		contents = append(contents, p)
	}
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte("title: Synthetic\nwork: w\nauthors: [A]\ncontents: [" + strings.Join(contents, ", ") + "]\n")}
	return fsys, size
}

func mustLoad(b *testing.B, fsys fstest.MapFS) *book.Book {
	bk, d := Load(&Project{FS: fsys}, book.CheckOptions{})
	if d.HasErrors() {
		b.Fatal(d)
	}
	return bk
}

var benchSizes = []int{10, 100}

// BenchmarkLoad measures reading and checking a project (-bench Load).
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			fsys, size := syntheticProject(n, 1500)
			b.SetBytes(size)
			for b.Loop() {
				if _, d := Load(&Project{FS: fsys}, book.CheckOptions{}); d.HasErrors() {
					b.Fatal(d)
				}
			}
		})
	}
}

// BenchmarkRender measures each format, both editions, on a book loaded
// afresh for each run (outside the timer): a book keeps the citations it
// has formatted, and a build renders a book once per format.
func BenchmarkRender(b *testing.B) {
	opt := layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(0, 0).UTC()}
	for _, n := range benchSizes {
		fsys, size := syntheticProject(n, 1500)
		for _, newLayout := range Formats {
			l := newLayout()
			b.Run(fmt.Sprintf("%s/chapters=%d", l.Name(), n), func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					b.StopTimer()
					bk := mustLoad(b, fsys)
					b.StartTimer()
					if _, _, err := l.Render(context.Background(), bk, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkBuild measures the whole build of the bundled companion, every
// output, written to a temporary folder.
func BenchmarkBuildBundled(b *testing.B) {
	out := b.TempDir()
	for b.Loop() {
		if _, err := Build(context.Background(), Bundled(), Options{OutDir: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// The synthetic project is itself valid, so the benchmarks measure real work.
func TestSyntheticProjectIsValid(t *testing.T) {
	fsys, _ := syntheticProject(3, 300)
	if _, d := Load(&Project{FS: fsys}, book.CheckOptions{}); len(d) > 0 {
		t.Fatal(d)
	}
}
