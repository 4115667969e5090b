package doc

import "testing"

func TestSmarten(t *testing.T) {
	fr := Punctuation{Quotes: [4]string{"«\u202F", "\u202F»", "“", "”"}, FrenchSpacing: true}
	for _, c := range []struct {
		p        Punctuation
		in, want string
	}{
		{Punctuation{}, "The Creature's tale", "The Creature’s tale"},
		{Punctuation{}, `"Never," she said, 'not once.'`, "“Never,” she said, ‘not once.’"},
		{Punctuation{}, "the students' ideas", "the students’ ideas"},
		{Punctuation{}, "'Tis the '90s", "‘Tis the ’90s"},
		{Punctuation{}, "1990--2005 --- or later...", "1990–2005 — or later…"},
		{Punctuation{}, "“Already” curly’s", "“Already” curly’s"},
		{Punctuation{}, "no marks at all", "no marks at all"},
		{fr, `"La Parure" d'après`, "«\u202FLa Parure\u202F» d’après"},
		{fr, "Oh ! ma pauvre Mathilde !", "Oh\u202F! ma pauvre Mathilde\u202F!"}, // spaced as Markdown is
		{Punctuation{}, "Oh! really?", "Oh! really?"},
	} {
		if got := c.p.Smarten(c.in); got != c.want {
			t.Errorf("Smarten(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
