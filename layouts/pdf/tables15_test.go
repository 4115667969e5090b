package pdf

import (
	"fmt"
	"testing"
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
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			_, sections := packetSections(h, teacher)
			pages, _ := flow(sections, h.g)
			for _, s := range tableHeldBack(pages, h.g) {
				t.Errorf("teacher %v: %s", teacher, s)
			}
		}
	})
}
