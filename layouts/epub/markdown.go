package epub

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

// xhtmlRenderer turns one piece of the book's Markdown (a chapter body, a
// question's prompt or guidance) into XHTML for a content document. It
// overrides the goldmark nodes whose HTML an EPUB cannot take as goldmark
// writes it: headings get stable ids (the contents links to them), images
// and chapter links point inside the EPUB, citations are formatted in the
// book's style, and footnotes become EPUB 3 pop-up notes. A new one is made
// for every piece, since it carries that piece's state; the AST is only read.
type xhtmlRenderer struct {
	e *edition
	m *book.Markdown
	// headingIDs holds the id of every heading of m, in document order
	// (the walk headingIDs made over another parse of m); next is the
	// next heading's.
	headingIDs []string
	next       int
	// notePrefix keeps the footnote ids of two pieces of one document apart.
	notePrefix string
	// headingShift lowers headings inside questions and guidance below the
	// document's own h2/h3.
	headingShift int
	diags        *diag.List
	rd           renderer.Renderer
}

// renderNode renders one node of m (a block of it, or all of it) as XHTML.
func (r *xhtmlRenderer) renderNode(n ast.Node) (string, error) {
	if r.rd == nil {
		r.rd = renderer.NewRenderer(renderer.WithNodeRenderers(
			util.Prioritized(ghtml.NewRenderer(ghtml.WithXHTML()), 1000),
			util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignStyle)), 500),
			util.Prioritized(extension.NewStrikethroughHTMLRenderer(ghtml.WithXHTML()), 500),
			// A lower number wins: these replace the defaults above.
			util.Prioritized(r, 100),
		))
	}
	var buf bytes.Buffer
	if err := r.rd.Render(&buf, r.m.Source, n); err != nil {
		return "", fmt.Errorf("%s: %w", r.m.File, err)
	}
	return buf.String(), nil
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *xhtmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(east.KindTableCell, r.tableCell)
	reg.Register(book.KindCitation, r.citation)
	reg.Register(east.KindFootnoteLink, r.noteRef)
	reg.Register(east.KindFootnoteBacklink, r.noteBacklink)
	reg.Register(east.KindFootnote, r.note)
	reg.Register(east.KindFootnoteList, r.noteList)
}

func (r *xhtmlRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := min(n.Level+r.headingShift, 6)
	if entering {
		fmt.Fprintf(w, "<h%d", level)
		if r.next < len(r.headingIDs) {
			fmt.Fprintf(w, ` id="%s"`, r.headingIDs[r.next])
			r.next++
		}
		w.WriteString(">")
	} else {
		fmt.Fprintf(w, "</h%d>\n", level)
	}
	return ast.WalkContinue, nil
}

// image points a project image at its copy in the EPUB; the loader has
// already made the destination a project path.
func (r *xhtmlRenderer) image(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := plainText(r.e.b, r.m, n)
	src, ok := r.e.imageHref[string(n.Destination)]
	if !ok {
		// The book loads the images of chapter bodies only; one in a
		// question's prompt or guidance is not in b.Images, so its
		// description stands in for it.
		r.diags.Warnf(r.m.NodePos(n), "image %s is not part of the book (only chapter bodies' images are loaded); the EPUB shows its description instead", n.Destination)
		fmt.Fprintf(w, `<span class="image-description">[%s]</span>`, esc(alt))
		return ast.WalkSkipChildren, nil
	}
	fmt.Fprintf(w, `<img src="%s" alt="%s"`, esc(src), esc(alt))
	if n.Title != nil {
		fmt.Fprintf(w, ` title="%s"`, esc(string(n.Title)))
	}
	w.WriteString(" />")
	return ast.WalkSkipChildren, nil
}

// link keeps web and mail links, and turns a link to a chapter's Markdown
// file into a link to that chapter's document.
func (r *xhtmlRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	href := r.e.linkHref(r.m, n, r.diags)
	fmt.Fprintf(w, `<a href="%s"`, esc(href))
	if n.Title != nil {
		fmt.Fprintf(w, ` title="%s"`, esc(string(n.Title)))
	}
	w.WriteString(">")
	return ast.WalkContinue, nil
}

// paragraph is goldmark's, except that a footnote's first paragraph starts
// with the note's number, linking back to where the note is called.
func (r *xhtmlRenderer) paragraph(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("<p>")
	if fn, ok := node.Parent().(*east.Footnote); ok && node.PreviousSibling() == nil {
		r.noteNumber(w, fn.Index)
	}
	return ast.WalkContinue, nil
}

// tableCell replaces goldmark's, which writes the alignment style into the
// shared AST as it renders (so a second render doubles it, and two
// concurrent renders race). Header cells get scope="col".
func (r *xhtmlRenderer) tableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag := "td"
	if n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	w.WriteString("<" + tag)
	if tag == "th" {
		w.WriteString(` scope="col"`)
	}
	if n.Alignment != east.AlignNone {
		fmt.Fprintf(w, ` style="text-align:%s"`, n.Alignment.String())
	}
	w.WriteString(">")
	return ast.WalkContinue, nil
}

func (r *xhtmlRenderer) citation(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*book.Citation)
		fmt.Fprintf(w, `<span class="citation">%s</span>`, r.e.b.Cite(n.Items).HTML())
	}
	return ast.WalkSkipChildren, nil
}

func (r *xhtmlRenderer) noteID(index int) string { return fmt.Sprintf("%sfn-%d", r.notePrefix, index) }

func (r *xhtmlRenderer) noteRefID(index, refIndex int) string {
	if refIndex == 0 {
		return fmt.Sprintf("%sfnref-%d", r.notePrefix, index)
	}
	return fmt.Sprintf("%sfnref-%d-%d", r.notePrefix, index, refIndex+1)
}

// noteRef is the call of a note: epub:type and role together make readers
// show the note in a pop-up.
func (r *xhtmlRenderer) noteRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*east.FootnoteLink)
		fmt.Fprintf(w, `<a class="noteref" id="%s" href="#%s" epub:type="noteref" role="doc-noteref">%d</a>`,
			r.noteRefID(n.Index, n.RefIndex), r.noteID(n.Index), n.Index)
	}
	return ast.WalkContinue, nil
}

// noteNumber opens a note with its number, the link back to its first call.
func (r *xhtmlRenderer) noteNumber(w util.BufWriter, index int) {
	fmt.Fprintf(w, `<a class="note-number" href="#%s" role="doc-backlink" title="Back to the text">%d.</a> `,
		r.noteRefID(index, 0), index)
}

// noteBacklink: the first call is linked from the note's number; further
// calls of the same note get their own small links at its end.
func (r *xhtmlRenderer) noteBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.FootnoteBacklink)
	if entering && n.RefIndex > 0 {
		fmt.Fprintf(w, ` <a class="backlink" href="#%s" role="doc-backlink" title="Back to the text">↑%d</a>`,
			r.noteRefID(n.Index, n.RefIndex), n.RefIndex+1)
	}
	return ast.WalkContinue, nil
}

func (r *xhtmlRenderer) note(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.Footnote)
	if !entering {
		w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<aside class="footnote" id="%s" epub:type="footnote" role="doc-footnote">`+"\n", r.noteID(n.Index))
	if _, ok := n.FirstChild().(*ast.Paragraph); !ok {
		w.WriteString("<p>")
		r.noteNumber(w, n.Index)
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func (r *xhtmlRenderer) noteList(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="footnotes">` + "\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// esc escapes text for XHTML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// plainText is the text of a node as a reader would say it: citations
// formatted, markup dropped.
func plainText(b *book.Book, m *book.Markdown, n ast.Node) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(c.Segment.Value(m.Source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		case *book.Citation:
			sb.WriteString(b.Cite(c.Items).Plain())
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(sb.String()), " ")
}

// section is a heading of a chapter's own, listed in the contents.
type section struct {
	ID    string
	Title string
}

// reservedIDs are the ids a chapter document uses for its own parts.
var reservedIDs = []string{"chapter-title", "key-quotations", "discussion-questions", "notes"}

// headingIDs gives every heading of a chapter body an id derived from its
// text the way GitHub and pandoc do (so a link written as #the-exchanges
// finds its heading), restricted to ASCII so that every reader resolves
// it; duplicates get -2, -3. It returns the ids in document order (the
// order the renderer meets the headings in) and the level-2 headings, the
// chapter's sections in the contents.
func headingIDs(b *book.Book, m *book.Markdown, used map[string]bool) ([]string, []section) {
	var ids []string
	var sections []section
	n := 0
	_ = ast.Walk(m.Parse(), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := node.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		n++
		title := plainText(b, m, h)
		base := book.Slug(title)
		switch {
		case base == "":
			base = "section-" + strconv.Itoa(n)
		case base[0] >= '0' && base[0] <= '9', strings.HasPrefix(base, "fn"), strings.HasPrefix(base, "quote-"), strings.HasPrefix(base, "question-"):
			base = "s-" + base
		}
		id := base
		for i := 2; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		ids = append(ids, id)
		if h.Level == 2 && title != "" {
			sections = append(sections, section{ID: id, Title: title})
		}
		return ast.WalkSkipChildren, nil
	})
	return ids, sections
}

// linkHref maps a Markdown link to an href inside the EPUB. Check has
// allowed only web and mail links, fragments, and links to chapters; a
// fragment that names nothing in its chapter is dropped with a warning,
// since a dead fragment is an error in an EPUB.
func (e *edition) linkHref(m *book.Markdown, n *ast.Link, diags *diag.List) string {
	dest := string(n.Destination)
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
	href := target.File
	if frag != "" {
		if target.ids[frag] {
			if target == here {
				return "#" + frag
			}
			return href + "#" + frag
		}
		diags.Warnf(m.NodePos(n), "link %q: %s has no heading or quotation with the id %q; the EPUB links to the chapter instead", dest, target.Chapter.Path, frag)
		if len(target.Sections) > 0 {
			var ids []string
			for _, s := range target.Sections {
				ids = append(ids, "#"+s.ID)
			}
			diags.Hintf("its sections are %s", strings.Join(ids, ", "))
		}
	}
	return href
}
