package pdf

import (
	"strings"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// criterionShare is the least of the measure a mark scheme's criterion
// column takes: a name of several words reads in a few lines, not a word
// a line.
const criterionShare = 0.18

// rubricWidths shares a measure of m between a rubric's criterion column
// and its levels: the criterion column as wide as its longest word (no
// name is hyphenated or cut), and no less than criterionShare of m; the
// levels share the rest evenly, except that a level whose longest word,
// broken where a cell breaks it (cellLines), needs more than an even
// share takes it from the others, which keep what their own words need.
// The widths are nil where the levels' words need more than there is:
// the scheme is then set as a list (rubricTable).
func (s *setter) rubricWidths(t tableSpec, m float64) []float64 {
	first := m * criterionShare
	// The heading measured in the bold it prints in.
	first = max(first, s.fonts.MinWidth(restyle(t.header[0], richtext.Bold, inkAccent))+2*s.g.cellPadX())
	for _, r := range t.body {
		first = max(first, s.fonts.MinWidth(r[0])+2*s.g.cellPadX())
	}
	first = min(first, m/2)
	levels := len(t.align) - 1
	need := make([]float64, levels)
	for ri, r := range append([][][]richtext.Span{t.header}, t.body...) {
		for i := 1; i < len(r) && i <= levels; i++ {
			c := r[i]
			if ri == 0 {
				c = restyle(c, richtext.Bold, inkAccent)
			}
			need[i-1] = max(need[i-1], s.fonts.MinBrokenWidth(c, s.hyphenate)+2*s.g.cellPadX())
		}
	}
	if sum(need) > m-first+1e-9 {
		return nil
	}
	return append([]float64{first}, evenShares(m-first, need)...)
}

// levelColumnChars is the least measure, in average characters of a
// scheme's type, that a level's column of a grid has: narrower, a
// descriptor breaks a word or two a line, hyphenated every other line,
// and the scheme is set as a list instead (rubricTable).
const levelColumnChars = 25

// roomy reports whether every level's column of a rubric's grid t is at
// least levelColumnChars of its type wide.
func (s *setter) roomy(t tableSpec) bool {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	least := s.fonts.Width(richtext.Roman, alphabet, t.size) / float64(len(alphabet)) * levelColumnChars
	for _, w := range t.widths[1:] {
		if w-2*s.g.cellPadX() < least {
			return false
		}
	}
	return true
}

// evenShares shares total between columns as evenly as their needs,
// which come to no more than total, allow: a column that needs more than
// an even share of what is left gets its need, the others share the rest
// alike.
func evenShares(total float64, need []float64) []float64 {
	w := make([]float64, len(need))
	fixed := make([]bool, len(need))
	left, free := total, len(need)
	for changed := true; changed && free > 0; {
		changed = false
		for i, n := range need {
			if !fixed[i] && n > left/float64(free) {
				fixed[i], w[i] = true, n
				left, free, changed = left-n, free-1, true
			}
		}
	}
	for i := range w {
		if !fixed[i] {
			w[i] = left / float64(free)
		}
	}
	return w
}

// splitMarkRange parts a criterion's name from a parenthesis of several
// words that ends it, a mark range ("A: knowledge (out of 10: 9–10 in
// band 5, down to 1–2 in band 1)"), which the scheme prints on a line of
// its own so that the name reads as a name. A one-word parenthesis
// ("Contexts (AO3)") stays with the name.
func splitMarkRange(name string) (head, marks string) {
	trimmed := strings.TrimSpace(name)
	if !strings.HasSuffix(trimmed, ")") {
		return name, ""
	}
	open := strings.LastIndex(trimmed, " (")
	if open < 0 || !strings.Contains(trimmed[open+2:], " ") {
		return name, ""
	}
	return trimmed[:open], trimmed[open+1:]
}
