package book

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
)

// Markdown is one piece of parsed Markdown: a chapter body, a question's
// prompt or its guidance. Layouts walk Doc; node segments index Source.
type Markdown struct {
	Source []byte
	Doc    ast.Node
	File   string
	origin diag.Pos // where Source[0] sits in File
	lines  []int    // byte offsets of line starts in Source
}

// Pos maps a byte offset in Source to a position in the project file.
func (m *Markdown) Pos(offset int) diag.Pos {
	if offset < 0 {
		offset = 0
	}
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > offset }) - 1
	col := 1 + len([]rune(string(m.Source[m.lines[i]:min(offset, len(m.Source))])))
	if i == 0 {
		col += m.origin.Col - 1
	}
	return diag.Pos{File: m.File, Line: m.origin.Line + i, Col: col}
}

// NodePos is the position of a node, or of its first child that has one.
func (m *Markdown) NodePos(n ast.Node) diag.Pos {
	for c := n; c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return m.Pos(p)
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return m.Pos(c.Lines().At(0).Start)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Pos() >= 0 {
			return m.Pos(p.Pos())
		}
	}
	return diag.Pos{File: m.File, Line: m.origin.Line}
}

// KindCitation is the AST kind of a citation.
var KindCitation = ast.NewNodeKind("Citation")

// Citation is a pandoc-style citation in the text: [@key, ch. 7; @other].
type Citation struct {
	ast.BaseInline
	Items  []cite.Item
	Source string // the text between the brackets
	Err    error  // set when the text looks like a citation but does not parse
}

// Kind implements ast.Node.
func (*Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (c *Citation) Dump(source []byte, level int) {
	ast.DumpHelper(c, source, level, map[string]string{"Source": c.Source}, nil)
}

// citationParser turns [@key…] and [-@key…] into Citation nodes. It runs
// before the link parser; anything followed by ( or [ stays a link.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[@")) && !bytes.HasPrefix(line, []byte("[-@")) {
		return nil
	}
	_, start := block.Position()
	block.Advance(1)
	segs, ok := block.FindClosure('[', ']', text.FindClosureOptions{Newline: true, Advance: true})
	if !ok {
		return nil
	}
	if c := block.Peek(); c == '(' || c == '[' {
		return nil // a link whose text starts with @
	}
	var raw []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		v := bytes.TrimRight(seg.Value(block.Source()), "\r\n")
		if i > 0 {
			raw = append(raw, ' ')
		}
		raw = append(raw, v...)
	}
	node := &Citation{Source: string(raw)}
	node.Items, node.Err = cite.ParseCitation(node.Source)
	node.SetPos(start.Start)
	return node
}

func (citationParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// Typographic replacements written as characters, not HTML entities, so the
// same text serves XHTML (which has no &rsquo;) and PDF.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// Markdown is the one goldmark configuration companion parses with: GFM
// tables (alignment as style, which EPUB accepts), footnotes, smart
// punctuation as UTF-8, and citations. Layouts render from its AST.
var markdown = goldmark.New(
	goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignStyle)),
		extension.Strikethrough,
		extension.Footnote,
		extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
	),
	goldmark.WithParserOptions(
		parser.WithInlineParsers(util.Prioritized(citationParser{}, 100)),
	),
)

// Parser returns the shared goldmark configuration, for layouts that render
// nodes through goldmark's own renderer.
func Parser() goldmark.Markdown { return markdown }

// newMarkdown is src, which starts at origin in file, not yet parsed.
func newMarkdown(file string, origin diag.Pos, src []byte) *Markdown {
	m := &Markdown{Source: src, File: file, origin: origin, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			m.lines = append(m.lines, i+1)
		}
	}
	return m
}

// parse sets Doc. goldmark's parser is safe for concurrent use.
func (m *Markdown) parse() { m.Doc = markdown.Parser().Parse(text.NewReader(m.Source)) }
