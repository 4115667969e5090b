package book

import (
	"slices"
	"testing"
)

// A key prints the first accepted answer and the others that differ in
// substance, never a variant that only a platform's matching needs.
func TestShownAnswers(t *testing.T) {
	for _, tc := range []struct {
		accept []string
		shown  []string
		label  string
	}{
		{[]string{"Hailsham"}, []string{"Hailsham"}, "answer-accepted-one"},
		{[]string{"told and not told", "told and not told."}, []string{"told and not told"}, "answer-accepted-one"},
		{[]string{"Norfolk", "norfolk!", "Cromer"}, []string{"Norfolk", "Cromer"}, "answer-accepted"},
		{[]string{"Thunder and Bramble", "Bramble and Thunder"}, []string{"Thunder and Bramble"}, "answer-accepted-one"},
		{[]string{"Miss Emily", "Emily"}, []string{"Miss Emily"}, "answer-accepted-one"},
		{[]string{"the Cottages", "Cottages", "the Cottages in Norfolk"}, []string{"the Cottages", "the Cottages in Norfolk"}, "answer-accepted"},
		{[]string{"Madame", "Marie-Claude"}, []string{"Madame", "Marie-Claude"}, "answer-accepted"},
		{nil, nil, "answer-accepted"},
	} {
		q := &Question{Accept: tc.accept}
		if got := q.ShownAnswers(); !slices.Equal(got, tc.shown) {
			t.Errorf("%q: shown %q, want %q", tc.accept, got, tc.shown)
		}
		if got := q.AnswerLabel(); got != tc.label {
			t.Errorf("%q: label %s, want %s", tc.accept, got, tc.label)
		}
	}
}
