package svg

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Drawing is an Image resolved for a vector printer: every shape a path
// of absolute moves, lines and cubic Béziers placed in the drawing's own
// box (Width × Height CSS pixels, y down), every style resolved, every
// <use> expanded, and the text as positioned runs. A printer walks Items
// in painting order with its own path, fill, stroke and text operators.
//
// Missing lists what the drawing uses that the model cannot give
// (gradients, patterns, clip paths, masks, filters, markers, embedded
// pictures …), first use first; a printer that draws Items of a drawing
// whose Missing is not empty prints something other than the drawing,
// and should rasterise it instead, saying which features forced it.
type Drawing struct {
	Width, Height float64
	Items         []Item
	Missing       []Feature
}

// Feature is something a drawing uses that the model cannot give, named
// as a reader would look for it in a drawing program.
type Feature struct {
	Name string
	Line int // of its first use in the SVG file
}

// Item is a Shape or a Text.
type Item interface{ item() }

// Shape is a path, filled then stroked.
type Shape struct {
	Path []Segment
	// Fill and Stroke are nil when the shape has none.
	Fill, Stroke *Paint
	EvenOdd      bool    // fill-rule: evenodd
	StrokeWidth  float64 // in the drawing's box, the transform applied
	LineCap      string  // butt, round, square
	LineJoin     string  // miter, round, bevel
	MiterLimit   float64
	Dash         []float64 // scaled; nil for a solid line
	DashOffset   float64
}

// Paint is a flat colour and how opaque it is (0–1): its own opacity
// times the opacity of the element and of every group around it. A
// translucent group is not composed as one layer: where its own shapes
// overlap, they show through one another.
type Paint struct {
	R, G, B uint8
	Opacity float64
}

// Segment is one command of a path: 'M' moves to Pts[0], 'L' draws a line
// to Pts[0], 'C' a cubic Bézier through the control points Pts[0] and
// Pts[1] to Pts[2], 'Z' closes the subpath.
type Segment struct {
	Op  byte
	Pts [3]Point
}

// Point is a position in the drawing's box.
type Point struct{ X, Y float64 }

// Text is one text chunk: runs set one after another from a start point,
// the whole chunk aligned on it by Anchor ("start", "middle", "end").
// A printer measures the runs in its own fonts.
type Text struct {
	X, Y   float64 // the baseline's anchor point
	Anchor string
	Runs   []Run
}

// Run is text in one style, shifted by DX and DY from where the previous
// run ended (the first from the chunk's start).
type Run struct {
	Text         string
	Size         float64 // font size in the drawing's box
	Bold, Italic bool
	Fill         Paint
	DX, DY       float64
}

func (*Shape) item() {}
func (*Text) item()  {}

// Drawing resolves the image for a vector printer. It does no more work
// than Read bounded: every <use> is expanded at most MaxExpanded times.
func (img *Image) Drawing() *Drawing { return img.drawing }

// draw resolves the drawing once, when it is read.
func (img *Image) draw() *Drawing {
	w, h := img.Width, img.Height
	if w <= 0 || h <= 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	b := &builder{img: img, d: &Drawing{Width: w, Height: h}, missing: map[string]bool{}}
	b.sheet = b.styleSheet(img.root)
	root := b.computed(img.root, rootStyle(), nil)
	m := b.viewport(img.root, w, h)
	b.children(img.root, m, root, []*element{img.root})
	slices.SortStableFunc(b.d.Missing, func(x, y Feature) int { return x.Line - y.Line })
	return b.d
}

// DefaultWidth and DefaultHeight are the size given a drawing that states
// none (neither width and height nor a viewBox), in CSS pixels.
const DefaultWidth, DefaultHeight = 400, 300

type builder struct {
	img     *Image
	d       *Drawing
	sheet   []rule
	work    int // rules tried so far (MaxStyleWork)
	missing map[string]bool
}

func (b *builder) miss(e *element, name string) {
	if b.missing[name] {
		return
	}
	b.missing[name] = true
	b.d.Missing = append(b.d.Missing, Feature{Name: name, Line: e.pos.Line})
}

// viewport maps the root's viewBox onto the drawing's box, as
// preserveAspectRatio says (xMidYMid meet unless it says otherwise).
func (b *builder) viewport(root *element, w, h float64) matrix {
	vb := strings.Fields(strings.ReplaceAll(attr(root, "viewBox"), ",", " "))
	if len(vb) != 4 {
		return identity
	}
	var v [4]float64
	for i, s := range vb {
		v[i] = number(s)
	}
	if !(v[2] > 0 && v[3] > 0) {
		return identity
	}
	sx, sy := w/v[2], h/v[3]
	par := strings.Fields(attr(root, "preserveAspectRatio"))
	align := "xMidYMid"
	if len(par) > 0 {
		align = par[0]
	}
	if align == "none" {
		return matrix{sx, 0, 0, sy, -v[0] * sx, -v[1] * sy}
	}
	if len(par) > 1 && par[1] == "slice" {
		b.miss(root, `preserveAspectRatio "slice"`)
	}
	s := min(sx, sy)
	tx, ty := -v[0]*s, -v[1]*s
	switch {
	case strings.Contains(align, "xMid"):
		tx += (w - v[2]*s) / 2
	case strings.Contains(align, "xMax"):
		tx += w - v[2]*s
	}
	switch {
	case strings.Contains(align, "YMid"):
		ty += (h - v[3]*s) / 2
	case strings.Contains(align, "YMax"):
		ty += h - v[3]*s
	}
	return matrix{s, 0, 0, s, tx, ty}
}

// references are the properties that name another element of the drawing
// the model cannot apply, by what a reader calls them.
var references = []struct{ property, feature string }{
	{"clip-path", "clip paths"}, {"mask", "masks"}, {"filter", "filters"},
	{"marker-start", "markers"}, {"marker-mid", "markers"}, {"marker-end", "markers"}, {"marker", "markers"},
}

// notDrawn are elements that draw nothing where they stand: they are
// drawn through a reference, or hold no picture.
var notDrawn = map[string]bool{
	"defs": true, "symbol": true, "title": true, "desc": true, "metadata": true, "style": true,
	"linearGradient": true, "radialGradient": true, "stop": true, "pattern": true,
	"clipPath": true, "mask": true, "marker": true, "filter": true,
}

// children draws the children of e; path is e and its ancestors as drawn
// (through <use>), for style sheet selectors.
func (b *builder) children(e *element, m matrix, st style, path []*element) {
	for _, ch := range e.children {
		b.element(ch, m, st, path, nil)
	}
}

// element draws e; use is the <use> it is drawn for, if any.
func (b *builder) element(e *element, m matrix, parent style, path []*element, use *element) {
	if !inSVG(e) || e.name.Local == "" {
		return
	}
	name := e.name.Local
	if notDrawn[name] && !(name == "symbol" && use != nil) {
		return
	}
	st := b.computed(e, parent, path)
	if st.get("display") == "none" {
		return
	}
	for _, r := range references {
		if v := st.get(r.property); v != "" && v != "none" {
			b.miss(e, r.feature)
		}
	}
	m = m.mul(transform(attr(e, "transform")))
	path = append(path[:len(path):len(path)], e)
	switch name {
	case "g", "a", "switch", "symbol":
		b.children(e, m, st, path)
	case "svg":
		if attr(e, "viewBox") != "" {
			b.miss(e, "a nested <svg> with its own viewBox")
		}
		b.children(e, m.mul(translation(b.len(attr(e, "x"), st, 'x'), b.len(attr(e, "y"), st, 'y'))), st, path)
	case "use":
		t := b.img.useTarget(e)
		if t == nil {
			return
		}
		m = m.mul(translation(b.len(attr(e, "x"), st, 'x'), b.len(attr(e, "y"), st, 'y')))
		b.element(t, m, st, path, e)
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		b.shape(e, m, st)
	case "text":
		b.text(e, m, st, path)
	case "image":
		b.miss(e, "embedded pictures (<image>)")
	default:
		b.miss(e, fmt.Sprintf("<%s>", name))
	}
}

// len reads a length in user units: CSS units, em, and percentages of the
// root viewport's width, height or diagonal.
func (b *builder) len(s string, st style, axis byte) float64 {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0
	case strings.HasSuffix(s, "%"):
		f := number(strings.TrimSuffix(s, "%")) / 100
		w, h := b.userSize()
		switch axis {
		case 'x':
			return f * w
		case 'y':
			return f * h
		}
		return f * math.Hypot(w, h) / math.Sqrt2
	case strings.HasSuffix(s, "em"):
		return number(strings.TrimSuffix(s, "em")) * st.fontSize
	}
	return signedLength(s)
}

// userSize is the root viewport in user units: its viewBox, else its box.
func (b *builder) userSize() (w, h float64) {
	vb := strings.Fields(strings.ReplaceAll(attr(b.img.root, "viewBox"), ",", " "))
	if len(vb) == 4 && number(vb[2]) > 0 && number(vb[3]) > 0 {
		return number(vb[2]), number(vb[3])
	}
	return b.d.Width, b.d.Height
}

// signedLength is length for values that may be zero or negative (x, y,
// dx, dy): 0 when it cannot be read.
func signedLength(s string) float64 {
	s = strings.ToLower(strings.TrimSpace(s))
	if rest, neg := strings.CutPrefix(s, "-"); neg {
		return -length(rest)
	}
	return length(s)
}

func number(s string) float64 {
	f, ok := parseNumber(strings.TrimSpace(s))
	if !ok {
		return 0
	}
	return f
}

// shape adds a path or basic shape.
func (b *builder) shape(e *element, m matrix, st style) {
	if v := st.get("visibility"); v == "hidden" || v == "collapse" {
		return
	}
	l := func(name string, axis byte) float64 { return b.len(attr(e, name), st, axis) }
	var path []Segment
	switch e.name.Local {
	case "path":
		path = pathData(attr(e, "d"))
	case "rect":
		if w, h := l("width", 'x'), l("height", 'y'); w > 0 && h > 0 {
			rx, ry := l("rx", 'x'), l("ry", 'y')
			path = rect(l("x", 'x'), l("y", 'y'), w, h, rx, ry)
		}
	case "circle":
		if r := l("r", 0); r > 0 {
			path = ellipse(l("cx", 'x'), l("cy", 'y'), r, r)
		}
	case "ellipse":
		rx, ry := l("rx", 'x'), l("ry", 'y')
		if rx <= 0 {
			rx = ry
		} else if ry <= 0 {
			ry = rx
		}
		if rx > 0 && ry > 0 {
			path = ellipse(l("cx", 'x'), l("cy", 'y'), rx, ry)
		}
	case "line":
		path = []Segment{{Op: 'M', Pts: [3]Point{{l("x1", 'x'), l("y1", 'y')}}}, {Op: 'L', Pts: [3]Point{{l("x2", 'x'), l("y2", 'y')}}}}
	case "polyline", "polygon":
		path = points(attr(e, "points"), e.name.Local == "polygon")
	}
	if len(path) == 0 {
		return
	}
	s := &Shape{Fill: b.paint(e, st, "fill"), Stroke: b.paint(e, st, "stroke"), EvenOdd: st.get("fill-rule") == "evenodd"}
	if e.name.Local == "line" {
		s.Fill = nil // a line has no inside
	}
	if s.Stroke != nil {
		s.StrokeWidth = 1
		if v := st.get("stroke-width"); v != "" {
			s.StrokeWidth = b.len(v, st, 0)
		}
		s.StrokeWidth *= m.scale()
		if !(s.StrokeWidth > 0) {
			s.Stroke = nil
		}
		s.LineCap, s.LineJoin, s.MiterLimit = or(st.get("stroke-linecap"), "butt"), or(st.get("stroke-linejoin"), "miter"), 4
		if v, ok := parseNumber(st.get("stroke-miterlimit")); ok && v >= 1 {
			s.MiterLimit = v
		}
		s.Dash, s.DashOffset = b.dashes(st, m.scale())
	}
	if s.Fill == nil && s.Stroke == nil {
		return
	}
	for i := range path {
		for k := range path[i].Pts {
			path[i].Pts[k] = m.apply(path[i].Pts[k])
		}
	}
	s.Path = path
	b.d.Items = append(b.d.Items, s)
}

// dashes reads stroke-dasharray, scaled: nil for a solid line.
func (b *builder) dashes(st style, scale float64) ([]float64, float64) {
	v := st.get("stroke-dasharray")
	if v == "" || v == "none" {
		return nil, 0
	}
	var dash []float64
	total := 0.0
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		d := b.len(f, st, 0)
		if d < 0 {
			return nil, 0
		}
		dash = append(dash, d*scale)
		total += d
	}
	if total == 0 {
		return nil, 0
	}
	if len(dash)%2 == 1 {
		dash = append(dash, dash...)
	}
	return dash, b.len(st.get("stroke-dashoffset"), st, 0) * scale
}

func or(v, otherwise string) string {
	if v == "" {
		return otherwise
	}
	return v
}

// text adds a <text> element's chunks. A <tspan> with its own x starts a
// new chunk; one with only y or dx, dy shifts the run it starts.
func (b *builder) text(e *element, m matrix, st style, path []*element) {
	if !m.upright() {
		b.miss(e, "rotated or skewed text")
		return
	}
	t := &textBuilder{b: b, m: m}
	t.newChunk(st, b.len(first(attr(e, "x")), st, 'x'), b.len(first(attr(e, "y")), st, 'y'))
	t.shift(b.len(first(attr(e, "dx")), st, 'x'), b.len(first(attr(e, "dy")), st, 'y'))
	t.content(e, st, append(path[:len(path):len(path)], e))
	t.flush()
}

type textBuilder struct {
	b      *builder
	m      matrix
	chunk  *Text
	x, y   float64 // the chunk's start, user units
	curY   float64 // the baseline now
	dx, dy float64 // the shift of the next run, user units
	space  bool    // the text so far ends in a space
}

func first(list string) string {
	f := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func (t *textBuilder) newChunk(st style, x, y float64) {
	t.flush()
	// Text set on another baseline (labels centred on a point, most
	// often) stands on the alphabetic one this far down, in ems: the
	// embedded serif's proportions.
	switch st.get("dominant-baseline") {
	case "middle", "central":
		y += 0.33 * st.fontSize
	case "hanging", "text-before-edge":
		y += 0.75 * st.fontSize
	case "text-after-edge", "ideographic":
		y -= 0.22 * st.fontSize
	}
	p := t.m.apply(Point{x, y})
	t.chunk = &Text{X: p.X, Y: p.Y, Anchor: or(st.get("text-anchor"), "start")}
	t.x, t.y, t.curY, t.dx, t.dy = x, y, y, 0, 0
}

func (t *textBuilder) shift(dx, dy float64) { t.dx, t.dy = t.dx+dx, t.dy+dy }

func (t *textBuilder) flush() {
	if t.chunk == nil {
		return
	}
	runs := t.chunk.Runs
	if n := len(runs); n > 0 {
		runs[n-1].Text = strings.TrimRight(runs[n-1].Text, " ")
	}
	t.chunk.Runs = runs[:0]
	for _, r := range runs {
		if r.Text != "" {
			t.chunk.Runs = append(t.chunk.Runs, r)
		}
	}
	if len(t.chunk.Runs) > 0 {
		t.b.d.Items = append(t.b.d.Items, t.chunk)
	}
	t.chunk = nil
}

// content adds the character data and <tspan>s of e.
func (t *textBuilder) content(e *element, st style, path []*element) {
	for _, ch := range e.children {
		if ch.name.Local == "" {
			t.run(ch, st, ch.text.String())
			continue
		}
		if !inSVG(ch) {
			continue
		}
		switch ch.name.Local {
		case "tspan", "a":
			cs := t.b.computed(ch, st, path)
			if cs.get("display") == "none" {
				continue
			}
			x, y := attr(ch, "x"), attr(ch, "y")
			switch {
			case x != "":
				ny := t.curY
				if y != "" {
					ny = t.b.len(first(y), cs, 'y')
				}
				t.newChunk(cs, t.b.len(first(x), cs, 'x'), ny)
				t.space = true // no space carried to the new line
			case y != "":
				ny := t.b.len(first(y), cs, 'y')
				t.dy += ny - t.curY - t.dy
			}
			t.shift(t.b.len(first(attr(ch, "dx")), cs, 'x'), t.b.len(first(attr(ch, "dy")), cs, 'y'))
			t.content(ch, cs, append(path[:len(path):len(path)], ch))
		case "textPath":
			t.b.miss(ch, "text on a path (<textPath>)")
		}
	}
}

// run adds character data, its white space collapsed as SVG's default
// xml:space does.
func (t *textBuilder) run(e *element, st style, s string) {
	if v := st.get("visibility"); v == "hidden" || v == "collapse" {
		return
	}
	s = collapse(s)
	if t.space || len(t.chunk.Runs) == 0 {
		s = strings.TrimLeft(s, " ")
	}
	if s == "" {
		return
	}
	t.space = strings.HasSuffix(s, " ")
	fill := t.b.paint(e, st, "fill")
	if fill == nil {
		if stroke := st.get("stroke"); stroke != "" && stroke != "none" {
			t.b.miss(e, "outlined text (a stroke without a fill)")
		}
		return
	}
	weight := st.get("font-weight")
	bold := weight == "bold" || weight == "bolder" || number(weight) >= 600
	italic := st.get("font-style") == "italic" || st.get("font-style") == "oblique"
	k := t.m.scale()
	t.chunk.Runs = append(t.chunk.Runs, Run{Text: s, Size: st.fontSize * k, Bold: bold, Italic: italic, Fill: *fill, DX: t.dx * k, DY: t.dy * k})
	t.curY += t.dy
	t.dx, t.dy = 0, 0
}

// collapse makes every run of white space one space, as a browser shows
// SVG text.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
