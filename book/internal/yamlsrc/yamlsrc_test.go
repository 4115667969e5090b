package yamlsrc

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Each mistake is found at its own line and column, with its hint; the
// comments say where yaml itself puts it.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // "line:col: message | hint"
	}{
		{"colon in a value on the first line", // yaml: no line
			"title: Never: Let Me Go\nwork: x\n",
			[]string{`1:13: the value of "title" holds a colon followed by a space, which YAML reads as the start of another key | quote the value: title: "Never: Let Me Go"`}},
		{"curly quotes around a value with a colon", // yaml: no line
			"text: “You’ve been told: and not told.”\n",
			[]string{`1:24: the value of "text" holds a colon followed by a space, which YAML reads as the start of another key | curly quotes “ ” from a word processor are not quotes to YAML; quote the value: text: "You’ve been told: and not told."`}},
		{"a value with double quotes and a colon",
			"a: x\ntitle: The \"real\" thing: no\n",
			[]string{`2:24: the value of "title" holds a colon followed by a space, which YAML reads as the start of another key | quote the value: title: 'The "real" thing: no'`}},
		{"tab in the indentation", // yaml: line 3
			"title: A\nauthors:\n  - a\n\t- b\nwork: x\n",
			[]string{`4:1: this line is indented with a tab | YAML indents with spaces; replace the tab with spaces`}},
		{"tab after spaces", // yaml: line 1
			"a:\n  b: 1\n  \tc: 2\n",
			[]string{`3:3: this line is indented with a tab | YAML indents with spaces; replace the tab with spaces`}},
		{"indent between two levels", // yaml: line 2
			"title: A\nwork-parts:\n  - id: a\n    title: b\n   chapters: 1\n  - id: c\n",
			[]string{`5:4: this line is indented by 3 spaces, which lines it up with no line above it | the lines around it are indented by 2 or 4 spaces; YAML reads the structure from the indentation, so line it up with the ones it belongs with`}},
		{"indent far below where yaml stops", // yaml: line 2
			"title: A\nquestions:\n  - id: q1\n    prompt: P\n    type: analytical\n    bloom: analyze\n    phase: during\n    lines: 4\n    standards: [a:b]\n    quotes: [x]\n    guidance: G\n  - id: q2\n    prompt: P\n    type: analytical\n   bloom: analyze\n",
			[]string{`15:4: this line is indented by 3 spaces, which lines it up with no line above it | the lines around it are indented by 2 or 4 spaces; YAML reads the structure from the indentation, so line it up with the ones it belongs with`}},
		{"key indented under a top-level value", // yaml: line 1
			"title: One\n  covers: [a]\n",
			[]string{`2:3: this line is indented more than the line above it, so YAML reads it as more of the value on line 1 | indent it like the key it follows (no spaces); if the value holds ": ", quote it`}},
		{"double quotes inside double quotes", // yaml: no line
			"prompt: \"What does \"told\" mean?\"\n",
			[]string{`1:21: the quoted value ends with the " before this, and more text follows it | inside "…" write \" for a quotation mark, or put the whole value in single quotes`}},
		{"key indented under a plain value", // yaml: line 3
			"a:\n  b: 1\n   c: 2\n",
			[]string{`3:4: this line is indented more than the line above it, so YAML reads it as more of the value on line 2 | indent it like the key it follows (2 spaces); if the value holds ": ", quote it`}},
		{"missing colon on the first line", // yaml: line 2
			"title Never Let Me Go\nwork: x\n",
			[]string{"1:1: the line \"title Never Let Me Go\" has no colon, so it is not a key and a value | write `title: Never Let Me Go`, with a colon after the key"}},
		{"missing colon among keys", // yaml: line 5
			"title: A\nx:\n  - id: q\n    prompt: What\n    type\n    bloom: b\n",
			[]string{"5:5: the line \"type\" has no colon, so it is not a key and a value | write each line as `key: value`, with a colon after the key"}},
		{"no space after a colon",
			"title: A\nwork:ishiguro2005\n",
			[]string{"2:6: the colon after \"work\" needs a space after it | write `work: ishiguro2005`"}},
		{"block scalar line indented too little", // yaml: line 1
			"questions:\n  - id: q\n    prompt: |\n      Line one\n      line: two\n     bad\n    type: x\n",
			[]string{"6:6: this line of the block is indented by 5 spaces, less than the block's first line (6) | indent every line of a | or > block at least as far as its first line (line 4), or the block ends before it"}},
		{"tab in a block scalar",
			"guidance: |\n  one\n\ttwo\n",
			[]string{"3:1: this line of the block is indented with a tab | YAML indents with spaces; indent it with 2 spaces, like the block's first line (line 2)"}},
		{"unknown alias", // yaml: no line
			"a: &x 1\nb: *y\n",
			[]string{"2:4: *y refers to an anchor &y that is not defined | YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value: b: \"*y\""}},
		{"Markdown emphasis read as an alias",
			"title: A\nwork: x\nsubtitle: *Never Let Me Go* again\n",
			[]string{"3:11: *Never refers to an anchor &Never that is not defined | YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value: subtitle: \"*Never Let Me Go* again\""}},
		{"unknown alias in a flow list", // yaml: no line
			"title: A\nstandards: [ccss-ela:RL.1,\n  *rl2]\n",
			[]string{"3:3: *rl2 refers to an anchor &rl2 that is not defined | YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value"}},
		{"quote never closed", // yaml: line 3
			"quotes:\n  - id: a\n    text: \"unterminated\n",
			[]string{`3:11: this quoted value is never closed | end it with a matching "`}},
		{"apostrophe in single quotes", // yaml: no line
			"a: 'it's'\n",
			[]string{`1:8: the quoted value ends with the ' before this, and more text follows it | inside '…' write '' for an apostrophe (it''s), or put the whole value in double quotes`}},
		{"list never closed", // yaml: line 1
			"a: [1, 2\nb: 3\n",
			[]string{"1:4: this [ is never closed | end it with ]"}},
		{"cite starting with @", // yaml: no line
			"id: a\ncite: @ishiguro2005, ch. 7\n",
			[]string{`2:7: a value cannot start with @ | quote the value: cite: "@ishiguro2005, ch. 7"`}},
		{"list item among keys", // yaml: line 1
			"a: b\n- c\n",
			[]string{"2:1: this line is a list item among the keys of a mapping | a list goes under a key: end the line above with `key:`, or remove the -"}},
		{"key among list items", // yaml: line 1
			"- a\nb: 1\n",
			[]string{"2:1: this line is not a list item, but the lines around it are | start it with `- ` for a new item, or indent it under the item it belongs to (line 1)"}},
		{"two mistakes on their own lines",
			"title: A: B\nwork: x\n\tsubtitle: C\n",
			[]string{
				`1:9: the value of "title" holds a colon followed by a space, which YAML reads as the start of another key | quote the value: title: "A: B"`,
				`3:1: this line is indented with a tab | YAML indents with spaces; replace the tab with spaces`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, errs := Parse([]byte(tc.src), 1)
			if root != nil {
				t.Fatalf("parsed: %v", root)
			}
			var got []string
			for _, e := range errs {
				got = append(got, fmt.Sprintf("%d:%d: %s | %s", e.Line, e.Col, e.Message, e.Hint))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// Valid YAML of every shape the scan models gives no error at all: the scan
// runs only on what yaml refuses, but it must not see mistakes where there
// are none, or it would misplace yaml's error.
func TestScanFindsNothingInValidYAML(t *testing.T) {
	for _, src := range []string{
		"title: A\nauthors:\n  - name: B\n    role: editor\n  - C\nwork-parts:\n- {id: a, title: b}\n- id: c\n  chapters: 1-3\n",
		"prompt: |\n  Line one: two\n\n    indented # not a comment\n  back\nguidance: >-\n  folded\ntype: x\n",
		"title: A long title\n  that goes on\n  - and on\nwork: x # a comment\n",
		"text: \"a quote\n  on two lines\"\nspeaker: 'it''s'\nlist: [a,\n  b]\n",
		"a: &x 1\nb: *x\n--- \nc: d\n",
		"- - a\n  - b\n- c: d\n  e: f\n",
		"\"quoted key\": 1\nurl: https://example.org\ntime: 10:30\n",
		"? complex\n: value\n",
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatalf("%q is not valid YAML: %v", src, err)
		}
		if errs := scan(splitLines([]byte(src)), 1); len(errs) > 0 {
			t.Errorf("%q: scan found %v", src, errs)
		}
	}
}

func TestParseValid(t *testing.T) {
	root, errs := Parse([]byte("title: A\n"), 1)
	if errs != nil || root == nil || root.Kind != yaml.MappingNode {
		t.Fatalf("Parse = %v, %v", root, errs)
	}
	if root, errs := Parse([]byte("# only a comment\n"), 1); root != nil || errs != nil {
		t.Errorf("empty document: %v, %v", root, errs)
	}
}

// The indentation of a block is that of its first line with text, on any
// line of the file, whatever the line endings.
func TestBlockIndent(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"prompt: |\n  Why does Kathy\n    keep the tape?\n", 2},
		{"a: 1\nquestions:\n  - prompt: >\n\n      Why?\n", 6},
		{"prompt: |\r\n   Why?\r\nb: 2\r\n", 3},
		{"prompt: |\n \n  Why?\n", 2},
		{"prompt: |\n", 0},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
			t.Fatal(err)
		}
		if got := BlockIndent([]byte(tc.src), firstBlock(&doc)); got != tc.want {
			t.Errorf("%q: BlockIndent = %d, want %d", tc.src, got, tc.want)
		}
	}
}

// firstBlock is the first | or > value under n.
func firstBlock(n *yaml.Node) *yaml.Node {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n
	}
	for _, c := range n.Content {
		if b := firstBlock(c); b != nil {
			return b
		}
	}
	return nil
}

func TestCommentAfter(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		setOff    bool
	}{
		{"prompt: What does Kathy mean by # the word\n", 1, 33, false},
		{"a: 1\ntitle: “Never”   # Let Me Go\n", 2, 18, true},
		{"title: one\n  two # three\n", 2, 7, false},
		{"title: one\t# three\n", 1, 12, true},
		{"title: \"quoted\" # a real comment\n", 0, 0, false},
		{"title: plain\n", 0, 0, false},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
			t.Fatal(err)
		}
		v := doc.Content[0].Content[len(doc.Content[0].Content)-1]
		line, col, setOff, ok := commentAfter([]byte(tc.src), v)
		if line != tc.line || col != tc.col || setOff != tc.setOff || ok != (tc.line > 0) {
			t.Errorf("%q: commentAfter = %d:%d %v %v; want %d:%d %v", tc.src, line, col, setOff, ok, tc.line, tc.col, tc.setOff)
		}
	}
}

func TestQuoted(t *testing.T) {
	for in, want := range map[string]string{
		`Never: Let`:    `"Never: Let"`,
		`a "b": c`:      `'a "b": c'`,
		`a "b": c's`:    `"a \"b\": c's"`,
		`back\slash: x`: `'back\slash: x'`,
	} {
		if got := quoted(in); got != want {
			t.Errorf("quoted(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`“Never: Let”`: `"Never: Let"`,
		`‘it’s’`:       `"it’s"`,
		`“half`:        `"“half"`,
	} {
		if got := Requoted(in); got != want {
			t.Errorf("Requoted(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzParse: whatever the text, Parse does not panic, and every error is
// at a line and column of the text, with a message and a hint.
func FuzzParse(f *testing.F) {
	f.Add("title: Never: Let Me Go\n")
	f.Add("a:\n  - b: |\n      x\n     y\n\t- c\n")
	f.Add("a: [1, \"2\n'x'y: *z\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, errs := Parse([]byte(src), 3)
		lines := len(splitLines([]byte(src)))
		for _, e := range errs {
			if e.Line < 3 || e.Line > lines+2 || e.Col < 1 || e.Message == "" || e.Hint == "" {
				t.Errorf("%q: error %+v is not at a place of the text", src, e)
			}
		}
	})
}
