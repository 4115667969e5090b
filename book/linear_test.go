package book_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
)

// linearInputs are chapters that cost quadratic time in naive Markdown
// handling: each must load and check in time linear in its size.
var linearInputs = []struct {
	name    string
	body    func() string
	refused bool // an error is the right answer
}{
	{"citations-20000-in-one-paragraph", func() string {
		return strings.Repeat("A claim [@w, p. 4]. ", 20000) + "\n"
	}, false},
	{"footnotes-100000", func() string {
		var b strings.Builder
		for i := range 100000 {
			fmt.Fprintf(&b, "Text[^n%d].\n\n", i)
		}
		for i := range 100000 {
			fmt.Fprintf(&b, "[^n%d]: Note %d.\n\n", i, i)
		}
		return b.String()
	}, false},
	{"link-definitions-100000", func() string {
		var b strings.Builder
		for i := range 100000 {
			fmt.Fprintf(&b, "[a][d%d]\n\n", i)
		}
		for i := range 100000 {
			fmt.Fprintf(&b, "[d%d]: https://e.io/%d\n", i, i)
		}
		return b.String()
	}, false},
	{"list-nested-3000-deep", func() string {
		var b strings.Builder
		for i := range 3000 {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}, true},
}

// BenchmarkLinear loads and checks each of linearInputs: each well under a
// second on the 2-core machine. Each input must be one the book accepts
// (within the chapter size limit, say), or the benchmark would time a
// refusal.
func BenchmarkLinear(b *testing.B) {
	for _, in := range linearInputs {
		fsys := project(map[string]string{"chapters/a.md": "---\ntitle: A\n---\n" + in.body()})
		b.Run(in.name, func(b *testing.B) {
			if _, d := book.Open(fsys, book.Options{}); d.HasErrors() != in.refused {
				b.Fatalf("want an error: %v; got:\n%s", in.refused, d)
			}
			for b.Loop() {
				book.Open(fsys, book.Options{})
			}
		})
	}
}
