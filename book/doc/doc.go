// Package doc is companion's document model: what a piece of Markdown (a
// chapter body, a question's prompt or its guidance) says, parsed once by
// the loader and then only read. Blocks, inlines, resolved images,
// citations, footnotes and heading ids are plain values; every node keeps
// the byte offset in its source where it starts, so that a diagnostic
// about it can give file, line and column.
//
// Parse is the one place that reads Markdown, with goldmark; no goldmark
// tree outlives it. Layouts (EPUB, PDF, and later formats) walk a
// Document with a type switch over the node types below; none of them
// parses Markdown or imports goldmark.
package doc

import "github.com/companion-dev/companion/book/cite"

// Document is one parsed piece of Markdown.
type Document struct {
	Blocks []Block
	// Notes are the footnotes the text calls, in the order of their
	// numbers (the order of first call). A definition never called is not
	// here.
	Notes []*Note
}

// Node is what every block and inline has: where it starts in the source.
type Node struct {
	// At is the byte offset of the node in its source, or -1 when the
	// node has no place of its own (book.Markdown.Pos maps it).
	At int32
}

// Offset is the byte offset of the node in its source (-1: none).
func (n Node) Offset() int { return int(n.At) }

// Block is a block of a document: *Paragraph, *Plain, *Heading,
// *BlockQuote, *List, *CodeBlock, *Rule, *Table, *HTMLBlock or
// *TeacherOnly.
type Block interface {
	Offset() int
	isBlock()
}

// Inline is a run of text inside a block: *Text, *Break, *Emphasis,
// *Strong, *Strike, *Code, *Link, *AutoLink, *Image, *Citation, *NoteRef
// or *RawHTML.
type Inline interface {
	Offset() int
	isInline()
}

// Paragraph is a paragraph.
type Paragraph struct {
	Node
	Inlines []Inline
}

// Plain is the text of an item of a tight list: a paragraph set without
// the space of one.
type Plain struct {
	Node
	Inlines []Inline
}

// Heading is a heading, level 1 to 6. ID is its anchor, unique in its
// chapter's document (see Options.HeadingIDs); empty in prompts and
// guidance.
type Heading struct {
	Node
	Level   int
	ID      string
	Inlines []Inline
}

// BlockQuote is a quoted passage (a Markdown "> " block).
type BlockQuote struct {
	Node
	Blocks []Block
}

// List is a bulleted or numbered list. Marker is the character after an
// ordered item's number ('.' or ')') or the bullet ('-', '*', '+'). A
// tight list's items hold *Plain text rather than paragraphs.
type List struct {
	Node
	Ordered bool
	Start   int // the first number of an ordered list
	Marker  byte
	Tight   bool
	Items   []*Item
}

// Item is one item of a list.
type Item struct {
	Node
	Blocks []Block
}

// CodeBlock is preformatted text: an indented block or a fenced one, its
// lines as written, each with its line ending.
type CodeBlock struct {
	Node
	Lines    []string
	Fenced   bool
	Language string // the info string's first word, fenced blocks only
}

// Rule is a thematic break (---).
type Rule struct{ Node }

// Align is the alignment of a table column.
type Align uint8

// The alignments of a table column, as the delimiter row gives them.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// String is the CSS name of the alignment ("" for none).
func (a Align) String() string {
	return [...]string{"", "left", "center", "right"}[a]
}

// Table is a GFM table: its header row, its body rows and each column's
// alignment.
type Table struct {
	Node
	Align  []Align
	Header []*Cell
	Rows   [][]*Cell
}

// Cell is a table cell, aligned as its column.
type Cell struct {
	Node
	Align   Align
	Inlines []Inline
}

// HTMLBlock is raw HTML standing as a block; the check refuses it and the
// layouts leave it out. Text is its first line.
type HTMLBlock struct {
	Node
	Text string
}

// Note is a footnote: its number, its blocks, and how many times the text
// calls it.
type Note struct {
	Node
	Index  int // 1-based, in order of first call
	Label  string
	Calls  int
	Blocks []Block
}

// Text is text as the reader sees it: escapes and character references
// resolved, smart punctuation applied.
type Text struct {
	Node
	Text string
}

// Break ends a line inside a paragraph: a soft break (a line ending in
// the source, read as a space) or a hard one (a forced new line).
type Break struct {
	Node
	Hard bool
}

// Emphasis is emphasised text (*text*), usually italic.
type Emphasis struct {
	Node
	Inlines []Inline
}

// Strong is strongly emphasised text (**text**), usually bold.
type Strong struct {
	Node
	Inlines []Inline
}

// Strike is struck-through text (~~text~~).
type Strike struct {
	Node
	Inlines []Inline
}

// Code is a code span. Text is as written, its line endings kept.
type Code struct {
	Node
	Text string
}

// Link is a link: Dest as written (a web address, a chapter's path, a
// #fragment), its title and its text.
type Link struct {
	Node
	Dest    string
	Title   string
	Inlines []Inline
}

// AutoLink is a web or mail address in angle brackets, shown as written.
// Href is where it leads: the address made safe for a URL, mailto: added
// to a mail address, empty for a dangerous scheme (javascript:).
type AutoLink struct {
	Node
	URL   string
	Href  string
	Email bool
}

// Image is a picture. Dest is as written; Path is the project path the
// loader resolved it to (empty when it leads nowhere in the project).
// Alt is its description, Title its caption.
type Image struct {
	Node
	Dest  string
	Path  string
	Title string
	Alt   []Inline
}

// Citation is a pandoc-style citation: [@key, ch. 7; @other]. Source is
// the text between the brackets. Index is the citation's place among its
// document's citations, from 0 in the order they are converted: a key for
// what is kept of each (book.Citations), unique within the document.
// A book has hundreds of thousands of citations, so the node is small and
// what its Source says is shared (Parsed).
type Citation struct {
	Node
	Index  int32
	Source string
	*Parsed
}

// Parsed is what a citation's text says: its Items, or Err when it looks
// like a citation but does not parse. The citations of a document (or of
// the documents sharing Options.Citations) with the same Source share
// one, which no one may change.
type Parsed struct {
	Items []cite.Item
	Err   error
}

// NoteRef is the call of a footnote: the note's number, and which call of
// it this is (0 for the first).
type NoteRef struct {
	Node
	Index int
	Call  int
}

// RawHTML is raw HTML inside a paragraph; the check refuses it and the
// layouts leave it out.
type RawHTML struct {
	Node
	Text string
}

func (*Paragraph) isBlock()  {}
func (*Plain) isBlock()      {}
func (*Heading) isBlock()    {}
func (*BlockQuote) isBlock() {}
func (*List) isBlock()       {}
func (*CodeBlock) isBlock()  {}
func (*Rule) isBlock()       {}
func (*Table) isBlock()      {}
func (*HTMLBlock) isBlock()  {}

func (*Text) isInline()     {}
func (*Break) isInline()    {}
func (*Emphasis) isInline() {}
func (*Strong) isInline()   {}
func (*Strike) isInline()   {}
func (*Code) isInline()     {}
func (*Link) isInline()     {}
func (*AutoLink) isInline() {}
func (*Image) isInline()    {}
func (*Citation) isInline() {}
func (*NoteRef) isInline()  {}
func (*RawHTML) isInline()  {}
