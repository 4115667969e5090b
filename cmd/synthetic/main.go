// Command synthetic writes a synthetic study-companion project, for
// measuring companion (and other tools) on books of any size:
//
//	go run ./cmd/synthetic -chapters 100 -words 1500 -out /tmp/synthetic-100 -pandoc /tmp/synthetic-100-md
//	go run ./cmd/companion build /tmp/synthetic-100 --out /tmp/synthetic-100/dist
//	cd /tmp/synthetic-100-md && pandoc -t epub3 --citeproc --bibliography references.yaml \
//	    --metadata title=Synthetic -o /tmp/pandoc.epub chapters/*.md
//
// The project is the one the benchmarks use (package
// book/booktest/synthetic); -pandoc also writes its chapters as plain
// Markdown for pandoc.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/companion-dev/companion/book/booktest/synthetic"
)

func main() {
	chapters := flag.Int("chapters", 100, "number of chapters")
	words := flag.Int("words", 1500, "words per chapter, about")
	out := flag.String("out", "", "folder to create (required; must not exist)")
	pandoc := flag.String("pandoc", "", "also write the chapters as plain Markdown for pandoc in this new folder")
	flag.Parse()
	if *out == "" || *chapters < 1 || *words < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synthetic -out DIR [-chapters N] [-words W]")
		os.Exit(2)
	}
	fsys, size := synthetic.Project(*chapters, *words)
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
