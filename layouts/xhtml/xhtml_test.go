package xhtml_test

import (
	"testing"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// hooks lead web links to the web and nothing else anywhere; every
// image but images/missing.png has a copy under img/; a citation reads
// as its source.
type hooks struct{}

func (hooks) Href(l *doc.Link) (string, bool) { return l.Dest, l.Dest[0] == 'h' }

func (hooks) ImageSrc(img *doc.Image) (string, bool) {
	return "img/" + img.Path, img.Path != "images/missing.png"
}

func (hooks) Cite(n *doc.Citation) cite.Text {
	var t cite.Text
	for _, it := range n.Items {
		t = append(t, cite.Span{Text: "(" + it.Key + ")"})
	}
	return t
}

// TestWriter: the same Markdown written for an EPUB, a page and a learning
// platform.
func TestWriter(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		opt       xhtml.Options
		want      string
	}{
		{"a page's notes carry no EPUB vocabulary", "Text.[^1]\n\n[^1]: A note.\n", xhtml.Options{BackToText: "Back"},
			`<p>Text.<a class="noteref" id="fnref-1" href="#fn-1" role="doc-noteref">1</a></p>` + "\n" +
				`<div class="footnotes">` + "\n" + `<aside class="footnote" id="fn-1" role="doc-footnote">` + "\n" +
				`<p><a class="note-number" href="#fnref-1" role="doc-backlink" title="Back">1.</a> A note.</p>` + "\n</aside>\n</div>\n"},
		{"an EPUB's notes pop up", "Text.[^1]\n\n[^1]: A note.\n", xhtml.Options{EPUB: true, NotePrefix: "q-"},
			`<p>Text.<a class="noteref" id="q-fnref-1" href="#q-fn-1" epub:type="noteref" role="doc-noteref">1</a></p>` + "\n" +
				`<div class="footnotes">` + "\n" + `<aside class="footnote" id="q-fn-1" epub:type="footnote" role="doc-footnote">` + "\n" +
				`<p><a class="note-number" href="#q-fnref-1" role="doc-backlink" title="">1.</a> A note.</p>` + "\n</aside>\n</div>\n"},
		{"a platform's notes follow the text", "Text.[^1]\n\n[^1]: A note.\n", xhtml.Options{Platform: true},
			`<p>Text.<sup>1</sup></p><p><sup>1</sup> A note.</p>`},
		{"a platform runs headings in, keeps code lines and has no newlines", "# Head\n\nsoft\nbreak\n\n```\na\nb\n```\n", xhtml.Options{Platform: true},
			`<p><strong>Head</strong></p><p>soft break</p><pre>a<br />b</pre>`},
		{"two calls side by side are apart", "Text.[^1][^2] [^1] and[^2]\n\n[^1]: A.\n[^2]: B.\n", xhtml.Options{Platform: true},
			`<p>Text.<sup>1</sup><sup>,</sup><sup>2</sup><sup>,</sup><sup>1</sup> and<sup>2</sup></p><p><sup>1</sup> A.</p><p><sup>2</sup> B.</p>`},
		{"headings shift", "# Head\n", xhtml.Options{HeadingShift: 2}, "<h3>Head</h3>\n"},
		{"a number is never alone at a line's start, in a heading or the text", "## Ruth (chapter 4)\n\nOn p. 12 of `chapter 5)`, in 2005.\n", xhtml.Options{},
			"<h2>Ruth (chapter\u00A04)</h2>\n<p>On p.\u00A012 of <code>chapter 5)</code>, in\u00A02005.</p>\n"},
		{"a page's one h1 is its title", "# Head\n\n### Sub\n", xhtml.Options{TopLevel: 2}, "<h2>Head</h2>\n<h3>Sub</h3>\n"},
		{"a link the output does not have is its text", "[in](chapters/a.md) and [out](https://x.org \"T\")", xhtml.Options{},
			`<p>in and <a href="https://x.org" title="T">out</a></p>` + "\n"},
		{"a dangerous autolink is text", "<javascript:alert(1)> <https://x.org>", xhtml.Options{},
			`<p>javascript:alert(1) <a href="https://x.org">https://x.org</a></p>` + "\n"},
		{"a captioned image is a figure", `![A map, [@w]](images/map.png "The map")`, xhtml.Options{},
			`<figure class="figure"><img src="img/images/map.png" alt="A map, (w)" /><figcaption>The map</figcaption></figure>` + "\n"},
		{"an image alone is a figure, its description the caption", `![A map](images/map.png)`, xhtml.Options{},
			`<figure class="figure"><img src="img/images/map.png" alt="" /><figcaption>A map</figcaption></figure>` + "\n"},
		{"an image in text is no figure", `See ![a map](images/map.png).`, xhtml.Options{},
			`<p>See <img src="img/images/map.png" alt="a map" />.</p>` + "\n"},
		{"an image without a copy is its description", `![Gone & "away"](images/missing.png "T")`, xhtml.Options{},
			`<p><span class="image-description">[Gone &amp; “away”]</span></p>` + "\n"},
		{"a platform's description is bare", `![Gone](images/missing.png)`, xhtml.Options{Platform: true}, `<p>[Gone]</p>`},
		{"a citation is styled on a page, bare on a platform", "See [@w].", xhtml.Options{},
			`<p>See <span class="citation">(w)</span>.</p>` + "\n"},
		{"a platform's citation", "See [@w].", xhtml.Options{Platform: true}, `<p>See (w).</p>`},
		{"a table has its header and alignments", "| a | b |\n|:--|--:|\n| 1 | 2 |\n", xhtml.Options{Platform: true},
			`<table><thead><tr><th scope="col" style="text-align:left">a</th><th scope="col" style="text-align:right">b</th></tr></thead>` +
				`<tbody><tr><td style="text-align:left">1</td><td style="text-align:right">2</td></tr></tbody></table>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, diags := doc.Parse(tc.src, doc.Options{})
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			for _, img := range d.Images() { // the loader would have resolved them
				img.Path = img.Dest
			}
			if got := xhtml.New(hooks{}, tc.opt).Document(d); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s\n(%q)", got, tc.want, got)
			}
		})
	}
}

// notesFirst sets every citation as a note, numbered in reading order
// with the footnotes: the stand-in for a note style's book.Citations.
type notesFirst struct {
	cites map[*doc.Citation]int
	refs  map[*doc.NoteRef]int
	notes map[*doc.Note]int
}

func (n notesFirst) CitationNote(c *doc.Citation) int   { return n.cites[c] }
func (n notesFirst) NoteNumber(r *doc.NoteRef) int      { return n.refs[r] }
func (n notesFirst) FootnoteNumber(f *doc.Note) int     { return n.notes[f] }
func (notesFirst) Inlines(is []doc.Inline) []doc.Inline { return is }

// parseNotesFirst parses src, whose one footnote is d.Notes[0], and
// numbers its citations and note calls in reading order.
func parseNotesFirst(t *testing.T, src string) (*doc.Document, notesFirst) {
	t.Helper()
	d, diags := doc.Parse(src, doc.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	n := notesFirst{map[*doc.Citation]int{}, map[*doc.NoteRef]int{}, map[*doc.Note]int{}}
	k := 0
	doc.Walk(d, func(x any) bool {
		switch x := x.(type) {
		case *doc.Citation:
			k++
			n.cites[x] = k
		case *doc.NoteRef:
			k++
			n.refs[x], n.notes[d.Notes[0]] = k, k
		}
		return true
	})
	return d, n
}

// TestCitationNotes: with Options.Notes, a citation the numbers put in a
// note is called by its number, and written among the piece's footnotes
// in the order of the numbers.
func TestCitationNotes(t *testing.T) {
	d, n := parseNotesFirst(t, "One [@a]. Two.[^n] Three [@b].\n\n[^n]: A note.\n")
	x := xhtml.New(hooks{}, xhtml.Options{EPUB: true, Notes: n, BackToText: "Back"})
	got := x.Blocks(d.Blocks) + x.Notes(d.Notes)
	want := `<p>One <a class="noteref" id="cnref-1" href="#cn-1" epub:type="noteref" role="doc-noteref">1</a>. ` +
		`Two.<a class="noteref" id="fnref-1" href="#fn-1" epub:type="noteref" role="doc-noteref">2</a> ` +
		`Three <a class="noteref" id="cnref-3" href="#cn-3" epub:type="noteref" role="doc-noteref">3</a>.</p>` + "\n" +
		`<div class="footnotes">` + "\n" +
		`<aside class="footnote" id="cn-1" epub:type="footnote" role="doc-footnote">` + "\n" +
		`<p><a class="note-number" href="#cnref-1" role="doc-backlink" title="Back">1.</a> <span class="citation">(a)</span></p>` + "\n</aside>\n" +
		`<aside class="footnote" id="fn-1" epub:type="footnote" role="doc-footnote">` + "\n" +
		`<p><a class="note-number" href="#fnref-1" role="doc-backlink" title="Back">2.</a> A note.</p>` + "\n</aside>\n" +
		`<aside class="footnote" id="cn-3" epub:type="footnote" role="doc-footnote">` + "\n" +
		`<p><a class="note-number" href="#cnref-3" role="doc-backlink" title="Back">3.</a> <span class="citation">(b)</span></p>` + "\n</aside>\n" +
		"</div>\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCitationNotesApart: a citation's note called next to a footnote's,
// or next to another citation's, with nothing or only a space between,
// is set apart from it by a superscript comma ("³,⁴"); a citation with
// words before it is not.
func TestCitationNotesApart(t *testing.T) {
	d, n := parseNotesFirst(t, "Disagrees.[@a] [^n] [@b] and [@c].\n\n[^n]: A note.\n")
	got := xhtml.New(hooks{}, xhtml.Options{Notes: n}).Blocks(d.Blocks)
	want := `<p>Disagrees.<a class="noteref" id="cnref-1" href="#cn-1" role="doc-noteref">1</a>` +
		`<sup class="noteref-separator">,</sup><a class="noteref" id="fnref-1" href="#fn-1" role="doc-noteref">2</a>` +
		`<sup class="noteref-separator">,</sup><a class="noteref" id="cnref-3" href="#cn-3" role="doc-noteref">3</a>` +
		` and <a class="noteref" id="cnref-4" href="#cn-4" role="doc-noteref">4</a>.</p>` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
