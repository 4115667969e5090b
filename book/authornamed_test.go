package book_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestAuthorNamedOnlyInMLA: the warning for a citation that repeats the
// author the sentence names (author-named.txtar) is MLA's rule; in an
// author-date style the parenthesis still gives the year, and in a note
// style the citation is a footnote, so neither warns.
func TestAuthorNamedOnlyInMLA(t *testing.T) {
	for style, want := range map[string]int{"mla": 3, "apa": 0, "chicago-notes": 0} {
		fsys, _ := booktest.RuleFixture(t, "testdata/rules/author-named.txtar")
		man := string(fsys["companion.yaml"].Data)
		fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(man, "contents:", "citation-style: "+style+"\ncontents:", 1))}
		_, d := book.Open(fsys, book.Options{})
		got := 0
		for _, x := range d {
			if strings.Contains(x.Message, "repeats its author") {
				got++
			}
		}
		if got != want {
			t.Errorf("%s: %d warnings that a citation repeats its author, want %d:\n%v", style, got, want, d)
		}
	}
}
