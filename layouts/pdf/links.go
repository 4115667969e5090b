package pdf

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// Links: text whose spans carry a Link (richtext.Span) is clickable. A web
// address opens in the browser; a place in the document ("#handout-ID", an
// anchor some row carries) is a jump to that row, written per file by
// finish.go, because a packet's pages go into more than one file: a
// cross-reference to another handout jumps within the packet, and in a
// single handout, where that handout is not, stays plain text (the words
// still say which handout it is).

// anchorName is the place a row starts, for links to it.
type anchorName = string

func handoutAnchor(id string) anchorName { return "#handout-" + id }

func quoteAnchor(chapterID string, n int) anchorName {
	return "#quote-" + chapterID + "-" + strconv.Itoa(n)
}

func appendixAnchor(key string) anchorName { return "#appendix-" + key }

// rubricAnchor is a mark scheme where a handout prints it.
func rubricAnchor(chapterID, rubricID string) anchorName {
	return "#rubric-" + chapterID + "-" + rubricID
}

// linkTags gives linked text its Link element: consecutive fragments of
// one link, on one line or several, share it (PDF/UA: the Link holds the
// text and, through an OBJR, each of its annotations).
type linkTags struct {
	parent, elem *tagged.Elem
	dest         string
}

// of is the element of a fragment leading to dest, in parent.
func (l *linkTags) of(parent *tagged.Elem, dest string) *tagged.Elem {
	if dest == "" || parent == nil || parent.Role == tagged.Link {
		l.dest = ""
		return parent
	}
	if l.dest != dest || l.parent != parent {
		l.parent, l.dest, l.elem = parent, dest, parent.Add(tagged.Link)
	}
	return l.elem
}

// isWebLink reports whether a link leads out of the document, to a
// scheme a reader may open (never javascript: or file:).
func isWebLink(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:")
}

// anchorEntry is an anchor placed on a page.
type anchorEntry struct {
	name anchorName
	page int     // 0-based page of the document
	top  float64 // distance from the page's top edge, mm
}

// pageLink is a clickable area of a drawn page, in millimetres from the
// page's top left corner.
type pageLink struct {
	x, y, w, h float64
	dest       string       // a web address or an anchor
	text       string       // what the area says, for readers that list links
	tag        *tagged.Elem // its Link element
}

// linksOf is the clickable areas of a row drawn top millimetres below the
// page's top edge: one per fragment of linked text.
func linksOf(r *row, g geometry, top float64) []pageLink {
	var out []pageLink
	tail := "" // the rest of a hyphenated word, if a link starts with it
	for _, o := range r.ops {
		t, ok := o.(textOp)
		if !ok || t.frag.Link == "" || t.frag.BreakSpace() {
			continue
		}
		f := t.frag
		size := f.Size * richtext.PtToMM
		base := top + t.y - f.Rise*richtext.PtToMM
		// The area says what the text reads: a word hyphenated at the
		// line's end whole, its tail nothing (unless that is all it has),
		// small capitals in their own case.
		text := f.Text
		if actual, ok := f.ActualText(); ok {
			text = actual
		}
		if f.Spaced { // a word break for readers, not part of what the link says
			text = strings.TrimSuffix(text, " ")
		}
		l := pageLink{x: g.left + t.x + f.X, y: base - 0.8*size, w: f.Width, h: size, dest: f.Link, text: text, tag: t.tag}
		// A link broken into fragments of one line is one area.
		if n := len(out); n > 0 && out[n-1].dest == l.dest && out[n-1].tag == l.tag && out[n-1].y == l.y && abs(out[n-1].x+out[n-1].w-l.x) < 0.5 {
			out[n-1].w = l.x + l.w - out[n-1].x
			out[n-1].text += l.text
			continue
		}
		if f.Tail {
			tail = f.Text
		}
		out = append(out, l)
	}
	if len(out) > 0 && out[0].text == "" {
		out[0].text = tail
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// annotations resolves the links of pages [from, to) of r for a file of
// those pages: web links always, jumps when their anchor is in the file.
func annotations(r *rendered, from, to int) [][]annotation {
	anchors := map[anchorName]anchorEntry{}
	for _, a := range r.anchors {
		if a.page >= from && a.page < to {
			if _, dup := anchors[a.name]; !dup {
				anchors[a.name] = a
			}
		}
	}
	out := make([][]annotation, to-from)
	for i := from; i < to; i++ {
		for _, l := range r.links[i] {
			a := annotation{pageLink: l, page: -1}
			if !isWebLink(l.dest) {
				at, ok := anchors[l.dest]
				if !ok {
					continue
				}
				a.page, a.top = at.page-from, at.top
			}
			out[i-from] = append(out[i-from], a)
		}
	}
	return out
}

// annotation is a link as a file writes it: to a web address, or to a
// page of the file (page ≥ 0) top millimetres below its top edge.
type annotation struct {
	pageLink
	page int
	top  float64
}

// webAddress is a web address in running text; the punctuation that
// closes a sentence or an entry after it is not part of it.
var webAddress = regexp.MustCompile(`https?://[^\s<>"]*[^\s<>".,;:)\]]`)

// withWebLinks splits spans so that every web address in their text is a
// link of its own (a works-cited entry's URL and DOI).
func withWebLinks(spans []richtext.Span) []richtext.Span {
	var out []richtext.Span
	for _, s := range spans {
		at := 0
		for _, m := range webAddress.FindAllStringIndex(s.Text, -1) {
			if m[0] > at {
				before := s
				before.Text = s.Text[at:m[0]]
				out = append(out, before)
			}
			link := s
			link.Text, link.Link = s.Text[m[0]:m[1]], s.Text[m[0]:m[1]]
			out = append(out, link)
			at = m[1]
		}
		if at < len(s.Text) {
			rest := s
			rest.Text = s.Text[at:]
			out = append(out, rest)
		}
	}
	return out
}
