package xhtml

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/cite"
)

// Every look a style asks for reaches the markup, as elements or as
// reading.css's classes, never as an inline style.
func TestCitationLooks(t *testing.T) {
	for _, tc := range []struct {
		txt  cite.Text
		want string
	}{
		{cite.Text{{Text: "Ishiguro, "}, {Text: "Klara & the Sun", Look: cite.Look{Italic: true}}}, "Ishiguro, <i>Klara &amp; the Sun</i>"},
		{cite.Text{{Text: "vol. "}, {Text: "12", Look: cite.Look{Bold: true}}}, "vol. <b>12</b>"},
		{cite.Text{{Text: "Ishi", Look: cite.Look{SmallCaps: true}}, {Text: "guro", Look: cite.Look{SmallCaps: true}}, {Text: " 2005"}},
			`<span class="smallcaps">Ishiguro</span> 2005`},
		{cite.Text{{Text: "see", Look: cite.Look{Underline: true}}}, `<span class="underline">see</span>`},
		{cite.Text{{Text: "Novel"}, {Text: "1", Look: cite.Look{Superscript: true}}, {Text: " H"}, {Text: "2", Look: cite.Look{Subscript: true}}},
			"Novel<sup>1</sup> H<sub>2</sub>"},
		{cite.Text{{Text: "Both", Look: cite.Look{Italic: true, Bold: true, SmallCaps: true}}}, `<b><span class="smallcaps"><i>Both</i></span></b>`},
		{cite.Text{{Text: ""}, {Text: "", Look: cite.Look{Bold: true}}}, ""},
		{cite.Text{{Text: "BBC News, 10 Oct. 2005, https://news.bbc.co.uk/a?b=1&c=2. Accessed 1 Nov. 2026."}},
			// a date's day, month and year stand together (tie.Holds)
			"BBC News, 10\u00A0Oct.\u00A02005, <a href=\"https://news.bbc.co.uk/a?b=1&amp;c=2\">https://news.bbc.co.uk/a?b=1&amp;c=2</a>. Accessed 1\u00A0Nov.\u00A02026."},
	} {
		if got := Citation(tc.txt); got != tc.want {
			t.Errorf("Citation(%v)\n got %s\nwant %s", tc.txt, got, tc.want)
		}
		if strings.Contains(Citation(tc.txt), "style=") {
			t.Errorf("an inline style in %s", Citation(tc.txt))
		}
	}
}

// The list takes the style's options as classes, and a numbered style's
// first field its column.
func TestWorksCitedList(t *testing.T) {
	mla := []cite.Entry{{Text: cite.Text{{Text: "Ishiguro, Kazuo. "}, {Text: "Never Let Me Go", Look: cite.Look{Italic: true}}, {Text: "."}}}}
	ieee := []cite.Entry{{Margin: cite.Text{{Text: "[1]"}}, Text: cite.Text{{Text: " K. Ishiguro, "}, {Text: "Never Let Me Go", Look: cite.Look{Italic: true}}}}}
	for _, tc := range []struct {
		name    string
		entries []cite.Entry
		opt     cite.BibliographyOptions
		want    string
	}{
		{"hanging", mla, cite.BibliographyOptions{HangingIndent: true, LineSpacing: 2},
			"<ul class=\"works-cited hanging\">\n<li>Ishiguro, Kazuo. <i>Never Let Me Go</i>.</li>\n</ul>\n"},
		{"spaced", mla, cite.BibliographyOptions{LineSpacing: 1, EntrySpacing: 1},
			"<ul class=\"works-cited spaced\">\n<li>Ishiguro, Kazuo. <i>Never Let Me Go</i>.</li>\n</ul>\n"},
		{"aligned", ieee, cite.BibliographyOptions{SecondFieldAlign: "flush", LineSpacing: 1},
			"<ul class=\"works-cited aligned\">\n<li><span class=\"first-field\">[1] </span>K.\u00a0Ishiguro, <i>Never Let Me Go</i></li>\n</ul>\n"},
	} {
		if got := worksCitedList(tc.entries, tc.opt); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// Each class the citations' markup uses is styled in reading.css.
func TestCitationClassesAreStyled(t *testing.T) {
	for _, class := range []string{".smallcaps", ".underline", "ul.works-cited.hanging", "ul.works-cited.aligned", ".first-field", "ul.works-cited.spaced", ".display-indent"} {
		if !strings.Contains(string(ReadingStyle), class+" ") {
			t.Errorf("reading.css does not style %s", class)
		}
	}
}

// The parts a style's display attributes set apart: a heading line, the
// first field's column and the rest, an indented line.
func TestWorksCitedBlocks(t *testing.T) {
	heading := cite.Entry{Blocks: []cite.Block{
		{Display: "block", Text: cite.Text{{Text: "John Doe"}}},
		{Display: "left-margin", Text: cite.Text{{Text: "1999"}}},
		{Display: "right-inline", Text: cite.Text{{Text: " A "}, {Text: "Book", Look: cite.Look{Italic: true}}}},
		{Display: "indent", Text: cite.Text{{Text: "About it."}}},
	}}
	inline := cite.Entry{Blocks: []cite.Block{
		{Display: "left-margin", Text: cite.Text{{Text: "2000"}}},
		{Display: "right-inline", Text: cite.Text{{Text: "Another"}}},
	}}
	got := worksCitedList([]cite.Entry{heading, inline}, cite.BibliographyOptions{LineSpacing: 1, EntrySpacing: 1})
	want := `<ul class="works-cited aligned spaced">
<li><div class="display-block">John Doe</div><div class="display-line"><span class="first-field">1999 </span>A <i>Book</i></div><div class="display-indent">About it.</div></li>
<li><span class="first-field">2000 </span>Another</li>
</ul>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
