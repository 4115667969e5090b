package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/svg"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// mapSVG is a labelled map: a background, roads as stroked paths (an arc
// among them), a translucent pond, buildings and their names.
const mapSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 240 120">
<style>.road { fill: none; stroke: #8a5a2b; stroke-width: 4 } .label { font-size: 9px; fill: #222 }</style>
<rect width="240" height="120" fill="#d8ecd0"/>
<path class="road" d="M0 90 C60 70 120 110 240 80"/>
<path class="road" d="M120 0 V40 a30 30 0 0 0 30 30 H240"/>
<ellipse cx="60" cy="40" rx="30" ry="16" fill="#3a7bd5" opacity="0.6"/>
<g fill="#7a2e2e"><rect x="160" y="20" width="36" height="22" rx="3"/><polygon points="20,100 40,100 30,84"/></g>
<text class="label" x="178" y="54" text-anchor="middle">Hailsham House</text>
<text class="label" x="60" y="62" text-anchor="middle" font-style="italic">The pond</text>
<text class="label" x="44" y="114">Sports <tspan font-weight="bold">pavilion</tspan></text>
</svg>`

// figureProject is a one-chapter project whose figure is the drawing.
func figureProject(t testing.TB, drawing string) *book.Book {
	t.Helper()
	fsys, _ := synthetic.Project(1, 40)
	fsys["images/fig.svg"].Data = []byte(drawing)
	return booktest.MustOpen(t, fsys, book.Options{})
}

const figureHandout = "handouts/01-chapter-0000.pdf"

// TestFigureDrawsVectors: an SVG prints as paths and text: its labels are
// in the text layer, in the embedded fonts, and no picture is embedded;
// qpdf and the font checks find nothing wrong.
func TestFigureDrawsVectors(t *testing.T) {
	files, _, diags := renderFiles(t, figureProject(t, mapSVG), options(layouts.Student, "letter", false))
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	data := files[figureHandout].Data
	if data == nil {
		t.Fatalf("no %s", figureHandout)
	}
	if imgs := regexp.MustCompile(`/I[0-9a-f]+ \d+ 0 R`).FindAll(data, -1); len(imgs) > 0 {
		t.Errorf("pictures embedded: %s", imgs)
	}
	text := pdftotext(t, data)
	for _, label := range []string{"Hailsham House", "The pond", "Sports pavilion"} {
		if !strings.Contains(text, label) {
			t.Errorf("the text layer lacks %q:\n%s", label, text)
		}
	}
	checkPDF(t, data, "Hailsham House")
}

// TestFigureTextPlacement: a drawing's text stands where the drawing puts
// it among its shapes: each word's box, from pdftotext, against the
// drawing's background found on the page at 100 dpi.
func TestFigureTextPlacement(t *testing.T) {
	files, _, _ := renderFiles(t, figureProject(t, mapSVG), options(layouts.Student, "letter", false))
	data := files[figureHandout].Data
	box := figurePage(t, data, [3]uint8{0xd8, 0xec, 0xd0}).Bounds()
	left, top := float64(box.Min.X)*0.72, float64(box.Min.Y)*0.72 // points
	words := map[string][4]float64{}
	re := regexp.MustCompile(`xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<`)
	for _, m := range re.FindAllStringSubmatch(pdftotext(t, data, "-bbox"), -1) {
		var v [4]float64
		for i := range v {
			fmt.Sscan(m[i+1], &v[i])
		}
		words[m[5]] = v
	}
	// User units are 2 CSS pixels (the viewBox is half the size), 1.5 pt.
	const pt = 1.5
	for _, tc := range []struct {
		name     string
		x        float64 // where the drawing puts it, user units
		baseline float64
	}{
		{"Hailsham House", 178, 54}, // centred
		{"The pond", 60, 62},        // centred
		{"Sports", 44, 114},         // from its start
	} {
		first, last := strings.Fields(tc.name)[0], strings.Fields(tc.name)[len(strings.Fields(tc.name))-1]
		a, ok1 := words[first]
		b, ok2 := words[last]
		if !ok1 || !ok2 {
			t.Errorf("no %q in the text layer", tc.name)
			continue
		}
		x := a[0] - left
		if first != last {
			x = (a[0]+b[2])/2 - left
		}
		if math.Abs(x-tc.x*pt) > 2 {
			t.Errorf("%q is at %.1f pt across the drawing, want %.1f", tc.name, x, tc.x*pt)
		}
		// The word's box ends below the baseline by the descent (and the
		// drawing's edge is found to a pixel of 100 dpi, 0.72 pt).
		if bottom := a[3] - top; bottom < tc.baseline*pt || bottom > tc.baseline*pt+5+0.72 {
			t.Errorf("%q ends %.1f pt down the drawing, want its baseline at %.1f", tc.name, bottom, tc.baseline*pt)
		}
	}
}

// checkPDF runs the project's own PDF check (.ci/check-pdf) on data.
func checkPDF(t *testing.T, data []byte, texts ...string) {
	t.Helper()
	tool(t, "qpdf")
	tool(t, "pdffonts")
	f := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", append([]string{"../../.ci/check-pdf", f}, texts...)...).CombinedOutput()
	if err != nil {
		t.Errorf("check-pdf: %v\n%s", err, out)
	}
}

// shapesSVG is shapes only, so that the rasteriser, which draws no text,
// draws all of it; at one CSS pixel to the user unit, since the
// rasteriser does not scale strokes with a viewBox.
const shapesSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240">
<rect width="480" height="240" fill="#f4e3c1"/>
<circle cx="100" cy="120" r="70" fill="#1f4e79"/>
<path d="M220 200 L300 40 L380 200 Z" fill="#c0392b" stroke="#222" stroke-width="6" stroke-linejoin="round"/>
<path d="M400 40 a40 40 0 1 1 0 80" fill="none" stroke="#2e7d32" stroke-width="12"/>
<ellipse cx="240" cy="220" rx="220" ry="8" fill="#555"/>
</svg>`

// TestFigurePixels: the vectors land where the rasteriser puts the same
// shapes: the page at 100 dpi, cropped to the drawing's background,
// differs from oksvg's picture of the drawing by little on average.
func TestFigurePixels(t *testing.T) {
	files, _, _ := renderFiles(t, figureProject(t, shapesSVG), options(layouts.Student, "letter", false))
	page := figurePage(t, files[figureHandout].Data, [3]uint8{0xf4, 0xe3, 0xc1})
	img, d := svg.Read("x.svg", []byte(shapesSVG))
	if img == nil {
		t.Fatal(d)
	}
	b := page.Bounds()
	// 480 CSS pixels are 5 inches: 500 pixels at 100 dpi, 250 tall.
	if math.Abs(float64(b.Dx())-500) > 2 || math.Abs(float64(b.Dy())-250) > 2 {
		t.Errorf("the figure prints %d × %d pixels at 100 dpi, want 500 × 250", b.Dx(), b.Dy())
	}
	want, err := img.Rasterize(b.Dx(), b.Dy())
	if err != nil {
		t.Fatal(err)
	}
	// 1.1 here; a circle drawn from the wrong start point makes it 2.1.
	if diff := meanDifference(page, want); diff > 1.5 {
		t.Errorf("the figure differs from the rasteriser's by %.2f levels on average (of 255), want under 1.5", diff)
	}
	// The comparison sees a misplaced shape: the same picture shifted.
	if diff := meanDifference(page, shifted(want, b.Dx()/20)); diff < 12 {
		t.Errorf("a picture shifted by 5%% differs by only %.1f levels: the test cannot see misplaced shapes", diff)
	}
}

// figurePage renders every page of a PDF at 100 dpi and returns the
// region covered by the drawing's background colour.
func figurePage(t *testing.T, data []byte, bg [3]uint8) image.Image {
	t.Helper()
	tool(t, "pdftoppm")
	dir := t.TempDir()
	f := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "100", "-png", f, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		box := image.Rectangle{}
		b := m.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := m.At(x, y).RGBA()
				if near(r, bg[0]) && near(g, bg[1]) && near(bl, bg[2]) {
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if box.Dx() > 50 {
			return m.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(box)
		}
	}
	t.Fatal("no page shows the drawing's background")
	return nil
}

func near(c uint32, want uint8) bool { return math.Abs(float64(c>>8)-float64(want)) < 6 }

// meanDifference is the mean absolute difference of two pictures of the
// same size, per channel, in levels of 255.
func meanDifference(a, b image.Image) float64 {
	ab, bb := a.Bounds(), b.Bounds()
	sum, n := 0.0, 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			for _, d := range []float64{float64(r1) - float64(r2), float64(g1) - float64(g2), float64(b1) - float64(b2)} {
				sum += math.Abs(d) / 257
				n++
			}
		}
	}
	return sum / float64(n)
}

// shifted is m moved dx pixels right, white where it uncovers.
func shifted(m *image.RGBA, dx int) *image.RGBA {
	out := image.NewRGBA(m.Bounds())
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x+dx < b.Max.X; x++ {
			out.Set(x+dx, y, m.At(x, y))
		}
	}
	return out
}

// TestFigureFallsBack: a drawing with a gradient prints as a picture, and
// the PDF says why at the image's place in the chapter.
func TestFigureFallsBack(t *testing.T) {
	drawing := `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">
<linearGradient id="sky"><stop offset="0" stop-color="#9cf"/><stop offset="1" stop-color="#fff"/></linearGradient>
<rect width="120" height="60" fill="url(#sky)"/><text x="4" y="30">Norfolk</text></svg>`
	files, _, diags := renderFiles(t, figureProject(t, drawing), options(layouts.Student, "letter", false))
	var warnings []string
	for _, d := range diags {
		warnings = append(warnings, strings.SplitN(d.String(), "\n", 2)[0])
	}
	want := "chapters/0000.md:20:1: warning: image images/fig.svg: the PDF prints this SVG as a picture, without its text, because it uses gradients (line 3), which the handouts cannot draw as lines and text"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(warnings, "\n"), want)
	}
	if len(diags) == 1 && !strings.Contains(diags[0].Hint, "flat colours") {
		t.Errorf("hint %q", diags[0].Hint)
	}
	if imgs := regexp.MustCompile(`/I[0-9a-f]+ \d+ 0 R`).FindAll(files[figureHandout].Data, -1); len(imgs) != 1 {
		t.Errorf("%d pictures embedded, want the figure's", len(imgs))
	}
	checkPDF(t, files[figureHandout].Data)
}

// BenchmarkFigures: 20 distinct drawings (the synthetic rich project's)
// resolved and drawn into one document, against rasterising them at
// printDPI and encoding the PNG, as the PDF did for every SVG before it
// drew vectors.
func BenchmarkFigures(b *testing.B) {
	fsys, _ := synthetic.RichProject(1, 100)
	var images []*book.Image
	for f := range 20 {
		p := fmt.Sprintf("images/fig-%02d.svg", f)
		s, d := svg.Read(p, fsys[p].Data)
		if s == nil {
			b.Fatal(d)
		}
		images = append(images, &book.Image{Path: p, MediaType: "image/svg+xml", SVG: s, Data: s.Data})
	}
	g := newGeometry("letter")
	b.Run("vectors", func(b *testing.B) {
		for b.Loop() {
			fonts := richtext.Serif()
			pr := &prose{setter: &setter{fonts: fonts, g: g}, gl: &glyphs{fonts: fonts, diags: &diag.List{}, seen: map[string]bool{}}}
			var rows []*row
			for _, img := range images {
				pi, err := toPrint(img, g.measure())
				if err != nil || pi.drawing == nil {
					b.Fatal(err)
				}
				w := pi.widthMM
				rows = append(rows, &row{h: w*pi.aspect() + 2, ops: pr.figureOps(pi.drawing, g.left, 1, w, w*pi.aspect(), diag.Pos{})})
			}
			if _, err := render(g, paginate(&section{rows: rows}, g), false); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/20, "ms/figure")
	})
	b.Run("raster", func(b *testing.B) {
		for b.Loop() {
			for _, img := range images {
				w := min(g.measure(), img.SVG.Width*25.4/96)
				px := int(math.Round(w / 25.4 * printDPI))
				m, err := img.SVG.Rasterize(px, int(float64(px)*img.SVG.Height/img.SVG.Width))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := encodePNG(m); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/20, "ms/figure")
	})
}

// TestFigureGlyphsEmbedded: the font sheet holds the characters only a
// figure draws, in the styles it draws them (the packet is drawn in runs,
// each embedding the sheet's fonts), so every file maps each glyph.
func TestFigureGlyphsEmbedded(t *testing.T) {
	defer func(n int) { runChapters = n }(runChapters)
	runChapters = 1
	drawing := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">
<text x="4" y="20">Łódź Ωμέγα</text><text x="4" y="40" font-weight="bold" font-style="italic">Ðé ŷ Жук</text></svg>`
	fsys, _ := synthetic.Project(3, 40)
	fsys["images/fig.svg"].Data = []byte(drawing)
	files, order, _ := renderFiles(t, booktest.MustOpen(t, fsys, book.Options{}), options(layouts.All, "letter", false))
	for _, p := range order {
		drawn, missing := unmappedGlyphs(t, files[p].Data)
		if drawn == 0 {
			t.Errorf("%s: no text found", p)
		}
		for _, m := range missing {
			t.Errorf("%s: %s", p, m)
		}
	}
	if text := pdftotext(t, files[figureHandout].Data); !strings.Contains(text, "Ωμέγα") || !strings.Contains(text, "Жук") {
		t.Errorf("the figure's text is not in the text layer:\n%s", text)
	}
}
