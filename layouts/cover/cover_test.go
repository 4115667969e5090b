package cover

import (
	"bytes"
	"image"
	"image/color"
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

// TestPNGPixels: the PNG is paletted, a byte a pixel, and has every pixel
// of the cover as drawn, for both editions' covers.
func TestPNGPixels(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	for _, teacher := range []bool{false, true} {
		drawn, err := picture(b, teacher)
		if err != nil {
			t.Fatal(err)
		}
		data, err := PNG(b, teacher)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := img.(*image.Paletted); !ok {
			t.Errorf("teacher %v: the PNG decodes to a %T, want a paletted image", teacher, img)
		}
		if img.Bounds() != drawn.Bounds() {
			t.Fatalf("teacher %v: the PNG is %v, the drawing %v", teacher, img.Bounds(), drawn.Bounds())
		}
		differ := 0
		for y := 0; y < Height; y++ {
			for x := 0; x < Width; x++ {
				if color.RGBAModel.Convert(img.At(x, y)) != drawn.RGBAAt(x, y) {
					differ++
				}
			}
		}
		if differ > 0 {
			t.Errorf("teacher %v: %d pixels of the PNG differ from the drawing", teacher, differ)
		}
	}
}

// TestPaletted: a picture of up to 256 colours becomes a paletted image
// with the same pixels; one of more stays as it is (paletted gives nil).
func TestPaletted(t *testing.T) {
	for _, tc := range []struct {
		colours int
		ok      bool
	}{{1, true}, {2, true}, {256, true}, {257, false}, {1000, false}} {
		img := image.NewRGBA(image.Rect(0, 0, 40, 30))
		for i := range 40 * 30 {
			n := i % tc.colours
			img.SetRGBA(i%40, i/40, color.RGBA{uint8(n), uint8(n >> 8), 0x80, 0xff})
		}
		p := paletted(img)
		if (p != nil) != tc.ok {
			t.Errorf("%d colours: paletted gave an image %v, want %v", tc.colours, p != nil, tc.ok)
			continue
		}
		if p == nil {
			continue
		}
		if len(p.Palette) != tc.colours {
			t.Errorf("%d colours: a palette of %d", tc.colours, len(p.Palette))
		}
		for y := range 30 {
			for x := range 40 {
				if got, want := color.RGBAModel.Convert(p.At(x, y)), img.RGBAAt(x, y); got != want {
					t.Fatalf("%d colours: pixel (%d,%d) is %v, want %v", tc.colours, x, y, got, want)
				}
			}
		}
	}
}
