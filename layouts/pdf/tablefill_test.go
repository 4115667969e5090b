package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// tableHeldBack is, for each page of pages that a table goes on from to
// the next page, a description of the room it leaves where the table's
// next row would have fitted: more than that row's chain (the rows kept
// with it: the table's last two, a row's pieces) and fillMargin. A page
// may hold a row back only so that the section's last page, the next,
// holds tailShare of its room (section.partEnd).
func tableHeldBack(pages []*pageLayout, g geometry) []string {
	const fillMargin = 1.5 // mm
	var out []string
	for i := 0; i+1 < len(pages); i++ {
		p, next := pages[i], pages[i+1]
		if next.no == 1 {
			continue // the next page starts a section
		}
		s := next.sec
		if !s.partEnd {
			// A handout's tables, its mark schemes, part as their
			// criteria keep (markScheme).
			continue
		}
		// The table row the next page goes on with.
		k := -1
		for j, r := range next.rows {
			if r.table != nil && !r.head && !r.space {
				k = j
				break
			}
			if !r.head && !r.space {
				break
			}
		}
		if k < 0 {
			continue
		}
		r := next.rows[k]
		if !containsTable(p.rows, r.table) {
			continue
		}
		at := -1
		for j, sr := range s.rows {
			if sr == r {
				at = j
			}
		}
		if at < 0 {
			continue
		}
		need := chainHeight(s.rows[at:])
		room := p.sec.room(g, p.no)
		free := room - height(p.rows) - height(p.notes)
		if free <= need+fillMargin {
			continue
		}
		// The section's last page, held to tailShare of its room.
		if i+2 == len(pages) || pages[i+2].no == 1 {
			if height(next.rows)-need < s.room(g, next.no)*tailShare {
				continue
			}
		}
		out = append(out, fmt.Sprintf("page %d of %q: %.0f mm free, next row %q needs %.0f", p.no, p.sec.folio.name, free, rowTextOf(r), need))
	}
	return out
}

func containsTable(rows []*row, t *tableGroup) bool {
	for _, r := range rows {
		if r.table == t && !r.head {
			return true
		}
	}
	return false
}

// TestTablesFillTheirPages: a back-matter table that goes on over a page
// fills the page row by row, its header repeated on the next, in both packets of
// the bundled companion in every printing: the schemes of work's page
// stopped after Lesson 14 with 235 pt free, the timeline's with 154 pt,
// large print's answer key with half a page (review14 #3).
func TestTablesFillTheirPages(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, _ []string, sections []*section) {
		pages, _ := flow(sections, h.g)
		for _, s := range tableHeldBack(pages, h.g) {
			t.Errorf("teacher %v: %s", teacher, s)
		}
	})
}

// TestWorksCitedEntriesWhole: no works-cited entry parts over pages, in
// the packets' works cited or a handout's, in either packet and every
// printing of the bundled companion (large print's student p. 215 ended
// with "Ishiguro, Kazuo. “Future Imperfect”. The Guardian," and its
// date and address opened p. 216; the standard student packet parted an
// entry at p. 107, review14 #4).
func TestWorksCitedEntriesWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, _ []string, sections []*section) {
		headings := []string{h.b.WorksCitedHeading(), h.b.HandoutWorksCitedHeading()}
		pages, _ := flow(sections, h.g)
		on := pageIndex(pages)
		lists := 0
		for _, s := range sections {
			in := false
			pageOf := map[*tagged.Elem]int{}
			for _, r := range s.rows {
				if headingRow(r) {
					in = slices.Contains(headings, strings.TrimSpace(rowTextOf(r)))
					if in {
						lists++
					}
					continue
				}
				tag := rowTag(r)
				if !in || tag == nil {
					continue
				}
				p, seen := pageOf[tag]
				if !seen {
					pageOf[tag] = on[r]
				} else if p != on[r] {
					t.Errorf("teacher %v, %s: an entry parts over pp. %d and %d at %q", teacher, s.folio.name, p+1, on[r]+1, rowTextOf(r))
				}
			}
		}
		if lists == 0 {
			t.Errorf("teacher %v: no works cited found", teacher)
		}
	})
}

// TestTableTailKeepsLinesNotRows: a table that parts keeps its last two
// rows together only while the last is shorter than rowLinesKept lines; a
// last row of that many lines or more may stand alone on the table's last
// page (large print's 3-10-line rows held the row before back and left LP
// T pp. 281, 305, 307 a third to half empty, review15 #1).
func TestTableTailKeepsLinesNotRows(t *testing.T) {
	const lh = 6.0
	body := func(lines ...int) [][]*row {
		var out [][]*row
		for _, n := range lines {
			out = append(out, []*row{{h: float64(n)*lh + 2*cellPadY}})
		}
		return out
	}
	for _, c := range []struct {
		lines []int
		held  bool // the row before the last kept with it
	}{
		{[]int{1, 1, 1, 1, 1, 1, 1, 1}, true},
		{[]int{4, 4, 4, 4, 4, 4, 4, 2}, true},
		{[]int{4, 4, 4, 4, 4, 4, 4, rowLinesKept}, false},
		{[]int{10, 10, 10, 10, 10, 10, 10, 10}, false},
	} {
		b := body(c.lines...)
		keepTableRows(b, 1000, 200, true, lh)
		n := len(b)
		if got := b[n-2][0].keep; got != c.held {
			t.Errorf("rows of %v lines: row before the last kept with it %v, want %v", c.lines, got, c.held)
		}
		if !b[0][0].keep {
			t.Errorf("rows of %v lines: the first body row parts from the second", c.lines)
		}
	}
}
