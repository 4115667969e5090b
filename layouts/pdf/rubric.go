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
// levels, alike, share the rest, a word too wide for one hyphenated or
// set smaller (cellLines).
func (s *setter) rubricWidths(t tableSpec, m float64) []float64 {
	first := m * criterionShare
	// The heading measured in the bold it prints in.
	first = max(first, s.fonts.MinWidth(restyle(t.header[0], richtext.Bold, inkAccent))+2*cellPadX)
	for _, r := range t.body {
		first = max(first, s.fonts.MinWidth(r[0])+2*cellPadX)
	}
	first = min(first, m/2)
	w := []float64{first}
	for range len(t.align) - 1 {
		w = append(w, (m-first)/float64(len(t.align)-1))
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
