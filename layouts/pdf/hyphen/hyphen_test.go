package hyphen

import (
	"strings"
	"testing"
)

// hyphenated writes word with its hyphenation points as hyphens.
func hyphenated(p *Patterns, word string) string {
	rs := []rune(word)
	var b strings.Builder
	last := 0
	for _, k := range p.Points(word) {
		b.WriteString(string(rs[last:k]) + "-")
		last = k
	}
	b.WriteString(string(rs[last:]))
	return b.String()
}

func TestPoints(t *testing.T) {
	us, gb := For("en"), For("en-GB")
	fr, de, es, it, pt := For("fr"), For("de-AT"), For("es"), For("it"), For("pt-BR")
	for _, c := range []struct {
		p          *Patterns
		word, want string
	}{
		{us, "hyphenation", "hy-phen-ation"},
		{us, "remembers", "re-mem-bers"},
		{us, "Hailsham", "Hail-sham"},
		{us, "table", "ta-ble"}, // an exception
		{us, "project", "project"},
		{us, "the", "the"},         // too short
		{us, "Tommy's", "Tommy's"}, // not only letters
		{gb, "university", "uni-ver-sity"},
		{gb, "characters", "char-ac-ters"},
		{fr, "invitation", "in-vi-ta-tion"},
		{fr, "parure", "pa-rure"},
		{de, "Verwandlung", "Ver-wand-lung"},
		{de, "Träumen", "Träu-men"},
		{de, "Übersetzungsfähigkeit", "Über-set-zungs-fä-hig-keit"}, // patterns met at letters of two bytes
		{fr, "désespérément", "déses-pé-ré-ment"},
		{es, "biblioteca", "bi-blio-te-ca"},
		{it, "racconto", "rac-con-to"},
		{pt, "biblioteca", "bi-bli-o-teca"}, // at least three letters after a hyphen
	} {
		if got := hyphenated(c.p, c.word); got != c.want {
			t.Errorf("%s: %s, want %s", c.word, got, c.want)
		}
	}
	if For("nl") != nil || For("la") != nil {
		t.Error("patterns for a language without them")
	}
	if For("en-US") != us || For("en-AU") != gb {
		t.Error("the patterns are not shared per language")
	}
}
