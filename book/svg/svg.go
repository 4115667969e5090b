// Package svg reads the SVG drawings of a project: once, with bounds on
// everything a hostile file could make large, refusing anything an EPUB
// must not carry (script, event handlers, foreign HTML, remote or local
// resources), measuring the drawing, and noting what the PDF cannot draw
// so that `check` can say so. The EPUB embeds an Image's Data; the PDF
// draws its Drawing (shapes and text resolved for vector output) and falls
// back to Rasterize for a drawing whose Drawing lists missing features.
package svg

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the pictures a drawing may embed, measured
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	neturl "net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/srwiley/oksvg"
	_ "golang.org/x/image/webp"

	"github.com/companion-dev/companion/book/diag"
)

// Bounds on a drawing. They are far above what drawing programs write for
// a figure in a study guide, and keep a 1 kB file from asking for
// gigabytes: a reader that expands <use> (an EPUB reader, the PDF's
// rasteriser) does at most MaxExpanded elements' work.
const (
	MaxDepth       = 64      // elements nested in one another
	MaxElements    = 200_000 // elements written in the file
	MaxAttrBytes   = 4 << 20 // one attribute value (path data can be long)
	MaxUseDepth    = 16      // <use> of a <use> of …
	MaxExpanded    = 200_000 // elements drawn once every <use> is expanded
	MaxExpandBytes = 64 << 20
	// MaxAspect is how much longer one side may be than the other: a
	// drawing 100 times wider than tall is a hairline across the page.
	MaxAspect = 100
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// Image is an SVG drawing that passed every check: safe to embed as it is,
// measured, and ready to draw.
type Image struct {
	// Data is the file, safe for an EPUB: byte for byte what was read,
	// less a DOCTYPE without declarations, which EPUB forbids.
	Data []byte
	// Width and Height are the drawing's size in CSS pixels (SVG user
	// units, 96 to the inch), from its width and height or else its
	// viewBox; 0 when it gives neither.
	Width, Height float64

	root    *element
	byID    map[string]*element
	drawing *Drawing // resolved once by Read, for the PDF's vectors
}

// element is one element of the drawing, as much of it as drawing needs.
type element struct {
	name  xml.Name
	attrs []xml.Attr
	text  strings.Builder // character data of <style>, or of a text child
	// (an element without a name: the words of a <text> or <tspan>)
	children []*element
	pos      diag.Pos
}

// Read parses and checks an SVG file. file names it in diagnostics, which
// carry the line and column inside the file. Errors mean no Image; warnings
// (what the PDF cannot draw) come with one.
func Read(file string, data []byte) (*Image, diag.List) {
	r := newReader(file, data)
	root := r.parse()
	if root == nil || r.diags.HasErrors() {
		return nil, r.diags
	}
	img := &Image{Data: r.safeData(), root: root, byID: r.byID}
	img.Width, img.Height = r.measure(root)
	if r.diags.HasErrors() {
		return nil, r.diags
	}
	if !r.expansion(img) {
		return nil, r.diags
	}
	r.reportUnsupported()
	img.drawing = img.draw()
	if len(img.drawing.Missing) == 0 {
		return img, r.diags // the vectors draw it all: no raster is made
	}
	if _, err := oksvg.ReadIconStream(bytes.NewReader(img.printable()), oksvg.IgnoreErrorMode); err != nil {
		r.diags.Warnf(root.pos, "the PDF cannot draw this SVG (%v), so the handouts show only its caption", err)
		r.diags.Hintf("open it in a drawing program and save it again as plain SVG; the EPUB shows it as it is")
	}
	return img, r.diags
}

func newReader(file string, data []byte) *reader {
	return &reader{file: file, data: data, byID: map[string]*element{}, unsupported: map[string]*unsupportedUse{}}
}

type reader struct {
	file  string
	data  []byte
	diags diag.List
	byID  map[string]*element

	off int64    // where pos last was
	at  diag.Pos // and the line and column there
	// stepped counts the bytes pos has walked over: the file's length
	// once, however many elements it has (TestReadIsLinear checks it).
	stepped int64

	doctype     [2]int // byte range of a DOCTYPE to drop, if any
	charset     string // the encoding the XML declaration names, if not UTF-8
	unsupported map[string]*unsupportedUse
	order       []string // unsupported element names, first seen first
}

type unsupportedUse struct {
	first diag.Pos
	count int
}

// pos turns a byte offset into the file's line and column (in
// characters). Offsets only grow, so it goes on from the last one: one
// pass over the file however many elements it has.
func (r *reader) pos(off int64) diag.Pos {
	off = min(off, int64(len(r.data)))
	if r.at.Line == 0 {
		r.at = diag.Pos{File: r.file, Line: 1, Col: 1}
	}
	for r.off < off {
		c, n := utf8.DecodeRune(r.data[r.off:])
		if c == '\n' {
			r.at.Line, r.at.Col = r.at.Line+1, 1
		} else {
			r.at.Col++
		}
		r.off += int64(n)
		r.stepped += int64(n)
	}
	return r.at
}

func (r *reader) parse() *element {
	dec := xml.NewDecoder(bytes.NewReader(r.data))
	dec.Strict = true
	dec.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		r.charset = label // only UTF-8 goes into an EPUB; refused below
		return nil, errors.New(label)
	}
	var (
		root     *element
		stack    []*element
		elements int
		closed   bool
	)
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.syntaxError(dec, err)
			return nil
		}
		at := r.pos(off)
		switch t := tok.(type) {
		case xml.StartElement:
			if closed {
				r.diags.Errorf(at, "the SVG has more after its closing </svg>")
				r.diags.Hintf("an SVG file holds one <svg> element; delete what follows it")
				return nil
			}
			elements++
			if elements > MaxElements {
				r.diags.Errorf(at, "the SVG has more than %s elements", thousands(MaxElements))
				r.diags.Hintf("simplify the drawing, or save it as a PNG")
				return nil
			}
			if len(stack) >= MaxDepth {
				r.diags.Errorf(at, "the SVG's elements are nested more than %d deep", MaxDepth)
				r.diags.Hintf("simplify the drawing (ungroup), or save it as a PNG")
				return nil
			}
			e := &element{name: t.Name, attrs: t.Copy().Attr, pos: at}
			if root == nil {
				if t.Name.Local != "svg" {
					r.diags.Errorf(at, "the file's root element is <%s>, not <svg>", t.Name.Local)
					r.diags.Hintf("an SVG file is XML whose root element is <svg>")
					return nil
				}
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			}
			r.checkElement(e)
			stack = append(stack, e)
		case xml.EndElement:
			if e := stack[len(stack)-1]; e.name.Local == "style" {
				r.checkCSS(e.pos, e.text.String())
			}
			stack = stack[:len(stack)-1]
			closed = len(stack) == 0
		case xml.CharData:
			if len(stack) == 0 {
				break
			}
			switch top := stack[len(stack)-1]; top.name.Local {
			case "style":
				top.text.Write(t)
			case "text", "tspan":
				// The words, in order among the <tspan>s: a child without
				// a name.
				words := &element{pos: at}
				words.text.Write(t)
				top.children = append(top.children, words)
			}
		case xml.Directive:
			if !r.directive(t, off, dec.InputOffset(), at) {
				return nil
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				r.diags.Errorf(at, "the SVG links a style sheet (<?xml-stylesheet?>)")
				r.diags.Hintf("an EPUB may not load anything from outside the drawing; delete the line")
			}
		}
	}
	if root == nil {
		r.diags.Errorf(diag.Pos{File: r.file, Line: 1, Col: 1}, "the file has no <svg> element")
		r.diags.Hintf("an SVG file is XML whose root element is <svg>")
	}
	return root
}

func (r *reader) syntaxError(dec *xml.Decoder, err error) {
	if r.charset != "" {
		r.diags.Errorf(diag.Pos{File: r.file, Line: 1, Col: 1}, "the SVG is written in the %s encoding; an EPUB needs UTF-8", r.charset)
		r.diags.Hintf("save it again as UTF-8, or change the encoding in its first line if it holds only ASCII")
		return
	}
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	// Columns count characters, as in every diagnostic (InputPos's bytes).
	r.diags.Errorf(r.pos(dec.InputOffset()), "the SVG is not well-formed XML: %s", msg)
	r.diags.Hintf("open the file in a drawing program and save it again as plain SVG")
}

// directive allows a DOCTYPE that declares nothing (drawing programs still
// write one), and drops it, since EPUB forbids them; a DOCTYPE with
// declarations (entities, which expand without bound) is refused.
func (r *reader) directive(d xml.Directive, start, end int64, at diag.Pos) bool {
	s := strings.TrimSpace(string(d))
	if strings.HasPrefix(s, "DOCTYPE") && !strings.Contains(s, "[") && r.doctype[1] == 0 {
		r.doctype = [2]int{int(start), int(end)}
		return true
	}
	r.diags.Errorf(at, "the SVG declares entities or other markup in a DOCTYPE")
	r.diags.Hintf("save the drawing again as plain SVG, without a DOCTYPE")
	return false
}

// safeData is the file without its empty DOCTYPE.
func (r *reader) safeData() []byte {
	if r.doctype[1] == 0 {
		return r.data
	}
	out := append([]byte(nil), r.data[:r.doctype[0]]...)
	return append(out, r.data[r.doctype[1]:]...)
}

// drawable are the elements the PDF's rasteriser (oksvg) draws, or that
// draw nothing anyway; every other SVG element is missing from the PDF.
var drawable = map[string]bool{
	"svg": true, "g": true, "a": true, "switch": true, "defs": true, "use": true, "symbol": true,
	"path": true, "rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true,
	"linearGradient": true, "radialGradient": true, "stop": true, "style": true,
	"title": true, "desc": true, "metadata": true,
}

// vectorOnly are the elements the PDF draws only as vectors (Drawing),
// not through the rasteriser.
var vectorOnly = map[string]bool{"text": true, "tspan": true}

// refused are elements an EPUB must not carry: script, and HTML or other
// content that can hold script or load resources.
var refused = map[string]string{
	"script":        "the SVG holds a <script>; an EPUB may carry no script",
	"foreignObject": "the SVG holds a <foreignObject> (HTML inside the drawing), which an EPUB may not carry here",
	"iframe":        "the SVG holds an <iframe>, which an EPUB may not carry",
}

func (r *reader) checkElement(e *element) {
	local, space := e.name.Local, e.name.Space
	if msg, bad := refused[local]; bad || space == xhtmlNS {
		if !bad {
			msg = fmt.Sprintf("the SVG holds an HTML <%s>, which an EPUB may not carry here", local)
		}
		r.diags.Errorf(e.pos, "%s", msg)
		r.diags.Hintf("delete it in a text editor, or export the drawing again as plain SVG")
	}
	inSVG := space == svgNS || space == ""
	if inSVG && !drawable[local] && !vectorOnly[local] && refused[local] == "" {
		u := r.unsupported[local]
		if u == nil {
			u = &unsupportedUse{first: e.pos}
			r.unsupported[local] = u
			r.order = append(r.order, local)
		}
		u.count++
	}
	animates := inSVG && (local == "set" || strings.HasPrefix(local, "animate"))
	for _, a := range e.attrs {
		if len(a.Value) > MaxAttrBytes {
			r.diags.Errorf(e.pos, "the attribute %s of <%s> is longer than %d MiB", a.Name.Local, local, MaxAttrBytes>>20)
			r.diags.Hintf("simplify the drawing, or save it as a PNG")
			continue
		}
		name := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(name, "on"):
			r.diags.Errorf(e.pos, "<%s> has the event handler %s; an EPUB may carry no script", local, a.Name.Local)
			r.diags.Hintf("delete the attribute")
		case name == "href" && (a.Name.Space == "" || a.Name.Space == xlinkNS):
			r.checkHref(e, a.Value)
		case animates && name == "attributename" && strings.Contains(strings.ToLower(a.Value), "href"):
			r.diags.Errorf(e.pos, "<%s> changes a link while the drawing animates, which could lead out of the book", local)
			r.diags.Hintf("delete the animation")
		case a.Name.Local == "id" && a.Name.Space == "":
			if _, dup := r.byID[a.Value]; !dup {
				r.byID[a.Value] = e
			}
		default:
			r.checkCSS(e.pos, a.Value) // style="…", fill="url(…)" and the like
		}
	}
}

// checkHref allows references inside the drawing (#id) and embedded
// pictures (data:image/png, jpeg, gif, webp); anything else would have an
// EPUB reader load a resource or run script.
func (r *reader) checkHref(e *element, v string) {
	v = strings.TrimSpace(v)
	lower := strings.ToLower(v)
	switch {
	case strings.HasPrefix(v, "#"):
		return
	case strings.HasPrefix(lower, "data:"):
		mt, _, _ := strings.Cut(strings.TrimPrefix(lower, "data:"), ";")
		mt, _, _ = strings.Cut(mt, ",")
		switch mt {
		case "image/png", "image/jpeg", "image/gif", "image/webp":
			r.checkEmbedded(e, v)
			return
		}
		r.diags.Errorf(e.pos, "<%s> embeds data of type %q; an SVG in an EPUB may embed only PNG, JPEG, GIF or WebP pictures", e.name.Local, mt)
		r.diags.Hintf("embed the picture as PNG or JPEG, or delete the element")
	default:
		r.diags.Errorf(e.pos, "<%s> refers to %q outside the drawing; an EPUB may load nothing from elsewhere", e.name.Local, shorten(v))
		r.diags.Hintf("embed what it shows in the drawing, or delete the reference (links belong in the text)")
	}
}

// MaxEmbeddedPixels bounds a picture embedded in a drawing, as the
// project's own PNG and JPEG files are bounded (book.MaxImagePixels): an
// EPUB reader decodes it.
const MaxEmbeddedPixels = 40_000_000

// checkEmbedded measures a picture embedded as a data: URL from its header.
func (r *reader) checkEmbedded(e *element, url string) {
	meta, payload, _ := strings.Cut(url, ",")
	var data []byte
	var err error
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		data, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(payload), ""))
	} else {
		var text string
		text, err = neturl.PathUnescape(payload)
		data = []byte(text)
	}
	var cfg image.Config
	if err == nil {
		cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
	}
	switch {
	case err != nil:
		r.diags.Errorf(e.pos, "<%s> embeds a damaged picture: %v", e.name.Local, err)
		r.diags.Hintf("embed the picture again from its file, or delete the element")
	case cfg.Width*cfg.Height > MaxEmbeddedPixels:
		r.diags.Errorf(e.pos, "<%s> embeds a picture of %d × %d pixels; an embedded picture may have at most %d million", e.name.Local, cfg.Width, cfg.Height, MaxEmbeddedPixels/1_000_000)
		r.diags.Hintf("scale the picture down before embedding it")
	}
}

// checkCSS refuses url(…) to anything but #id, and @import, in style
// sheets, style attributes and presentation attributes.
func (r *reader) checkCSS(at diag.Pos, css string) {
	lower := strings.ToLower(css)
	if strings.Contains(lower, "@import") {
		r.diags.Errorf(at, "the SVG's style imports another style sheet (@import)")
		r.diags.Hintf("an EPUB may load nothing from outside the drawing; copy the rules into the <style> element")
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return
		}
		rest = rest[i+4:]
		target, _, _ := strings.Cut(rest, ")")
		target = strings.Trim(strings.TrimSpace(target), `"'`)
		if !strings.HasPrefix(target, "#") {
			r.diags.Errorf(at, "the SVG's style refers to url(%s) outside the drawing; an EPUB may load nothing from elsewhere", shorten(target))
			r.diags.Hintf("refer only to parts of the drawing itself, as url(#id)")
			return
		}
	}
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}

// measure reads the drawing's size from its width and height, else its
// viewBox, and refuses one far longer than it is wide (or the reverse).
func (r *reader) measure(root *element) (w, h float64) {
	var vb []string
	for _, a := range root.attrs {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "width":
			w = length(a.Value)
		case "height":
			h = length(a.Value)
		case "viewBox":
			vb = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
		}
	}
	if (w == 0 || h == 0) && len(vb) == 4 {
		vw, vh := length(vb[2]), length(vb[3])
		switch {
		case w == 0 && h == 0:
			w, h = vw, vh
		case w == 0 && vh > 0: // scaled as the viewBox is
			w = h * vw / vh
		case h == 0 && vw > 0:
			h = w * vh / vw
		}
	}
	if w == 0 || h == 0 {
		return 0, 0
	}
	if w/h > MaxAspect || h/w > MaxAspect {
		r.diags.Errorf(root.pos, "the drawing is %s × %s pixels, more than %d times longer one way than the other", num(w), num(h), MaxAspect)
		r.diags.Hintf("check the width, height and viewBox of the <svg> element")
	}
	return w, h
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// thousands writes a bound as people read it: 200,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// cssPixels are CSS pixels per unit of an absolute SVG length.
var cssPixels = []struct {
	unit string
	px   float64
}{{"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}}

// length reads an SVG length in CSS pixels; 0 for none, a percentage, a
// relative unit, or anything that is not a positive, finite length.
func length(s string) float64 {
	s = strings.ToLower(strings.TrimSpace(s))
	perUnit := 1.0
	for _, u := range cssPixels {
		if strings.HasSuffix(s, u.unit) {
			s, perUnit = strings.TrimSpace(strings.TrimSuffix(s, u.unit)), u.px
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) || math.IsInf(f*perUnit, 0) {
		return 0
	}
	return f * perUnit
}
