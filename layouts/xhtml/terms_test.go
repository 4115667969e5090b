package xhtml_test

import (
	"testing"

	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// TestTerms: the first use of each term in a piece links to its entry:
// the whole word, in any case, the longest term first; never again, and
// never in a heading, a link or a block quotation.
func TestTerms(t *testing.T) {
	hrefs := map[string]string{"lamp": "g#lamp", "lamp room": "g#lamp-room", "Keeper": "g#keeper"}
	for _, tc := range []struct{ src, want string }{
		{"The lamp room, the lamp.", `<p>The <a class="term" href="g#lamp-room">lamp room</a>, the <a class="term" href="g#lamp">lamp</a>.</p>` + "\n"},
		{"A KEEPER and a keeper.", `<p>A <a class="term" href="g#keeper">KEEPER</a> and a keeper.</p>` + "\n"},
		{"Lampshades and gatekeepers.", "<p>Lampshades and gatekeepers.</p>\n"},
		{"## The keeper\n\nThe keeper.", "<h2>The keeper</h2>\n" + `<p>The <a class="term" href="g#keeper">keeper</a>.</p>` + "\n"},
		{"[a keeper](https://x.org) keeper", `<p><a href="https://x.org">a keeper</a> <a class="term" href="g#keeper">keeper</a></p>` + "\n"},
		{"> The keeper.\n\nThe keeper.", "<blockquote>\n<p>The keeper.</p>\n</blockquote>\n" + `<p>The <a class="term" href="g#keeper">keeper</a>.</p>` + "\n"},
	} {
		d, _ := doc.Parse(tc.src, doc.Options{})
		got := xhtml.New(hooks{}, xhtml.Options{Terms: xhtml.NewTerms(hrefs)}).Blocks(d.Blocks)
		if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestTermFormsShareALink: the forms of one term (book.Term.Forms) share
// its href, and once one of them is linked no other is: a term links
// once, whichever form comes first.
func TestTermFormsShareALink(t *testing.T) {
	hrefs := map[string]string{"possibles": "g#possible", "possible’s": "g#possible", "keeper": "g#keeper"}
	d, _ := doc.Parse("A possible’s keeper meets possibles, a keeper.", doc.Options{})
	got := xhtml.New(hooks{}, xhtml.Options{Terms: xhtml.NewTerms(hrefs)}).Blocks(d.Blocks)
	want := `<p>A <a class="term" href="g#possible">possible’s</a> <a class="term" href="g#keeper">keeper</a> meets possibles, a keeper.</p>` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
