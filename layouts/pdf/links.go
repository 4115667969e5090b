package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/internal/tie"
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

// Cross-references carry the page they lead to ("see Handout 14 (p.
// 87)"), which is known only once the packet is paginated, and differs
// between the files a page goes into: a packet numbers its pages from
// its cover, a handout's own file from 1, and a handout's file does not
// hold the places in other handouts. So a reference's line holds the
// place of its page (a crossRef in richtext.Span.Held) at the width of
// the widest it may print, which the lines are broken with, and each
// file writes the page in that place, in a content stream of its own,
// as it writes its page numbers (folio.go): a paragraph's lines never
// depend on the number. The number is part of the link's text, drawn in
// an MCID of its Link that the page reserved for it (tagged.Reserve);
// in a file without the place, the reference prints without its page
// and is no link.

// crossRef is the page a cross-reference gives after what it names:
// before and after stand around the number ("(p. " and ")"), and without
// is what the place prints in a file that does not hold the reference's
// target ("" for nothing; ")" where the page would have closed a
// parenthesis).
type crossRef struct {
	before, after, without string
}

// text is what the reference prints for a page of its file (0: none).
func (c *crossRef) text(page int) string {
	if page == 0 {
		return c.without
	}
	return c.before + strconv.Itoa(page) + c.after
}

// refDigits is how many digits the place of a cross-reference's page is
// held for: those of the pages a packet of the book's handouts may run
// to, at about ten pages a handout and its share of the appendices in
// the standard set (the bundled teacher packet has nine), the square of
// its magnification more in large print (which has 24). Every digit
// held beyond the page's is space after it, so the estimate is close
// rather than safe: a page longer than it (a book whose handouts run far
// longer) is set narrower to fit its place (heldContent).
func refDigits(b *book.Book, g geometry) int {
	return len(strconv.Itoa(int(10*g.scale*g.scale*float64(len(b.Chapters))) + 10))
}

// pageSpans is the place, after a reference in sp's style leading to
// dest, of the page dest is on, as the book's labels give it
// (page-reference: "p. {page}"), opened with open and closed with close
// ("(" and ")"); without is what the place prints where the file lacks
// the page. The place is one piece of the reference's last word: no line
// parts the reference from its page. The stand-in is the widest number
// of refDigits digits, so that no page printed there is wider.
func (s *setter) pageSpans(b *book.Book, sp richtext.Span, dest anchorName, open, close, without string) richtext.Span {
	before, after, _ := strings.Cut(tie.Spaces(b.Labels.Get("page-reference")), "{page}")
	widest := "0"
	for d := '1'; d <= '9'; d++ {
		if s.fonts.Width(sp.Style, string(d), sp.Size) > s.fonts.Width(sp.Style, widest, sp.Size) {
			widest = string(d)
		}
	}
	held := sp
	held.Actual, held.NoHyphen = "", true
	held.Link = dest
	held.Held = &crossRef{before: open + before, after: after + close, without: without}
	held.Text = open + before + strings.Repeat(widest, refDigits(b, s.g)) + after + close
	return held
}

// pageRef is pageSpans in parentheses after the reference, tied to it:
// " (p. 87)", nothing where the file lacks the page.
func (s *setter) pageRef(b *book.Book, sp richtext.Span, dest anchorName) []richtext.Span {
	return []richtext.Span{s.pageSpans(b, sp, dest, "\u00A0(", ")", "")}
}

// followedBy gives the page's place that ends spans, if one does, the
// punctuation next opens with (the "," of ", ", the ":" of French's
// " : "), so that the punctuation follows the page closely however
// narrower than its place the page prints; it returns the rest of next,
// to set after it, and next itself where spans end otherwise.
func followedBy(spans []richtext.Span, next string) string {
	n := len(spans)
	if n == 0 {
		return next
	}
	ref, ok := spans[n-1].Held.(*crossRef)
	if !ok {
		return next
	}
	punct, rest := next, ""
	if i := strings.IndexByte(next, ' '); i >= 0 {
		punct, rest = next[:i], next[i:]
	}
	spans[n-1].Text += punct
	spans[n-1].Held = &crossRef{before: ref.before, after: ref.after + punct, without: ref.without + punct}
	return rest
}

// anchorName is the place a row starts, for links to it.
type anchorName = string

func handoutAnchor(id string) anchorName { return "#handout-" + id }

func quoteAnchor(chapterID string, n int) anchorName {
	return "#quote-" + chapterID + "-" + strconv.Itoa(n)
}

func appendixAnchor(key string) anchorName { return "#appendix-" + key }

// sectionAnchor is a heading of a chapter's notes, by its id.
func sectionAnchor(chapterID, id string) anchorName {
	return "#section-" + chapterID + "-" + id
}

// questionAnchor is a question where its handout prints it, for its
// answer key to lead back to.
func questionAnchor(chapterID string, n int) anchorName {
	return "#question-" + chapterID + "-" + strconv.Itoa(n)
}

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
	// ref is the page the area gives, at refAt in its text, which each
	// file says in its own numbering (crossRef); nil for none.
	ref   *crossRef
	refAt int
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
		ref, _ := f.Held.(*crossRef)
		if ref != nil {
			text = "" // each file says it (annotations)
		}
		l := pageLink{x: g.left + t.x + f.X, y: base - 0.8*size, w: f.Width, h: size, dest: f.Link, text: text, tag: t.tag, ref: ref}
		// A link broken into fragments of one line is one area.
		if n := len(out); n > 0 && out[n-1].dest == l.dest && out[n-1].tag == l.tag && out[n-1].y == l.y && abs(out[n-1].x+out[n-1].w-l.x) < 0.5 {
			out[n-1].w = l.x + l.w - out[n-1].x
			if ref != nil {
				out[n-1].ref, out[n-1].refAt = ref, len(out[n-1].text)
			}
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

// fileAnchors is the anchors on pages [from, to) of r, for a file of
// those pages: the first of each name.
func fileAnchors(r *rendered, from, to int) map[anchorName]anchorEntry {
	anchors := map[anchorName]anchorEntry{}
	for _, a := range r.anchors {
		if a.page >= from && a.page < to {
			if _, dup := anchors[a.name]; !dup {
				anchors[a.name] = a
			}
		}
	}
	return anchors
}

// annotations resolves the links of pages [from, to) of r for a file of
// those pages, whose anchors are anchors: web links always, jumps when
// their anchor is in the file, saying the page they give in the file's
// numbering (from 1 at from).
func annotations(r *rendered, from, to int, anchors map[anchorName]anchorEntry) [][]annotation {
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
				if l.ref != nil {
					a.text = l.text[:l.refAt] + l.ref.text(at.page-from+1) + l.text[l.refAt:]
				}
			}
			out[i-from] = append(out[i-from], a)
		}
	}
	return out
}

// heldSlot is the place a cross-reference's page is held on a drawn
// page (crossRef).
type heldSlot struct {
	ref  *crossRef
	dest anchorName
	// x and y are where the text starts and its baseline, in millimetres
	// from the page's top left corner; width is the room held.
	x, y, width float64
	style       richtext.Style
	size        float64
	color       richtext.Color
	tag         *tagged.Elem // its Link element; nil: an artifact
	// mcid is the marked content the page reserved for the text (-1: an
	// artifact, a row drawn again), set as the page is drawn.
	mcid int
}

// heldOf is the held places of a row drawn top millimetres below the
// page's top edge, in the order its drawing meets them.
func heldOf(r *row, g geometry, top float64) []*heldSlot {
	var out []*heldSlot
	for _, o := range r.ops {
		t, ok := o.(textOp)
		if !ok {
			continue
		}
		f := t.frag
		if ref, ok := f.Held.(*crossRef); ok {
			out = append(out, &heldSlot{
				ref: ref, dest: f.Link,
				x: g.left + t.x + f.X, y: top + t.y - f.Rise*richtext.PtToMM, width: f.Width,
				style: f.Style, size: f.Size, color: f.Color, tag: t.tag, mcid: -1,
			})
		}
	}
	return out
}

// heldContent is the content stream that prints the cross-references'
// pages on page i of r in a file of pages [from, to) whose anchors are
// anchors: each in its place, in the reference's face, size and colour,
// as marked content of its Link, or as an artifact where the row is
// drawn again. What it prints starts the place, so that what follows
// the page on its line follows it (text extraction reads a wide gap as a
// column's edge; callers put the place where what it leaves is at the end
// of a phrase); a page wider than its place (a packet longer than
// refDigits allows for) is set narrower to fit it. nil where the page
// holds no place.
func heldContent(r *rendered, i, from int, anchors map[anchorName]anchorEntry, g geometry) ([]byte, error) {
	if len(r.held[i]) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	for _, s := range r.held[i] {
		page := 0
		if at, ok := anchors[s.dest]; ok {
			page = at.page - from + 1
		}
		text := s.ref.text(page)
		switch {
		case s.mcid >= 0:
			fmt.Fprintf(&b, "/%s <</MCID %d>> BDC\n", s.tag.Role, s.mcid)
		case text == "":
			continue
		default:
			b.WriteString("/Artifact BMC\n")
		}
		if text != "" {
			squeeze := 100 * min(1, s.width/g.fonts.Width(s.style, text, s.size))
			if err := r.file.showText(&b, g, g.fonts, text, s.style, s.size, s.color, s.x, s.y, squeeze); err != nil {
				return nil, err
			}
		}
		b.WriteString("EMC\n")
	}
	return b.Bytes(), nil
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
