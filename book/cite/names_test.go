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
		noHyphen    bool // initialize-with-hyphen="false"
		want        string
	}{
		{"R.I.", ". ", true, false, "R. I."},
		{"Kazuo", ". ", true, false, "K."},
		{"John M.E.", ".", true, false, "J.M.E."},
		{"Ph. M.E.", ".", true, false, "Ph.M.E."}, // an abbreviation as written stays
		{"Me.", ". ", true, false, "Me."},
		{"ME", "", true, false, "M"}, // a word in capitals is a name
		{"Jean-Paul", ". ", true, false, "J.-P."},
		{"Simone de", ". ", true, false, "S. de"},
		{"John M E", ". ", false, false, "John M. E."}, // initialize="false": only initials are set
		{"Ph.M.E.", "", false, false, "PhME"},
		{"Hsien-Li", ".", true, true, "H.L."}, // name_CeltsAndToffsNoHyphens
		{"Jean-Paul", ". ", true, true, "J. P."},
		{"TSerendorjiin", ".", true, false, "Ts."},                            // name_LongAbbreviation
		{"John Bertrand de Cusance Morant", ".", true, false, "J.B. de C.M."}, // name_CeltsAndToffsCrowdedInitials
	} {
		if got := initials(c.given, c.with, c.initialize, !c.noHyphen); got != c.want {
			t.Errorf("initials(%q, %q, %v, hyphen %v) = %q, want %q", c.given, c.with, c.initialize, !c.noHyphen, got, c.want)
		}
	}
}
