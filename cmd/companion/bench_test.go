package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkCheckBundled runs `companion check` on the bundled companion
// in-process, from the command line's entry point. What a cold process
// pays once (label tables, frameworks, the citation style) only the first
// iteration pays here: for the cold path, profile many short processes
// (perf record, README "Performance").
func BenchmarkCheckBundled(b *testing.B) {
	for b.Loop() {
		if code := run(context.Background(), []string{"check"}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("check exited %d", code)
		}
	}
}

// BenchmarkBuildSynthetic builds every output of 100 and of 1,000 light
// synthetic chapters (cmd/synthetic, made with `go run` once per size) in
// process: issue #14 asks that the 1,000 take at most ten times the 100,
// so compare the two sizes' ns/op (and profile them per chapter).
//
// On 2 December 2026 (scale12, a loaded machine) what the 1,000 cost beyond
// ten times the 100 was the collector, not the layouts: allocation was
// linear (439 MB for 100, 3.83 GB for 1,000, 8.7x) and so were the CPU
// profiles under the tests' GOGC=100 (9.4x), but the binary's tuneGC leaves
// 1,000 chapters a live heap of 100-120 MB under a 224 MiB limit, so they
// collected 49 times to the 100's 6 (17% of the CPU). A higher limit does
// not pay: GOMEMLIMIT=240MiB saved about 3% of the CPU for 264 MB of RSS.
// What is live (mem13: a heap profile written at every collection of one
// build, summed over them, which is what the collector marks): in the
// first ten collections of about 35, while every format renders, the
// EPUB's packed documents (about 20 MB), the site's pages and search
// index (15-30 MB) and, before mem13, the cartridge's pages (up to 20 MB,
// now made as each is zipped); in the rest, more than half the build, the
// PDF alone beside the book. The book is about 45 MB throughout: the
// chapters' document trees (26 MB) and their Markdown (9 MB: the trees'
// text is substrings of it; the files' raw bytes are let go after load),
// the formatted citations (4 MB). The PDF's 35-55 MB are the runs in
// flight (their sections' lines and rows, maroto's and gofpdf's
// documents: 25-35 MB, not fewer for runs of 8 handouts rather than 16)
// and the packet's compressed pages (up to 15 MB). No one holder is most
// of it.
func BenchmarkBuildSynthetic(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "src")
			gen := exec.Command("go", "run", "../synthetic", "-chapters", fmt.Sprint(n), "-out", src)
			if out, err := gen.CombinedOutput(); err != nil {
				b.Fatalf("synthetic: %v\n%s", err, out)
			}
			out := filepath.Join(b.TempDir(), "out")
			b.ResetTimer()
			for b.Loop() {
				if code := run(context.Background(), []string{"build", src, "--out", out}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("build exited %d", code)
				}
			}
		})
	}
}
