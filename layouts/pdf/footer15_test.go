package pdf

import (
	"testing"

	"github.com/companion-dev/companion/layouts"
)

// TestPageBetweenFilledFromThePageBefore: a page between two of its
// section's own that would hold only the tail of what the page before
// cut (two lines of a box), because the chain after them is kept whole
// and taller than the rest of the page (a prompt with its guidance's
// head and first lines), takes lines from the page before until it
// draws a third of its room, as a last page does: LP teacher p. 230
// held the last four lines of Handout 14's "For the teacher", 22% of
// the page, its first essay prompt on the next. The chain is not
// parted for it, and the section keeps its number of pages.
func TestPageBetweenFilledFromThePageBefore(t *testing.T) {
	g := pageGeometry("a4", layouts.Standard)
	s := &section{foot: func() []*row { return rowsOf(10) }}
	room := s.room(g, 2)
	const line = 5.0
	var lines []*row
	for range int(room/line) + 2 { // a page of lines, and two on the next
		lines = append(lines, &row{h: line, ops: []op{textOp{}}})
	}
	var chain []*row
	for range 9 {
		chain = append(chain, &row{h: (room - 2*line) / 9, keep: true, whole: true, ops: []op{textOp{}}})
	}
	chain[len(chain)-1].keep, chain[len(chain)-1].whole = false, false
	s.rows = append(append(lines, chain...), rowsOf(line, line, line)...)
	for _, r := range s.rows {
		if len(r.ops) == 0 {
			r.ops = []op{textOp{}}
		}
	}

	// Without the rule the page after the lines' first holds two.
	plain := paginateWithin(s, g, nil, map[int]float64{})
	if len(plain) < 3 || inkedHeight(plain[1].rows) >= room/3 {
		t.Fatalf("laid out as rows fit, %d pages, the second drawing %.0f of %.0f mm: the test proves nothing", len(plain), inkedHeight(plain[1].rows), room)
	}

	pages := paginate(s, g)
	if len(pages) != len(plain) {
		t.Errorf("%d pages, %d as rows fit", len(pages), len(plain))
	}
	for i, p := range pages[:len(pages)-1] {
		if used := inkedHeight(p.rows); used < s.room(g, p.no)/3 {
			t.Errorf("page %d of %d draws %.0f of %.0f mm", i+1, len(pages), used, s.room(g, p.no))
		}
	}
	on := pageOf(pages)
	for _, r := range chain[1:] {
		if on[r] != on[chain[0]] {
			t.Fatalf("the chain kept whole parts: its first row on page %d, a row on page %d", on[chain[0]]+1, on[r]+1)
		}
	}
}
