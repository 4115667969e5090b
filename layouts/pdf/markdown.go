package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// standIn replaces a character the font cannot draw: the Unicode
// replacement character, visible, and a glyph Gentium Book Plus has.
const standIn = "\uFFFD"

// glyphs replaces characters the font lacks and warns about each once per
// place. Characters above U+FFFF (emoji) would panic inside gofpdf.
type glyphs struct {
	fonts *richtext.Fonts
	// smart gives plain text the book's smart punctuation (book.Book.Smart).
	smart func(string) string
	mu    sync.Mutex
	diags *diag.List
	seen  map[string]bool
}

// clean prepares text from the project that is not Markdown (a title, a
// quotation, a standard): with the body's smart punctuation, and stand-ins
// for what the font lacks.
func (gl *glyphs) clean(text string, st richtext.Style, pos diag.Pos) string {
	if gl.smart != nil {
		text = gl.smart(text)
	}
	return gl.cleanAt(text, st, func(int) diag.Pos { return pos })
}

// cleanAt is clean with the position of each character: posOf maps a byte
// offset in text to the place in the project it came from.
func (gl *glyphs) cleanAt(text string, st richtext.Style, posOf func(int) diag.Pos) string {
	ok := true
	for _, r := range text {
		if !gl.fonts.Has(st, r) && r != '\n' {
			ok = false
			break
		}
	}
	if ok {
		return text
	}
	var b strings.Builder
	for i, r := range text {
		switch {
		case gl.fonts.Has(st, r), r == '\n': // a line break is the breaker's
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F || isInvisible(r):
			// Joiners, variation selectors and soft hyphens have no ink.
		default:
			b.WriteString(standIn)
			gl.warn(posOf(i), r)
		}
	}
	return b.String()
}

func isInvisible(r rune) bool {
	return r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// warnOnce reports a problem once per place, with its hint if it has one.
func (gl *glyphs) warnOnce(pos diag.Pos, msg, hint string) {
	key := pos.String() + "\x00" + msg
	gl.mu.Lock()
	defer gl.mu.Unlock()
	if gl.seen[key] {
		return
	}
	gl.seen[key] = true
	gl.diags.Warnf(pos, "%s", msg)
	if hint != "" {
		gl.diags.Hintf("%s", hint)
	}
}

// warn reports a character the font lacks, once per place.
func (gl *glyphs) warn(pos diag.Pos, r rune) {
	gl.warnOnce(pos, fmt.Sprintf("the PDF font (Gentium Book Plus) has no glyph for %q (%U); the handout prints %s in its place", string(r), r, standIn),
		"use a character the font has (Latin, Greek, Cyrillic, common punctuation), or describe the symbol in words")
}

// prose renders Markdown into rows: the notes of a chapter, a question's
// guidance, a footnote.
type prose struct {
	*setter
	b      *book.Book
	gl     *glyphs
	images map[string]*printImage
	md     *book.Markdown
	// chapter is the chapter whose notes md is, whose headings are
	// places a link may lead to (sectionAnchor); nil for other text.
	chapter *book.Chapter
	// cites are the chapter's citations in the edition set; nil outside
	// a handout (the answer key, the glossary), where each is a first cite.
	cites     *book.Citations
	marks     bool // give level-2 headings bookmarks
	size      float64
	maxImageH float64
	// foot sets the footnotes the text calls at the foot of the page
	// that calls them; nil: the layout sets them itself, or none.
	foot *pageNotes
	// under is the level of the heading the blocks follow (the handout's
	// title is 1, its parts 2), lastLevel the level of the last heading
	// set: a heading is tagged one level deeper than under at least and
	// than the last at most, so that no level is skipped.
	under, lastLevel int
	// lettered calls footnotes a, b, c: the notes of a teacher's guidance
	// box, printed in it, which numbers would confuse with the chapter's.
	lettered bool
	// uncalled sets the footnotes' calls as nothing: the text is a copy
	// of a piece whose notes print with it elsewhere (a prompt the answer
	// key repeats), where a call would lead nowhere.
	uncalled bool
}

// inline is the style inherited by inline content, and the element it
// is part of (a paragraph), which a note's number is a Reference in.
type inline struct {
	style richtext.Style
	size  float64
	color richtext.Color
	tag   *tagged.Elem
	link  string // where the text leads (links.go)
}

// span is text of a Markdown node, set as written: the parser gave prose
// its punctuation, and code, addresses and the like keep their quotes.
func (p *prose) span(c inline, text string, n interface{ Offset() int }) richtext.Span {
	pos := p.md.NodePos(n)
	return richtext.Span{Text: p.gl.cleanAt(text, c.style, func(int) diag.Pos { return pos }), Style: c.style, Size: c.size, Color: c.color, Link: c.link}
}

// inlines turns inlines into spans.
func (p *prose) inlines(is []doc.Inline, c inline) []richtext.Span {
	if p.cites != nil {
		is = p.cites.Inlines(is)
	}
	is, apart := doc.CallsApart(is, p.isCall)
	var out []richtext.Span
	for k, i := range is {
		sp := p.inline(i, c)
		if apart != nil && apart[k] {
			// A call next to another opens with a superscript comma
			// ("3,4"), as the text of its Reference: an Artifact would
			// leave it out of what is copied and read aloud, which would
			// then be "34" again.
			sp[0].Text = "," + sp[0].Text
		}
		// What closes on a cross-reference's page (the ")." after "(see
		// Handout 2, p. 3)") follows it within its place, closely
		// however narrow the page prints (followedBy).
		if len(sp) > 0 {
			if n := closing(sp[0].Text); n > 0 && followedBy(out, sp[0].Text[:n]) == "" {
				if sp[0].Text = sp[0].Text[n:]; sp[0].Text == "" {
					sp = sp[1:]
				}
			}
		}
		out = append(out, sp...)
	}
	return out
}

// closing is the length of the punctuation that text opens with and that
// closes what comes before it: a full stop, a comma, a bracket or a
// quotation mark closed.
func closing(text string) int {
	n := 0
	for _, r := range text {
		if !unicode.In(r, unicode.Po, unicode.Pe, unicode.Pf) {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

// isCall reports whether an inline is set as a note's call.
func (p *prose) isCall(i doc.Inline) bool {
	switch i := i.(type) {
	case *doc.NoteRef:
		return true
	case *doc.Citation:
		return p.cites != nil && p.cites.CitationNote(i) > 0
	}
	return false
}

func (p *prose) inline(n doc.Inline, c inline) []richtext.Span {
	switch n := n.(type) {
	case *doc.Text:
		start := n.Offset()
		return []richtext.Span{{Text: p.gl.cleanAt(n.Text, c.style, func(i int) diag.Pos { return p.md.Pos(start + i) }),
			Style: c.style, Size: c.size, Color: c.color, Link: c.link}}
	case *doc.Break:
		if n.Hard {
			return []richtext.Span{p.span(c, "\n", n)}
		}
		return []richtext.Span{p.span(c, " ", n)}
	case *doc.Strong:
		c.style |= richtext.Bold
		return p.inlines(n.Inlines, c)
	case *doc.Emphasis:
		c.style ^= richtext.Italic // italic inside italic reads as roman
		return p.inlines(n.Inlines, c)
	case *doc.Code:
		return []richtext.Span{p.span(c, n.Text, n)}
	case *doc.Link:
		c.link = p.linkDest(n.Dest)
		sp := p.inlines(n.Inlines, c)
		// Printed, a link must say where it points: a web address or the
		// handout of another chapter, with its page ("the voyage chapter
		// (see Handout 2, p. 14)").
		where := p.linkTarget(n.Dest)
		m := c
		m.color = inkMuted
		switch {
		case where != "" && plainText(sp) != where:
			if isWebLink(c.link) || c.link == "" {
				sp = append(sp, p.span(m, " ("+where+")", n))
				break
			}
			see := p.span(m, " ("+where, n)
			sp = append(sp, see, p.pageSpans(p.b, see, c.link, p.b.Labels.Get("list-separator"), ")", ")"))
		case c.link != "" && !isWebLink(c.link) && len(sp) > 0:
			// The link says which handout itself: "see Handout 2 (p. 14)".
			sp = append(sp, p.pageRef(p.b, sp[len(sp)-1], c.link)...)
		}
		return sp
	case *doc.AutoLink:
		c.link = p.linkDest(n.Href)
		return []richtext.Span{p.span(c, n.URL, n)}
	case *doc.Span:
		// A phrase in another language is a Span with its /Lang, so that
		// a screen reader switches voice.
		e := c.tag.Add(tagged.Span)
		if e == nil {
			return p.inlines(n.Inlines, c)
		}
		e.SetAttrs(tagged.Attrs{Lang: n.Lang})
		c.tag = e
		sp := p.inlines(n.Inlines, c)
		for i := range sp {
			if sp[i].Tag == nil {
				sp[i].Tag = e
			}
		}
		return sp
	case *doc.Image:
		alt := plainText(p.inlines(n.Alt, c))
		return []richtext.Span{p.span(c, "["+alt+"]", n)}
	case *doc.Citation:
		if p.cites != nil {
			if k := p.cites.CitationNote(n); k > 0 { // a note style's: a note at the handout's end
				return []richtext.Span{p.endNoteCall(c, k)}
			}
		}
		return p.citation(p.citationText(n), c, n)
	case *doc.NoteRef:
		if p.uncalled {
			return nil
		}
		if p.lettered {
			return []richtext.Span{noteMark(c, noteLetter(n.Index))}
		}
		k := n.Index
		if p.cites != nil {
			k = p.cites.NoteNumber(n)
		}
		if p.foot != nil {
			k += p.foot.from
		}
		if p.foot == nil {
			return []richtext.Span{p.endNoteCall(c, k)}
		}
		call := noteCall(c, k)
		call.Link = noteAnchor(p.foot.id(k))
		p.foot.calls = append(p.foot.calls, noteCallAt{ref: call.Tag, index: n.Index, number: k})
		return []richtext.Span{call}
	case *doc.RawHTML:
		return nil // Check reports raw HTML as an error
	}
	return p.inlines(doc.Children(n), c)
}

// linkTarget is how a link's destination reads on paper.
func (p *prose) linkTarget(dest string) string {
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
		return strings.TrimPrefix(dest, "mailto:")
	}
	file, _, _ := strings.Cut(dest, "#")
	for _, c := range p.b.Chapters {
		if file != "" && c.Path == file {
			return tie.Spaces(p.b.Labels.Format("see-handout", "n", strconv.Itoa(c.Number)))
		}
	}
	return ""
}

// linkDest is where a link leads in the PDF: a web address, or the place
// in the handout of the chapter it names that its fragment names (a
// heading both editions print, a key quotation, a question), else the
// handout; "" for anything else.
func (p *prose) linkDest(dest string) string {
	if isWebLink(dest) {
		return dest
	}
	file, frag, _ := strings.Cut(dest, "#")
	for _, c := range p.b.Chapters {
		if file == "" || c.Path != file {
			continue
		}
		if id, ok := strings.CutPrefix(frag, "quote-"); ok {
			for i, q := range c.Quotes {
				if q.ID == id {
					return quoteAnchor(c.ID, i+1)
				}
			}
		}
		if id, ok := strings.CutPrefix(frag, "question-"); ok {
			for _, q := range c.Questions {
				if q.ID == id {
					return questionAnchor(c.ID, q.Number)
				}
			}
		}
		if frag != "" && c.Body != nil {
			for _, b := range c.Body.Edition(false).Doc.Blocks {
				if h, ok := b.(*doc.Heading); ok && h.ID == frag {
					return sectionAnchor(c.ID, frag)
				}
			}
		}
		return handoutAnchor(c.ID)
	}
	return ""
}

// noteCall is the superscript number that calls note k, a Reference in
// the paragraph c is set in.
func noteCall(c inline, k int) richtext.Span { return noteMark(c, strconv.Itoa(k)) }

// endNoteCall is the call of the kth note of the chapter's notes at its
// end (a note style's), a link to it; a plain call outside a chapter's
// notes, whose note has no place to lead to.
func (p *prose) endNoteCall(c inline, k int) richtext.Span {
	call := noteCall(c, k)
	if p.chapter != nil && p.cites != nil && p.cites.InNotes() {
		call.Link = noteAnchor(chapterNoteID(p.chapter, k))
	}
	return call
}

// chapterNoteID is the ID of the kth note of a chapter's handout, its
// Note element's and, as an anchor (noteAnchor), the place its calls
// lead to.
func chapterNoteID(c *book.Chapter, k int) string { return fmt.Sprintf("note-%d-%d", c.Number, k) }

// noteAnchor is where a note with ID id prints, for its calls to lead
// to; callAnchor is its first call, for the note's number to lead back.
func noteAnchor(id string) anchorName { return "#" + id }
func callAnchor(id string) anchorName { return "#call-" + id }

// noteMark is a note's call that reads mark: a number or a letter.
func noteMark(c inline, mark string) richtext.Span {
	return richtext.Span{Text: mark, Style: c.style, Size: c.size * 0.65, Color: c.color, Link: c.link,
		Rise: c.size * 0.35, Tag: c.tag.Add(tagged.Reference)}
}

// noteLetter is the letter of the kth lettered note: a to z, then aa, ab.
func noteLetter(k int) string {
	if k <= 0 {
		return ""
	}
	return noteLetter((k-1)/26) + string(rune('a'+(k-1)%26))
}

// citationText is how citation n reads where it stands.
func (p *prose) citationText(n *doc.Citation) cite.Text {
	if p.cites == nil {
		return p.b.Cite(n.Items)
	}
	return p.cites.Text(n)
}

// citation sets a formatted citation in the text around it.
func (p *prose) citation(t cite.Text, c inline, n *doc.Citation) []richtext.Span {
	base := p.span(c, "", n)
	return citeSpans(t, base, func(text string, st richtext.Style) string {
		cc := c
		cc.style = st
		return p.span(cc, text, n).Text
	})
}

func plainText(sp []richtext.Span) string {
	var b strings.Builder
	for _, s := range sp {
		b.WriteString(s.Text)
	}
	return b.String()
}

// blocks renders blocks.
func (p *prose) blocks(bs []doc.Block, b block) []*row {
	var out []*row
	// owed is how many lines of text the blocks from here on keep with
	// a heading or lead-in before them: two, so that a heading never
	// ends a page with one line under it; through a block of one line
	// ("It helps to keep three columns in mind while reading.") to the
	// next block's first lines (a table's header and first row).
	owed := 0
	for _, ch := range bs {
		rows := p.blockNode(ch, b)
		if owed > 0 {
			owed = keepLines(rows, owed)
		}
		if leadsIn(ch) {
			owed = headingLinesKept
			if _, ok := ch.(*doc.Paragraph); ok {
				// Its last line and the space under it: the line before
				// already keeps with the last.
				for _, r := range rows[max(len(rows)-2, 0):] {
					r.keep = true
				}
			}
		}
		out = append(out, rows...)
	}
	return out
}

// leadsIn reports whether a block is read with the start of the next, on
// the same page: a heading, or a paragraph that ends in a colon
// ("…where each part asks for care:"), which introduces the table, list
// or quotation after it.
func leadsIn(n doc.Block) bool {
	switch n := n.(type) {
	case *doc.Heading:
		return true
	case *doc.Paragraph:
		if loneImage(n) != nil {
			return false
		}
		return endsInColon(n.Inlines)
	}
	return false
}

// endsInColon reports whether the text of inlines ends in a colon, a
// footnote's call after it aside.
func endsInColon(is []doc.Inline) bool {
	for i := len(is) - 1; i >= 0; i-- {
		switch n := is[i].(type) {
		case *doc.NoteRef:
			continue
		case *doc.Text:
			t := strings.TrimSpace(n.Text)
			if t == "" {
				continue
			}
			return strings.HasSuffix(t, ":")
		case *doc.Emphasis:
			return endsInColon(n.Inlines)
		case *doc.Strong:
			return endsInColon(n.Inlines)
		case *doc.Strike:
			return endsInColon(n.Inlines)
		case *doc.Link:
			return endsInColon(n.Inlines)
		}
		return false
	}
	return false
}

// headingLinesKept is how many lines of what follows a heading, or a
// paragraph that leads in, stay on its page: a heading with one line
// under it at a page's foot is as stranded as the heading alone.
const headingLinesKept = 2

// keepLines keeps the rows of a block with the next up to its nth line
// of text, and returns how many lines are still owed where the block
// has fewer: its rows all keep with the next block.
// A block that opens with no text (a figure) keeps its first row, as
// keepFirstLine does, and owes no more.
func keepLines(rows []*row, n int) int {
	for _, r := range rows {
		text := textRow(r)
		if text {
			n--
		}
		if n <= 0 {
			return 0
		}
		r.keep = true
		if !text && !r.space {
			return 0
		}
	}
	return n
}

// keepFirstLine keeps the first line of a block (and any space before it)
// with the next row, so that a heading or label kept with the block takes
// at least two of its lines: one line alone under a heading at a page's
// foot is as stranded as the heading.
func keepFirstLine(rows []*row) {
	for _, r := range rows {
		r.keep = true
		if !r.space {
			return
		}
	}
}

// headingSizes by level.
var headingSizes = map[int]float64{1: 15, 2: 13, 3: 11.5}

func (p *prose) base() inline { return inline{size: p.size, color: inkText} }

// blockNode renders a block, and the footnotes it calls where foot sets
// them: each a Note after the block.
func (p *prose) blockNode(n doc.Block, b block) []*row {
	rows := p.blockRows(n, b)
	if p.foot != nil && len(p.foot.calls) > 0 {
		p.foot.attach(rows, b.tag)
	}
	return rows
}

func (p *prose) blockRows(n doc.Block, b block) []*row {
	switch n := n.(type) {
	case *doc.Heading:
		size, ok := headingSizes[n.Level]
		if !ok {
			size = p.size
		}
		c := inline{style: richtext.Bold, size: size, color: inkAccent}
		if n.Level >= 3 {
			c.style = richtext.BoldItalic
		}
		hb := b
		hb.keepAll, hb.justify, hb.leading, hb.marker = true, false, leadTight, nil
		p.lastLevel = max(p.lastLevel, p.under, 1)
		level := min(max(n.Level, max(p.under, 1)+1), p.lastLevel+1)
		p.lastLevel = level
		hb.tag = b.tag.Add(tagged.Heading(level))
		c.tag = hb.tag
		sp := p.inlines(n.Inlines, c)
		rows := []*row{space(map[bool]float64{true: 5, false: 3}[n.Level <= 2])}
		lines := p.rows(sp, hb)
		if p.marks && n.Level <= 2 && len(lines) > 0 {
			lines[0].marks = append(lines[0].marks, bookmark{title: strings.TrimSpace(plainText(sp)), level: 1})
		}
		if p.chapter != nil && n.ID != "" && len(lines) > 0 {
			lines[0].anchors = append(lines[0].anchors, sectionAnchor(p.chapter.ID, n.ID))
		}
		rows = append(rows, lines...)
		sp1 := space(1.2)
		sp1.keep = true
		return append(rows, sp1)
	case *doc.Paragraph:
		if img := loneImage(n); img != nil {
			return p.image(img, b)
		}
		pb := b
		pb.tag = b.tag.Add(tagged.P)
		c := p.base()
		c.tag = pb.tag
		rows := p.rows(p.inlines(n.Inlines, c), pb)
		return append(rows, space(p.size*0.45*richtext.PtToMM))
	case *doc.Plain:
		pb := b
		pb.tag = b.tag.Add(tagged.P)
		c := p.base()
		c.tag = pb.tag
		return p.rows(p.inlines(n.Inlines, c), pb)
	case *doc.List:
		return p.list(n, b)
	case *doc.TeacherOnly:
		// Only the teacher edition's handouts have it (the students'
		// Markdown has none): on a tint, under its label.
		t := b
		t.x += 3
		t.w -= 6
		t.fills = append(append([]fill(nil), b.fills...), fill{x: b.x, w: b.w, style: cellFill(fillTint)})
		t.tag = b.tag.Add(tagged.Div)
		label := &doc.Paragraph{Node: doc.Node{At: int32(n.Offset())}, Inlines: []doc.Inline{
			&doc.Strong{Node: doc.Node{At: -1}, Inlines: []doc.Inline{&doc.Text{Node: doc.Node{At: -1}, Text: p.b.Labels.Get("for-the-teacher")}}}}}
		// The label is a heading in all but its tag: it stays with the
		// first two lines of the guidance.
		lrows := p.blockNode(label, t)
		for len(lrows) > 0 && lrows[len(lrows)-1].space {
			lrows = lrows[:len(lrows)-1]
		}
		// Space before the panel, as a guidance box has (it goes at a
		// page's top); inside, a top padding as deep as the side's,
		// which stays at a page's top, and the same between the label
		// and the first block, whose own space before goes (review13 #5).
		rows := []*row{spaceBefore(panelSpaceBefore), {h: panelPad, keep: true, fills: t.fills}}
		rows = append(rows, lrows...)
		rows = append(rows, &row{h: panelPad, keep: true, fills: t.fills})
		for _, r := range rows {
			r.keep = true
		}
		rest := p.blocks(n.Blocks, t)
		for len(rest) > 0 && bareSpace(rest[0]) {
			rest = rest[1:]
		}
		keepFirstLine(rest)
		// The last block's space after goes under the panel, not in its
		// tint: the panel closes with a bottom padding as deep as its
		// top's, kept with its last line (review15 #2: the descenders sat
		// on the tint's edge).
		var after []*row
		for len(rest) > 0 && bareSpace(rest[len(rest)-1]) {
			after = append([]*row{rest[len(rest)-1]}, after...)
			rest = rest[:len(rest)-1]
		}
		if len(rest) > 0 {
			rest[len(rest)-1].keep = true
		}
		rows = append(rows, rest...)
		rows = append(rows, &row{h: panelPad, fills: t.fills})
		// The tint runs on through the space between the box's blocks:
		// one box, not a band a paragraph.
		fillSpaces(rows[1:], t.fills)
		p.continuedBox(rows, tie.Spaces(strings.ReplaceAll(p.b.Labels.Get("box-continued"), "{label}", p.b.Labels.Get("for-the-teacher"))), t)
		return append(rows, after...)
	case *doc.BlockQuote:
		q := b
		q.x += 6
		q.w -= 6
		// A bar down the left, drawn on every line, so it follows the
		// quotation across a page break.
		q.fills = append(append([]fill(nil), b.fills...), fill{x: b.x + 1.5, w: 0.9, style: cellFill(barColor)})
		q.tag = b.tag.Add(tagged.BlockQuote)
		// The bar runs on through the space between the quotation's
		// paragraphs: one rule for the quotation, not one a paragraph.
		rows := p.blocks(n.Blocks, q)
		fillSpaces(rows, q.fills)
		return rows
	case *doc.CodeBlock:
		c := p.base()
		c.size = p.size * 0.9
		cb := b
		cb.x += 3
		cb.w -= 6
		cb.justify = false
		cb.leading = leadTight
		cb.fills = append(append([]fill(nil), b.fills...), fill{x: b.x, w: b.w, style: cellFill(fillTint)})
		cb.tag = b.tag.Add(tagged.P)
		var rows []*row
		for _, ln := range n.Lines {
			ln = strings.TrimRight(ln, "\n")
			// Indentation is meaning in code: no-break spaces keep it.
			ln = strings.ReplaceAll(ln, "\t", "    ")
			trimmed := strings.TrimLeft(ln, " ")
			ln = strings.Repeat("\u00A0", len(ln)-len(trimmed)) + trimmed
			if ln == "" {
				ln = "\u00A0"
			}
			rows = append(rows, p.rows([]richtext.Span{p.span(c, ln, n)}, cb)...)
		}
		return append(rows, space(2))
	case *doc.Rule:
		w := 30.0
		return []*row{spaceBefore(2), rule(b.x+(b.w-w)/2, w, 4, 2, 0.4, ruleColor), space(2)}
	case *doc.Table:
		return append(p.table(n, b), space(3))
	}
	return nil // raw HTML, which Check reports as an error
}

// The "For the teacher" panel's space before it and its padding inside,
// mm: the side padding is 3 mm (the panel's text is inset by it).
const (
	panelSpaceBefore = 4.2
	panelPad         = 3.0
)

// fillSpaces gives the space between a block's first and last lines the
// block's fills, where the space has none of its own. Space at a page's
// head is dropped, so each part of the block that a page breaks starts
// its fills at its first line.
func fillSpaces(rows []*row, fills []fill) {
	first, last := 0, len(rows)-1
	for first <= last && rows[first].space {
		first++
	}
	for last > first && rows[last].space {
		last--
	}
	for _, r := range rows[first : last+1] {
		if r.space && len(r.fills) == 0 {
			r.fills = fills
		}
	}
}

// loneImage is the image of a paragraph that holds only that image.
func loneImage(n *doc.Paragraph) *doc.Image {
	var img *doc.Image
	for _, ch := range n.Inlines {
		switch c := ch.(type) {
		case *doc.Image:
			if img != nil {
				return nil
			}
			img = c
		case *doc.Text:
			if strings.TrimSpace(c.Text) != "" {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

func (p *prose) list(n *doc.List, b block) []*row {
	var out []*row
	num := n.Start
	if num == 0 {
		num = 1
	}
	indent := 5.5
	if n.Ordered {
		indent = 7
	}
	l := b.tag.Add(tagged.L)
	for _, it := range n.Items {
		li := l.Add(tagged.LI)
		lbl := li.Add(tagged.Lbl)
		ib := b
		ib.tag, ib.markerTag = li.Add(tagged.LBody), nil
		ib.x += indent
		ib.w -= indent
		ib.justify = false
		var marker string
		if n.Ordered {
			marker = fmt.Sprintf("%d%c", num, n.Marker)
			num++
		} else {
			marker = "•"
		}
		first := true
		for _, ch := range it.Blocks {
			cb := ib
			if first {
				cb.marker = []richtext.Span{{Text: marker, Size: p.size, Color: inkAccent}}
				cb.markerX = -indent + 1
				cb.markerTag = lbl
				first = false
			}
			out = append(out, p.blockNode(ch, cb)...)
		}
		if n.Tight {
			out = append(out, space(0.6))
		}
	}
	return append(out, space(1.5))
}

// flatInlines is the text of blocks run together, without their breaks:
// text, headings and the cells of tables; code blocks say nothing.
func flatInlines(bs []doc.Block) []doc.Inline {
	var out []doc.Inline
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, b.Inlines...)
		case *doc.Plain:
			out = append(out, b.Inlines...)
		case *doc.Heading:
			out = append(out, b.Inlines...)
		case *doc.BlockQuote:
			out = append(out, flatInlines(b.Blocks)...)
		case *doc.List:
			for _, it := range b.Items {
				out = append(out, flatInlines(it.Blocks)...)
			}
		case *doc.Table:
			for _, row := range append([][]*doc.Cell{b.Header}, b.Rows...) {
				for _, c := range row {
					out = append(out, c.Inlines...)
				}
			}
		}
	}
	return out
}

// pageNotes sets a piece's footnotes at the foot of the page that calls
// them, as a printed guide does: each is a Note of the structure after
// the block whose Reference calls it, so that it reads after the text it
// annotates, and its lines go with the row of the call (row.notes), for
// the paginator to set under the page's rule.
type pageNotes struct {
	// note sets footnote n, numbered number, as the Note elem.
	note  func(n *doc.Note, number int, elem *tagged.Elem) *footnote
	id    func(number int) string
	notes map[int]*doc.Note // by index
	set   map[int]bool      // a note called again prints once, at its first call
	calls []noteCallAt      // made since the last block was rendered
	// from is added to each note's own number: a question prompt's notes
	// number on from the handout's notes before them (noteSeq).
	from int
}

// noteCallAt is a call of footnote index, numbered number, set as the
// Reference ref.
type noteCallAt struct {
	ref           *tagged.Elem
	index, number int
}

// attach gives the rows of a block the notes their calls call, each a
// Note of parent, the block's parent, after it.
func (pn *pageNotes) attach(rows []*row, parent *tagged.Elem) {
	for _, c := range pn.calls {
		fn := pn.notes[c.index]
		if fn == nil || pn.set[c.index] {
			continue
		}
		pn.set[c.index] = true
		elem := parent.Add(tagged.Note)
		elem.SetAttrs(tagged.Attrs{ID: pn.id(c.number)})
		// The row that draws the call; failing that, the block's last
		// text (never a space, which a page may drop).
		var at *row
		for _, r := range rows {
			if !r.space {
				at = r
			}
			if calls(r, c.ref) {
				break
			}
		}
		if n := pn.note(fn, c.number, elem); n != nil && at != nil {
			at.notes = append(at.notes, n)
			// The note's number leads back to the line of its call.
			at.anchors = append(at.anchors, callAnchor(pn.id(c.number)))
		}
	}
	pn.calls = pn.calls[:0]
}

// calls reports whether a row draws the Reference ref (or a Link in it).
func calls(r *row, ref *tagged.Elem) bool {
	for _, o := range r.ops {
		if t, ok := o.(textOp); ok && t.tag != nil && (t.tag == ref || t.tag.Parent() == ref) {
			return true
		}
	}
	return false
}

// bareSpace reports whether r is a space and nothing else: it draws,
// anchors and marks nothing.
func bareSpace(r *row) bool {
	return r.space && len(r.ops) == 0 && len(r.anchors) == 0 && len(r.marks) == 0
}
