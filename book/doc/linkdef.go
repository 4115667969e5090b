package doc

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkDefParser reads a link reference definition that stands on its own
// line ([label]: destination "title") as a block of its own.
//
// goldmark reads definitions out of the paragraph they form, and removes
// each from the paragraph's lines by copying the lines after it: 100,000
// definitions in a row took over a minute. Here each line is its own
// block, registered as goldmark registers it, and nothing is copied. Only
// the plainest form is taken (at the top level, on one line, no escapes,
// no angle brackets or parentheses in the destination, followed by a
// blank line, the end, or another such definition); anything else is left
// to goldmark's own reading, which means the same.
type linkDefParser struct{}

func (linkDefParser) Trigger() []byte { return []byte{'['} }

func (linkDefParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if parent.Kind() != ast.KindDocument || pc.BlockOffset() < 0 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	label, dest, title, ok := linkDef(line[pc.BlockOffset():])
	if !ok {
		return nil, parser.NoChildren
	}
	next := reader.Source()[seg.Stop:]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i+1]
	}
	if len(bytes.TrimSpace(next)) > 0 {
		if _, _, _, ok := linkDef(bytes.TrimLeft(next, " ")); !ok || len(next)-len(bytes.TrimLeft(next, " ")) > 3 {
			return nil, parser.NoChildren
		}
	}
	ref := ast.NewLinkReferenceDefinition(label, dest, title)
	ref.Lines().Append(seg)
	pc.AddReference(parser.NewReference(label, dest, title))
	reader.AdvanceToEOL()
	return ref, parser.NoChildren
}

func (linkDefParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (linkDefParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (linkDefParser) CanInterruptParagraph() bool { return false }
func (linkDefParser) CanAcceptIndentedLine() bool { return false }

// linkDef reads a one-line definition in its plainest form.
func linkDef(s []byte) (label, dest, title []byte, ok bool) {
	s = bytes.TrimRight(s, "\r\n")
	if len(s) < 4 || s[0] != '[' {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(s, ']')
	if end < 0 || end > labelLimit || end+1 >= len(s) || s[end+1] != ':' {
		return nil, nil, nil, false
	}
	label = s[1:end]
	if len(bytes.TrimSpace(label)) == 0 || label[0] == '^' || bytes.ContainsAny(label, "[\\") {
		return nil, nil, nil, false
	}
	rest := bytes.TrimLeft(s[end+2:], " \t")
	i := 0
	for i < len(rest) && rest[i] > ' ' && rest[i] != 0x7f {
		switch rest[i] {
		case '<', '>', '(', ')', '\\':
			return nil, nil, nil, false
		}
		i++
	}
	if i == 0 {
		return nil, nil, nil, false
	}
	dest, rest = rest[:i], rest[i:]
	if t := bytes.TrimLeft(rest, " \t"); len(t) > 0 {
		if len(t) == len(rest) || (t[0] != '"' && t[0] != '\'') {
			return nil, nil, nil, false
		}
		close := bytes.IndexByte(t[1:], t[0])
		if close < 0 || bytes.IndexByte(t[1:close+1], '\\') >= 0 || len(bytes.TrimRight(t[close+2:], " \t")) > 0 {
			return nil, nil, nil, false
		}
		title = t[1 : close+1]
	}
	return label, dest, title, true
}
