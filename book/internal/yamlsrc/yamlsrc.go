// Package yamlsrc reads the YAML that people write by hand (companion.yaml,
// front matter, references.yaml, curricula) and words what goes wrong in it
// once, for every file that holds YAML.
//
// go.yaml.in/yaml/v3 builds the node tree, with the line and column of every
// node. Its syntax errors, though, carry a line only, often the line of the
// enclosing block rather than the mistake, and none at all on the first line.
// So when a document does not parse, Parse scans its lines for the mistakes
// people make (a tab in the indentation, a colon in a value, a line without
// a colon, an indent that lines up with nothing, a quote never closed, an
// alias that is Markdown emphasis) and reports each at its own line and
// column, with what to do.
package yamlsrc

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/diag"
)

// Error is a syntax error at its place in the file: Line counts from the
// firstLine given to Parse, Col from 1, in characters.
type Error struct {
	Line, Col int
	Message   string // a sentence: what is wrong
	Hint      string // what to do

	unclosed bool // a quote or bracket still open at the end, which yaml reports there
}

// Parse parses one YAML document and returns its root node, nil for an
// empty document. A document that does not parse gives its mistakes instead,
// at least one. firstLine is the line of the file that data starts on (2
// for front matter, after its ---); the nodes' lines count from 1 in data.
func Parse(data []byte, firstLine int) (*yaml.Node, []Error) {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	if err == nil {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		return doc.Content[0], nil
	}
	return nil, locate(data, firstLine, err)
}

var (
	yamlLineRE      = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	unknownAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// locate turns the error yaml reported into errors at their place: the
// mistakes the line scan finds from where yaml stopped on, or else yaml's
// own message at its line.
func locate(data []byte, firstLine int, err error) []Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	lines := splitLines(data)
	var out []Error
	// yaml reads everything before the place it names without complaint
	// (but names the line after a key that lacks its colon, and the end
	// for a quote never closed); a finding further up is no mistake of
	// this document's.
	for _, f := range scan(lines, firstLine) {
		if line == 0 || f.unclosed || f.Line-firstLine+1 >= line-1 {
			out = append(out, f)
		}
	}
	if len(out) > 0 {
		return out
	}
	line = min(max(line, 1), len(lines))
	col := indentOf(lines[line-1]) + 1
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		// in a flow collection, where the scan does not look: yaml gives
		// no line, but the alias is there to find
		if l, c, ok := findAlias(lines, m[1]); ok {
			line, col = l, c
		}
		return []Error{{Line: line + firstLine - 1, Col: col,
			Message: fmt.Sprintf("*%s refers to an anchor &%s that is not defined", m[1], m[1]),
			Hint:    "YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value"}}
	}
	return []Error{{Line: line + firstLine - 1, Col: col, Message: "YAML syntax error: " + msg,
		Hint: `check the indentation and quoting near this line; a value containing ": " or " #" needs quotes`}}
}

// findAlias finds the first *name that stands as an alias: after a space,
// [, { or a comma, and before the end, a space, a comma, ] or }.
func findAlias(lines [][]rune, name string) (line, col int, ok bool) {
	alias := []rune("*" + name)
	for i, r := range lines {
		for j := 0; j+len(alias) <= len(r); j++ {
			if !slices.Equal(r[j:j+len(alias)], alias) || j > 0 && !strings.ContainsRune(" [{,", r[j-1]) {
				continue
			}
			if end := j + len(alias); end == len(r) || strings.ContainsRune(" ,]}", r[end]) {
				return i + 1, j + 1, true
			}
		}
	}
	return 0, 0, false
}

func splitLines(data []byte) [][]rune {
	s := strings.TrimSuffix(string(data), "\n")
	var out [][]rune
	for _, l := range strings.Split(s, "\n") {
		out = append(out, []rune(strings.TrimSuffix(l, "\r")))
	}
	return out
}

// indentOf is the number of spaces and tabs a line starts with.
func indentOf(r []rune) int {
	i := 0
	for i < len(r) && (r[i] == ' ' || r[i] == '\t') {
		i++
	}
	return i
}

// Describe names what a node holds, for messages such as "title must be
// text, not a list".
func Describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "an empty value"
		}
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

// quoted is value written so that YAML reads it as text whatever it holds:
// in double quotes, or single ones if it has double quotes of its own.
func quoted(value string) string {
	switch {
	case !strings.ContainsAny(value, `"\`):
		return `"` + value + `"`
	case !strings.Contains(value, "'"):
		return "'" + value + "'"
	}
	return strconv.Quote(value)
}

// Requoted is value as quoted writes it, once any curly quotes around it
// are taken off: what to write for a value pasted from a word processor.
func Requoted(value string) string {
	if CurlyQuoted(value) {
		r := []rune(strings.TrimSpace(value))
		value = string(r[1 : len(r)-1])
	}
	return quoted(value)
}

// curlyQuotes are the quotation marks word processors type; YAML reads
// them as ordinary letters.
const curlyQuotes = "“”‘’„«»"

// CurlyQuoted reports whether a value is written between curly quotes,
// which YAML keeps as part of the text instead of reading them as quotes.
func CurlyQuoted(value string) bool {
	r := []rune(strings.TrimSpace(value))
	return len(r) >= 2 && strings.ContainsRune(curlyQuotes, r[0]) && strings.ContainsRune(curlyQuotes, r[len(r)-1])
}

// commentAfter finds the # comment that ends a plain (unquoted) value on
// its line: YAML drops it from the value. Line and column are in data, as
// n's are. setOff says whether the comment stands apart, after two spaces
// or a tab (as yamllint wants inline comments), rather than one space, as
// in a sentence.
func commentAfter(data []byte, n *yaml.Node) (line, col int, setOff, ok bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Style != 0 || n.LineComment == "" || n.Line < 1 {
		return 0, 0, false, false
	}
	lines := splitLines(data)
	// a plain value cannot hold " #", so the first one after its start,
	// on its first line or a line it continues on, opens the comment
	for i, start := n.Line-1, n.Column-1; i < len(lines); i, start = i+1, 0 {
		r := lines[i]
		for j := max(start, 1); j < len(r); j++ {
			if r[j] == '#' && (r[j-1] == ' ' || r[j-1] == '\t') {
				setOff = r[j-1] == '\t' || j >= 2 && (r[j-2] == ' ' || r[j-2] == '\t')
				return i + 1, j + 1, setOff, true
			}
		}
	}
	return 0, 0, false, false
}

// CommentInValue words the # comment that ends a plain free-text value (a
// title, a prompt), if it has one and it is not set off as a comment: YAML
// drops "# …" from `prompt: What does Kathy mean by # …`, and the reader
// gets "What does Kathy mean by". Line and column are in data, as n's are.
func CommentInValue(data []byte, n *yaml.Node) (line, col int, message, hint string, ok bool) {
	line, col, setOff, ok := commentAfter(data, n)
	if !ok || setOff {
		return 0, 0, "", "", false
	}
	whole := n.Value + " " + n.LineComment
	hint = "if it belongs to the value, quote the value: " + quoted(whole) + "; if it is a comment, put two spaces before the #"
	if CurlyQuoted(whole) {
		hint = "curly quotes “ ” from a word processor are not quotes to YAML; if the # belongs to the value, quote it with straight ones: " + Requoted(whole)
	}
	return line, col, "YAML reads this # and the rest of the line as a comment, not as part of the value", hint, true
}

// BlockIndent is the indentation of a | or > block's text: the spaces
// before its first line that is not blank, which YAML takes off every line.
// It reads data in place: a front matter has a block per prompt and
// answer, and splitting the whole file into lines for each was a sixth of
// a check.
func BlockIndent(data []byte, n *yaml.Node) int {
	rest := data
	for range n.Line { // n.Line counts from 1: the text starts on the line after the indicator
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return 0
		}
		rest = rest[i+1:]
	}
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		spaces := 0
		for spaces < len(line) && line[spaces] == ' ' {
			spaces++
		}
		if spaces < len(line) {
			return spaces
		}
	}
	return 0
}

// UnknownKey words a key that a mapping in (such as "the front matter")
// does not know, with a hint naming the known key it is nearest, or all of
// them if there are few. near says whether a key was near: a word that is
// no typo of a known key may deserve only a warning.
func UnknownKey(key, in string, known []string) (message, hint string, near bool) {
	message = fmt.Sprintf("unknown key %q in %s", key, in)
	if k, ok := diag.Near(key, known); ok {
		return message, fmt.Sprintf("did you mean %q?", k), true
	}
	if len(known) <= 20 {
		hint = fmt.Sprintf("the keys of %s are: %s", in, strings.Join(known, ", "))
	}
	return message, hint, false
}

// DuplicateKey words a key given twice in one mapping; first is the line
// of the first.
func DuplicateKey(key, in string, first int) (message, hint string) {
	return fmt.Sprintf("%s has the key %q twice", in, key), fmt.Sprintf("the first is on line %d; remove one of them", first)
}
