package pdf

import (
	"strings"
	"testing"
)

// TestUpperGreek: Greek set in capitals (a banner's kicker) drops its
// accents and breathings but keeps the dialytika (review13 #17); other
// scripts keep their marks.
func TestUpperGreek(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"A Companion to the Ὀδύσσεια", "A COMPANION TO THE ΟΔΥΣΣΕΙΑ"},
		{"Ἰλιάς", "ΙΛΙΑΣ"},
		{"ᾠδή", "ΩΔΗ"},
		{"Πρωτεΐνη", "ΠΡΩΤΕΪΝΗ"},
		{"Ἀΐδης", "ΑΪΔΗΣ"},
		{"Éducation à l’Odyssée", "ÉDUCATION À L’ODYSSÉE"},
		{"Never Let Me Go", "NEVER LET ME GO"},
	} {
		if got := upper(tc.in); got != tc.want {
			t.Errorf("upper(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	h := fixtureHandouts(t, "a4")
	// the fixture's subtitle is "A Companion to the Ὀδύσσεια"
	if got := h.bandKicker(500, 7); !strings.Contains(got, "ΟΔΥΣΣΕΙΑ") {
		t.Errorf("the band's kicker is %q, want the Greek in capitals without accents", got)
	}
}
