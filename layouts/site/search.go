package site

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
)

// entry is one place the search can find: a chapter, a section, a key
// quotation or a question, with the words it is found by.
type entry struct {
	Title string `json:"t"`
	Where string `json:"w"`           // what the place belongs to: "Handout 3, Hailsham"
	URL   string `json:"u"`           // site path, with its fragment
	Text  string `json:"x,omitempty"` // its text, markup dropped
}

// searchIndex is the index as a script: Chromium refuses to fetch a JSON
// file from file://, but runs a script. It sets one global the site's
// script reads. Each entry is encoded as it is added, so that a site
// holds its index's bytes, not every chapter's text beside them (at a
// thousand chapters, 10 MB, and as much again while encoding them whole).
type searchIndex struct {
	buf bytes.Buffer
	n   int
}

const indexStart = "window.companionSearch = ["

// add appends entries to the index, in order.
func (x *searchIndex) add(entries ...entry) {
	if x.n == 0 && len(entries) > 0 {
		x.buf.WriteString(indexStart)
	}
	for _, e := range entries {
		if x.n > 0 {
			x.buf.WriteByte(',')
		}
		// an Encoder escapes as json.Marshal does, and ends each value
		// with a line ending, which the array has not
		if err := json.NewEncoder(&x.buf).Encode(e); err != nil {
			panic(err) // strings only: cannot fail
		}
		x.buf.Truncate(x.buf.Len() - 1)
		x.n++
	}
}

// script is the finished index: the entries as one JSON array, as
// json.Marshal would write them.
func (x *searchIndex) script() []byte {
	if x.n == 0 {
		return []byte("window.companionSearch = null;\n")
	}
	x.buf.WriteString("];\n")
	return x.buf.Bytes()
}

// bodyText is a piece's text as the search matches it: every block's
// words, markup dropped, spaces collapsed; "" for nil.
func bodyText(m *book.Markdown) string {
	if m == nil {
		return ""
	}
	var w words
	var add func(bs []doc.Block)
	add = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				w.add(doc.PlainText(b.Inlines))
			case *doc.Plain:
				w.add(doc.PlainText(b.Inlines))
			case *doc.Heading:
				w.add(doc.PlainText(b.Inlines))
			case *doc.BlockQuote:
				add(b.Blocks)
			case *doc.TeacherOnly: // only in the teacher's edition of a body
				add(b.Blocks)
			case *doc.List:
				for _, it := range b.Items {
					add(it.Blocks)
				}
			case *doc.Table:
				for _, row := range append([][]*doc.Cell{b.Header}, b.Rows...) {
					for _, c := range row {
						w.add(doc.PlainText(c.Inlines))
					}
				}
			case *doc.CodeBlock:
				for _, l := range b.Lines {
					w.add(l)
				}
			}
		}
	}
	add(m.Doc.Blocks)
	for _, n := range m.Doc.Notes {
		add(n.Blocks)
	}
	return w.b.String()
}

// words gathers text with its spaces collapsed as it is added: the words
// of every piece, one space between each two, as strings.Fields and Join
// would give them, without a slice of a chapter's words on the way.
type words struct{ b strings.Builder }

// add adds the words of s after those before.
func (w *words) add(s string) {
	for f := range strings.FieldsSeq(s) {
		if w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(f)
	}
}
