package doc

import (
	"strings"
	"testing"
)

// FuzzParse: any text parses without a panic into nodes whose offsets lie
// in the source, and every heading gets an id within the limit.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText *em* **strong** ~~del~~ `code` [link](#a) ![img](a.png \"t\") <https://e.com> [@key, p. 4].\n",
		"A note[^1] and again[^1].\n\n[^1]: Note.\n\n    More.\n",
		"![A map](images/salinas river.png) and [x](a b) and ![a *b*](c d.png\n",
		"[a]: https://e.com\n[b]: https://e.com/b 'T'\n\n[a] [b][] [c][a]\n",
		strings.Repeat("- ", 30) + "x\n" + strings.Repeat("> ", 30) + "y\n",
		"| a | b |\n|:-|-:|\n| 1 | 2 |\n",
		"&#7; &#x1; &#xFFFE; &amp; \\* \x00\n",
		"```go\n- - -\n```\n\n1) one\n   2. two\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, _ := Parse(src, Options{HeadingIDs: true, Reserved: []string{"notes"}})
		Walk(d, func(n any) bool {
			if o, ok := n.(interface{ Offset() int }); ok && o.Offset() > len(src) {
				t.Fatalf("%T at %d, past the source's %d bytes", n, o.Offset(), len(src))
			}
			if h, ok := n.(*Heading); ok && (h.ID == "" || len(h.ID) > MaxIDLength) {
				t.Fatalf("heading id %q", h.ID)
			}
			return true
		})
	})
}
