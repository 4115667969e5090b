package cover

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestPNG: the raster cover is a 600×900 PNG, the same bytes each time,
// with ink where the title is and paper where nothing is drawn.
func TestPNG(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	one, err := PNG(b, true)
	if err != nil {
		t.Fatal(err)
	}
	two, _ := PNG(b, true)
	if !bytes.Equal(one, two) {
		t.Error("two renders of the cover differ")
	}
	img, err := png.Decode(bytes.NewReader(one))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != Width || got.Y != Height {
		t.Errorf("size %v, want %dx%d", got, Width, Height)
	}
	inked := func(y0, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := 60; x < Width-60; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					n++
				}
			}
		}
		return n
	}
	if d := layout(b, true); inked(int(d.lines[1].y)-40, int(d.lines[1].y)) < 500 {
		t.Error("no ink where the title is")
	}
	if n := inked(450, 470); n != 0 {
		t.Errorf("%d inked pixels between the subtitle and the work, where nothing is drawn", n)
	}
	if path := os.Getenv("COVER_PNG"); path != "" { // to look at it
		os.WriteFile(path, one, 0o644)
	}
}
