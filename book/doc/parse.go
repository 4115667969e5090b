package doc

import (
	"bytes"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/companion-dev/companion/book/diag"
)

// Options say what a piece of Markdown is.
type Options struct {
	// Pos maps a byte offset of the source to its place in the project,
	// for the diagnostics Parse reports.
	Pos func(offset int) diag.Pos
	// HeadingIDs gives every heading an id (a chapter body's headings are
	// anchors; a prompt's are not), none of them one of Reserved.
	HeadingIDs bool
	Reserved   []string
	// Punctuation is the language's quotation marks and spacing, which
	// smart punctuation follows.
	Punctuation Punctuation
	// Citations, if set, are the citations parsed by every document
	// given the same: a book cites the same places in many chapters.
	Citations *Citations
}

// MaxNesting bounds how deeply lists and block quotes may nest: far beyond
// any real text, and it keeps every layout's indentation on the page.
const MaxNesting = 24

// parses counts the calls of Parse, for the test that a build parses each
// piece of Markdown once.
var parses atomic.Int64

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

// Parse reads src, a piece of Markdown, into a Document, reporting what
// cannot be read as it means. It is safe for concurrent use. The
// document's text shares src's memory where it is as written.
func Parse(src string, opt Options) (*Document, diag.List) {
	parses.Add(1)
	c := &converter{src: []byte(src), text: src, opt: opt, flavour: flavourOf(opt.Punctuation)}
	if at := tooDeep(c.src); at >= 0 {
		c.tooDeep = true
		c.diags.Errorf(c.pos(at), "lists and block quotes are nested more than %d deep", MaxNesting)
		c.diags.Hintf("no page can show that much indentation; flatten the structure")
		return &Document{}, c.diags
	}
	pc := parser.NewContext()
	tree := c.flavour.md.Parser().Parse(text.NewReader(c.src), parser.WithContext(pc))
	c.count(tree)
	d := &Document{Blocks: c.blocks(tree, 0)}
	for _, def := range calledNotes(pc) {
		d.Notes = append(d.Notes, &Note{Node: c.node(def), Index: def.Index, Label: string(def.Ref),
			Calls: def.calls, Blocks: c.blocks(def, 0)})
	}
	if opt.HeadingIDs {
		assignHeadingIDs(d, opt.Reserved)
	}
	return d, c.diags
}

// converter turns goldmark's tree into the model.
type converter struct {
	src     []byte // for goldmark, dropped with the converter
	text    string // the source, which text nodes share
	opt     Options
	flavour *flavour
	diags   diag.List
	tooDeep bool
	// cites are the citations parsed so far, by their text: a chapter
	// cites the same few places again and again, and its citations share
	// their items (never changed once parsed)
	cites map[string]*Parsed
	// citations counts the document's citations (Citation.Index)
	citations int32
	slabs
}

func (c *converter) pos(offset int) diag.Pos {
	if c.opt.Pos == nil {
		return diag.Pos{}
	}
	return c.opt.Pos(offset)
}

// offset is where a node starts: its own position, or its first child's
// that has one, or its nearest ancestor's.
func offset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Pos() >= 0 {
			return p.Pos()
		}
	}
	return -1
}

// node is the Node of n, its offset kept inside the source (goldmark
// counts an expanded tab's padding in a few positions).
func (c *converter) node(n ast.Node) Node { return Node{At: int32(min(offset(n), len(c.src)))} }

// value is the source of a segment, shared with the source when it has no
// padding (a tab expanded inside a code block).
func (c *converter) value(s text.Segment) string {
	if s.Padding == 0 {
		return c.text[s.Start:s.Stop]
	}
	return string(s.Value(c.src))
}

// blocks converts the block children of n. depth counts the lists and
// block quotes around them.
func (c *converter) blocks(n ast.Node, depth int) []Block {
	if n.ChildCount() == 0 {
		return nil
	}
	out := make([]Block, 0, n.ChildCount())
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if b := c.block(ch, depth); b != nil {
			out = append(out, b)
		}
	}
	return out
}

func (c *converter) block(n ast.Node, depth int) Block {
	switch n := n.(type) {
	case *ast.Paragraph:
		return &Paragraph{Node: c.node(n), Inlines: c.blockText(n)}
	case *ast.TextBlock:
		return &Plain{Node: c.node(n), Inlines: c.blockText(n)}
	case *ast.Heading:
		return &Heading{Node: c.node(n), Level: n.Level, Inlines: c.blockText(n)}
	case *ast.ThematicBreak:
		return &Rule{Node: c.node(n)}
	case *ast.CodeBlock:
		return &CodeBlock{Node: c.node(n), Lines: c.lines(n)}
	case *ast.FencedCodeBlock:
		cb := &CodeBlock{Node: c.node(n), Lines: c.lines(n), Fenced: true}
		if lang := n.Language(c.src); lang != nil {
			cb.Language = c.resolve(lang, -1)
		}
		return cb
	case *ast.Blockquote:
		if !c.nest(n, depth+1) {
			return nil
		}
		return &BlockQuote{Node: c.node(n), Blocks: c.blocks(n, depth+1)}
	case *ast.List:
		if !c.nest(n, depth+1) {
			return nil
		}
		l := &List{Node: c.node(n), Ordered: n.IsOrdered(), Start: n.Start, Marker: n.Marker, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, &Item{Node: c.node(it), Blocks: c.blocks(it, depth+1)})
		}
		return l
	case *ast.HTMLBlock:
		h := &HTMLBlock{Node: c.node(n)}
		if n.Lines().Len() > 0 {
			seg := n.Lines().At(0)
			h.Text = string(seg.Value(c.src))
		}
		return h
	case *east.Table:
		return c.table(n)
	case *footnoteList:
		return nil // its notes are the document's Notes
	case *teacherDiv:
		return c.teacher(n, depth)
	}
	return nil
}

// nest reports, once per document, a list or block quote nested deeper
// than MaxNesting; its content is left out.
func (c *converter) nest(n ast.Node, depth int) bool {
	if depth <= MaxNesting {
		return true
	}
	if !c.tooDeep {
		c.tooDeep = true
		c.diags.Errorf(c.pos(offset(n)), "lists and block quotes are nested more than %d deep", MaxNesting)
		c.diags.Hintf("no page can show that much indentation; flatten the structure")
	}
	return false
}

func (c *converter) lines(n ast.Node) []string {
	l := n.Lines()
	out := make([]string, l.Len())
	for i := range out {
		out[i] = c.value(l.At(i))
	}
	return out
}

func (c *converter) table(n *east.Table) *Table {
	t := &Table{Node: c.node(n)}
	for _, a := range n.Alignments {
		t.Align = append(t.Align, align(a))
	}
	cells := func(r ast.Node) []*Cell {
		var out []*Cell
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			tc := cell.(*east.TableCell)
			out = append(out, &Cell{Node: c.node(tc), Align: align(tc.Alignment), Inlines: c.blockText(tc)})
		}
		return out
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *east.TableHeader:
			t.Header = cells(r)
		case *east.TableRow:
			t.Rows = append(t.Rows, cells(r))
		}
	}
	return t
}

func align(a east.Alignment) Align {
	switch a {
	case east.AlignLeft:
		return AlignLeft
	case east.AlignCenter:
		return AlignCenter
	case east.AlignRight:
		return AlignRight
	}
	return AlignNone
}

// blockText converts the inlines of a block, and warns if any of it is
// Markdown left unread.
func (c *converter) blockText(n ast.Node) []Inline {
	is := c.inlines(n)
	lines := n.Lines()
	for i := range lines.Len() {
		if seg := lines.At(i); linkClose(c.src[seg.Start:seg.Stop]) {
			c.unread(c.node(n), is)
			break
		}
	}
	return is
}

// linkClose reports whether line holds "](" with its bracket not escaped:
// what Markdown could have read as the end of a link's text. A writer who
// escapes the bracket (\[x\](y)) wants the brackets printed, and is not
// warned about them.
func linkClose(line []byte) bool {
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte("]("))
		if j < 0 {
			return false
		}
		i += j
		slashes := 0
		for k := i - 1; k >= 0 && line[k] == '\\'; k-- {
			slashes++
		}
		if slashes%2 == 0 {
			return true
		}
		i += 2
	}
}

// Every break is one of two values: a break has no place of its own worth
// the memory of a node per line.
var (
	softBreak = &Break{Node: Node{At: -1}}
	hardBreak = &Break{Node: Node{At: -1}, Hard: true}
)

// inlines converts the inline children of n, into a slice of the size
// they take (a book holds millions of inlines).
func (c *converter) inlines(n ast.Node) []Inline {
	size := 0
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		size++
		if t, ok := ch.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			size++
		}
	}
	if size == 0 {
		return nil
	}
	out := c.inlineList(size)
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = c.inline(out, ch)
	}
	out = c.langSpans(c.spaced(out))
	if c.opt.Punctuation.FrenchSpacing {
		frenchSpaced(out)
	}
	return out
}

func (c *converter) inline(out []Inline, n ast.Node) []Inline {
	switch n := n.(type) {
	case *ast.Text:
		seg := n.Segment
		t := c.newText(int32(seg.Start), "")
		if n.IsRaw() {
			t.Text = c.value(seg)
		} else {
			t.Text = c.resolve(seg.Value(c.src), seg.Start)
		}
		out = append(out, t)
		switch {
		case n.HardLineBreak():
			out = append(out, hardBreak)
		case n.SoftLineBreak():
			out = append(out, softBreak)
		}
		return out
	case *ast.String:
		v, ok := c.flavour.marks[string(n.Value)]
		if !ok {
			v = string(n.Value)
		}
		return append(out, c.newText(c.node(n).At, v))
	case *ast.CodeSpan:
		var b strings.Builder
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if t, ok := ch.(*ast.Text); ok {
				b.Write(t.Segment.Value(c.src))
			} else if s, ok := ch.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		return append(out, &Code{Node: c.node(n), Text: b.String()})
	case *ast.Emphasis:
		if n.Level >= 2 {
			return append(out, c.newStrong(c.node(n), c.inlines(n)))
		}
		return append(out, c.newEmphasis(c.node(n), c.inlines(n)))
	case *east.Strikethrough:
		return append(out, &Strike{Node: c.node(n), Inlines: c.inlines(n)})
	case *ast.Link:
		return append(out, &Link{Node: c.node(n), Dest: string(n.Destination), Title: c.resolve(n.Title, -1), Inlines: c.inlines(n)})
	case *ast.AutoLink:
		return append(out, c.autoLink(n))
	case *ast.Image:
		return append(out, &Image{Node: c.node(n), Dest: string(n.Destination), Title: c.resolve(n.Title, -1), Alt: c.inlines(n)})
	case *citation:
		ct := c.newCitation()
		ct.Node, ct.Index, ct.Source = c.node(n), c.citations, n.joined
		c.citations++
		if n.start >= 0 {
			ct.Source = c.text[n.start:n.stop]
		}
		ct.Parsed = c.cites[ct.Source]
		if ct.Parsed == nil {
			ct.Parsed = c.opt.Citations.parse(ct.Source)
			if c.cites == nil {
				c.cites = map[string]*Parsed{}
			}
			c.cites[ct.Source] = ct.Parsed
		}
		return append(out, ct)
	case *noteRef:
		return append(out, &NoteRef{Node: c.node(n), Index: n.index, Call: n.call})
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(c.src))
		}
		return append(out, &RawHTML{Node: c.node(n), Text: b.String()})
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = c.inline(out, ch)
	}
	return out
}

// autoLink is an address in angle brackets, its href made as an HTML
// renderer makes it.
func (c *converter) autoLink(n *ast.AutoLink) *AutoLink {
	url := n.URL(c.src)
	a := &AutoLink{Node: c.node(n), URL: string(url), Email: n.AutoLinkType == ast.AutoLinkEmail}
	esc := util.URLEscape(url, false)
	var href []byte
	if a.Email && !bytes.HasPrefix(bytes.ToLower(esc), []byte("mailto:")) {
		href = append(href, "mailto:"...)
	}
	if !ghtml.IsDangerousURL(esc) {
		href = append(href, esc...)
	}
	a.Href = string(href)
	return a
}

// resolve is text as the reader sees it: backslash escapes removed and
// entity and numeric character references replaced, the way CommonMark
// renders text. Text without either is shared with the source. A numeric
// reference to a character XML forbids is reported at its place (at is
// the offset of raw in the source; -1 when unknown) and replaced.
func (c *converter) resolve(raw []byte, at int) string {
	if raw == nil {
		return ""
	}
	if bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, 0) < 0 {
		if at >= 0 && at+len(raw) <= len(c.text) {
			return c.text[at : at+len(raw)]
		}
		return string(raw)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(raw); i++ {
		switch ch := raw[i]; {
		case ch == '\\' && i+1 < len(raw) && util.IsPunct(raw[i+1]):
			b.Write(raw[n:i])
			n = i + 1
			i++
		case ch == 0:
			b.Write(raw[n:i])
			b.WriteRune(utf8.RuneError)
			n = i + 1
		case ch == '&':
			r, end, ok := reference(raw, i)
			if !ok {
				continue
			}
			b.Write(raw[n:i])
			if r >= 0 && !xmlChar(r) {
				if at >= 0 {
					c.diags.Errorf(c.pos(at+i), "%s is the character %U, which XML forbids, so no EPUB can hold it", raw[i:end], r)
					c.diags.Hintf("remove it; for a symbol, write the character itself or its name (&copy;)")
				}
				r = utf8.RuneError
			}
			if r >= 0 {
				b.WriteRune(r)
			} else {
				name := string(raw[i+1 : end-1])
				e, _ := util.LookUpHTML5EntityByName(name)
				b.Write(e.Characters)
			}
			n = end
			i = end - 1
		}
	}
	b.Write(raw[n:])
	return b.String()
}

// reference reads a character reference at raw[i] (which is '&'): a
// numeric one gives its rune, a named one -1; end is past its ';'.
func reference(raw []byte, i int) (r rune, end int, ok bool) {
	j := i + 1
	if j < len(raw) && raw[j] == '#' {
		j++
		hex := j < len(raw) && (raw[j] == 'x' || raw[j] == 'X')
		if hex {
			j++
		}
		start := j
		for j < len(raw) && (hex && util.IsHexDecimal(raw[j]) || !hex && util.IsNumeric(raw[j])) {
			j++
		}
		if j == start || j >= len(raw) || raw[j] != ';' || (hex && j-start >= 7) || (!hex && j-start >= 8) {
			return 0, 0, false
		}
		base := 10
		if hex {
			base = 16
		}
		v, _ := strconv.ParseUint(string(raw[start:j]), base, 32)
		return util.ToValidRune(rune(v)), j + 1, true
	}
	start := j
	for j < len(raw) && util.IsAlphaNumeric(raw[j]) {
		j++
	}
	if j == start || j >= len(raw) || raw[j] != ';' {
		return 0, 0, false
	}
	if _, ok := util.LookUpHTML5EntityByName(string(raw[start:j])); !ok {
		return 0, 0, false
	}
	return -1, j + 1, true
}

// xmlChar reports whether XML 1.0 allows the character in a document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}
