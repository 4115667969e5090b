package cite

import "testing"

// TestDelimiterPrecedes: CSL 1.0.2, "Name" options delimiter-precedes-et-al
// and delimiter-precedes-last.
func TestDelimiterPrecedes(t *testing.T) {
	for _, c := range []struct {
		option                    string
		afterInverted, contextual bool
		want                      string
	}{
		{"always", false, false, ", "},
		{"never", true, true, " "},
		{"after-inverted-name", true, false, ", "},
		{"after-inverted-name", false, true, " "},
		{"contextual", false, true, ", "},
		{"contextual", true, false, " "},
		{"", false, true, ", "}, // contextual is the default
		{"", false, false, " "},
	} {
		if got := delimiterPrecedes(c.option, ", ", c.afterInverted, c.contextual); got != c.want {
			t.Errorf("%q (after inverted %v, contextual %v) = %q, want %q", c.option, c.afterInverted, c.contextual, got, c.want)
		}
	}
}
