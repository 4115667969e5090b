package pdf

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"

	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// TestCutBoxKeepsItsPadding: a teacher's guidance box that a page cuts
// ends that page with its bottom padding (tableGroup.close, closeCut), as
// deep as a box that ends has under its last line, wherever the page
// before ends, for every question of the bundled companion with
// guidance, in every printing (large print's teacher packet cut 31 boxes
// 0.5 mm under their last line, where a closed box has 3 mm and the page
// had room for it; review14 #1). The padding is the cut's own: the rows
// before it are placed as they would be without it.
func TestCutBoxKeepsItsPadding(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		cuts, short := 0, 0
		for _, c := range h.b.Chapters {
			for _, q := range c.Questions {
				if q.Guidance == nil {
					continue
				}
				rows := h.question(q, nil, nil, true, tagged.New(tagged.LI))
				for filler := 0.0; filler < h.g.body()-h.footH; filler += 2 {
					s := &section{rows: append([]*row{{h: filler}}, rows...), foot: func() []*row { return rowsOf(h.footH) }}
					pages := paginate(s, h.g)
					for i, p := range pages[:len(pages)-1] {
						end := p.rows[len(p.rows)-1]
						var box *row // the close of the box the next page goes on in
						for _, r := range pages[i+1].rows {
							if !r.head {
								box = closeOf(r)
								break
							}
						}
						_, bled := padOf(end)
						if box == nil || len(end.ops) > 0 && !bled && closeOf(end) != box || end.frame != box.frame {
							continue // no box goes on
						}
						cuts++
						pad, bled := padOf(end)
						switch {
						case bled && pad.h >= box.h-1e-9:
							if end.h < box.h-1e-9 {
								short++
							}
						case len(end.ops) > 0 || end.h < box.h-1e-9:
							t.Fatalf("question %d of handout %d after %.0f mm: page %d cuts the guidance box without its %.1f mm of padding under its last line", q.Number, c.Number, filler, i+1, box.h)
						}
					}
				}
			}
		}
		if cuts == 0 {
			t.Fatal("no box is cut: the test tests nothing")
		}
		t.Logf("%d cuts, %d with the padding partly drawn in the footer's air", cuts, short)
	})
}

// TestCutBoxPaddingDrawn: on the drawn pages of the bundled teacher
// packets, in every printing, every teacher's guidance box that a page
// cuts (the next page opens "Teacher guidance, continued") has its bottom
// border as far under its last line's baseline as the closest of the
// boxes that end on a page (LP teacher p. 8 had 1.4 pt under the word
// boxes where a closed box has 8.6; review14 #1): read from the strokes
// in the box's edge colour and the text the page draws.
func TestCutBoxPaddingDrawn(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the bundled companion four times")
	}
	b := booktest.SharedBundled(t)
	for _, p := range everyPrinting {
		t.Run(p.String(), func(t *testing.T) {
			t.Parallel()
			name, shapes, text := drawnPacket(t, b, layouts.Teacher, p)
			h := testHandouts(t, b, p.paper, p.profile)
			continued := flat(h.label("box-continued", "label", h.label("teacher-guidance")))
			// gaps are the boxes' depths under their last line: from the
			// baseline of the lowest text above a bottom border, within
			// the box's sides, to the border.
			closed, cut := math.Inf(1), []string{}
			type gap struct {
				page int
				pt   float64
			}
			var cuts []gap
			for page := 1; page <= len(shapes); page++ {
				opens := false // the next page opens with the box continued
				for _, d := range text[page+1] {
					if d.artifact && joinedLine(text[page+1], d.y) == continued {
						opens = true
					}
				}
				for _, s := range shapes[page] {
					if !s.stroke || s.color != pdfColor(teachEdge) || s.y1-s.y0 > 0.01 || s.x1-s.x0 < 100 {
						continue // not a box's top or bottom
					}
					above := math.Inf(1) // the baseline nearest above the border
					for _, d := range text[page] {
						if d.x > s.x0 && d.x < s.x1 && d.y > s.y0 && d.y-s.y0 < above {
							above = d.y - s.y0
						}
					}
					if math.IsInf(above, 1) || above > 40 {
						continue // a top border, text below it
					}
					// The lowest border on a page the box goes on from is
					// its cut edge.
					lowest := true
					for _, o := range shapes[page] {
						if o.stroke && o.color == s.color && o.y1-o.y0 <= 0.01 && o.x1-o.x0 >= 100 && o.y0 < s.y0-0.01 {
							lowest = false
						}
					}
					if opens && lowest {
						cuts = append(cuts, gap{page, above})
					} else {
						closed = min(closed, above)
					}
				}
			}
			if len(cuts) == 0 || math.IsInf(closed, 1) {
				t.Fatalf("%d cut boxes, closed ones %v: the test tests nothing", len(cuts), !math.IsInf(closed, 1))
			}
			for _, c := range cuts {
				if c.pt < closed-0.2 {
					cut = append(cut, fmt.Sprintf("p. %d (%.1f pt)", c.page, c.pt))
				}
			}
			if len(cut) > 0 {
				t.Errorf("%s: %d of %d cut guidance boxes end nearer their last baseline than a closed box (%.1f pt): %s", name, len(cut), len(cuts), closed, strings.Join(cut, ", "))
			}
			t.Logf("%d cut boxes, each %.1f pt or more under its last baseline", len(cuts), closed)
		})
	}
}

// joinedLine is the text page strings draw on the baseline y, in order.
func joinedLine(ds []drawn, y float64) string {
	var b strings.Builder
	for _, d := range ds {
		if math.Abs(d.y-y) < 0.5 {
			b.WriteString(d.text)
		}
	}
	return flat(b.String())
}

// TestContinuedLinesFillThePage: on the drawn pages of the bundled
// students' packets, in every printing, a page whose answer lines go on
// to the next under "Question N, continued" rules them down to within a
// pitch of its body's foot, as a ruled page does (LP students' p. 186
// stopped three pitches, 144 pt, short; review14 #2).
func TestContinuedLinesFillThePage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the bundled companion four times")
	}
	b := booktest.SharedBundled(t)
	for _, p := range everyPrinting {
		t.Run(p.String(), func(t *testing.T) {
			t.Parallel()
			h := testHandouts(t, b, p.paper, p.profile)
			g := h.g
			name, shapes, text := drawnPacket(t, b, layouts.Student, p)
			// In points from the paper's foot: the body's foot (the
			// footer's top) and the lines' pitch.
			paper := g.pt(g.height)
			foot := paper - g.pt(g.top+g.body()-h.footH)
			pitch := g.pt(answerLineH())
			continued := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(flat(h.label("answer-continued", "n", "0"))), "0", `\d+`) + "$")
			checked := 0
			var short []string
			for page := 1; page < len(shapes); page++ {
				opens := false
				for _, d := range text[page+1] {
					if d.artifact && continued.MatchString(joinedLine(text[page+1], d.y)) {
						opens = true
					}
				}
				if !opens {
					continue
				}
				lowest := math.Inf(1) // the lowest answer line above the footer
				for _, s := range shapes[page] {
					if s.stroke && s.color == pdfColor(ruleColor) && s.y1-s.y0 < 0.01 && s.x1-s.x0 > 100 && s.y0 > foot+0.5 {
						lowest = min(lowest, s.y0)
					}
				}
				if math.IsInf(lowest, 1) {
					continue // the lines go on from a page that ends before them
				}
				checked++
				if gap := lowest - foot; gap > pitch+g.pt(0.5)+0.01 {
					short = append(short, fmt.Sprintf("p. %d (%.0f pt, pitch %.0f)", page, gap, pitch))
				}
			}
			if len(short) > 0 {
				t.Errorf("%s: %d of %d pages before answer lines continued stop their lines more than a pitch above the body's foot: %s", name, len(short), checked, strings.Join(short, ", "))
			}
			if checked == 0 && p.profile == layouts.LargePrint {
				t.Fatal("no answer lines continued: the test tests nothing")
			}
			t.Logf("%d pages before lines continued", checked)
		})
	}
}
