package pdf

import (
	"cmp"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// TestLargePrint: the large-print handout sets its body at 18 pt in
// Atkinson Hyperlegible, and Greek and Cyrillic, which that face lacks, in
// Gentium at the size that gives them Atkinson's x-height (18 × 496/454,
// from the fonts' own x-heights), so that a mixed line looks even; the
// text extracts as written, and every font is embedded.
func TestLargePrint(t *testing.T) {
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: Large\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-home.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{literal: Anonymous}], issued: \"1900\"}\n")},
		"chapters/01-home.md": {Data: []byte("---\ntitle: Home\n---\n" +
			"Kathy reads Ἰθάκη and Чехов at home.\n")},
	}
	b := booktest.MustOpen(t, fsys, book.Options{})
	opt := options(layouts.Student, "letter", false)
	opt.Profile = layouts.LargePrint
	files, order, _ := renderFiles(t, b, opt)
	want := []string{"handouts/01-home-large-print.pdf", "large-handouts-large-print.pdf"}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("files %q, want %q", order, want)
	}
	f := files["handouts/01-home-large-print.pdf"]
	if d := os.Getenv("POLISH13_DUMP"); d != "" {
		os.WriteFile(d, f.Data, 0o644)
	}
	if f.Profile != layouts.LargePrint {
		t.Errorf("the file's profile is %q", f.Profile)
	}
	body := map[string]drawn{}
	for _, d := range drawnText(t, f.Data) {
		for _, w := range []string{"Kathy reads ", "Ἰθάκη", "Чехов"} {
			if strings.Contains(d.text, w) {
				body[w] = d
			}
		}
	}
	lp, serif := richtext.LargePrint().Face(richtext.Roman), richtext.Serif().Face(richtext.Roman)
	fallback := 18 * float64(lp.XHeight) / float64(serif.XHeight)
	if fallback < 19 {
		t.Fatalf("the fallback's size is %.2f pt: the test needs x-heights that differ", fallback)
	}
	for w, want := range map[string]struct {
		font string
		size float64
	}{"Kathy reads ": {"AtkinsonHyperlegible-Regular", 18}, "Ἰθάκη": {"GentiumBookPlus", fallback}, "Чехов": {"GentiumBookPlus", fallback}} {
		d, ok := body[w]
		switch {
		case !ok:
			t.Errorf("%q is not drawn on the first page", w)
		case d.font != want.font || math.Abs(d.size-want.size) > 0.01:
			t.Errorf("%q is drawn in %s at %.2f pt, want %s at %.2f pt", w, d.font, d.size, want.font, want.size)
		}
	}
	tool(t, "pdftotext")
	if text := strings.Join(strings.Fields(pdftotext(t, f.Data)), " "); !strings.Contains(text, "Kathy reads Ἰθάκη and Чехов at home.") {
		t.Errorf("the text extracts as %q", text)
	}
	fonts := runTool(t, f.Data, "pdffonts")
	for _, name := range []string{"+AtkinsonHyperlegible-Regular ", "+GentiumBookPlus "} {
		if !strings.Contains(fonts, name) {
			t.Errorf("pdffonts lists no %s:\n%s", name, fonts)
		}
	}
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if fs := strings.Fields(line); len(fs) > 5 && fs[len(fs)-5] != "yes" {
			t.Errorf("a font not embedded: %s", line)
		}
	}
}

// TestLinesFillPages lays out the bundled companion's student handouts,
// standard and in large print: a page that ends in a question's answer
// lines, the next question having moved on whole, has them run on to its
// foot (less than a line's room is left), as a project's planning box
// does, rather than leave a blank; and the handout's pages add up to
// more lines than its questions ask for only by those.
func TestLinesFillPages(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		added, boxes := 0, 0
		for _, c := range h.b.Chapters {
			s := h.handout(c, false)
			asked := openLines(s.rows)
			pages := paginate(s, h.g)
			printed := 0
			for i, pg := range pages {
				printed += openLines(pg.rows)
				last := pg.rows[len(pg.rows)-1]
				if i < len(pages)-1 && slices.ContainsFunc(pg.rows, func(r *row) bool { return r.planning && r.frame == last.frame }) {
					// A project's planning box ends the page: it runs on.
					if room := s.room(h.g, pg.no) - height(pg.rows); room > 1.1 {
						t.Errorf("handout %d page %d: %.0f mm left under the planning box", c.Number, pg.no, room)
					}
					boxes++
				}
				if i == len(pages)-1 || !last.lines {
					continue
				}
				// Lines that go on, under their label, leave what room
				// their last few need.
				if next := pages[i+1].rows[0]; next.table == last.table || slices.Contains(last.table.header, next) {
					continue
				}
				room := s.room(h.g, pg.no) - height(pg.rows)
				if room >= answerLineH() {
					t.Errorf("handout %d page %d: %.0f mm left under the answer lines", c.Number, pg.no, room)
				}
			}
			if printed < asked {
				t.Errorf("handout %d: %d answer lines printed, %d asked for", c.Number, printed, asked)
			}
			added += printed - asked
		}
		if added == 0 {
			t.Error("no answer lines added to fill pages; the test proves nothing")
		}
		if h.opt.Profile == layouts.LargePrint && boxes == 0 {
			t.Error("no page ends with a project's planning box")
		}
	})
}

// openLines counts the open questions' answer lines among rows (not the
// notes area's).
func openLines(rows []*row) int {
	n := 0
	for _, r := range rows {
		if r.lines {
			n++
		}
	}
	return n
}

// TestLargePrintFurniture: in large print nothing a handout's first page
// draws, its band, the name strip, the footer's citation, the text, is
// under 16 pt (TestLargePrintSmallestType reads every page).
func TestLargePrintFurniture(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	opt := options(layouts.All, "letter", true)
	opt.Profile = layouts.LargePrint
	files, _, _ := renderFiles(t, b, opt)
	seen := map[string]bool{}
	for _, name := range []string{"handouts/01-introduction-large-print.pdf", "handouts/03-homecoming-large-print.pdf"} {
		for _, d := range drawnText(t, files[name].Data) {
			if d.page > 1 {
				break
			}
			for _, w := range []string{"Name", "Homer, ", "Handout"} {
				if strings.Contains(d.text, w) {
					seen[w] = true
				}
			}
			if d.size < largePrintFloor-0.005 {
				t.Errorf("%s: %q at %.2f pt", name, d.text, d.size)
			}
		}
	}
	if len(seen) != 3 {
		t.Errorf("the pages tested draw only %v of the furniture", seen)
	}
}

// TestRunningHeadsFit: on both papers, standard and in large print, the
// running head of every handout and appendix of both packets of the
// bundled companion is whole: on one line, clear of its right-hand half
// ("Teacher edition · Handout 1"), or, where no form of it fits there,
// with the right-hand half on a line of its own under it. Each packet's
// heads leave out the book's title only where it does not fit beside
// one of that packet's own handout heads: large print's teacher heads
// leave it out, its students' ("Handout 1", shorter) keep it where it
// fits. The band's kicker is one line.
func TestRunningHeadsFit(t *testing.T) {
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		size := h.g.furnitureSize(sizeSmall)
		for _, teacher := range []bool{false, true} {
			// The book's title fits beside every handout's title and
			// this packet's right-hand half, measured as set.
			fits := true
			for _, c := range h.b.Chapters {
				right := h.label("handout-number", "n", strconv.Itoa(c.Number))
				if teacher {
					right = h.label("teacher-edition") + " · " + right
				}
				left := h.gl.clean(h.b.Title+" · "+strconv.Itoa(c.Number)+". "+c.Title, richtext.Italic, diag.Pos{})
				fits = fits && h.fonts.Width(richtext.Italic, left, size)+headGap+h.fonts.Width(0, right, size) <= h.g.measure()
			}
			if untitled := h.untitledHeads[teacherIndex(teacher)]; untitled == fits {
				t.Errorf("teacher %v: the heads leave out the book's title: %v, where it fits beside every handout's: %v", teacher, untitled, fits)
			}
			if large := h.opt.Profile == layouts.LargePrint; !large && !fits || large && teacher && fits {
				t.Errorf("teacher %v: the book's title fits beside every handout's head: %v", teacher, fits)
			}
			_, sections := packetSections(h, teacher)
			for _, s := range sections[1:] {
				head := s.head()[0]
				left, right := head.ops[0].(textOp), head.ops[1].(textOp)
				if left.y == right.y && left.x+left.frag.Width+headGap > right.x+1e-9 {
					t.Errorf("the running head %q runs into %q", left.frag.Text, right.frag.Text)
				}
				if strings.HasSuffix(left.frag.Text, "…") {
					t.Errorf("the running head %q is cut", left.frag.Text)
				}
				if strings.HasPrefix(left.frag.Text, h.b.Title+" · ") && !fits {
					t.Errorf("the running head %q keeps the book's title", left.frag.Text)
				}
				if s.tucked {
					continue // a heading, no band (rubricPointers)
				}
				kicker := 0
				for _, r := range s.rows {
					for _, o := range r.ops {
						if t, ok := o.(textOp); ok && t.frag.Color == inkPale && t.frag.Style == richtext.Roman && t.frag.Size == h.g.typeSize(sizeSmall) {
							kicker++
							break
						}
					}
				}
				if kicker != 1 {
					t.Errorf("the band's kicker under %q takes %d lines", left.frag.Text, kicker)
				}
			}
		}
	})
}

// TestRunningHeadForms: a running head takes the first of its forms
// that fits whole on one line beside its right-hand half: with the
// book's title, without it, then its short form; where none does, its
// title stands on a line of its own, whole, and the right-hand half
// under it, the head a line deeper.
func TestRunningHeadForms(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	m := h.g.measure()
	size := h.g.typeSize(sizeSmall)
	// As the head sets it, with typographic punctuation.
	w := func(s string) float64 {
		return h.fonts.Width(richtext.Italic, h.gl.clean(s, richtext.Italic, diag.Pos{}), size)
	}
	right := "Teacher edition"
	room := m - h.fonts.Width(0, right, size) - headGap
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("Odyssey ", n)) }
	// A title just too long beside the book's, one too long on its own,
	// and one too long for the line even with its short form.
	n := 1
	for w(h.b.Title+" · "+words(n)) <= room {
		n++
	}
	beside := words(n)
	for w(words(n)) <= room {
		n++
	}
	alone := words(n)
	for _, tc := range []struct {
		title, short, want string
		stacked            bool
	}{
		{"1. Introduction", "", h.gl.clean(h.b.Title+" · 1. Introduction", richtext.Italic, diag.Pos{}), false},
		{beside, "", beside, false},
		{alone, "Answer key · Handout 1", "Answer key · Handout 1", false},
		{alone, "", alone, true},
	} {
		head := h.head(tc.title, tc.short, right, true, diag.Pos{})()
		left, r := head[0].ops[0].(textOp), head[0].ops[1].(textOp)
		if left.frag.Text != tc.want {
			t.Errorf("the head of %q (short %q) reads %q, want %q", tc.title, tc.short, left.frag.Text, tc.want)
		}
		if stacked := r.y > left.y; stacked != tc.stacked {
			t.Errorf("the head of %q: stacked %v, want %v", tc.title, stacked, tc.stacked)
		}
		if want := 8.0; tc.stacked {
			if head[0].h <= want {
				t.Errorf("the stacked head of %q is %.1f mm deep", tc.title, head[0].h)
			}
		} else if head[0].h != want {
			t.Errorf("the head of %q is %.1f mm deep", tc.title, head[0].h)
		}
	}
}

// TestFitted: a text too wide for its line is cut after its last whole
// word that fits, with an ellipsis and without the separator before it;
// a first word wider than the line is cut between letters.
func TestFitted(t *testing.T) {
	fonts := richtext.Serif()
	text := "Never Let Me Go · 1. How to Use This Companion"
	w := func(s string) float64 { return fonts.Width(richtext.Italic, s, sizeSmall) }
	for _, tc := range []struct {
		width float64
		want  string
	}{
		{w(text), text},
		{w("Never Let Me Go · 1. How to Use This Compan…"), "Never Let Me Go · 1. How to Use This…"},
		{w("Never Let Me Go ·…"), "Never Let Me Go…"},
		{w("Neve…"), "Neve…"},
	} {
		if got := fitted(fonts, text, richtext.Italic, sizeSmall, tc.width); got != tc.want {
			t.Errorf("in %.1f mm: %q, want %q", tc.width, got, tc.want)
		}
	}
}

// TestTallestRowFits: the tallest row a section may hold (maxBlockH: an
// image, a table row or a block kept whole) fits under the running head
// and over the footer of every section of both packets, standard and in
// large print, of the bundled companion and of a handout whose title is
// too long for one line with its right-hand half in large print, where
// the running heads stack on two lines.
func TestTallestRowFits(t *testing.T) {
	stacked := 0
	check := func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			names, sections := packetSections(h, teacher)
			for i, s := range sections {
				head := height(s.head())
				if head > h.headDepth(false) {
					stacked++
				}
				if room := s.room(h.g, 2); h.maxBlockH() > room {
					t.Errorf("teacher %v, %s: a row of %.1f mm does not fit in the %.1f mm under its %.1f mm head", teacher, names[i], h.maxBlockH(), room, head)
				}
			}
		}
	}
	forBundledHandouts(t, everyPrinting, check)
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: Large\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-home.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{literal: Anonymous}], issued: \"1900\"}\n")},
		"chapters/01-home.md": {Data: []byte("---\ntitle: What the Students of Hailsham Were Told and Not Told About Their Futures\n---\n" +
			"Kathy remembers.\n")},
	}
	for _, paper := range []string{"letter", "a4"} {
		check(t, testHandouts(t, booktest.MustOpen(t, fsys, book.Options{}), paper, layouts.LargePrint))
	}
	if stacked == 0 {
		t.Error("no section's running head stacks")
	}
}

// TestChoiceLetterSpace: a multiple-choice option's text starts a full
// word space clear of its letter, in both profiles ("C. Sixteen", not
// "C.Sixteen": at a column as wide as "M.", Atkinson Hyperlegible's "C."
// had a third of a space after it), and every option's text at one x.
func TestChoiceLetterSpace(t *testing.T) {
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: Choices\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-home.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{literal: Anonymous}], issued: \"1900\"}\n")},
		"chapters/01-home.md": {Data: []byte("---\ntitle: Home\nquestions:\n  - id: age\n    prompt: How old is Kathy?\n" +
			"    type: comprehension\n    answer-format: multiple-choice\n" +
			"    choices: [Twenty-eight, Thirty, {text: Sixteen, correct: true}, Forty]\n---\nKathy reads at home.\n")},
	}
	b := booktest.MustOpen(t, fsys, book.Options{})
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		t.Run(cmp.Or(string(p), "standard"), func(t *testing.T) {
			opt := options(layouts.Student, "letter", false)
			opt.Profile = p
			files, _, _ := renderFiles(t, b, opt)
			name := "handouts/01-home.pdf"
			fonts := richtext.Serif()
			if p == layouts.LargePrint {
				name, fonts = "handouts/01-home-large-print.pdf", richtext.LargePrint()
			}
			ds := drawnText(t, files[name].Data)
			var starts []float64
			for i, d := range ds[:len(ds)-1] {
				if len(d.text) != 2 || d.text[1] != '.' || d.text[0] < 'A' || d.text[0] > 'D' {
					continue
				}
				next := ds[i+1]
				if next.y != d.y {
					t.Fatalf("%q is not followed by its text on its line, but by %q", d.text, next.text)
				}
				mm := 72 / 25.4
				end := d.x + fonts.Width(richtext.Bold, d.text, d.size)*mm
				if gap, space := next.x-end, fonts.Width(richtext.Roman, " ", d.size)*mm; gap < space-0.01 {
					t.Errorf("%q %q: %.1f pt after the letter, under a word space (%.1f pt)", d.text, next.text, gap, space)
				}
				starts = append(starts, next.x)
			}
			if len(starts) != 4 {
				t.Fatalf("%d option letters drawn, want 4", len(starts))
			}
			for _, x := range starts[1:] {
				if math.Abs(x-starts[0]) > 0.01 {
					t.Errorf("the options' texts start at %.2f pt", starts)
				}
			}
		})
	}
}

// TestNameStrip: the name strip's blanks are long enough to write in: in
// the standard set Name, Class and Date share a line; in large print,
// where the Class and Date blanks of one line would be 15 mm, Name has a
// line of its own and Class and Date the next, each blank at least
// 60 mm on the paper, on both papers.
func TestNameStrip(t *testing.T) {
	for _, tc := range []struct {
		paper      string
		p          layouts.Profile
		lines      int
		leastBlank float64 // mm on the paper
	}{
		{"letter", layouts.Standard, 1, 10},
		{"a4", layouts.Standard, 1, 10},
		{"letter", layouts.LargePrint, 2, 60},
		{"a4", layouts.LargePrint, 2, 60},
	} {
		t.Run(tc.paper+" "+cmp.Or(string(tc.p), "standard"), func(t *testing.T) {
			h := fixtureHandoutsIn(t, tc.paper, tc.p)
			rows := h.nameLines()
			if len(rows) != tc.lines {
				t.Errorf("the strip takes %d lines, want %d", len(rows), tc.lines)
			}
			var labels []string
			for _, r := range rows {
				for _, o := range r.ops {
					switch o := o.(type) {
					case textOp:
						labels = append(labels, o.frag.Text)
					case lineOp:
						if blank := (o.x2 - o.x1) * h.g.scale; blank < tc.leastBlank {
							t.Errorf("the blank after %q is %.0f mm, under %.0f", labels[len(labels)-1], blank, tc.leastBlank)
						}
						if o.x2 > h.g.measure()+1e-9 {
							t.Errorf("the blank after %q runs past the measure", labels[len(labels)-1])
						}
					}
				}
			}
			if want := []string{h.label("name"), h.label("class"), h.label("date")}; !slices.Equal(labels, want) {
				t.Errorf("the strip reads %q, want %q", labels, want)
			}
		})
	}
}
