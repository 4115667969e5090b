package book

import (
	"slices"
	"testing"
)

func TestShownAnswers(t *testing.T) {
	for _, tc := range []struct {
		accept []string
		shown  []string
		label  string
	}{
		{[]string{"Hailsham"}, []string{"Hailsham"}, "answer-accepted-one"},
		{[]string{"told and not told", "told and not told."}, []string{"told and not told"}, "answer-accepted-one"},
		{[]string{"Norfolk", "norfolk!", "Cromer"}, []string{"Norfolk", "Cromer"}, "answer-accepted"},
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
