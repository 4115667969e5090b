package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestForEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		calls := make([]atomic.Int32, n)
		if err := ForEach(context.Background(), n, func(i int) error { calls[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

func TestForEachIsBounded(t *testing.T) {
	var running, most atomic.Int32
	ForEach(context.Background(), 200, func(int) error {
		r := running.Add(1)
		for {
			m := most.Load()
			if r <= m || most.CompareAndSwap(m, r) {
				break
			}
		}
		runtime.Gosched()
		running.Add(-1)
		return nil
	})
	if m := most.Load(); int(m) > runtime.GOMAXPROCS(0) {
		t.Errorf("%d calls at once, GOMAXPROCS is %d", m, runtime.GOMAXPROCS(0))
	}
}

// The error reported is the lowest index's, whatever the scheduling.
func TestForEachReportsTheFirstError(t *testing.T) {
	for range 50 {
		err := ForEach(context.Background(), 40, func(i int) error {
			switch i {
			case 3: // fails last
				time.Sleep(time.Millisecond)
				return fmt.Errorf("chapter %d", i)
			case 30:
				return fmt.Errorf("chapter %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "chapter 3" {
			t.Fatalf("got %v, want chapter 3", err)
		}
	}
}

func TestForEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	err := ForEach(ctx, 100, func(int) error { calls.Add(1); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if c := calls.Load(); c != 0 {
		t.Errorf("%d calls after cancel", c)
	}
}

// Results are handed over in index order, one at a time, even when later
// work finishes first.
func TestInOrderHandsOverInOrder(t *testing.T) {
	for range 20 {
		var handed []int
		var busy atomic.Int32
		err := InOrder(context.Background(), 30, func(i int) error {
			if i%7 == 0 {
				time.Sleep(200 * time.Microsecond) // finishes after those above it
			}
			return nil
		}, func(i int) error {
			if busy.Add(1) != 1 {
				t.Error("two hands at once")
			}
			handed = append(handed, i)
			busy.Add(-1)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(handed) != 30 {
			t.Fatalf("handed %v, want 0 to 29", handed)
		}
		for i, h := range handed {
			if h != i {
				t.Fatalf("handed %v, want 0 to 29 in order", handed)
			}
		}
	}
}

// A failed work stops the hand-over before it; a failed hand stops it
// there, and its error is the one returned.
func TestInOrderStopsAtAFailure(t *testing.T) {
	for _, tc := range []struct {
		name             string
		failWork, failAt int // -1: none
		want             string
		handed           int
	}{
		{"work fails", 5, -1, "work 5", 5},
		{"hand fails", -1, 4, "hand 4", 4},
		{"hand fails before a failed work", 9, 4, "hand 4", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var handed atomic.Int32
			err := InOrder(context.Background(), 12, func(i int) error {
				if i == tc.failWork {
					return fmt.Errorf("work %d", i)
				}
				return nil
			}, func(i int) error {
				if i == tc.failAt {
					return fmt.Errorf("hand %d", i)
				}
				handed.Add(1)
				return nil
			})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %s", err, tc.want)
			}
			if h := handed.Load(); int(h) != tc.handed {
				t.Errorf("handed %d, want %d", h, tc.handed)
			}
		})
	}
}
