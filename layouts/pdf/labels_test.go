package pdf

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// setLines are the lines of text rows set, in order: each run of a row's
// text on one baseline from one left edge (a table row's cells are lines
// of their own), its fragments in order, no-break spaces read as spaces.
func setLines(rows []*row) []string {
	var out []string
	for _, r := range rows {
		type at struct{ y, x float64 }
		frags := map[at][]textOp{}
		var order []at
		for _, o := range r.ops {
			tx, ok := o.(textOp)
			if !ok {
				continue
			}
			k := at{tx.y, tx.x}
			if _, seen := frags[k]; !seen {
				order = append(order, k)
			}
			frags[k] = append(frags[k], tx)
		}
		slices.SortStableFunc(order, func(a, b at) int { return cmp.Or(cmp.Compare(a.y, b.y), cmp.Compare(a.x, b.x)) })
		for _, k := range order {
			fs := frags[k]
			slices.SortStableFunc(fs, func(a, b textOp) int { return cmp.Compare(a.frag.X, b.frag.X) })
			var b strings.Builder
			for _, f := range fs {
				b.WriteString(f.frag.Text)
			}
			out = append(out, strings.TrimSpace(strings.ReplaceAll(b.String(), "\u00A0", " ")))
		}
	}
	return out
}

// brokenName matches a line that ends inside a handout's name: on
// "Handout", "Handout 3 ·" or "Handout 3:", parted from its title or its
// questions (review14 #5).
var brokenName = regexp.MustCompile(`(^|[\s(;,])Handout( \d+( ·|:))?$`)

// TestHandoutNamesStayWhole: no line of either packet of the bundled
// companion, in any printing, ends inside a handout's name ("Handout",
// "Handout 8 ·", "Handout 14:"), nor starts with the "·" or ":" that
// follows its number (review14 #5: the schemes of work's Handouts and
// Questions, the curriculum map's key, the answer keys' bands).
func TestHandoutNamesStayWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, _ []string, sections []*section) {
		for _, s := range sections {
			lines := setLines(s.rows)
			for i, l := range lines {
				if brokenName.MatchString(l) {
					t.Errorf("teacher %v: a line ends inside a handout's name: %q", teacher, l)
				}
				if i > 0 && regexp.MustCompile(`Handout \d+$`).MatchString(lines[i-1]) && (strings.HasPrefix(l, "·") || strings.HasPrefix(l, ":")) {
					t.Errorf("teacher %v: %q starts the line after %q", teacher, l, lines[i-1])
				}
			}
		}
	})
}

// spaceRun is more space than the gap between two items of a cell.
var spaceRun = regexp.MustCompile(`[ \x{00A0}]{3,}`)

// TestDiscussedInCellsAlign: in every printing, each line of the
// curriculum map's "Discussed in" cells starts at the cell's left edge,
// with no space carried over a break, and its items part by one gap, a
// space and a no-break space, wider than the space inside an item
// (review14 #9: lines began 2 pt right of the column, gaps doubled to 4
// pt after a break, "3 (3, 7) 5 (4)" did not group).
func TestDiscussedInCellsAlign(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		lines := 0
		for _, r := range h.mapping().rows {
			if r.table == nil || r.head {
				continue
			}
			type line struct {
				x     float64
				first richtext.Fragment
				text  string
			}
			at := map[[2]float64]*line{}
			right := 0.0
			for _, o := range r.ops {
				if tx, ok := o.(textOp); ok {
					right = max(right, tx.x)
				}
			}
			for _, o := range r.ops {
				tx, ok := o.(textOp)
				if !ok || tx.x != right || right == 0 {
					continue
				}
				k := [2]float64{tx.y, tx.x}
				l := at[k]
				if l == nil {
					l = &line{x: tx.x, first: tx.frag}
					at[k] = l
				}
				if tx.frag.X < l.first.X {
					l.first = tx.frag
				}
				l.text += tx.frag.Text
			}
			for _, l := range at {
				lines++
				if l.first.X > 1e-9 || strings.TrimLeft(l.first.Text, " \u00A0") != l.first.Text {
					t.Errorf("a line of a cell, %q, starts %.2f mm right of the cell's edge", l.text, l.first.X)
				}
				if spaceRun.MatchString(l.text) {
					t.Errorf("a line of a cell, %q, doubles a gap", l.text)
				}
			}
		}
		if lines == 0 {
			t.Fatal("no cell of the map found")
		}
	})
}

// TestContentsKeyEntriesOneLine: in every printing, the teacher
// contents give an answer key in one line: its full title where it fits,
// else its short form, "Answer key · Handout 4", never wrapped inside the
// handout's title (review14 #10: "… Part Two: The" / "Cottages").
func TestContentsKeyEntriesOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		_, sections := packetSections(h, true)
		keys := 0
		form := map[string]string{} // a key's line, in its full or short form
		for _, c := range h.b.Chapters {
			form[flat(h.keyTitle(c))], form[flat(h.keyShortTitle(c))] = "full", "short"
		}
		forms := map[string]bool{}
		for _, l := range setLines(sections[0].rows) {
			if !strings.HasPrefix(l, "Answer key") {
				continue
			}
			keys++
			if form[l] == "" {
				t.Errorf("the contents' line %q is not a whole answer key's entry", l)
			}
			forms[form[l]] = true
		}
		if keys == 0 {
			t.Fatal("no answer key in the contents")
		}
		if forms["full"] && forms["short"] {
			t.Errorf("the contents give some answer keys in full and some in short (review15 #7)")
		}
	})
}

// keyQuotationNumber is a line that starts with the rest of a key
// quotation's label, "quotation 3" or "quotations 2, 3".
var keyQuotationNumber = regexp.MustCompile(`^quotations? \d`)

// TestQuestionLabelsStayWhole: a line of a question's labels ("Teacher
// guidance · During reading · Comprehension · Bloom: understand") breaks
// only after a separator: no line of either packet, in any printing,
// starts with its "·" or ends on "Bloom:" (large print set "· Bloom:
// understand" on a line of its own, and "Bloom: | analyse"), and a key
// quotation's label ("key quotation 3", in evidence and the theme
// tracker) stays whole (review15 #9).
func TestQuestionLabelsStayWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledPackets(t, everyPrinting, func(t *testing.T, h *handouts, teacher bool, _ []string, sections []*section) {
		for _, s := range sections {
			lines := setLines(s.rows)
			for i, l := range lines {
				if strings.HasPrefix(l, "·") || strings.HasSuffix(l, strings.TrimSpace(h.label("bloom", "level", ""))) {
					t.Errorf("teacher %v: a line of labels breaks inside a label: %q", teacher, l)
				}
				if i > 0 && strings.HasSuffix(lines[i-1], " key") && keyQuotationNumber.MatchString(l) {
					t.Errorf("teacher %v: a key quotation's label breaks: %q | %q", teacher, lines[i-1], l)
				}
			}
		}
	})
}

// TestFootersOneLine: in every printing, the footer of every section of
// both packets sets the citation of the work and the page number on one
// line: large print's dropped the number to a line of its own under the
// citation on every page (review14 #11).
func TestFootersOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		if h.footStacked() {
			t.Errorf("the footers stack the citation over the page number")
		}
		for _, teacher := range []bool{false, true} {
			_, sections := packetSections(h, teacher)
			for _, s := range sections {
				if s.foot == nil || s.folio == nil {
					continue
				}
				rows := s.foot()
				bases := map[float64]bool{}
				end, base := 0.0, 0.0
				for _, o := range rows[0].ops {
					if tx, ok := o.(textOp); ok {
						bases[tx.y], base = true, tx.y
						end = max(end, tx.x+tx.frag.X+tx.frag.Width)
					}
				}
				if len(rows) != 1 || len(bases) != 1 {
					t.Errorf("teacher %v, %q: the footer's citation takes %d rows, %d lines", teacher, s.folio.name, len(rows), len(bases))
				}
				if math.Abs(s.folio.base-base) > 0.5 {
					t.Errorf("teacher %v, %q: the page number stands at %.1f mm, the citation at %.1f", teacher, s.folio.name, s.folio.base, base)
				}
				if w := h.folioWidth(s.folio.name); end+footGap+w > h.g.measure()+1e-9 {
					t.Errorf("teacher %v, %q: the citation ends at %.1f mm, no room for a number of %.1f mm", teacher, s.folio.name, end, w)
				}
			}
		}
	})
}
