// Command synthetic writes a synthetic study-companion project, for
// measuring companion (and other tools) on books of any size:
//
//	go run ./cmd/synthetic -rich -chapters 100 -out /tmp/synthetic-100 -pandoc /tmp/synthetic-100-md
//	go run ./cmd/companion build /tmp/synthetic-100 --out /tmp/synthetic-100/dist
//	cd /tmp/synthetic-100-md && pandoc -f markdown --toc --toc-depth=2 -t epub3 \
//	    --epub-chapter-level=1 --metadata title=Synthetic -o /tmp/pandoc.epub chapters/*.md
//
// The project is one the benchmarks use (package book/booktest/synthetic):
// light chapters by default, or with -rich the denser ones of the README's
// comparison with pandoc (1,570 words by default). -pandoc also writes its
// chapters as plain Markdown for pandoc.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/companion-dev/companion/book/booktest/synthetic"
)

func main() {
	chapters := flag.Int("chapters", 100, "number of chapters")
	words := flag.Int("words", 0, "words per chapter, about (default 1500, or 1570 with -rich)")
	rich := flag.Bool("rich", false, "rich chapters: a citation in most sentences, footnotes, nested lists, tables, block quotes, links, code spans, 20 figures")
	out := flag.String("out", "", "folder to create (required; must not exist)")
	pandoc := flag.String("pandoc", "", "also write the chapters as plain Markdown for pandoc in this new folder")
	flag.Parse()
	if *out == "" || *chapters < 1 || *words < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synthetic -out DIR [-rich] [-chapters N] [-words W] [-pandoc DIR]")
		os.Exit(2)
	}
	project, w := synthetic.Project, 1500
	if *rich {
		project, w = synthetic.RichProject, 1570
	}
	if *words > 0 {
		w = *words
	}
	fsys, size := project(*chapters, w)
	if err := synthetic.Write(*out, fsys); err != nil {
		fmt.Fprintln(os.Stderr, "synthetic:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d chapters, %d bytes of source\n", *out, *chapters, size)
	if *pandoc != "" {
		if err := synthetic.Write(*pandoc, synthetic.ForPandoc(fsys)); err != nil {
			fmt.Fprintln(os.Stderr, "synthetic:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s: the same chapters for pandoc\n", *pandoc)
	}
}
