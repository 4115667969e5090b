package site

import (
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
// script reads.
func searchIndex(entries []entry) []byte {
	data, err := json.Marshal(entries)
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return []byte("window.companionSearch = " + string(data) + ";\n")
}

// bodyText is a piece's text as the search matches it: every block's
// words, markup dropped, spaces collapsed; "" for nil.
func bodyText(m *book.Markdown) string {
	if m == nil {
		return ""
	}
	var sb strings.Builder
	var add func(bs []doc.Block)
	add = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				sb.WriteString(doc.PlainText(b.Inlines) + " ")
			case *doc.Plain:
				sb.WriteString(doc.PlainText(b.Inlines) + " ")
			case *doc.Heading:
				sb.WriteString(doc.PlainText(b.Inlines) + " ")
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
						sb.WriteString(doc.PlainText(c.Inlines) + " ")
					}
				}
			case *doc.CodeBlock:
				sb.WriteString(strings.Join(b.Lines, " ") + " ")
			}
		}
	}
	add(m.Doc.Blocks)
	for _, n := range m.Doc.Notes {
		add(n.Blocks)
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}
