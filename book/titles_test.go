package book

import (
	"slices"
	"testing"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/labels"
)

func TestWorkTitles(t *testing.T) {
	en, _ := labels.Lookup("en")
	b := &Book{Work: "ishiguro2005", References: []*cite.Reference{{ID: "ishiguro2005", Title: "Never Let Me Go"}}, Labels: en}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Quotations from Never Let Me Go © Kazuo Ishiguro 2005.", []string{"Quotations from ", "Never Let Me Go", " © Kazuo Ishiguro 2005."}},
		{"Never Let Me Go, and Never Let Me Go’s film", []string{"", "Never Let Me Go", ", and ", "Never Let Me Go", "’s film"}},
		{"Text © 2026 The Companion Project.", []string{"Text © 2026 The Companion Project."}},
		// part of a longer word, or another title that begins with it
		{"Never Let Me Gone; Never Let Me Go2", []string{"Never Let Me Gone; Never Let Me Go2"}},
		{"", []string{""}},
	} {
		if got := b.WorkTitles(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("WorkTitles(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// with the smart punctuation the PDF gives front matter
	b.References[0].Title = "Creature's Song"
	if got, want := b.WorkTitles("From Creature’s Song."), []string{"From ", "Creature’s Song", "."}; !slices.Equal(got, want) {
		t.Errorf("smart title: %q, want %q", got, want)
	}
	if got := (&Book{}).WorkTitles("Never Let Me Go"); !slices.Equal(got, []string{"Never Let Me Go"}) {
		t.Errorf("without a work: %q", got)
	}
}
