package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
	for _, tc := range []struct {
		gogc, gomemlimit string
		percent          int
		limit            int64
	}{
		{"", "", 400, 256 << 20},
		{"50", "1GiB", 100, limit}, // the environment's: the runtime read it at start
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.gomemlimit)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(limit)
		tuneGC()
		if got := debug.SetGCPercent(100); got != tc.percent {
			t.Errorf("GOGC=%q: GC percent %d, want %d", tc.gogc, got, tc.percent)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.limit {
			t.Errorf("GOMEMLIMIT=%q: memory limit %d, want %d", tc.gomemlimit, got, tc.limit)
		}
	}
}
