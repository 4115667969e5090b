package pdf

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"sync"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	marotorow "github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/internal/gofpdffont"
	"github.com/companion-dev/companion/layouts/pdf/internal/marotofpdf"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// geometry is the page: paper and margins, in millimetres, and how it is
// printed: the faces, the leading, the magnification onto the paper.
type geometry struct {
	width, height            float64
	left, right, top, bottom float64
	// fonts are the faces text is drawn in.
	fonts *richtext.Fonts
	// scale magnifies the page onto the paper: the paper is scale times
	// the page, and every length of the layout (type, spaces, rules,
	// answer lines) with it. 1 but in large print.
	scale float64
	// leastLeading, when not 0, is the least line spacing of any text
	// (lead), in multiples of its size; ragged sets every
	// block ragged right, without hyphenation; smallest and largest bound
	// the type sizes a block sets (0: unbounded), in points on the page
	// (not the paper), and furniture the size of the running heads,
	// footers and page numbers, which are quiet by their colour and
	// style, not their size (furnitureSize).
	leastLeading                 float64
	ragged                       bool
	smallest, largest, furniture float64
	// cellPad, when not 0, is the room beside a table cell's text
	// (cellPadX).
	cellPad float64
	// nameBlank, when not 0, is the least length of a blank of the name
	// strip on the paper, in millimetres (nameLines).
	nameBlank float64
	// fillLines runs the answer lines (or a project's planning box) that
	// end a page on to its foot, when the next question moves to the next
	// page whole: the room it leaves under the last (up to two-thirds of
	// a page for a question of eight lines, more in large print, where a
	// question takes half a page or more) is for writing, not a blank.
	fillLines bool
	// rowPieces, when not 0, cuts a table row of up to wholeRowLines
	// lines into pieces of that many lines, kept together, which the
	// paginator parts only where a page would otherwise be left more
	// than two-thirds empty: large print's rows are long, and each,
	// whole, would move to a page of its own. (A longer row flows over
	// pages in either profile.)
	rowPieces int
	// listRubrics sets every mark scheme as a list, a criterion at a time
	// (rubricList): at 18 pt four levels side by side leave each a column
	// of a word or two a line, cut words and rows split mid-descriptor.
	listRubrics bool
}

// textMeasure is the width of the text block on every paper: about 72
// characters of the body type a line, within the 60–80 that read best
// (TestMeasure). The paper's remaining width is split two to three, so the
// wider margin, on the right, leaves students room for notes.
const textMeasure = 130.0

// newGeometry is the standard page of a paper: Gentium at sizeBody.
func newGeometry(paper string) geometry {
	g := geometry{width: 215.9, height: 279.4, fonts: richtext.Serif(), scale: 1, fillLines: true} // US letter
	if paper == "a4" {
		g.width, g.height = 210, 297
	}
	spare := g.width - textMeasure
	g.left, g.right, g.top, g.bottom = spare*0.4, spare*0.6, 15, 12
	return g
}

// Large print: the standard page magnified from sizeBody to 18 pt, on a
// text block of largePrintMeasure on the paper (about 52 characters of
// Atkinson Hyperlegible at 18 pt: large print reads best at 50–65) with
// even margins, since a large hand writes its notes on paper of its own,
// and 16 mm above and 14 mm below.
// Magnifying the whole page keeps every proportion the standard set was
// designed with (a heading to its text, answer lines to the type, a
// box's padding) and the page breaking with it; what large print changes
// beyond size is the face, 1.5 line spacing for every line (the body's,
// a table cell's, a heading's, guidance's alike: the British Dyslexia
// Association's setting, where the standard set's cells and metadata are
// at 1.3), ragged right without hyphenation, nothing under the body's
// 18 pt (the small print of metadata, guidance, table cells and mark
// schemes, which magnified would print at 14 to 16 pt, is set at 18) but the running heads, footers and
// page numbers, at 16 pt, UKAAF's floor for large print, and titles no
// larger than 36 pt, which keeps a title such as "Never Let Me Go" on one
// line.
const (
	largePrintScale   = 18 / sizeBody
	largePrintMeasure = 176.0
	// largePrintLeading is 1.5 line spacing, a hair under (0.02 pt at
	// 18 pt): poppler, and so pdftotext and every reader's copy and
	// search built on it, keeps two lines in one block only while their
	// baselines are at most 1.5 times the size apart, and at exactly 1.5
	// rounding parts some, which then read out of order (a table's
	// cells interleaved).
	largePrintLeading   = 1.499
	largePrintSmallest  = sizeBody
	largePrintFurniture = 16 / largePrintScale
	largePrintLargest   = 36 / largePrintScale
	// largePrintCellPadX keeps the gutter between table columns in
	// proportion to their type, which large print sets at the body's
	// size (11 pt on the page, not the 9 to 10 of the standard set's
	// cells): with the standard's 1.8 mm a cell's line and its
	// neighbour's, both full, read as one line ("that her memory the
	// guardians' part").
	largePrintCellPadX = cellPadX * sizeBody / sizeSmall
	// largePrintNameBlank is the least length of the name strip's
	// blanks: room for "2 Dec 2026" in a large hand (the standard strip's
	// Class and Date blanks, magnified, are 15 mm).
	largePrintNameBlank = 60.0
)

// pageGeometry is the page of a paper in a profile.
func pageGeometry(paper string, p layouts.Profile) geometry {
	g := newGeometry(paper)
	if p != layouts.LargePrint {
		return g
	}
	k := largePrintScale
	side := (g.width - largePrintMeasure) / 2
	return geometry{
		width: g.width / k, height: g.height / k,
		left: side / k, right: side / k, top: 16 / k, bottom: 14 / k,
		fonts: richtext.LargePrint(), scale: k,
		leastLeading: largePrintLeading, ragged: true, smallest: largePrintSmallest, largest: largePrintLargest,
		furniture: largePrintFurniture, cellPad: largePrintCellPadX,
		rowPieces: 2, fillLines: true, listRubrics: true, nameBlank: largePrintNameBlank,
	}
}

// typeSize is a size of type in points on the page as the profile sets
// it: no smaller than smallest nor larger than largest, where they are
// set. Every size that reaches the page goes through it, the running
// head's, the footer's and a list's marker as much as a paragraph's.
func (g geometry) typeSize(size float64) float64 {
	if g.smallest > 0 {
		size = max(size, g.smallest)
	}
	if g.largest > 0 {
		size = min(size, g.largest)
	}
	return size
}

// lead is the line spacing of text that the layout sets at leading
// (leadBody, leadTight, …): never under the profile's least.
func (g geometry) lead(leading float64) float64 { return max(leading, g.leastLeading) }

// cellPadX is the room beside a table cell's text.
func (g geometry) cellPadX() float64 {
	if g.cellPad > 0 {
		return g.cellPad
	}
	return cellPadX
}

// furnitureSize is typeSize for the running heads, footers and page
// numbers: bounded below by the profile's furniture size, not its
// smallest.
func (g geometry) furnitureSize(size float64) float64 {
	if g.furniture > 0 {
		size = max(size, g.furniture)
	}
	return size
}

// sized is spans each in typeSize of its size; spans themselves where
// the profile bounds no size.
func (g geometry) sized(spans []richtext.Span) []richtext.Span {
	if g.smallest == 0 && g.largest == 0 {
		return spans
	}
	out := slices.Clone(spans)
	for i := range out {
		out[i].Size = g.typeSize(out[i].Size)
	}
	return out
}

// pt is a length on the page in points on the paper.
func (g geometry) pt(mm float64) float64 { return mm * g.scale * 72 / 25.4 }

// measure is the width of the text block.
func (g geometry) measure() float64 { return g.width - g.left - g.right }

// body is the height maroto lays rows into.
func (g geometry) body() float64 { return g.height - g.top - g.bottom }

// row is one maroto row of fixed height: the unit the paginator moves.
// Every row is at most a page tall, so maroto never spills one past the
// footer; long text is many rows.
type row struct {
	h    float64
	keep bool // keep on the same page as the next row
	// whole keeps the row with the next even on a page the paginator
	// fills (paginate), where keep gives way: a short answer's lines, an
	// essay's first and last lines and the prompt's end above them.
	whole bool
	// parts keeps the row with the next as a short answer area's first
	// lines keep with its rest: where moving them would leave the page
	// more than a third empty, the area parts after this row and goes on
	// under its label (answerLines).
	parts bool
	// piece keeps the row with the next as pieces of one table row
	// (geometry.rowPieces): where the paginator fills a page, they part
	// only while the page is under a third full.
	piece bool
	// loose keeps the row with the next as keep does, but gives way as
	// on a page the paginator fills where keeping would leave the page
	// more than a third empty: a teacher's guidance box short enough to
	// keep whole, which parts between its first and last lines
	// (keepBoxEnds) rather than leave the page half blank.
	loose bool
	space bool // vertical space: dropped at the top of a page
	fills []fill
	ops   []op
	frame *frame
	table *tableGroup
	head  bool // a table header row, repeated after a page break
	marks []bookmark
	// anchors name the place the row starts, for links to it (links.go).
	anchors []anchorName
	base    float64 // baseline of the row's text, from its top (text rows)

	// lines is an open question's ruled answer line, planning the room
	// of a project's planning box: where the geometry fills pages, the
	// lines or the box a page ends with run on to its foot.
	lines, planning bool
	// notes are the footnotes the row calls, in order, set at the foot
	// of the page the row is on (footnote).
	notes []*footnote
}

// footnote is a note set at the foot of the page that calls it, under a
// short rule: its lines, the first of which goes on the page of its
// call; lines that do not fit there go on at the foot of the next page,
// under continued, its label continued ("Note 3, continued").
type footnote struct {
	rows, continued []*row
}

// fill is a shaded or bordered band of the row, x and w from the left of
// the text block. Fills are maroto columns with a cell style.
type fill struct {
	x, w  float64
	style *props.Cell
}

// frame is a box drawn around consecutive rows, closed and reopened where a
// page breaks it.
type frame struct {
	x, w       float64
	background *props.Color
	border     *props.Color
}

// tableGroup ties rows to the rows repeated at the head of each page they
// go on to: a table's header, the label of answer lines continued.
type tableGroup struct {
	header []*row
	// outer is the group of the box the table is in (continuedBox): a
	// page that the table goes on to, or starts, heads its header with
	// the box's label, continued.
	outer *tableGroup
	// close is the row a page that cuts the group's box ends it with,
	// its bottom padding, as a page it goes on to heads it with its
	// header (closeCut); nil: none (a table, answer lines).
	close *row
	// balanced is a table's: in a balanced section, where it goes on to
	// a page, it holds a third of that page at least (layOut).
	balanced bool
}

// headsPage is what a page that r starts repeats above it: the header of
// each group r is in, the outermost first, r's own header unless r is a
// row of it.
func headsPage(r *row) []*row {
	var out []*row
	if !r.head {
		out = r.table.header
	}
	for g := r.table.outer; g != nil; g = g.outer {
		out = append(slices.Clip(g.header), out...)
	}
	return out
}

// closeOf is the close row of the innermost box r is in
// (tableGroup.close), nil where it is in none.
func closeOf(r *row) *row {
	for g := r.table; g != nil; g = g.outer {
		if g.close != nil {
			return g.close
		}
	}
	return nil
}

// op is one drawing operation, relative to the row's top left corner.
type op interface {
	// draw draws the op with its row's top left corner at x, y; text in
	// the faces of fonts.
	draw(p core.Provider, faces *richtext.Fonts, x, y float64)
}

// textOp draws a fragment with its baseline y millimetres below the row top.
type textOp struct {
	frag richtext.Fragment
	x, y float64
	tag  *tagged.Elem // the element the text is part of; nil: an artifact
	// line is set on the text of a line that holds the place of a
	// cross-reference's page (markRefLine); nil on all other text.
	line *refLine
}

func (t textOp) element() *tagged.Elem { return t.tag }

// markedOp is an op that is content of a structure element; every other
// op (rules, answer lines) is an artifact.
type markedOp interface{ element() *tagged.Elem }

var fontStyles = map[richtext.Style]fontstyle.Type{
	richtext.Roman:      fontstyle.Normal,
	richtext.Italic:     fontstyle.Italic,
	richtext.Bold:       fontstyle.Bold,
	richtext.BoldItalic: fontstyle.BoldItalic,
}

func (t textOp) draw(p core.Provider, faces *richtext.Fonts, x, y float64) {
	if faces.OneFace(t.frag) { // most text: no slice of one
		t.drawIn(p, faces, t.frag, x, y)
		return
	}
	for _, f := range faces.Faces(t.frag) {
		t.drawIn(p, faces, f, x, y)
	}
}

// drawIn draws f, a run of the fragment in one face, the one of faces
// that draws its style, at the size that face is set at.
func (t textOp) drawIn(p core.Provider, faces *richtext.Fonts, f richtext.Fragment, x, y float64) {
	pdf := marotofpdf.Provider(p)
	// Drawn with gofpdf itself: maroto's text component selects the font
	// three times for every text it draws, and measures it to align it.
	gofpdffont.Select(pdf, faces.FamilyOf(f.Style), string(fontStyles[f.Style&richtext.BoldItalic]), faces.SizeOf(f.Style, f.Size))
	if r, g, b := pdf.GetTextColor(); r != int(f.Color.R) || g != int(f.Color.G) || b != int(f.Color.B) {
		pdf.SetTextColor(int(f.Color.R), int(f.Color.G), int(f.Color.B))
	}
	// maroto's cells are placed from the page margins, gofpdf's text from
	// the page's corner.
	left, top, _, _ := pdf.GetMargins()
	gofpdffont.Text(pdf, left+x+t.x+f.X+f.Dx, top+y+t.y-f.Rise*richtext.PtToMM, f.Text)
}

// lineOp draws a straight rule.
type lineOp struct {
	x1, y1, x2, y2 float64
	width          float64
	color          props.Color
	dotted         bool
	line           *refLine // the line of the text it underlines, if it holds a place (markRefLine)
}

func (l lineOp) draw(p core.Provider, _ *richtext.Fonts, x, y float64) {
	c := l.color
	pr := &props.Line{Color: &c, Thickness: l.width, SizePercent: 100, Style: linestyle.Solid}
	if l.dotted {
		pr.Style = linestyle.Dashed
	}
	cell := &entity.Cell{X: x + l.x1, Y: y + l.y1, Width: l.x2 - l.x1, Height: l.y2 - l.y1}
	if l.x1 == l.x2 {
		pr.Orientation = orientation.Vertical
		cell.Width = 0
	} else {
		pr.Orientation = orientation.Horizontal
		cell.Height = 0
	}
	p.AddLine(cell, pr)
	if l.dotted {
		// maroto ends a dotted rule with a dash pattern of its own, solid
		// but one that every page after would begin by setting.
		marotofpdf.Provider(p).SetDashPattern(nil, 0)
	}
}

// padOp draws the part of a cut box's bottom padding (closeCut) that
// its page had no room for, h deep from the top of the row that closes
// the box, into the air above the footer's rule (footRuleY): the box's
// ground (frame, or fills where it has no frame), sides and bottom
// border, as the rows of the box draw them.
type padOp struct {
	h     float64
	frame *frame
	fills []fill
}

func (o padOp) draw(p core.Provider, faces *richtext.Fonts, x, y float64) {
	var ops []lineOp
	band := func(x0, w float64, c *props.Color) {
		if c != nil {
			ops = append(ops, lineOp{x1: x0, y1: o.h / 2, x2: x0 + w, y2: o.h / 2, width: o.h, color: *c})
		}
	}
	if f := o.frame; f != nil {
		band(f.x, f.w, f.background)
	}
	for _, f := range layered(o.fills) {
		band(f.x, f.w, f.style.BackgroundColor)
	}
	if f := o.frame; f != nil && f.border != nil {
		c := *f.border
		ops = append(ops,
			lineOp{x1: f.x, y1: 0, x2: f.x, y2: o.h, width: 0.3, color: c},
			lineOp{x1: f.x + f.w, y1: 0, x2: f.x + f.w, y2: o.h, width: 0.3, color: c},
			lineOp{x1: f.x, y1: o.h, x2: f.x + f.w, y2: o.h, width: 0.3, color: c})
	}
	for _, l := range ops {
		l.draw(p, faces, x, y)
	}
}

// padOf is the padding a row that closes a cut box draws below itself
// (padOp, bled), if it does.
func padOf(r *row) (padOp, bool) {
	for _, o := range r.ops {
		if p, ok := o.(padOp); ok {
			return p, true
		}
	}
	return padOp{}, false
}

// imageOp places a PNG or JPEG.
type imageOp struct {
	img        *printImage
	x, y, w, h float64
	tag        *tagged.Elem // the Figure
}

func (im imageOp) element() *tagged.Elem { return im.tag }

func (im imageOp) draw(p core.Provider, _ *richtext.Fonts, x, y float64) {
	p.AddImageFromBytes(im.img.data, &entity.Cell{X: x + im.x, Y: y + im.y, Width: im.w, Height: im.h},
		&props.Rect{Percent: 100}, im.img.ext)
}

// drawing is the maroto component every row holds: it replays the row's
// operations at the row's position.
type drawing struct {
	h   float64
	ops []op
	dx  float64 // the offset of the drawing's column from the row's left edge
	tw  *tagged.Writer
	// fonts draw the text.
	fonts *richtext.Fonts
	// repeat is a row drawn again (a table's header after a page break):
	// its content was read where it first stood, so here it is an artifact.
	repeat bool
	// held are the slots of the row's held lines (heldOf), the places
	// of its cross-references' pages and the text each file moves with
	// them, in the order of its ops: each file draws those, in the
	// marked content reserved for them here.
	held []*heldSlot
}

func (d *drawing) Render(p core.Provider, cell *entity.Cell) {
	k := 0 // the next of held
	for i, o := range d.ops {
		var e *tagged.Elem
		if m, ok := o.(markedOp); ok && !d.repeat {
			e = m.element()
		}
		if k < len(d.held) && d.held[k].op == i {
			if e != nil {
				d.held[k].mcid = d.tw.Reserve(e)
			}
			k++
			continue
		}
		// A hyphenated word reads whole from its head, without the
		// hyphen, and its tail as nothing; small capitals in their own
		// case.
		if t, ok := o.(textOp); !ok {
			d.tw.Mark(e)
		} else if actual, ok := t.frag.ActualText(); ok {
			d.tw.MarkActualText(e, actual)
		} else {
			d.tw.Mark(e)
		}
		o.draw(p, d.fonts, cell.X-d.dx, cell.Y)
	}
	d.tw.Mark(nil)
}
func (d *drawing) GetHeight(core.Provider, *entity.Cell) float64 { return d.h }
func (d *drawing) SetConfig(*entity.Config)                      {}
func (d *drawing) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "companion-drawing"})
}

// gridSize is maroto's column grid: fine enough to place fills to a
// fiftieth of a millimetre.
const gridSize = 10000

// marotoRow turns a row into a maroto row: columns for the fills, and one
// drawing for everything else.
func (r *row) marotoRow(g geometry, borders frameEdges, tw *tagged.Writer, repeat bool, held []*heldLine) core.Row {
	type span struct {
		x, w  float64
		style *props.Cell
	}
	var spans []span
	fills := r.fills
	if fr := r.frame; fr != nil {
		// The frame's ground is the lowest layer: what the box holds
		// (a table's header, a quotation's bar) lies over it.
		fills = append([]fill{{fr.x, fr.w, &props.Cell{BackgroundColor: fr.background}}}, fills...)
	}
	for _, f := range layered(fills) {
		spans = append(spans, span(f))
	}
	if fr := r.frame; fr != nil && fr.border != nil {
		// Each band of the frame draws its part of the border: the top
		// and bottom where the frame has them, the sides at its edges
		// only, so that a band over the ground is not boxed in.
		for i, s := range spans {
			if s.x+s.w <= fr.x+frameEpsilon || s.x >= fr.x+fr.w-frameEpsilon {
				continue
			}
			t := borders.types() &^ (border.Left | border.Right)
			if s.x <= fr.x+frameEpsilon {
				t |= border.Left
			}
			if s.x+s.w >= fr.x+fr.w-frameEpsilon {
				t |= border.Right
			}
			if t == border.None {
				continue
			}
			st := *s.style
			st.BorderColor, st.BorderThickness, st.BorderType = fr.border, 0.3, t
			spans[i].style = &st
		}
	}
	m := g.measure()
	unit := func(x float64) int { return int(x/m*gridSize + 0.5) }
	var cols []core.Col
	at := 0
	d := &drawing{h: r.h, ops: r.ops, tw: tw, fonts: g.fonts, repeat: repeat}
	for _, l := range held {
		d.held = append(d.held, l.slots...)
	}
	for _, s := range spans {
		start, end := unit(s.x), unit(s.x+s.w)
		if start < at || end <= start {
			continue // overlapping fills are not used; keep the first
		}
		if start > at {
			cols = append(cols, col.New(start-at))
		}
		cols = append(cols, col.New(end-start).WithStyle(s.style))
		at = end
	}
	if at < gridSize {
		cols = append(cols, col.New(gridSize-at))
	}
	// maroto draws columns left to right, each fill before its components:
	// the drawing goes in the last column so every fill lies under it, and
	// works from the row's left edge, found as maroto finds column edges.
	for _, c := range cols[:len(cols)-1] {
		d.dx += m * (float64(c.GetSize()) / float64(gridSize))
	}
	cols[len(cols)-1].Add(d)
	return marotorow.New(r.h).Add(cols...)
}

// layered is fills as they show when each lies over those before it (a
// quotation's bar over a teacher's box's tint, a table's header over
// it), cut into bands side by side, left to right, as maroto's columns
// must be.
func layered(fills []fill) []fill {
	var out []fill
	for _, f := range fills {
		var next []fill
		for _, o := range out {
			if left := min(o.x+o.w, f.x) - o.x; left > 0 {
				next = append(next, fill{x: o.x, w: left, style: o.style})
			}
			if right := o.x + o.w - max(o.x, f.x+f.w); right > 0 {
				next = append(next, fill{x: o.x + o.w - right, w: right, style: o.style})
			}
		}
		out = append(next, f)
		slices.SortFunc(out, func(a, b fill) int { return cmp.Compare(a.x, b.x) })
	}
	return out
}

type frameEdges struct{ top, bottom bool }

// frameEpsilon is how near a band's edge must be to the frame's to be
// that edge: bands are cut from the frame by sums of widths.
const frameEpsilon = 1e-6

func (e frameEdges) types() border.Type {
	t := border.Left | border.Right
	if e.top {
		t |= border.Top
	}
	if e.bottom {
		t |= border.Bottom
	}
	return t
}

// bookmark is an outline entry: it points at the row that carries it.
type bookmark struct {
	title string
	level int // 0: a handout or section; 1: a part of it
}

// section is a run of pages numbered on their own: the cover, one handout,
// a teacher appendix.
type section struct {
	rows []*row
	// head draws the running head on pages after the first; foot the
	// footer of every page. Both return rows of a fixed total height.
	head func() []*row
	foot func() []*row
	// footNamed and headNamed are the footer and running head of a page
	// the section starts that others start on too, naming them all
	// (pageName); nil: foot and head serve. Their rows are as high as
	// foot's and head's, or headNamed returns nil.
	footNamed, headNamed func(name string) []*row
	// folio places the page number in the footer; nil for none.
	folio *folio
	// end is what ends the last page, under its last row, given the room
	// left there (mm); the rows it returns fit in room. nil: nothing.
	end func(room float64) []*row
	// balanced leaves the last page, like every other, at most two-thirds
	// empty: rows move on to it from the page before (the cover, whose
	// contents may run over by a few lines, and its colophon; an
	// appendix), as far as rows that are whole let them.
	balanced bool
	// pullsTail, for a section not balanced (a handout), fills a last
	// page under tailShare of its room from the page before, as far as
	// it can give: a handout may end on a short page, not on a stray
	// line or two.
	pullsTail bool
	// partEnd, for a section that pulls its tail, fills its last page
	// only to tailShare of its room, not to a third, and only where the
	// next section does not run on to it (flow, as balanced): a
	// back-matter part ends on a short page as a chapter does, and the
	// page before it, a table's above all, stays full (review14 #3: a
	// timeline's page held back four rows, 154 pt, for its last page's
	// third).
	partEnd bool
	// runsOn lets the section start on the last page of the section
	// before it when that one runs on too and at least half of its last
	// page is free (runOnTo): an appendix after an appendix, where
	// a page each would leave pages nearly empty. A handout or an answer
	// key starts a page, and none runs on to it: its pages are a file
	// of their own too.
	runsOn bool
	// tucked, for a short section that opens with a heading, not a band
	// (the mark schemes' pointers), lets it run on to the page before
	// wherever it fits there whole, in its bottom half too, and starts
	// a page only where it does not: a heading is no band that reads as
	// the page's end.
	tucked bool
	// opening is how many rows open the section (an appendix's band and
	// the space under it): a section that runs on takes at least
	// openingKept rows after them on to the page it shares, so that its
	// band never stands alone at a page's foot.
	opening int
	// atFoot is how many of the section's last rows stand at the foot of
	// its last page, the room left there above them: the cover's
	// colophon, under the contents however many pages they take (large
	// print's ran on straight under their last entries, review13 #28).
	atFoot int
	// covers says, beside the section's line in the contents, how much
	// of the story it gives away (toolkit.Doc.Covers); "" for most.
	covers string
	// short is the contents' shorter title for the section, where its
	// title would take two lines there ("Answer key · Handout 4" for
	// "Answer key · Handout 4 · Part Two: The Cottages"); "" for most.
	short string
}

// openingKept is how many rows that draw something (two lines, a table's
// header and first row) a section that runs on brings after its opening
// to the page it shares; where they are a table's, it brings
// openingRowsKept of the table's rows (or all of a shorter table): a
// band over one row of its table, the rest on the next page, reads as
// a table that was cut.
const (
	openingKept     = 2
	openingRowsKept = 3
)

// runOnSpace is the space that parts a section running on from the one
// before it on their page, above its band.
const runOnSpace = 10.0

// pageLayout is one paginated page.
type pageLayout struct {
	rows []*row
	// notes are the footnotes at the page's foot, above its footer,
	// under their rule.
	notes []*row
	sec   *section // the section the page starts with: its head and footer
	no    int      // within its section, 1-based
	of    int
	// opens are the sections that start on the page after sec, which
	// ran on to it (flow): its footer names them too (pageName).
	opens []*section
}

func height(rows []*row) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.h
	}
	return h
}

// slack is how much of each page the rows leave unused. maroto closes a
// page with a spacer row of the unused height (floored to 1e-9 mm), and
// gofpdf starts a new page when a row crosses its trigger: a spacer that
// reached the trigger would push every later page down, or add a blank
// last page. Half of maroto's rounding step makes the spacer exactly zero.
const slack = 5e-10

// paginate breaks a section into pages: rows flow until the next one would
// reach the footer; rows marked keep stay with what follows them (a heading
// with its paragraph, a table header with its first row, two lines of a
// paragraph at a page's foot or head); a table broken by a page repeats its
// header rows, answer lines their "continued" label. But no page is left
// more than two-thirds empty to keep a chain whole: when moving the chain
// would, its rows fill the page as far as they fit and go on on the next
// (a box is closed and reopened, a table or answer lines continued), but
// never between rows that are whole. A balanced section's last page is
// filled to a third at least from the page before, which gives up the
// rows it would otherwise end with; another's last page carries
// lastLines lines of text at least, or none (squeeze, lastLinesFrom).
func paginate(s *section, g geometry) []*pageLayout {
	return layOut(s, g, nil, s.balanced || s.partEnd)
}

// layOut is paginate with s going on on the page before (nil: s starts a
// page): the first page it returns is before with s's first rows under
// its own. In a balanced section, a table that goes on to a page holds a
// third of it at least; balance balances s's last page too, and pulls a
// part's end (section.partEnd) (a section that the next runs on to has
// its last page filled by that one instead). Both take rows from the
// page before, as far as it can give them (giveTo).
func layOut(s *section, g geometry, before *pageLayout, balance bool) []*pageLayout {
	less := map[int]float64{}
	pages := paginateWithin(s, g, before, less)
	// A page between two of the section's own that draws under a third
	// of its room (the tail of a box cut on the page before, then a chain
	// kept whole that the rest of the page cannot hold: a prompt with its
	// guidance's head and first lines) takes rows from the page before,
	// as a last page does, so that no page but the last is more than
	// two-thirds empty (LP teacher p. 230: the last four lines of "For
	// the teacher", 22% of the page, then Handout 14's first essay
	// prompt on the next).
	for n := 2; n < len(pages); n++ {
		if inkedHeight(pages[n-1].rows) < s.room(g, n)/3 {
			pages = giveTo(s, g, before, less, pages, n, s.room(g, n)/3, func(p *pageLayout) float64 { return inkedHeight(p.rows) })
		}
	}
	if s.balanced {
		for _, t := range tablesOf(s) {
			// The table's last page, once the tables before it have
			// taken theirs.
			last := -1
			for i, p := range pages {
				if slices.ContainsFunc(p.rows, func(r *row) bool { return r.table == t && !r.head }) {
					last = i
				}
			}
			if last > 0 && slices.ContainsFunc(pages[last-1].rows, func(r *row) bool { return r.table == t && !r.head }) {
				pages = giveTo(s, g, before, less, pages, last+1, s.room(g, last+1)/3, func(p *pageLayout) float64 {
					h := 0.0
					for _, r := range p.rows {
						if r.table == t {
							h += r.h
						}
					}
					return h
				})
			}
		}
	}
	if n := len(pages); balance && s.balanced && n > 1 {
		pages = giveTo(s, g, before, less, pages, n, s.room(g, n)/3, func(p *pageLayout) float64 { return height(p.rows) })
	}
	if n := len(pages); s.pullsTail && n > 1 && (balance || !s.partEnd) {
		// A handout's last page may be short, but not a tail of a line
		// or two: one under tailShare of its room (without what ends it,
		// a Notes area) takes rows from the page before, as a balanced
		// section's does.
		own := map[*row]bool{}
		for _, r := range s.rows {
			own[r] = true
		}
		held := func(p *pageLayout) float64 {
			h := 0.0
			for _, r := range p.rows {
				if own[r] {
					h += r.h
				}
			}
			return h
		}
		if held(pages[n-1]) < s.room(g, n)*tailShare {
			want := s.room(g, n) / 3
			if s.partEnd {
				want = s.room(g, n) * tailShare
			}
			pages = giveTo(s, g, before, less, pages, n, want, held)
		}
	}
	for _, p := range pages {
		if p.sec == s {
			p.of = len(pages)
		}
	}
	if s.atFoot > 0 {
		lowered(s, g, pages[len(pages)-1])
	}
	return pages
}

// lowered sets the last atFoot rows of s, if p holds them, at the foot of
// p: a space before them takes the room p leaves (floored to a
// thousandth, so that the page's heights summed again do not pass its
// room by a rounding).
func lowered(s *section, g geometry, p *pageLayout) {
	k := slices.Index(p.rows, s.rows[len(s.rows)-s.atFoot])
	if k < 0 {
		return
	}
	room := s.room(g, p.no)
	if p.sec != s {
		room = p.sec.room(g, p.no)
	}
	gap := math.Floor((room-height(p.rows)-height(p.notes))*1000) / 1000
	if gap <= 0 {
		return
	}
	p.rows = slices.Insert(slices.Clip(p.rows), k, &row{h: gap, space: true})
}

// tailShare is the least share of its room a section's last page holds
// where the page before can give it rows: under it, the page reads as a
// stray tail (two works cited, a question and its options).
const tailShare = 1.0 / 5

// tablesOf is the balanced tables of a section, in order.
func tablesOf(s *section) []*tableGroup {
	var out []*tableGroup
	for _, r := range s.rows {
		if t := r.table; t != nil && t.balanced && (len(out) == 0 || out[len(out)-1] != t) {
			out = append(out, t)
		}
	}
	return out
}

// giveTo fills page n (1-based, counting before) of a section's pages
// until held, what of it counts, is want (a third of its room, or a
// part's end's tailShare): the page before gives up rows, its room
// lessened (less) step by step, as long as the section keeps its number
// of pages, that page stays a third full and a section that runs on
// keeps its opening company (opened).
// It returns the fullest pages it found, and less as they were laid out.
func giveTo(s *section, g geometry, before *pageLayout, less map[int]float64, pages []*pageLayout, n int, want float64, held func(*pageLayout) float64) []*pageLayout {
	giver := s.room(g, n-1)
	if n-1 == 1 && before != nil {
		giver = before.sec.room(g, before.no)
	}
	kept := less[n-1]
	for try := 0; try < 8 && held(pages[n-1]) < want; try++ {
		// At least the rows the page before ends with and keeps together
		// (a table's last row and the notice under it) must go; where
		// that leaves the page before under a third full (large print's
		// tall rows), what page n lacks, which may part them on a page
		// the paginator fills.
		short := max(want-held(pages[n-1]), 1)
		step := max(short, keptTail(pages[n-2].rows))
		less[n-1] += step
		p := paginateWithin(s, g, before, less)
		fails := func() bool {
			return len(p) != len(pages) || height(p[n-2].rows) < giver/3 || before != nil && !opened(s, p)
		}
		if fails() && step > short {
			less[n-1] -= step - short
			p = paginateWithin(s, g, before, less)
		}
		if fails() {
			break
		}
		if held(p[n-1]) > held(pages[n-1]) {
			pages, kept = p, less[n-1]
		}
	}
	less[n-1] = kept
	return pages
}

// keptTail is the height of the rows a page ends with that are kept
// together: its last row and those before it that keep with the next.
func keptTail(rows []*row) float64 {
	h := 0.0
	for j := len(rows) - 1; j >= 0 && (j == len(rows)-1 || rows[j].keep); j-- {
		h += rows[j].h
	}
	return h
}

// flow lays out sections one after the other, as a packet prints them:
// each starts a page, or runs on to the last page of the one before
// (runOnTo) when it brings its opening and first rows there (opened).
// A balanced section is balanced unless the next runs on to its last
// page, which that one fills. It returns the pages and what each section
// adds to them.
func flow(sections []*section, g geometry) ([]*pageLayout, []sectionPages) {
	var pages []*pageLayout
	var laid []sectionPages
	// last is the section laid out last, balanced once the next does not
	// run on to it: the page it went on on (nil: none) and the index of
	// its first page.
	var last struct {
		s      *section
		before *pageLayout
		start  int
	}
	balanceLast := func() {
		if s := last.s; s != nil && (s.balanced || s.partEnd) {
			pages = append(pages[:last.start], layOut(s, g, last.before, true)...)
		}
	}
	for _, s := range sections {
		d := sectionPages{covers: s.covers, short: s.short}
		if first := openingRow(s); first != nil {
			if len(first.marks) > 0 {
				d.title = first.marks[0].title
			}
			if len(first.anchors) > 0 {
				d.anchor = first.anchors[0]
			}
		}
		var p []*pageLayout
		var before *pageLayout
		if len(pages) > 0 && shortTail(last.s, g, pages[len(pages)-1]) {
			// A balanced section whose last page holds a tail of it (the
			// quotation index's last entry alone at the head of the page
			// the works cited opened on) is balanced before the next runs
			// on to that page, if it still may.
			balanceLast()
		}
		if len(pages) > 0 {
			if before = runOnTo(s, g, pages[len(pages)-1]); before != nil {
				if p = layOut(s, g, before, false); !opened(s, p) || s.tucked && len(p) > 1 {
					before = nil
				}
			}
		}
		start := len(pages)
		if before != nil {
			start--
			pages = append(pages[:start], p...)
			d.pages, d.shared = len(p)-1, true
		} else {
			balanceLast()
			p = layOut(s, g, nil, false)
			pages = append(pages, p...)
			d.pages = len(p)
		}
		last.s, last.before, last.start = s, before, start
		laid = append(laid, d)
	}
	balanceLast()
	return pages, laid
}

// shortTail reports whether p, the last page of balanced section s laid
// out with no other after it, holds under tailShare of its room of s's
// rows, where s has pages before it.
func shortTail(s *section, g geometry, p *pageLayout) bool {
	if s == nil || !s.balanced || p.no < 2 {
		return false
	}
	own := map[*row]bool{}
	for _, r := range s.rows {
		own[r] = true
	}
	h := 0.0
	for _, r := range p.rows {
		if own[r] {
			h += r.h
		}
	}
	return h < s.room(g, p.no)*tailShare
}

// openingRow is the first row of a section that is not space: the one
// that carries its bookmark and anchor.
func openingRow(s *section) *row {
	for _, r := range s.rows {
		if !r.space {
			return r
		}
	}
	return nil
}

// runOnTo is the page s goes on on, of the page before and its section
// (nil: there is none): that page, if s runs on to it, or nil if s starts
// a page of its own. A bannered part opens a page, unless the page before
// is a third full at most: its band then stands in the page's top third,
// under a short end of the part before (or the mark schemes' pointers),
// where a page of its own would leave that page two-thirds empty; or
// under a tucked section that opened the page, in its top half (large
// print's mark schemes' pointers, four lines). A band lower down, under
// another part's table, read as a new chapter started in the wrong
// place (review14 #6). A tucked section, under a plain heading, runs on
// wherever it fits whole.
func runOnTo(s *section, g geometry, before *pageLayout) *pageLayout {
	if before == nil || !s.runsOn || !before.sec.runsOn {
		return nil
	}
	room := before.sec.room(g, before.no)
	// A page that a tucked section opened holds its few lines alone: the
	// next part runs on under them while they take its top half.
	pointers := before.sec.tucked && len(before.opens) == 0 && height(before.rows) <= room/2
	if height(before.rows) > room/3 && !s.tucked && !pointers {
		return nil
	}
	return before
}

// opened reports whether a section that ran on to a page brings its
// opening and openingKept rows after it there, or all its rows: pages
// are what layOut returned, the first the page it shared.
func opened(s *section, pages []*pageLayout) bool {
	shared := pages[0].rows
	i := slices.Index(shared, s.rows[0])
	if i < 0 {
		return false
	}
	n := len(shared) - i // s's rows on the page, the opening first
	if n >= len(s.rows) {
		return true
	}
	drawn := 0
	var table *tableGroup // the table the rows after the opening start, if they do
	for j, r := range s.rows[:n] {
		if j >= s.opening && len(r.ops)+len(r.fills) > 0 {
			if drawn == 0 {
				table = r.table
			}
			drawn++
		}
	}
	if table != nil {
		return tableRowsEnded(s.rows[:n], table) >= min(openingRowsKept, tableRowsEnded(s.rows, table))
	}
	return drawn >= openingKept
}

// tableRowsEnded is how many of a table's body rows end among rows: a
// row's last piece is the one that does not keep with the next.
func tableRowsEnded(rows []*row, t *tableGroup) int {
	n := 0
	for _, r := range rows {
		if r.table == t && !r.head && !r.space && !r.keep {
			n++
		}
	}
	return n
}

// room is the height rows have on page n (1-based) of the section.
func (s *section) room(g geometry, n int) float64 {
	a := g.body() - slack
	if s.foot != nil {
		a -= height(s.foot())
	}
	if n > 1 && s.head != nil {
		a -= height(s.head())
	}
	return a
}

// paginateWithin is paginate after the page before (nil: none) with each
// page n (1-based, counting before) given less[n] less room than it has.
func paginateWithin(s *section, g geometry, before *pageLayout, less map[int]float64) []*pageLayout {
	// The room of the first two pages: every later page has the second's.
	first, later := s.room(g, 1), s.room(g, 2)
	if before != nil {
		first = before.sec.room(g, before.no)
	}
	avail := func(n int) float64 {
		a := later
		if n == 1 {
			a = first
		}
		return a - less[n]
	}
	var pages []*pageLayout
	cur := &pageLayout{sec: s, no: 1}
	used := 0.0 // by the page's rows; its footnotes take foot.h more
	// inked is how far down the page's rows draw: used without the
	// space rows it ends with, which a reader does not see as used.
	inked := 0.0
	var foot notesFoot
	if before != nil {
		cur = &pageLayout{sec: before.sec, no: before.no, of: before.of, rows: slices.Clip(before.rows), opens: append(slices.Clip(before.opens), s)}
		used, inked = height(cur.rows), inkedHeight(cur.rows)
		foot.rows, foot.h = slices.Clip(before.notes), height(before.notes)
	}
	filling := false // placing rows as they fit, whatever they keep with but whole rows
	// partsAt is the row a short answer area parts after on this page
	// (row.parts), once its rows up to it are being placed; -1: none.
	partsAt := -1
	// no is the number of the page in s, the page before being its first.
	no := func() int { return len(pages) + 1 }
	newPage := func() {
		cur.notes = foot.rows
		pages = append(pages, cur)
		cur = &pageLayout{sec: s, no: len(pages) + 1}
		used, inked, filling, partsAt = 0, 0, false, -1
		// Notes that did not fit the page before go on at this one's
		// foot, in half of it at most: they are read from the page
		// before.
		foot = notesFoot{carry: foot.carry}
		foot.goOn(avail(no()) / 2)
	}
	// rows is the section's rows, or a copy of them once spaces of its
	// own are closed up (squeeze): own.
	rows, own := s.rows, false
	for i := 0; i < len(rows); i++ {
		r := rows[i]
		if used == 0 && r.space && len(cur.rows) == 0 {
			continue
		}
		// The chain of rows that must share a page with r, with the first
		// lines of the notes they call; when it is more than a page, the
		// rows r is whole with (a mark scheme's title with its first
		// level), or else r alone.
		chain := chainHeight(rows[i:]) + foot.chainNeed(rows[i:])
		if chain > avail(no()+1) {
			chain = wholeHeight(rows[i:]) + foot.need(r)
		}
		if chain > avail(no()+1) {
			chain = r.h + foot.need(r)
		}
		// A row whole with the one before it on the page stays with it
		// while it fits: the chain from r may fit the next page where
		// the chain from the whole rows before it did not (a mark
		// scheme's title and note with a first criterion longer than a
		// page), and the page must not end inside them for that.
		if n := len(cur.rows); n > 0 && i > 0 && cur.rows[n-1] == rows[i-1] && rows[i-1].whole && !rows[i-1].parts {
			chain = r.h + foot.need(r)
		}
		room := avail(no()) - foot.h
		if i <= partsAt {
			chain = height(rows[i:partsAt+1]) + foot.chainNeed(rows[i:partsAt+1])
		}
		// Under a third full by what the page draws, its trailing space
		// aside (or under two-thirds, where the chain holds rows that may
		// part: row.loose): letter large print's theme tracker opened on
		// a page of its band and lead-in, 33% drawn, counted full by the
		// space under them.
		if len(cur.rows) > 0 && used+chain > room && (inked < room/3 || inked < room*2/3 && looseChain(rows[i:])) {
			filling = true
		}
		// Moving the chain would leave the page more than a third empty
		// (not where answer lines end it and run on to its foot): a
		// short answer area in it parts where it may, if the chain up to
		// there fits.
		if j := partsIn(rows[i:]); len(cur.rows) > 0 && !filling && used+chain > room && inked < room*2/3 && j >= 0 && !(g.fillLines && runsOn(cur, r)) {
			if part := rows[i : i+j+1]; used+height(part)+foot.chainNeed(part) <= room {
				partsAt, chain = i+j, height(part)+foot.chainNeed(part)
			}
		}
		need := r.h + foot.need(r)
		if filling {
			need = wholeHeight(rows[i:])
			// A table row's pieces part only while the page is under a
			// third full: once it is not, the row goes on whole.
			if used >= room/3 {
				need = max(need, piecesHeight(rows[i:]))
			}
			need += foot.need(r)
		}
		// A chain kept whole (a mark scheme's criterion) that misses the
		// page by less than closing its spaces and the page's up frees
		// stays on it where moving it would leave the page more than a
		// third empty.
		if k := chainLen(rows[i:]); len(cur.rows) > 0 && used+chain > room && (!filling || used+need > room) && !s.runsOn && r.whole && room-used > room/3 && chain == chainHeight(rows[i:]) && foot.chainNeed(rows[i:]) == 0 {
			if sq := squeeze(slices.Concat(cur.rows, rows[i:i+k]), used+chain-room); sq != nil {
				n := len(cur.rows)
				cur.rows, used = sq[:n], height(sq[:n])
				if !own {
					rows, own = slices.Clone(rows), true
				}
				copy(rows[i:i+k], sq[n:])
				r = rows[i]
				chain = height(sq[n:])
			}
		}
		if len(cur.rows) > 0 && used+chain > room && (!filling || used+need > room) && !s.runsOn && !s.balanced && fewLines(rows[i:]) {
			// The section's last lines, too few for a page of their own
			// (the last entry of its works cited), stay on this one, its
			// spaces closed up to make room for them; or else enough
			// lines go on with them that the last page carries
			// lastLines.
			if sq := squeeze(cur.rows, used+height(rows[i:])-room); sq != nil {
				cur.rows, used = sq, height(sq)
			} else if j := lastLinesFrom(rows, i, len(cur.rows)); j < i && used-height(rows[j:i]) >= room/3 {
				cur.rows = cur.rows[:len(cur.rows)-(i-j)]
				used -= height(rows[j:i])
				newPage()
				i = j - 1
				continue
			}
		}
		if len(cur.rows) > 0 && used+chain > room && (!filling || used+need > room) {
			if g.fillLines {
				// To the page's foot, whatever room it gave up for the
				// page after (giveTo): the lines are for writing.
				used = runOn(cur, used, room+less[no()], r)
			}
			// A box the page cuts closes with its bottom padding, as a
			// box that ends does (closeCut).
			if c := closeCut(cur.rows, used, room+less[no()], r); c != nil {
				cur.rows = append(cur.rows, c)
				used += c.h
			}
			newPage()
			// A table that goes on goes on under its header, even where
			// the row that moved on is a space between its rows, which
			// the new page drops.
			if r.table != nil {
				for _, h := range headsPage(r) {
					cur.rows = append(cur.rows, h)
					used += h.h
				}
			}
			if r.space {
				continue
			}
		}
		cur.rows = append(cur.rows, r)
		used += r.h
		if !r.space {
			inked = used
		}
		foot.call(r, avail(no())-used)
	}
	if s.end != nil && len(cur.rows) > 0 {
		cur.rows = append(cur.rows, s.end(avail(no())-used-foot.h)...)
	}
	// Notes left over go on at the foot of pages of their own.
	for len(foot.carry) > 0 {
		newPage()
		foot.goOn(avail(no()))
	}
	if len(cur.rows) > 0 || len(foot.rows) > 0 || len(pages) == 0 {
		cur.notes = foot.rows
		pages = append(pages, cur)
	}
	return pages
}

// closeCut is the row that closes the box a page cuts, the page's rows
// ending where next goes on to the next page (room less used is what the
// page has left); nil where the page cuts no box. The padding is the
// cut's own: the rows were placed, and chains kept, without it, so it
// moves no kept head or prompt off a page it fits, nor a line of the box
// to the next page. Where the page has not its depth left (a prompt, the
// box's head and first lines kept whole to its foot), what it lacks is
// drawn into the air above the footer's rule (bled).
func closeCut(rows []*row, used, room float64, next *row) *row {
	c := closeOf(next)
	if c == nil || len(rows) == 0 || closeOf(rows[len(rows)-1]) != c || rows[len(rows)-1].head {
		return nil
	}
	if used+c.h > room {
		c = bled(c, math.Floor((room-used)*1000)/1000)
	}
	// The rules the last row draws at its foot (a table's row rule) lie
	// over the padding's ground, which would cover their lower half.
	last := rows[len(rows)-1]
	var rules []op
	for _, o := range last.ops {
		if l, ok := o.(lineOp); ok && l.y1 == last.h && l.y2 == last.h {
			l.y1, l.y2 = 0, 0
			rules = append(rules, l)
		}
	}
	if len(rules) > 0 {
		cc := *c
		cc.ops = append(slices.Clip(c.ops), rules...)
		c = &cc
	}
	return c
}

// bled is close c in a row of left (mm, under its height): the rest of
// its padding drawn below the row (padOp), in the footer's air.
func bled(c *row, left float64) *row {
	left = max(left, 0)
	return &row{h: left, frame: c.frame, fills: c.fills, ops: []op{padOp{h: c.h, frame: c.frame, fills: c.fills}}}
}

// lastLines is how many lines of text, at least, a section's last page
// carries: a sheet printed for the last entry or two of a list, a line
// of a paragraph, is a sheet a designer pulls back.
const lastLines = 3

// fewLines reports whether rows, the last of a section, are fewer than
// lastLines lines of text and call no notes, outside a table: lines that
// squeeze or lastLinesFrom may keep off a page of their own.
func fewLines(rows []*row) bool {
	n := 0
	for _, r := range rows {
		if !tailRow(r) {
			return false
		}
		if textRow(r) {
			n++
		}
	}
	return n > 0 && n < lastLines
}

// tailRow reports whether r is a row the last-lines rule may move or
// count: not one that calls a note, a table's, answer lines or the notes
// area.
func tailRow(r *row) bool {
	return len(r.notes) == 0 && r.table == nil && !r.lines && !r.planning
}

// textRow reports whether r sets a line of text.
func textRow(r *row) bool {
	return slices.ContainsFunc(r.ops, func(o op) bool { _, ok := o.(textOp); return ok })
}

// maxSqueeze is how much of each space between blocks a page may give
// up to keep a section's last lines (squeeze): half, which the eye reads
// as the page's rhythm tightened, not as text run together.
const maxSqueeze = 0.5

// squeeze is a page's rows with the spaces between their blocks closed,
// all by one share of their height, to free need (mm); nil where half of
// each does not free it. The spaces shortened are copies: the section's
// own rows stay as they are for every other try at its pages.
func squeeze(rows []*row, need float64) []*row {
	spaces := 0.0
	for _, r := range rows {
		if r.space {
			spaces += r.h
		}
	}
	if need <= 0 || spaces == 0 || need > spaces*maxSqueeze {
		return nil
	}
	share := need / spaces
	out := slices.Clone(rows)
	for k, r := range out {
		if r.space {
			c := *r
			// Floored to a thousandth: the page's heights summed again
			// must not pass its room by a rounding.
			c.h = math.Floor(r.h*(1-share)*1000) / 1000
			out[k] = &c
		}
	}
	return out
}

// lastLinesFrom is where the page before the last of a section breaks
// so that the last carries lastLines lines of text at least, where the
// section's rows from i on are the last page's and the page holds the
// n rows before them: the first of its rows that, moved on with the
// rest, makes them lastLines lines, never parting rows kept together or
// moving a row that calls a note or a table's; i where none can.
func lastLinesFrom(rows []*row, i, n int) int {
	lines := 0
	for _, r := range rows[i:] {
		if textRow(r) {
			lines++
		}
	}
	for j := i - 1; j > 0 && i-j < n; j-- {
		r := rows[j]
		if !tailRow(r) {
			return i
		}
		if textRow(r) {
			lines++
		}
		if lines >= lastLines && !rows[j-1].keep && !rows[j-1].whole {
			return j
		}
	}
	return i
}

// notesFoot is the footnotes of the page being laid out: its rule and
// notes, and the notes, or the lines of one, that go on at the foot of
// the next page.
type notesFoot struct {
	rows  []*row
	h     float64
	carry []carriedNote
}

// carriedNote is a note whose lines from from on are still to set.
type carriedNote struct {
	n    *footnote
	from int
}

// footnoteRule is the short rule over a page's footnotes, with the space
// above and below it; notesGap parts two notes.
func footnoteRule() *row { return rule(0, 40, 4.5, 2, 0.3, ruleColor) }

const notesGap = 1.2

// lead is what goes before a note's lines from from on at the foot: the
// rule, or a gap under the note before, and the note's label continued
// when it goes on from the page before.
func (f *notesFoot) lead(n *footnote, from int) []*row {
	out := []*row{{h: notesGap}}
	if len(f.rows) == 0 {
		out[0] = footnoteRule()
	}
	if from > 0 {
		out = append(out, n.continued...)
	}
	return out
}

// need is how much the foot grows at least when r is set on the page:
// the notes it calls but the last whole, and the last's first line (the
// rest of that one may go on to the next page). Notes queued behind one
// going on from the page before go on after it, and need nothing here.
func (f *notesFoot) need(r *row) float64 {
	if len(r.notes) == 0 || len(f.carry) > 0 {
		return 0
	}
	h := 0.0
	for i, n := range r.notes {
		if i == 0 && len(f.rows) == 0 {
			h += footnoteRule().h
		} else {
			h += notesGap
		}
		if i == len(r.notes)-1 {
			h += n.rows[0].h
		} else {
			h += height(n.rows)
		}
	}
	return h
}

// chainNeed is what the notes of rows[0] and the rows kept with it need
// on their page: need for rows[0], and the first line of each note of the
// others (under the rule, when they call the page's first).
func (f *notesFoot) chainNeed(rows []*row) float64 {
	if len(f.carry) > 0 {
		return 0
	}
	h := f.need(rows[0])
	ruled := len(f.rows) > 0 || len(rows[0].notes) > 0
	for j := 0; j < len(rows)-1 && rows[j].keep; j++ {
		for _, n := range rows[j+1].notes {
			if ruled {
				h += notesGap
			} else {
				h += footnoteRule().h
				ruled = true
			}
			h += n.rows[0].h
		}
	}
	return h
}

// call sets the notes r calls at the foot of its page, which has room
// (mm) left under the rows set on it: each whole if it fits, its first
// line at least; what does not fit goes on at the next page's foot.
func (f *notesFoot) call(r *row, room float64) {
	for _, n := range r.notes {
		if len(f.carry) > 0 {
			f.carry = append(f.carry, carriedNote{n: n})
			continue
		}
		if from := f.set(n, 0, room, true); from < len(n.rows) {
			f.carry = append(f.carry, carriedNote{n: n, from: from})
		}
	}
}

// goOn sets the notes carried from the page before, within limit.
func (f *notesFoot) goOn(limit float64) {
	for len(f.carry) > 0 {
		c := &f.carry[0]
		c.from = f.set(c.n, c.from, limit, false)
		if c.from < len(c.n.rows) {
			return
		}
		f.carry = f.carry[1:]
	}
}

// set adds n's lines from from on to the foot while it stays within
// limit, and at least the first when first (the line that calls the
// note made room for it); it returns the index of the first line not
// set.
func (f *notesFoot) set(n *footnote, from int, limit float64, first bool) int {
	lead := f.lead(n, from)
	if !first && f.h+height(lead)+n.rows[from].h > limit {
		return from
	}
	f.rows = append(f.rows, lead...)
	f.h += height(lead)
	for ; from < len(n.rows) && (first || f.h+n.rows[from].h <= limit); from++ {
		f.rows = append(f.rows, n.rows[from])
		f.h += n.rows[from].h
		first = false
	}
	return from
}

// runsOn reports whether runOn would run on the answer lines or planning
// box page p ends with, were next to start a new page.
func runsOn(p *pageLayout, next *row) bool {
	last := p.rows[len(p.rows)-1]
	return last.lines && next.table != last.table || last.planning
}

// runOn runs the answer lines or planning box a page ends with on to its
// foot, before next starts a new page, to write in rather than leave
// blank; used is the height the page's rows take of its room, and runOn
// returns it with what it adds. Lines that go on to the new page under
// their label continued (next is one of them) fill the page too, to the
// last pitch that fits, as a ruled page does: a page that stopped them
// two or three pitches short read as "the lines end here", and the
// answer jumped a gap (review14 #2).
func runOn(p *pageLayout, used, room float64, next *row) float64 {
	last := p.rows[len(p.rows)-1]
	switch {
	case last.lines:
		for used+last.h <= room {
			p.rows = append(p.rows, &row{h: last.h, ops: last.ops, table: last.table, lines: true})
			used += last.h
		}
	case last.planning && room-used > 1:
		// A twentieth of a millimetre short, floored to a tenth: the
		// page's heights summed again must not pass its room by a
		// rounding.
		more := math.Floor((room-used)*10-0.5) / 10
		p.rows = append(p.rows, &row{h: more, frame: last.frame})
		used += more
	}
	return used
}

// inkedHeight is how far down rows draw: their height without the space
// rows they end with (row.space).
func inkedHeight(rows []*row) float64 {
	end := len(rows)
	for end > 0 && rows[end-1].space {
		end--
	}
	return height(rows[:end])
}

// partsIn is the index of the row a short answer area in the chain from
// rows[0] may part after (row.parts), or -1.
func partsIn(rows []*row) int {
	for j := 0; j < len(rows); j++ {
		if rows[j].parts {
			return j
		}
		if !rows[j].keep {
			break
		}
	}
	return -1
}

// wholeHeight is the height of rows[0] and the rows it is whole with; a
// short answer area is whole with its rest only after the row it may
// part after (row.parts), on a page the paginator fills.
func wholeHeight(rows []*row) float64 {
	h := rows[0].h
	for j := 0; j < len(rows)-1 && rows[j].whole && !rows[j].parts; j++ {
		h += rows[j+1].h
	}
	return h
}

// piecesHeight is the height of rows[0] and the rest of the table row
// it is a piece of (row.piece).
func piecesHeight(rows []*row) float64 {
	h := rows[0].h
	for j := 0; j < len(rows)-1 && rows[j].piece; j++ {
		h += rows[j+1].h
	}
	return h
}

// looseChain reports whether the chain of rows kept with rows[0] holds
// a row whose keep gives way (row.loose).
func looseChain(rows []*row) bool {
	return slices.ContainsFunc(rows[:chainLen(rows)], func(r *row) bool { return r.loose })
}

// chainLen is how many rows chainHeight counts.
func chainLen(rows []*row) int {
	j := 0
	for j < len(rows)-1 && rows[j].keep {
		j++
	}
	return j + 1
}

// chainHeight is the height of rows[0] and the rows kept with it.
func chainHeight(rows []*row) float64 {
	h := rows[0].h
	for j := 0; j < len(rows)-1 && rows[j].keep; j++ {
		h += rows[j+1].h
	}
	return h
}

// document is the metadata of one PDF file.
type document struct {
	title, author, subject, keywords, creator, lang string
	date                                            time.Time
}

// outlineEntry is a bookmark placed on a page.
type outlineEntry struct {
	bookmark
	page int     // 0-based page of the document
	top  float64 // distance from the page's top edge, mm
}

// gofpdfEpoch is the date gofpdf stamps into every document it writes; the
// real dates replace it in finishPDF. gofpdf copies its package-level
// defaults into each new document, so they are set once, before the first
// document, and never again: concurrent renders neither race on them nor
// wait for each other, and no render ever reads the wall clock.
var gofpdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

var gofpdfDefaultsOnce sync.Once

// newMaroto makes a maroto document of cfg with the styles of faces in
// used registered, roman always (it is the default font). A document made
// to omit its fonts must be given to gofpdffont.Unembed before it is
// generated.
func newMaroto(cfg *entity.Config, faces *richtext.Fonts, used map[richtext.Style]bool, omitFonts bool) (core.Maroto, error) {
	setGofpdfDefaults()
	// In a fixed order: gofpdf numbers fonts as they are added.
	var fonts []*gofpdffont.Font
	for _, st := range faceStyles {
		if st == richtext.Roman || used[st] {
			fonts = append(fonts, parsedFont(faces, st))
		}
	}
	return marotofpdf.New(cfg, func(f *gofpdf.Fpdf) {
		if omitFonts {
			gofpdffont.AddUnembedded(f, fonts...)
		} else {
			gofpdffont.Add(f, fonts...)
		}
	})
}

// setGofpdfDefaults sets gofpdf's package-level defaults, once, before
// the first gofpdf document is made.
func setGofpdfDefaults() {
	gofpdfDefaultsOnce.Do(func() {
		gofpdf.SetDefaultCatalogSort(true)
		gofpdf.SetDefaultCreationDate(gofpdfEpoch)
		gofpdf.SetDefaultModificationDate(gofpdfEpoch)
	})
}

// faceStyles are the styles a document may draw in, in the order gofpdf
// numbers their fonts: the four of the fonts' own face, then those of the
// book face drawing what it lacks (large print only).
var faceStyles = []richtext.Style{
	richtext.Roman, richtext.Italic, richtext.Bold, richtext.BoldItalic,
	richtext.Roman | richtext.Fallback, richtext.Italic | richtext.Fallback,
	richtext.Bold | richtext.Fallback, richtext.BoldItalic | richtext.Fallback,
}

// registeredFont is one embedded face and style, as documents register it.
type registeredFont struct {
	family string
	style  richtext.Style // Roman to BoldItalic
}

// parsedFonts holds a *onceFont for each registeredFont: each font is
// parsed on its own, so that documents waiting for different fonts do not
// wait for each other.
var parsedFonts sync.Map

type onceFont struct {
	once sync.Once
	font *gofpdffont.Font
}

// parsedFont is the font that draws style st of faces as gofpdf reads it,
// parsed once per process, on first use, and shared by every document:
// gofpdf's own registration parses a font and hashes its widths for every
// document.
func parsedFont(faces *richtext.Fonts, st richtext.Style) *gofpdffont.Font {
	key := registeredFont{faces.FamilyOf(st), st & richtext.BoldItalic}
	e, _ := parsedFonts.LoadOrStore(key, &onceFont{})
	of := e.(*onceFont)
	of.once.Do(func() {
		f, err := gofpdffont.Parse(key.family, string(fontStyles[key.style]), faces.File(st))
		if err != nil {
			panic(fmt.Sprintf("pdf: registering the embedded font: %v", err)) // embedded data
		}
		of.font = f
	})
	return of.font
}

// parseFontsAhead parses the four fonts of faces' own face in the
// background, each on a goroutine of its own: gofpdf takes a few
// milliseconds a font, which the first documents of a render would
// otherwise wait for one font after another, after laying out their pages.
func parseFontsAhead(faces *richtext.Fonts) {
	setGofpdfDefaults() // gofpdf.New reads them
	for _, st := range faceStyles[:4] {
		go parsedFont(faces, st)
	}
}

// glyphSet is the characters drawn in each font style. A packet drawn in
// runs embeds fonts that hold every character of every run (drawWithFontSheet).
type glyphSet map[richtext.Style]*runeSet

// addRows records the text the rows draw, each character in the style of
// the face that draws it.
func (gs glyphSet) addRows(faces *richtext.Fonts, rows []*row) {
	for _, r := range rows {
		for _, o := range r.ops {
			if t, ok := o.(textOp); ok {
				gs.addDrawn(faces, t.frag)
				if ref, ok := t.frag.Held.(*crossRef); ok {
					// Any page the place may print, in the style the
					// stand-in's text is set in.
					gs.addText(t.frag.Style, "0123456789"+ref.without)
				}
			}
		}
	}
}

// addDrawn records the characters of a fragment, in the faces that draw it.
func (gs glyphSet) addDrawn(faces *richtext.Fonts, fr richtext.Fragment) {
	if faces.OneFace(fr) {
		gs.addText(fr.Style, fr.Text)
		return
	}
	for _, part := range faces.Faces(fr) {
		gs.addText(part.Style, part.Text)
	}
}

// addText records the characters of text in a style.
func (gs glyphSet) addText(st richtext.Style, text string) {
	gs.of(st).addText(text)
}

// of is the characters of style st, made empty on first use.
func (gs glyphSet) of(st richtext.Style) *runeSet {
	st &= richtext.BoldItalic | richtext.Fallback
	set := gs[st]
	if set == nil {
		set = &runeSet{}
		gs[st] = set
	}
	return set
}

// add records every character of another set.
func (gs glyphSet) add(other glyphSet) {
	for st, set := range other {
		gs.of(st).union(set)
	}
}

// runeSet is a set of characters: a bit for each of the Basic
// Multilingual Plane, and a map for the rare one beyond. Every character
// of every page is added to a set, and a map's hashing was a twentieth
// of the PDF layout's time.
type runeSet struct {
	bmp    [0x10000 / 64]uint64
	beyond map[rune]bool
}

func (s *runeSet) addText(text string) {
	for _, c := range text {
		if c < 0x10000 {
			s.bmp[c>>6] |= 1 << (c & 63)
			continue
		}
		if s.beyond == nil {
			s.beyond = map[rune]bool{}
		}
		s.beyond[c] = true
	}
}

func (s *runeSet) union(o *runeSet) {
	for i, w := range o.bmp {
		s.bmp[i] |= w
	}
	for c := range o.beyond {
		if s.beyond == nil {
			s.beyond = map[rune]bool{}
		}
		s.beyond[c] = true
	}
}

// sorted is the characters of the set in ascending order.
func (s *runeSet) sorted() []rune {
	var out []rune
	for i, w := range s.bmp {
		for ; w != 0; w &= w - 1 {
			out = append(out, rune(i*64+bits.TrailingZeros64(w)))
		}
	}
	beyond := slices.Sorted(maps.Keys(s.beyond))
	return append(out, beyond...)
}

// styles is the font styles the set draws with.
func (gs glyphSet) styles() map[richtext.Style]bool {
	used := map[richtext.Style]bool{}
	for st := range gs {
		used[st] = true
	}
	return used
}

// pageRows is what a page draws: its rows, under the running head after
// a section's first page, its footnotes and its footer.
type pageRows struct{ rows, notes, foot []*row }

func pageRowsOf(pages []*pageLayout) []pageRows {
	all := make([]pageRows, len(pages))
	for i, p := range pages {
		name := ""
		if len(p.opens) > 0 && p.sec.folio != nil {
			name = pageName(p)
		}
		var rows []*row
		if p.no > 1 && p.sec.head != nil {
			head := p.sec.head()
			if name != "" && p.sec.headNamed != nil {
				if named := p.sec.headNamed(name); named != nil {
					head = named
				}
			}
			rows = append(rows, head...)
		}
		rows = append(rows, p.rows...)
		var foot []*row
		if p.sec.foot != nil {
			foot = p.sec.foot()
			if name != "" && p.sec.footNamed != nil {
				foot = p.sec.footNamed(name)
			}
		}
		all[i] = pageRows{rows, p.notes, foot}
	}
	return all
}

// rendered is a document maroto has drawn, ready to be written out whole
// or a run of its pages at a time.
type rendered struct {
	file   *gofpdfFile
	marks  []outlineEntry
	folios []pageFolio // each page's, numbered by the file it goes into
	// anchors are in page order; links are each page's clickable areas,
	// held the places of its cross-references' pages.
	anchors []anchorEntry
	links   [][]pageLink
	held    [][]*heldLine
	pages   int
}

// render draws laid-out pages with maroto; with omitFonts, the file it
// returns has no fonts, for another document's to serve.
func render(g geometry, pages []*pageLayout, omitFonts bool) (*rendered, error) {
	return renderDrawing(g, pages, drawnGlyphs(g, pages), omitFonts, nil)
}

// drawnGlyphs is the characters pages draw, by style: their rows, running
// heads, footers and folios.
func drawnGlyphs(g geometry, pages []*pageLayout) glyphSet {
	glyphs := glyphSet{}
	for _, pr := range pageRowsOf(pages) {
		glyphs.addRows(g.fonts, pr.rows)
		glyphs.addRows(g.fonts, pr.notes)
		glyphs.addRows(g.fonts, pr.foot)
	}
	for _, p := range pages {
		for _, s := range append([]*section{p.sec}, p.opens...) {
			if fo := s.folio; fo != nil {
				glyphs.addDrawn(g.fonts, richtext.Fragment{Span: richtext.Span{Text: fo.chars}})
			}
		}
	}
	return glyphs
}

// renderDrawing is render of pages that draw glyphs (drawnGlyphs).
// before says whether a header row was drawn on a page before them, by
// another document (nil: none was): a header drawn again (a table's,
// repeated after a page break) is an artifact. (So is every other row
// drawn on more than one page, a running head, already.)
func renderDrawing(g geometry, pages []*pageLayout, glyphs glyphSet, omitFonts bool, before func(*row) bool) (*rendered, error) {
	if before == nil {
		before = func(*row) bool { return false }
	}
	// The fonts registered are the styles the pages draw with.
	all := pageRowsOf(pages)
	folios := make([]pageFolio, len(pages))
	for i, p := range pages {
		if fo := p.sec.folio; fo != nil {
			folios[i] = pageFolio{name: pageName(p), y: g.top + g.body() - height(all[i].foot) + fo.base}
		}
	}
	cfg := config.NewBuilder().
		WithDimensions(g.width, g.height).
		WithLeftMargin(g.left).WithRightMargin(g.right).
		WithTopMargin(g.top).WithBottomMargin(g.bottom).
		WithMaxGridSize(gridSize).
		WithDefaultFont(&props.Font{Family: g.fonts.Family, Style: fontstyle.Normal, Size: 10}).
		WithCompression(false). // finish.go compresses each page once
		Build()
	m, err := newMaroto(cfg, g.fonts, glyphs.styles(), omitFonts)
	if err != nil {
		return nil, err
	}
	doc := marotofpdf.Document(m)
	tw := tagged.Attach(doc)
	gofpdffont.ReservePages(doc) // after Attach: it keeps the tagging's header hook
	var embedding *gofpdffont.Embedding
	if omitFonts {
		gofpdffont.Unembed(doc) // after Attach: it keeps the tagging's footer hook
	} else {
		embedding = gofpdffont.Embed(doc) // likewise
	}
	// The document's first page is left blank, turned as every page is
	// (pageEnd), and dropped once the file is read: each page drawn
	// begins alike.
	setPageState(doc, g.fonts.Family)
	doc.AddPage()
	turn := pageEnd{family: g.fonts.Family}
	drawn := map[*row]bool{} // the header rows this document draws
	var outline []outlineEntry
	var anchors []anchorEntry
	links := make([][]pageLink, len(pages))
	held := make([][]*heldLine, len(pages))
	for i := range pages {
		rows, notes, foot := all[i].rows, all[i].notes, all[i].foot
		used := height(rows)
		fillH := g.body() - used - height(notes) - height(foot) - slack
		if fillH < 0 {
			return nil, fmt.Errorf("pdf: page %d overflows by %.2f mm", i+1, -fillH)
		}
		var mr []core.Row
		y := 0.0
		for j, r := range rows {
			edges := frameEdges{}
			if r.frame != nil {
				edges.top = j == 0 || rows[j-1].frame != r.frame
				edges.bottom = j == len(rows)-1 || rows[j+1].frame != r.frame
				if _, bleeds := padOf(r); bleeds {
					edges.bottom = false // it draws its own, under it
				}
			}
			for _, b := range r.marks {
				outline = append(outline, outlineEntry{bookmark: b, page: i, top: g.top + y})
			}
			for _, a := range r.anchors {
				anchors = append(anchors, anchorEntry{name: a, page: i, top: g.top + y})
			}
			h := heldOf(r, g, g.top+y)
			links[i] = append(links[i], linksOf(r, g, g.top+y, h)...)
			held[i] = append(held[i], h...)
			mr = append(mr, r.marotoRow(g, edges, tw, r.head && (drawn[r] || before(r)), h))
			if r.head {
				drawn[r] = true
			}
			y += r.h
		}
		mr = append(mr, marotorow.New(fillH))
		// The footnotes stand on the footer, read after the page's text.
		y += fillH
		for _, r := range notes {
			for _, a := range r.anchors {
				anchors = append(anchors, anchorEntry{name: a, page: i, top: g.top + y})
			}
			h := heldOf(r, g, g.top+y)
			links[i] = append(links[i], linksOf(r, g, g.top+y, h)...)
			held[i] = append(held[i], h...)
			mr = append(mr, r.marotoRow(g, frameEdges{}, tw, false, h))
			y += r.h
		}
		for _, r := range foot {
			mr = append(mr, r.marotoRow(g, frameEdges{}, tw, false, nil))
		}
		turn.last = i == len(pages)-1
		mr = append(mr, marotorow.New(0).Add(col.New(gridSize).Add(turn)))
		m.AddPages(page.New().Add(mr...))
	}
	out, err := m.Generate()
	if err != nil {
		return nil, err
	}
	file := out.GetBytes()
	if embedding != nil {
		if file, err = embedding.Write(file); err != nil {
			return nil, err
		}
	}
	f, err := readGofpdf(file, g.scale)
	if err != nil {
		return nil, err
	}
	// The blank page the document began with.
	delete(f.objects, f.kids[0])
	f.kids, f.contents, f.packed, f.uses = f.kids[1:], f.contents[1:], f.packed[1:], f.uses[1:]
	if len(f.kids) != len(pages) {
		// maroto broke a page where the paginator did not: something
		// would print under a footer or on a stray page.
		return nil, fmt.Errorf("pdf: laid out %d pages but gofpdf wrote %d", len(pages), len(f.kids))
	}
	if fonts, _ := f.resources.Get("Font").(pdfobj.Dict); omitFonts && len(fonts) > 0 {
		// The document subset fonts whose data it shares with others.
		return nil, fmt.Errorf("pdf: a document made without fonts wrote %d", len(fonts))
	}
	if f.marked = tw.Pages()[1:]; len(f.marked) != len(pages) {
		return nil, fmt.Errorf("pdf: laid out %d pages but marked content on %d", len(pages), len(f.marked))
	}
	return &rendered{file: f, marks: outline, folios: folios, anchors: anchors, links: links, held: held, pages: len(pages)}, nil
}

// A page begins in the state the page before ended in: gofpdf begins
// each page by selecting the font and setting the line width and
// colours that were current as it turned, and maroto sets a cell's
// colours before drawing the cell that turns the page, which then go on
// the page before. So that a page is the same bytes whichever document
// draws it, first or after others (a long run's pages are drawn as
// several documents at once and joined), every page ends in one state,
// set by pageEnd, which then turns the page itself; a document's blank
// first page is turned the same way (renderDrawing).

// pageFontSize is the size of the font every page begins with: maroto's
// default, as the document is configured.
const pageFontSize = 10

// setPageState sets the state every page begins in, writing it into the
// current page: the document's roman font (of family), maroto's own line
// width and colours (black lines and text, white fills, to which maroto
// returns after every cell it fills or frames).
func setPageState(f *gofpdf.Fpdf, family string) {
	f.SetFont(family, "", pageFontSize)
	f.SetLineWidth(linestyle.DefaultLineThickness)
	f.SetDrawColor(0, 0, 0)
	f.SetFillColor(255, 255, 255)
	f.SetTextColor(0, 0, 0)
}

// pageEnd is the last thing drawn on every page: it returns gofpdf to the
// state of setPageState, writing only what differs, and but on a
// document's last page turns the page. The line cap, join and dash need
// no return: every drawing that changes them puts them back (shapesOp,
// lineOp).
type pageEnd struct {
	family string
	last   bool
}

func (e pageEnd) Render(p core.Provider, _ *entity.Cell) {
	f := marotofpdf.Provider(p)
	gofpdffont.Select(f, e.family, "", pageFontSize)
	if f.GetLineWidth() != linestyle.DefaultLineThickness {
		f.SetLineWidth(linestyle.DefaultLineThickness)
	}
	if r, g, b := f.GetDrawColor(); r != 0 || g != 0 || b != 0 {
		f.SetDrawColor(0, 0, 0)
	}
	if r, g, b := f.GetFillColor(); r != 255 || g != 255 || b != 255 {
		f.SetFillColor(255, 255, 255)
	}
	if r, g, b := f.GetTextColor(); r != 0 || g != 0 || b != 0 {
		f.SetTextColor(0, 0, 0)
	}
	if !e.last {
		f.AddPage()
	}
}
func (pageEnd) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }
func (pageEnd) SetConfig(*entity.Config)                      {}
func (pageEnd) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "companion-page-end"})
}

// part writes pages [from, to) as a file of their own, with the bookmarks
// that fall on them, the links that lead somewhere in them or out, and the
// extra content each page draws in that file, followed by the pages its
// cross-references give (heldContent). With last, the file is the
// last to be written of r's pages: once its structure tree is made, the
// pages' structure elements, which only the trees need, go (a long book's
// packet has a few hundred thousand), and no file of r can be written
// after it.
func (r *rendered) part(from, to int, doc document, g geometry, extra [][]byte, last bool) ([]byte, error) {
	anchors := fileAnchors(r, from, to)
	places := filePlaces(r, from, to, anchors, g)
	cloned := false
	for i := from; i < to; i++ {
		c, err := heldContent(r, i, places, g)
		if err != nil {
			return nil, err
		}
		if c == nil {
			continue
		}
		if !cloned {
			// The caller's pages stay as they were.
			extra = append(slices.Clone(extra), make([][]byte, max(0, to-from-len(extra)))...)
			cloned = true
		}
		extra[i-from] = append(slices.Clip(extra[i-from]), c...)
	}
	meta := pdfMeta{document: doc, extra: extra, links: annotations(r, from, to, anchors, places)}
	if last {
		// Each element reaches every other of its section (parent, last
		// child, sibling): any one kept would keep them all.
		meta.treeMade = func() {
			r.file.marked = nil
			for _, ls := range r.links {
				for k := range ls {
					ls[k].tag = nil
				}
			}
			for _, ls := range meta.links {
				for k := range ls {
					ls[k].tag = nil
				}
			}
		}
	}
	// marks are in page order (render adds them page by page): a packet of
	// a thousand handouts need not scan every mark for each handout
	first, _ := slices.BinarySearchFunc(r.marks, from, func(m outlineEntry, p int) int { return m.page - p })
	for _, m := range r.marks[first:] {
		if m.page >= to {
			break
		}
		m.page -= from
		meta.marks = append(meta.marks, m)
	}
	return r.file.write(from, to, meta, g)
}
