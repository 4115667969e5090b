// Package parallel runs independent pieces of a build at once: chapters
// parsed by the loader, chapters and editions rendered by the layouts,
// pages compressed by the PDF writer.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// ForEach calls f(i) for every i in [0, n), on at most GOMAXPROCS goroutines
// at once, and waits for them. Layouts use it to render chapters in
// parallel: f writes only to its own slot of a slice the caller made, so
// the caller assembles the results in order and the output is the same as
// a serial render's.
//
// It returns the error of the lowest i that failed, so that which error a
// build reports does not depend on scheduling: after a failure at i, calls
// above i no longer start, but those below it still run. Once ctx is done,
// no further calls start.
func ForEach(ctx context.Context, n int, f func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var stop atomic.Int64 // the lowest index that failed, n while none has
	stop.Store(int64(n))
	fail := func(i int, err error) {
		errs[i] = err
		for {
			s := stop.Load()
			if int64(i) >= s || stop.CompareAndSwap(s, int64(i)) {
				return
			}
		}
	}
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= stop.Load() {
					return
				}
				if err := ctx.Err(); err != nil {
					fail(int(i), err)
					return
				}
				if err := f(int(i)); err != nil {
					fail(int(i), err)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// InOrder is ForEach for work whose results go out in order: it calls
// work(i) for every i in [0, n) as ForEach does, and hand(i) one at a time
// in index order, as soon as work(i) and every hand before it are done. A
// layout renders its files in parallel this way and hands each over (to be
// written) as soon as it can, so that it does not hold them all, while the
// files go out in the same order in every build.
//
// After a failure at i, hand is not called for i or above. InOrder returns
// the error of hand if one failed (every work below it succeeded), else
// ForEach's.
func InOrder(ctx context.Context, n int, work, hand func(i int) error) error {
	var mu sync.Mutex
	done := make([]bool, n)
	next := 0
	var handErr error
	err := ForEach(ctx, n, func(i int) error {
		if err := work(i); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		done[i] = true
		for handErr == nil && next < n && done[next] {
			handErr = hand(next)
			next++
		}
		return handErr
	})
	if handErr != nil {
		return handErr
	}
	return err
}
