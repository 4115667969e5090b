package xhtml

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// searchEachTerm is how Terms found the next term before it read a run of
// text word by word: every term not yet linked searched for in turn, the
// first place wins, and the first term in order at that place.
func searchEachTerm(t *Terms, lower string) (at, k int) {
	at, k = -1, -1
	for j, tm := range t.terms {
		if t.linked[tm.href] {
			continue
		}
		if i := wordIndex(lower, tm.lower); i >= 0 && (at < 0 || i < at) {
			at, k = i, j
		}
	}
	return at, k
}

// TestTermsFirstAsSearchingEachTerm: reading a run of text word by word
// finds the term that searching for each term finds, at the same place,
// over random runs of words, spaces, punctuation, digits and letters
// outside ASCII, with terms of one and more words, terms that begin or end
// with what is not a letter, terms inside other terms and terms already
// linked.
func TestTermsFirstAsSearchingEachTerm(t *testing.T) {
	pieces := []string{"lamp", "room", "lamp room", "lamps", "clone", "carer", "é", "émile", "2", "42nd", " ", " ", "  ", ", ", "-", "’s", "'", "(", ")", "x", "ö", "Ω", "\u00a0", "é"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return strings.ToLower(b.String())
	}
	found := 0
	for round := range 300 {
		hrefs := map[string]string{}
		for range 1 + rng.IntN(6) {
			form := text(1 + rng.IntN(3))
			hrefs[form] = "#t" + string(rune('a'+rng.IntN(4)))
		}
		terms := NewTerms(hrefs)
		for _, tm := range terms.terms {
			if rng.IntN(5) == 0 {
				terms.linked[tm.href] = true
			}
		}
		for range 20 {
			lower := text(rng.IntN(30))
			at, k := terms.first(lower)
			wantAt, wantK := searchEachTerm(terms, lower)
			if at != wantAt || k != wantK {
				t.Fatalf("round %d: terms %q in %q: found term %d at %d, searching each term finds %d at %d", round, hrefs, lower, k, at, wantK, wantAt)
			}
			if at >= 0 {
				found++
			}
		}
	}
	if found < 500 {
		t.Errorf("a term found in %d runs of 6,000: the test compares too little", found)
	}
}
