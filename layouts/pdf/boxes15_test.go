package pdf

import (
	"testing"

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

// padOf is the padding a row that closes a cut box draws below itself
// (padOp), if it does.
func padOf(r *row) (padOp, bool) {
	if len(r.ops) == 1 {
		p, ok := r.ops[0].(padOp)
		return p, ok
	}
	return padOp{}, false
}
