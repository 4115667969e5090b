package pdf

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// shape is a filled rectangle or a stroked segment a page draws, in
// points from the page's bottom left corner, with its colour as the
// content gives it ("0.925 0.953 0.980").
type shape struct {
	x0, y0, x1, y1 float64 // x0 ≤ x1, y0 ≤ y1
	color          string
	stroke         bool
}

// drawnShapes reads the rectangles each page of a file fills and the
// segments it strokes (drawnText reads its strings), by page from 1.
func drawnShapes(t *testing.T, data []byte) map[int][]shape {
	t.Helper()
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	pages := f.Pages()
	out := map[int][]shape{}
	for i, page := range pages {
		content, err := f.PageContent(page)
		if err != nil {
			t.Fatal(err)
		}
		out[i+1] = contentShapes(t, content)
	}
	return out
}

// contentShapes reads the shapes of one page's content.
func contentShapes(t *testing.T, content []byte) []shape {
	t.Helper()
	ctm := identity
	var stack []matrix
	fill, stroke := "", ""
	var rects, segs []shape
	var at [2]float64 // the current point
	var out []shape
	// colour is an RGB colour, a grey (G, g) as its three equal parts.
	colour := func(ops []pdfobj.Object) string {
		var parts []string
		for _, o := range ops {
			parts = append(parts, strconv.FormatFloat(number(o), 'f', 3, 64))
		}
		if len(parts) == 1 {
			parts = []string{parts[0], parts[0], parts[0]}
		}
		return strings.Join(parts, " ")
	}
	// point is (x, y) through the ctm.
	point := func(x, y float64) (float64, float64) {
		return x*ctm[0] + y*ctm[2] + ctm[4], x*ctm[1] + y*ctm[3] + ctm[5]
	}
	box := func(x0, y0, x1, y1 float64) shape {
		return shape{x0: min(x0, x1), y0: min(y0, y1), x1: max(x0, x1), y1: max(y0, y1)}
	}
	s := pdfobj.NewScanner(content)
	for {
		op, ok, err := s.NextOperation()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		o := op.Operands
		switch op.Operator {
		case "q":
			stack = append(stack, ctm)
		case "Q":
			ctm, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case "cm":
			ctm = operandMatrix(t, o).times(ctm)
		case "rg", "g":
			fill = colour(o)
		case "RG", "G":
			stroke = colour(o)
		case "re":
			x0, y0 := point(number(o[0]), number(o[1]))
			x1, y1 := point(number(o[0])+number(o[2]), number(o[1])+number(o[3]))
			rects = append(rects, box(x0, y0, x1, y1))
		case "m":
			at[0], at[1] = point(number(o[0]), number(o[1]))
		case "l":
			x, y := point(number(o[0]), number(o[1]))
			segs = append(segs, box(at[0], at[1], x, y))
			at = [2]float64{x, y}
		case "f", "F", "f*":
			for _, r := range rects {
				r.color = fill
				out = append(out, r)
			}
			rects, segs = nil, nil
		case "S":
			for _, r := range segs {
				r.color, r.stroke = stroke, true
				out = append(out, r)
			}
			rects, segs = nil, nil
		case "n":
			rects, segs = nil, nil
		}
	}
}

// pdfColor is a colour as a page's content sets it.
func pdfColor(c props.Color) string {
	return fmt.Sprintf("%.3f %.3f %.3f", float64(c.Red)/255, float64(c.Green)/255, float64(c.Blue)/255)
}

// TestFramedBoxHoldsItsBlocks: in a teacher's guidance box, which is
// drawn with a frame, a table, a block quotation and a list sit inside
// the frame's inner margin, in either profile: every word, the table's
// header shade and rules, the quotation's bar. The shade and the bar are
// drawn at all (they were dropped where they lay over the frame's
// ground), and the frame's sides are one line each side, at its edges.
func TestFramedBoxHoldsItsBlocks(t *testing.T) {
	tool(t, "pdftotext")
	fsys := booktest.Fixture(t, filepath.Join("testdata", "full.txtar"))
	booktest.Edit(t, fsys, "chapters/01-introduction.md",
		"      Students should notice that the translator chose a plain word where\n      older versions say *of many turns*.\n",
		"      A sequence for the lesson:\n\n"+
			"      | Step | What students do | Minutes |\n"+
			"      |------|------------------|---------|\n"+
			"      | 1 | Reread the proem aloud in pairs, marking every epithet | 10 |\n"+
			"      | 2 | Compare two translations of the first line | 15 |\n\n"+
			"      > Tell me about a man of twists and turns, driven time and again off course.\n\n"+
			"      - the word the translator chose\n"+
			"      - what older versions say\n"+
			"        1. a nested point about tone\n\n"+
			"      Students should notice that the translator chose a plain word where\n      older versions say *of many turns*.\n")
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		t.Run(cmp.Or(string(profile), "standard"), func(t *testing.T) {
			opt := options(layouts.Teacher, "letter", true)
			opt.Profile = profile
			files, _, _ := renderFiles(t, b, opt)
			var data []byte
			for p, f := range files {
				if strings.HasSuffix(p, "-teacher"+profile.Suffix()+".pdf") {
					data = f.Data
				}
			}
			if data == nil {
				t.Fatal("no teacher packet")
			}
			g := pageGeometry("letter", profile)
			pad := 4 * g.scale * 72 / 25.4 // the box's inner margin, in points on the paper
			shapes := drawnShapes(t, data)
			words := wordBoxes(t, pdftotext(t, data, "-bbox"))
			height := g.pt(g.height) // the paper's, in points
			edge, ground := pdfColor(teachEdge), pdfColor(fillTeach)
			head, bar, rules := pdfColor(fillHead), pdfColor(barColor), pdfColor(lightRule)
			boxes, heads, bars, tableRules := 0, 0, 0, 0
			for page, ss := range shapes {
				// The frame: its sides, stroked in its edge colour.
				left, right, top, bottom := math.Inf(1), math.Inf(-1), math.Inf(-1), math.Inf(1)
				for _, s := range ss {
					if s.stroke && s.color == edge && s.x0 == s.x1 {
						left, right = min(left, s.x0), max(right, s.x0)
						top, bottom = max(top, s.y1), min(bottom, s.y0)
					}
				}
				if left > right {
					continue
				}
				boxes++
				inside := func(x0, x1 float64) bool { return x0 >= left+pad-0.2 && x1 <= right-pad+0.2 }
				for _, s := range ss {
					if s.y1 <= bottom || s.y0 >= top {
						continue // not in the box
					}
					switch {
					case s.stroke && s.color == edge && s.x0 == s.x1:
						if s.x0 != left && s.x0 != right {
							t.Errorf("page %d: the frame draws a side at %.2f pt, inside its edges %.2f and %.2f", page, s.x0, left, right)
						}
					case !s.stroke && s.color == ground:
						if s.x0 < left-0.2 || s.x1 > right+0.2 {
							t.Errorf("page %d: the box's ground %.2f–%.2f pt is outside its frame %.2f–%.2f", page, s.x0, s.x1, left, right)
						}
					case !s.stroke && (s.color == head || s.color == bar), s.stroke && s.color == rules:
						switch s.color {
						case head:
							heads++
						case bar:
							bars++
						default:
							tableRules++
						}
						if !inside(s.x0, s.x1) {
							t.Errorf("page %d: a shape in %s at %.2f–%.2f pt is outside the frame's inner margin %.2f–%.2f", page, s.color, s.x0, s.x1, left+pad, right-pad)
						}
					}
				}
				for _, w := range words {
					y0, y1 := height-w.yMax, height-w.yMin
					if w.page != page || y1 <= bottom || y0 >= top {
						continue
					}
					if !inside(w.xMin, w.xMax) {
						t.Errorf("page %d: %q at %.2f–%.2f pt is outside the frame's inner margin %.2f–%.2f", page, w.text, w.xMin, w.xMax, left+pad, right-pad)
					}
				}
			}
			if boxes == 0 || heads == 0 || bars == 0 || tableRules == 0 {
				t.Errorf("%d framed boxes with %d table header shades, %d quotation bars and %d table rules, want some of each", boxes, heads, bars, tableRules)
			}
		})
	}
}
