// Command pdfua checks PDF files against the machine-checkable failure
// conditions of PDF/UA-1 (the Matterhorn Protocol's), one finding a line:
//
//	FILE: CHECKPOINT: [page N: ]MESSAGE
//
// It exits 0 when no file has a finding, 1 when one has, and 2 when a file
// cannot be read or no file is named.
//
//	go run ./cmd/pdfua dist/*.pdf dist/handouts/*.pdf dist/teacher/*.pdf
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/companion-dev/companion/layouts/pdf/pdfua"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: pdfua FILE.pdf...")
		return 2
	}
	status := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "pdfua: %v\n", err)
			status = 2
			continue
		}
		findings, err := pdfua.Check(data)
		if err != nil {
			fmt.Fprintf(stderr, "pdfua: %s: %v\n", name, err)
			status = 2
			continue
		}
		for _, f := range findings {
			fmt.Fprintf(stdout, "%s: %s\n", name, f)
		}
		if len(findings) > 0 && status == 0 {
			status = 1
		}
	}
	return status
}
