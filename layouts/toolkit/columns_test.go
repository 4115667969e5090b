package toolkit

import (
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

// TestCells: a lesson without a title is numbered; its reading and an
// event's chapter are the work's chapters in the book's words, each
// number tied to its word.
func TestCells(t *testing.T) {
	l, _ := labels.Lookup("en")
	b := &book.Book{Labels: l}
	for _, tc := range []struct{ got, want string }{
		{LessonName(b, &book.Lesson{Number: 3}), "Lesson\u00A03"},
		{LessonName(b, &book.Lesson{Number: 3, Title: "The tape"}), "The tape"},
		{LessonReading(b, &book.Lesson{Read: "1 - 3"}), "ch.\u00A01–3"},
		{LessonReading(b, &book.Lesson{}), ""},
		{NarratedIn(b, &book.Event{Chapter: 5}), "ch.\u00A05"},
		{NarratedIn(b, &book.Event{}), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
