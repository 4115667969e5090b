package book_test

import (
	"testing"

	"github.com/companion-dev/companion/book"
)

// A question's standards list in natural order within each framework, by
// grade band then number, whatever order the author wrote them in; the
// frameworks stay where the list first names them.
func TestStandardsSortNaturally(t *testing.T) {
	b, d := book.Open(project(map[string]string{
		"chapters/a.md": "---\ntitle: A\nquestions:\n  - id: why\n    prompt: Why?\n    standards: [ccss-ela:RL.11-12.6, uk-a-level:AO2, ccss-ela:RL.9-10.4, ccss-ela:RL.11-12.10, uk-a-level:AO1]\n---\nText.\n",
	}), book.Options{})
	if d.HasErrors() {
		t.Fatalf("errors: %s", d)
	}
	var got []string
	for _, r := range b.Chapters[0].Questions[0].Standards {
		got = append(got, r.String())
	}
	want := []string{"ccss-ela:RL.9-10.4", "ccss-ela:RL.11-12.6", "ccss-ela:RL.11-12.10", "uk-a-level:AO1", "uk-a-level:AO2"}
	if len(got) != len(want) {
		t.Fatalf("standards %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("standards %q, want %q", got, want)
		}
	}
}
