package epub

import (
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// pieceHooks are the EPUB's answers to the XHTML writer for one piece of
// the book's Markdown (a chapter body, a question's prompt or guidance):
// images and chapter links point inside the EPUB, citations are
// formatted in the book's style where they stand in their chapter.
type pieceHooks struct {
	e *edition
	m *book.Markdown
	// cites are the chapter's, or on a document that stands apart from
	// the chapters (the answer key, the toolkit's) the edition's alone,
	// where every citation is a first cite
	cites *book.Citations
	diags *diag.List
}

func (h pieceHooks) Href(l *doc.Link) (string, bool) { return h.e.linkHref(h.m, l), true }

func (h pieceHooks) Cite(n *doc.Citation) cite.Text { return h.cites.Text(n) }

// ImageSrc points a project image at its copy in the EPUB. The loader
// reported an image that leads nowhere or could not be read; its
// description stands in for it, with a warning here.
func (h pieceHooks) ImageSrc(img *doc.Image) (string, bool) {
	src, ok := h.e.imageHref[img.Path]
	if !ok {
		h.diags.Warnf(h.m.NodePos(img), "image %s is not part of the book; the EPUB shows its description instead", img.Dest)
	}
	return src, ok
}

// esc escapes text for XHTML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

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
