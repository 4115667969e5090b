package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// headingRow reports whether r sets text of a heading of any level.
func headingRow(r *row) bool {
	return slices.ContainsFunc(r.ops, func(o op) bool {
		tx, ok := o.(textOp)
		if !ok || tx.tag == nil {
			return false
		}
		switch tx.tag.Role {
		case tagged.H1, tagged.H2, tagged.H3, tagged.H4, tagged.H5, tagged.H6:
			return true
		}
		return false
	})
}

// linesIn is how many lines of text r sets: its text's baselines.
func linesIn(r *row) int {
	ys := map[float64]bool{}
	for _, o := range r.ops {
		if tx, ok := o.(textOp); ok {
			ys[tx.y] = true
		}
	}
	if r.lines || len(ys) == 0 && slices.ContainsFunc(r.ops, func(o op) bool { _, ok := o.(lineOp); return ok }) {
		return 1 // a ruled line to write on
	}
	return len(ys)
}

// strandedHeadings is, for each page of pages that a later page goes on
// from, a description of a heading it ends with that has fewer than two
// lines of text under it on the page.
func strandedHeadings(pages []*pageLayout) []string {
	var out []string
	for i, p := range pages[:max(len(pages)-1, 0)] {
		if pages[i+1].no == 1 {
			continue // the page ends its section
		}
		last := -1
		for j, r := range p.rows {
			if headingRow(r) {
				last = j
			}
		}
		if last < 0 {
			continue
		}
		lines := 0
		planning := false
		for _, r := range p.rows[last+1:] {
			lines += linesIn(r)
			planning = planning || r.planning
		}
		// The next page's first row of text: a heading there means the
		// heading's part ended whole on this page (a glossary's term
		// and its one-line definition).
		var next *row
		for _, r := range pages[i+1].rows {
			if textRow(r) && !r.head {
				next = r
				break
			}
		}
		if lines < 2 && !planning && (next == nil || !headingRow(next)) {
			var under string
			for _, r := range p.rows[last+1:] {
				under += " | " + rowTextOf(r)
			}
			out = append(out, fmt.Sprintf("page %d ends with %q and %d lines:%s", i+1, rowTextOf(p.rows[last]), lines, under))
		}
	}
	return out
}

// TestNoPageEndsWithAHeading: no page of either packet of the bundled
// companion, in any printing, ends with a heading and fewer than two
// lines of what follows it (review13 #2, #7, #8).
func TestNoPageEndsWithAHeading(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, _ []string, sections []*section) {
		pages, _ := flow(sections, h.g)
		for _, s := range strandedHeadings(pages) {
			t.Errorf("teacher %v: %s", teacher, s)
		}
	})
}

// TestHandoutWorksCitedKeeps: a handout's works cited keeps with its
// heading two entries at least, and a list of shortWorksCited entries
// or fewer stays whole, wherever the page before ends (Handout 8's
// heading ended a page with one of its three entries; Handout 2's six
// parted four and two).
func TestHandoutWorksCitedKeeps(t *testing.T) {
	forBundledHandouts(t, letterOnly, func(t *testing.T, h *handouts) { checkWorksCitedKeeps(t, h) })
}

func checkWorksCitedKeeps(t *testing.T, h *handouts) {
	works := h.b.WorksCited()
	sect := tagged.New(tagged.Sect)
	for _, n := range []int{3, shortWorksCited, shortWorksCited + 2} {
		if len(works) < n {
			t.Fatalf("the fixture cites %d works, want %d", len(works), n)
		}
		heading := h.sectionHeading(h.b.HandoutWorksCitedHeading(), 0, h.g.measure(), nil, sect)
		entries := keepEntries(h.worksCitedEntries(works[:n], sect), n)
		// Each entry's first row.
		var firsts []*row
		var seen []*tagged.Elem
		for _, r := range entries {
			if tag := rowTag(r); tag != nil && !slices.Contains(seen, tag) {
				seen = append(seen, tag)
				firsts = append(firsts, r)
			}
		}
		if len(firsts) != n {
			t.Fatalf("%d entries found, want %d", len(firsts), n)
		}
		title := heading[slices.IndexFunc(heading, textRow)]
		last := entries[len(entries)-1]
		for len(last.ops) == 0 {
			last = entries[slices.Index(entries, last)-1]
		}
		second := firsts[2-1]
		if n > 2 {
			// The second entry's last row: the row before the third's.
			second = entries[slices.Index(entries, firsts[2])-1]
			for len(second.ops) == 0 {
				second = entries[slices.Index(entries, second)-1]
			}
		}
		parted := false
		afterFiller(t, h, append(heading, entries...), func(filler float64, pages []*pageLayout) {
			on := pageOf(pages)
			if on[title] != on[second] {
				t.Fatalf("%d entries after %.1f mm: the heading on page %d, the second entry ends on page %d", n, filler, on[title]+1, on[second]+1)
			}
			if on[title] != on[last] {
				parted = true
				if n <= shortWorksCited {
					t.Fatalf("%d entries after %.1f mm: the list parts, pages %d and %d", n, filler, on[title]+1, on[last]+1)
				}
			}
		})
		if n > shortWorksCited && !parted {
			t.Errorf("%d entries never parted: the test tests nothing", n)
		}
	}
}

// TestFrameworkTablesPart: a curriculum map's framework table parts
// between its rows where it does not fit the rest of a page, its name and
// title kept with its header and first two rows, so that no page of the
// map ends more than a third empty before a framework that would have
// begun there (A4 teacher p. 115 stopped at 529 pt, GCSE's table of four
// rows kept whole on the next, review13 #22); and its name never ends a
// page without its table.
func TestFrameworkTablesPart(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		s := h.mapping()
		pages := paginate(s, h.g)
		on := pageOf(pages)
		parted := 0
		for i, r := range s.rows {
			if !isHeading(r, tagged.H2) || r.table != nil {
				continue
			}
			k := slices.IndexFunc(s.rows[i:], func(r *row) bool { return r.table != nil && !r.head })
			if k < 0 {
				continue
			}
			body := bodyRows(s.rows[i+k:])
			group := s.rows[i+k].table
			var own []*row
			for _, b := range body {
				if b.table == group && !b.piece {
					own = append(own, b)
				}
			}
			if on[r] != on[own[min(1, len(own)-1)]] {
				t.Errorf("%s: the framework on page %d, its second row on page %d", rowTextOf(r), on[r]+1, on[own[1]]+1)
			}
			if on[own[0]] != on[own[len(own)-1]] {
				parted++
			}
		}
		if parted == 0 && h.g.width < 215 && h.opt.Profile == layouts.Standard {
			t.Error("no framework's table parts in A4: GCSE's went whole to the next page")
		}
	})
}

// TestQuotationIndexTail: a balanced section that another runs on after
// never leaves a stray tail of itself on the page it shares (large
// print's quotation index set its last entry alone over the works
// cited's band, review13 #27): the page holds a fifth of its room of it
// at least, in every printing of both packets.
func TestQuotationIndexTail(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, names []string, sections []*section) {
		pages, _ := flow(sections[1:], h.g)
		for _, p := range pages {
			if len(p.opens) == 0 || p.no < 2 || !p.sec.balanced {
				continue
			}
			if shortTail(p.sec, h.g, p) {
				t.Errorf("teacher %v: page %d of %s holds a tail of it under %s's band", teacher, p.no, names[slices.Index(sections, p.sec)], rowTextOf(openingRow(p.opens[0])))
			}
		}
	})
}

// TestColophonAtFoot: the cover's colophon stands at the foot of the
// last page the contents take, in both profiles (large print's ran on
// under the contents' last entries on its third page, review13 #28).
func TestColophonAtFoot(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		_, sections := packetSections(h, true)
		s := sections[0]
		if s.atFoot == 0 {
			t.Fatal("the cover has no colophon at its foot")
		}
		pages := paginate(s, h.g)
		last := pages[len(pages)-1]
		if !slices.Contains(last.rows, s.rows[len(s.rows)-1]) {
			t.Fatal("the colophon is not on the cover's last page")
		}
		if gap := s.room(h.g, last.no) - height(last.rows) - height(last.notes); gap > 0.01 {
			t.Errorf("the colophon stands %.1f mm above the foot of page %d", gap, last.no)
		}
	})
}

// TestEvidenceKeepsAnswerLines: a question whose prompt ends in an
// Evidence line of two lines or more (Handout 11's Q2 in large print)
// never ends a page without its first three answer lines: the prompt,
// its evidence and the lines are one unit, wherever the page before
// ends, in the students' copy in both profiles (review13 #1: LP
// handouts p. 188 ended on the evidence, its lines all overleaf).
func TestEvidenceKeepsAnswerLines(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, []printing{{"a4", layouts.Standard}, {"a4", layouts.LargePrint}}, func(t *testing.T, h *handouts) {
		checked := 0
		for _, c := range h.b.Chapters {
			for _, q := range c.Questions {
				rows := h.question(q, nil, nil, false, tagged.New(tagged.LI))
				ev := slices.IndexFunc(rows, func(r *row) bool { return strings.HasPrefix(rowTextOf(r), h.label("evidence")) })
				if ev < 0 || ev+1 >= len(rows) || !textRow(rows[ev+1]) {
					continue // no evidence, or of one line
				}
				var lines []*row
				for _, r := range rows[ev:] {
					if r.lines {
						lines = append(lines, r)
					}
				}
				if len(lines) < 3 {
					continue
				}
				checked++
				prompt := rows[slices.IndexFunc(rows, textRow)]
				evEnd := rows[ev]
				for _, r := range rows[ev:] {
					if textRow(r) && !r.lines {
						evEnd = r
					}
					if r.lines {
						break
					}
				}
				for filler := 0.0; filler < h.g.body()-h.footH; filler += 2 {
					s := &section{rows: append([]*row{{h: filler}}, rows...), foot: func() []*row { return rowsOf(h.footH) }}
					on := pageOf(paginate(s, h.g))
					if on[prompt] != on[lines[2]] || on[evEnd] != on[lines[2]] {
						t.Fatalf("handout %d, question %d after %.0f mm: the prompt on page %d, its evidence ends page %d, its third line on page %d", c.Number, q.Number, filler, on[prompt]+1, on[evEnd]+1, on[lines[2]]+1)
					}
				}
			}
		}
		if checked == 0 {
			t.Fatal("no question has evidence of two lines")
		}
		t.Logf("%d questions", checked)
	})
}
