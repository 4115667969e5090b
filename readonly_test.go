package companion

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/layouts"
)

// TestOneBookRendersTwiceAtOnce renders one opened *Book in every format
// and edition twice at the same time and wants the same bytes: the book
// is read-only once book.Open returns it, so no layout may change it (run
// with -race, which reports any write a render makes while the other reads).
func TestOneBookRendersTwiceAtOnce(t *testing.T) {
	fsys, _ := synthetic.Project(3, 300)
	b := booktest.MustOpen(t, fsys, book.Options{})
	opt := layouts.Resolve(b, layouts.Options{Date: booktest.Date, Version: "test"})
	renders := make([][]layouts.File, 2)
	var wg sync.WaitGroup
	for i := range renders {
		wg.Go(func() {
			for _, newLayout := range Formats {
				l := newLayout()
				files, _, err := layouts.Collect(context.Background(), l, b, opt)
				if err != nil {
					t.Errorf("%s: %v", l.Name(), err)
				}
				renders[i] = append(renders[i], files...)
			}
		})
	}
	wg.Wait()
	first, second := renders[0], renders[1]
	if len(first) < 4 || len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for i := range first {
		if first[i].Path != second[i].Path || !bytes.Equal(first[i].Data, second[i].Data) {
			t.Errorf("%s differs between two renders of one book", first[i].Path)
		}
	}
}
