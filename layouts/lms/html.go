package lms

import (
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// platform is the learning platforms' answers to the XHTML writer. What a
// platform cannot hold is replaced by text: an image by its description in
// brackets (no image file travels with the questions), a link inside the
// companion by its text.
type platform struct {
	cites *book.Citations // the book's citations alone (CitationsAlone)
}

func (p platform) Href(l *doc.Link) (string, bool) { return l.Dest, webAddress(l.Dest) }

func (platform) ImageSrc(*doc.Image) (string, bool) { return "", false }

// Cite formats each citation as a first cite: a question on a platform
// stands alone, away from its chapter's other citations.
func (p platform) Cite(n *doc.Citation) cite.Text { return p.cites.Text(n) }

// writer writes a piece of the book's Markdown (a prompt, a choice, a
// feedback, guidance) as the HTML a platform shows in a question: notes
// as numbered paragraphs after it, headings run in, and no newline that
// matters, so that a format that needs one line may turn them into
// spaces. A citation that prints nothing ([-@key] where the style has no
// page to give) goes with the space before it, as in the other outputs.
func writer(b *book.Book) *xhtml.Writer {
	cites := b.CitationsAlone()
	return xhtml.New(platform{cites}, xhtml.Options{Platform: true, Notes: cites})
}

// html renders m; "" for nil.
func html(b *book.Book, m *book.Markdown) string {
	if m == nil {
		return ""
	}
	return strings.TrimSpace(writer(b).Document(m.Doc))
}

// inlineHTML renders m without a paragraph around a single paragraph: a
// choice or a feedback sits on a line of its own in the platform.
func inlineHTML(b *book.Book, m *book.Markdown) string {
	if m != nil && len(m.Doc.Blocks) == 1 && len(m.Doc.Notes) == 0 {
		if p, ok := m.Doc.Blocks[0].(*doc.Paragraph); ok {
			return strings.TrimSpace(writer(b).Inlines(p.Inlines))
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

// webAddress reports whether a link leads to the web (or a mail address),
// where a platform's reader can follow it.
func webAddress(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:")
}
