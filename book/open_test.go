package book_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
)

// TestStrictCoverage: Strict turns the coverage warning of
// testdata/rules/coverage.txtar into an error, with the same message and
// place; nothing else changes.
func TestStrictCoverage(t *testing.T) {
	fsys, want := booktest.RuleFixture(t, "testdata/rules/coverage.txtar")
	if len(want) != 1 {
		t.Fatalf("the fixture wants %d diagnostics, this test expects one", len(want))
	}
	for _, tc := range []struct {
		strict bool
		want   diag.Severity
	}{{false, diag.Warning}, {true, diag.Error}} {
		b, d := book.Open(fsys, book.Options{Strict: tc.strict})
		if len(d) != 1 {
			t.Fatalf("strict=%v: %d diagnostics, want 1:\n%s", tc.strict, len(d), d)
		}
		if len(b.Coverage()) != 2 {
			t.Errorf("strict=%v: coverage of %d frameworks, want 2: the coverage error must not hide the coverage", tc.strict, len(b.Coverage()))
		}
		got := d[0].Pos.String() + ": " + tc.want.String() + ": " + d[0].Message
		if d[0].Severity != tc.want || got != strings.Replace(want[0], ": warning: ", ": "+tc.want.String()+": ", 1) {
			t.Errorf("strict=%v: got %s: %s, want %s", tc.strict, d[0].Severity, got, want[0])
		}
	}
}

// TestNoCoverageAfterErrors: with an error in the project, coverage is
// neither reported nor counted (an unresolved standard would only show as
// unserved).
func TestNoCoverageAfterErrors(t *testing.T) {
	fsys, _ := booktest.RuleFixture(t, "testdata/rules/coverage.txtar")
	fsys["chapters/01-one.md"].Data = []byte(strings.Replace(string(fsys["chapters/01-one.md"].Data), "uk-gcse:AO2", "uk-gcse:AO9", 1))
	b, d := book.Open(fsys, book.Options{})
	if got := d.Error(); len(d) != 1 || !strings.Contains(got, `has no code "AO9"`) {
		t.Errorf("want only the unknown standard, got:\n%s", got)
	}
	if b.Coverage() != nil {
		t.Errorf("coverage counted on a book with errors")
	}
}

// TestOpenStyle: Options.Style formats the citations in that style instead
// of the project's, and the book says which style it formats in.
func TestOpenStyle(t *testing.T) {
	fsys, _ := booktest.RuleFixture(t, "testdata/rules/valid.txtar")
	for _, tc := range []struct {
		style     cite.Style
		want      cite.Style
		worksCite string
	}{
		{"", cite.MLA, "Ishiguro, Kazuo. *Never Let Me Go*."},
		{cite.APA, cite.APA, "Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber."},
	} {
		b := booktest.MustOpen(t, fsys, book.Options{Style: tc.style})
		if b.Style != tc.want {
			t.Errorf("Style %q: the book formats in %q, want %q", tc.style, b.Style, tc.want)
		}
		works := b.WorksCited()
		if len(works) != 1 || !strings.HasPrefix(works[0].Text.Markdown(), tc.worksCite) {
			t.Errorf("Style %q: works cited %v, want one entry starting %q", tc.style, works, tc.worksCite)
		}
	}
}

// TestOpenLaps: a driver times the stages through Lap, in order.
func TestOpenLaps(t *testing.T) {
	fsys, _ := booktest.RuleFixture(t, "testdata/rules/valid.txtar")
	var stages []string
	book.Open(fsys, book.Options{Lap: func(s string) { stages = append(stages, s) }})
	if strings.Join(stages, " ") != "load check" {
		t.Errorf("stages %v, want [load check]", stages)
	}
}
