package book

import (
	"testing"

	"github.com/companion-dev/companion/book/cite"
)

func TestValidDate(t *testing.T) {
	for _, tc := range []struct {
		date string
		ok   bool
	}{
		{"2026-11-20", true},
		{"2026-11", true},
		{"2026", true},
		{"2024-02-29", true},
		{"0001", true},
		{"2026-02-30", false}, // matches YYYY-MM-DD, but February has no 30th
		{"2025-02-29", false},
		{"2026-13-01", false},
		{"0000", false},
		{"0000-01-01", false},
		{"26-11-20", false},
		{"2026-1-5", false},
		{"20 November 2026", false},
		{"", false},
	} {
		if got := validDate(tc.date); got != tc.ok {
			t.Errorf("validDate(%q) = %v, want %v", tc.date, got, tc.ok)
		}
	}
}

// The list of works is headed as the style names it, in the book's words.
func TestWorksCitedHeading(t *testing.T) {
	for st, want := range map[cite.Style]string{cite.MLA: "Works cited", cite.APA: "References", cite.Chicago: "References"} {
		b := &Book{Style: st, Labels: english}
		if got := b.WorksCitedHeading(); got != want {
			t.Errorf("%s: %q, want %q", st, got, want)
		}
	}
}
