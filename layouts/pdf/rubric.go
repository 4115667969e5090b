package pdf

import (
	"strings"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// rubricWidths shares a measure of m between a rubric's criterion column
// and its levels as any table's columns share it, each its longest word
// and the rest where the text is longest, which is the levels'
// descriptors. Where the longest words do not all fit (five bands in
// large print), the criterion column still has its longest word, so no
// name is cut, and the levels share the rest, their cells hyphenated or
// set smaller (cellLines).
func (s *setter) rubricWidths(t tableSpec, m float64) []float64 {
	w := s.columnWidths(t, m)
	least := 0.0
	for _, r := range append([][][]richtext.Span{t.header}, t.body...) {
		least = max(least, s.fonts.MinWidth(r[0])+2*cellPadX)
	}
	if w[0] >= least-1e-9 || len(w) < 2 {
		return w
	}
	w[0] = min(least, m/2)
	for i := 1; i < len(w); i++ {
		w[i] = (m - w[0]) / float64(len(w)-1)
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
