package main

import (
	"context"
	"io"
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
