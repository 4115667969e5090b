package pdf

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"testing"
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
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			_, sections := packetSections(h, teacher)
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
		}
	})
}
