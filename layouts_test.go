package companion

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/layouts"
)

// Every layout hands its files over one at a time, in the same order
// whatever the scheduling, so that a build stages each as it is done and
// lists them in a fixed order.
func TestLayoutsHandOverFilesInAFixedOrder(t *testing.T) {
	fsys, _ := synthetic.Project(5, 200)
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	opt := layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(0, 0).UTC()}
	for _, newLayout := range Formats {
		l := newLayout()
		order := func(procs int) []string {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var paths []string
			var busy atomic.Int32
			_, err := l.Render(context.Background(), b, opt, func(f layouts.File) error {
				if busy.Add(1) != 1 {
					t.Errorf("%s: two files handed over at once", l.Name())
				}
				paths = append(paths, f.Path)
				busy.Add(-1)
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", l.Name(), err)
			}
			return paths
		}
		serial, parallel := order(1), order(4)
		if len(serial) < 2 || !slices.Equal(serial, parallel) {
			t.Errorf("%s hands over\n%q serially and\n%q in parallel", l.Name(), serial, parallel)
		}
	}
}

// A file the sink refuses (the output folder is full) ends the render:
// the layout hands over nothing more and returns the sink's error.
func TestLayoutsStopAtTheSinksError(t *testing.T) {
	fsys, _ := synthetic.Project(5, 200)
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	full := errors.New("no space left on device")
	opt := layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(0, 0).UTC()}
	for _, newLayout := range Formats {
		l := newLayout()
		var calls int
		_, err := l.Render(context.Background(), b, opt, func(layouts.File) error {
			calls++
			if calls == 2 {
				return full
			}
			return nil
		})
		if !errors.Is(err, full) {
			t.Errorf("%s returned %v, want the sink's error", l.Name(), err)
		}
		if calls != 2 {
			t.Errorf("%s handed over %d files, want 2: none after the refused one", l.Name(), calls)
		}
	}
}
