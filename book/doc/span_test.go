package doc_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/doc"
)

// TestLangSpans: [text]{lang=xx} is a span in that language, whatever the
// inlines inside it and around it; brackets without a language, links and
// a bad tag are not.
func TestLangSpans(t *testing.T) {
	for _, tc := range []struct {
		src, want string
		errs      int
	}{
		{`She says [au revoir]{lang=fr} and leaves.`, `She says <fr>au revoir</fr> and leaves.`, 0},
		{`[*Bildungsroman*]{lang=de}, a novel of growth`, `<de>/Bildungsroman/</de>, a novel of growth`, 0},
		{`a [quoted]{lang="la"} tag`, `a <la>quoted</la> tag`, 0},
		{`outer [one [zwei]{lang=de} three]{lang=fr}`, `outer <fr>one <de>zwei</de> three</fr>`, 0},
		{`[a]{lang=fr} and [b]{lang=it}`, `<fr>a</fr> and <it>b</it>`, 0},
		{`plain [brackets] and [more]{.smallcaps}`, `plain [brackets] and [more]{.smallcaps}`, 0},
		{`a [link](https://example.org){lang=fr}`, `a link{lang=fr}`, 0},
		{`[x]{lang=not a tag!}`, `<not a tag!>x</not a tag!>`, 1},
	} {
		d, diags := doc.Parse(tc.src, doc.Options{})
		if got := spanned(d.Blocks[0].(*doc.Paragraph).Inlines); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.src, got, tc.want)
		}
		if len(diags) != tc.errs {
			t.Errorf("%s: %d diagnostics, want %d: %v", tc.src, len(diags), tc.errs, diags)
		}
	}
}

// spanned writes inlines with each span as <lang>…</lang> and emphasis
// as /…/.
func spanned(in []doc.Inline) string {
	var b strings.Builder
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Span:
			b.WriteString("<" + n.Lang + ">" + spanned(n.Inlines) + "</" + n.Lang + ">")
		case *doc.Emphasis:
			b.WriteString("/" + spanned(n.Inlines) + "/")
		case *doc.Link:
			b.WriteString(spanned(n.Inlines))
		case *doc.Text:
			b.WriteString(n.Text)
		}
	}
	return b.String()
}
