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

// Markdown is one piece of Markdown: a chapter body, a question's prompt
// or its guidance. Parse gives its syntax tree; node segments index Source.
//
// A book keeps the trees only while it is loaded and checked: a tree takes
// about ten times the memory of its source, which for a book of a thousand
// chapters is over a hundred megabytes held through every render.
// DropTrees lets them go, and from then on each Parse parses Source afresh
// for a layout to walk and drop, chapter by chapter.
type Markdown struct {
	Source []byte
	File   string
	origin diag.Pos // where Source[0] sits in File
	lines  []int    // byte offsets of line starts in Source
	tree   ast.Node // the loader's tree, until DropTrees
	// images maps each image destination as written to its project path;
	// shown lists the project paths in the order the images appear.
	images map[string]string
	shown  []string
}

// Parse returns the syntax tree of Source, every image's destination a
// project path. Until DropTrees it is the one tree the loader parsed;
// after, a new tree on every call, which the caller may keep as long as it
// needs (headings, say, are found by identity within it) and then drop.
// It is safe for concurrent use once the book is loaded.
func (m *Markdown) Parse() ast.Node {
	if m.tree != nil {
		return m.tree
	}
	doc := markdown.Parser().Parse(text.NewReader(m.Source))
	if len(m.images) > 0 {
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if img, ok := n.(*ast.Image); ok && entering {
				if p, ok := m.images[string(img.Destination)]; ok {
					img.Destination = []byte(p)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	return doc
}

// Images lists the project paths of the images the Markdown shows, in
// order, without parsing it.
func (m *Markdown) Images() []string { return m.shown }

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

// parse parses Source into the tree the loader and the checks read.
// goldmark's parser is safe for concurrent use.
func (m *Markdown) parse() { m.tree = markdown.Parser().Parse(text.NewReader(m.Source)) }
