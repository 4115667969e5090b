package pdf

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/pdfua"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// checkTagged runs the PDF/UA checker on every PDF of a render: none may
// have a finding, and each must be declared tagged with a structure tree.
func checkTagged(t *testing.T, name string, files map[string]layouts.File, order []string) {
	t.Helper()
	checked := 0
	for _, p := range order {
		if !strings.HasSuffix(p, ".pdf") {
			continue
		}
		checked++
		data := files[p].Data
		findings, err := pdfua.Check(data)
		if err != nil {
			t.Fatalf("%s %s: %v", name, p, err)
		}
		for _, f := range findings {
			t.Errorf("%s %s: %s", name, p, f)
		}
		pf, err := pdfobj.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		root, _ := pf.Get(pf.Trailer, "Root").(pdfobj.Dict)
		if _, ok := pf.Get(root, "StructTreeRoot").(pdfobj.Dict); !ok {
			t.Errorf("%s %s: no structure tree", name, p)
		}
	}
	if checked == 0 {
		t.Fatalf("%s: no PDF was rendered", name)
	}
}

// TestHandoutsAreTagged: every PDF (both packets, each handout, on both
// papers, with tables, figures drawn and embedded, footnotes, and a
// project whose text the font cannot all draw) passes the PDF/UA-1
// checker: a structure tree, every mark on every page in it or an
// artifact, and the catalog entries PDF/UA asks for.
func TestHandoutsAreTagged(t *testing.T) {
	for _, tc := range []struct {
		name, fixture, paper string
		profile              layouts.Profile
	}{
		{"full letter", "full", "letter", layouts.Standard},
		{"full a4", "full", "a4", layouts.Standard},
		{"emoji", "emoji", "letter", layouts.Standard},
		{"full large print", "full", "letter", layouts.LargePrint},
	} {
		b := booktest.OpenFixture(t, tc.fixture, true)
		opt := options(layouts.All, tc.paper, true)
		opt.Profile = tc.profile
		files, order, _ := renderFiles(t, b, opt)
		checkTagged(t, tc.name, files, order)
	}
	files, order, _ := renderFiles(t, figureProject(t, mapSVG), options(layouts.All, "letter", false))
	checkTagged(t, "vector figure", files, order)
	// small caps, superscripts and underlines in citations
	files, order, _ = renderFiles(t, openRich(t), options(layouts.All, "letter", false))
	checkTagged(t, "rich citations", files, order)
}

// TestContentIsTagged: the checker cannot tell a paragraph marked as an
// artifact from a running head. So the layout's own rows are checked:
// every text they draw outside the running heads and footers belongs to
// a structure element, footnotes at the page's foot too, but for the
// band's kicker (the companion's title and the handout's number, a
// running head of the first page) and the labels of the name strip.
func TestContentIsTagged(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	h := testHandouts(t, b, "letter", layouts.Standard)
	furniture := map[string]bool{
		upper(h.companionTitle()):  true, // Greek in capitals without its accents
		h.label("teacher-edition"): true,
		h.label("name"):            true, h.label("class"): true, h.label("date"): true,
	}
	var sections []*section
	for _, c := range b.Chapters {
		furniture[h.label("handout-number", "n", strconv.Itoa(c.Number))] = true
		furniture[h.label("teacher-edition")+" · "+h.label("handout-number", "n", strconv.Itoa(c.Number))] = true
		sections = append(sections, h.handout(c, false), h.handout(c, true))
	}
	sections = append(sections, h.mapping(), h.quoteIndex(), h.worksCited(),
		h.cover(h.label("teacher-edition"), make([]int, len(b.Chapters)), nil, ""))
	tagged := 0
	for _, s := range sections {
		// A footnote's lines are the Note's, at the foot of the page.
		var rows []*row
		for _, r := range s.rows {
			rows = append(rows, r)
			for _, n := range r.notes {
				rows = append(rows, n.rows...)
			}
		}
		for _, r := range rows {
			for _, o := range r.ops {
				text, ok := o.(textOp)
				if !ok {
					continue
				}
				if text.tag != nil {
					tagged++
					continue
				}
				if !furniture[strings.TrimSpace(text.frag.Text)] {
					t.Errorf("%q is drawn as an artifact", text.frag.Text)
				}
			}
		}
	}
	if tagged == 0 {
		t.Fatal("no text is tagged")
	}
}

// TestStructureReadsInOrder: poppler reads a handout's structure tree as
// a screen reader would walk it: headings, paragraphs, list items, table
// cells (one that wraps reads its words apart at each line's end), the
// figures' alternative text and the notes, in reading order; and the
// packet's contents as a TOC whose items read "1 The Voyage 3", number,
// title and page apart.
func TestStructureReadsInOrder(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	files, _, _ := renderFiles(t, b, options(layouts.Student, "letter", true))
	golden(t, "full-02-voyage-struct.txt", runTool(t, files["handouts/02-voyage.pdf"].Data, "pdfinfo", "-struct-text"))
	packet := runTool(t, files["elodie-s-odyssey-handouts.pdf"].Data, "pdfinfo", "-struct-text")
	// The TOC and what it holds, to the next element at its depth.
	start := strings.Index(packet, "    TOC\n")
	if start < 0 {
		t.Fatalf("the packet has no TOC:\n%s", packet)
	}
	toc := packet[start:]
	if end := regexp.MustCompile(`\n {4}\S`).FindStringIndex(toc); end != nil {
		toc = toc[:end[0]+1]
	}
	golden(t, "full-contents-struct.txt", toc)
}

// TestFiguresHaveAlt: a figure's alternative text is its image's, and its
// caption is a Caption inside it.
func TestFiguresHaveAlt(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	var c *book.Chapter
	for _, ch := range b.Chapters {
		if ch.ID == "voyage" {
			c = ch
		}
	}
	if c == nil {
		t.Fatal("the fixture has no chapter voyage")
	}
	fonts := richtext.Serif()
	g := newGeometry("letter")
	images, err := prepareImages(b, g.measure())
	if err != nil {
		t.Fatal(err)
	}
	h := &handouts{setter: &setter{fonts: fonts, g: g}, b: b, images: images,
		gl: &glyphs{fonts: fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	var alts []string
	seen := map[*tagged.Elem]bool{}
	for _, r := range h.handout(c, false).rows {
		for _, o := range r.ops {
			if m, ok := o.(markedOp); ok && m.element() != nil && m.element().Role == tagged.Figure && !seen[m.element()] {
				seen[m.element()] = true
				alts = append(alts, m.element().Attrs().Alt)
			}
		}
	}
	want := "A map of the Aegean with Ithaca marked|A photograph of the sea at dusk"
	if got := strings.Join(alts, "|"); got != want {
		t.Errorf("figures' Alt: %s, want %s", got, want)
	}
}

// TestStructureIsCompressed: the structure elements, thousands in a
// packet, are in object streams, not each an object of the file.
func TestStructureIsCompressed(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	files, _, _ := renderFiles(t, b, options(layouts.Teacher, "letter", true))
	pf, err := pdfobj.Open(files["elodie-s-odyssey-teacher.pdf"].Data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := pf.Get(pf.Trailer, "Root").(pdfobj.Dict)
	tree, ok := root.Get("StructTreeRoot").(pdfobj.Ref)
	if !ok {
		t.Fatal("the catalog has no /StructTreeRoot reference")
	}
	if _, plain := pf.Offset(tree.Num); plain {
		t.Error("the structure tree root is an object of the file, not in an object stream")
	}
}

// TestPhraseInAnotherLanguage: a phrase marked [text]{lang=xx} is a Span
// with its /Lang, inside its paragraph or its table cell.
func TestPhraseInAnotherLanguage(t *testing.T) {
	fsys, _ := synthetic.Project(1, 40)
	ch := fsys["chapters/0000.md"]
	ch.Data = []byte(string(ch.Data) + "\n\nThe French say [*déjà vu*]{lang=fr} here.\n\n" +
		"| English | French |\n|---|---|\n| the day before | [la veille]{lang=fr} |\n")
	files, order, diags := renderFiles(t, booktest.MustOpen(t, fsys, book.Options{}), options(layouts.Student, "letter", false))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	checkTagged(t, "lang", files, order)
	// a cell's last two words are tied (tieLastWord)
	out := strings.ReplaceAll(runTool(t, files[figureHandout].Data, "pdfinfo", "-struct-text"), "\u00A0", " ")
	if want := "\"The French say \"\n      Span (inline)\n        \"déjà vu\"\n      \" here.\""; !strings.Contains(out, want) {
		t.Errorf("the paragraph does not read with the phrase as a Span in it:\n%s", out)
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	if want := "TD\nSpan (inline)\n\"la veille\""; !strings.Contains(strings.Join(lines, "\n"), want) {
		t.Errorf("the table cell does not read with the phrase as a Span in it:\n%s", out)
	}
	pf, err := pdfobj.Open(files[figureHandout].Data)
	if err != nil {
		t.Fatal(err)
	}
	langs := 0
	for _, n := range pf.Numbers() {
		d, _ := pf.Object(n)
		if e, ok := d.(pdfobj.Dict); ok && e.Get("S") == pdfobj.Name("Span") {
			if l, _ := e.Get("Lang").(pdfobj.String); l.Text() == "fr" {
				langs++
			}
		}
	}
	if langs != 2 {
		t.Errorf("%d Spans with /Lang (fr), want 2", langs)
	}
}
