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

// TestInitials: the initials citeproc-js makes (the suite's
// name_InitialsInitialize* fixtures, and APA's "R. I." for "R.I.").
func TestInitials(t *testing.T) {
	for _, c := range []struct {
		given, with string
		initialize  bool
		want        string
	}{
		{"R.I.", ". ", true, "R. I."},
		{"Kazuo", ". ", true, "K."},
		{"John M.E.", ".", true, "J.M.E."},
		{"Ph. M.E.", ".", true, "Ph.M.E."}, // an abbreviation as written stays
		{"Me.", ". ", true, "Me."},
		{"ME", "", true, "M"}, // a word in capitals is a name
		{"Jean-Paul", ". ", true, "J.-P."},
		{"Simone de", ". ", true, "S. de"},
		{"John M E", ". ", false, "John M. E."}, // initialize="false": only initials are set
		{"Ph.M.E.", "", false, "PhME"},
	} {
		if got := initials(c.given, c.with, c.initialize); got != c.want {
			t.Errorf("initials(%q, %q, %v) = %q, want %q", c.given, c.with, c.initialize, got, c.want)
		}
	}
}
