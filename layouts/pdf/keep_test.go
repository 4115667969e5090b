package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// Blocks for the keep tests, as the Markdown parser makes them.

func textOf(s string) []doc.Inline { return []doc.Inline{&doc.Text{Node: doc.Node{At: -1}, Text: s}} }

func paraOf(s string) *doc.Paragraph {
	return &doc.Paragraph{Node: doc.Node{At: -1}, Inlines: textOf(s)}
}

// tableOf is a table of two columns and n body rows of one line.
func tableOf(n int) *doc.Table {
	cell := func(s string) *doc.Cell { return &doc.Cell{Node: doc.Node{At: -1}, Inlines: textOf(s)} }
	t := &doc.Table{Node: doc.Node{At: -1}, Align: []doc.Align{doc.AlignNone, doc.AlignNone}, Header: []*doc.Cell{cell("Word"), cell("Meaning")}}
	for i := range n {
		t.Rows = append(t.Rows, []*doc.Cell{cell(fmt.Sprintf("word %d", i+1)), cell("what it means in the novel")})
	}
	return t
}

// pageOf is the page (0-based) each row is on.
func pageOf(pages []*pageLayout) map[*row]int {
	on := map[*row]int{}
	for i, pg := range pages {
		for _, r := range pg.rows {
			if _, seen := on[r]; !seen { // a header repeated stays where it first stood
				on[r] = i
			}
		}
	}
	return on
}

// bodyRows is the rows of a table's body, header aside, in order.
func bodyRows(rows []*row) []*row {
	var out []*row
	for _, r := range rows {
		if r.table != nil && !r.head {
			out = append(out, r)
		}
	}
	return out
}

// afterFiller lays body out after filler mm of other rows, at every half
// millimetre of the last 60 of a page, and calls check with the pages.
func afterFiller(t *testing.T, h *handouts, body []*row, check func(filler float64, pages []*pageLayout)) {
	t.Helper()
	g := h.g
	for filler := g.body() - 60; filler < g.body()-h.footH; filler += 0.5 {
		s := &section{rows: append([]*row{{h: filler}}, body...), foot: func() []*row { return rowsOf(h.footH) }}
		check(filler, paginate(s, g))
	}
}

// TestShortTablesMoveWhole: a table of six body rows or fewer is never
// parted by a page break: it moves whole to the next page, with its
// header, wherever the page before ends (A4's "Key words in Part One"
// printed two rows and three).
func TestShortTablesMoveWhole(t *testing.T) {
	h := fixtureHandouts(t, "a4")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	for _, n := range []int{2, 5, 6} {
		rows := p.blocks([]doc.Block{tableOf(n)}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
		body := bodyRows(rows)
		if len(body) != n {
			t.Fatalf("%d body rows, want %d", len(body), n)
		}
		afterFiller(t, h, rows, func(filler float64, pages []*pageLayout) {
			on := pageOf(pages)
			if on[rows[0]] != on[body[0]] || on[body[0]] != on[body[n-1]] {
				t.Fatalf("%d rows after %.1f mm: the header on page %d, the rows on pages %d to %d", n, filler, on[rows[0]]+1, on[body[0]]+1, on[body[n-1]]+1)
			}
		})
	}
}

// TestLongTablesKeepTwoRows: a table longer than a short one parts over
// pages, but never with fewer than two body rows on either side of the
// break, and its header repeats above the rows that go on, as an
// artifact: the TH cells, Scope Column, are read once, where they first
// stand.
func TestLongTablesKeepTwoRows(t *testing.T) {
	h := fixtureHandouts(t, "a4")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	const n = 20
	rows := p.blocks([]doc.Block{tableOf(n)}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
	body := bodyRows(rows)
	for _, r := range rows {
		if !r.head {
			continue
		}
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok && (tx.tag == nil || tx.tag.Role != tagged.TH || tx.tag.Attrs().Scope != "Column") {
				t.Errorf("header cell %q is not a TH of Scope Column", tx.frag.Text)
			}
		}
	}
	parted := 0
	afterFiller(t, h, rows, func(filler float64, pages []*pageLayout) {
		on := pageOf(pages)
		first, last := on[body[0]], on[body[n-1]]
		if first == last {
			return
		}
		parted++
		for pg := first; pg <= last; pg++ {
			k := 0
			for _, r := range body {
				if on[r] == pg {
					k++
				}
			}
			if k < 2 {
				t.Fatalf("after %.1f mm: page %d holds %d of the table's body rows, want 2 at least", filler, pg+1, k)
			}
			if pg > first && !pages[pg].rows[0].head {
				t.Fatalf("after %.1f mm: the table goes on on page %d without its header", filler, pg+1)
			}
		}
	})
	if parted == 0 {
		t.Fatal("the table never parted: the test tests nothing")
	}
	// The repeated header is drawn as an artifact (drawing.repeat).
	pages := paginate(&section{rows: append([]*row{{h: h.g.body() - 60}}, rows...), foot: func() []*row { return rowsOf(h.footH) }}, h.g)
	r, err := render(h.g, pages, false)
	if err != nil {
		t.Fatal(err)
	}
	data, err := r.part(0, r.pages, document{lang: "en"}, h.g, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	structure := runTool(t, data, "pdfinfo", "-struct-text")
	if c, w := strings.Count(structure, "TH:"), strings.Count(structure, `"Word"`); c != 2 || w != 1 || r.pages < 2 {
		t.Errorf("%d TH elements, \"Word\" read %d times over %d pages, want the header's 2, read once:\n%s", c, w, r.pages, structure)
	}
}

// TestLeadInStaysWithWhatItIntroduces: a paragraph that ends in a colon
// shares its page with the first rows of the table, the first item of
// the list or the first lines of the quotation it introduces (Handout
// 13's "…where each part asks for care:" ended a page, its table on the
// next). A paragraph that ends otherwise may part from the next block.
func TestLeadInStaysWithWhatItIntroduces(t *testing.T) {
	h := fixtureHandouts(t, "a4")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	item := func(s string) *doc.Item { return &doc.Item{Node: doc.Node{At: -1}, Blocks: []doc.Block{paraOf(s)}} }
	long := strings.Repeat("The quotation runs on for several lines of the handout. ", 6)
	next := map[string]doc.Block{
		"table": tableOf(12),
		"list":  &doc.List{Node: doc.Node{At: -1}, Items: []*doc.Item{item(long), item(long)}},
		"quote": &doc.BlockQuote{Node: doc.Node{At: -1}, Blocks: []doc.Block{paraOf(long)}},
	}
	lead := strings.Repeat("Teachers should know their students, and know in advance where each part asks for care. ", 2)
	for _, name := range []string{"table", "list", "quote"} {
		for _, colon := range []bool{true, false} {
			text := lead + "It helps to know this"
			if colon {
				text += ":"
			} else {
				text += "."
			}
			rows := p.blocks([]doc.Block{paraOf(text), next[name]}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
			// The lead-in's last line, and the first two lines of what it
			// introduces (a table's header and first row).
			var drawn []*row
			for _, r := range rows {
				if len(r.ops) > 0 {
					drawn = append(drawn, r)
				}
			}
			lines := 0
			for _, r := range rows {
				if r.space {
					break
				}
				lines++
			}
			end, firsts := drawn[lines-1], drawn[lines:lines+2]
			apart := false
			afterFiller(t, h, rows, func(filler float64, pages []*pageLayout) {
				on := pageOf(pages)
				if !apart && (on[end] != on[firsts[0]] || on[firsts[0]] != on[firsts[1]]) {
					apart = true
					if colon {
						t.Errorf("%s after %.1f mm: the lead-in ends page %d, the %s it introduces starts page %d", name, filler, on[end]+1, name, on[firsts[1]]+1)
					}
				}
			})
			if !colon && !apart {
				t.Errorf("%s: a paragraph without a colon never parted from the next block: the test tests nothing", name)
			}
		}
	}
}

// TestBlockQuoteOneBar: a block quotation of two paragraphs has one bar
// down its left, through the space between them, not a bar a paragraph
// with a gap; where a page breaks it, each part has its bar from its
// first line (the space at the page's head is dropped).
func TestBlockQuoteOneBar(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	long := strings.Repeat("A block quote for the argument, as such passages are. ", 5)
	q := &doc.BlockQuote{Node: doc.Node{At: -1}, Blocks: []doc.Block{paraOf(long), paraOf("It goes on, as such passages do."), paraOf(long)}}
	rows := p.blocks([]doc.Block{paraOf("Before it."), q, paraOf("After it.")}, block{x: 0, w: h.g.measure(), tag: tagged.New(tagged.Sect)})
	barred := func(r *row) bool {
		return slices.ContainsFunc(r.fills, func(f fill) bool { return f.style.BackgroundColor != nil && *f.style.BackgroundColor == barColor })
	}
	first := slices.IndexFunc(rows, barred)
	last := len(rows) - 1
	for last >= 0 && !barred(rows[last]) {
		last--
	}
	if first < 0 {
		t.Fatal("no row has the bar")
	}
	gaps := 0
	for i := first; i <= last; i++ {
		if !barred(rows[i]) {
			gaps++
		}
	}
	if gaps > 0 {
		t.Errorf("%d rows inside the quotation without the bar: the bar is broken between its paragraphs", gaps)
	}
	if len(rows[first].ops) == 0 || len(rows[last].ops) == 0 {
		t.Error("the bar starts or ends on space, above or below the quotation's text")
	}
	afterFiller(t, h, rows, func(filler float64, pages []*pageLayout) {
		for k, pg := range pages[1:] {
			if r := pg.rows[0]; barred(r) && len(r.ops) == 0 {
				t.Fatalf("after %.1f mm: page %d starts with the bar over space", filler, k+2)
			}
		}
	})
}

// TestMarkSchemeCriteriaPartBetweenLevels: a mark scheme set as a list
// parts over pages between criteria, or between a criterion's levels as
// a table parts between its rows, but never where a level stands alone
// at a page's foot or head: a criterion's name stays with its first two
// levels and its last two levels stay together, and the scheme's title
// with the first criterion's name and two levels (or its first, where
// with the two they take more than two-thirds of a page: openingLevels);
// a criterion that fits
// a page parts only on a page that, without it, would be more than a
// third empty (large print's IB criterion A parted two bands and three,
// leaving one page a third empty and the next half, as the next
// criterion, kept whole, could not follow it). So wherever the page
// before ends, even on a page the paginator fills, in every printing of
// the bundled companion's schemes.
func TestMarkSchemeCriteriaPartBetweenLevels(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, rb := range h.b.Rubrics {
			sect := tagged.New(tagged.Sect)
			rows := h.markScheme(rb, h.sectionHeading(rb.Title, 0, h.g.measure(), nil, sect), nil, sect)
			// Each criterion's name (an H3) and its levels.
			type criterion struct{ name, levels []*row }
			var criteria []criterion
			for i := 0; i < len(rows); i++ {
				if !isHeading(rows[i], tagged.H3) {
					continue
				}
				k := slices.IndexFunc(rows[i:], func(r *row) bool { return r.table != nil && !r.head })
				if k < 0 {
					break // a grid: its criteria are its rows
				}
				c := criterion{name: []*row{rows[i]}}
				first := rows[i+k]
				for _, lr := range rows[i+k:] {
					if lr.table != first.table {
						break
					}
					if !lr.piece {
						c.levels = append(c.levels, lr)
					}
				}
				criteria = append(criteria, c)
				i += k + len(c.levels) - 1
			}
			if len(criteria) == 0 {
				continue
			}
			if len(criteria) != len(rb.Criteria) {
				t.Fatalf("%s: %d criteria found, want %d", rb.Title, len(criteria), len(rb.Criteria))
			}
			title := rows[slices.IndexFunc(rows, func(r *row) bool { return len(r.ops) > 0 })]
			own := map[*row]bool{}
			for _, r := range rows {
				own[r] = true
			}
			for filler := 0.0; filler < h.g.body()-h.footH; filler += 2 {
				s := &section{rows: append([]*row{{h: filler}}, rows...), foot: func() []*row { return rowsOf(h.footH) }}
				pages := paginate(s, h.g)
				on := pageOf(pages)
				at := func(what string, a, b *row) {
					if on[a] != on[b] {
						t.Fatalf("%s after %.0f mm: %s, on pages %d and %d", rb.Title, filler, what, on[a]+1, on[b]+1)
					}
				}
				// The title with the first criterion's first two levels, or
				// its first where with those two it takes more than
				// two-thirds of a page (openingLevels).
				firstLevels := criteria[0].levels[min(1, len(criteria[0].levels)-1)]
				if height(rows[:slices.Index(rows, firstLevels)+1]) > h.maxBlockH()*2/3 {
					firstLevels = criteria[0].levels[0]
				}
				at("the title and the first criterion's first levels", title, firstLevels)
				for i, c := range criteria {
					n := len(c.levels)
					if i > 0 {
						at(fmt.Sprintf("criterion %d's name and its level %d", i+1, min(2, n)), c.name[0], c.levels[min(1, n-1)])
					}
					at(fmt.Sprintf("criterion %d's last two levels", i+1), c.levels[max(n-2, 0)], c.levels[n-1])
					if p := on[c.name[0]]; p != on[c.levels[n-1]] {
						// It parts: it fits no page, or the page it starts
						// on held under two-thirds before the scheme.
						tall := height(rows[slices.Index(rows, c.name[0])-1 : slices.Index(rows, c.levels[n-1])+1])
						before := 0.0
						for _, r := range pages[p].rows {
							if own[r] {
								break
							}
							before += r.h
						}
						if room := s.room(h.g, p+1); tall <= h.maxBlockH() && before >= room*2/3 {
							t.Fatalf("%s after %.0f mm: criterion %d parted on page %d, %.0f of %.0f mm full before the scheme", rb.Title, filler, i+1, p+1, before, room)
						}
					}
				}
			}
		}
	})
}

// lastPageLines is how many lines of text of s's own rows the last of
// its pages sets, and whether the page sets what keeps lines off a page
// of their own (fewLines): answer lines, a table, a note.
func lastPageLines(s *section, pages []*pageLayout) (lines int, exempt bool) {
	own := map[*row]bool{}
	for _, r := range s.rows {
		own[r] = true
	}
	last := pages[len(pages)-1]
	for _, r := range last.rows {
		if !own[r] {
			continue
		}
		exempt = exempt || !tailRow(r)
		if textRow(r) {
			lines++
		}
	}
	return lines, exempt
}

// TestLastPageCarriesThreeLines: a section's last page never carries
// only one or two lines of text (the last entry of a handout's works
// cited on A4, the teacher's p. 10): the page before closes its spaces
// up by half at most to keep them (squeeze), or, where that is not
// enough, gives up lines to them, so that the last page sets three;
// answer lines the page before ends with stay whole there.
// Wherever the page before ends, after rows with spaces between them
// and after a block without; and in every handout and answer key of both
// packets of the bundled companion, in every printing.
func TestLastPageCarriesThreeLines(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	m := h.g.measure()
	var list []*row
	for i := range 5 {
		list = append(list, h.rows(plain(fmt.Sprintf("Author %d. A Title of a Book. A Publisher, 2005.", i+1), sizeBody, 0, inkText), block{x: 0, w: m})...)
	}
	spaced := func(filler float64) []*row {
		var out []*row
		for used := 0.0; used+10 <= filler; used += 10 {
			out = append(out, &row{h: 6, ops: []op{textOp{frag: richtext.Fragment{Span: richtext.Span{Text: "x", Size: sizeBody}}}}}, space(4))
		}
		return out
	}
	squeezed, moved := 0, 0
	for _, tc := range []struct {
		name   string
		before func(filler float64) []*row
	}{
		{"after spaced lines", spaced},
		{"after a block", func(filler float64) []*row { return rowsOf(filler) }},
	} {
		for filler := h.g.body() - 60; filler < h.g.body()-h.footH; filler += 0.5 {
			s := &section{rows: append(tc.before(filler), list...), foot: func() []*row { return rowsOf(h.footH) }}
			pages := paginate(s, h.g)
			own := map[*row]bool{}
			for _, r := range s.rows {
				own[r] = true
			}
			if slices.ContainsFunc(pages[len(pages)-1].rows, func(r *row) bool { return !own[r] }) {
				squeezed++ // its spaces closed up: copies of its own
			}
			if len(pages) < 2 {
				continue
			}
			lines, _ := lastPageLines(s, pages)
			if lines < lastLines {
				t.Errorf("%s of %.1f mm: the last page sets %d lines", tc.name, filler, lines)
			}
			if on := pageOf(pages); on[list[len(list)-lastLines]] == len(pages)-1 && on[list[len(list)-lastLines-1]] == len(pages)-2 && lines == lastLines {
				moved++
			}
		}
	}
	if squeezed == 0 || moved == 0 {
		t.Errorf("%d layouts squeezed a page, %d moved lines on to the last", squeezed, moved)
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			names, sections := packetSections(h, teacher)
			for i, s := range sections {
				if s.runsOn || s.balanced {
					continue
				}
				pages := paginate(s, h.g)
				if len(pages) < 2 {
					continue
				}
				// Answer lines run on to the foot of the page before
				// (an essay's) part only under their label continued,
				// worse than a short last page, which in the students'
				// packet ends in its Notes area.
				before := pages[len(pages)-2].rows
				if lines, exempt := lastPageLines(s, pages); lines > 0 && lines < lastLines && !exempt && !before[len(before)-1].lines {
					t.Errorf("teacher %v, %s: its last page, %d, sets %d lines", teacher, names[i], len(pages), lines)
				}
			}
		}
	})
}

// TestGuidanceHeadKeepsItsText: a teacher's guidance box never parts
// between its head (the "Teacher guidance" label and the Standards line,
// three lines or more in large print) and the first boxHeadLinesKept
// lines of its text, wherever the page before ends, even on a page the
// paginator fills, for every question of the bundled companion with
// guidance, in every printing (LP teacher p. 232 ended on Handout 14
// Q1's Standards line, its guidance all on the next page).
func TestGuidanceHeadKeepsItsText(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		checked := 0
		for _, c := range h.b.Chapters {
			for _, q := range c.Questions {
				if q.Guidance == nil {
					continue
				}
				rows := h.question(q, nil, nil, true, tagged.New(tagged.LI))
				// The box's lines: its head's paragraphs, then its text.
				headTags := map[*tagged.Elem]bool{}
				var head, text []*row
				for _, r := range rows {
					if !isGuidance(r) || len(r.ops) == 0 {
						continue
					}
					tx, ok := r.ops[0].(textOp)
					if !ok || r.head {
						continue
					}
					if s := rowTextOf(r); strings.HasPrefix(s, h.label("teacher-guidance")) || strings.HasPrefix(s, h.label("standards")) {
						headTags[tx.tag] = true
					}
					if headTags[tx.tag] {
						head = append(head, r)
					} else {
						text = append(text, r)
					}
				}
				if len(head) == 0 || len(text) < boxHeadLinesKept {
					t.Fatalf("question %d of handout %d: %d head lines and %d of text in its guidance box", q.Number, c.Number, len(head), len(text))
				}
				checked++
				last, kept := head[len(head)-1], text[boxHeadLinesKept-1]
				for filler := 0.0; filler < h.g.body()-h.footH; filler++ {
					s := &section{rows: append([]*row{{h: filler}}, rows...), foot: func() []*row { return rowsOf(h.footH) }}
					if on := pageOf(paginate(s, h.g)); on[last] != on[kept] {
						t.Fatalf("question %d of handout %d after %.0f mm: the guidance box's head ends page %d, its text line %d is on page %d", q.Number, c.Number, filler, on[last]+1, boxHeadLinesKept, on[kept]+1)
					}
				}
			}
		}
		if checked == 0 {
			t.Fatal("no question has guidance")
		}
	})
}
