package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// appendix starts a teacher-edition section with a band, a bookmark and
// the anchor the contents link to, and returns the section's Sect element.
func (h *handouts) appendix(key, title, sub string) ([]*row, *tagged.Elem) {
	return h.appendixIn(h.label("teacher-edition"), key, title, sub)
}

// appendixIn is appendix in an edition named by edition on the band ("":
// the students', whose handouts name no edition).
func (h *handouts) appendixIn(edition, key, title, sub string) ([]*row, *tagged.Elem) {
	return h.appendixShown(edition, key, title, title, sub)
}

// appendixShown is appendixIn with a band that sets its title as shown
// (the same words, tied where they must not break), its bookmark title.
func (h *handouts) appendixShown(edition, key, title, shown, sub string) ([]*row, *tagged.Elem) {
	sect := tagged.New(tagged.Sect)
	band := h.band(edition, shown, sub, h.b.ManifestPos, sect)
	band[0].marks = []bookmark{{title: title, level: 0}}
	band[0].anchors = []anchorName{appendixAnchor(key)}
	// The space above the band parts it from a section before it on its
	// page; at a page's top it goes.
	return append(append([]*row{space(runOnSpace)}, band...), space(4)), sect
}

func (h *handouts) appendixSection(title string, rows []*row) *section {
	return h.appendixSectionIn(h.label("teacher-edition"), title, rows)
}

// appendixSectionIn is appendixSection in an edition named by edition in
// the running head.
// Its rows start with appendixIn's; it opens a page, or runs on after
// another appendix whose last page is a third full at most (runOnTo). It
// fills its pages row by row, a table's too, and ends on a page as short
// as its end, which holds tailShare of its room at least (partEnd).
func (h *handouts) appendixSectionIn(edition, title string, rows []*row) *section {
	// The opening: the space, the band (the rows in its frame) and the
	// space under it.
	opening := 1
	for opening < len(rows) && rows[opening].frame != nil && rows[opening].frame == rows[1].frame {
		opening++
	}
	s := &section{rows: rows, head: h.head(title, "", edition, edition != "", h.b.ManifestPos),
		runsOn: true, pullsTail: true, partEnd: true, opening: opening + 1}
	s.headNamed = h.namedHead(s.head, edition, edition != "", h.b.ManifestPos)
	return h.numbered(s, title)
}

// styled sets formatted citation text on its own, at size in the text's ink.
func (h *handouts) styled(t cite.Text, size float64, pos diag.Pos) []richtext.Span {
	return h.citeSpans(t, richtext.Span{Size: size, Color: inkText}, pos)
}

// citeSpans sets formatted citation text in the look of base, its text
// cleaned for pos.
func (h *handouts) citeSpans(t cite.Text, base richtext.Span, pos diag.Pos) []richtext.Span {
	return citeSpans(t, base, func(text string, st richtext.Style) string { return h.gl.clean(text, st, pos) })
}

// chapterList turns the matrix's columns of chapters into one column that
// lists, for each standard, the chapters that serve it with their marks
// ("3 (2, 5)  4 (1)  6 •"): a column per chapter leaves the standards'
// descriptors a narrow column, five lines or more each, and a chapter's
// question numbers a column so narrow that they stack, so the map ran to
// pages of mostly empty grid (and in large print it did not fit at all);
// a list is as compact as the chapters a standard has, and reads in the
// same order aloud.
func chapterList(t tableSpec, heading string) tableSpec {
	list := tableSpec{size: t.size, maxRowH: t.maxRowH, tag: t.tag, align: []int{0, 0}}
	// The column's heading ("Discussed in") is one phrase, its words
	// tied: a column as narrow as a small book's chapter numbers would
	// otherwise stack them, or hyphenate the first.
	list.header = [][]richtext.Span{t.header[0], {{Text: tied(heading), Size: t.size, NoHyphen: true}}}
	for _, r := range t.body {
		var chapters []richtext.Span
		for i, mark := range r[1:] {
			if len(mark) == 0 {
				continue
			}
			number := t.header[i+1][0]
			number.Size, number.Style, number.Color = t.size, richtext.Bold, inkText
			// Items part by a space and a no-break space, twice the
			// space inside an item ("3 (3, 7)  5 (4)"), so they read as
			// groups; a line breaks at the space, the no-break one
			// ending the line before, unseen, so that every line of the
			// cell starts at its left edge (review14 #9: "  5" broke
			// after its first space and set the second before "5").
			if len(chapters) > 0 {
				number.Text = "\u00A0 " + number.Text
			}
			// A number and its mark are never parted at a line's end;
			// the questions' numbers go in parentheses after the
			// chapter's ("3 (2, 5)"), the notes' dot beside it.
			number.Text += "\u00A0"
			chapters = append(chapters, number)
			if mark[0].Text == "•" {
				chapters = append(chapters, mark...)
				continue
			}
			qs := mark[0]
			qs.Text, qs.Style, qs.Size = "("+strings.ReplaceAll(qs.Text, ", ", ",\u00A0")+")", 0, t.size
			chapters = append(chapters, qs)
		}
		// A standard no handout serves says so: an empty cell, pages of
		// them where a framework's every standard is listed, looked like
		// missing data (review13 #29).
		if len(chapters) == 0 {
			chapters = []richtext.Span{{Text: "—", Size: t.size, Color: inkMuted}}
		}
		list.body = append(list.body, [][]richtext.Span{r[0], chapters})
	}
	return list
}

// matrixMark is what the matrix says of a chapter and a standard: the
// numbers of the chapter's questions that serve it ("3, 5"), so that a teacher, and a screen
// reader reading the cell, knows which to set; a dot when only the
// chapter's notes address it; nothing when neither does.
func (h *handouts) matrixMark(r *book.MappingRow, c *book.Chapter, size float64) []richtext.Span {
	if !r.ServesChapter(c) {
		return nil
	}
	var numbers []string
	for _, q := range r.Questions {
		if q.Chapter == c {
			numbers = append(numbers, strconv.Itoa(q.Number))
		}
	}
	if len(numbers) == 0 {
		return []richtext.Span{{Text: "•", Style: richtext.Bold, Size: sizeDot, Color: inkAccent}}
	}
	return []richtext.Span{{Text: h.spaced(strings.Join(numbers, ", "), false), Style: richtext.Bold, Size: size, Color: inkAccent}}
}

// sizeDot is the size of the matrix's "the notes address it" dot: larger
// than the question numbers of the cells beside it, as at their size a
// bullet is a speck, not a mark.
const sizeDot = 13.0

// mapping is the curriculum map: for each framework a table of its
// standards, each beside the chapters that discuss it (chapterList), with
// the framework's notice.
func (h *handouts) mapping() *section {
	m := h.g.measure()
	rows, sect := h.appendix("curriculum-mapping", h.label("curriculum-map"), h.label("curriculum-map-subtitle"))
	// A key to the chapter numbers across the top, each handout named as
	// the back matter's headings name it ("Handout 3 · Part One:
	// Hailsham"), its short form in bold.
	var key []richtext.Span
	for i, c := range h.b.Chapters {
		if i > 0 {
			key = append(key, richtext.Span{Text: h.spaced("; ", true), Size: sizeSmall, Color: inkMuted})
		}
		short := h.label("handout-number", "n", strconv.Itoa(c.Number))
		full := h.numberedTitle(c.Number, h.gl.clean(c.Title, 0, titlePos(c)))
		rest, ok := strings.CutPrefix(full, short)
		if !ok {
			short, rest = "", full
		}
		key = append(key,
			richtext.Span{Text: short, Style: richtext.Bold, Size: sizeSmall, Color: inkAccent},
			richtext.Span{Text: rest, Size: sizeSmall, Color: inkText})
	}
	rows = append(rows, h.rows(key, block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})...)
	rows = append(rows, space(2))
	// The legend reads an entry as the list sets it, with the book's first
	// handout for the example.
	n := "1"
	if len(h.b.Chapters) > 0 {
		n = strconv.Itoa(h.b.Chapters[0].Number)
	}
	rows = append(rows, h.rows([]richtext.Span{
		{Text: n + "\u00A0", Style: richtext.Bold, Size: sizeSmall, Color: inkText}, {Text: "(4)", Size: sizeSmall, Color: inkAccent},
		{Text: h.label("curriculum-legend-question", "n", n, "q", "4"), Size: sizeSmall, Color: inkMuted},
		{Text: n + "\u00A0", Style: richtext.Bold, Size: sizeSmall, Color: inkText}, {Text: "•", Style: richtext.Bold, Size: sizeDot, Color: inkAccent},
		{Text: h.label("curriculum-legend-notes", "n", n), Size: sizeSmall, Color: inkMuted},
	}, block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})...)

	// Each framework's table of its standards beside the handouts that
	// discuss them (chapterList), its Table element tag (nil: measured
	// only).
	mapTable := func(mp *book.Mapping, tag *tagged.Elem) tableSpec {
		t := tableSpec{size: sizeSmall, maxRowH: h.maxBlockH(), tag: tag}
		t.header = [][]richtext.Span{{{Text: h.label("standard"), Size: sizeSmall}}}
		for _, c := range h.b.Chapters {
			t.header = append(t.header, []richtext.Span{{Text: strconv.Itoa(c.Number), Size: sizeSmall}})
		}
		for _, r := range mp.Rows {
			s := r.Standard
			cells := [][]richtext.Span{{
				{Text: h.gl.clean(s.DisplayCode(), richtext.Bold, s.Pos), Style: richtext.Bold, Size: sizeSmall, Color: inkText},
				{Text: "  " + h.gl.clean(s.Text, 0, s.Pos), Size: sizeSmall, Color: inkText},
			}}
			for _, c := range h.b.Chapters {
				cells = append(cells, h.matrixMark(r, c, sizeSmall))
			}
			t.body = append(t.body, cells)
		}
		return chapterList(t, h.label("discussed-in-heading"))
	}
	// One column split for every framework's table: the widest
	// "Discussed in" any needs, so that the column rule does not jump
	// between tables stacked on a page (review13 #9).
	var split []float64
	for _, mp := range h.b.Mappings() {
		t := mapTable(mp, nil)
		for i, c := range t.header {
			t.header[i] = restyle(c, richtext.Bold, inkAccent) // as table measures it
		}
		if w := h.columnWidths(t, m); len(w) == 2 && (split == nil || w[1] > split[1]) {
			split = w
		}
	}
	for _, mp := range h.b.Mappings() {
		fw := mp.Selection.Framework
		rows = append(rows, space(6))
		named := len(rows) // the framework's name and title from here
		title := h.rows([]richtext.Span{{Text: h.gl.clean(fw.Label(), richtext.Bold, fw.Pos), Style: richtext.Bold, Size: 13, Color: inkAccent}},
			block{x: 0, w: m, leading: leadTight, keepAll: true, tag: sect.Add(tagged.H2)})
		if len(title) > 0 {
			title[0].marks = []bookmark{{title: fw.Label(), level: 1}}
		}
		rows = append(rows, title...)
		if fw.Title != fw.Label() {
			rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(fw.Title, richtext.Italic, fw.Pos), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}},
				block{x: 0, w: m, leading: leadTight, keepAll: true, tag: sect.Add(tagged.P)})...)
		}
		// The framework's name and title keep with its table's header
		// and first two rows, which part from the rest as a long
		// table's do (tableSpec.parts): a name and title at a page's
		// foot, the table on the next, left the page a third empty.
		for _, r := range rows[named:] {
			r.keep = true
		}
		rows = append(rows, &row{h: 2, keep: true})
		t := mapTable(mp, sect.Add(tagged.Table))
		t.parts = true
		if split != nil {
			t.widths = []float64{m - split[1], split[1]}
		}
		table := h.table(t, block{x: 0, w: m})
		rows = append(rows, table...)
		if fw.Notice != "" {
			// The notice goes with the table's last row: alone at the head
			// of a page it would read as the next framework's.
			if len(table) > 0 {
				table[len(table)-1].keep = true
			}
			rows = append(rows, spaceBefore(1.5))
			rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(fw.Notice, richtext.Italic, fw.Pos), Style: richtext.Italic, Size: sizeTiny, Color: inkMuted}},
				block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})...)
		}
	}
	return h.appendixSection(h.label("curriculum-map"), rows)
}

// quoteIndex lists every key quotation once, alphabetically, as the
// EPUB's and the site's index give it (book.QuotationIndex): a list
// whose items read as the site's do, the quotation, who says it ("— Miss
// Lucy", never parted, nor parted from its place) and its place in the
// work (indexCite: "(ch. 23)"), then a quiet line of the handouts that
// discuss it ("Discussed in: Handouts 5, 6"), each number a link to the
// quotation in its handout. Nothing in it is hyphenated: a quotation
// broken "be-/hind" is not the work's text. A table of four columns gave
// a one-line quotation four lines, the novel's full citation repeated on
// every row.
func (h *handouts) quoteIndex() *section { return h.quoteIndexIn(h.label("teacher-edition")) }

// quoteIndexIn is the quotation index in the edition named edition.
func (h *handouts) quoteIndexIn(edition string) *section {
	m := h.g.measure()
	rows, sect := h.appendixIn(edition, "quotation-index", h.label("quotation-index"), h.label("quotation-index-intro"))
	list := sect.Add(tagged.L)
	for i, en := range h.b.QuotationIndex() {
		q := en.Quotes[0]
		body := list.Add(tagged.LI).Add(tagged.LBody)
		var qs []richtext.Span
		if slices.ContainsFunc(en.Quotes, func(q *book.Quote) bool { return !q.Verified }) {
			qs = append(qs, richtext.Span{Text: h.label("unverified-mark") + " ", Style: richtext.Bold, Size: sizeSmall, Color: inkAlert})
		}
		qs = append(qs, richtext.Span{Text: h.quoted(h.gl.clean(q.Text, 0, q.Pos)), Size: sizeBody, Color: inkText})
		// The dash goes with the name, and neither is hyphenated, as
		// under a quotation in a handout (quoteSpans).
		if q.Speaker != "" {
			qs = append(qs, richtext.Span{Text: " ", Size: sizeBody, Color: inkText},
				richtext.Span{Text: tie.Attribution(h.gl.clean(q.Speaker, 0, q.Pos)), Size: sizeBody, Color: inkText, NoHyphen: true})
		}
		if c := xhtml.IndexCite(h.b, q); len(c) > 0 {
			space := " "
			if q.Speaker != "" {
				space = "\u00A0" // "— Miss Emily (ch. 22)" on one line
			}
			qs = append(qs, richtext.Span{Text: space, Size: sizeBody, Color: inkText})
			qs = append(qs, h.styled(c, sizeBody, q.CitePos)...)
		}
		where := append([]richtext.Span{{Text: h.label("discussed-in") + " ", Size: sizeSmall, Color: inkMuted}}, h.handoutLinks(en.Quotes)...)
		for _, sp := range [][]richtext.Span{qs, where} {
			for j := range sp {
				sp[j].NoHyphen = true
			}
		}
		if i > 0 {
			rows = append(rows, space(2.5))
		}
		// An entry is kept whole: its "Discussed in" alone at a page's
		// head would read as the next entry's.
		entry := h.rows(qs, block{x: 0, w: m, leading: leadTight, tag: body.Add(tagged.P)})
		entry = append(entry, h.rows(where, block{x: 0, w: m, leading: leadTight, tag: body.Add(tagged.P)})...)
		keepTogether(entry, h.maxBlockH())
		rows = append(rows, entry...)
	}
	return h.appendixSectionIn(edition, h.label("quotation-index"), rows)
}

// handoutLinks names the handouts that set out quotes, in the quiet
// style of the index's "Discussed in" line: "Handout 5 (p. 40)", or
// "Handouts 5 (p. 40), 6 (p. 52)" (handout-numbers), each number a link
// to the quotation in its handout, with its page.
func (h *handouts) handoutLinks(quotes []*book.Quote) []richtext.Span {
	var in []*book.Quote
	for _, q := range quotes {
		if q.Chapter != nil {
			in = append(in, q)
		}
	}
	quiet := func(text, link string) richtext.Span {
		return richtext.Span{Text: text, Size: sizeSmall, Color: inkMuted, Link: link}
	}
	link := func(q *book.Quote) string { return quoteAnchor(q.Chapter.ID, slices.Index(q.Chapter.Quotes, q)+1) }
	switch len(in) {
	case 0:
		return nil
	case 1:
		ref := quiet(h.label("handout-number", "n", strconv.Itoa(in[0].Chapter.Number)), link(in[0]))
		return append([]richtext.Span{ref}, h.pageRef(h.b, ref, ref.Link)...)
	}
	// the label's words around its numbers, which are links of their own
	const numbers = "\x00"
	before, after, _ := strings.Cut(h.label("handout-numbers", "n", numbers), numbers)
	var out []richtext.Span
	if b, ok := strings.CutSuffix(before, " "); ok {
		before = b + "\u00A0" // "Handouts" stays with its first number
	}
	if before != "" {
		out = append(out, quiet(before, ""))
	}
	for i, q := range in {
		if i > 0 {
			out = append(out, quiet(followedBy(out, h.label("list-separator")), ""))
		}
		ref := quiet(strconv.Itoa(q.Chapter.Number), link(q))
		out = append(append(out, ref), h.pageRef(h.b, ref, ref.Link)...)
	}
	if after != "" {
		out = append(out, quiet(after, ""))
	}
	return out
}

// worksCited lists the works cited as the style sets them: entries
// hanging by half an inch when it says so, a numbered style's first field
// ("[1]") in a column of its own (flush: at the text's edge; margin: hung
// in the page's margin), and space between entries when it asks for any
// (a line's worth, as the EPUB's style sheet gives it). Its line-spacing is a
// manuscript's double spacing, which a handout does not copy. The parts
// of an entry its display attributes set apart are paragraphs of their
// own (entryParagraphs), one P of the structure still.
func (h *handouts) worksCited() *section { return h.worksCitedIn(h.label("teacher-edition")) }

// worksCitedIn is the works cited in the edition named edition.
func (h *handouts) worksCitedIn(edition string) *section {
	heading := h.b.WorksCitedHeading()
	rows, sect := h.appendixIn(edition, "works-cited", heading, "")
	return h.appendixSectionIn(edition, heading, append(rows, h.worksCitedEntries(h.b.WorksCited(), sect)...))
}

// worksCitedEntries sets entries as the style sets its works cited, each
// a P of sect.
func (h *handouts) worksCitedEntries(entries []cite.Entry, sect *tagged.Elem) []*row {
	m := h.g.measure()
	opt := h.b.WorksCitedOptions()
	var rows []*row
	column := 0.0 // the first fields' column: the widest, and a gap
	for _, e := range entries {
		for _, p := range entryParagraphs(e) {
			if len(p.field) > 0 {
				column = max(column, h.spansWidth(h.styled(p.field, sizeBody, h.b.ManifestPos))+2.5)
			}
		}
	}
	for _, e := range entries {
		tag := sect.Add(tagged.P)
		from := len(rows)
		for _, p := range entryParagraphs(e) {
			b := block{x: 0, w: m, tag: tag}
			if opt.HangingIndent {
				b.hanging = 12.7
			}
			text := p.text
			if len(p.field) > 0 {
				b.marker, b.markerX = h.styled(p.field, sizeBody, h.b.ManifestPos), -column
				if opt.SecondFieldAlign != "margin" {
					b.x, b.w = column, m-column
				}
				text = text.TrimLeft() // the column parts the field from the rest
			}
			if p.indent {
				b.x, b.w = b.x+12.7, b.w-12.7
			}
			rows = append(rows, h.rows(withWebLinks(h.styled(text, sizeBody, h.b.ManifestPos)), b)...)
		}
		// An entry never parts over pages, not even on a page the
		// paginator fills: read from its author's line on one page to
		// its address on the next, it is two entries (review14 #4).
		// Entries are a few lines; one longer than wholeEntryLines
		// (a page's worth in large print) parts as a paragraph does.
		if entry := rows[from:]; len(entry) <= wholeEntryLines {
			for _, r := range entry[:len(entry)-1] {
				r.keep, r.whole = true, true
			}
		}
		if opt.EntrySpacing > 0 {
			rows = append(rows, space(sizeBody*richtext.PtToMM))
		}
	}
	return rows
}

// wholeEntryLines is the most lines a works-cited entry has and still
// keeps whole on one page.
const wholeEntryLines = 8

// entryParagraph is a paragraph of a works-cited entry as the handouts set
// it: its first field in a column (field), or indented.
type entryParagraph struct {
	field, text cite.Text
	indent      bool
}

// entryParagraphs divides an entry into its paragraphs: the whole entry,
// its first field set apart when the style aligns the second field; or,
// when the style's display attributes set parts apart, a paragraph for each
// block or indented part and one for the text between them, which a
// left-margin part leads as its first field.
func entryParagraphs(e cite.Entry) []entryParagraph {
	if e.Blocks == nil {
		return []entryParagraph{{field: e.Margin, text: e.Text}}
	}
	var out []entryParagraph
	open := false // text flows into the last paragraph
	for _, b := range e.Blocks {
		switch b.Display {
		case "block", "indent":
			out = append(out, entryParagraph{text: b.Text, indent: b.Display == "indent"})
			open = false
		case "left-margin":
			out = append(out, entryParagraph{field: b.Text})
			open = true
		default:
			if !open {
				out = append(out, entryParagraph{})
				open = true
			}
			p := &out[len(out)-1]
			p.text = append(p.text, b.Text...)
		}
	}
	return out
}

// spansWidth is the width of spans set on one line, in millimetres.
func (h *handouts) spansWidth(sp []richtext.Span) float64 {
	w := 0.0
	for _, s := range sp {
		w += h.fonts.Width(s.Style, s.Text, s.Size)
	}
	return w
}
