package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"strings"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// MaxRasterPixels bounds the picture Rasterize draws: 40 million pixels,
// more than a whole A4 page at 600 dpi (35 million).
const MaxRasterPixels = 40_000_000

// cost is what drawing an element takes once every <use> in it is
// expanded.
type cost struct {
	elements, bytes, useDepth int
}

// expansion counts the elements a reader draws once every <use> is
// expanded, refusing a <use> that refers to itself, chains of <use> too
// deep and copies that multiply past the bounds (a few hundred bytes of
// nested <use> can ask for billions of elements).
func (r *reader) expansion(img *Image) bool {
	memo := map[*element]cost{}
	visiting := map[*element]bool{}
	var walk func(e *element) (cost, bool)
	walk = func(e *element) (cost, bool) {
		if c, ok := memo[e]; ok {
			return c, true
		}
		if visiting[e] {
			return cost{}, false // reported by the <use> that closed the loop
		}
		visiting[e] = true
		defer delete(visiting, e)
		c := cost{elements: 1, bytes: e.text.Len()}
		for _, a := range e.attrs {
			c.bytes += len(a.Value)
		}
		add := func(sub cost) {
			c.elements = min(c.elements+sub.elements, MaxExpanded+1)
			c.bytes = min(c.bytes+sub.bytes, MaxExpandBytes+1)
			c.useDepth = max(c.useDepth, sub.useDepth)
		}
		for _, ch := range e.children {
			sub, ok := walk(ch)
			if !ok {
				return cost{}, false
			}
			add(sub)
		}
		if t := img.useTarget(e); t != nil {
			if visiting[t] {
				r.diags.Errorf(e.pos, "this <use> refers to %s, which contains it, so the drawing would never end", href(e))
				r.diags.Hintf("point the <use> at another element, or delete it")
				return cost{}, false
			}
			sub, ok := walk(t)
			if !ok {
				return cost{}, false
			}
			sub.useDepth++
			add(sub)
		}
		switch {
		case c.useDepth > MaxUseDepth:
			r.diags.Errorf(e.pos, "<use> elements here repeat <use> elements more than %d deep", MaxUseDepth)
		case c.elements > MaxExpanded:
			r.diags.Errorf(e.pos, "<use> elements here repeat the drawing's elements more than %s times", thousands(MaxExpanded))
		case c.bytes > MaxExpandBytes:
			r.diags.Errorf(e.pos, "<use> elements here repeat more than %d MiB of the drawing", MaxExpandBytes>>20)
		default:
			memo[e] = c
			return c, true
		}
		r.diags.Hintf("a reader would run out of memory drawing it; simplify the drawing, or save it as a PNG")
		return cost{}, false
	}
	_, ok := walk(img.root)
	return ok
}

// useTarget is the element a <use> draws, nil for any other element or a
// <use> whose target is missing (readers draw nothing for it).
func (img *Image) useTarget(e *element) *element {
	if e.name.Local != "use" || !inSVG(e) {
		return nil
	}
	h := href(e)
	if !strings.HasPrefix(h, "#") {
		return nil
	}
	return img.byID[h[1:]]
}

func href(e *element) string {
	for _, a := range e.attrs {
		if a.Name.Local == "href" && (a.Name.Space == "" || a.Name.Space == xlinkNS) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

func inSVG(e *element) bool { return e.name.Space == svgNS || e.name.Space == "" }

// reportUnsupported warns, once per kind of element, about what the PDF
// leaves out of the drawing.
func (r *reader) reportUnsupported() {
	for _, name := range r.order {
		u := r.unsupported[name]
		times := ""
		if u.count > 1 {
			times = fmt.Sprintf(" (%d in this drawing)", u.count)
		}
		r.diags.Warnf(u.first, "the PDF cannot draw SVG <%s>%s, so the handouts show the drawing without it", name, times)
		if name == "text" || name == "tspan" || name == "textPath" {
			r.diags.Hintf("convert the text to paths in the drawing program (Inkscape: Path > Object to Path), or give the words in the caption")
		} else {
			r.diags.Hintf("draw it with paths and shapes instead, or check the printed handout")
		}
	}
}

// ErrNotDrawn is Rasterize's answer for a drawing the rasteriser cannot
// read (Read warned about it if the PDF would need the raster).
var ErrNotDrawn = errors.New("svg: the PDF cannot draw this drawing")

// Rasterize draws the image on white, stretched to w × h pixels (give the
// drawing's own proportions to keep them). What the PDF cannot draw is
// left out, as Read warned.
func (img *Image) Rasterize(w, h int) (*image.RGBA, error) {
	if w < 1 || h < 1 || w > MaxRasterPixels/h {
		return nil, fmt.Errorf("svg: a raster of %d × %d pixels is out of bounds", w, h)
	}
	icon, err := oksvg.ReadIconStream(bytes.NewReader(img.printable()), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDrawn, err)
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(rgba, rgba.Bounds(), image.White, image.Point{}, draw.Src)
	icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, rgba, rgba.Bounds())), 1)
	return rgba, nil
}

// printable writes the drawing as the rasteriser should see it: every
// <use> replaced by a copy of what it shows (the rasteriser's own
// expansion of <use> has no bounds, and follows only <defs>), definitions
// reduced to the gradients it reads from them, and only elements it
// draws. Read has bounded the size of the result.
func (img *Image) printable() []byte {
	var buf bytes.Buffer
	p := &printer{img: img, buf: &buf}
	p.element(img.root, nil)
	return buf.Bytes()
}

type printer struct {
	img *Image
	buf *bytes.Buffer
}

// element writes e; a non-nil use is the <use> that e is drawn for.
func (p *printer) element(e *element, use *element) {
	if !inSVG(e) || !drawable[e.name.Local] {
		return
	}
	switch name := e.name.Local; {
	case name == "title" || name == "desc" || name == "metadata":
	case name == "defs":
		p.buf.WriteString("<defs>")
		p.gradients(e)
		p.buf.WriteString("</defs>")
	case name == "symbol" && use == nil: // drawn only through <use>
	case name == "use":
		t := p.img.useTarget(e)
		if t == nil {
			return
		}
		p.buf.WriteString("<g")
		var x, y, transform string
		for _, a := range e.attrs {
			switch {
			case a.Name.Space != "":
			case a.Name.Local == "x":
				x = a.Value
			case a.Name.Local == "y":
				y = a.Value
			case a.Name.Local == "transform":
				transform = a.Value
			case a.Name.Local == "href" || a.Name.Local == "id" || a.Name.Local == "width" || a.Name.Local == "height":
			default:
				p.attr(a.Name.Local, a.Value)
			}
		}
		if x != "" || y != "" {
			transform += fmt.Sprintf(" translate(%s %s)", or0(x), or0(y))
		}
		if transform != "" {
			p.attr("transform", transform)
		}
		p.buf.WriteString(">")
		p.element(t, e)
		p.buf.WriteString("</g>")
	case name == "svg" && e != p.img.root && use == nil:
		// The rasteriser would take a nested <svg> for the whole drawing's
		// size; drawn as a group at its place (its own viewBox is lost).
		p.buf.WriteString("<g")
		if x, y := attr(e, "x"), attr(e, "y"); x != "" || y != "" {
			p.attr("transform", fmt.Sprintf("translate(%s %s)", or0(x), or0(y)))
		}
		p.buf.WriteString(">")
		for _, ch := range e.children {
			p.element(ch, nil)
		}
		p.buf.WriteString("</g>")
	default:
		switch {
		case name == "symbol" || name == "svg" && use != nil:
			name = "g" // a copy drawn in place
		case name == "a" || name == "switch":
			name = "g" // the rasteriser skips them, not their contents
		}
		p.open(name, e, use != nil)
		if e.name.Local == "style" {
			xml.EscapeText(p.buf, []byte(e.text.String()))
		}
		for _, ch := range e.children {
			p.element(ch, nil)
		}
		p.buf.WriteString("</" + name + ">")
	}
}

// gradients writes the gradients found anywhere under a <defs>.
func (p *printer) gradients(e *element) {
	for _, ch := range e.children {
		switch {
		case !inSVG(ch):
		case ch.name.Local == "linearGradient" || ch.name.Local == "radialGradient" || ch.name.Local == "style":
			p.element(ch, nil)
		default:
			p.gradients(ch)
		}
	}
}

func (p *printer) open(name string, e *element, copied bool) {
	p.buf.WriteString("<" + name)
	if e == p.img.root {
		p.attr("xmlns", svgNS)
	}
	for _, a := range e.attrs {
		switch {
		case a.Name.Local == "href" && a.Name.Space == xlinkNS:
			p.attr("href", a.Value)
		case a.Name.Space != "":
		case copied && a.Name.Local == "id":
		default:
			p.attr(a.Name.Local, a.Value)
		}
	}
	p.buf.WriteString(">")
}

func (p *printer) attr(name, value string) {
	p.buf.WriteString(" " + name + `="`)
	xml.EscapeText(p.buf, []byte(value))
	p.buf.WriteString(`"`)
}

// attr is the value of e's attribute name (in no namespace), or "".
func attr(e *element, name string) string {
	for _, a := range e.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func or0(s string) string {
	if strings.TrimSpace(s) == "" {
		return "0"
	}
	return s
}
