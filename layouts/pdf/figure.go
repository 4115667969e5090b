package pdf

import (
	"fmt"
	"math"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/core"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/svg"
	"github.com/companion-dev/companion/layouts/pdf/internal/marotofpdf"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// A figure is an SVG drawn as vectors: its shapes with gofpdf's own path,
// fill and stroke operators, its text as the layout's text, in the
// embedded fonts (so that it is found, copied and read aloud like the
// rest of the page, and the font sheet holds its characters). A drawing
// whose svg.Drawing lists missing features is rasterised instead
// (images.go), with a warning naming them.

// figureOps places a drawing w × h millimetres at (x, y) of a row: runs of
// shapes as shapesOps and each text chunk's runs as textOps, in the
// drawing's painting order. pos is where the chapter shows the image.
func (p *prose) figureOps(d *svg.Drawing, x, y, w, h float64, pos diag.Pos) []op {
	k := math.Min(w/d.Width, h/d.Height) // mm per CSS pixel
	var ops []op
	var shapes *shapesOp
	for _, it := range d.Items {
		switch it := it.(type) {
		case *svg.Shape:
			if shapes == nil {
				shapes = &shapesOp{x: x, y: y, k: k}
				ops = append(ops, shapes)
			}
			shapes.shapes = append(shapes.shapes, it)
		case *svg.Text:
			shapes = nil
			ops = append(ops, p.figureText(it, x, y, k, pos)...)
		}
	}
	return ops
}

// figureText sets a text chunk: its runs measured in the embedded fonts
// and aligned on the chunk's anchor, each at its size in the drawing but
// no smaller than the profile's least (large print's 16 pt: a label a
// reader cannot read is no label, even if it now covers more of the
// drawing).
func (p *prose) figureText(t *svg.Text, x, y, k float64, pos diag.Pos) []op {
	frags := make([]richtext.Fragment, len(t.Runs))
	dys := make([]float64, len(t.Runs))
	pen, dy := 0.0, 0.0
	for i, r := range t.Runs {
		st := richtext.Roman
		if r.Bold {
			st |= richtext.Bold
		}
		if r.Italic {
			st |= richtext.Italic
		}
		size := p.g.typeSize(r.Size * k / richtext.PtToMM)
		text := p.gl.clean(r.Text, st, pos)
		pen += r.DX * k
		dy += r.DY * k
		frags[i] = richtext.Fragment{Span: richtext.Span{Text: text, Style: st, Size: size, Color: onWhite(r.Fill)}, X: pen}
		dys[i] = dy
		w := p.fonts.Width(st, text, size)
		frags[i].Width = w
		pen += w
	}
	shift := 0.0
	switch t.Anchor {
	case "middle":
		shift = -pen / 2
	case "end":
		shift = -pen
	}
	ops := make([]op, len(frags))
	for i, f := range frags {
		ops[i] = textOp{frag: f, x: x + t.X*k + shift, y: y + t.Y*k + dys[i]}
	}
	return ops
}

// onWhite is a paint as it shows on the white page. Translucent paint is
// mixed with white rather than drawn through a transparency state, which
// the handouts' files do not carry from page to page: exact over the
// paper, close over other shapes.
func onWhite(pt svg.Paint) richtext.Color {
	mix := func(c uint8) uint8 { return uint8(math.Round(255 - (255-float64(c))*pt.Opacity)) }
	return richtext.Color{R: mix(pt.R), G: mix(pt.G), B: mix(pt.B)}
}

// shapesOp draws shapes of a drawing placed at (x, y) of the row, k
// millimetres to the drawing's CSS pixel.
type shapesOp struct {
	shapes []*svg.Shape
	x, y   float64
	k      float64
	tag    *tagged.Elem // the Figure
}

func (s *shapesOp) element() *tagged.Elem { return s.tag }

func (s *shapesOp) draw(p core.Provider, _ *richtext.Fonts, x, y float64) {
	f := marotofpdf.Provider(p)
	// The state the rest of the page is drawn with, restored after: the
	// path operators move gofpdf's current position, which maroto lays
	// its rows out from.
	px, py := f.GetXY()
	dr, dg, db := f.GetDrawColor()
	fr, fg, fb := f.GetFillColor()
	lw := f.GetLineWidth()
	defer func() {
		f.SetDrawColor(dr, dg, db)
		f.SetFillColor(fr, fg, fb)
		f.SetLineWidth(lw)
		f.SetLineCapStyle("butt")
		f.SetLineJoinStyle("miter")
		f.SetDashPattern(nil, 0)
		f.SetXY(px, py)
	}()
	// maroto's cells are placed from the page margins, gofpdf's paths
	// from the page's corner.
	left, top, _, _ := f.GetMargins()
	ox, oy := left+x+s.x, top+y+s.y
	at := func(pt svg.Point) (float64, float64) { return ox + pt.X*s.k, oy + pt.Y*s.k }
	for _, sh := range s.shapes {
		var style strings.Builder
		if sh.Fill != nil {
			c := onWhite(*sh.Fill)
			f.SetFillColor(int(c.R), int(c.G), int(c.B))
			style.WriteString("F")
		}
		if sh.Stroke != nil {
			c := onWhite(*sh.Stroke)
			f.SetDrawColor(int(c.R), int(c.G), int(c.B))
			f.SetLineWidth(sh.StrokeWidth * s.k)
			f.SetLineCapStyle(sh.LineCap)
			f.SetLineJoinStyle(sh.LineJoin)
			dash := make([]float64, len(sh.Dash))
			for i, d := range sh.Dash {
				dash[i] = d * s.k
			}
			f.SetDashPattern(dash, sh.DashOffset*s.k)
			style.WriteString("D")
		}
		if sh.Fill != nil && sh.EvenOdd {
			style.WriteString("*")
		}
		for _, seg := range sh.Path {
			switch seg.Op {
			case 'M':
				f.MoveTo(at(seg.Pts[0]))
			case 'L':
				f.LineTo(at(seg.Pts[0]))
			case 'C':
				x1, y1 := at(seg.Pts[0])
				x2, y2 := at(seg.Pts[1])
				x3, y3 := at(seg.Pts[2])
				f.CurveBezierCubicTo(x1, y1, x2, y2, x3, y3)
			case 'Z':
				f.ClosePath()
			}
		}
		f.DrawPath(style.String())
	}
}

// fallbackWarning says, where the chapter shows it, why a drawing prints
// as a picture.
func (gl *glyphs) fallbackWarning(pos diag.Pos, path string, missing []svg.Feature, hasText bool) {
	names := make([]string, len(missing))
	for i, m := range missing {
		names[i] = fmt.Sprintf("%s (line %d)", m.Name, m.Line)
	}
	lost := ""
	if hasText {
		lost = ", without its text"
	}
	msg := fmt.Sprintf("image %s: the PDF prints this SVG as a picture%s, because it uses %s, which the handouts cannot draw as lines and text",
		path, lost, strings.Join(names, ", "))
	gl.warnOnce(pos, msg, "draw it with flat colours, paths, shapes and text to have it printed sharp, with its words; the EPUB shows it as it is")
}
