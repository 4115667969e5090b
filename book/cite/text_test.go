package cite

import (
	"strings"
	"testing"
)

func TestTextForms(t *testing.T) {
	txt := Text{{Text: "Ishiguro, Kazuo. ", Look: Look{}}, {Text: "Never Let Me Go", Look: Look{Italic: true}}, {Text: ". Faber & Faber, 2005. <a_b*c>", Look: Look{}}}
	if got, want := txt.Plain(), "Ishiguro, Kazuo. Never Let Me Go. Faber & Faber, 2005. <a_b*c>"; got != want {
		t.Errorf("Plain: %q", got)
	}
	if got, want := txt.Markdown(), `Ishiguro, Kazuo. *Never Let Me Go*. Faber & Faber, 2005. \<a_b\*c>`; got != want {
		t.Errorf("Markdown: %q, want %q", got, want)
	}
	if got, want := txt.HTML(), "Ishiguro, Kazuo. <i>Never Let Me Go</i>. Faber &amp; Faber, 2005. &lt;a_b*c&gt;"; got != want {
		t.Errorf("HTML: %q, want %q", got, want)
	}
	// spaces stay outside the asterisks; adjacent runs merge
	edge := Text{{Text: "In ", Look: Look{}}, {Text: "Conversations ", Look: Look{Italic: true}}, {Text: "with", Look: Look{Italic: true}}, {Text: " Ishiguro", Look: Look{}}}
	if got, want := edge.Markdown(), "In *Conversations with* Ishiguro"; got != want {
		t.Errorf("Markdown: %q, want %q", got, want)
	}
	edge = Text{{Text: "A ", Look: Look{}}, {Text: "Title ", Look: Look{Italic: true}}, {Text: "x", Look: Look{}}}
	if got, want := edge.Markdown(), "A *Title* x"; got != want {
		t.Errorf("Markdown: %q, want %q", got, want)
	}
}

// TestMarkdownEscapes: only what Markdown would read as markup is escaped,
// so that a works cited pasted into a syllabus reads as it printed.
func TestMarkdownEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"Romanek, Mark, director. [Interview].": "Romanek, Mark, director. [Interview].",
		"[1] M. Shelley":                        "[1] M. Shelley",
		"See [this](that) and [a][b], [c]: d":   `See \[this](that) and \[a][b], \[c]: d`,
		"snake_case and _emphasis_":             `snake_case and \_emphasis\_`,
		"a*b `code`":                            "a\\*b \\`code\\`",
		"1 < 2, <b>bold</b>, <http://x.org>":    `1 < 2, \<b>bold\</b>, \<http://x.org>`,
		"Faber & Faber &amp; &#38;":             `Faber & Faber \&amp; \&#38;`,
		`C:\dir \* x`:                           `C:\dir \\\* x`,
		"# 1 Hashtag":                           `\# 1 Hashtag`,
		"- dash":                                `\- dash`,
	} {
		if got := (Text{{Text: in}}).Markdown(); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownListStart(t *testing.T) {
	if got := (Text{{Text: "1984. Directed by Michael Radford.", Look: Look{}}}).Markdown(); got != `1984\. Directed by Michael Radford.` {
		t.Error(got)
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{"mla": MLA, "MLA": MLA, "apa": APA, "chicago": Chicago,
		"chicago-author-date": Chicago, "modern-language-association": MLA, " Harvard ": Harvard,
		"chicago-notes": ChicagoNotes, "elsevier-vancouver": Vancouver, "ama": AMA} {
		if got, ok := ParseStyle(in); !ok || got != want {
			t.Errorf("ParseStyle(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"nature", "mla.csl", ""} {
		if _, ok := ParseStyle(in); ok {
			t.Errorf("ParseStyle(%q) ok", in)
		}
	}
}

func TestCiteForms(t *testing.T) {
	refs := loadRefs(t, "refs.json")
	tests := []struct {
		style Style
		items []Item
		want  string
	}{
		// the forms the brief names
		{MLA, []Item{{Key: "kafka1998", Label: "chapter", Locator: "7"}}, "(Kafka, ch. 7)"},
		{APA, []Item{{Key: "kafka1998", Label: "chapter", Locator: "7"}}, "(Kafka, 1998, Chapter 7)"},
		{Chicago, []Item{{Key: "kafka1998", Label: "chapter", Locator: "7"}}, "(Kafka 1998, chap. 7)"},
		// prefix and suffix
		{MLA, []Item{{Key: "kafka1998", Locator: "12", Prefix: "see", Suffix: ", emphasis added"}}, "(see Kafka 12, emphasis added)"},
		// unknown key shows in the draft
		{MLA, []Item{{Key: "nobody"}}, "(???nobody???)"},
	}
	for _, tt := range tests {
		p := New(tt.style, refs)
		if got := p.Cite(tt.items).underscored(); got != tt.want {
			t.Errorf("%s %+v: got %q, want %q", tt.style, tt.items, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	if got := PlainText(`Reading <i>Never Let Me Go</i> as <span class="nocase">iPastoral</span>`); got != "Reading Never Let Me Go as iPastoral" {
		t.Error(got)
	}
}

func TestHTMLLooks(t *testing.T) {
	txt := Text{{Text: "A", Look: Look{Bold: true}}, {Text: "b", Look: Look{SmallCaps: true}}, {Text: "2", Look: Look{Superscript: true}},
		{Text: "x", Look: Look{Subscript: true, Italic: true}}, {Text: "u", Look: Look{Underline: true}}, {Text: " & c", Look: Look{}}}
	want := `<b>A</b><span style="font-variant:small-caps;">b</span><sup>2</sup><sub><i>x</i></sub>` +
		`<span style="text-decoration:underline;">u</span> &amp; c`
	if got := txt.HTML(); got != want {
		t.Errorf("HTML:\n got %s\nwant %s", got, want)
	}
	if got := txt.CiteprocHTML(); got != strings.ReplaceAll(want, "&amp;", "&#38;") {
		t.Errorf("CiteprocHTML: %s", got)
	}
}

// Every look comes out in pandoc's Markdown, marks inside the spaces.
func TestMarkdownLooks(t *testing.T) {
	for _, tc := range []struct {
		txt  Text
		want string
	}{
		{Text{{Text: "[1] "}, {Text: "K. Ishiguro", Look: Look{Bold: true}}, {Text: ", "}, {Text: "Klara ", Look: Look{Italic: true, Bold: true}}},
			"[1] **K. Ishiguro**, ***Klara*** "},
		{Text{{Text: "Ishiguro", Look: Look{SmallCaps: true}}, {Text: " 2005"}}, "[Ishiguro]{.smallcaps} 2005"},
		{Text{{Text: "read "}, {Text: "this", Look: Look{Underline: true}}}, "read [this]{.underline}"},
		{Text{{Text: "Novel"}, {Text: "1, 2", Look: Look{Superscript: true}}}, `Novel^1,\ 2^`},
		{Text{{Text: "H"}, {Text: "2", Look: Look{Subscript: true}}, {Text: "O"}}, "H~2~O"},
		{Text{{Text: "x^2^ and ~y~, ~1900, 2^10, ~~gone~~"}}, `x\^2\^ and \~y\~, ~1900, 2^10, \~\~gone\~\~`},
	} {
		if got := tc.txt.Markdown(); got != tc.want {
			t.Errorf("Markdown(%v) = %q, want %q", tc.txt, got, tc.want)
		}
	}
}
