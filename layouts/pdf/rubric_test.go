package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// TestMarkSchemeCriterionColumn: a mark scheme of five bands (the IB
// scheme's) gives its criterion column the width its longest word needs,
// so no name is hyphenated or cut, in the standard set and large print;
// a mark range that ends a criterion's name starts a line of its own at
// the column's edge, and a one-word parenthesis ("(AO3)") stays with the
// name where the column is wide enough for both.
func TestMarkSchemeCriterionColumn(t *testing.T) {
	b := toolkitBook(t)
	r := &book.Rubric{Title: "IB Paper 2"}
	for i := 5; i >= 1; i-- {
		r.Levels = append(r.Levels, &book.Level{Name: "Band " + string(rune('0'+i)), Points: float64(i)})
	}
	// The fixture's first descriptor, parsed, in every band.
	descriptors := func() (out []*book.Markdown) {
		for range r.Levels {
			out = append(out, b.Rubrics[0].Criteria[0].Descriptors[0])
		}
		return out
	}
	r.Criteria = []*book.Criterion{
		{Name: "A: knowledge, understanding and interpretation (out of 10: 9–10 in band 5, down to 1–2 in band 1)",
			Standards:   []*book.StandardRef{{Framework: "IB Literature", Code: "AO1"}},
			Descriptors: descriptors()},
		{Name: "Contexts (AO3)", Descriptors: descriptors()},
	}
	// (Large print sets every scheme as a list: TestLargePrintSchemesAsLists.)
	for _, p := range []layouts.Profile{layouts.Standard} {
		g := pageGeometry("letter", p)
		h := &handouts{setter: &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en")}, b: b,
			gl: &glyphs{fonts: g.fonts, diags: &diag.List{}, seen: map[string]bool{}}}
		rows := rubricGrid(h, r)
		// The first band's heading is where the criterion column ends.
		edge := math.Inf(1)
		for _, o := range rows[0].ops {
			if t, ok := o.(textOp); ok && strings.HasPrefix(t.frag.Text, "Band") {
				edge = min(edge, t.x)
			}
		}
		words, _ := cellWords(rows, []float64{edge, g.measure() - edge})
		var want []string
		for _, c := range r.Criteria {
			want = append(want, strings.Fields(c.Name)...)
			for _, s := range c.Standards {
				want = append(want, strings.Fields(s.Label())...)
			}
		}
		if got := words[0][1:]; !slices.Equal(got, want) { // [0] is the heading "Criterion"
			t.Errorf("%s: the criterion column reads %q, want %q", name(p), got, want)
		}
		var marks, contexts []textOp
		for _, r := range rows {
			for _, o := range r.ops {
				op, ok := o.(textOp)
				switch {
				case !ok || op.x >= edge:
				case strings.Contains(op.frag.Text, richtext.SoftHyphen):
					t.Errorf("%s: the criterion column hyphenates %q", name(p), op.frag.Word)
				case strings.HasPrefix(op.frag.Text, "(out"):
					marks = append(marks, op)
				case strings.HasPrefix(op.frag.Text, "Contexts"):
					contexts = append(contexts, op)
				}
			}
		}
		if len(marks) != 1 || math.Abs(marks[0].x+marks[0].frag.X-cellPadX) > 1e-6 {
			t.Errorf("%s: the mark range does not start a line of its own: %+v", name(p), marks)
		}
		// Large print's narrow column may part them; the standard's need not.
		if p == layouts.Standard && (len(contexts) != 1 || !strings.Contains(contexts[0].frag.Text, "(AO3)")) {
			t.Errorf("%s: \"Contexts\" is parted from its code: %+v", name(p), contexts)
		}
	}
}

func TestSplitMarkRange(t *testing.T) {
	for _, c := range []struct{ in, head, marks string }{
		{"A: knowledge (out of 10: 9–10 in band 5)", "A: knowledge", "(out of 10: 9–10 in band 5)"},
		{"C: focus (out of 5: the band’s number) ", "C: focus", "(out of 5: the band’s number)"},
		{"Contexts (AO3)", "Contexts (AO3)", ""},
		{"Claim and counterclaim", "Claim and counterclaim", ""},
		{"Voice (in part) and tone", "Voice (in part) and tone", ""},
	} {
		if head, marks := splitMarkRange(c.in); head != c.head || marks != c.marks {
			t.Errorf("splitMarkRange(%q) = %q, %q; want %q, %q", c.in, head, marks, c.head, c.marks)
		}
	}
}

// rubricGrid is a rubric set as a grid however narrow its levels'
// columns, as rubricTable sets one whose columns are roomy: the tests of
// its columns' widths need more levels than a roomy grid has.
func rubricGrid(h *handouts, r *book.Rubric) []*row {
	t := h.rubricSpec(r, nil)
	t.tag = tagged.New(tagged.Sect).Add(tagged.Table)
	return h.table(t, block{x: 0, w: h.g.measure()})
}

// schemeBook is the toolkit fixture with its rubric replaced by yaml.
func schemeBook(t *testing.T, yaml string) *book.Book {
	t.Helper()
	fsys := booktest.Fixture(t, "../epub/testdata/toolkit.txtar")
	fsys["rubrics/literary-essay.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	return booktest.MustOpen(t, fsys, book.Options{})
}

// TestMarkSchemeWordsKeepTheirSize: in a scheme of five levels, whose
// columns are narrower than "well-structured" and "Acknowledges", the
// compound breaks after its own hyphen and the capitalised word, which
// takes no pattern's hyphen, widens its column at the expense of the
// wider others; every word reads whole and at the scheme's size.
func TestMarkSchemeWordsKeepTheirSize(t *testing.T) {
	b := schemeBook(t, `title: Five levels
levels:
  - {name: "5", marks: 5}
  - {name: "4", marks: 4}
  - {name: "3", marks: 3}
  - {name: "2", marks: 2}
  - {name: "1", marks: 1}
criteria:
  - name: Argument
    descriptors:
      - A well-structured case.
      - Acknowledges others.
      - Some case.
      - A case.
      - None.
`)
	g := pageGeometry("letter", layouts.Standard)
	h := &handouts{setter: &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en")}, b: b,
		gl: &glyphs{fonts: g.fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	t0 := h.rubricSpec(b.Rubrics[0], nil)
	even := (g.measure() - t0.widths[0]) / 5
	for _, w := range []string{"well-structured", "Acknowledges"} {
		if need := h.fonts.Width(richtext.Roman, w, sizeSmall) + 2*cellPadX; need <= even {
			t.Fatalf("%q (%.1f mm) fits an even share (%.1f mm): the test proves nothing", w, need, even)
		}
	}
	rows := rubricGrid(h, b.Rubrics[0])
	var widths []float64 // from where each heading starts
	x := 0.0
	for _, o := range rows[0].ops {
		if tx, ok := o.(textOp); ok && tx.x-cellPadX > x+1 {
			widths = append(widths, tx.x-cellPadX-x)
			x = tx.x - cellPadX
		}
	}
	widths = append(widths, g.measure()-x)
	if len(widths) != 6 {
		t.Fatalf("%d columns, want 6: %v", len(widths), widths)
	}
	if acknowledges := widths[2]; acknowledges < h.fonts.Width(richtext.Roman, "Acknowledges", sizeSmall)+2*cellPadX-1e-6 || acknowledges <= widths[3] {
		t.Errorf("the column of “Acknowledges” is %.1f mm, the next %.1f: it was not widened", acknowledges, widths[3])
	}
	words, sizes := cellWords(rows, widths)
	want := [][]string{{"A", "well-structured", "case."}, {"Acknowledges", "others."}, {"Some", "case."}, {"A", "case."}, {"None."}}
	for i, w := range want {
		if got := words[i+1][2:]; !slices.Equal(got, w) { // [0:2] is the heading "5 (5)"
			t.Errorf("level %d reads %q, want %q", 5-i, got, w)
		}
		if sizes[i+1] != sizeSmall {
			t.Errorf("level %d is set at %v pt, want %v", 5-i, sizes[i+1], sizeSmall)
		}
	}
	brokenAtHyphen := false
	for _, r := range rows {
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok && tx.frag.Text == "well-" && tx.frag.Word == "well-structured" {
				brokenAtHyphen = true
			}
		}
	}
	if !brokenAtHyphen {
		t.Error("“well-structured” does not break after its own hyphen")
	}
}

// TestManyLevelsAsList: in the standard set too, a scheme of more levels
// than fit side by side (nine, whose columns are narrower than
// "Acknowledges") is a list, each level the header of its row, in the
// scheme's type, where a grid would set its words smaller.
func TestManyLevelsAsList(t *testing.T) {
	yaml := "title: Nine levels\nlevels:\n"
	for i := 9; i >= 1; i-- {
		yaml += fmt.Sprintf("  - {name: \"%d\", marks: %d}\n", i, i)
	}
	yaml += "criteria:\n  - name: Argument\n    descriptors:\n"
	for range 9 {
		yaml += "      - Acknowledges others.\n"
	}
	b := schemeBook(t, yaml)
	g := pageGeometry("letter", layouts.Standard)
	h := &handouts{setter: &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en")}, b: b,
		gl: &glyphs{fonts: g.fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	rowHeads := 0
	for _, r := range h.rubricTable(b.Rubrics[0], nil, tagged.New(tagged.Sect)) {
		for _, o := range r.ops {
			tx, ok := o.(textOp)
			if !ok {
				continue
			}
			if tx.tag != nil && tx.tag.Role == tagged.TH {
				if tx.tag.Attrs().Scope != "Row" {
					t.Errorf("%q is a %s header, want a row's", tx.frag.Text, tx.tag.Attrs().Scope)
				}
				rowHeads++
			}
			if tx.frag.Size < sizeSmall {
				t.Errorf("%q is set at %v pt, under the scheme's %v", tx.frag.Text, tx.frag.Size, sizeSmall)
			}
		}
	}
	if rowHeads != 9 {
		t.Errorf("%d row headers, want one for each of 9 levels", rowHeads)
	}
}

// TestRubricRowsStayWhole: no row of the bundled companion's mark
// schemes is parted by a page break, in either profile, on letter and A4:
// a row's tail on the next page would be read without its criterion.
// Only a row taller than a page may part.
func TestRubricRowsStayWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		p, paper := h.opt.Profile, h.opt.Paper
		sections := []*section{h.rubricsAppendix()}
		for _, c := range h.b.Chapters {
			if len(c.Rubrics()) > 0 {
				sections = append(sections, h.handout(c, false), h.handout(c, true))
			}
		}
		for _, s := range sections {
			splitRows(t, h, fmt.Sprintf("%q %s %s", p, paper, openingRow(s).marks[0].title), paginate(s, h.g))
		}
	})
}

// splitRows reports a table row parted over pages that fits a page
// (answer lines, which go on under their label, and boxes, such as the
// teacher's guidance, which flow over pages under theirs, aside: a
// table's group is balanced, a box's is not).
func splitRows(t *testing.T, h *handouts, name string, pages []*pageLayout) {
	t.Helper()
	for i := 0; i+1 < len(pages); i++ {
		rows, next := pages[i].rows, pages[i+1].rows
		last := rows[len(rows)-1]
		if last.table == nil || !last.table.balanced || last.head || last.lines || endsRow(last) {
			continue
		}
		// The parted row's height: its pieces on this page and the next.
		rowH := 0.0
		for j := len(rows) - 1; j >= 0 && rows[j].table == last.table && !rows[j].head && (j == len(rows)-1 || !endsRow(rows[j])); j-- {
			rowH += rows[j].h
		}
		for _, r := range next {
			if r.head {
				continue
			}
			rowH += r.h
			if endsRow(r) {
				break
			}
		}
		if rowH <= h.maxBlockH()-height(last.table.header) {
			t.Errorf("%s page %d: a mark scheme row of %.0f mm, which fits a page, goes on to the next", name, i+1, rowH)
		}
	}
}

// TestTallCriterionPartsBetweenLevels: a mark scheme set as a list whose
// first criterion, with the scheme's title and note, is taller than a
// page (large print's GCSE and IB schemes) parts between its levels: the
// page it starts on is filled to two-thirds at least, not left with the
// title, note and first level over a gap (large print p. 244), its name
// stays with its first level, and the page its levels go on to opens
// with its name, continued (where the next criterion goes on from there,
// TestMarkSchemeCriteriaPartBetweenLevels). In every printing of the
// bundled companion.
func TestTallCriterionPartsBetweenLevels(t *testing.T) {
	parted := 0
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, rb := range h.b.Rubrics {
			sect := tagged.New(tagged.Sect)
			rows := h.markScheme(rb, h.sectionHeading(rb.Title, 0, h.g.measure(), nil, sect), nil, sect)
			s := &section{rows: rows, foot: func() []*row { return rowsOf(h.footH) }, head: func() []*row { return rowsOf(h.headH) }}
			pages := paginate(s, h.g)
			on := pageOf(pages)
			// The criteria's names (H3) and each one's table of levels.
			for i, r := range rows {
				if !isHeading(r, tagged.H3) {
					continue
				}
				k := slices.IndexFunc(rows[i:], func(r *row) bool { return r.table != nil && !r.head })
				if k < 0 {
					continue // a grid: its criteria are its rows
				}
				first := rows[i+k]
				var levels []*row
				for _, lr := range rows[i+k:] {
					if lr.table != first.table {
						break
					}
					levels = append(levels, lr)
				}
				last := levels[len(levels)-1]
				if on[r] != on[first] {
					t.Errorf("%s: a criterion's name on page %d, its first level on %d", rb.Title, on[r]+1, on[first]+1)
				}
				if on[first] == on[last] {
					continue
				}
				parted++
				p := pages[on[first]]
				if used, room := height(p.rows), s.room(h.g, on[first]+1); used < room*2/3 {
					t.Errorf("%s: page %d, where a criterion parts, is %.0f of %.0f mm full", rb.Title, on[first]+1, used, room)
				}
				next := pages[on[first]+1]
				if label := rowTextOf(next.rows[0]); !strings.HasSuffix(label, ", continued") || !strings.HasPrefix(label, strings.Fields(rowTextOf(r))[0]) {
					t.Errorf("%s: the page the criterion %q goes on to opens with %q", rb.Title, rowTextOf(r), label)
				}
			}
		}
	})
	if parted == 0 {
		t.Error("no criterion parts")
	}
}

// isHeading reports whether r sets text of a heading of role.
func isHeading(r *row, role tagged.Role) bool {
	return slices.ContainsFunc(r.ops, func(o op) bool {
		tx, ok := o.(textOp)
		return ok && tx.tag != nil && tx.tag.Role == role
	})
}

// TestSchemeGridNotes: a descriptor's footnote in a scheme set as a grid
// is printed, at the foot of the page of the row that calls it, a Note in
// the descriptor's cell, numbered in its section's sequence (the
// rubrics appendix's, from 1). The grid is measured without notes and set
// again with them: the note is attached once, to the row drawn.
func TestSchemeGridNotes(t *testing.T) {
	b := schemeBook(t, `title: Two levels
levels:
  - {name: Secure, marks: 2}
  - {name: Developing, marks: 1}
criteria:
  - name: Argument
    descriptors:
      - |
        A clear argument.[^clear]

        [^clear]: One the essay keeps to.
      - An argument that drifts.
`)
	g := pageGeometry("letter", layouts.Standard)
	h := &handouts{setter: &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en")}, b: b,
		gl: &glyphs{fonts: g.fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	var notes []*footnote
	grid := false
	for _, r := range h.rubricTable(b.Rubrics[0], sectionNotes("rubrics"), tagged.New(tagged.Sect)) {
		grid = grid || r.table != nil && r.head && strings.Contains(rowTextOf(r), "Secure")
		for _, n := range r.notes {
			notes = append(notes, n)
			if !strings.Contains(rowTextOf(r), "A clear argument.") {
				t.Errorf("the note goes with %q, not the row that calls it", rowTextOf(r))
			}
		}
	}
	if !grid {
		t.Fatal("the scheme is not set as a grid, its levels the columns")
	}
	if len(notes) != 1 {
		t.Fatalf("%d notes, want the descriptor's one", len(notes))
	}
	var text []string
	var elem *tagged.Elem
	for _, r := range notes[0].rows {
		text = append(text, rowTextOf(r))
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok && elem == nil {
				elem = tx.tag
			}
		}
	}
	if got := strings.Join(text, " "); !strings.Contains(got, "1.") || !strings.Contains(got, "One the essay keeps to.") {
		t.Errorf("the note reads %q, want note 1, its text", got)
	}
	for elem != nil && elem.Role != tagged.Note {
		elem = elem.Parent()
	}
	if elem == nil || elem.Parent() == nil || elem.Parent().Role != tagged.TD || elem.Attrs().ID != "note-rubrics-1" {
		t.Errorf("the note is not the Note note-rubrics-1 of the descriptor's cell: %+v", elem)
	}
}
