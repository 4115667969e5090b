package svg

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

func drawingOf(t *testing.T, body string) *Drawing {
	t.Helper()
	img, d := Read("x.svg", []byte(head+body+"</svg>"))
	if img == nil {
		t.Fatal(d)
	}
	return img.Drawing()
}

// path writes a shape's path compactly: "M0,0 L10,0 Z".
func path(s *Shape) string {
	var parts []string
	for _, seg := range s.Path {
		n := map[byte]int{'M': 1, 'L': 1, 'C': 3, 'Z': 0}[seg.Op]
		var pts []string
		for _, p := range seg.Pts[:n] {
			pts = append(pts, fmt.Sprintf("%s,%s", num(math.Round(p.X*100)/100), num(math.Round(p.Y*100)/100)))
		}
		parts = append(parts, string(seg.Op)+strings.Join(pts, " "))
	}
	return strings.Join(parts, " ")
}

// TestPathData: every path command, absolute and relative, written as
// compactly as SVG allows, comes out as absolute moves, lines, cubic
// Béziers and closes.
func TestPathData(t *testing.T) {
	for _, tc := range []struct{ d, want string }{
		{"M10 10 H20 V20 h-5 v-5 Z", "M10,10 L20,10 L20,20 L15,20 L15,15 Z"},
		{"m1-2.5.5.5l1e1 0", "M1,-2.5 L1.5,-2 L11.5,-2"},                                       // compact numbers; pairs after m are lines
		{"M0 0 10 0 10 10", "M0,0 L10,0 L10,10"},                                               // implicit lines
		{"M0 0Q10 0 10 10", "M0,0 C6.67,0 10,3.33 10,10"},                                      // quadratic as cubic
		{"M0 0Q5 5 10 0T20 0", "M0,0 C3.33,3.33 6.67,3.33 10,0 C13.33,-3.33 16.67,-3.33 20,0"}, // T reflects
		{"M0 0C0 5 5 10 10 10S20 5 20 0", "M0,0 C0,5 5,10 10,10 C15,10 20,5 20,0"},             // S reflects
		{"M0 0L5 5Z l1 1", "M0,0 L5,5 Z L1,1"},                                                 // after Z, from the start
		{"M0 0 L5 5 X 9 9", "M0,0 L5,5"},                                                       // up to the first error
		{"M0 0a5 5 0 010 0", "M0,0"},                                                           // an arc to where it starts: nothing
		{"M0 0A0 5 0 0 1 10 0", "M0,0 L10,0"},                                                  // a zero radius: a line
	} {
		if got := path(&Shape{Path: pathData(tc.d)}); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.d, got, tc.want)
		}
	}
}

// TestArcs: arcs become Béziers of at most a quarter turn whose points lie
// on the circle, on the side the flags choose, radii too small scaled up.
func TestArcs(t *testing.T) {
	for _, tc := range []struct {
		d        string
		segments int
		cx, cy   float64 // the centre
		r        float64
		mid      Point // a point the arc passes through
	}{
		{"M0 0 A10 10 0 0 1 20 0", 2, 10, 0, 10, Point{10, -10}}, // sweep: clockwise on screen, over the top
		{"M0 0 A10 10 0 0 0 20 0", 2, 10, 0, 10, Point{10, 10}},
		{"M0 0 a1 1 0 0 0 20 0", 2, 10, 0, 10, Point{10, 10}},    // radius scaled up to fit
		{"M0 0 A10 10 0 1 1 10 10", 3, 10, 0, 10, Point{0, 0}},   // large: three quarters
		{"M0 0 A10 10 0 0 1 10 10", 1, 0, 10, 10, Point{10, 10}}, // small: a quarter
	} {
		all := pathData(tc.d)
		segs := all[1:]
		if len(segs) != tc.segments {
			t.Errorf("%s: %d segments, want %d", tc.d, len(segs), tc.segments)
			continue
		}
		found := false
		from := all[0].Pts[0]
		for _, s := range segs {
			for k := range 21 {
				p := bezierAt(from, s, float64(k)/20)
				if d := math.Hypot(p.X-tc.cx, p.Y-tc.cy) - tc.r; math.Abs(d) > 0.01*tc.r {
					t.Errorf("%s: %v is %.3f off the circle", tc.d, p, d)
				}
				if math.Hypot(p.X-tc.mid.X, p.Y-tc.mid.Y) < 0.5 {
					found = true
				}
			}
			from = s.Pts[2]
		}
		if !found {
			t.Errorf("%s: the arc does not pass through %v", tc.d, tc.mid)
		}
	}
}

// bezierAt is the point at u (0–1) of a cubic Bézier from p0.
func bezierAt(p0 Point, s Segment, u float64) Point {
	a, b, c := s.Pts[0], s.Pts[1], s.Pts[2]
	m := 1 - u
	return Point{
		m*m*m*p0.X + 3*m*m*u*a.X + 3*m*u*u*b.X + u*u*u*c.X,
		m*m*m*p0.Y + 3*m*m*u*a.Y + 3*m*u*u*b.Y + u*u*u*c.Y,
	}
}

// TestStyles: presentation attributes, then the style sheet's rules from
// the least specific, then style=""; inherited properties from the
// groups around; opacity multiplied down; display none drawn not at all.
func TestStyles(t *testing.T) {
	d := drawingOf(t, `<style>/* a sheet */ rect { fill: green } .a { fill: #00f } #r3 { fill: rgb(255, 0, 0) } g .b { stroke: navy; stroke-width: 2 } @media print { rect { fill: red } }</style>
<rect id="r1" width="1" height="1" fill="yellow"/>
<rect id="r2" class="a" width="1" height="1" fill="yellow"/>
<rect id="r3" class="a" width="1" height="1"/>
<rect class="a" width="1" height="1" style="fill:#ff000080"/>
<g fill="purple" stroke="currentColor" color="#123" opacity="0.5"><circle r="1" opacity=".5"/><circle class="b" r="1" stroke-dasharray="1 2 3"/></g>
<rect width="1" height="1" display="none"/><g style="display:none"><rect width="1" height="1"/></g>
<line x2="5" stroke="black" fill="red"/>`)
	type paint struct {
		fill, stroke string
		width        float64
		dash         []float64
	}
	show := func(p *Paint) string {
		if p == nil {
			return "none"
		}
		return fmt.Sprintf("#%02x%02x%02x@%s", p.R, p.G, p.B, num(math.Round(p.Opacity*100)/100))
	}
	var got []paint
	for _, it := range d.Items {
		s := it.(*Shape)
		got = append(got, paint{show(s.Fill), show(s.Stroke), s.StrokeWidth, s.Dash})
	}
	want := []paint{
		{"#008000@1", "none", 0, nil},                                  // the sheet's type rule over the attribute
		{"#0000ff@1", "none", 0, nil},                                  // the class over the type
		{"#ff0000@1", "none", 0, nil},                                  // the id over the class
		{"#ff0000@0.5", "none", 0, nil},                                // style="" over all
		{"#800080@0.25", "#112233@0.25", 1, nil},                       // inherited; opacity 0.5 × 0.5
		{"#800080@0.5", "#000080@0.5", 2, []float64{1, 2, 3, 1, 2, 3}}, // the descendant rule; odd dashes repeat
		{"none", "#000000@1", 1, nil},                                  // a line has no inside
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if want := []Feature{{"the CSS rule @media", 1}}; !reflect.DeepEqual(d.Missing, want) {
		t.Errorf("missing %v, want %v", d.Missing, want)
	}
}

// TestPlacement: the viewBox, transforms and <use> place shapes in the
// drawing's box, and strokes scale with them.
func TestPlacement(t *testing.T) {
	for _, tc := range []struct{ svg, want string }{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 20 10"><rect x="1" y="1" width="2" height="2"/></svg>`,
			"M10,10 L30,10 L30,30 L10,30 Z"},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`,
			"M50,0 L150,0 L150,100 L50,100 Z"}, // xMidYMid meet
		{`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 10 10" preserveAspectRatio="none"><rect width="10" height="10"/></svg>`,
			"M0,0 L200,0 L200,100 L0,100 Z"},
		{head + `<g transform="translate(10 5) scale(2)"><rect width="1" height="1"/></g></svg>`, "M10,5 L12,5 L12,7 L10,7 Z"},
		{head + `<rect width="1" height="1" transform="rotate(90 1 1)"/></svg>`, "M2,0 L2,1 L1,1 L1,0 Z"},
		{head + `<defs><rect id="r" width="1" height="1"/></defs><use href="#r" x="3" transform="translate(1)"/></svg>`, "M4,0 L5,0 L5,1 L4,1 Z"},
		{head + `<symbol id="s"><rect width="1" height="1"/></symbol><use xlink:href="#s" y="2"/></svg>`, "M0,2 L1,2 L1,3 L0,3 Z"},
		{head + `<circle cx="5" cy="5" r="1"/></svg>`, "M6,5 C6,5.55 5.55,6 5,6 C4.45,6 4,5.55 4,5 C4,4.45 4.45,4 5,4 C5.55,4 6,4.45 6,5 Z"},
		{head + `<rect width="10" height="4" rx="1"/></svg>`, "M1,0 L9,0 C9.55,0 10,0.45 10,1 L10,3 C10,3.55 9.55,4 9,4 L1,4 C0.45,4 0,3.55 0,3 L0,1 C0,0.45 0.45,0 1,0 Z"},
		{head + `<polygon points="0,0 4,0 4,4"/></svg>`, "M0,0 L4,0 L4,4 Z"},
		{head + `<rect width="10%" height="1em"/></svg>`, "M0,0 L10,0 L10,16 L0,16 Z"},
	} {
		img, diags := Read("x.svg", []byte(tc.svg))
		if img == nil {
			t.Fatal(diags)
		}
		d := img.Drawing()
		if len(d.Items) != 1 {
			t.Errorf("%s: %d items", tc.svg, len(d.Items))
			continue
		}
		if got := path(d.Items[0].(*Shape)); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.svg, got, tc.want)
		}
	}
	d := drawingOf(t, `<g transform="scale(3)"><path d="M0 0h1" stroke="red" stroke-width="2" stroke-dasharray="1,1"/></g>`)
	if s := d.Items[0].(*Shape); s.StrokeWidth != 6 || !reflect.DeepEqual(s.Dash, []float64{3, 3}) {
		t.Errorf("stroke %v, dashes %v; want 6 and [3 3]", s.StrokeWidth, s.Dash)
	}
}

// TestText: each chunk of text is a start point, an anchor and runs in
// their styles, white space collapsed; a <tspan> with its own x starts a
// chunk, dx and dy shift the run they start.
func TestText(t *testing.T) {
	d := drawingOf(t, `<g font-size="10" fill="#333"><text x="50" y="20" text-anchor="middle">
  North   <tspan font-weight="bold" fill="red">gate</tspan>
  <tspan x="50" dy="1.5em" font-style="italic" font-size="8">of the   school</tspan></text>
<text transform="translate(5 5) scale(2)" y="10" dx="1">Hailsham<tspan dy="-2" font-weight="700"> 1</tspan></text>
<text x="10" y="100" dominant-baseline="middle">Centred</text>
<text x="0" y="0" font-weight="bold" style="font: italic 12px/1.2 serif">Short</text></g>`)
	var got []string
	for _, it := range d.Items {
		tx := it.(*Text)
		line := fmt.Sprintf("%s,%s %s:", num(tx.X), num(tx.Y), tx.Anchor)
		for _, r := range tx.Runs {
			line += fmt.Sprintf(" [%q %s b=%v i=%v #%02x%02x%02x dx=%s dy=%s]", r.Text, num(r.Size), r.Bold, r.Italic, r.Fill.R, r.Fill.G, r.Fill.B, num(r.DX), num(r.DY))
		}
		got = append(got, line)
	}
	want := []string{
		`50,20 middle: ["North " 10 b=false i=false #333333 dx=0 dy=0] ["gate" 10 b=true i=false #ff0000 dx=0 dy=0]`,
		`50,20 middle: ["of the school" 8 b=false i=true #333333 dx=0 dy=12]`,
		`5,25 start: ["Hailsham" 20 b=false i=false #333333 dx=2 dy=0] [" 1" 20 b=true i=false #333333 dx=0 dy=-4]`,
		`10,103.3 start: ["Centred" 10 b=false i=false #333333 dx=0 dy=0]`, // a third of an em down to the baseline
		`0,0 start: ["Short" 12 b=false i=true #333333 dx=0 dy=0]`,         // the shorthand resets the weight
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMissing: what the model cannot give is named, once per kind, at its
// first use, in the order the drawing first uses them.
func TestMissing(t *testing.T) {
	d := drawingOf(t, `<defs><linearGradient id="g"/><pattern id="p"/><clipPath id="c"/></defs>
<rect width="1" height="1" fill="url(#g)"/><rect width="1" height="1" stroke="url(#g)"/>
<rect width="1" height="1" fill="url(#p) red"/>
<rect width="1" height="1" fill="url(#nothing)"/>
<g clip-path="url(#c)"><rect width="1" height="1" style="filter:url(#f)"/></g>
<path d="M0 0h1" marker-end="url(#m)" stroke="red"/>
<text transform="rotate(30)">slanted</text><text><textPath href="#x">along</textPath></text>
<image href="data:image/png;base64,`+tinyPNG+`"/>
<style>a > b { fill: red }</style>`)
	want := []Feature{
		{"gradients", 2}, {"patterns", 3}, {"clip paths", 5}, {"filters", 5}, {"markers", 6},
		{"rotated or skewed text", 7}, {"text on a path (<textPath>)", 7}, {"embedded pictures (<image>)", 8},
		{`the CSS selector "a > b"`, 9},
	}
	if !reflect.DeepEqual(d.Missing, want) {
		t.Errorf("got  %v\nwant %v", d.Missing, want)
	}
	// Drawn: the black fill under the gradient stroke, the pattern's
	// fallback colour, the filtered rectangle and the marked path; not the
	// gradient fill, nor the reference to nothing (none).
	if len(d.Items) != 4 {
		t.Fatalf("%d items, want 4", len(d.Items))
	}
	if f := d.Items[1].(*Shape).Fill; f == nil || f.R != 255 {
		t.Errorf("fallback fill %v, want red", f)
	}
}

// TestStyleWorkBounded: a large style sheet on a drawing of many copies
// stops being applied at MaxStyleWork, and the drawing prints as a
// picture, rather than taking hours.
func TestStyleWorkBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("<style>")
	for i := range 20_000 {
		fmt.Fprintf(&b, "g .c%d{fill:red}", i)
	}
	b.WriteString(`</style><defs><g id="a">` + strings.Repeat(`<rect width="1" height="1"/>`, 100) + `</g></defs>`)
	b.WriteString(strings.Repeat(`<use href="#a"/>`, 1000))
	// The bound is work, not time: the drawing gives up on the style
	// sheet and says so, instead of matching 20,000 rules against 100,000
	// elements (a hang shows as the test binary's timeout, not a clock).
	d := drawingOf(t, b.String())
	if len(d.Missing) != 1 || !strings.Contains(d.Missing[0].Name, "style sheet too large") {
		t.Errorf("missing %v", d.Missing)
	}
}
