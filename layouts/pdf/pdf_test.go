package pdf

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

func TestFilesAndEditions(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	for _, c := range []struct {
		ed   layouts.Edition
		want []string
	}{
		{layouts.Student, []string{"handouts/01-introduction.pdf", "handouts/02-voyage.pdf", "handouts/03-homecoming.pdf", "elodie-s-odyssey-handouts.pdf"}},
		{layouts.Teacher, []string{"elodie-s-odyssey-teacher.pdf"}},
		// Each packet after its parts: its structure goes once it is written.
		{layouts.All, []string{"handouts/01-introduction.pdf", "handouts/02-voyage.pdf", "handouts/03-homecoming.pdf", "elodie-s-odyssey-handouts.pdf", "elodie-s-odyssey-teacher.pdf"}},
	} {
		files, order, _ := renderFiles(t, b, options(c.ed, "letter", true))
		if b.Slug() != "elodie-s-odyssey" {
			t.Fatalf("slug %q", b.Slug())
		}
		if !slices.Equal(order, c.want) {
			t.Errorf("edition %s: files %q, want %q", c.ed, order, c.want)
		}
		for _, f := range files {
			if f.Pages < 1 {
				t.Errorf("%s: Pages = %d", f.Path, f.Pages)
			}
		}
	}
}

// TestGoldenText pins what the handouts say, in order, as a reader's tools
// extract it, and the structure: files, page counts and bookmarks.
func TestGoldenText(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "qpdf")
	b := booktest.OpenFixture(t, "full", true)
	var structure strings.Builder
	for _, paper := range []string{"letter", "a4"} {
		files, order, _ := renderFiles(t, b, options(layouts.All, paper, true))
		fmt.Fprintf(&structure, "## %s\n", paper)
		for _, p := range order {
			f := files[p]
			fmt.Fprintf(&structure, "%s: %d pages\n", p, f.Pages)
			if got := strings.Count(pdftotext(t, f.Data), "\f"); got != f.Pages {
				t.Errorf("%s: pdftotext sees %d pages, File.Pages says %d", p, got, f.Pages)
			}
			structure.WriteString(indent(outline(t, f.Data)))
		}
		if paper == "letter" {
			golden(t, "full-handouts.txt", pdftotext(t, files["elodie-s-odyssey-handouts.pdf"].Data))
			golden(t, "full-teacher.txt", pdftotext(t, files["elodie-s-odyssey-teacher.pdf"].Data))
		}
	}
	golden(t, "full-structure.txt", structure.String())
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

// TestWhatIsPrinted checks the contract of the handouts on the fixture.
func TestWhatIsPrinted(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	files, _, _ := renderFiles(t, b, options(layouts.All, "letter", true))
	student := pdftotext(t, files["elodie-s-odyssey-handouts.pdf"].Data)
	teacher := pdftotext(t, files["elodie-s-odyssey-teacher.pdf"].Data)
	voyage := pdftotext(t, files["handouts/02-voyage.pdf"].Data)
	// A line may break after a slash inside a web address; a word
	// hyphenated at a line's end reads whole, without its hyphen (its
	// ActualText), as TestEveryWordOfTheFixture checks everywhere.
	flat := func(s string) string {
		s = strings.ReplaceAll(s, "/\n", "/")
		return strings.Join(strings.Fields(s), " ")
	}
	for name, text := range map[string]string{"student": student, "teacher": teacher} {
		if strings.Contains(text, "\u00AD") {
			t.Errorf("the %s packet's text has a soft hyphen: a word hyphenated at a line's end should read whole", name)
		}
	}
	for _, want := range []string{
		"Élodie’s Odyssey", "The Voyage", "Name", "Class", "Date",
		"Key quotations", "Discussion questions", "Handout 2 · 3", "Notes",
		"ἄνδρα, “man”", "Ἰθάκη", "Αἰαία", "Counting the war, twenty.",
		"(Homer 105)", "My name is Nobody.", "[UNVERIFIED]", "the voyage chapter (see Handout 2, p. 3)",
		"“‘Our bed,’ she said, ‘is built around an olive tree.’” — Penelope",
		"Homer. The Odyssey.", // the footer: the work's works-cited entry
		"Why does Odysseus call himself Nobody?",
		"Sing to me of the man, Muse", "the gods who help — and the ones who hinder;",
		"Athena, in disguise", "the food, which is never “just” food…",
		"https://example.org/xenia", "the glossary (https://example.org/glossary)",
		"The wine-dark sea", "Ismarus", "Cicones",
	} {
		if !strings.Contains(flat(student), want) {
			t.Errorf("the student packet lacks %q", want)
		}
	}
	// The cover names the work in a sentence, not with its works-cited entry.
	if want := "A companion to The Odyssey by Homer"; !strings.Contains(flat(student), want) || strings.Contains(flat(student), "A companion to Homer.") {
		t.Errorf("the cover does not say %q", want)
	}
	if strings.Contains(student, "TEACHER-ONLY") || strings.Contains(voyage, "TEACHER-ONLY") {
		t.Error("teacher guidance leaked into a student file")
	}
	for _, want := range []string{
		"TEACHER-ONLY", "Teacher guidance", "After reading · Analytical · Bloom: analyse",
		"Curriculum map", "GCSE", "Quotation index", "Works cited",
		"Dupont, Céline. “Les", "pp. 211–30, https://example.org/dupont-2019.", "Penelope",
	} {
		if !strings.Contains(flat(teacher), want) {
			t.Errorf("the teacher edition lacks %q", want)
		}
	}
	// Each handout counts its own pages.
	if !strings.Contains(voyage, "Page 1 of") || strings.Contains(voyage, "Page 1 of 1\n\fÉ") {
		t.Log(voyage)
	}
}

// TestValidators runs qpdf and pdffonts on every file.
// TestStudentPacketEndsWithWorksCited: the student packet ends, as the
// student EPUB and site do, with the works cited, listed in its contents
// (not under "For the teacher"); a single handout file does not carry it,
// but its own.
func TestStudentPacketEndsWithWorksCited(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	files, _, _ := renderFiles(t, b, options(layouts.Student, "letter", true))
	data := files["elodie-s-odyssey-handouts.pdf"].Data
	pages := strings.Split(pdftotext(t, data), "\f")
	for len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	last := flat(pages[len(pages)-1])
	for _, want := range []string{"Works cited", "Dupont, Céline."} {
		if !strings.Contains(last, want) {
			t.Errorf("the student packet's last page lacks %q:\n%s", want, last)
		}
	}
	if strings.Contains(last, "Teacher edition") {
		t.Errorf("the student packet's works cited is labelled for the teacher:\n%s", last)
	}
	if contents := flat(pages[0]); !strings.Contains(contents, "Works cited") || strings.Contains(contents, "For the teacher") {
		t.Errorf("the student contents do not list the works cited on their own:\n%s", contents)
	}
	for name, f := range files {
		// a handout ends with its own works cited (TestHandoutWorksCited)
		if text := flat(pdftotext(t, f.Data)); strings.HasPrefix(name, "handouts/") && strings.Count(text, "Works cited") != strings.Count(text, "Works cited in this handout") {
			t.Errorf("%s carries the packet's works cited", name)
		}
	}
}

func TestValidators(t *testing.T) {
	tool(t, "qpdf")
	tool(t, "pdffonts")
	b := booktest.OpenFixture(t, "full", true)
	files, order, _ := renderFiles(t, b, options(layouts.All, "a4", true))
	for _, p := range order {
		data := files[p].Data
		out := runTool(t, data, "qpdf", "--check")
		if !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
			t.Errorf("%s: qpdf --check:\n%s", p, out)
		}
		fonts := strings.Split(strings.TrimSpace(runTool(t, data, "pdffonts")), "\n")
		if len(fonts) < 3 {
			t.Errorf("%s: no fonts:\n%s", p, strings.Join(fonts, "\n"))
		}
		for _, l := range fonts[2:] {
			if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
				t.Errorf("%s: a font is not embedded: %s", p, l)
			}
		}
		info := runTool(t, data, "pdfinfo")
		for _, want := range []string{"Title:", "Author:          Zoë Ångström, Nikos Παπαδόπουλος", "Subject:", "Keywords:        Homer; Epic poetry", "Creator:         companion test", "CreationDate:", "Page size:       595.28 x 841.89 pts (A4)"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", p, want, info)
			}
		}
		if !bytes.Contains(data, []byte("/Lang (en-GB)")) {
			t.Errorf("%s: no /Lang", p)
		}
	}
}

// TestDeterministic renders the same book concurrently: every file must be
// byte-identical, and a different date changes only the dates.
func TestDeterministic(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	const n = 4
	results := make([]map[string][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			opt := options(layouts.All, "letter", true)
			files, _, _ := renderFiles(t, b, opt)
			results[i] = map[string][]byte{}
			for p, f := range files {
				results[i][p] = f.Data
			}
		})
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		for p, data := range results[0] {
			if !bytes.Equal(data, results[i][p]) {
				t.Errorf("%s differs between two renders", p)
			}
		}
	}
	opt := options(layouts.All, "letter", true)
	opt.Date = booktest.Date.AddDate(1, 0, 0)
	later, _, _ := renderFiles(t, b, opt)
	data := later["elodie-s-odyssey-handouts.pdf"].Data
	if !bytes.Contains(data, []byte("(D:20271121123000Z)")) {
		t.Error("the build date is not the document's date")
	}
	if bytes.Equal(data, results[0]["elodie-s-odyssey-handouts.pdf"]) {
		t.Error("a different date gave the same bytes")
	}
}

// TestUnknownGlyphs: characters the font lacks never crash the build; each
// is reported with its file and line and printed as a visible stand-in.
func TestUnknownGlyphs(t *testing.T) {
	b := booktest.OpenFixture(t, "emoji", false)
	files, _, diags := renderFiles(t, b, options(layouts.All, "letter", false))
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`chapters/01-one.md:11:11: warning: the PDF font (Gentium Book Plus) has no glyph for "😀" (U+1F600)`,
		`chapters/01-one.md:11:36: warning: the PDF font (Gentium Book Plus) has no glyph for "中" (U+4E2D)`,
		`chapters/01-one.md: warning: the PDF font (Gentium Book Plus) has no glyph for "😀"`, // the title
		`"中" (U+4E2D)`, `"✂" (U+2702)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, all)
		}
	}
	if !strings.Contains(all, "chapters/01-one.md:4:5") { // where the quote starts
		t.Errorf("the emoji in the quotation is not reported at its line:\n%s", all)
	}
	if strings.Contains(all, "label.svg") { // the loader reports the SVG's text, once
		t.Errorf("the PDF repeats a warning about the SVG:\n%s", all)
	}
	if strings.Contains(all, "U+000A") || strings.Contains(all, "U+0009") {
		t.Errorf("a line break or tab was taken for a missing glyph:\n%s", all)
	}
	if strings.Contains(all, "é") || strings.Contains(all, `"α"`) {
		t.Errorf("characters the font has were reported:\n%s", all)
	}
	for _, d := range diags {
		if d.Pos.File == "" || d.Pos.File == "companion.yaml" {
			t.Errorf("a glyph warning does not point into the chapter: %s", d)
		}
	}
	tool(t, "pdftotext")
	text := pdftotext(t, files["glyph-test-handouts.pdf"].Data)
	if !strings.Contains(text, "The smile "+standIn+" sits here, and so does "+standIn+" and "+standIn+" with é, α and “quotes”.") {
		t.Errorf("stand-ins missing:\n%s", text)
	}
	if !strings.Contains(text, "A line that breaks\nhere, and a tab.") {
		t.Errorf("the hard line break is lost:\n%s", text)
	}
}

// TestNothingIsLost renders a chapter far longer than a page: one
// paragraph of thousands of words, a long table, a long list, a long block
// quotation and many questions. Every word must be extracted, in order,
// and no word may sit below the top of the footer.
func TestNothingIsLost(t *testing.T) {
	tool(t, "pdftotext")
	fsys := booktest.Fixture(t, "testdata/emoji.txtar")
	var body strings.Builder
	var words []string
	word := func() string {
		w := fmt.Sprintf("w%04d", len(words))
		words = append(words, w)
		return w
	}
	var front strings.Builder
	front.WriteString("---\ntitle: Long\nquestions:\n")
	for range 2500 { // one paragraph, several pages long
		body.WriteString(word() + " ")
	}
	body.WriteString("*" + word() + "* **" + word() + "**\n\n| Head A | Head B |\n|---|---|\n")
	for i := range 150 {
		fmt.Fprintf(&body, "| %s | %s %s %s |\n", word(), word(), word(), word())
		if i == 70 { // a row taller than a page is cut between its lines
			fmt.Fprintf(&body, "| %s | ", word())
			for range 900 {
				body.WriteString(word() + " ")
			}
			body.WriteString("|\n")
		}
	}
	body.WriteString("\n")
	for range 120 {
		fmt.Fprintf(&body, "- %s %s\n", word(), word())
	}
	body.WriteString("\n> ")
	for range 1500 {
		body.WriteString(word() + " ")
	}
	body.WriteString("\n")
	// The questions print after the notes.
	for i := range 30 {
		fmt.Fprintf(&front, "  - id: q%d\n    prompt: Question %s %s?\n    type: analytical\n    bloom: analyze\n    phase: post\n    lines: %d\n", i, word(), word(), 1+i%9)
	}
	front.WriteString("---\n")
	mfs := fsys
	mfs["companion.yaml"] = &fstest.MapFile{Data: []byte("title: Long Test\nwork: w\nauthors:\n  - name: T\ncontents:\n  - chapters/02-long.md\n")}
	mfs["chapters/02-long.md"] = &fstest.MapFile{Data: []byte(front.String() + body.String())}
	delete(mfs, "chapters/01-one.md")
	b := booktest.MustOpen(t, mfs, book.Options{})
	for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		nothingIsLost(t, b, profile, words)
	}
}

// nothingIsLost checks the long handout of TestNothingIsLost printed in a
// profile.
func nothingIsLost(t *testing.T, b *book.Book, profile layouts.Profile, words []string) {
	g := pageGeometry("letter", profile)
	opt := options(layouts.Student, "letter", false)
	opt.Profile = profile
	files, _, _ := renderFiles(t, b, opt)
	f := files["handouts/01-long"+profile.Suffix()+".pdf"]
	if f.Pages < 15 {
		t.Fatalf("%s: only %d pages", profile, f.Pages)
	}
	wordsInOrder(t, pdftotext(t, f.Data), words)

	// Where the footer starts, in points from the top of the page: its
	// rule is 1.2 mm below its top.
	footTop := g.pt(g.height - g.bottom - testHandouts(t, b, "letter", profile).footH)
	headerRows := 0
	pages := map[int][]bboxWord{}
	for _, w := range bboxWords(t, f.Data) {
		pages[w.page] = append(pages[w.page], w)
	}
	for p, ws := range pages {
		lastContent := ""
		for _, w := range ws {
			if w.yMax <= footTop {
				if !strings.HasPrefix(w.text, "Page") {
					lastContent = w.text
				}
				continue
			}
			// Below the footer's top: only the footer itself.
			if !footerWord(w.text) {
				t.Errorf("%s page %d: %q is printed in the footer (y %.1f > %.1f)", profile, p, w.text, w.yMax, footTop)
			}
		}
		if lastContent == "B" { // "Head B": a table header at the page's foot
			t.Errorf("%s page %d ends with the table's header", profile, p)
		}
		for _, w := range ws {
			if w.text == "Head" {
				headerRows++
			}
		}
	}
	if headerRows < 4 { // "Head A", "Head B" on at least two pages
		t.Errorf("%s: the table header appears %d times; a table across pages repeats it", profile, headerRows)
	}
}

// footerWord reports whether a word belongs to a footer: the page number
// or the works-cited entry of the fixture's work.
func footerWord(w string) bool {
	if _, err := strconv.Atoi(w); err == nil {
		return true
	}
	return strings.Contains("Page of Edition cited: Writer, A Work (Press, 2001)", w)
}

// wordsInOrder checks that want appear in text in that order.
func wordsInOrder(t *testing.T, text string, want []string) {
	t.Helper()
	fields := strings.Fields(text)
	i := 0
	for _, f := range fields {
		if i < len(want) && strings.Trim(f, ".,;:?!*") == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("extracted text lost %q (and %d words after it)", want[i], len(want)-i-1)
	}
}

var bboxWordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

type bboxWord struct {
	page       int
	yMin, yMax float64
	text       string
}

// bboxWords reads pdftotext -bbox output.
func bboxWords(t *testing.T, data []byte) []bboxWord {
	out := pdftotext(t, data, "-bbox")
	var words []bboxWord
	for i, page := range strings.Split(out, "<page ")[1:] {
		for _, m := range bboxWordRE.FindAllStringSubmatch(page, -1) {
			y0, _ := strconv.ParseFloat(m[2], 64)
			y1, _ := strconv.ParseFloat(m[4], 64)
			words = append(words, bboxWord{page: i + 1, yMin: y0, yMax: y1, text: m[5]})
		}
	}
	return words
}

// sourceWords is the text of a piece of Markdown as a reader would read
// it, word by word: citations and footnote marks are left out (they print
// formatted), and so is the alt text of an image with a title (the title
// is its printed caption; the alt text describes the picture to those who
// cannot see it, which the EPUB carries). Everything else is the author's
// words.
func sourceWords(md *book.Markdown) []string {
	if md == nil {
		return nil
	}
	var b strings.Builder
	doc.Walk(md.Doc, func(n any) bool {
		switch n := n.(type) {
		case *doc.Citation, *doc.NoteRef:
			return false
		case *doc.Image:
			if n.Title != "" {
				b.WriteString(" " + n.Title + " ")
				return false
			}
		case *doc.Text:
			b.WriteString(n.Text)
		case *doc.Break:
			b.WriteByte(' ')
		case *doc.Code:
			b.WriteString(n.Text)
		case doc.Block, *doc.Item, *doc.Cell, *doc.Note:
			b.WriteByte(' ')
		}
		return true
	})
	return tokens(b.String())
}

// tokens splits text into words without the punctuation around them, and
// joins words that a line break hyphenated (self-\nconscious).
func tokens(s string) []string {
	s = strings.ReplaceAll(s, "-\n", "-")
	s = strings.ReplaceAll(s, "–\n", "–")
	s = strings.ReplaceAll(s, "—\n", "—")
	s = strings.ReplaceAll(s, "/\n", "/")
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// containsInOrder checks that every word of want appears in got, in order.
// Words may be far apart (the handout adds headings, numbers, citations),
// but none may be missing.
func containsInOrder(t *testing.T, what string, got, want []string) {
	t.Helper()
	i := 0
	for _, w := range want {
		j := i
		// A footnote mark prints as a superscript number against its word.
		for j < len(got) && got[j] != w && !footnoted(got[j], w) {
			j++
		}
		if j == len(got) {
			lo := max(0, i-8)
			t.Errorf("%s: the word %q is not in the PDF text after %q", what, w, strings.Join(got[lo:min(len(got), i)], " "))
			return
		}
		i = j + 1
	}
}

// footnoted reports whether g is the word w with a footnote number after
// it (and perhaps punctuation between: "home.1").
func footnoted(g, w string) bool {
	d := strings.TrimRight(g, "0123456789")
	if d == g {
		return false
	}
	return strings.TrimFunc(d, unicode.IsPunct) == w
}

// checkEveryWord checks a chapter's handout holds every word of its notes,
// quotations and questions.
func checkEveryWord(t *testing.T, c *book.Chapter, text string) {
	t.Helper()
	got := tokens(text)
	containsInOrder(t, c.Path+" notes", got, sourceWords(c.Body.Edition(false))) // handouts are the student's
	var quotes, prompts []string
	for _, q := range c.Quotes {
		quotes = append(quotes, tokens(q.Text+" "+q.Speaker)...)
	}
	for _, g := range phaseGroups(c) { // the order the handout prints them
		for _, q := range g.questions {
			prompts = append(prompts, sourceWords(q.Prompt)...)
		}
	}
	containsInOrder(t, c.Path+" quotations", got, quotes)
	containsInOrder(t, c.Path+" questions", got, prompts)
}

func TestEveryWordOfTheFixture(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	files, _, _ := renderFiles(t, b, options(layouts.Student, "a4", true))
	for _, c := range b.Chapters {
		f := files[fmt.Sprintf("handouts/%02d-%s.pdf", c.Number, c.ID)]
		checkEveryWord(t, c, pdftotext(t, f.Data))
	}
}

// TestBundledCompanion renders the companion that ships with the program,
// on both papers and in large print: every word of every chapter is
// printed, and the files pass the validators and the PDF/UA-1 checker.
func TestBundledCompanion(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.Bundled(t, book.Options{Draft: true})
	for _, pp := range []struct {
		paper   string
		profile layouts.Profile
	}{{"letter", layouts.Standard}, {"a4", layouts.Standard}, {"a4", layouts.LargePrint}} {
		paper, opt := pp.paper+pp.profile.Suffix(), options(layouts.All, pp.paper, true)
		opt.Profile = pp.profile
		files, order, diags := renderFiles(t, b, opt)
		for _, w := range diags {
			t.Errorf("%s: unexpected diagnostic: %s", paper, w)
		}
		for _, c := range b.Chapters {
			f := files[fmt.Sprintf("handouts/%02d-%s%s.pdf", c.Number, c.ID, pp.profile.Suffix())]
			checkEveryWord(t, c, pdftotext(t, f.Data))
		}
		checkTagged(t, "bundled "+paper, files, order)
		if _, err := exec.LookPath("qpdf"); err != nil {
			continue
		}
		for _, p := range order {
			if out := runTool(t, files[p].Data, "qpdf", "--check"); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("%s %s: qpdf --check:\n%s", paper, p, out)
			}
		}
	}
}

func BenchmarkBundledCompanion(b *testing.B) {
	bk := booktest.Bundled(b, book.Options{Draft: true})
	for b.Loop() {
		if _, _, err := layouts.Collect(b.Context(), New(), bk, options(layouts.All, "letter", true)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRichPDF renders every PDF of the rich synthetic chapters the
// README's PDF rows measure (100 of them, 20 distinct figures).
func BenchmarkRichPDF(b *testing.B) {
	fsys, _ := synthetic.RichProject(100, 1570)
	bk := booktest.MustOpen(b, fsys, book.Options{})
	for b.Loop() {
		if _, _, err := layouts.Collect(b.Context(), New(), bk, options(layouts.All, "letter", false)); err != nil {
			b.Fatal(err)
		}
	}
}

// An image several chapters show is one XObject, listed once in the
// resources of every file: gofpdf lists it once per placement, a
// dictionary with duplicate keys that qpdf warns about.
func TestImageInSeveralChapters(t *testing.T) {
	fsys, _ := synthetic.Project(3, 40)
	// A gradient: the PDF prints the figure as a picture, not as vectors.
	fsys["images/fig.svg"].Data = []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><linearGradient id="g"><stop stop-color="#cde"/></linearGradient><rect width="120" height="60" fill="url(#g)"/></svg>`)
	files, order, _ := renderFiles(t, booktest.MustOpen(t, fsys, book.Options{}), options(layouts.All, "letter", false))
	entry := regexp.MustCompile(`/I[0-9a-f]+ \d+ 0 R`)
	for _, p := range order {
		data := files[p].Data
		seen := map[string]bool{}
		for _, e := range entry.FindAll(data, -1) {
			if seen[string(e)] {
				t.Errorf("%s lists %s twice", p, e)
			}
			seen[string(e)] = true
		}
		if len(seen) != 1 {
			t.Errorf("%s: %d images listed, want the one figure", p, len(seen))
		}
		if _, err := exec.LookPath("qpdf"); err == nil {
			if out := runTool(t, data, "qpdf", "--check"); strings.Contains(out, "WARNING") {
				t.Errorf("%s: qpdf --check:\n%s", p, out)
			}
		}
	}
}

// TestLinkTargetInBookLanguage: a Markdown link to another chapter says on
// paper which handout it leads to in the book's language, as every other
// label does ("voir la fiche\u00A02", not "see Handout\u00A02").
func TestLinkTargetInBookLanguage(t *testing.T) {
	for _, c := range []struct{ language, want string }{
		{"en-GB", "see Handout\u00A02"},
		{"fr", "voir la fiche\u00A02"},
		{"de", "siehe Arbeitsblatt\u00A02"},
	} {
		fsys := booktest.Fixture(t, "testdata/full.txtar")
		yaml := string(fsys["companion.yaml"].Data)
		fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(yaml, "language: en-GB", "language: "+c.language, 1))}
		b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
		p := &prose{b: b}
		if got := p.linkTarget("chapters/02-voyage.md#the-map"); got != c.want {
			t.Errorf("%s: a link to the voyage chapter reads %+q, want %+q", c.language, got, c.want)
		}
	}
}

// TestFrenchSeparators: what the layout composes around the book's text (a
// label's colon, the semicolon between key quotations) is spaced the French
// way in a French book, as the body is.
func TestFrenchSeparators(t *testing.T) {
	tool(t, "pdftotext")
	fsys := booktest.Fixture(t, "testdata/full.txtar")
	yaml := string(fsys["companion.yaml"].Data)
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(yaml, "language: en-GB", "language: fr", 1))}
	ch := string(fsys["chapters/03-homecoming.md"].Data)
	ch = strings.Replace(ch, "questions:\n", `  - id: stranger
    text: The stranger is tested.
    cite: "@homer-odyssey, p. 469"
    verified: true
questions:
`, 1)
	fsys["chapters/03-homecoming.md"] = &fstest.MapFile{Data: []byte(strings.Replace(ch, "quotes: [bed]", "quotes: [bed, stranger]", 1))}
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	fonts := richtext.Serif()
	h := &handouts{setter: &setter{fonts: fonts, g: newGeometry("a4")}, b: b, opt: options(layouts.All, "a4", true),
		gl: &glyphs{fonts: fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	var text strings.Builder
	for _, r := range h.handout(b.Chapters[2], false).rows {
		for _, o := range r.ops {
			if t, ok := o.(textOp); ok {
				if ref, ok := t.frag.Held.(*crossRef); ok {
					text.WriteString(ref.without) // as a file without the page prints it
					continue
				}
				text.WriteString(t.frag.Text)
			}
		}
	}
	// The numbers are tied to their label (TestLabelsTieNumbers).
	if want := "Appuis\u202F: citation\u00A0clé\u00A01\u202F; citation\u00A0clé\u00A02"; !strings.Contains(text.String(), want) {
		i := max(strings.Index(text.String(), "citation clé\u00A02")-30, 0)
		t.Errorf("the handout lacks %+q; it has %+q", want, text.String()[i:min(i+60, text.Len())])
	}
}
