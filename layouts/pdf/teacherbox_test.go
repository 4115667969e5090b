package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// TestLayeredFills: fills lie over those before them, cut into bands
// side by side, as maroto's columns draw them (a quotation's bar in a
// teacher's box was dropped, the box's tint drawn first).
func TestLayeredFills(t *testing.T) {
	tint, bar, head := cellFill(fillTint), cellFill(barColor), cellFill(fillHead)
	for _, c := range []struct {
		name  string
		fills []fill
		want  []fill
	}{
		{"one", []fill{{0, 100, tint}}, []fill{{0, 100, tint}}},
		{"side by side", []fill{{50, 10, bar}, {0, 20, tint}}, []fill{{0, 20, tint}, {50, 10, bar}}},
		{"bar in a tint", []fill{{0, 100, tint}, {4.5, 0.9, bar}}, []fill{{0, 4.5, tint}, {4.5, 0.9, bar}, {5.4, 94.6, tint}}},
		{"header over a tint, to its edge", []fill{{0, 100, tint}, {3, 97, head}}, []fill{{0, 3, tint}, {3, 97, head}}},
		{"the same band twice", []fill{{0, 100, tint}, {0, 100, head}}, []fill{{0, 100, head}}},
		{"over two", []fill{{0, 10, tint}, {10, 10, bar}, {5, 10, head}}, []fill{{0, 5, tint}, {5, 10, head}, {15, 5, bar}}},
	} {
		if got := layered(c.fills); !slices.EqualFunc(got, c.want, func(a, b fill) bool {
			return a.style == b.style && fmt.Sprintf("%.6f %.6f", a.x, a.w) == fmt.Sprintf("%.6f %.6f", b.x, b.w)
		}) {
			t.Errorf("%s: layered %v, want %v", c.name, got, c.want)
		}
	}
}

// TestTeacherBoxTableAndQuote: in a teacher's box ("For the teacher", on
// a tint), a table's rows and a quotation's bar are drawn on the tint,
// and a page that the box goes on to at its table, or inside it, opens
// with the box's label, continued, above the table's header; a page that
// the box starts opens with its own label alone.
func TestTeacherBoxTableAndQuote(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Node: doc.Node{At: -1}, Text: s}} }
	cell := func(s string) *doc.Cell { return &doc.Cell{Inlines: text(s)} }
	table := &doc.Table{Node: doc.Node{At: -1}, Align: []doc.Align{doc.AlignNone, doc.AlignNone},
		Header: []*doc.Cell{cell("Lesson"), cell("Activity")}}
	for i := range 14 {
		table.Rows = append(table.Rows, []*doc.Cell{cell(fmt.Sprint(i + 1)), cell("annotate the first page; start a euphemism log")})
	}
	quote := "A quotation the teacher reads aloud."
	box := &doc.TeacherOnly{Node: doc.Node{At: -1}, Blocks: []doc.Block{
		&doc.Paragraph{Node: doc.Node{At: -1}, Inlines: text(strings.Repeat("The sequence below assumes ten lessons. ", 6))},
		table,
		&doc.BlockQuote{Node: doc.Node{At: -1}, Blocks: []doc.Block{&doc.Paragraph{Node: doc.Node{At: -1}, Inlines: text(quote)}}},
	}}
	body := p.blocks([]doc.Block{box}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
	label := h.label("box-continued", "label", h.label("for-the-teacher"))

	// boxRow: a row of the box outside its table, which goes on under
	// the box's label alone.
	boxRow := func(r *row) bool {
		return r.table != nil && len(r.table.header) > 1 && rowTextOf(r.table.header[1]) == label
	}
	tint, bar := fillTint.ToString(), barColor.ToString()
	var tableRows, quoteRows int // the header a table row too
	for _, r := range body {
		if len(r.ops) == 0 {
			continue
		}
		bands := drawnBands(h.g, r)
		if len(bands) == 0 || bands[0] != tint || bands[len(bands)-1] != tint {
			t.Errorf("%q is not on the box's tint: %v", rowTextOf(r), bands)
		}
		if r.table != nil && !boxRow(r) {
			tableRows++
		}
		if strings.Contains(rowTextOf(r), "quotation") {
			quoteRows++
			if !slices.Contains(bands, bar) {
				t.Errorf("the quotation's line %q has no bar: %v", rowTextOf(r), bands)
			}
		}
	}
	if tableRows != len(table.Rows)+1 || quoteRows == 0 {
		t.Fatalf("%d table rows and %d lines of the quotation, want %d and some", tableRows, quoteRows, len(table.Rows)+1)
	}

	// Pages the box goes on to at its table (the page before holds none
	// of it) and inside it.
	atTable, inTable := 0, 0
	isTable := func(r *row) bool { return r.table != nil && !boxRow(r) && len(r.ops) > 0 }
	g := h.g
	for filler := g.body() - 90; filler < g.body(); filler += 0.5 {
		pages := paginate(&section{rows: append([]*row{{h: filler}}, body...)}, g)
		for i := 1; i < len(pages); i++ {
			pg := pages[i]
			if first := slices.IndexFunc(pg.rows, func(r *row) bool { return !r.head }); first >= 0 && isTable(pg.rows[first]) {
				if slices.ContainsFunc(pages[i-1].rows, isTable) {
					inTable++
				} else {
					atTable++
				}
			}
			want, got := label, rowTextOf(pg.rows[1])
			if !slices.ContainsFunc(pages[i-1].rows, func(r *row) bool { return r.table != nil && len(r.ops) > 0 }) {
				// the box starts here: its label under its top padding
				first := slices.IndexFunc(pg.rows, func(r *row) bool { return len(r.ops) > 0 })
				want, got = h.label("for-the-teacher"), rowTextOf(pg.rows[max(first, 0)])
			}
			if got != want {
				t.Fatalf("after %.1f mm: page %d opens with %q, want %q", filler, i+1, got, want)
			}
		}
	}
	if atTable == 0 || inTable == 0 {
		t.Errorf("%d pages part the box at its table and %d inside it, want some of each", atTable, inTable)
	}
}

// drawnBands is the colour of each column of the maroto row that draws r,
// left to right ("" for a column without a fill).
func drawnBands(g geometry, r *row) []string {
	var out []string
	for _, c := range r.marotoRow(g, frameEdges{}, nil, false, nil).GetColumns() {
		colour, _ := c.GetStructure().GetData().Details["prop_background_color"].(string)
		out = append(out, colour)
	}
	return out
}

// TestTeacherPanelSpacing: the "For the teacher" panel has space before
// it, unfilled, a top padding on its tint as deep as its side's (3 mm),
// and the same, no more, between its label and its first block, a
// heading whose own space before goes (review13 #5).
func TestTeacherPanelSpacing(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Node: doc.Node{At: -1}, Text: s}} }
	box := &doc.TeacherOnly{Node: doc.Node{At: -1}, Blocks: []doc.Block{
		&doc.Heading{Node: doc.Node{At: -1}, Level: 2, Inlines: text("A sample lesson sequence")},
		&doc.Paragraph{Node: doc.Node{At: -1}, Inlines: text(strings.Repeat("The sequence below assumes ten lessons. ", 6))},
	}}
	body := p.blocks([]doc.Block{box}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
	label := -1
	for i, r := range body {
		if rowTextOf(r) == h.label("for-the-teacher") {
			label = i
			break
		}
	}
	if label < 2 {
		t.Fatalf("the label is row %d, want space and padding above it", label)
	}
	before, pad := body[label-1], body[label-2]
	if len(before.fills) == 0 || before.h < 2.9 {
		t.Errorf("the panel's top padding is %.1f mm (filled: %v), want 3", before.h, len(before.fills) > 0)
	}
	if !pad.space || len(pad.fills) > 0 || pad.h < 4 {
		t.Errorf("the space before the panel is %.1f mm (filled: %v), want 4 unfilled", pad.h, len(pad.fills) > 0)
	}
	gap := 0.0
	for _, r := range body[label+1:] {
		if len(r.ops) > 0 {
			break
		}
		gap += r.h
	}
	if gap > 3.1 {
		t.Errorf("%.1f mm between the panel's label and its heading, want 3", gap)
	}
}
