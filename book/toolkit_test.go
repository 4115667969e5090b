package book_test

import (
	"slices"
	"testing"

	"github.com/companion-dev/companion/book"
)

// TestTermForms: a term links as written unless its vocabulary entry gives
// the forms to link instead (matches:, spaces tidied) or none (match:
// false); match: true is the default said aloud.
func TestTermForms(t *testing.T) {
	b, d := book.Open(project(map[string]string{"chapters/a.md": `---
title: A
vocabulary:
  - {term: guardian, definition: A teacher.}
  - {term: possible, definition: The person a clone is copied from., matches: [possibles, "possible   ’s"]}
  - {term: Hailsham, definition: The school., match: false}
  - {term: carer, definition: A clone who cares., match: true}
---
Text.
`}), book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	want := map[string][]string{
		"guardian": {"guardian"},
		"possible": {"possibles", "possible ’s"},
		"Hailsham": nil,
		"carer":    {"carer"},
	}
	for _, term := range b.Vocabulary() {
		if got := term.Forms(); !slices.Equal(got, want[term.Term]) {
			t.Errorf("%s: forms %q, want %q", term.Term, got, want[term.Term])
		}
	}
}
