package epub

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// xhtmlWriter writes one piece of the book's Markdown (a chapter body, a
// question's prompt or guidance) as XHTML for a content document: the
// HTML of CommonMark and GFM, with headings carrying their ids (the
// contents links to them), images and chapter links pointing inside the
// EPUB, citations formatted in the book's style, and footnotes as EPUB 3
// pop-up notes. A new one is made for every piece, since it carries that
// piece's note prefix and heading shift; the document is only read.
type xhtmlWriter struct {
	e *edition
	m *book.Markdown
	w strings.Builder
	// notePrefix keeps the footnote ids of two pieces of one document apart.
	notePrefix string
	// headingShift lowers headings inside questions and guidance below the
	// document's own h2/h3.
	headingShift int
	diags        *diag.List
}

// textEscaper escapes text and attribute values as CommonMark's HTML does.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (x *xhtmlWriter) text(s string) { textEscaper.WriteString(&x.w, s) }

func (x *xhtmlWriter) blocks(bs []doc.Block) {
	for i, b := range bs {
		x.block(b, i+1 < len(bs))
	}
}

// block writes one block; more says whether a block follows it.
func (x *xhtmlWriter) block(b doc.Block, more bool) {
	w := &x.w
	switch b := b.(type) {
	case *doc.Paragraph:
		if img := captioned(b); img != nil {
			x.figure(img)
			return
		}
		w.WriteString("<p>")
		x.inlines(b.Inlines)
		w.WriteString("</p>\n")
	case *doc.Plain:
		x.inlines(b.Inlines)
		if more && len(b.Inlines) > 0 {
			w.WriteByte('\n')
		}
	case *doc.Heading:
		level := min(b.Level+x.headingShift, 6)
		fmt.Fprintf(w, "<h%d", level)
		if b.ID != "" {
			fmt.Fprintf(w, ` id="%s"`, b.ID)
		}
		w.WriteString(">")
		x.inlines(b.Inlines)
		fmt.Fprintf(w, "</h%d>\n", level)
	case *doc.BlockQuote:
		w.WriteString("<blockquote>\n")
		x.blocks(b.Blocks)
		w.WriteString("</blockquote>\n")
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		w.WriteString("<" + tag)
		if b.Ordered && b.Start != 1 {
			fmt.Fprintf(w, ` start="%d"`, b.Start)
		}
		w.WriteString(">\n")
		for _, it := range b.Items {
			w.WriteString("<li>")
			if len(it.Blocks) > 0 {
				if _, plain := it.Blocks[0].(*doc.Plain); !plain {
					w.WriteByte('\n')
				}
			}
			x.blocks(it.Blocks)
			w.WriteString("</li>\n")
		}
		w.WriteString("</" + tag + ">\n")
	case *doc.CodeBlock:
		w.WriteString("<pre><code")
		if b.Language != "" {
			w.WriteString(` class="language-`)
			x.text(b.Language)
			w.WriteString(`"`)
		}
		w.WriteString(">")
		for _, l := range b.Lines {
			x.text(l)
		}
		w.WriteString("</code></pre>\n")
	case *doc.Rule:
		w.WriteString("<hr />\n")
	case *doc.Table:
		x.table(b)
	}
}

// table writes a GFM table; header cells get scope="col", and alignment
// is a style, which EPUB accepts (not the align attribute).
func (x *xhtmlWriter) table(t *doc.Table) {
	w := &x.w
	w.WriteString("<table>\n<thead>\n<tr>\n")
	x.cells(t.Header, "th")
	w.WriteString("</tr>\n</thead>\n")
	if len(t.Rows) > 0 {
		w.WriteString("<tbody>\n")
		for _, r := range t.Rows {
			w.WriteString("<tr>\n")
			x.cells(r, "td")
			w.WriteString("</tr>\n")
		}
		w.WriteString("</tbody>\n")
	}
	w.WriteString("</table>\n")
}

func (x *xhtmlWriter) cells(cells []*doc.Cell, tag string) {
	w := &x.w
	for _, c := range cells {
		w.WriteString("<" + tag)
		if tag == "th" {
			w.WriteString(` scope="col"`)
		}
		if c.Align != doc.AlignNone {
			fmt.Fprintf(w, ` style="text-align:%s"`, c.Align)
		}
		w.WriteString(">")
		x.inlines(c.Inlines)
		fmt.Fprintf(w, "</%s>\n", tag)
	}
}

func (x *xhtmlWriter) inlines(is []doc.Inline) {
	for _, i := range is {
		x.inline(i)
	}
}

func (x *xhtmlWriter) inline(i doc.Inline) {
	w := &x.w
	switch i := i.(type) {
	case *doc.Text:
		x.text(i.Text)
	case *doc.Break:
		if i.Hard {
			w.WriteString("<br />\n")
		} else {
			w.WriteByte('\n')
		}
	case *doc.Emphasis:
		w.WriteString("<em>")
		x.inlines(i.Inlines)
		w.WriteString("</em>")
	case *doc.Strong:
		w.WriteString("<strong>")
		x.inlines(i.Inlines)
		w.WriteString("</strong>")
	case *doc.Strike:
		w.WriteString("<del>")
		x.inlines(i.Inlines)
		w.WriteString("</del>")
	case *doc.Code:
		w.WriteString("<code>")
		x.text(strings.ReplaceAll(i.Text, "\n", " "))
		w.WriteString("</code>")
	case *doc.Link:
		fmt.Fprintf(w, `<a href="%s"`, esc(x.e.linkHref(x.m, i)))
		if i.Title != "" {
			fmt.Fprintf(w, ` title="%s"`, esc(i.Title))
		}
		w.WriteString(">")
		x.inlines(i.Inlines)
		w.WriteString("</a>")
	case *doc.AutoLink:
		w.WriteString(`<a href="`)
		x.text(i.Href)
		w.WriteString(`">`)
		x.text(i.URL)
		w.WriteString("</a>")
	case *doc.Image:
		x.image(i)
	case *doc.Citation:
		fmt.Fprintf(w, `<span class="citation">%s</span>`, x.e.b.Cite(i.Items).HTML())
	case *doc.NoteRef:
		fmt.Fprintf(w, `<a class="noteref" id="%s" href="#%s" epub:type="noteref" role="doc-noteref">%d</a>`,
			x.noteRefID(i.Index, i.Call), x.noteID(i.Index), i.Index)
	}
}

// image points a project image at its copy in the EPUB.
func (x *xhtmlWriter) image(img *doc.Image) {
	alt := plainText(x.e.b, img.Alt)
	src, ok := x.e.imageHref[img.Path]
	if !ok {
		// The loader reported an image that leads nowhere or could not be
		// read; its description stands in for it.
		x.diags.Warnf(x.m.NodePos(img), "image %s is not part of the book; the EPUB shows its description instead", img.Dest)
		fmt.Fprintf(&x.w, `<span class="image-description">[%s]</span>`, esc(alt))
		return
	}
	fmt.Fprintf(&x.w, `<img src="%s" alt="%s"`, esc(src), esc(alt))
	if img.Title != "" {
		fmt.Fprintf(&x.w, ` title="%s"`, esc(img.Title))
	}
	x.w.WriteString(" />")
}

// captioned is the image of a paragraph that holds only an image with a
// title: a figure, its title the caption.
func captioned(p *doc.Paragraph) *doc.Image {
	var img *doc.Image
	for _, in := range p.Inlines {
		switch in := in.(type) {
		case *doc.Image:
			if img != nil {
				return nil
			}
			img = in
		case *doc.Text:
			if strings.TrimSpace(in.Text) != "" {
				return nil
			}
		default:
			return nil
		}
	}
	if img == nil || strings.TrimSpace(img.Title) == "" {
		return nil
	}
	return img
}

// figure writes an image with its title as the caption, which readers
// and assistive technology take for the figure's caption (a title
// attribute as well would be read twice).
func (x *xhtmlWriter) figure(img *doc.Image) {
	if _, ok := x.e.imageHref[img.Path]; !ok {
		x.w.WriteString("<p>")
		x.image(img) // its description, and the warning
		x.w.WriteString("</p>\n")
		return
	}
	x.w.WriteString(`<figure class="figure">`)
	untitled := *img
	untitled.Title = ""
	x.image(&untitled)
	x.w.WriteString("<figcaption>")
	x.text(img.Title)
	x.w.WriteString("</figcaption></figure>\n")
}

func (x *xhtmlWriter) noteID(index int) string { return fmt.Sprintf("%sfn-%d", x.notePrefix, index) }

func (x *xhtmlWriter) noteRefID(index, call int) string {
	if call == 0 {
		return fmt.Sprintf("%sfnref-%d", x.notePrefix, index)
	}
	return fmt.Sprintf("%sfnref-%d-%d", x.notePrefix, index, call+1)
}

// notes writes the footnotes, each opening with its number, the link
// back to its first call; further calls of the same note get their own
// small links at its end.
func (x *xhtmlWriter) notes(notes []*doc.Note) {
	if len(notes) == 0 {
		return
	}
	w := &x.w
	w.WriteString(`<div class="footnotes">` + "\n")
	for _, n := range notes {
		fmt.Fprintf(w, `<aside class="footnote" id="%s" epub:type="footnote" role="doc-footnote">`+"\n", x.noteID(n.Index))
		blocks := n.Blocks
		if _, ok := firstBlock(blocks).(*doc.Paragraph); !ok {
			w.WriteString("<p>")
			x.noteNumber(n.Index)
			w.WriteString("</p>\n")
		}
		for i, b := range blocks {
			p, ok := b.(*doc.Paragraph)
			if !ok || (i > 0 && i < len(blocks)-1) {
				x.block(b, i+1 < len(blocks))
				continue
			}
			w.WriteString("<p>")
			if i == 0 {
				x.noteNumber(n.Index)
			}
			x.inlines(p.Inlines)
			if i == len(blocks)-1 {
				x.backlinks(n)
			}
			w.WriteString("</p>\n")
		}
		if _, ok := lastBlock(blocks).(*doc.Paragraph); !ok {
			x.backlinks(n)
		}
		w.WriteString("</aside>\n")
	}
	w.WriteString("</div>\n")
}

func firstBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

func lastBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[len(bs)-1]
}

func (x *xhtmlWriter) noteNumber(index int) {
	fmt.Fprintf(&x.w, `<a class="note-number" href="#%s" role="doc-backlink" title="%s">%d.</a> `,
		x.noteRefID(index, 0), esc(x.e.label("back-to-text")), index)
}

func (x *xhtmlWriter) backlinks(n *doc.Note) {
	for call := 1; call < n.Calls; call++ {
		fmt.Fprintf(&x.w, ` <a class="backlink" href="#%s" role="doc-backlink" title="%s">↑%d</a>`,
			x.noteRefID(n.Index, call), esc(x.e.label("back-to-text")), call+1)
	}
}

// esc escapes text for XHTML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// plainText is the text of inlines as a reader would say it: citations
// formatted, markup dropped.
func plainText(b *book.Book, is []doc.Inline) string {
	var sb strings.Builder
	var add func(is []doc.Inline)
	add = func(is []doc.Inline) {
		for _, i := range is {
			switch i := i.(type) {
			case *doc.Text:
				sb.WriteString(i.Text)
			case *doc.Break:
				sb.WriteByte(' ')
			case *doc.Code:
				sb.WriteString(i.Text)
			case *doc.AutoLink:
				sb.WriteString(i.URL)
			case *doc.Citation:
				sb.WriteString(b.Cite(i.Items).Plain())
			default:
				add(doc.Children(i))
			}
		}
	}
	add(is)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// linkHref maps a Markdown link to an href inside the EPUB. Check has
// allowed only web and mail links, fragments, and links to chapters, and
// warned about a fragment that names nothing in its chapter: that one is
// dropped, since a dead fragment is an error in an EPUB.
func (e *edition) linkHref(m *book.Markdown, n *doc.Link) string {
	dest := n.Dest
	if u, err := url.Parse(dest); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") {
		return dest
	}
	p, frag, _ := strings.Cut(dest, "#")
	here := e.chapterByPath[m.File]
	target := here
	if p != "" {
		target = e.chapterByPath[path.Clean(p)]
	}
	if target == nil { // Check lets nothing else through
		return dest
	}
	if frag != "" && target.Chapter.HasAnchor(frag) {
		if target == here {
			return "#" + frag
		}
		return target.File + "#" + frag
	}
	return target.File
}
