package cite

import (
	"strings"
	"testing"
)

func enUS(t *testing.T) *Locale {
	t.Helper()
	loc, ok := BuiltinLocale("en-US")
	if !ok {
		t.Fatal("no built-in en-US locale")
	}
	return loc
}

func TestReadCSLErrors(t *testing.T) {
	loc := enUS(t)
	for _, tc := range []struct{ name, src, want string }{
		{"not XML", "<style>\n<citation>\n</style>", "my.csl:3:1: error: cannot read the style: not well-formed XML: element <citation> closed by </style>"},
		{"not a style", "<locale/>", "my.csl:1:1: error: cannot read the style: the root element is <locale>, not <style>"},
		{"no citation", `<style version="1.0"><bibliography><layout/></bibliography></style>`, "my.csl:1:1: error: cannot read the style: the style has no <citation>"},
		{"CSL 0.8", `<style version="0.8"><citation><layout/></citation></style>`, `my.csl:1:1: error: cannot read the style: the style is CSL "0.8", and companion reads CSL 1.0`},
		{"no version", `<style><citation><layout/></citation></style>`, `my.csl:1:1: error: cannot read the style: the style gives no CSL version (version="1.0" on <style>)`},
		{"dependent without its parent", "<style version=\"1.0\">\n<info><link rel=\"independent-parent\" href=\"http://www.zotero.org/styles/nature\"/></info></style>",
			"my.csl:2:7: error: the style depends on http://www.zotero.org/styles/nature, which is not given"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := ReadCSL("my.csl", []byte(tc.src), loc)
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			if got := strings.SplitN(diags[0].String(), "\n", 2)[0]; got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if _, diags := ReadLocale("locales-xx.xml", []byte("<style/>")); !diags.HasErrors() {
		t.Error("a style read as a locale: no error")
	}
}

// A style may have no works cited (<bibliography>): the processor formats
// its citations and an empty works cited.
func TestStyleWithoutBibliography(t *testing.T) {
	style, diags := ReadCSL("cites-only.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><sort><key variable="title"/></sort><layout><text variable="title"/></layout></citation>
</style>`), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	refs := []*Reference{{ID: "a", Type: "book", Title: "Alpha"}, {ID: "b", Type: "book", Title: "Beta"}}
	p := NewCSL(style, refs)
	if got := p.Cite([]Item{{Key: "b"}, {Key: "a"}}).Plain(); got != "AlphaBeta" {
		t.Errorf("cite: got %q", got)
	}
	if got := p.WorksCited(); got != nil {
		t.Errorf("works cited: got %v, want none", got)
	}
}

const positionStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" >
  <citation near-note-distance="2"><layout delimiter="; ">
    <choose>
      <if position="ibid-with-locator"><text value="ibid-loc"/></if>
      <else-if position="ibid"><text value="ibid"/></else-if>
      <else-if position="near-note"><text value="near"/></else-if>
      <else-if position="subsequent"><text value="subsequent"/></else-if>
      <else><text value="first"/></else>
    </choose>
    <text variable="locator" prefix=" "/>
  </layout></citation>
</style>`

func TestCitationsPositions(t *testing.T) {
	style, diags := ReadCSL("positions.csl", []byte(positionStyle), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := NewCSL(style, []*Reference{{ID: "a", Type: "book", Title: "A"}, {ID: "b", Type: "book", Title: "B"}})
	cs := []Citation{
		{Note: 1, Items: []Item{{Key: "a"}}},
		{Note: 2, Items: []Item{{Key: "a"}}},                           // same work, no locators
		{Note: 3, Items: []Item{{Key: "a", Locator: "5"}}},             // a new locator
		{Note: 4, Items: []Item{{Key: "a", Locator: "5"}}},             // the same locator
		{Note: 5, Items: []Item{{Key: "a"}}},                           // the whole after a part
		{Note: 6, Items: []Item{{Key: "b"}, {Key: "b", Locator: "2"}}}, // within one citation
		{Note: 7, Items: []Item{{Key: "a"}, {Key: "b"}}},               // a: 2 notes on; b: 1
		{Note: 8, Items: []Item{{Key: "b"}}},                           // the citation before cites two works
		{Note: 20, Items: []Item{{Key: "a"}}},                          // far
	}
	want := []string{"first", "ibid", "ibid-loc 5", "ibid 5", "near", "first; ibid-loc 2", "near; near", "near", "subsequent"}
	for i, got := range p.Citations(cs) {
		if got.Plain() != want[i] {
			t.Errorf("citation %d: got %q, want %q", i+1, got.Plain(), want[i])
		}
	}
	// Positions, each formatted with Cite, reads as Citations
	for i, items := range p.Positions(cs) {
		if got := p.Cite(items).Plain(); got != want[i] {
			t.Errorf("Positions: citation %d: got %q, want %q", i+1, got, want[i])
		}
	}
}

// Every mistake in a style is reported at once, at its line and column,
// with the attribute or element meant when it looks like a typo.
func TestReadCSLWarnings(t *testing.T) {
	src := `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">
  <info><title>Typos</title><author><name>A. Person</name></author></info>
  <citation et-al-min="three">
    <layout delimeter="; ">
      <txt variable="title"/>
      <text macro="author"/>
      <group><text variable="title" font-style="italic" quotes="yes"/></group>
    </layout>
  </citation>
</style>`
	_, diags := ReadCSL("typos.csl", []byte(src), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"typos.csl:3:3: warning: et-al-min=\"three\": the value is a whole number; it is ignored",
		"typos.csl:4:5: warning: <layout> has no attribute delimeter; it is ignored\n\tdid you mean delimiter?",
		"typos.csl:5:7: warning: CSL has no element <txt>; it is ignored\n\tdid you mean <text>?",
		"typos.csl:6:7: warning: there is no macro \"author\"; it is ignored",
		"typos.csl:7:14: warning: quotes=\"yes\": the value is true or false; it is ignored",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The built-in styles and locales are valid CSL: reading them reports
// nothing.
func TestBuiltinStylesClean(t *testing.T) {
	for _, s := range Styles {
		f := s.File()
		for _, l := range Locales {
			loc, ok := BuiltinLocale(l)
			if !ok {
				t.Fatalf("no built-in locale %s", l)
			}
			if _, diags := f.compile(nil, loc); len(diags) > 0 {
				t.Errorf("%s in %s:\n%v", s, l, diags)
			}
		}
	}
	for _, l := range Locales {
		data, err := builtinFS.ReadFile("styles/locales-" + l + ".xml")
		if err != nil {
			t.Fatal(err)
		}
		if _, diags := ReadLocale("locales-"+l+".xml", data); len(diags) > 0 {
			t.Errorf("%s locale:\n%v", l, diags)
		}
	}
}

// A cite whose author is left out for collapsing keeps the writer's
// suffix: "(Doe 2001, 2005 emphasis added)".
func TestCollapsedCiteKeepsSuffix(t *testing.T) {
	style, diags := ReadCSL("collapse.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation collapse="year"><layout prefix="(" suffix=")" delimiter="; ">
    <group delimiter=" "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group>
  </layout></citation>
</style>`), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	doe := []Name{{Family: "Doe", Given: "Jane"}}
	p := NewCSL(style, []*Reference{
		{ID: "a", Type: "book", Author: doe, Issued: Date{Year: 2001}},
		{ID: "b", Type: "book", Author: doe, Issued: Date{Year: 2005}},
	})
	if got, want := p.Cite([]Item{{Key: "a"}, {Key: "b", Suffix: "emphasis added"}}).Plain(), "(Doe 2001, 2005 emphasis added)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLocatorPlural: a label is plural for a list or a range of numbers,
// not for a hyphenated word (the suite's number_PlainHyphenOrEnDashAlwaysPlural).
func TestLocatorPlural(t *testing.T) {
	for s, want := range map[string]bool{"1-2": true, "i–ix": true, "3, 5": true, "4 & 6": true,
		"12": false, "Michaelson-Morely": false, `3\-B`: false} {
		if got := isPlural(s); got != want {
			t.Errorf("isPlural(%q) = %v, want %v", s, got, want)
		}
	}
}

// An entry whose style displays parts apart comes in its blocks, and its
// Text is the whole entry, for a layout that sets no blocks; a part left
// empty (the author under subsequent-author-substitute="") is no block.
func TestEntryBlocks(t *testing.T) {
	style, diags := ReadCSL("blocks.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute=""><sort><key variable="title"/></sort><layout suffix=".">
    <group display="block"><names variable="author"><name/></names></group>
    <text variable="title" display="indent"/>
  </layout></bibliography>
</style>`), enUS(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	doe := []Name{{Family: "Doe", Given: "Jane"}}
	refs := []*Reference{{ID: "a", Type: "book", Title: "Alpha", Author: doe}, {ID: "b", Type: "book", Title: "Beta", Author: doe}}
	var got []string
	for _, e := range NewCSL(style, refs).WorksCited() {
		s := e.Text.Plain() + " ="
		for _, b := range e.Blocks {
			s += " " + b.Display + ":" + b.Text.Plain()
		}
		got = append(got, s)
	}
	want := []string{"Jane DoeAlpha. = block:Jane Doe indent:Alpha.", "Beta. = indent:Beta."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A style's title, which colophons credit, comes from its cs:info, in a
// built-in style (read only as far as its cs:info) as in a project's, with
// the line breaks and indents of the XML run together.
func TestStyleTitle(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(t *testing.T) *StyleFile
		want string
	}{
		{"built-in MLA", func(*testing.T) *StyleFile { return MLA.File() }, "MLA Handbook 9th edition (in-text citations)"},
		{"built-in APA", func(*testing.T) *StyleFile { return APA.File() }, "APA Style 7th edition"},
		{"project", func(t *testing.T) *StyleFile {
			f, diags := ReadStyle("school.csl", []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Hailsham School
      house style</title><title-short>HSS</title-short><id>x</id></info>
  <citation><layout><text variable="title"/></layout></citation>
</style>`))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			return f
		}, "Hailsham School house style"},
		{"untitled", func(t *testing.T) *StyleFile {
			f, diags := ReadStyle("bare.csl", []byte(`<style version="1.0"><citation><layout/></citation></style>`))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			return f
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f(t).Title(); got != tc.want {
				t.Errorf("Title() = %q, want %q", got, tc.want)
			}
		})
	}
}
