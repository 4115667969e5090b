package pdf

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decode JPEGs that must be re-encoded
	"image/png"
	"math"
	"path"
	"sort"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/svg"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
)

// printImage is an image as the PDF embeds it: PNG or JPEG bytes and their
// pixel size, and the size it prints at.
type printImage struct {
	path string
	data []byte
	ext  extension.Type
	px   image.Point
	// natural print width in mm (before fitting the measure)
	widthMM float64
	// problem, when set, is why the image cannot print as it should; the
	// handout reports it where the image is used.
	problem string
	failed  bool // nothing to draw
	// drawing is an SVG printed as vectors (figure.go), with no raster;
	// missing, for an SVG printed as a raster, is the features that made it
	// one, and hasText whether the raster leaves words out.
	drawing *svg.Drawing
	missing []svg.Feature
	hasText bool
}

// aspect is the image's height over its width.
func (pi *printImage) aspect() float64 {
	if pi.drawing != nil {
		return pi.drawing.Height / pi.drawing.Width
	}
	return float64(pi.px.Y) / float64(pi.px.X)
}

// printDPI is the resolution SVG drawings are rasterised at.
const printDPI = 300

// prepareImages converts every image of the book once per render: PNG and
// JPEG pass through as they are (unless gofpdf cannot read them), SVG is
// resolved for drawing as vectors, or rasterised for print if it uses
// what the vectors cannot draw.
func prepareImages(b *book.Book, measure float64) (map[string]*printImage, error) {
	paths := make([]string, 0, len(b.Images))
	for p := range b.Images {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out := map[string]*printImage{}
	var list []*printImage
	for _, p := range paths {
		img := b.Images[p]
		pi, err := toPrint(img, measure)
		switch {
		case errors.Is(err, svg.ErrNotDrawn):
			pi = &printImage{path: p, failed: true} // check warned
		case err != nil:
			pi = &printImage{path: p, failed: true, problem: err.Error()}
		}
		out[p] = pi
		if !pi.failed && pi.drawing == nil {
			list = append(list, pi)
		}
	}
	// JPEGs first: they keep their width and bytes, and a PNG is padded
	// instead (losslessly) when two widths meet.
	sort.SliceStable(list, func(i, j int) bool { return list[i].ext == extension.Jpg && list[j].ext != extension.Jpg })
	distinctWidths(list)
	return out, nil
}

// maxPrintH is the tallest an SVG is rasterised: an A4 page (the taller
// paper) at printDPI, so that a tall drawing costs no more than a page.
const maxPrintH = 297 * printDPI / 25.4

func toPrint(img *book.Image, measure float64) (*printImage, error) {
	pi := &printImage{path: img.Path}
	switch img.MediaType {
	case "image/svg+xml":
		if img.SVG == nil {
			return nil, fmt.Errorf("the SVG was not read")
		}
		d := img.SVG.Drawing()
		w, h := d.Width, d.Height
		// SVG user units are CSS pixels, 96 to the inch.
		pi.widthMM = min(measure, w*25.4/96)
		if len(d.Missing) == 0 {
			pi.drawing = d
			return pi, nil
		}
		pi.missing = d.Missing
		for _, it := range d.Items {
			if _, ok := it.(*svg.Text); ok {
				pi.hasText = true
			}
		}
		pxW := float64(max(1, int(math.Round(pi.widthMM/25.4*printDPI))))
		pxH := pxW * h / w
		if pxH > maxPrintH { // narrower, so the page holds it at printDPI
			pxW, pxH = max(1, math.Round(pxW*maxPrintH/pxH)), maxPrintH
			pi.widthMM = pxW * 25.4 / printDPI
		}
		px := image.Pt(int(pxW), max(1, int(math.Round(pxH))))
		rgba, err := img.SVG.Rasterize(px.X, px.Y)
		if err != nil {
			return nil, err
		}
		data, err := encodePNG(rgba)
		if err != nil {
			return nil, err
		}
		pi.data, pi.ext, pi.px = data, extension.Png, px
		return pi, nil
	}
	// The loader measured the image against the budget; a book that did
	// not pass through it is refused before anything is decoded.
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil {
		return nil, err
	}
	if cfg.Width > book.MaxImageSide || cfg.Height > book.MaxImageSide || cfg.Width*cfg.Height > book.MaxImagePixels {
		return nil, fmt.Errorf("the image is %d × %d pixels, beyond the budget", cfg.Width, cfg.Height)
	}
	pi.data, pi.px = img.Data, image.Pt(cfg.Width, cfg.Height)
	if img.MediaType == "image/jpeg" {
		pi.ext = extension.Jpg
	} else {
		pi.ext = extension.Png
		if !gofpdfReadsPNG(img.Data) {
			m, err := png.Decode(bytes.NewReader(img.Data))
			if err != nil {
				return nil, err
			}
			nrgba := image.NewNRGBA(m.Bounds())
			draw.Draw(nrgba, nrgba.Bounds(), m, m.Bounds().Min, draw.Src)
			if pi.data, err = encodePNG(nrgba); err != nil {
				return nil, err
			}
		}
	}
	// Photos and scans print at 150 dpi unless that is wider than the page.
	pi.widthMM = min(measure, float64(pi.px.X)*25.4/150)
	return pi, nil
}

// gofpdfReadsPNG reports whether gofpdf can embed the PNG as it is: it
// reads neither interlaced nor 16-bit PNGs.
func gofpdfReadsPNG(data []byte) bool {
	if len(data) < 29 {
		return false
	}
	depth, interlace := data[24], data[28]
	return depth <= 8 && interlace == 0
}

func encodePNG(m image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// distinctWidths makes every image's pixel width unique. gofpdf writes
// images sorted by width, and images of equal width in map order, which
// would make two renders differ; a transparent column added to the right
// of a later image (drawn at the same scale) breaks the tie invisibly.
func distinctWidths(list []*printImage) {
	taken := map[int]bool{} // every width in use, so a new one is free
	for _, pi := range list {
		taken[pi.px.X] = true
	}
	seen := map[int]bool{}
	for _, pi := range list {
		if !seen[pi.px.X] {
			seen[pi.px.X] = true
			continue
		}
		m, _, err := image.Decode(bytes.NewReader(pi.data))
		if err != nil {
			continue
		}
		w := pi.px.X + 1
		for taken[w] {
			w++
		}
		b := m.Bounds()
		padded := image.NewNRGBA(image.Rect(0, 0, w, b.Dy()))
		draw.Draw(padded, image.Rect(0, 0, b.Dx(), b.Dy()), m, b.Min, draw.Src)
		data, err := encodePNG(padded)
		if err != nil {
			continue
		}
		pi.widthMM *= float64(w) / float64(pi.px.X)
		pi.data, pi.ext, pi.px = data, extension.Png, image.Pt(w, b.Dy())
		taken[w], seen[w] = true, true
	}
}

// image sets a block image, scaled to the measure and the page, with its
// title (or else its alt text) as a caption.
func (p *prose) image(n *doc.Image, b block) []*row {
	pi := p.images[n.Path]
	c := p.base()
	c.size = sizeSmall
	c.style = richtext.Italic
	c.color = inkMuted
	caption := n.Title
	alt := plainText(p.inlines(n.Alt, c))
	if caption == "" {
		caption = alt
	}
	fig := b.tag.Add(tagged.Figure)
	if fig != nil {
		fig.SetAttrs(tagged.Attrs{Alt: cmp.Or(strings.TrimSpace(alt), strings.TrimSpace(caption), path.Base(n.Path))})
	}
	var capRows []*row
	if strings.TrimSpace(caption) != "" {
		cb := b
		cb.justify, cb.align, cb.marker, cb.leading = false, 1, nil, leadTight
		cb.tag = fig.Add(tagged.Caption)
		capRows = p.rows(tieLastWord([]richtext.Span{p.span(c, caption, n)}), cb)
	}
	if pi != nil && pi.problem != "" {
		p.gl.warnOnce(p.md.NodePos(n), fmt.Sprintf("image %s: %s", pi.path, pi.problem), "")
	}
	if pi == nil || pi.failed {
		// The loader reported a missing file; keep the description.
		return append([]*row{spaceBefore(2)}, capRows...)
	}
	if len(pi.missing) > 0 {
		p.gl.fallbackWarning(p.md.NodePos(n), pi.path, pi.missing, pi.hasText)
	}
	w := min(pi.widthMM, b.w)
	h := w * pi.aspect()
	if limit := p.maxImageH - height(capRows) - 4; h > limit {
		h = limit
		w = h / pi.aspect()
	}
	r := &row{h: h + 2, keep: len(capRows) > 0, fills: b.fills}
	if pi.drawing != nil {
		r.ops = p.figureOps(pi.drawing, b.x+(b.w-w)/2, 1, w, h, p.md.NodePos(n))
		for i, o := range r.ops { // the drawing, its words included, is the Figure
			switch o := o.(type) {
			case textOp:
				o.tag = fig
				r.ops[i] = o
			case *shapesOp:
				o.tag = fig
			}
		}
	} else {
		r.ops = []op{imageOp{img: pi, x: b.x + (b.w-w)/2, y: 1, w: w, h: h, tag: fig}}
	}
	rows := []*row{spaceBefore(2), r}
	rows = append(rows, capRows...)
	return append(rows, space(3))
}
