package book_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
)

// TestStrictCoverage: Strict turns the coverage warnings of
// testdata/rules/coverage.txtar (standards) and theme-coverage.txtar
// (themes) into errors, with the same messages and places; nothing else
// changes.
func TestStrictCoverage(t *testing.T) {
	for _, fixture := range []struct {
		file       string
		frameworks int
	}{{"coverage", 2}, {"theme-coverage", 0}} {
		fsys, want := booktest.RuleFixture(t, "testdata/rules/"+fixture.file+".txtar")
		for _, tc := range []struct {
			strict bool
			want   diag.Severity
		}{{false, diag.Warning}, {true, diag.Error}} {
			b, d := book.Open(fsys, book.Options{Strict: tc.strict})
			if len(d) != len(want) {
				t.Fatalf("%s, strict=%v: %d diagnostics, want %d:\n%s", fixture.file, tc.strict, len(d), len(want), d)
			}
			if len(b.Coverage()) != fixture.frameworks {
				t.Errorf("%s, strict=%v: coverage of %d frameworks, want %d: the coverage error must not hide the coverage", fixture.file, tc.strict, len(b.Coverage()), fixture.frameworks)
			}
			for i, x := range d {
				got := x.Pos.String() + ": " + tc.want.String() + ": " + x.Message
				if x.Severity != tc.want || got != strings.Replace(want[i], ": warning: ", ": "+tc.want.String()+": ", 1) {
					t.Errorf("%s, strict=%v: got %s: %s, want %s", fixture.file, tc.strict, x.Severity, got, want[i])
				}
			}
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
		b := booktest.MustOpen(t, fsys, book.Options{Style: string(tc.style)})
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
