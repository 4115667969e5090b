// Command synthetic writes a synthetic study-companion project, for
// measuring companion (and other tools) on books of any size:
//
//	go run ./cmd/synthetic -chapters 100 -words 1500 -out /tmp/synthetic-100
//	go run ./cmd/companion build /tmp/synthetic-100 --out /tmp/synthetic-100/dist
//
// The project is the one the benchmarks use (package
// book/booktest/synthetic).
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
}
