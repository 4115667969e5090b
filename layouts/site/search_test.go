package site

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
)

// The index, encoded an entry at a time, is the script json.Marshal of
// all the entries would make: the same escapes, one array, no line ending
// inside it.
func TestSearchIndexIsOneArray(t *testing.T) {
	for _, entries := range [][]entry{
		nil,
		{{Title: "One", Where: "Chapter 1", URL: "c1.html"}},
		{
			{Title: "<b> & \u2028", Where: "Chapter 1, \"Hailsham\"", URL: "c1.html#a", Text: "line\nbreak\ttab"},
			{Title: "Two", URL: "c2.html", Text: "é — ‘quoted’"},
			{Title: "Three"},
		},
	} {
		var x searchIndex
		x.add(entries[:len(entries)/2]...)
		x.add(entries[len(entries)/2:]...)
		data, err := json.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(x.script()), "window.companionSearch = "+string(data)+";\n"; got != want {
			t.Errorf("index of %d entries:\n got %q\nwant %q", len(entries), got, want)
		}
	}
}

// A page's words are its text with every tag, from a < to the next >, a
// space, as the regular expression <[^>]*> replaced them: a < that no >
// follows stays text, entities are read, spaces run together.
func TestPageTextDropsTags(t *testing.T) {
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, body := range []string{
		"",
		"plain words",
		"<p>One</p><p>two</p>",
		"<p class=\"x\">One <em>two</em>\n three</p>",
		"a<b",
		"a < b and c > d",
		"<<i>x</i>>",
		"x<br/>y",
		"<a href=\"#n\">1</a>&amp; &lt;tag&gt; &#8212; done",
		"<p>unclosed <em",
		"<div\nclass=\"multi\nline\">text</div>",
	} {
		want := strings.Join(strings.Fields(html.UnescapeString(tag.ReplaceAllString(body, " "))), " ")
		if got := pageText(body); got != want {
			t.Errorf("pageText(%q) = %q, want %q", body, got, want)
		}
	}
}

// TestWordsAsFields: words collapses spaces as strings.Fields and Join do
// over the pieces joined by spaces: Unicode spaces (a no-break space, a
// next line), runs at the pieces' edges, empty pieces, bytes that are not
// UTF-8.
func TestWordsAsFields(t *testing.T) {
	for _, pieces := range [][]string{
		nil,
		{""},
		{"  ", "\t\n"},
		{"one"},
		{"one two", "three"},
		{"  Kathy\u00a0H.\u0085remembers ", "", " Hailsham\t\n", "x"},
		{"caf\xe9 au", "lait\xff"},
		{"a\u2003b", "\u3000c"},
	} {
		var w words
		for _, p := range pieces {
			w.add(p)
		}
		want := strings.Join(strings.Fields(strings.Join(pieces, " ")), " ")
		if got := w.b.String(); got != want {
			t.Errorf("%q: %q, want %q", pieces, got, want)
		}
	}
}
