package pdf

import (
	"slices"
	"strings"

	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// tableSpec is a table ready to set: header cells, body cells and how
// columns align. Widths, when nil, follow the content.
type tableSpec struct {
	header [][]richtext.Span
	body   [][][]richtext.Span
	align  []int // per column: 0 left, 1 centre, 2 right
	widths []float64
	// keepWidths holds widths even where a word is wider than its
	// column, whose cells then take hyphens or smaller type (cellLines):
	// a mark scheme's criterion column is as wide as its names need.
	keepWidths bool
	// rowHeads makes each body row's first cell the header of its row (a
	// TH with Scope Row): a mark scheme's level beside its descriptor.
	rowHeads bool
	// wholeRows never parts a body row that fits a page: a mark scheme's
	// row read without its criterion, on the next page, cannot be marked
	// by (the header repeats; the criterion would not).
	wholeRows bool
	// parts lets a short table part between its rows as a long one does
	// (keepTableRows), and holds no third of the page it goes on to
	// (tableGroup.balanced): a curriculum map's framework, a list of
	// standards read one by one, whose page before was left a third
	// empty by a table of five rows kept whole (review13 #22).
	parts bool
	size  float64
	// maxRowH is the most a row may take: a taller one is cut between lines.
	maxRowH float64
	// tag is the Table element, nil for an untagged table.
	tag *tagged.Elem
	// headerCells and bodyCells are the cells' elements where they were
	// made with the cells' text (the Spans of phrases in another language
	// are in them), for the rows to adopt as TH and TD; nil: each row
	// makes its own.
	headerCells []*tagged.Elem
	bodyCells   [][]*tagged.Elem
}

// cellPadX and cellPadY are the room beside and above a cell's text;
// large print's beside it is largePrintCellPadX (geometry.cellPadX).
const (
	cellPadX = 1.8
	cellPadY = 1.2
)

// wholeRowLines is the most lines a table row may have and still never
// part over pages; rowLinesKept, the fewest lines of a longer row on
// either side of a page break, so neither page holds a stub of it.
const (
	wholeRowLines = 8
	rowLinesKept  = 3
)

// columnWidths shares the measure between columns: each gets at least its
// longest word, and the rest goes where the text is longest.
func (s *setter) columnWidths(t tableSpec, total float64) []float64 {
	n := len(t.align)
	natural := make([]float64, n)
	minimum := make([]float64, n)
	measure := func(cells [][]richtext.Span) {
		for i, c := range cells {
			if i >= n {
				break
			}
			c = s.g.sized(c) // as cellLines sets it
			natural[i] = max(natural[i], s.fonts.NaturalWidth(c)+2*s.g.cellPadX())
			minimum[i] = max(minimum[i], s.fonts.MinWidth(c)+2*s.g.cellPadX())
		}
	}
	measure(t.header)
	for _, r := range t.body {
		measure(r)
	}
	sumNat, sumMin := 0.0, 0.0
	for i := range n {
		natural[i] = max(natural[i], 8)
		minimum[i] = max(minimum[i], 8)
		sumNat += natural[i]
		sumMin += minimum[i]
	}
	w := make([]float64, n)
	switch {
	case sumNat <= total:
		for i := range n {
			w[i] = natural[i] + (total-sumNat)*natural[i]/sumNat
		}
	case sumMin <= total:
		for i := range n {
			w[i] = minimum[i] + (total-sumMin)*(natural[i]-minimum[i])/(sumNat-sumMin)
		}
	default:
		// Narrower than the longest words: where the type cannot be set
		// smaller (large print's cells are at its least size already),
		// a word without hyphenation points (a long number) keeps its
		// whole width and the columns whose words take hyphens give the
		// room up; otherwise every column gives in proportion and a
		// word too wide is set smaller (cellLines).
		broken, sumBroken := minimum, sumMin
		if _, smaller := s.smallerCellType(s.g.typeSize(t.size), 1); !smaller {
			broken, sumBroken = s.brokenWidths(t, minimum)
		}
		if sumBroken < sumMin && sumBroken <= total {
			for i := range n {
				w[i] = broken[i] + (total-sumBroken)*(minimum[i]-broken[i])/(sumMin-sumBroken)
			}
			break
		}
		for i := range n {
			w[i] = minimum[i] * total / sumMin
		}
	}
	return w
}

// brokenWidths is each column's narrowest width that cuts no word, its
// longest words broken at their hyphens and patterns' points, at most
// minimum's; and their sum.
func (s *setter) brokenWidths(t tableSpec, minimum []float64) ([]float64, float64) {
	broken := make([]float64, len(minimum))
	for _, r := range append([][][]richtext.Span{t.header}, t.body...) {
		for i, c := range r {
			if i < len(broken) {
				broken[i] = max(broken[i], s.fonts.MinBrokenWidth(s.g.sized(c), s.hyphenate)+2*s.g.cellPadX())
			}
		}
	}
	sum := 0.0
	for i := range broken {
		broken[i] = min(max(broken[i], 8), minimum[i])
		sum += broken[i]
	}
	return broken, sum
}

// cutsWords reports whether a column of the given widths is narrower than
// one of its words, which would then be cut between lines: the widths a
// table was designed with, set in large print.
func (s *setter) cutsWords(t tableSpec, widths []float64) bool {
	for _, r := range append([][][]richtext.Span{t.header}, t.body...) {
		for i, c := range r {
			if i < len(widths) && s.fonts.MinWidth(s.g.sized(c))+2*s.g.cellPadX() > widths[i]+1e-9 {
				return true
			}
		}
	}
	return false
}

// table sets a table as rows: one row per table row (a long one cut
// between its lines, to flow over pages), the header kept with the first
// body row and repeated after each page break.
func (s *setter) table(t tableSpec, b block) []*row {
	if len(t.align) == 0 {
		return nil
	}
	if t.size == 0 {
		t.size = sizeBody - 1
	}
	// The header is bold: measure it as it prints.
	var hcells [][]richtext.Span
	for _, c := range t.header {
		hcells = append(hcells, restyle(c, richtext.Bold, inkAccent))
	}
	t.header = hcells
	widths := t.widths
	if widths == nil || !t.keepWidths && s.cutsWords(t, widths) {
		widths = s.columnWidths(t, b.w)
	}
	// A table that parts though short holds no third of the page it
	// goes on to: its last two rows with what follows them fill it.
	group := &tableGroup{balanced: !t.parts}
	var out []*row
	if t.header != nil {
		head := s.tableRow(hcells, t.headerCells, t, widths, b, true)
		// The header never ends a page, not even one the paginator fills.
		for _, r := range head {
			r.head, r.keep, r.whole, r.table = true, true, true, group
		}
		group.header = head
		out = append(out, head...)
	}
	page := t.maxRowH
	// A body row cut between lines must fit under the repeated header.
	if t.maxRowH > 0 {
		t.maxRowH -= height(group.header)
	}
	body := make([][]*row, len(t.body))
	for i, cells := range t.body {
		var elems []*tagged.Elem
		if i < len(t.bodyCells) {
			elems = t.bodyCells[i]
		}
		body[i] = s.tableRow(cells, elems, t, widths, b, false)
		for _, r := range body[i] {
			r.table = group
		}
		out = append(out, body[i]...)
	}
	lh := lineHeight(s.g.typeSize(t.size), s.g.lead(leadTight))
	keepTableRows(body, height(out), page, t.parts, lh)
	if len(out) > 0 {
		out[len(out)-1].keep = false
	}
	return out
}

// shortTableRows is the most body rows a table may have and still move
// whole to the next page rather than part: a table of a few rows split
// two and three reads as two tables, the second without its lead-in.
const shortTableRows = 6

// keepTableRows says where a table's body, each row its pieces, may part
// over pages; h is the whole table's height and page the most a block
// may take of a page (0: unknown). A short table, of shortTableRows or
// fewer or under a third of a page, never parts where it fits a page; a
// longer one parts between rows, never leaving fewer than two body rows
// on either side of the break (the header, kept with the first, repeats
// above the rest), as does a short one that parts. The last row holds the
// one before it only while it is shorter than rowLinesKept lines of lh: a
// book keeps a widow line, not a widow row, off a page, and a large-print
// row of 3-10 lines alone on the table's last page is no stub, where
// holding the row before it back left LP T pp. 281, 305, 307 a third to
// half empty (review15 #1).
func keepTableRows(body [][]*row, h, page float64, parts bool, lh float64) {
	n := len(body)
	if n == 0 {
		return
	}
	short := !parts && (n <= shortTableRows || page > 0 && h < page/3)
	if short && (page <= 0 || h <= page) {
		for _, rows := range body {
			rows[len(rows)-1].keep = true
		}
		return
	}
	widow := n < 2 || lh <= 0 || height(body[n-1])-2*cellPadY < float64(rowLinesKept)*lh-1e-6
	for i, rows := range body {
		rows[len(rows)-1].keep = i == 0 || i == n-2 && widow
	}
}

// restyle adds a style and colour to spans that have none.
func restyle(sp []richtext.Span, st richtext.Style, c richtext.Color) []richtext.Span {
	out := make([]richtext.Span, len(sp))
	for i, s := range sp {
		s.Style |= st
		if s.Color == inkText || s.Color == (richtext.Color{}) {
			s.Color = c
		}
		out[i] = s
	}
	return out
}

func (s *setter) tableRow(cells [][]richtext.Span, elems []*tagged.Elem, t tableSpec, widths []float64, b block, head bool) []*row {
	size := s.g.typeSize(t.size)
	lh := lineHeight(size, s.g.lead(leadTight))
	// Every cell's lines stand on one grid of baselines, the row's type's:
	// a line with a larger mark on it (the curriculum map's dot) would
	// otherwise sit lower than its neighbours in the next cell, and
	// closer to its own next line.
	face := s.fonts.Face(richtext.Roman)
	asc := float64(face.Ascent) * size / 1000 * richtext.PtToMM
	desc := float64(face.Descent) * size / 1000 * richtext.PtToMM
	type cellLines struct {
		lines []richtext.Line
		x, w  float64
		align int
		tag   *tagged.Elem
		link  *linkTags // a linked fragment's Link element, within the cell
	}
	var cs []cellLines
	x := b.x
	most := 1
	tr := t.tag.Add(tagged.TR)
	for i, w := range widths {
		var sp []richtext.Span
		if i < len(cells) {
			sp = cells[i]
		}
		lines := s.cellLines(s.tieLastWordIn(sp, w-2*s.g.cellPadX()), w-2*s.g.cellPadX())
		var cell *tagged.Elem
		if i < len(elems) && elems[i] != nil {
			cell = tr.Adopt(elems[i])
		} else {
			cell = tr.Add(tagged.TD)
		}
		switch {
		case cell == nil:
		case head:
			cell.Role = tagged.TH
			cell.SetAttrs(tagged.Attrs{Scope: "Column"})
		case t.rowHeads && i == 0:
			cell.Role = tagged.TH
			cell.SetAttrs(tagged.Attrs{Scope: "Row"})
		}
		cs = append(cs, cellLines{lines: lines, x: x, w: w, align: t.align[i], tag: cell, link: &linkTags{}})
		most = max(most, len(lines))
		x += w
	}
	// How the row is cut into the pieces the paginator moves. A row of
	// more than wholeRowLines lines, or taller than a page, flows over
	// pages as a paragraph's lines do, a line at a time, at least
	// rowLinesKept on either side of a break: a lesson of the schemes of
	// work a page long starts where the last ended instead of leaving
	// that page mostly empty. A shorter row is one piece, never parted,
	// or, where the geometry says, pieces of a few lines kept together,
	// which part only where a page would otherwise be left more than
	// two-thirds empty.
	perRow, free := most, false
	switch {
	case t.wholeRows && !head && (t.maxRowH <= 0 || float64(most)*lh+2*cellPadY <= t.maxRowH):
	case t.maxRowH > 0 && (most > wholeRowLines || float64(most)*lh+2*cellPadY > t.maxRowH):
		perRow, free = 1, true
	case s.g.rowPieces > 0:
		perRow = s.g.rowPieces
	}
	flowing := perRow < most
	var out []*row
	for start := 0; start < most; start += perRow {
		end := min(most, start+perRow)
		// The cell's padding: around each piece, or, for pieces that
		// flow, above the first line and below the last only.
		top, bottom := cellPadY, cellPadY
		if flowing && start > 0 {
			top = 0
		}
		if flowing && end < most {
			bottom = 0
		}
		h := float64(end-start)*lh + top + bottom
		// The block's frame and fills (a teacher's box's tint) lie under
		// the row, the header's shade over them.
		r := &row{h: h, frame: b.frame, fills: b.fills}
		if head {
			r.fills = append(slices.Clip(b.fills), fill{x: b.x, w: sum(widths), style: cellFill(fillHead)})
		}
		for _, c := range cs {
			for li := start; li < end && li < len(c.lines); li++ {
				ln := c.lines[li]
				base := top + float64(li-start)*lh + (lh-(asc+desc))/2 + asc
				dx := c.x + s.g.cellPadX()
				switch c.align {
				case 1:
					dx += (c.w - 2*s.g.cellPadX() - ln.Width) / 2
				case 2:
					dx += c.w - 2*s.g.cellPadX() - ln.Width
				}
				start := len(r.ops)
				for _, f := range ln.Fragments {
					tag := c.tag
					if f.Tag != nil { // a phrase in another language
						tag = f.Tag
					}
					r.ops = append(r.ops, textOps(f, dx, base, c.link.of(tag, f.Link))...)
				}
				markRefLine(r.ops[start:], ln.Stretch)
			}
		}
		thick, col := 0.2, lightRule
		if head {
			thick, col = 0.4, ruleColor
		}
		if end == most {
			r.ops = append(r.ops, lineOp{x1: b.x, y1: h, x2: b.x + sum(widths), y2: h, width: thick, color: col})
		}
		if end < most {
			// A free row parts only rowLinesKept lines from either end.
			r.keep = !free || end < rowLinesKept || most-end < rowLinesKept
			r.piece = !free
		}
		out = append(out, r)
	}
	return out
}

// cellStep and cellSteps are how much smaller, and how many times, a
// word is set that is wider than its cell even broken at its hyphens
// and its patterns' points: a word cut between letters ("understandin"
// "g") is never printed while a smaller size can keep it whole.
const (
	cellStep  = 0.5
	cellSteps = 4
)

// cellLines breaks a cell's text in width, in type no smaller than the
// profile's smallest (large print's 16 pt: a standards line, an
// "[UNVERIFIED]" mark). Only a word wider than the cell breaks, after a
// hyphen of its own or at its patterns' points with a hyphen, even in
// large print's ragged setting (a hyphen reads better than a cut); a
// word that still does not fit is set a step smaller, that word alone,
// as far as cellSteps and the profile's smallest type allow, and only
// then is cut.
func (s *setter) cellLines(sp []richtext.Span, width float64) []richtext.Line {
	return s.fonts.Break(s.g.sized(sp), richtext.Options{Width: width, HyphenateLong: s.hyphenate, ShrinkLong: s.smallerCellType})
}

// tieLastWord is sp with the space before its last word held when that
// word is short (tie.Last), so that a cell, a caption or a banner's
// subtitle does not end on a line of one short word ("…they act | in.").
// The space is tied where it is, in the span that has it; a span that
// reads as other text (Actual) or stands in for text (Held) is left as
// it is.
func tieLastWord(sp []richtext.Span) []richtext.Span {
	for i := len(sp) - 1; i >= 0; i-- {
		if sp[i].Actual != "" || sp[i].Held != nil {
			return sp
		}
		k := strings.LastIndexByte(sp[i].Text, ' ')
		if k < 0 {
			continue
		}
		var after strings.Builder
		after.WriteString(sp[i].Text[k:])
		for _, o := range sp[i+1:] {
			after.WriteString(o.Text)
		}
		var before strings.Builder
		for _, o := range sp[:i] {
			before.WriteString(o.Text)
		}
		before.WriteString(sp[i].Text[:k])
		if tie.Last(before.String()+after.String()) == before.String()+after.String() {
			return sp
		}
		out := slices.Clone(sp)
		out[i].Text = sp[i].Text[:k] + "\u00A0" + sp[i].Text[k+1:]
		return out
	}
	return sp
}

// tieLastWordIn is tieLastWord where the two words tied fit well inside
// width: a pair wider than a narrow cell (large print's) would be a word
// the breaker must hyphenate or cut ("no|un"), worse than a runt.
func (s *setter) tieLastWordIn(sp []richtext.Span, width float64) []richtext.Span {
	tied := tieLastWord(sp)
	if len(tied) == 0 || &tied[0] == &sp[0] {
		return sp
	}
	sized := s.g.sized(tied)
	var pair float64
	for i := len(sized) - 1; i >= 0; i-- {
		text := sized[i].Text
		if k := strings.LastIndexByte(text, ' '); k >= 0 {
			pair += s.fonts.Width(sized[i].Style, text[k+1:], sized[i].Size)
			break
		}
		pair += s.fonts.Width(sized[i].Style, text, sized[i].Size)
	}
	if pair > 0.75*width {
		return sp
	}
	return tied
}

// smallerCellType is the size step steps smaller than size for a word
// too wide for its cell (richtext.Options.ShrinkLong).
func (s *setter) smallerCellType(size float64, step int) (float64, bool) {
	smaller := max(size-float64(step)*cellStep, s.g.smallest)
	return smaller, step <= cellSteps && smaller < size
}

func sum(a []float64) float64 {
	t := 0.0
	for _, x := range a {
		t += x
	}
	return t
}

// table sets a GFM table from the chapter's Markdown.
func (p *prose) table(n *doc.Table, b block) []*row {
	t := tableSpec{size: p.size - 1, maxRowH: p.maxRowH(), tag: b.tag.Add(tagged.Table)}
	for _, a := range n.Align {
		switch a {
		case doc.AlignCenter:
			t.align = append(t.align, 1)
		case doc.AlignRight:
			t.align = append(t.align, 2)
		default:
			t.align = append(t.align, 0)
		}
	}
	c := p.base()
	c.size = t.size
	// Each cell's element is made with its text, so that a phrase in
	// another language is a Span in it; the rows adopt them.
	cells := func(r []*doc.Cell) ([][]richtext.Span, []*tagged.Elem) {
		var out [][]richtext.Span
		var elems []*tagged.Elem
		for _, cell := range r {
			cc := c
			var e *tagged.Elem
			if t.tag != nil {
				e = tagged.New(tagged.TD)
				cc.tag = e
			}
			out = append(out, p.inlines(cell.Inlines, cc))
			elems = append(elems, e)
		}
		return out, elems
	}
	t.header, t.headerCells = cells(n.Header)
	for _, r := range n.Rows {
		sp, elems := cells(r)
		t.body, t.bodyCells = append(t.body, sp), append(t.bodyCells, elems)
	}
	return p.setter.table(t, b)
}

// maxRowH is the tallest a row may be: a page's body less its furniture.
func (p *prose) maxRowH() float64 { return p.maxImageH }
