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
