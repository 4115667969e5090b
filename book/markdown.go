package book

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// Markdown is one piece of Markdown: a chapter body, a question's prompt
// or its guidance. The loader parses it once into Doc, which the checks
// and every layout read and nobody changes.
type Markdown struct {
	Source string
	File   string
	Doc    *doc.Document
	origin diag.Pos // where Source[0] sits in File
	indent int      // columns YAML took off the start of each line: a | block's indentation
	lines  []int32  // byte offsets of line starts in Source, int32 as doc.Node.At
	// runes[k] counts the characters of Source[:k*runeStep], so that a
	// column is found in constant time however long its line.
	runes []int32
	// student is the Markdown as students read it, teacher-only blocks
	// left out: m itself when it has none.
	student *Markdown
}

const runeStep = 64

// ReservedIDs are the ids a chapter's document uses for its own parts; no
// heading takes them.
var ReservedIDs = []string{"chapter-title", "key-quotations", "discussion-questions", "notes"}

// newMarkdown is src, which starts at origin in file, not yet parsed.
func newMarkdown(file string, origin diag.Pos, src string) *Markdown {
	m := &Markdown{Source: src, File: file, origin: origin, lines: []int32{0}, runes: make([]int32, 0, len(src)/runeStep+1)}
	n := int32(0)
	for i := range len(src) {
		c := src[i]
		if i%runeStep == 0 {
			m.runes = append(m.runes, n)
		}
		if c == '\n' {
			m.lines = append(m.lines, int32(i+1))
		}
		if utf8.RuneStart(c) {
			n++
		}
	}
	if len(src)%runeStep == 0 {
		m.runes = append(m.runes, n)
	}
	return m
}

// parse parses Source into Doc, a chapter body's headings with ids, and
// returns what it found wrong; its citations share what they say with
// those in cs that read the same. It is safe to run on many pieces at once.
func (m *Markdown) parse(body bool, p doc.Punctuation, cs *doc.Citations) diag.List {
	var d diag.List
	m.Doc, d = doc.Parse(m.Source, doc.Options{Pos: m.Pos, HeadingIDs: body, Reserved: ReservedIDs, Punctuation: p, Citations: cs})
	m.student = m
	if s := m.Doc.Student(); s != m.Doc {
		cp := *m
		cp.Doc = s
		cp.student = &cp
		m.student = &cp
	}
	return d
}

// Edition is the Markdown as one edition prints it: the teacher's as
// written, the students' without its teacher-only blocks. Both share the
// source, so positions are the same.
func (m *Markdown) Edition(teacher bool) *Markdown {
	if m == nil || teacher || m.student == nil {
		return m
	}
	return m.student
}

// Images lists the project paths of the images the Markdown shows, in
// reading order; an image that leads nowhere in the project is left out.
func (m *Markdown) Images() []string {
	var out []string
	for _, img := range m.Doc.Images() {
		if img.Path != "" {
			out = append(out, img.Path)
		}
	}
	return out
}

// Pos maps a byte offset in Source to a position in the project file; a
// negative offset (a node with no place of its own) gives the line the
// piece starts on.
func (m *Markdown) Pos(offset int) diag.Pos {
	if offset < 0 {
		return diag.Pos{File: m.File, Line: m.origin.Line}
	}
	offset = min(offset, len(m.Source))
	i := sort.Search(len(m.lines), func(i int) bool { return int(m.lines[i]) > offset }) - 1
	col := 1 + m.runeCount(offset) - m.runeCount(int(m.lines[i]))
	if i == 0 {
		col += m.origin.Col - 1
	}
	col += m.indent
	return diag.Pos{File: m.File, Line: m.origin.Line + i, Col: col}
}

// runeCount is the number of characters in Source[:offset].
func (m *Markdown) runeCount(offset int) int {
	k := offset / runeStep
	n := int(m.runes[k])
	for i := k * runeStep; i < offset; i++ {
		if utf8.RuneStart(m.Source[i]) {
			n++
		}
	}
	return n
}

// NodePos is the position of a node of Doc.
func (m *Markdown) NodePos(n interface{ Offset() int }) diag.Pos { return m.Pos(n.Offset()) }

// Smart gives text written outside Markdown (titles, quotations, speakers
// in front matter) the smart punctuation of the book's Markdown, in its
// language's quotation marks.
func (b *Book) Smart(s string) string { return b.punctuation().Smarten(s) }

// punctuation is how the book's language writes the quotation marks smart
// punctuation makes of straight quotes (from its labels, so a project's
// own `labels:` apply), and whether it spaces ; : ! ? the French way.
func (b *Book) punctuation() doc.Punctuation {
	l := b.Labels
	base, _, _ := strings.Cut(strings.ToLower(b.Language), "-")
	return doc.Punctuation{
		Quotes:        [4]string{l.Get("quote-open"), l.Get("quote-close"), l.Get("quote-inner-open"), l.Get("quote-inner-close")},
		FrenchSpacing: base == "fr",
	}
}
