package lms

import (
	"fmt"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
)

// htmlWriter writes a piece of the book's Markdown (a prompt, a choice, a
// feedback, guidance) as the HTML a platform shows in a question. What a
// platform cannot hold is replaced by text: an image by its description in
// brackets (no image file travels with the questions), a link inside the
// companion by its text. No newline it writes matters (preformatted lines
// end in <br />), so that a format that needs one line may turn them into
// spaces.
type htmlWriter struct {
	b *book.Book
	w strings.Builder
}

// html renders m; "" for nil.
func html(b *book.Book, m *book.Markdown) string {
	if m == nil {
		return ""
	}
	x := &htmlWriter{b: b}
	x.blocks(m.Doc.Blocks)
	for _, n := range m.Doc.Notes {
		fmt.Fprintf(&x.w, "<p><sup>%d</sup> ", n.Index)
		x.inner(n.Blocks)
		x.w.WriteString("</p>")
	}
	return strings.TrimSpace(x.w.String())
}

// inlineHTML renders m without a paragraph around a single paragraph: a
// choice or a feedback sits on a line of its own in the platform.
func inlineHTML(b *book.Book, m *book.Markdown) string {
	if m != nil && len(m.Doc.Blocks) == 1 && len(m.Doc.Notes) == 0 {
		if p, ok := m.Doc.Blocks[0].(*doc.Paragraph); ok {
			x := &htmlWriter{b: b}
			x.inlines(p.Inlines)
			return strings.TrimSpace(x.w.String())
		}
	}
	return html(b, m)
}

// joined renders pieces one after the other, each led by its label in bold
// when it has one: grader information made of guidance and a model answer.
func joined(b *book.Book, pieces ...labelled) string {
	var parts []string
	for _, p := range pieces {
		if p.m == nil {
			continue
		}
		s := html(b, p.m)
		if p.label != "" {
			s = "<p><strong>" + p.label + "</strong></p>" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "")
}

type labelled struct {
	label string
	m     *book.Markdown
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (x *htmlWriter) text(s string) { textEscaper.WriteString(&x.w, s) }

// inner writes a footnote's blocks inside the paragraph that numbers it.
func (x *htmlWriter) inner(bs []doc.Block) {
	for i, b := range bs {
		if i > 0 {
			x.w.WriteByte(' ')
		}
		if p, ok := b.(*doc.Paragraph); ok {
			x.inlines(p.Inlines)
		} else {
			x.block(b)
		}
	}
}

func (x *htmlWriter) blocks(bs []doc.Block) {
	for _, b := range bs {
		x.block(b)
	}
}

func (x *htmlWriter) block(b doc.Block) {
	w := &x.w
	switch b := b.(type) {
	case *doc.Paragraph:
		w.WriteString("<p>")
		x.inlines(b.Inlines)
		w.WriteString("</p>")
	case *doc.Plain:
		x.inlines(b.Inlines)
	case *doc.Heading:
		// A heading inside a question is a run-in title, not the
		// platform page's own heading.
		w.WriteString("<p><strong>")
		x.inlines(b.Inlines)
		w.WriteString("</strong></p>")
	case *doc.BlockQuote:
		w.WriteString("<blockquote>")
		x.blocks(b.Blocks)
		w.WriteString("</blockquote>")
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		w.WriteString("<" + tag)
		if b.Ordered && b.Start != 1 {
			fmt.Fprintf(w, ` start="%d"`, b.Start)
		}
		w.WriteString(">")
		for _, it := range b.Items {
			w.WriteString("<li>")
			x.blocks(it.Blocks)
			w.WriteString("</li>")
		}
		w.WriteString("</" + tag + ">")
	case *doc.CodeBlock:
		w.WriteString("<pre>")
		for i, l := range b.Lines {
			if i > 0 {
				w.WriteString("<br />")
			}
			x.text(strings.TrimRight(l, "\r\n"))
		}
		w.WriteString("</pre>")
	case *doc.Rule:
		w.WriteString("<hr />")
	case *doc.Table:
		w.WriteString("<table><tr>")
		x.cells(b.Header, "th")
		w.WriteString("</tr>")
		for _, r := range b.Rows {
			w.WriteString("<tr>")
			x.cells(r, "td")
			w.WriteString("</tr>")
		}
		w.WriteString("</table>")
	}
}

func (x *htmlWriter) cells(cells []*doc.Cell, tag string) {
	for _, c := range cells {
		x.w.WriteString("<" + tag + ">")
		x.inlines(c.Inlines)
		x.w.WriteString("</" + tag + ">")
	}
}

func (x *htmlWriter) inlines(is []doc.Inline) {
	for _, i := range is {
		x.inline(i)
	}
}

func (x *htmlWriter) inline(i doc.Inline) {
	w := &x.w
	switch i := i.(type) {
	case *doc.Text:
		x.text(i.Text)
	case *doc.Break:
		if i.Hard {
			w.WriteString("<br />")
		} else {
			w.WriteByte(' ')
		}
	case *doc.Emphasis:
		x.wrap("em", i.Inlines)
	case *doc.Strong:
		x.wrap("strong", i.Inlines)
	case *doc.Strike:
		x.wrap("del", i.Inlines)
	case *doc.Code:
		w.WriteString("<code>")
		x.text(strings.ReplaceAll(i.Text, "\n", " "))
		w.WriteString("</code>")
	case *doc.Link:
		if !webAddress(i.Dest) {
			x.inlines(i.Inlines) // a place in the companion, which the platform does not have
			return
		}
		w.WriteString(`<a href="`)
		x.text(i.Dest)
		w.WriteString(`">`)
		x.inlines(i.Inlines)
		w.WriteString("</a>")
	case *doc.AutoLink:
		if i.Href == "" {
			x.text(i.URL)
			return
		}
		w.WriteString(`<a href="`)
		x.text(i.Href)
		w.WriteString(`">`)
		x.text(i.URL)
		w.WriteString("</a>")
	case *doc.Image:
		w.WriteString("[")
		x.text(doc.PlainText(i.Alt))
		w.WriteString("]")
	case *doc.Citation:
		w.WriteString(x.b.Cite(i.Items).HTML())
	case *doc.NoteRef:
		fmt.Fprintf(w, "<sup>%d</sup>", i.Index)
	}
}

func (x *htmlWriter) wrap(tag string, is []doc.Inline) {
	x.w.WriteString("<" + tag + ">")
	x.inlines(is)
	x.w.WriteString("</" + tag + ">")
}

// webAddress reports whether a link leads to the web (or a mail address),
// where a platform's reader can follow it.
func webAddress(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:")
}
