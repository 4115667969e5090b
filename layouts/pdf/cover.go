package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts/cover"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// contentsEntry is a line of the cover's contents: a handout or appendix
// and the packet page it starts on.
type contentsEntry struct {
	number string
	title  string
	covers string // how much of the story it gives away, after the title
	short  string // the title's shorter form, where it would take two lines
	group  string // the part, or the appendices, it belongs to
	page   int
	pos    diag.Pos
	link   anchorName // where the handout or appendix starts
}

// contentsSet is how open the cover is set: the leading of a contents
// entry, and a factor of every space between its blocks (the band's
// padding, the space above the contents, between its groups and above
// the colophon).
type contentsSet struct {
	leading, spaces float64
}

// contentsSets are the settings the cover tries, the most open first: a
// contents that runs over its page by a few lines is set closer, so that
// the whole of it (and the colophon) stands on the cover rather than its
// last group on a page of its own.
var contentsSets = []contentsSet{{leading: 1.45, spaces: 1}, {leading: 1.25, spaces: 0.7}}

// coverPage is the packet's first page: title, edition, the work studied, the
// authors and the contents with page numbers, set as set says.
func (h *handouts) coverPage(edition string, entries []contentsEntry, set contentsSet) *section {
	m := h.g.measure()
	b := h.b
	pos := b.ManifestPos
	f := &frame{x: 0, w: m, background: &fillAccent}
	pad := func(v float64) *row { return &row{h: v * set.spaces, frame: f} }
	space := func(v float64) *row { return space(v * set.spaces) }
	sect := tagged.New(tagged.Sect)
	rows := []*row{pad(14)}
	rows = append(rows, h.rows(capitals(richtext.Span{Text: h.gl.clean(edition, richtext.Bold, pos), Size: 10, Style: richtext.Bold, Color: inkPale}),
		block{x: 10, w: m - 20, frame: f, leading: leadTight, tag: sect.Add(tagged.P)})...)
	rows = append(rows, pad(4))
	rows = append(rows, h.rows(plain(h.gl.clean(b.Title, richtext.Bold, pos), 32, richtext.Bold, inkWhite),
		block{x: 10, w: m - 20, frame: f, leading: 1.1, tag: sect.Add(tagged.H1)})...)
	if b.Subtitle != "" {
		rows = append(rows, pad(1))
		rows = append(rows, h.rows(plain(h.gl.clean(b.Subtitle, richtext.Italic, pos), 17, richtext.Italic, inkWhite),
			block{x: 10, w: m - 20, frame: f, leading: 1.2, tag: sect.Add(tagged.P)})...)
	}
	rows = append(rows, pad(12))
	rows = append(rows, space(7))

	if sp := h.workLine(pos); len(sp) > 0 {
		rows = append(rows, h.rows(sp, block{x: 0, w: m, tag: sect.Add(tagged.P)})...)
		rows = append(rows, space(2))
	}
	var names []string
	for _, a := range b.Authors {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		rows = append(rows, h.rows(plain(h.gl.clean(h.label("by", "names", strings.Join(names, ", ")), 0, pos), 11, 0, inkText), block{x: 0, w: m, tag: sect.Add(tagged.P)})...)
	}

	rows = append(rows, space(8))
	rows = append(rows, h.rows(plain(h.label("contents"), 14, richtext.Bold, inkAccent), block{x: 0, w: m, keepAll: true, tag: sect.Add(tagged.H2)})...)
	// The contents are a TOC: an item per entry, and one for each group's
	// label, each a P (Lbl belongs in list items only).
	toc := sect.Add(tagged.TOC)
	rows = append(rows, rule(0, m, 2.5, 1, 0.4, ruleColor))
	// Contents that go on to another page go on under a label, as answer
	// lines do; it is drawn only there, as page furniture (an artifact).
	continued := h.rows(plain(h.label("contents-continued"), sizeSmall, richtext.Italic, inkMuted), block{x: 0, w: m, leading: leadTight})
	for _, r := range continued {
		r.head, r.keep = true, true
	}
	continued = append(continued, &row{h: 2, head: true, keep: true})
	list := &tableGroup{header: continued}
	// The entries of a group go on under its label too, repeated as
	// furniture after "Contents, continued".
	var in *tableGroup
	group := ""
	nth := 0 // the entry's place in its group
	fullTitle := func(e contentsEntry) []richtext.Span {
		title := plain(h.gl.clean(e.title, 0, e.pos), sizeBody, 0, inkText)
		title[0].Link = e.link
		if e.covers != "" {
			// Beside the title, part of the entry, as the EPUB's
			// contents give it.
			title = append(title, richtext.Span{Text: " · " + h.gl.clean(e.covers, richtext.Italic, e.pos), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted, Link: e.link})
		}
		return title
	}
	// The entries with a short form (the answer keys) all take it where
	// one's full title would wrap inside the handout's ("Answer key ·
	// Handout 4 · Part Two: The" / "Cottages", review14 #10): one form for
	// all, not "Answer key · Handout 3 · Part One: Hailsham" above
	// "Answer key · Handout 4" (review15 #7).
	short := slices.ContainsFunc(entries, func(e contentsEntry) bool {
		return e.short != "" && len(h.rows(fullTitle(e), block{x: 9, w: m - 25, leading: set.leading})) > 1
	})
	for i, e := range entries {
		// Parts group their chapters under a label; a chapter on its own
		// after a group is set apart from it by as much as a group is
		// from what comes before it, so it does not read as its last.
		if i > 0 && e.group != group && (e.group != "" || group != "") {
			rows = append(rows, &row{h: groupSpace * set.spaces, space: true, table: list})
		}
		if e.group != group {
			in = list
			if e.group != "" {
				label := func(tag *tagged.Elem) []*row {
					return h.rows(plain(h.gl.clean(e.group, richtext.Italic, e.pos), 9.5, richtext.Italic, inkMuted),
						block{x: 0, w: m, keepAll: true, leading: leadTight, tag: tag})
				}
				for _, r := range label(toc.Add(tagged.TOCI).Add(tagged.P)) {
					r.table, r.keep = list, true
					rows = append(rows, r)
				}
				in = &tableGroup{header: slices.Clone(continued)}
				for _, r := range label(nil) {
					r.head, r.keep, r.table = true, true, in
					in.header = append(in.header, r)
				}
			}
		}
		if e.group != group {
			nth = 0
		}
		group = e.group
		nth++
		entry := toc.Add(tagged.TOCI).Add(tagged.P)
		if e.link != "" {
			entry = entry.Add(tagged.Link) // the whole entry leads to its page
		}
		title := fullTitle(e)
		if e.short != "" && short {
			title = plain(h.gl.clean(e.short, 0, e.pos), sizeBody, 0, inkText)
			title[0].Link = e.link
		}
		lines := h.rows(title, block{x: 9, w: m - 25, leading: set.leading, tag: entry})
		if len(lines) == 0 {
			continue
		}
		first, last := lines[0], lines[len(lines)-1]
		// The number, the title and the page number stand apart on the
		// line, with no space between: each but the last ends in one
		// drawn at no width (richtext.Fragment.Spaced), so the entry
		// reads "1 How to Use This Companion 3", not "1How to Use This
		// Companion3".
		spaceAfterText(last)
		if e.number != "" {
			sp := richtext.Span{Text: e.number + " ", Style: richtext.Bold, Size: sizeBody, Color: inkAccent, Link: e.link}
			// Drawn first, so that the entry reads number, title, page.
			first.ops = append([]op{textOp{frag: richtext.Fragment{Span: sp, Width: h.fonts.Width(richtext.Bold, e.number, sizeBody), Spaced: true}, x: 0, y: first.base, tag: entry}}, first.ops...)
		}
		pg := strconv.Itoa(e.page)
		sp := richtext.Span{Text: pg, Size: sizeBody, Color: inkText, Link: e.link}
		w := h.fonts.Width(0, pg, sizeBody)
		last.ops = append(last.ops,
			textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: m - w, y: last.base, tag: entry},
			lineOp{x1: 9 + lastWidth(last) + 2, y1: last.base, x2: m - w - 2, y2: last.base, width: 0.2, color: lightRule, dotted: true})
		// A group's label stands at a page's foot with the first of its
		// entries (minOpening, or all there are), never alone or with one.
		if e.group != "" && nth < minOpening && i+1 < len(entries) && entries[i+1].group == group {
			last.keep = true
		}
		for _, r := range lines {
			r.table = in
		}
		rows = append(rows, lines...)
	}

	// Publisher · date · rights, the work's title in the rights in italics.
	var small []richtext.Span
	for _, s := range []string{b.Publisher, b.Labels.Date(b.Date), b.Rights} {
		if s == "" {
			continue
		}
		if len(small) > 0 {
			small = append(small, richtext.Span{Text: " · ", Size: sizeTiny, Color: inkMuted})
		}
		// Punctuated whole, then cut: an apostrophe after the title is
		// one.
		for i, piece := range b.WorkTitles(b.Smart(s)) {
			st := richtext.Roman
			if i%2 == 1 {
				st = richtext.Italic
			}
			small = append(small, richtext.Span{Text: h.gl.cleanAt(piece, st, func(int) diag.Pos { return pos }), Style: st, Size: sizeTiny, Color: inkMuted})
		}
	}
	atFoot := 0
	if len(small) > 0 {
		rows = append(rows, space(10))
		colophon := h.rows(small, block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})
		rows = append(rows, colophon...)
		atFoot = len(colophon)
	}
	rows[0].marks = []bookmark{{title: edition, level: 0}}
	// Contents that run over by a few lines take some of the page before
	// with them, so the colophon never stands alone.
	// A page the contents go on to has the running head every later
	// page of a packet has.
	// The colophon stands at the foot of the last page the contents
	// take, as on a cover they fit.
	return &section{rows: rows, balanced: true, atFoot: atFoot, head: h.head(h.label("contents"), "", edition, edition == h.label("teacher-edition"), pos)}
}

// minOpening is how many entries of a group, at least, go on the page its
// label ends, as a paragraph's first lines do (fewer only when the group
// has fewer).
const minOpening = 3

// groupSpace parts a group of the contents from what comes before it,
// and an entry on its own from the group before it.
const groupSpace = 4.0

// spaceAfterText ends the text of a row's last fragment in a space drawn
// at no width, as a line broken at a space does (richtext.Fragment.Spaced),
// for what is drawn after it on the row, apart but in the same element.
func spaceAfterText(r *row) {
	for i := len(r.ops) - 1; i >= 0; i-- {
		t, ok := r.ops[i].(textOp)
		if !ok {
			continue
		}
		if t.frag.Spaced {
			return
		}
		if _, replaced := t.frag.ActualText(); replaced {
			sp := t.frag.Span
			sp.Text, sp.Actual, sp.Underline = " ", "", false
			t.frag = richtext.Fragment{Span: sp, X: t.frag.X + t.frag.Width, Spaced: true}
			r.ops = slices.Insert(r.ops, i+1, op(t))
			return
		}
		t.frag.Text += " "
		t.frag.Spaced = true
		r.ops[i] = t
		return
	}
}

// lastWidth is where a row's text ends.
func lastWidth(r *row) float64 {
	end := 0.0
	for _, o := range r.ops {
		if t, ok := o.(textOp); ok {
			end = max(end, t.frag.X+t.frag.Width+t.x-9)
		}
	}
	return end
}

// workLine is "A companion to *Work* by Author" in the book's words, from the
// reference of the work studied: its title in italics and its creators in
// reading order, as the EPUB's title page has it, not the works-cited entry,
// which is a bibliography's line and not a sentence's.
func (h *handouts) workLine(pos diag.Pos) []richtext.Span {
	r := h.b.WorkReference()
	if r == nil || r.Title == "" {
		return nil
	}
	key, by := "a-companion-to", cover.Creators(h.b, r)
	if by != "" {
		key = "a-companion-to-by"
	}
	// The label is split around {work}, so the title alone is in italics.
	before, after, _ := strings.Cut(h.label(key, "by", by), "{work}")
	var sp []richtext.Span
	for _, part := range []struct {
		text  string
		style richtext.Style
		color richtext.Color
	}{{before, 0, inkMuted}, {r.Title, richtext.Italic, inkText}, {after, 0, inkMuted}} {
		if part.text != "" {
			sp = append(sp, richtext.Span{Text: h.gl.clean(part.text, part.style, pos), Size: 10, Style: part.style, Color: part.color})
		}
	}
	return sp
}
