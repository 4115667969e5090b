package doc

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/diag"
)

// TestNesting: lists and block quotes may nest MaxNesting (24) deep, and
// the 25th is refused at its marker, whether the pre-scan or the parsed
// tree finds it; list and item count once.
func TestNesting(t *testing.T) {
	lists := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	ordered := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("   ", i) + "1. item\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, src string
		want      string // line:col of the error, "" for none
	}{
		{"24 lists", lists(24), ""},
		{"25 lists", lists(25), "25:49"},
		{"24 ordered lists", ordered(24), ""},
		{"25 ordered lists", ordered(25), "25:73"},
		{"24 quotes", strings.Repeat("> ", 24) + "deep\n", ""},
		{"25 quotes", "Text.\n\n" + strings.Repeat("> ", 25) + "deep\n", "3:49"},
		{"24 mixed on one line", strings.Repeat("- > ", 12) + "x\n", ""},
		{"25 mixed on one line", strings.Repeat("- > ", 12) + "- x\n", "1:49"},
		{"3000 quotes", strings.Repeat("> ", 3000) + "deep\n", "1:49"},
		{"3000 lists", lists(3000), "25:49"},
		{"a rule is no list", strings.Repeat("- ", 30) + "\n", ""},
		{"a code fence opens nothing", "```\n" + lists(30) + "```\n", ""},
		{"indented code opens nothing", "Text.\n\n" + strings.Repeat("    - x\n", 30), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pos := func(off int) diag.Pos {
				line := 1 + strings.Count(tc.src[:off], "\n")
				return diag.Pos{File: "a.md", Line: line, Col: 1 + off - (strings.LastIndex(tc.src[:off], "\n") + 1)}
			}
			_, d := Parse(tc.src, Options{Pos: pos})
			var got string
			if len(d) > 0 {
				got = d[0].Pos.String()
				if !strings.Contains(d[0].Message, "nested more than 24 deep") || len(d) != 1 {
					t.Errorf("got %v", d)
				}
			}
			if want := ""; tc.want != "" {
				want = "a.md:" + tc.want
				if got != want {
					t.Errorf("error at %q, want %q", got, want)
				}
			} else if got != "" {
				t.Errorf("refused at %s", got)
			}
		})
	}
}
