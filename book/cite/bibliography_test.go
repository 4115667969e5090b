package cite

import (
	"strings"
	"testing"
)

// The style's options for setting the works cited come out as it gives
// them, with CSL's defaults where it gives none.
func TestBibliographyOptions(t *testing.T) {
	for _, tc := range []struct {
		style string
		want  BibliographyOptions
	}{
		{"mla", BibliographyOptions{HangingIndent: true, LineSpacing: 2, EntrySpacing: 0}},
		{"apa", BibliographyOptions{HangingIndent: true, LineSpacing: 2, EntrySpacing: 0}},
		{"chicago", BibliographyOptions{HangingIndent: true, LineSpacing: 1, EntrySpacing: 1}},
		{"harvard", BibliographyOptions{LineSpacing: 1, EntrySpacing: 1}},
		{"ieee", BibliographyOptions{SecondFieldAlign: "flush", LineSpacing: 1, EntrySpacing: 0}},
	} {
		t.Run(tc.style, func(t *testing.T) {
			s, ok := ParseStyle(tc.style)
			if !ok {
				t.Fatalf("no built-in style %q", tc.style)
			}
			if got := NewCSL(s.CSL(enUS(t)), nil).BibliographyOptions(); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestBibliographyOptionsOfAStyleFile(t *testing.T) {
	const head = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><layout><text variable="title"/></layout></citation>
`
	for _, tc := range []struct {
		name, bib string
		want      BibliographyOptions
		warning   string
	}{
		{"none", ``, BibliographyOptions{LineSpacing: 1, EntrySpacing: 1}, ""},
		{"margin", `<bibliography second-field-align="margin" line-spacing="3" entry-spacing="2"><layout><text variable="title"/></layout></bibliography>`,
			BibliographyOptions{SecondFieldAlign: "margin", LineSpacing: 3, EntrySpacing: 2}, ""},
		{"typo", `<bibliography hanging-indent="yes" entry-spacing="-1"><layout><text variable="title"/></layout></bibliography>`,
			BibliographyOptions{LineSpacing: 1, EntrySpacing: 1},
			"my.csl:3:1: warning: hanging-indent=\"yes\": the value is true or false; it is ignored\n" +
				"my.csl:3:1: warning: entry-spacing=\"-1\": the value is a whole number; it is ignored"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, diags := ReadCSL("my.csl", []byte(head+tc.bib+"\n</style>"), enUS(t))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if w := strings.Join(got, "\n"); w != tc.warning {
				t.Errorf("diagnostics:\n%s\nwant\n%s", w, tc.warning)
			}
			if got := NewCSL(s, nil).BibliographyOptions(); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// On one line, what the style sets apart is parted by a space, and the
// closing period stays with the text before it.
func TestEntryLine(t *testing.T) {
	txt := func(s string) Text { return Text{{Text: s}} }
	for _, tc := range []struct {
		entry Entry
		want  string
	}{
		{Entry{Text: txt("Doe, Jane. A Book.")}, "Doe, Jane. A Book."},
		{Entry{Margin: txt("[1]"), Text: txt(" J. Doe.")}, "[1] J. Doe."},
		{Entry{Margin: txt("[2]"), Text: txt("J. Doe.")}, "[2] J. Doe."},
		{Entry{Blocks: []Block{{"block", txt("Doe, Jane")}, {"left-margin", txt("1999")}, {"right-inline", txt("A Book")},
			{"", txt(".")}, {"indent", txt("About it.")}}}, "Doe, Jane 1999 A Book. About it."},
	} {
		if got := tc.entry.Line().Plain(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// An entry's closing period meets the period that ends its last part
// displayed apart, and is written once.
func TestDisplayedPartMeetsClosingPeriod(t *testing.T) {
	s, diags := ReadCSL("indent.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">
    <text variable="title"/>
    <text variable="abstract" display="indent"/>
  </layout></bibliography>
</style>`), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e := NewCSL(s, []*Reference{{ID: "a", Type: "book", Title: "Alpha", Abstract: "About alpha."}}).WorksCited()[0]
	if got := e.Text.Plain(); got != "AlphaAbout alpha." {
		t.Errorf("text: got %q", got)
	}
	if n := len(e.Blocks); n != 2 || e.Blocks[1].Text.Plain() != "About alpha." {
		t.Errorf("blocks: got %+v", e.Blocks)
	}
}

// WorksCitedOf, a handout's works cited, reads each entry as the whole
// list does, with its number, but for MLA's "———", which stands only under
// another of the same author's works that the handout cites.
func TestWorksCitedOf(t *testing.T) {
	ishiguro := []Name{{Family: "Ishiguro", Given: "Kazuo"}}
	refs := []*Reference{
		{ID: "nlmg", Type: "book", Title: "Never Let Me Go", Author: ishiguro, Issued: Date{Year: 2005}},
		{ID: "rotd", Type: "book", Title: "The Remains of the Day", Author: ishiguro, Issued: Date{Year: 1989}},
		{ID: "klara", Type: "book", Title: "Klara and the Sun", Author: ishiguro, Issued: Date{Year: 2021}},
		{ID: "wood", Type: "book", Title: "The Broken Estate", Author: []Name{{Family: "Wood", Given: "James"}}, Issued: Date{Year: 1999}},
	}
	plain := func(es []Entry) string {
		var out []string
		for _, e := range es {
			out = append(out, e.Key+": "+e.Margin.Plain()+e.Text.Plain())
		}
		return strings.Join(out, "\n")
	}
	for _, tc := range []struct {
		style Style
		keys  []string
		want  string
	}{
		{MLA, nil, ""},
		{MLA, []string{"wood", "rotd", "klara", "nlmg"}, "klara: Ishiguro, Kazuo. Klara and the Sun. 2021.\n" +
			"nlmg: ———. Never Let Me Go. 2005.\n" +
			"rotd: ———. The Remains of the Day. 1989.\n" +
			"wood: Wood, James. The Broken Estate. 1999."},
		// without Klara and the Sun, Never Let Me Go comes first, in full
		{MLA, []string{"rotd", "nlmg", "missing"}, "nlmg: Ishiguro, Kazuo. Never Let Me Go. 2005.\n" +
			"rotd: ———. The Remains of the Day. 1989."},
		{MLA, []string{"rotd", "wood"}, "rotd: Ishiguro, Kazuo. The Remains of the Day. 1989.\n" +
			"wood: Wood, James. The Broken Estate. 1999."},
		// a numbered style keeps the numbers of the whole list
		{IEEE, []string{"wood", "rotd"}, "rotd: [2]K. Ishiguro, The Remains of the Day. 1989.\n" +
			"wood: [4]J. Wood, The Broken Estate. 1999."},
	} {
		p := NewCSL(tc.style.CSL(enUS(t)), refs)
		if got := plain(p.WorksCitedOf(tc.keys)); got != tc.want {
			t.Errorf("%s %v:\ngot\n%s\nwant\n%s\n(the whole list:\n%s)", tc.style, tc.keys, got, tc.want, plain(p.WorksCited()))
		}
	}
}
