package pdf

import (
	"fmt"
	"math"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/svg"
)

// TestSVGPrintSize: an SVG the PDF rasterises (it has a gradient) prints
// at most the measure wide and a page tall at printDPI, whatever size it
// claims, and keeps its proportions.
func TestSVGPrintSize(t *testing.T) {
	for _, tc := range []struct {
		w, h    float64
		px      [2]int
		widthMM float64
	}{
		{96, 48, [2]int{300, 150}, 25.4},                     // 1 inch wide at 96 user units an inch
		{1e9, 5e8, [2]int{2008, 1004}, 170},                  // as wide as the measure
		{100, 10000, [2]int{35, 3508}, 35 * 25.4 / printDPI}, // as tall as an A4 page
	} {
		t.Run(fmt.Sprintf("%v×%v", tc.w, tc.h), func(t *testing.T) {
			s, d := svg.Read("x.svg", []byte(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%v" height="%v"><linearGradient id="g"/><rect width="1" height="1" fill="url(#g)"/></svg>`, tc.w, tc.h)))
			if d.HasErrors() {
				t.Fatal(d)
			}
			pi, err := toPrint(&book.Image{Path: "x.svg", MediaType: "image/svg+xml", SVG: s, Data: s.Data}, 170)
			if err != nil {
				t.Fatal(err)
			}
			if pi.drawing != nil {
				t.Fatal("drawn as vectors, want a raster")
			}
			if pi.px.X != tc.px[0] || pi.px.Y != tc.px[1] || math.Abs(pi.widthMM-tc.widthMM) > 0.01 {
				t.Errorf("%d × %d px, %.2f mm wide; want %v px, %.2f mm", pi.px.X, pi.px.Y, pi.widthMM, tc.px, tc.widthMM)
			}
		})
	}
}

// TestSVGPrintsAsVectors: an SVG of flat shapes is resolved for drawing,
// not rasterised, at its own size (up to the measure) and proportions.
func TestSVGPrintsAsVectors(t *testing.T) {
	s, d := svg.Read("x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="192" height="48"><rect width="1" height="1"/></svg>`))
	if d.HasErrors() {
		t.Fatal(d)
	}
	pi, err := toPrint(&book.Image{Path: "x.svg", MediaType: "image/svg+xml", SVG: s, Data: s.Data}, 170)
	if err != nil {
		t.Fatal(err)
	}
	if pi.drawing == nil || pi.data != nil {
		t.Fatalf("drawing %v, %d bytes of raster; want a drawing and no raster", pi.drawing, len(pi.data))
	}
	if math.Abs(pi.widthMM-50.8) > 0.01 || pi.aspect() != 0.25 {
		t.Errorf("%.2f mm wide, aspect %v; want 50.80 mm, 0.25", pi.widthMM, pi.aspect())
	}
}
