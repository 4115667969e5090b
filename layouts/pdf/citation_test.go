package pdf

import (
	"fmt"
	"html"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// openRich opens the project whose own style uses every look CSL has
// (testdata/citations at the repository's root, shared with the EPUB's
// and refs' tests).
func openRich(t testing.TB) *book.Book { t.Helper(); return openRichIn(t, "") }

// openRichIn opens it in another of its styles (styles/heading.csl).
func openRichIn(t testing.TB, style string) *book.Book {
	t.Helper()
	return booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "..", "testdata", "citations", "rich.txtar")), book.Options{Style: style})
}

func TestCiteSpans(t *testing.T) {
	base := richtext.Span{Size: 10, Color: inkText, Style: richtext.Italic}
	keep := func(s string, _ richtext.Style) string { return s }
	got := citeSpans(cite.Text{
		{Text: "Kazuo Ishiguro", Look: cite.Look{SmallCaps: true}},
		{Text: ", "},
		{Text: "Title", Look: cite.Look{Italic: true}},
		{Text: " vol. "},
		{Text: "12", Look: cite.Look{Bold: true}},
		{Text: "1", Look: cite.Look{Superscript: true}},
		{Text: "2", Look: cite.Look{Subscript: true}},
		{Text: "Journal", Look: cite.Look{Underline: true}},
	}, base, keep)
	var b strings.Builder
	for _, s := range got {
		fmt.Fprintf(&b, "%q style=%d size=%.2f rise=%.2f underline=%v", s.Text, s.Style, s.Size, s.Rise, s.Underline)
		if s.Actual != "" {
			fmt.Fprintf(&b, " reads=%q", s.Actual)
		}
		b.WriteByte('\n')
	}
	// small caps: capitals stay at the size, the rest are smaller capitals
	// that read in their own case; an italic run inside italic text is
	// roman; bold adds weight to the italic around it
	want := `"K" style=1 size=10.00 rise=0.00 underline=false
"AZUO" style=1 size=7.80 rise=0.00 underline=false reads="azuo"
" I" style=1 size=10.00 rise=0.00 underline=false
"SHIGURO" style=1 size=7.80 rise=0.00 underline=false reads="shiguro"
", " style=1 size=10.00 rise=0.00 underline=false
"Title" style=0 size=10.00 rise=0.00 underline=false
" vol. " style=1 size=10.00 rise=0.00 underline=false
"12" style=3 size=10.00 rise=0.00 underline=false
"1" style=1 size=7.00 rise=3.30 underline=false
"2" style=1 size=7.00 rise=-1.20 underline=false
"Journal" style=1 size=10.00 rise=0.00 underline=true
`
	if b.String() != want {
		t.Errorf("got\n%swant\n%s", b.String(), want)
	}
}

// An underlined fragment is drawn with its rule: as wide as the text,
// under its baseline, an artifact.
func TestUnderlineIsDrawn(t *testing.T) {
	f := richtext.Fragment{Span: richtext.Span{Text: "Journal", Size: 10, Underline: true}, X: 3, Width: 12}
	ops := textOps(f, 20, 5, nil)
	if len(ops) != 2 {
		t.Fatalf("got %d ops, want the text and its rule", len(ops))
	}
	l, ok := ops[1].(lineOp)
	if !ok {
		t.Fatalf("the second op is %T, not a rule", ops[1])
	}
	if l.x1 != 23 || l.x2 != 35 || l.y1 != l.y2 || l.y1 <= 5 || l.y1 > 5+10*richtext.PtToMM*0.3 {
		t.Errorf("the rule runs from (%.2f, %.2f) to (%.2f, %.2f); the text from x 23 to 35 on a baseline at 5", l.x1, l.y1, l.x2, l.y2)
	}
	if _, marked := ops[1].(markedOp); marked {
		t.Error("the rule is marked content; it is an artifact")
	}
	f.Underline = false
	if ops := textOps(f, 20, 5, nil); len(ops) != 1 {
		t.Errorf("text without underline: %d ops", len(ops))
	}
}

// styles are the bundled face's PostScript names by the style each sets.
var styles = map[string]string{"GentiumBookPlus": "roman", "GentiumBookPlus-Italic": "italic",
	"GentiumBookPlus-Bold": "bold", "GentiumBookPlus-BoldItalic": "bold italic"}

// The looks a style asks for really print: the bold volume in the bold
// face, small capitals as capitals a size smaller, the subscript and the
// superscript smaller still, in the works cited and in the running text.
func TestCitationLooksPrint(t *testing.T) {
	b := openRich(t)
	files, _, _ := renderFiles(t, b, options(layouts.Teacher, "letter", false))
	text := drawnText(t, files["a-richly-cited-companion-teacher.pdf"].Data)
	find := func(s string) []drawn {
		var out []drawn
		for _, d := range text {
			if d.text == s {
				out = append(out, d)
			}
		}
		return out
	}
	for _, tc := range []struct {
		text, font string
		size       float64
	}{
		{"12", "bold", sizeBody},                        // vol. 12
		{"1", "bold", sizeBody},                         // the locator, chap. 1
		{"SHIGURO", "roman", sizeBody * smallCapsScale}, // Ishiguro
		{"ARSH", "roman", sizeBody * smallCapsScale},    // Marsh
		{"2", "italic", sizeBody * scriptScale},         // CO₂
		{"2", "roman", sizeBody * scriptScale},          // the second work's number, raised
	} {
		found := false
		var seen []string
		for _, s := range find(tc.text) {
			seen = append(seen, fmt.Sprintf("%s %.2f", styles[s.font], s.size))
			found = found || styles[s.font] == tc.font && math.Abs(s.size-tc.size) < 0.01
		}
		if !found {
			t.Errorf("%q is not drawn in %s at %.2f pt; it is drawn in %v", tc.text, tc.font, tc.size, seen)
		}
	}
}

func TestRichGoldenText(t *testing.T) {
	tool(t, "pdftotext")
	files, _, _ := renderFiles(t, openRich(t), options(layouts.Teacher, "letter", false))
	golden(t, "rich-teacher.txt", pdftotext(t, files["a-richly-cited-companion-teacher.pdf"].Data, "-layout"))
	// the parts of each entry styles/heading.csl sets apart, on lines of
	// their own: the author, the year in a column, the abstract indented
	files, _, _ = renderFiles(t, openRichIn(t, "styles/heading.csl"), options(layouts.Teacher, "letter", false))
	// The references are the last page's.
	f := files["a-richly-cited-companion-teacher.pdf"]
	last := strconv.Itoa(f.Pages)
	golden(t, "rich-heading-references.txt", pdftotext(t, f.Data, "-layout", "-f", last, "-l", last))
}

// An entry whose style sets parts apart is set as paragraphs: a heading
// line, the first field's column leading the rest, an indented line.
func TestEntryParagraphs(t *testing.T) {
	txt := func(s string) cite.Text { return cite.Text{{Text: s}} }
	for _, tc := range []struct {
		name  string
		entry cite.Entry
		want  string
	}{
		{"plain", cite.Entry{Text: txt("Doe. A Book.")}, `[""|"Doe. A Book."|false]`},
		{"second field", cite.Entry{Margin: txt("[1]"), Text: txt(" Doe.")}, `["[1]"|" Doe."|false]`},
		{"blocks", cite.Entry{Text: txt("whole"), Blocks: []cite.Block{
			{Display: "block", Text: txt("John Doe")},
			{Display: "left-margin", Text: txt("1999")},
			{Display: "right-inline", Text: txt(" A Book")},
			{Display: "", Text: txt(".")},
			{Display: "indent", Text: txt("About it.")},
			{Display: "", Text: txt("After.")},
		}}, `[""|"John Doe"|false] ["1999"|" A Book."|false] [""|"About it."|true] [""|"After."|false]`},
	} {
		var got []string
		for _, p := range entryParagraphs(tc.entry) {
			got = append(got, fmt.Sprintf("[%q|%q|%v]", p.field.Plain(), p.text.Plain(), p.indent))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, g, tc.want)
		}
	}
}

// The cover's rights line sets the title of the work studied in italics,
// as titles of works are set everywhere (the fixture's rights name The
// Odyssey), and the rest of the line in roman.
func TestCoverRightsSetTheWorkTitleInItalics(t *testing.T) {
	files, _, _ := renderFiles(t, booktest.OpenFixture(t, "full", true), options(layouts.Student, "letter", true))
	var italic, roman strings.Builder
	for _, s := range drawnText(t, files["elodie-s-odyssey-handouts.pdf"].Data) {
		if s.page > 1 {
			break
		}
		switch styles[s.font] {
		case "italic":
			italic.WriteString(s.text)
		case "roman":
			roman.WriteString(s.text)
		}
	}
	if !strings.Contains(italic.String(), "The Odyssey") {
		t.Errorf("the cover's italic text is %q, want the work's title, The Odyssey, in it", italic.String())
	}
	if !strings.Contains(roman.String(), "Quotations from ") || strings.Contains(roman.String(), "The Odyssey") {
		t.Errorf("the cover's roman text is %q, want the rights around the title and not the title", roman.String())
	}
}

// TestSecondFieldAlign: a numbered style's first field stands in a column
// of its own. flush: the number at the text's left edge and every line of
// the entry at the column after it; margin: the number hung in the page's margin, ending left of that
// edge, and the entry's lines at the edge. Read from pdftotext's word
// boxes on the works-cited page.
func TestSecondFieldAlign(t *testing.T) {
	tool(t, "pdftotext")
	for _, align := range []string{"flush", "margin"} {
		t.Run(align, func(t *testing.T) {
			fsys := booktest.Fixture(t, filepath.Join("..", "..", "testdata", "citations", "rich.txtar"))
			style := string(fsys["styles/rich.csl"].Data)
			fsys["styles/rich.csl"].Data = []byte(strings.Replace(style, `second-field-align="flush"`, `second-field-align="`+align+`"`, 1))
			b := booktest.MustOpen(t, fsys, book.Options{})
			if got := b.WorksCitedOptions().SecondFieldAlign; got != align {
				t.Fatalf("the style's second-field-align reads %q, want %q", got, align)
			}
			files, _, _ := renderFiles(t, b, options(layouts.Teacher, "letter", false))
			words := wordBoxes(t, pdftotext(t, files["a-richly-cited-companion-teacher.pdf"].Data, "-bbox"))
			// The works cited: the words after its heading (the last the
			// packet prints before its first entry: the contents name it
			// first, and a footer of a page it shares names it after),
			// which may share its first page with the appendix before it.
			heading := strings.Fields(b.WorksCitedHeading())
			from := -1
			for i := range words {
				if i+len(heading) <= len(words) && slices.Equal(texts(words[i:i+len(heading)]), heading) &&
					slices.ContainsFunc(words[i:], func(w box) bool { return w.text == "[1]" }) {
					from = i
				}
			}
			if from < 0 {
				t.Fatalf("no heading %q", b.WorksCitedHeading())
			}
			words = words[from:]
			// The works-cited page: the one that holds the first entry.
			page := 0
			for p := 1; page == 0 && p <= words[len(words)-1].page; p++ {
				if _, ok := words.first("[1]", p); ok {
					page = p
				}
			}
			if page == 0 {
				t.Fatal("no page holds [1]")
			}
			edge := newGeometry("letter").left * 72 / 25.4 // the text's left edge, in points
			nums := []string{"[1]", "[2]"}
			for i, n := range nums {
				num, ok := words.first(n, page)
				if !ok {
					t.Fatalf("no %s on the works-cited page", n)
				}
				// The entry's lines, from the number's baseline to the
				// next entry's: where each begins.
				end := num.yMax + 40
				if i+1 < len(nums) {
					next, _ := words.first(nums[i+1], page)
					end = next.yMax - 2
				}
				// Each line's first word: a word within 2 pt of a line's
				// baseline is on it (small capitals sit on the line too).
				var lines []box
				for _, w := range words {
					if w.page != page || w.yMax < num.yMax-2 || w.yMax > end || w == num {
						continue
					}
					i := slices.IndexFunc(lines, func(l box) bool { return math.Abs(l.yMax-w.yMax) < 2 })
					if i < 0 {
						lines = append(lines, w)
					} else if w.xMin < lines[i].xMin {
						lines[i] = w
					}
				}
				if len(lines) == 0 {
					t.Fatalf("no text beside %s", n)
				}
				switch align {
				case "flush":
					if math.Abs(num.xMin-edge) > 0.5 {
						t.Errorf("%s starts at %.1f pt, want the text's edge, %.1f", n, num.xMin, edge)
					}
					for _, l := range lines {
						if l.xMin < num.xMax+1 {
							t.Errorf("%s: a line starts at %.1f pt (%q), inside the number's column, which ends at %.1f", n, l.xMin, l.text, num.xMax)
						}
					}
				case "margin":
					if num.xMax > edge-1 {
						t.Errorf("%s ends at %.1f pt, want it in the margin, left of the text's edge, %.1f", n, num.xMax, edge)
					}
					for _, l := range lines { // the style hangs no indent
						if math.Abs(l.xMin-edge) > 0.5 {
							t.Errorf("%s: a line starts at %.1f pt (%q), want the text's edge, %.1f", n, l.xMin, l.text, edge)
						}
					}
				}
			}
		})
	}
}

// box is a word where pdftotext -bbox finds it, in points from the page's
// top left corner.
type box struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

type wordList []box

// texts is the words' text.
func texts(bs wordList) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.text
	}
	return out
}

// wordBoxes reads pdftotext -bbox's XHTML: a <page> per page, a <word>
// per word.
func wordBoxes(t *testing.T, out string) wordList {
	t.Helper()
	var bs wordList
	page := 0
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "<page ") {
			page++
			continue
		}
		if m := word.FindStringSubmatch(line); m != nil {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			bs = append(bs, box{page, f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
	}
	if len(bs) == 0 {
		t.Fatal("pdftotext -bbox found no words")
	}
	return bs
}

// first finds the first word of text (one or more words) on page.
func (bs wordList) first(text string, page int) (box, bool) {
	want := strings.Fields(text)
	for i := range bs {
		if bs[i].page != page || i+len(want) > len(bs) {
			continue
		}
		ok := true
		for k, w := range want {
			ok = ok && bs[i+k].text == w
		}
		if ok {
			return bs[i], true
		}
	}
	return box{}, false
}

// TestHandoutWorksCited: a handout that cites works ends with the works it
// cites, and only those, as the packet's works cited sets them, so that
// its file, handed out alone, leads each citation to its work; a handout
// that cites none, or only the work studied, has no such list.
func TestHandoutWorksCited(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the bundled companion")
	}
	tool(t, "pdftotext")
	b := booktest.SharedBundled(t)
	files, _, _ := renderFiles(t, b, options(layouts.Student, "letter", false))
	const heading = "Works cited in this handout"
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, tc := range []struct {
		file     string
		has, not []string
	}{
		// only the novel, which every footer names: no list
		{"handouts/01-how-to-use.pdf", nil, nil},
		{"handouts/02-author-and-novel.pdf", []string{"Atwood, Margaret. The Handmaid’s Tale.", "Huxley, Aldous. Brave New World.",
			"Ishiguro, Kazuo. Never Let Me Go.", "“The Nobel Prize in Literature 2017”."}, []string{"Romanek", "Banville"}},
		// the film, which the handout on it cites, and not the novel
		{"handouts/11-film.pdf", []string{"Never Let Me Go. Directed by Mark Romanek, Fox Searchlight Pictures, 2010."}, []string{"Ishiguro, Kazuo. Never"}},
		// the comparison text a student's prompt names, not the works only
		// the teacher's notes cite
		{"handouts/14-essay-prompts.pdf", []string{"Hawthorne, Nathaniel. “The Birth-Mark”. The Pioneer, Mar. 1843."}, []string{"Orwell"}},
	} {
		f, ok := files[tc.file]
		if !ok {
			t.Fatalf("no %s", tc.file)
		}
		text := flat(pdftotext(t, f.Data))
		_, list, found := strings.Cut(text, heading)
		if found != (tc.has != nil) {
			t.Errorf("%s: %q printed %v, want %v", tc.file, heading, found, tc.has != nil)
			continue
		}
		if strings.Contains(list, heading) {
			t.Errorf("%s: %q twice", tc.file, heading)
		}
		// the list ends the handout: after it, its notes area and the footer
		list, _, _ = strings.Cut(list, "Notes and planning")
		list, _, _ = strings.Cut(list, "Ishiguro, Kazuo. Never Let Me Go. Faber and Faber, 2005. Page")
		for _, w := range tc.has {
			if !strings.Contains(list, w) {
				t.Errorf("%s: its works cited lack %q:\n%s", tc.file, w, list)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(list, w) {
				t.Errorf("%s: its works cited list %q, which it does not cite:\n%s", tc.file, w, list)
			}
		}
	}
}
