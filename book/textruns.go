package book

import (
	"strings"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// textRuns calls visit with each run of text in a piece of Markdown, as
// the reader reads it, and a function that places a part of the run,
// text[i:i+n], in the project file. The parser may cut "chs. 2" into two
// text nodes, and emphasis, spans and links hold text of the same
// sentence, so a run goes on through them and a soft line break reads as
// a space; a citation, a note call, code or a block's end ends it.
func textRuns(m *Markdown, visit func(text string, pos func(i, n int) diag.Pos)) {
	if m == nil {
		return
	}
	doc.Walk(m.Doc, func(n any) bool {
		switch n := n.(type) {
		case *doc.Paragraph:
			inlineRuns(m, n.Inlines, visit)
		case *doc.Plain:
			inlineRuns(m, n.Inlines, visit)
		case *doc.Heading:
			inlineRuns(m, n.Inlines, visit)
		case *doc.Cell:
			inlineRuns(m, n.Inlines, visit)
		}
		return true
	})
}

func inlineRuns(m *Markdown, is []doc.Inline, visit func(text string, pos func(i, n int) diag.Pos)) {
	// Most runs are one text node: it is the run as it stands, and only a
	// run of several pieces is copied into text.
	var text strings.Builder
	var only string
	pieces := 0
	first := -1 // the source offset of the run's first text
	write := func(s string) {
		switch pieces {
		case 0:
			only = s
		case 1:
			text.WriteString(only)
			fallthrough
		default:
			text.WriteString(s)
		}
		pieces++
	}
	flush := func() {
		t := only
		if pieces > 1 {
			t = text.String()
		}
		if strings.TrimSpace(t) != "" {
			at := first
			visit(t, func(i, n int) diag.Pos { return m.Pos(sourceOffset(m, at, t[i:i+n], i)) })
		}
		text.Reset()
		only, pieces, first = "", 0, -1
	}
	var add func(is []doc.Inline)
	add = func(is []doc.Inline) {
		for _, i := range is {
			switch i := i.(type) {
			case *doc.Text:
				if first < 0 {
					first = i.Offset()
				}
				write(i.Text)
			case *doc.Break:
				write(" ")
			case *doc.Emphasis, *doc.Strong, *doc.Strike, *doc.Span, *doc.Link:
				add(doc.Children(i))
			default:
				flush()
			}
		}
	}
	add(is)
	flush()
}

// sourceOffset is where a part of a run of text stands in the Markdown's
// source: the text as printed may differ from the source (smart quotes,
// escapes, a line break read as a space), so the part is looked for from
// the run's start on, and placed by its offset in the text when it is
// not found.
func sourceOffset(m *Markdown, at int, part string, inText int) int {
	if at < 0 {
		return at
	}
	if i := strings.Index(m.Source[at:], part); i >= 0 {
		return at + i
	}
	return at + inText
}
