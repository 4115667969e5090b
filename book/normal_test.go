package book_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/companion-dev/companion/book"
)

// normalAsSpecified is the giveaway rule's normal form as first written:
// letters and digits in lower case, apostrophes dropped, anything else a
// space, then the words joined by single spaces. book.Normal does it in
// one pass and must agree with it on every text.
func normalAsSpecified(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		if r == '’' || r == '\'' {
			return -1
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func TestNormal(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Thunder and Bramble.", "thunder and bramble"},
		{"  horses, Thunder and Bramble, who ", "horses thunder and bramble who"},
		{"Kathy’s ‘possibles’", "kathys possibles"},
		{"a ’ b", "a b"},
		{"Ἀθῆναι 1984—ΣΟΦΊΑ", "ἀθῆναι 1984 σοφία"},
		{"bad \xff byte", "bad byte"},
		{"’'", ""},
		{"", ""},
	} {
		if got := book.Normal(tt.in); got != tt.want {
			t.Errorf("Normal(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := normalAsSpecified(tt.in); got != tt.want {
			t.Errorf("the specification of %q gives %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormal(f *testing.F) {
	for _, s := range []string{"Thunder and Bramble.", "Kathy’s", "a ’ b", "\xff\u00a0x", "İSTANBUL ǅemal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := book.Normal(s), normalAsSpecified(s); got != want {
			t.Errorf("Normal(%q) = %q, want %q", s, got, want)
		}
	})
}
