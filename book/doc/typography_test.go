package doc_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/doc"
)

func TestFrenchSpacing(t *testing.T) {
	const n = "\u202F" // narrow no-break space
	for _, tc := range []struct {
		in     string
		joined bool
		want   string
	}{
		{"Pourquoi ? Parce que !", false, "Pourquoi" + n + "? Parce que" + n + "!"},
		{"Pourquoi? Parce que!", false, "Pourquoi" + n + "? Parce que" + n + "!"},
		{"Deux points : la suite ; la fin.", false, "Deux points" + n + ": la suite" + n + "; la fin."},
		{"Vraiment ?!", false, "Vraiment" + n + "?!"},
		{"« Oui » et «non»", false, "«" + n + "Oui" + n + "» et «" + n + "non" + n + "»"},
		{"?", true, n + "?"}, // after *emphasis*
		{"?", false, "?"},    // a line's first character
		{"à 10:30, voir https://example.fr/?q=1 ou ftp://x", false, "à 10:30, voir https://example.fr/?q=1 ou ftp://x"},
		{"Déjà" + n + "? rien", false, "Déjà" + n + "? rien"}, // already spaced
		{"Sans ponctuation.", false, "Sans ponctuation."},
		{"(voir ci-dessous) :", false, "(voir ci-dessous)" + n + ":"},
	} {
		if got := doc.FrenchSpacing(tc.in, tc.joined); got != tc.want {
			t.Errorf("FrenchSpacing(%q, %v) = %q, want %q", tc.in, tc.joined, got, tc.want)
		}
	}
}

// TestPunctuationFollowsTheLanguage: straight quotes become the book
// language's marks, and a French book's punctuation is spaced, in text
// and after emphasis, but not in code.
func TestPunctuationFollowsTheLanguage(t *testing.T) {
	const n = "\u202F"
	french := doc.Punctuation{Quotes: [4]string{"«" + n, n + "»", "“", "”"}, FrenchSpacing: true}
	german := doc.Punctuation{Quotes: [4]string{"„", "“", "‚", "‘"}}
	for _, tc := range []struct {
		name string
		p    doc.Punctuation
		src  string
		want string
	}{
		{"english", doc.Punctuation{}, `She said "yes"; it's fine!`, `She said “yes”; it’s fine!`},
		{"french", french, `Il dit "oui" ; c'est *vrai*? Voir ` + "`a:b ?`", "Il dit «" + n + "oui" + n + "»" + n + "; c’est vrai" + n + "? Voir a:b ?"},
		{"german", german, `Er sagte "ja", nicht "nein".`, "Er sagte „ja“, nicht „nein“."},
	} {
		d, diags := doc.Parse(tc.src, doc.Options{Punctuation: tc.p})
		if len(diags) > 0 {
			t.Fatalf("%s: %v", tc.name, diags)
		}
		if got := plainText(d); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func plainText(d *doc.Document) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *doc.Text:
				b.WriteString(n.Text)
			case *doc.Code:
				b.WriteString(n.Text)
			case *doc.Emphasis:
				walk(n.Inlines)
			}
		}
	}
	for _, blk := range d.Blocks {
		if p, ok := blk.(*doc.Paragraph); ok {
			walk(p.Inlines)
		}
	}
	return b.String()
}
