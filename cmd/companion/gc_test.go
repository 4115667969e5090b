package main

import (
	"math"
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
		{"", "", 400, memoryLimit},
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

// check turns the collector's pacing off only under a memory limit, and
// never against the environment's GOGC.
func TestCollectOnlyAtLimit(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
	for _, tc := range []struct {
		gogc    string
		limit   int64
		percent int
	}{
		{"", memoryLimit, -1},
		{"", math.MaxInt64, 400}, // no limit: a collector that never ran would grow without bound
		{"200", memoryLimit, 400},
	} {
		t.Setenv("GOGC", tc.gogc)
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(tc.limit)
		collectOnlyAtLimit()
		if got := debug.SetGCPercent(100); got != tc.percent {
			t.Errorf("GOGC=%q, limit %d: GC percent %d, want %d", tc.gogc, tc.limit, got, tc.percent)
		}
	}
}

func TestNextMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	const limit = memoryLimit // 224 MiB
	for _, tc := range []struct{ live, limit, want int64 }{
		{10 * mib, limit, limit},             // the bundled companion
		{166 * mib, limit, limit},            // a thousand rich chapters, as measured
		{192 * mib, limit, limit},            // past three quarters, not past moveAbove: still the limit
		{200 * mib, limit, 400 * mib},        // past both: twice what lives
		{1200 * mib, 400 * mib, 2400 * mib},  // a 30 MB bibliography
		{1500 * mib, 2400 * mib, 2400 * mib}, // still within it: kept
		{300 * mib, 2400 * mib, 600 * mib},   // the peak passed: down to twice what lives
		{300 * mib, 600 * mib, 600 * mib},    // and kept there
		{50 * mib, 600 * mib, limit},         // never below the limit tuneGC sets
		{100 * mib, limit, limit},
	} {
		if got := nextMemoryLimit(tc.live, tc.limit); got != tc.want {
			t.Errorf("nextMemoryLimit(%d MiB, %d MiB) = %d MiB, want %d MiB", tc.live/mib, tc.limit/mib, got/mib, tc.want/mib)
		}
	}
}
