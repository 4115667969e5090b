package pdf

import (
	"bytes"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

func rowsOf(hs ...float64) []*row {
	var out []*row
	for _, h := range hs {
		out = append(out, &row{h: h})
	}
	return out
}

func pageHeights(pages []*pageLayout) []int {
	var out []int
	for _, p := range pages {
		out = append(out, len(p.rows))
	}
	return out
}

func TestPaginateFillsPagesAndNumbersThem(t *testing.T) {
	g := newGeometry("letter") // body 252.4 mm
	s := &section{rows: rowsOf(make100(100, 10)...), foot: func() []*row { return rowsOf(12.3) }}
	pages := paginate(s, g)
	// 240.1 mm of room: 24 rows a page.
	if got := pageHeights(pages); len(got) != 5 || got[0] != 24 || got[4] != 4 {
		t.Fatalf("rows per page %v", got)
	}
	for i, p := range pages {
		if p.no != i+1 || p.of != 5 {
			t.Errorf("page %d numbered %d of %d", i, p.no, p.of)
		}
	}
}

func make100(n int, h float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = h
	}
	return out
}

// TestPaginateFillingKeepsWholeRows: a chain too long to move from a page
// that would be left more than two-thirds empty fills it, but breaks only
// before rows that are whole with what follows (a short answer's lines).
func TestPaginateFillingKeepsWholeRows(t *testing.T) {
	g := newGeometry("letter") // 240.1 mm of room under a 12.3 mm footer
	rows := rowsOf(30)
	chain := rowsOf(make100(22, 10)...)
	for i, r := range chain[:21] {
		r.keep = true
		r.whole = i >= 18
	}
	pages := paginate(&section{rows: append(rows, chain...), foot: func() []*row { return rowsOf(12.3) }}, g)
	if got := pageHeights(pages); len(got) != 2 || got[0] != 19 || got[1] != 4 {
		t.Fatalf("rows per page %v, want [19 4]: the whole rows were parted", got)
	}
}

func TestPaginateKeepsChainsTogether(t *testing.T) {
	g := newGeometry("letter")
	rows := rowsOf(make100(23, 10)...)
	heading := rowsOf(10, 10) // a heading and its first line, kept together
	heading[0].keep = true
	rows = append(rows, heading...)
	pages := paginate(&section{rows: rows, foot: func() []*row { return rowsOf(12.3) }}, g)
	if got := pageHeights(pages); len(got) != 2 || got[0] != 23 || got[1] != 2 {
		t.Fatalf("the heading was left at the page foot: rows per page %v", got)
	}
	// A chain does not run on through space into the next block: the two
	// last lines of a box stay together, not with everything after them.
	rows = rowsOf(make100(20, 10)...)
	box := rowsOf(10, 10, 10)
	box[0].keep, box[1].keep = true, true
	rows = append(rows, box...)
	rows = append(rows, space(3))
	for range 20 {
		r := &row{h: 10, keep: true}
		rows = append(rows, r)
	}
	pages = paginate(&section{rows: rows, foot: func() []*row { return rowsOf(12.3) }}, g)
	if got := pageHeights(pages); got[0] != 24 {
		t.Fatalf("rows per page %v: the box moved although it fits", got)
	}
	// Space at the head of a page is dropped.
	rows = append(rowsOf(make100(24, 10)...), space(5))
	rows = append(rows, rowsOf(10)...)
	pages = paginate(&section{rows: rows, foot: func() []*row { return rowsOf(12.3) }}, g)
	if got := pageHeights(pages); len(got) != 2 || got[1] != 1 {
		t.Fatalf("rows per page %v", got)
	}
}

func TestPaginateRepeatsTableHeaders(t *testing.T) {
	g := newGeometry("letter")
	grp := &tableGroup{}
	head := &row{h: 8, head: true, keep: true, table: grp}
	grp.header = []*row{head}
	rows := rowsOf(make100(22, 10)...)
	rows = append(rows, head)
	for range 10 {
		rows = append(rows, &row{h: 10, table: grp})
	}
	pages := paginate(&section{rows: rows, foot: func() []*row { return rowsOf(12.3) }}, g)
	// 22 rows leave 20 mm: the header and one row fit, so the header stays.
	if len(pages) != 2 || pages[0].rows[22] != head || len(pages[0].rows) != 24 {
		t.Fatalf("rows per page %v", pageHeights(pages))
	}
	if pages[1].rows[0] != head {
		t.Error("the header is not repeated on the next page")
	}
	// With room for the header alone, it moves to the next page.
	rows = append(rowsOf(make100(23, 10)...), head)
	rows = append(rows, &row{h: 10, table: grp})
	pages = paginate(&section{rows: rows, foot: func() []*row { return rowsOf(12.3) }}, g)
	if got := pageHeights(pages); len(got) != 2 || got[0] != 23 || pages[1].rows[0] != head || len(pages[1].rows) != 2 {
		t.Fatalf("a header was left alone: rows per page %v", got)
	}
}

func TestPDFStringAndOutline(t *testing.T) {
	for in, want := range map[string]string{
		"Plain (x)":  `(Plain \(x\))`,
		"Élodie’s":   "<FEFF00C9006C006F00640069006520190073>",
		"a\\b":       `(a\\b)`,
		"Ἰθάκη":      "<FEFF1F3803B803AC03BA03B7>",
		"":           "()",
		"tab\tthere": "<FEFF007400610062000900740068006500720065>",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %s, want %s", in, got, want)
		}
	}
	items := buildOutline([]outlineEntry{
		{bookmark: bookmark{title: "Cover"}}, {bookmark: bookmark{title: "1. One"}},
		{bookmark: bookmark{title: "Notes", level: 1}}, {bookmark: bookmark{title: "Questions", level: 1}},
		{bookmark: bookmark{title: "2. Two"}},
	})
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.title + "[")
		for _, k := range it.kids {
			b.WriteString(k.title + ";")
		}
		b.WriteString("]")
	}
	if got := b.String(); got != "Cover[]1. One[Notes;Questions;]2. Two[]" {
		t.Errorf("outline %s", got)
	}
	if items[1].prev != items[0] || items[1].next != items[2] || items[1].kids[1].prev != items[1].kids[0] {
		t.Error("outline siblings are not linked")
	}
}

func TestDistinctWidths(t *testing.T) {
	mk := func(w, h int, c uint8) *printImage {
		m := image.NewNRGBA(image.Rect(0, 0, w, h))
		for i := range m.Pix {
			m.Pix[i] = c
		}
		data, err := encodePNG(m)
		if err != nil {
			t.Fatal(err)
		}
		return &printImage{data: data, ext: "png", px: image.Pt(w, h), widthMM: float64(w) / 10}
	}
	a, b, c := mk(40, 20, 10), mk(40, 30, 200), mk(41, 5, 90)
	distinctWidths([]*printImage{a, b, c})
	if a.px.X != 40 || c.px.X != 41 || b.px.X != 42 {
		t.Fatalf("widths %d %d %d, want 40 41 42 (gofpdf orders images by width)", a.px.X, c.px.X, b.px.X)
	}
	m, err := png.Decode(bytes.NewReader(b.data))
	if err != nil || m.Bounds().Dx() != 42 || m.Bounds().Dy() != 30 {
		t.Fatalf("padded image %v %v", m.Bounds(), err)
	}
	if _, _, _, alpha := m.At(41, 0).RGBA(); alpha != 0 {
		t.Error("the added column is not transparent")
	}
	// It prints at the same scale: 40 px were 4 mm, 42 px are 4.2 mm.
	if b.widthMM < 4.199 || b.widthMM > 4.201 {
		t.Errorf("print width %v", b.widthMM)
	}
}

// A chain that does not fit is moved to the next page only when that
// leaves the page at least a third full; else it fills the page and goes
// on, with its group's label repeated at the head of the next.
func TestPaginateLeavesNoPageMostlyEmpty(t *testing.T) {
	g := newGeometry("letter") // 240.1 mm of room under a 12.3 mm footer
	foot := func() []*row { return rowsOf(12.3) }
	label := rowsOf(5)
	label[0].head = true
	group := &tableGroup{header: label}
	// A prompt kept with its 20 answer lines.
	chain := func(n int) []*row {
		rows := rowsOf(make100(n+1, 10)...)
		for i, r := range rows {
			r.keep = i < n
			if i > 0 {
				r.table = group
			}
		}
		return rows
	}
	// 5 rows, then the chain: moved whole, it would leave 50 of 240 mm used.
	pages := paginate(&section{rows: append(rowsOf(make100(5, 10)...), chain(20)...), foot: foot}, g)
	if got := pageHeights(pages); len(got) != 2 || got[0] != 24 || got[1] != 3 {
		t.Fatalf("rows per page %v, want the chain to fill the first page and go on", got)
	}
	if pages[1].rows[0] != label[0] {
		t.Error("the chain goes on without its label")
	}
	// 10 rows (100 mm, more than a third), then the chain: moved whole.
	pages = paginate(&section{rows: append(rowsOf(make100(10, 10)...), chain(20)...), foot: foot}, g)
	if got := pageHeights(pages); len(got) != 2 || got[0] != 10 || got[1] != 21 || pages[1].rows[0] == label[0] {
		t.Fatalf("rows per page %v, want the chain moved whole", got)
	}
}

// TestHeadingsKeepTwoLines: wherever a page breaks, a heading, and the
// teacher's "For the teacher" label, share a page with at least the first
// two lines of what follows them.
func TestHeadingsKeepTwoLines(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	para := func() doc.Block {
		return &doc.Paragraph{Node: doc.Node{At: -1}, Inlines: []doc.Inline{
			&doc.Text{Node: doc.Node{At: -1}, Text: strings.Repeat("The guidance runs on for several lines of the handout. ", 8)}}}
	}
	for name, blocks := range map[string][]doc.Block{
		"heading": {&doc.Heading{Node: doc.Node{At: -1}, Level: 2, Inlines: []doc.Inline{&doc.Text{Node: doc.Node{At: -1}, Text: "A heading"}}}, para()},
		"teacher": {&doc.TeacherOnly{Node: doc.Node{At: -1}, Blocks: []doc.Block{para()}}},
	} {
		body := p.blocks(blocks, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
		var lines []*row // the heading or label and the two lines after it
		for _, r := range body {
			if !r.space && len(lines) < 3 {
				lines = append(lines, r)
			}
		}
		g := h.g
		for filler := g.body() - 40; filler < g.body(); filler += 0.5 {
			pages := paginate(&section{rows: append([]*row{{h: filler}}, body...)}, g)
			on := pageIndex(pages)
			if on[lines[0]] != on[lines[1]] || on[lines[1]] != on[lines[2]] {
				t.Fatalf("%s after %.1f mm: pages %d, %d, %d for the heading and its first two lines", name, filler, on[lines[0]], on[lines[1]], on[lines[2]])
			}
		}
	}
}

// TestLabelsTieNumbers: a number in a label is tied to the word before
// it, as tie.Spaces ties it in the EPUB and the site: "key quotation 1"
// and a title's "Part 1" never part at a line's end, whatever the measure.
func TestLabelsTieNumbers(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	for _, c := range []struct{ got, want string }{
		{h.label("key-quotation-number", "n", "2"), "key quotation\u00A02"},
		{h.label("handout-key-quotation", "handout", "3", "n", "12"), "Handout\u00A03, key quotation\u00A012"},
		{h.label("handout-title", "companion", "Book 1", "n", "3", "title", "Part 1"), "Book 1 — Handout\u00A03: Part\u00A01"},
		{h.label("covers", "parts", "Part 1"), strings.Replace(h.b.Labels.Format("covers", "parts", "Part 1"), "Part 1", "Part\u00A01", 1)},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	text := "Evidence: " + h.label("key-quotation-number", "n", "1") + "; " + h.label("key-quotation-number", "n", "2")
	for w := 20.0; w < 60; w += 0.5 { // from the width of "quotation 1;"
		for _, ln := range h.fonts.Break([]richtext.Span{{Text: text, Size: sizeTiny}}, richtext.Options{Width: w}) {
			var b strings.Builder
			for _, f := range ln.Fragments {
				b.WriteString(f.Text)
			}
			if l := strings.TrimSpace(b.String()); strings.HasSuffix(l, "quotation") {
				t.Fatalf("at %.1f mm a line ends %q", w, l)
			}
		}
	}
}

// footnoteOf is a note of n lines of h mm each, its label continued one
// line of 3 mm.
func footnoteOf(n int, h float64) *footnote {
	return &footnote{rows: rowsOf(make100(n, h)...), continued: rowsOf(3)}
}

// TestPaginateSetsFootnotesAtTheFoot: a row's notes stand at the foot of
// its page, under the rule, and the page's text makes room for them; a
// note too long for that foot goes on at the next page's foot under its
// label continued; a call whose note's first line would not fit under it
// moves to the next page with its note.
func TestPaginateSetsFootnotesAtTheFoot(t *testing.T) {
	g := newGeometry("letter") // 240.1 mm of room under a 12.3 mm footer
	foot := func() []*row { return rowsOf(12.3) }
	room := (&section{foot: foot}).room(g, 1)
	check := func(what string, pages []*pageLayout) {
		t.Helper()
		for i, p := range pages {
			if h := height(p.rows) + height(p.notes); h > room {
				t.Errorf("%s: page %d holds %.1f mm of %.1f", what, i+1, h, room)
			}
			if len(p.notes) > 0 && !slices.ContainsFunc(p.notes[0].ops, func(o op) bool { _, ok := o.(lineOp); return ok }) {
				t.Errorf("%s: page %d's notes do not open with their rule", what, i+1)
			}
		}
	}

	// A short note: whole under its call's page.
	rows := rowsOf(make100(10, 10)...)
	short := footnoteOf(2, 4)
	rows[3].notes = []*footnote{short}
	pages := paginate(&section{rows: rows, foot: foot}, g)
	check("short", pages)
	if len(pages) != 1 || !slices.Contains(pages[0].notes, short.rows[0]) || !slices.Contains(pages[0].notes, short.rows[1]) {
		t.Errorf("short: the note is not at the foot of its call's page: %d pages", len(pages))
	}

	// A long note called near the foot: as many lines as fit there, the
	// rest at the next page's foot, under "continued".
	rows = rowsOf(make100(24, 10)...)
	long := footnoteOf(15, 4)
	rows[19].notes = []*footnote{long}
	pages = paginate(&section{rows: rows, foot: foot}, g)
	check("long", pages)
	if len(pages) != 2 {
		t.Fatalf("long: %d pages, want 2", len(pages))
	}
	if !slices.Contains(pages[0].rows, rows[19]) || !slices.Contains(pages[0].notes, long.rows[0]) {
		t.Error("long: the call and the note's first line are not on one page")
	}
	n := 0
	for _, r := range long.rows {
		if slices.Contains(pages[0].notes, r) {
			n++
		}
	}
	if n == len(long.rows) {
		t.Fatal("long: the whole note fits the first page; the test needs it to go on")
	}
	rest := pages[1].notes
	if len(rest) != 2+len(long.rows)-n || rest[1] != long.continued[0] || !slices.Equal(rest[2:], long.rows[n:]) {
		t.Errorf("long: page 2's foot has %d rows, want the rule, the label continued and the note's last %d lines", len(rest), len(long.rows)-n)
	}

	// A call on the page's last line with no room under it for its
	// note's first line goes to the next page, the note with it.
	rows = rowsOf(make100(24, 10)...)
	rows[0].h = room - 232 // 23 rows leave 12 mm: the call's line fits, not with the rule and a line
	last := footnoteOf(1, 4)
	rows[23].notes = []*footnote{last}
	pages = paginate(&section{rows: rows, foot: foot}, g)
	check("last line", pages)
	if len(pages) != 2 || !slices.Contains(pages[1].rows, rows[23]) || !slices.Contains(pages[1].notes, last.rows[0]) {
		t.Errorf("last line: the call does not move on with its note (%d pages)", len(pages))
	}
}
