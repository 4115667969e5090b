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
// and is no link. What follows the page on its line is written by each
// file too, in MCIDs reserved where the page would have drawn it, moved
// up to the page the file prints (heldLine): it follows at a word
// space, not after the room held.

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
	// line is the held line the area ends on, where what it covers is
	// drawn by each file (heldLine): first and last are the slots of its
	// first and last fragments (-1: one the page draws, which stays).
	line        *heldLine
	first, last int
}

// linksOf is the clickable areas of a row drawn top millimetres below the
// page's top edge, whose held lines are held (heldOf): one per fragment
// of linked text.
func linksOf(r *row, g geometry, top float64, held []*heldLine) []pageLink {
	var out []pageLink
	tail := "" // the rest of a hyphenated word, if a link starts with it
	for j, o := range r.ops {
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
		l := pageLink{x: g.left + t.x + f.X, y: base - 0.8*size, w: f.Width, h: size, dest: f.Link, text: text, tag: t.tag, ref: ref, first: -1, last: -1}
		if t.line != nil {
			l.line, l.first = slotOf(held, j)
			l.last = l.first
		}
		// A link broken into fragments of one line is one area.
		if n := len(out); n > 0 && out[n-1].dest == l.dest && out[n-1].tag == l.tag && out[n-1].y == l.y && abs(out[n-1].x+out[n-1].w-l.x) < 0.5 {
			out[n-1].w = l.x + l.w - out[n-1].x
			if l.line != nil {
				out[n-1].line = l.line
			}
			out[n-1].last = l.last
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

// slotOf is the held line and slot of op j of a row whose held lines
// are held; nil and -1 for an op the page draws.
func slotOf(held []*heldLine, j int) (*heldLine, int) {
	for _, l := range held {
		for k, s := range l.slots {
			if s.op == j {
				return l, k
			}
		}
	}
	return nil, -1
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
// those pages, whose anchors are anchors and held lines' slots placed at
// places (filePlaces): web links always, jumps when their anchor is in
// the file, saying the page they give in the file's numbering (from 1 at
// from), each over its text where the file draws it.
func annotations(r *rendered, from, to int, anchors map[anchorName]anchorEntry, places map[*heldLine][]placed) [][]annotation {
	out := make([][]annotation, to-from)
	for i := from; i < to; i++ {
		for _, l := range r.links[i] {
			a := annotation{pageLink: l, page: -1}
			if at := places[l.line]; at != nil {
				x0, x1 := a.x, a.x+a.w
				if l.first >= 0 {
					x0 = at[l.first].x
				}
				if l.last >= 0 {
					x1 = at[l.last].x + at[l.last].w
				}
				a.x, a.w = x0, x1-x0
			}
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

// refLine marks the ops of a line that holds the place of a
// cross-reference's page (markRefLine), for heldOf to find them.
type refLine struct {
	stretch float64 // what justification added after each space, mm (richtext.Line.Stretch)
}

// heldLine is what each file draws itself of a line that holds the
// place of a cross-reference's page, as a page draws the line: the place
// (or places), and the line's text after the first, so that it follows
// the page the file prints there however much narrower than its place
// that is (place); on a justified line, all its text, which each file
// justifies again. Its slots are in the order of the line's ops.
type heldLine struct {
	slots   []*heldSlot
	stretch float64 // refLine's
	// space is a space of the line's text, unstretched: a file sets the
	// line ragged where its spaces would be stretched to more than three
	// times it, as richtext leaves a line that would gape.
	space float64
}

// heldSlot is what a file draws of a held line (heldLine): the place of
// a cross-reference's page (ref), a fragment of the text after it (frag),
// or the underline of one (rule).
type heldSlot struct {
	ref  *crossRef // nil: text or an underline the line moves
	dest anchorName
	// x and y are where the slot starts on the page and its baseline (a
	// rule's own height), in millimetres from the page's top left corner;
	// width is the room it takes there: for a place, the room held.
	x, y, width float64
	style       richtext.Style // a place's
	size        float64
	color       richtext.Color
	frag        richtext.Fragment // text: drawn from x (its X is the line's)
	rule        *lineOp           // an underline
	tag         *tagged.Elem      // its element (a place's Link); nil: an artifact
	// mcid is the marked content the page reserved for the slot (-1: an
	// artifact, a row drawn again), set as the page is drawn.
	mcid int
	op   int // the op's index in its row
	// glue says that justification widened the space before the slot.
	glue bool
}

// heldOf is the held lines of a row drawn top millimetres below the
// page's top edge, in the order its drawing meets them. A line set
// ragged moves what follows its first place, if anything that shows
// follows it (a place at the line's end needs nothing moved), and a
// justified line all its text.
func heldOf(r *row, g geometry, top float64) []*heldLine {
	var out []*heldLine
	for i := 0; i < len(r.ops); {
		l := opLine(r.ops[i])
		if t, ok := r.ops[i].(textOp); ok && l == nil && t.frag.Held != nil {
			// A place whose line is not marked: it alone.
			l = &refLine{}
			out = append(out, heldLineOf(r.ops, i, i+1, l, g, top))
			i++
			continue
		}
		if l == nil {
			i++
			continue
		}
		j := i + 1
		for j < len(r.ops) && opLine(r.ops[j]) == l {
			j++
		}
		out = append(out, heldLineOf(r.ops, i, j, l, g, top))
		i = j
	}
	return out
}

// opLine is the held line an op is part of (markRefLine), nil for none.
func opLine(o op) *refLine {
	switch o := o.(type) {
	case textOp:
		return o.line
	case lineOp:
		return o.line
	}
	return nil
}

// heldLineOf is the held line of ops[i:j], the ops of line l.
func heldLineOf(ops []op, i, j int, l *refLine, g geometry, top float64) *heldLine {
	first, last := -1, -1 // the line's first and last places
	shows := false        // whether anything that shows follows the last
	for k := i; k < j; k++ {
		t, ok := ops[k].(textOp)
		switch {
		case ok && t.frag.Held != nil:
			if first < 0 {
				first = k
			}
			last, shows = k, false
		case !ok || !t.frag.BreakSpace():
			shows = true
		}
	}
	from, to := first, j
	if !shows {
		to = last + 1
	}
	if l.stretch > 0 {
		from, to = i, j
	}
	h := &heldLine{stretch: l.stretch}
	end := -1.0 // where the text before the slot ends
	for k := from; k < to; k++ {
		s := &heldSlot{op: k, mcid: -1}
		switch o := ops[k].(type) {
		case textOp:
			f := o.frag
			s.x, s.y, s.width, s.tag = g.left+o.x+f.X, top+o.y-f.Rise*richtext.PtToMM, f.Width, o.tag
			if ref, ok := f.Held.(*crossRef); ok {
				s.ref, s.dest, s.style, s.size, s.color = ref, f.Link, f.Style, f.Size, f.Color
			} else {
				s.frag = f
			}
			if h.space == 0 {
				h.space = g.fonts.Width(f.Style, " ", f.Size)
			}
			s.glue = l.stretch > 0 && end >= 0 && s.x-end > l.stretch/2
			end = s.x + f.Width
		case lineOp:
			rule := o
			s.rule, s.x, s.y, s.width = &rule, g.left+o.x1, top+o.y1, o.x2-o.x1
		}
		h.slots = append(h.slots, s)
	}
	return h
}

// placed is where a file draws a slot of a held line: from x, taking w;
// for a place, the text it prints there, its glyphs squeezed to squeeze
// percent where it is wider than its place.
type placed struct {
	x, w    float64
	text    string
	squeeze float64
}

// place is where a file draws the slots of l, in which a
// cross-reference's target is on page pageOf(dest) (0: the file has it
// not): each place prints its page from where the place starts, and the
// text after it follows it, moved left by the room the places before it
// on the line leave; a justified line spreads that room over its spaces
// again, or, where they would gape, is set ragged. A page wider than its
// place (a packet longer than refDigits allows for) is set narrower to
// fit it.
func (l *heldLine) place(fonts *richtext.Fonts, pageOf func(anchorName) int) []placed {
	out := make([]placed, len(l.slots))
	room, glues := 0.0, 0
	for k, s := range l.slots {
		if s.glue {
			glues++
		}
		if s.ref == nil {
			out[k].w = s.width
			continue
		}
		text := s.ref.text(pageOf(s.dest))
		w, squeeze := fonts.Width(s.style, text, s.size), 100.0
		if w > s.width {
			w, squeeze = s.width, 100*s.width/w
		}
		out[k] = placed{w: w, text: text, squeeze: squeeze}
		room += s.width - w
	}
	add := 0.0 // to each space justification widened
	if glues > 0 && l.stretch > 0 {
		add = room / float64(glues)
		if l.stretch+add > 3*l.space {
			add = -l.stretch
		}
	}
	cut, n := 0.0, 0
	for k, s := range l.slots {
		if s.glue {
			n++
		}
		out[k].x = s.x - cut + float64(n)*add
		if s.rule != nil && k > 0 && l.slots[k-1].ref != nil {
			// The underline of a place: under what the place prints.
			out[k].x, out[k].w = out[k-1].x, out[k-1].w
		}
		if s.ref != nil {
			cut += s.width - out[k].w
		}
	}
	return out
}

// filePlaces is where the file of pages [from, to) of r, whose anchors
// are anchors, draws the slots of the held lines on them (place).
func filePlaces(r *rendered, from, to int, anchors map[anchorName]anchorEntry, g geometry) map[*heldLine][]placed {
	pageOf := func(dest anchorName) int {
		if at, ok := anchors[dest]; ok {
			return at.page - from + 1
		}
		return 0
	}
	var out map[*heldLine][]placed
	for i := from; i < to; i++ {
		for _, l := range r.held[i] {
			if out == nil {
				out = map[*heldLine][]placed{}
			}
			out[l] = l.place(g.fonts, pageOf)
		}
	}
	return out
}

// heldContent is the content stream that draws the held lines of page i
// of r in a file whose slots are placed at places (filePlaces): each
// place's page, in the reference's face, size and colour, as marked
// content of its Link, and the text the line moves with it, each
// fragment in the marked content reserved for it (with its ActualText,
// as the page would have drawn it), or as artifacts where the row is
// drawn again. nil where the page holds no place.
func heldContent(r *rendered, i int, places map[*heldLine][]placed, g geometry) ([]byte, error) {
	if len(r.held[i]) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	for _, l := range r.held[i] {
		at := places[l]
		for k, s := range l.slots {
			p := at[k]
			switch {
			case s.mcid >= 0 && s.ref == nil && s.rule == nil:
				actual, replaced := s.frag.ActualText()
				b.Write(tagged.AppendBDC(nil, s.tag, s.mcid, replaced, actual))
			case s.mcid >= 0:
				b.Write(tagged.AppendBDC(nil, s.tag, s.mcid, false, ""))
			case s.ref != nil && p.text == "":
				continue
			default:
				b.WriteString("/Artifact BMC\n")
			}
			var err error
			switch {
			case s.ref != nil:
				if p.text != "" {
					err = r.file.showText(&b, g, g.fonts, p.text, s.style, s.size, s.color, p.x, s.y, p.squeeze)
				}
			case s.rule != nil:
				drawRule(&b, g, s.rule, p.x, s.y, p.w)
			default:
				fr := s.frag
				fr.X = p.x
				err = r.file.showFragment(&b, g, g.fonts, fr, s.y, 100)
			}
			if err != nil {
				return nil, err
			}
			b.WriteString("EMC\n")
		}
	}
	return b.Bytes(), nil
}

// drawRule writes to b the content that draws an underline (rule) moved
// to start at x, w long, at y (mm from the page's top left corner).
func drawRule(b *bytes.Buffer, g geometry, rule *lineOp, x, y, w float64) {
	pt := func(mm float64) float64 { return mm * 72 / 25.4 }
	b.WriteString("q ")
	if g.scale != 1 {
		fmt.Fprintf(b, "%.5f 0 0 %.5f 0 0 cm ", g.scale, g.scale)
	}
	c := rule.color
	fmt.Fprintf(b, "%.3f %.3f %.3f RG %.2f w %.2f %.2f m %.2f %.2f l S Q\n",
		float64(c.Red)/255, float64(c.Green)/255, float64(c.Blue)/255, pt(rule.width),
		pt(x), pt(g.height-y), pt(x+w), pt(g.height-y))
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
