package svg

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"runtime"
	"strings"
	"testing"
)

// tinyPNG is a 1 × 1 PNG, base64.
const tinyPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="

const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">`

// useBomb nests <use> wide by wide, levels deep: wide^levels paths drawn.
func useBomb(levels, wide int) string {
	var b strings.Builder
	b.WriteString(head + "\n<defs><path id=\"l0\" d=\"M0 0h1\"/>\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, `<g id="l%d">`, i)
		for range wide {
			fmt.Fprintf(&b, `<use href="#l%d"/>`, i-1)
		}
		b.WriteString("</g>\n")
	}
	fmt.Fprintf(&b, "</defs><use href=\"#l%d\"/></svg>", levels)
	return b.String()
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		want      []string // every diagnostic, in order
		w, h      float64
	}{
		{"plain", head + `<rect width="100" height="50"/></svg>`, nil, 100, 50},
		{"viewBox only", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"/>`, nil, 400, 300},
		{"width and viewBox", `<svg xmlns="http://www.w3.org/2000/svg" width="200" viewBox="0,0,400,300"/>`, nil, 200, 150},
		{"units", `<svg xmlns="http://www.w3.org/2000/svg" width="1in" height="72pt"/>`, nil, 96, 96},
		{"percentages use the viewBox", `<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 40 30"/>`, nil, 40, 30},
		{"no size", `<svg xmlns="http://www.w3.org/2000/svg" width="NaN" height="-4"/>`, nil, 0, 0},
		{"empty DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" + head + "</svg>", nil, 100, 50},
		{"embedded picture too large", head + "\n<image href=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAnEAAAJxACAIAAADebplSAAAAAElFTkSuQmCC\"/></svg>", []string{
			"x.svg:2:1: error: <image> embeds a picture of 40000 × 40000 pixels; an embedded picture may have at most 40 million"}, 0, 0},
		{"embedded picture damaged", head + "\n<image href=\"data:image/png;base64,AAAA\"/></svg>", []string{
			"x.svg:2:1: error: <image> embeds a damaged picture: image: unknown format"}, 0, 0},
		{"embedded PNG", head + "\n<image href=\"data:image/png;base64," + tinyPNG + "\"/></svg>", []string{
			"x.svg:2:1: warning: the PDF cannot draw SVG <image>, so the handouts show the drawing without it"}, 100, 50},
		{"text, drawn as vectors", head + "\n<text>A</text>\n<text>B<tspan>C</tspan></text></svg>", nil, 100, 50},
		{"text on a path", head + "\n<text><textPath href=\"#p\">A</textPath></text></svg>", []string{
			"x.svg:2:7: warning: the PDF cannot draw SVG <textPath>, so the handouts show the drawing without it"}, 100, 50},
		{"unreadable to the rasteriser, drawn as vectors", `<svg width="4" height="4"><rect fill="0"/></svg>`, nil, 4, 4},
		{"unreadable to the rasteriser, with a gradient", `<svg width="4" height="4"><linearGradient id="g"/><rect width="4" height="4" fill="0" stroke="url(#g)"/></svg>`, []string{
			"x.svg:1:1: warning: the PDF cannot draw this SVG (param mismatch), so the handouts show only its caption"}, 4, 4},
		{"editor metadata", head + `<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/><metadata/></svg>`, nil, 100, 50},

		{"Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + head + "</svg>", []string{
			"x.svg:1:1: error: the SVG is written in the ISO-8859-1 encoding; an EPUB needs UTF-8"}, 0, 0},
		{"not XML", "this is not an SVG", []string{"x.svg:1:1: error: the file has no <svg> element"}, 0, 0},
		{"root not svg", "<html/>", []string{"x.svg:1:1: error: the file's root element is <html>, not <svg>"}, 0, 0},
		{"malformed after the root element", head + "\n<g><rect></g></svg>", []string{
			"x.svg:2:14: error: the SVG is not well-formed XML: element <rect> closed by </g>"}, 0, 0},
		{"malformed after accented text", head + "\n<desc>Élodie’s map</desc><g></svg>", []string{
			"x.svg:2:35: error: the SVG is not well-formed XML: element <g> closed by </svg>"}, 0, 0},
		{"truncated", head + "\n<g>", []string{"x.svg:2:4: error: the SVG is not well-formed XML: unexpected EOF"}, 0, 0},
		{"content after the root", head + "</svg>\n<svg/>", []string{"x.svg:2:1: error: the SVG has more after its closing </svg>"}, 0, 0},
		{"entities", "<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n" + head + "&a;</svg>", []string{
			"x.svg:1:1: error: the SVG declares entities or other markup in a DOCTYPE"}, 0, 0},
		{"undeclared entity", head + "\n&lol;</svg>", []string{
			"x.svg:2:6: error: the SVG is not well-formed XML: invalid character entity &lol;"}, 0, 0},
		{"script", head + "\n<script>alert(1)</script></svg>", []string{
			"x.svg:2:1: error: the SVG holds a <script>; an EPUB may carry no script"}, 0, 0},
		{"event handler", head + "\n<rect onclick=\"alert(1)\"/></svg>", []string{
			"x.svg:2:1: error: <rect> has the event handler onclick; an EPUB may carry no script"}, 0, 0},
		{"foreignObject", head + "\n<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">Hi</p></foreignObject></svg>", []string{
			"x.svg:2:1: error: the SVG holds a <foreignObject> (HTML inside the drawing), which an EPUB may not carry here",
			"x.svg:2:16: error: the SVG holds an HTML <p>, which an EPUB may not carry here"}, 0, 0},
		{"remote image", head + "\n<image xlink:href=\"https://example.com/a.png\"/></svg>", []string{
			`x.svg:2:1: error: <image> refers to "https://example.com/a.png" outside the drawing; an EPUB may load nothing from elsewhere`}, 0, 0},
		{"javascript link", head + "\n<a href=\"javascript:alert(1)\"><rect/></a></svg>", []string{
			`x.svg:2:1: error: <a> refers to "javascript:alert(1)" outside the drawing; an EPUB may load nothing from elsewhere`}, 0, 0},
		{"file reference", head + "\n<use href=\"file:///etc/passwd#x\"/></svg>", []string{
			`x.svg:2:1: error: <use> refers to "file:///etc/passwd#x" outside the drawing; an EPUB may load nothing from elsewhere`}, 0, 0},
		{"embedded SVG", head + "\n<image href=\"data:image/svg+xml;base64,AAAA\"/></svg>", []string{
			`x.svg:2:1: error: <image> embeds data of type "image/svg+xml"; an SVG in an EPUB may embed only PNG, JPEG, GIF or WebP pictures`}, 0, 0},
		{"remote fill", head + "\n<rect fill=\"url(http://x/y#g)\"/></svg>", []string{
			"x.svg:2:1: error: the SVG's style refers to url(http://x/y#g) outside the drawing; an EPUB may load nothing from elsewhere"}, 0, 0},
		{"style sheet import", head + "\n<style>@import url(#x);</style></svg>", []string{
			"x.svg:2:1: error: the SVG's style imports another style sheet (@import)"}, 0, 0},
		{"style sheet PI", "<?xml-stylesheet href=\"http://x/s.css\"?>\n" + head + "</svg>", []string{
			"x.svg:1:1: error: the SVG links a style sheet (<?xml-stylesheet?>)"}, 0, 0},
		{"animated link", head + "\n<a href=\"#x\"><set attributeName=\"xlink:href\" to=\"javascript:alert(1)\"/></a></svg>", []string{
			"x.svg:2:14: error: <set> changes a link while the drawing animates, which could lead out of the book"}, 0, 0},
		{"extreme aspect ratio", `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000000000"/>`, []string{
			"x.svg:1:1: error: the drawing is 10 × 100000000000 pixels, more than 100 times longer one way than the other"}, 0, 0},
		{"use of itself", head + "\n<g id=\"a\">\n<use href=\"#a\"/></g></svg>", []string{
			"x.svg:3:1: error: this <use> refers to #a, which contains it, so the drawing would never end"}, 0, 0},
		{"use fan-out", useBomb(9, 10), []string{
			"x.svg:7:1: error: <use> elements here repeat the drawing's elements more than 200,000 times"}, 0, 0},
		{"deep nesting", head + strings.Repeat("<g>", 100) + strings.Repeat("</g>", 100) + "</svg>", []string{
			"x.svg:1:297: error: the SVG's elements are nested more than 64 deep"}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, d := Read("x.svg", []byte(tc.svg))
			var got []string
			for _, x := range d {
				got = append(got, x.Pos.String()+": "+x.Severity.String()+": "+x.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tc.want)
			}
			if (img == nil) != d.HasErrors() {
				t.Fatalf("image %v with errors %v", img != nil, d.HasErrors())
			}
			if img != nil && (img.Width != tc.w || img.Height != tc.h) {
				t.Errorf("size %v × %v, want %v × %v", img.Width, img.Height, tc.w, tc.h)
			}
		})
	}
}

// The DOCTYPE is dropped from the bytes an EPUB gets; nothing else changes.
func TestDataDropsDoctype(t *testing.T) {
	in := "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" + head + "</svg>\n"
	img, d := Read("x.svg", []byte(in))
	if d.HasErrors() {
		t.Fatal(d)
	}
	if want := "<?xml version=\"1.0\"?>\n\n" + head + "</svg>\n"; string(img.Data) != want {
		t.Errorf("data = %q, want %q", img.Data, want)
	}
	plain := head + "<rect/></svg>"
	img, _ = Read("x.svg", []byte(plain))
	if string(img.Data) != plain {
		t.Errorf("data changed: %q", img.Data)
	}
}

// Rasterize draws shapes, including those a <use> repeats, at the size
// asked for, and refuses sizes beyond the bound.
func TestRasterize(t *testing.T) {
	img, d := Read("x.svg", []byte(head+`<defs><rect id="r" width="10" height="10" fill="red"/></defs>`+
		`<use href="#r" x="50"/><symbol id="s"><rect width="10" height="10" fill="blue"/></symbol><use xlink:href="#s" y="40"/>`+
		`<a href="#r"><rect x="90" width="10" height="10" fill="green"/></a>`+
		`<svg x="70" y="40" width="10" height="10" viewBox="0 0 10 10"><rect width="10" height="10" fill="blue"/></svg></svg>`))
	if d.HasErrors() {
		t.Fatal(d)
	}
	m, err := img.Rasterize(200, 100)
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y int) color.RGBA { return m.RGBAAt(x, y) }
	if c := at(110, 10); c.R != 255 || c.G != 0 {
		t.Errorf("the <use> of the red square is not drawn at x=50: %v", c)
	}
	if c := at(10, 90); c.B != 255 || c.R != 0 {
		t.Errorf("the <use> of the blue symbol is not drawn at y=40: %v", c)
	}
	if c := at(190, 10); c.G != 128 || c.R != 0 {
		t.Errorf("the square inside <a> is not drawn: %v", c)
	}
	if c := at(150, 90); c.B != 255 || c.G != 0 {
		t.Errorf("the nested <svg> is not drawn at its place: %v", c)
	}
	if c := at(10, 10); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the definitions are drawn in place: %v", c)
	}
	if _, err := img.Rasterize(100000, 100000); err == nil {
		t.Error("a raster of 10^10 pixels was drawn")
	}
	if _, err := img.Rasterize(0, 10); err == nil {
		t.Error("a raster 0 pixels wide was drawn")
	}
}

// The largest expansion Read allows is drawn, and one level more is
// refused: the rasteriser gets no <use> (its own expansion has no bound)
// and no more elements than Read counted. The work is counted, not timed,
// so a busy machine cannot fail the test.
func TestBoundedUseDraws(t *testing.T) {
	if _, d := Read("x.svg", []byte(useBomb(6, 8))); !d.HasErrors() {
		t.Errorf("8^6 = 262,144 paths from <use>, past MaxExpanded (%d), were not refused", MaxExpanded)
	}
	img, d := Read("x.svg", []byte(useBomb(5, 8))) // 149,797 elements counted
	if d.HasErrors() {
		t.Fatal(d)
	}
	printable := img.printable()
	if bytes.Contains(printable, []byte("<use")) {
		t.Error("the rasteriser is given a <use> to expand")
	}
	dec := xml.NewDecoder(bytes.NewReader(printable))
	elements := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the rasteriser's copy is not XML: %v", err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			elements++
		}
	}
	if elements < 8*8*8*8*8 || elements > MaxExpanded {
		t.Errorf("the rasteriser's copy has %d elements; want the 32,768 paths and at most MaxExpanded (%d)", elements, MaxExpanded)
	}
	// The rasteriser's work follows from the count; it draws a tenth of
	// it, for the same paths through the code in a second, not fifteen.
	if img, d = Read("x.svg", []byte(useBomb(4, 8))); d.HasErrors() {
		t.Fatal(d)
	}
	if _, err := img.Rasterize(100, 50); err != nil {
		t.Fatal(err)
	}
}

// Reading is linear in the file: many elements on one line, and a style
// sheet in many pieces (quadratic reading took minutes). Work is counted,
// not timed: pos walks each byte once, and four times the file allocates
// about four times the memory (a quadratic reader, sixteen).
func TestReadIsLinear(t *testing.T) {
	for name, text := range map[string]func(n int) string{
		"elements on one line": func(n int) string {
			return head + strings.Repeat(`<rect width="1" height="1"/>`, n) + "</svg>"
		},
		"style in pieces": func(n int) string {
			return head + "<style>" + strings.Repeat("a{}<!---->", n) + "</style></svg>"
		},
	} {
		var alloc [2]uint64
		for i, n := range []int{10_000, 40_000} {
			data := []byte(text(n))
			r := newReader("x.svg", data)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			root := r.parse()
			runtime.ReadMemStats(&after)
			if root == nil || r.diags.HasErrors() {
				t.Fatalf("%s: %s", name, r.diags)
			}
			if r.stepped > int64(len(data)) {
				t.Errorf("%s × %d: finding lines and columns walked %d bytes of a %d-byte file", name, n, r.stepped, len(data))
			}
			alloc[i] = after.TotalAlloc - before.TotalAlloc
		}
		if ratio := float64(alloc[1]) / float64(alloc[0]); ratio > 6 {
			t.Errorf("%s: four times the file allocated %.1f times the memory (%d bytes, then %d); want about 4", name, ratio, alloc[0], alloc[1])
		}
	}
}
