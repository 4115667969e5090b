package toolkit

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/labels"
)

// TestColumnsAreSentenceCase: the toolkit's column headers, which the PDF
// and the HTML both print, are in the sentence case of every other
// header: a capital, then lower case ("Narrated in", not "Narrated In"),
// in English and in its British table.
func TestColumnsAreSentenceCase(t *testing.T) {
	for _, tag := range []string{"en", "en-GB"} {
		l, _ := labels.Lookup(tag)
		b := &book.Book{Labels: l}
		for _, c := range append(TimelineColumns(b), PacingColumns(b)...) {
			first, n := utf8.DecodeRuneInString(c)
			if unicode.IsLetter(first) && !unicode.IsUpper(first) || strings.ContainsFunc(c[n:], unicode.IsUpper) {
				t.Errorf("%s: column %q is not in sentence case", tag, c)
			}
		}
	}
}

// TestCells: every lesson is numbered, titled or not; its reading and an
// event's chapter are the work's chapters in the book's words, a range
// with the plural abbreviation ("chs. 1–3", as the handouts cite them),
// each number tied to its word.
func TestCells(t *testing.T) {
	l, _ := labels.Lookup("en")
	b := &book.Book{Labels: l}
	li, _ := labels.Lookup("it")
	it := &book.Book{Labels: li}
	for _, tc := range []struct{ got, want string }{
		{LessonNumber(b, &book.Lesson{Number: 3}), "Lesson\u00A03"},
		{LessonNumber(b, &book.Lesson{Number: 3, Title: "The tape"}), "Lesson\u00A03"},
		{LessonReading(b, &book.Lesson{Read: "1 - 3"}), "chs.\u00A01–3"},
		{LessonReading(b, &book.Lesson{Read: "4"}), "ch.\u00A04"},
		{LessonReading(it, &book.Lesson{Read: "1-3"}), "capp.\u00A01–3"},
		{LessonReading(it, &book.Lesson{Read: "4"}), "cap.\u00A04"},
		{LessonReading(b, &book.Lesson{}), ""},
		{NarratedIn(b, &book.Event{Chapter: 5}), "ch.\u00A05"},
		{NarratedIn(b, &book.Event{}), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestLessonQuestions: a lesson's questions print as numbers by handout,
// the handouts in the lesson's order, each handout's numbers sorted, once
// each, three or more in a row as a range linked to its first.
func TestLessonQuestions(t *testing.T) {
	l, _ := labels.Lookup("en")
	b := &book.Book{Labels: l}
	c3, c5 := &book.Chapter{ID: "c3", Number: 3}, &book.Chapter{ID: "c5", Number: 5}
	q := func(c *book.Chapter, n int) *book.Question {
		return &book.Question{ID: c.ID + "-" + strconv.Itoa(n), Chapter: c, Number: n}
	}
	q3 := []*book.Question{nil, q(c3, 1), q(c3, 2), q(c3, 3), q(c3, 4), q(c3, 5), q(c3, 6), q(c3, 7)}
	q5 := []*book.Question{nil, q(c5, 1), q(c5, 2), q(c5, 3)}
	for _, tc := range []struct {
		name  string
		qs    []*book.Question
		want  []string
		first []string // each run's link
	}{
		{"none", nil, nil, nil},
		{"one", []*book.Question{q3[2]}, []string{"Handout\u00A03: Q2"}, []string{"c3-2"}},
		{"range", []*book.Question{q3[7], q3[1], q3[3], q3[2], q3[4]}, []string{"Handout\u00A03: Q1–4, Q7"}, []string{"c3-1", "c3-7"}},
		{"two in a row", []*book.Question{q3[5], q3[6]}, []string{"Handout\u00A03: Q5, Q6"}, []string{"c3-5", "c3-6"}},
		{"repeated", []*book.Question{q3[1], q3[1]}, []string{"Handout\u00A03: Q1"}, []string{"c3-1"}},
		{"handouts in lesson order", []*book.Question{q5[1], q5[2], q5[3], q3[4], q3[6]},
			[]string{"Handout\u00A05: Q1–3", "Handout\u00A03: Q4, Q6"}, []string{"c5-1", "c3-4", "c3-6"}},
	} {
		var got, first []string
		for _, h := range LessonQuestions(b, &book.Lesson{Questions: tc.qs}) {
			got = append(got, h.String())
			for _, r := range h.Runs {
				first = append(first, r.First.ID)
			}
		}
		if !slices.Equal(got, tc.want) || !slices.Equal(first, tc.first) {
			t.Errorf("%s: got %q linked to %q, want %q linked to %q", tc.name, got, first, tc.want, tc.first)
		}
	}
}
