package pdf

import (
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// cellWords is what each column of rows reads as, word by word: a line
// that ends in a word the breaker broke (after a hyphen it adds or one of
// its own) joins the next line's first word, any other line ends its
// word. It also gives the smallest type each column was set in.
func cellWords(rows []*row, widths []float64) ([][]string, []float64) {
	n := len(widths)
	words, sizes := make([][]string, n), make([]float64, n)
	pending := make([]string, n)
	for _, r := range rows {
		// Each line of a cell is the text ops at one baseline.
		type key struct {
			col int
			y   float64
		}
		lines := map[key]string{}
		broken := map[key]bool{} // the line ends in a word broken by the breaker
		var order []key
		for _, o := range r.ops {
			t, ok := o.(textOp)
			if !ok {
				continue
			}
			col, x := 0, widths[0]
			for col < n-1 && t.x >= x {
				col++
				x += widths[col]
			}
			k := key{col, t.y}
			if _, seen := lines[k]; !seen {
				order = append(order, k)
			}
			lines[k] += t.frag.Text
			broken[k] = t.frag.Word != "" || t.frag.Tail && (strings.HasSuffix(t.frag.Text, richtext.SoftHyphen) || strings.HasSuffix(t.frag.Text, "-"))
			if sizes[col] == 0 || t.frag.Size < sizes[col] {
				sizes[col] = t.frag.Size
			}
		}
		for _, k := range order {
			ws := strings.Fields(lines[k])
			if len(ws) == 0 {
				continue
			}
			ws[0] = pending[k.col] + ws[0]
			pending[k.col] = ""
			if last := ws[len(ws)-1]; broken[k] {
				pending[k.col], ws = strings.TrimSuffix(last, richtext.SoftHyphen), ws[:len(ws)-1]
			}
			words[k.col] = append(words[k.col], ws...)
		}
	}
	return words, sizes
}

// TestTableCellsCutNoWord: in a table's narrow columns, a word wider than
// its cell takes a hyphen from the book's patterns ("understand-" "ing"),
// and one without hyphenation points (a long number) is set a step
// smaller, it alone, not the words beside it; in large print, whose
// cells are at its least size, 18 pt, and cannot step down, the
// number's column keeps the number's whole width instead and the
// columns that take hyphens give the room up. None is cut between
// letters, in the standard set or large print, and a cell whose words
// fit keeps its size.
func TestTableCellsCutNoWord(t *testing.T) {
	cells := []string{"understanding", "interpretation", "12345678901234 in all", "a close reading"}
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		g := pageGeometry("letter", p)
		s := &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en")}
		// Large print sets no cell under its least size, the body's.
		size := sizeSmall
		if p == layouts.LargePrint {
			size = sizeBody
		}
		t0 := tableSpec{size: size}
		var body [][]richtext.Span
		least := 0.0
		for _, c := range cells {
			sp := []richtext.Span{{Text: c, Size: size, Color: inkText}}
			body = append(body, sp)
			t0.align = append(t0.align, 0)
			least += s.fonts.MinWidth(sp) + 2*g.cellPadX()
		}
		t0.body = [][][]richtext.Span{body}
		// A measure short of the widest words by a little: a step
		// smaller fits the number.
		total := least * 0.97
		rows := s.table(t0, block{w: total})
		words, sizes := cellWords(rows, s.columnWidths(t0, total))
		for i, c := range cells {
			if want := strings.Fields(c); !slices.Equal(words[i], want) {
				t.Errorf("%s: column %d reads %q, want %q: a word was cut between letters", name(p), i, words[i], want)
			}
		}
		if p == layouts.Standard && sizes[2] >= size {
			t.Errorf("%s: the number too wide for its cell is set at %v pt, want smaller than %v", name(p), sizes[2], size)
		}
		if p == layouts.LargePrint && sizes[2] != size {
			t.Errorf("%s: the number too wide for its cell is set at %v pt, want %v", name(p), sizes[2], size)
		}
		if sizes[0] != size || sizes[1] != size || sizes[3] != size {
			t.Errorf("%s: cells whose words fit with a hyphen are set at %v pt, want %v", name(p), sizes, size)
		}
		for _, r := range rows {
			for _, o := range r.ops {
				if tx, ok := o.(textOp); ok && strings.Contains(tx.frag.Text, "all") && tx.frag.Size != size {
					t.Errorf("%s: %q beside the number is set at %v pt, want %v", name(p), tx.frag.Text, tx.frag.Size, size)
				}
			}
		}
	}
}

func name(p layouts.Profile) string {
	if p == layouts.Standard {
		return "standard"
	}
	return string(p)
}

// TestNoRunts: a table cell and a banner's subtitle do not end on a line
// of one short word ("…the handout that introduces | it.", review13 #24):
// the last two words stand together, at every width the text wraps in.
func TestNoRunts(t *testing.T) {
	h := fixtureHandouts(t, "a4")
	const text = "The words the handouts teach, in alphabetical order, each with the handout that introduces it."
	lastLines := func(rows []*row, style richtext.Style) []string {
		var lines []string
		lastY := -1.0
		for _, r := range rows {
			for _, o := range r.ops {
				op, ok := o.(textOp)
				if !ok || op.frag.Style != style || op.frag.Size == 0 {
					continue
				}
				if op.y != lastY {
					lines = append(lines, "")
				}
				lines[len(lines)-1] += op.frag.Text
				lastY = op.y
			}
		}
		return lines
	}
	for w := 30.0; w <= 120; w += 0.5 {
		t0 := tableSpec{size: 9, align: []int{0}, widths: []float64{w}, keepWidths: true}
		t0.header = [][]richtext.Span{{{Text: "Head", Size: 9, Style: richtext.Bold}}}
		t0.body = [][][]richtext.Span{{{{Text: text, Size: 9}}}}
		lines := lastLines(h.table(t0, block{x: 0, w: w}), richtext.Roman)
		if len(lines) > 1 {
			if last := strings.Fields(lines[len(lines)-1]); len(last) < 2 {
				t.Errorf("a %.1f mm cell ends on a line of one word: %q", w, lines[len(lines)-1])
			}
		}
	}
	band := h.band("", "Glossary", text, h.b.ManifestPos, tagged.New(tagged.Sect))
	lines := lastLines(band, richtext.Italic)
	if len(lines) > 1 && len(strings.Fields(lines[len(lines)-1])) < 2 {
		t.Errorf("the banner's subtitle ends on a line of one word: %q", lines[len(lines)-1])
	}
}
