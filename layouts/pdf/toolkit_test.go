package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/toolkit"
)

// toolkitBook is the fixture project that uses every part of the teacher's
// toolkit, shared with the EPUB tests.
func toolkitBook(t testing.TB) *book.Book {
	t.Helper()
	return booktest.MustOpen(t, booktest.Fixture(t, "../epub/testdata/toolkit.txtar"), book.Options{})
}

// TestTeacherOnlyText: a ::: teacher block and the footnote only it calls
// print in the teacher edition's handouts and in no student handout.
func TestTeacherOnlyText(t *testing.T) {
	files, _, _ := renderFiles(t, toolkitBook(t), options(layouts.All, "letter", false))
	secrets := []string{"TEACHER-ONLY-TEXT", "TEACHER-ONLY-NOTE", "Handling loss"}
	for path, f := range files {
		text := pdftotext(t, f.Data)
		for _, s := range secrets {
			switch has := strings.Contains(text, s); {
			case strings.HasSuffix(path, "-teacher.pdf") && !has:
				t.Errorf("%s lacks %q", path, s)
			case !strings.HasSuffix(path, "-teacher.pdf") && has:
				t.Errorf("%s, a student handout, has %q", path, s)
			}
		}
	}
}

// TestToolkitGolden pins what the toolkit project's packets say, in
// order: each handout's vocabulary box, its questions under their phases
// and its essay rubric; the teacher packet's vocabulary by chapter,
// rubrics, timeline, characters, theme tracker and pacing calendars.
func TestToolkitGolden(t *testing.T) {
	tool(t, "pdftotext")
	files, _, diags := renderFiles(t, toolkitBook(t), options(layouts.All, "letter", false))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	golden(t, "toolkit-handouts.txt", pdftotext(t, files["a-toolkit-companion-handouts.pdf"].Data))
	golden(t, "toolkit-teacher.txt", pdftotext(t, files["a-toolkit-companion-teacher.pdf"].Data))
}

// TestRubricNamesItsStandardOnce: in the bundled A-level scheme, whose
// criteria name their objective ("Informed personal response (AO1)"), no
// criterion repeats it as "A-level English Literature AO1"; the framework
// is said once for the scheme. In the argument essay's, whose criteria do
// not, each criterion names its framework once before its codes.
func TestRubricNamesItsStandardOnce(t *testing.T) {
	h := testHandouts(t, booktest.SharedBundled(t), "letter", layouts.Standard)
	rubric := func(prefix string) (r *book.Rubric, text string) {
		for _, x := range h.b.Rubrics {
			if strings.HasPrefix(x.Title, prefix) {
				r = x
			}
		}
		if r == nil {
			t.Fatalf("the bundled companion has no rubric %q", prefix)
		}
		var ts []string
		for _, row := range h.rubricTable(r, nil, tagged.New(tagged.Sect)) {
			for _, o := range row.ops {
				if t, ok := o.(textOp); ok {
					ts = append(ts, t.frag.Text)
				}
			}
		}
		return r, strings.Join(ts, " ")
	}
	r, text := rubric("A-level")
	fw := r.Criteria[0].Standards[0].Standard.Framework.Label()
	if strings.Contains(text, fw+" AO") {
		t.Errorf("a criterion repeats its standard: %s", text)
	}
	if n := strings.Count(text, fw); n != 1 {
		t.Errorf("the scheme names %q %d times, want once: %s", fw, n, text)
	}
	r, text = rubric("Argument essay")
	fw = r.Criteria[0].Standards[0].Standard.Framework.Label()
	if n := strings.Count(text, fw); n != len(r.Criteria) {
		t.Errorf("%q is named %d times for %d criteria: %s", fw, n, len(r.Criteria), text)
	}
	for _, tc := range []struct {
		name, code string
		want       bool
	}{{"Contexts (AO3)", "AO3", true}, {"Contexts (AO30)", "AO3", false}, {"AO3 contexts", "AO3", true}, {"Contexts", "AO3", false}, {"RL.9-10.4 and RL.9", "RL.9", true}} {
		if got := nameHasCode(tc.name, tc.code); got != tc.want {
			t.Errorf("nameHasCode(%q, %q) = %v", tc.name, tc.code, got)
		}
	}
}

// TestRubricsCutNoWord: every bundled mark scheme, the IB's of five bands
// and four long-named criteria among them, prints each of its words
// whole, broken after a hyphen of its own ("well-" "chosen", read whole)
// or in type a step smaller where it must be, never cut between letters
// ("understandin" "g"), in the standard set and large print, where no
// word is smaller than the profile's smallest type.
func TestRubricsCutNoWord(t *testing.T) {
	forBundledHandouts(t, bothProfiles, func(t *testing.T, h *handouts) {
		h.hyphenate = hyphenation("en")
		p := h.opt.Profile
		for _, r := range h.b.Rubrics {
			words := map[string]bool{}
			add := func(s string) { // as written and with smart punctuation
				for _, w := range strings.Fields(s + " " + h.b.Smart(s)) {
					words[w] = true
				}
			}
			add(h.label("criterion"))
			for _, lv := range r.Levels {
				add(lv.Name + " (" + lv.Worth() + ")")
			}
			for _, c := range r.Criteria {
				add(c.Name)
				for _, s := range c.Standards {
					add(s.Label())
				}
				for _, d := range c.Descriptors {
					add(plainText(h.markdownSpans(d, sizeSmall, inline{color: inkText}, nil)))
				}
			}
			for _, row := range h.rubricTable(r, nil, tagged.New(tagged.Sect)) {
				for _, o := range row.ops {
					tx, ok := o.(textOp)
					if !ok {
						continue
					}
					if tx.frag.Size < h.g.smallest-1e-9 {
						t.Errorf("%s: %s: %q is set at %.2f, under the profile's smallest %.2f", name(p), r.Title, tx.frag.Text, tx.frag.Size, h.g.smallest)
					}
					// A broken word reads whole from its head, its tail as nothing.
					text := tx.frag.Text
					if actual, ok := tx.frag.ActualText(); ok {
						text = actual
					}
					for _, w := range strings.Fields(text) {
						if w = strings.Trim(w, ",;"); !words[w] && !words[w+","] && !words[w+";"] {
							t.Errorf("%s: %s: %+q is not a word of the scheme: cut between letters?", name(p), r.Title, w)
						}
					}
				}
			}
		}
	})
}

// TestCrampedSchemesAsLists: every bundled mark scheme, of four to six
// levels, is set as a list in the standard set as in large print (a grid
// of four levels on a portrait page gives each a column of fewer than 25
// characters, hyphenated every other line): each criterion's name a
// heading (H3), each level the header of its row (TH, Scope Row) beside
// its descriptor, every level of every criterion so. A scheme of two
// levels, whose columns are roomy, stays a grid in the standard set.
func TestCrampedSchemesAsLists(t *testing.T) {
	two := schemeBook(t, `title: Two levels
levels:
  - {name: Secure, marks: 2}
  - {name: Developing, marks: 1}
criteria:
  - name: Argument
    descriptors:
      - A sustained argument.
      - An argument.
`).Rubrics[0]
	forBundledHandouts(t, bothProfiles, func(t *testing.T, h *handouts) {
		h.hyphenate = hyphenation("en")
		p := h.opt.Profile
		for _, r := range append(slices.Clip(h.b.Rubrics), two) {
			// A level's heading as its first line begins ("Level 6" of
			// "Level 6 (26–30)").
			level := func(text string) bool {
				text = strings.ReplaceAll(text, "\u00A0", " ") // a cell's last words are tied
				return slices.ContainsFunc(r.Levels, func(lv *book.Level) bool { return strings.HasPrefix(text, lv.Name) })
			}
			rowHeads, columnHeads, headings := 0, 0, 0
			for _, row := range h.rubricTable(r, nil, tagged.New(tagged.Sect)) {
				for _, o := range row.ops {
					tx, ok := o.(textOp)
					if !ok || tx.tag == nil {
						continue
					}
					switch scope := tx.tag.Attrs().Scope; {
					case level(tx.frag.Text) && tx.tag.Role == tagged.TH && scope == "Row":
						rowHeads++
					case level(tx.frag.Text) && tx.tag.Role == tagged.TH && scope == "Column":
						columnHeads++
					case tx.tag.Role == tagged.H3:
						headings++
					}
				}
			}
			list := p == layouts.LargePrint || r != two
			switch {
			case list && (rowHeads != len(r.Levels)*len(r.Criteria) || headings < len(r.Criteria) || columnHeads > 0):
				t.Errorf("%s: %s: %d row headers, %d headings, %d column headers; want a list of %d criteria of %d levels",
					name(p), r.Title, rowHeads, headings, columnHeads, len(r.Criteria), len(r.Levels))
			case !list && (columnHeads != len(r.Levels) || rowHeads > 0 || headings > 0):
				t.Errorf("%s: %s: %d column headers, %d row headers, %d headings; want a grid of %d levels",
					name(p), r.Title, columnHeads, rowHeads, headings, len(r.Levels))
			}
		}
	})
}

// TestStudentBackMatter: the student packet ends as the student EPUB and
// site do (toolkit.BackMatter), with the student toolkit's documents (the
// glossary, the character list, the timeline), the quotation index and
// the works cited, each bookmarked, in its contents as a link to its
// first page and tagged; the curriculum map stays the teacher's. The
// character list and the timeline say under their title and beside their
// contents line that they cover the whole story; the glossary lists every term alphabetically, each
// with a link to the handout that teaches it; the quotation index links
// each quotation's handout.
func TestStudentBackMatter(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "qpdf")
	b := toolkitBook(t)
	files, order, _ := renderFiles(t, b, options(layouts.All, "letter", false))
	checkTagged(t, "toolkit", files, order)
	data := files["a-toolkit-companion-handouts.pdf"].Data
	var want []string
	covers := map[string]string{}
	for _, d := range toolkit.BackMatter(b, false) {
		want = append(want, d.Title)
		covers[d.Title] = d.Covers
	}
	if len(want) != 5 || covers[b.Labels.Get("timeline")] == "" || covers[b.Labels.Get("characters")] == "" {
		t.Fatalf("the project's student toolkit is %q, covers %q: the test wants a glossary, characters and a timeline in a book of parts", want, covers)
	}
	starts := map[string]int{}
	var after []string // the bookmarks after the handouts'
	for _, line := range strings.Split(outline(t, data), "\n") {
		title, page, ok := strings.Cut(line, " → page ")
		if !ok || strings.HasPrefix(title, " ") {
			continue
		}
		starts[title], _ = strconv.Atoi(page)
		if !strings.Contains(title, ". ") && starts[title] > 1 { // not the cover, nor "1. Arrival"
			after = append(after, title)
		}
	}
	if !slices.Equal(after, want) {
		t.Errorf("the student packet ends with %q, want %q", after, want)
	}
	if teacher := outline(t, files["a-toolkit-companion-teacher.pdf"].Data); !strings.Contains(teacher, b.Labels.Get("curriculum-map")) {
		t.Errorf("the teacher packet has no curriculum map: the test proves nothing:\n%s", teacher)
	}
	links := readLinks(t, data)
	pages := strings.Split(pdftotext(t, data), "\f")
	for _, title := range want {
		entry := title
		if covers[title] != "" {
			entry += " · " + covers[title]
		}
		if !slices.ContainsFunc(links, func(l fileLink) bool { return l.page == 1 && l.contents == title && l.dest == starts[title] }) {
			t.Errorf("the contents entry %q is no link to page %d; links on page 1: %v", title, starts[title], onPage(links, 1))
		}
		if !strings.Contains(flat(pages[0]), entry) {
			t.Errorf("the contents do not read %q: %s", entry, flat(pages[0]))
		}
	}
	for title, c := range covers {
		page := flat(pages[starts[title]-1])
		_, below, _ := strings.Cut(page, title)
		if c != "" && !strings.HasPrefix(strings.TrimSpace(below), c) {
			t.Errorf("the %s does not say %q under its title: %s", title, c, page)
		}
	}
	// The glossary: alphabetical, each term's handout a link to it.
	glossary := flat(pages[starts[b.Labels.Get("glossary")]-1])
	var terms []string
	at := 0
	for _, term := range toolkit.GlossaryTerms(b) {
		i := strings.Index(glossary[at:], term.Term+" ")
		if i < 0 {
			t.Errorf("the glossary lacks %q, or not in alphabetical order: %s", term.Term, glossary)
			continue
		}
		at += i
		terms = append(terms, term.Term)
		handout := b.Labels.Format("handout-number", "n", strconv.Itoa(term.Chapter.Number))
		dest := starts[fmt.Sprintf("%d. %s", term.Chapter.Number, term.Chapter.Title)]
		if !slices.ContainsFunc(links, func(l fileLink) bool {
			return l.page == starts[b.Labels.Get("glossary")] && flat(l.contents) == fmt.Sprintf("%s, p. %d)", handout, dest) && l.dest == dest
		}) {
			t.Errorf("%q's %q is no link to page %d: %v", term.Term, handout, dest, onPage(links, starts[b.Labels.Get("glossary")]))
		}
	}
	if !slices.IsSortedFunc(terms, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) || len(terms) < 2 {
		t.Errorf("the glossary's terms %q are not in alphabetical order", terms)
	}
	// The quotation index links each quotation to its handout.
	index := starts[b.Labels.Get("quotation-index")]
	for _, en := range b.QuotationIndex() {
		c := en.Quotes[0].Chapter
		first := starts[fmt.Sprintf("%d. %s", c.Number, c.Title)]
		if !slices.ContainsFunc(links, func(l fileLink) bool {
			return l.page >= index && strings.HasPrefix(flat(l.contents), b.Labels.Format("handout-number", "n", strconv.Itoa(c.Number))) && l.dest >= first
		}) {
			t.Errorf("the quotation index does not link %q to handout %d", en.Quotes[0].Text, c.Number)
		}
	}
}

// TestTeacherToolkitCoversWhole: the teacher packet's character list and
// timeline say under their title that they cover the whole story, as the
// student packet's and the teacher EPUB's do.
func TestTeacherToolkitCoversWhole(t *testing.T) {
	forBundledHandouts(t, letterOnly, func(t *testing.T, h *handouts) {
		want := h.label("covers-whole")
		ends, _, _ := h.backMatter(true)
		sections := map[string]*section{}
		for _, mk := range ends {
			s := mk()
			switch t := openingRow(s).marks[0].title; t {
			case h.label("characters"), h.label("timeline"):
				sections[t] = s
			}
		}
		if len(sections) != 2 {
			t.Fatalf("the teacher's back matter has %d of the character list and the timeline, want both", len(sections))
		}
		for name, s := range sections {
			var words []string
			for _, r := range s.rows {
				for _, o := range r.ops {
					if op, ok := o.(textOp); ok {
						words = append(words, op.frag.Text)
					}
				}
			}
			if got := flat(strings.Join(words, " ")); !strings.Contains(got, flat(want)) {
				t.Errorf("the teacher's %s does not say %q:\n%s", name, want, got)
			}
		}
	})
}

// TestGlossaryCitationPrintsNothingSilent: a term's citation that prints
// nothing (the work cited with its author suppressed and no page, in MLA)
// leaves no space between the definition and the handout it is from, as
// in the EPUB's and the site's glossary; one with a page prints it.
func TestGlossaryCitationPrintsNothingSilent(t *testing.T) {
	for _, c := range []struct{ cite, want string }{
		{"-@doe2001", "The glazed room at the top of a lighthouse. (Handout\u00a01)"},
		{"-@doe2001, p. 3", "The glazed room at the top of a lighthouse. (3) (Handout\u00a01)"},
	} {
		fsys := booktest.Fixture(t, "../epub/testdata/toolkit.txtar")
		ch := fsys["chapters/01-arrival.md"]
		ch.Data = []byte(strings.Replace(string(ch.Data), `cite: "@doe2001, p. 3"}`, `cite: "`+c.cite+`"}`, 1))
		h := testHandouts(t, booktest.MustOpen(t, fsys, book.Options{}), "letter", layouts.Standard)
		if got := withoutPages(h.termCells(h.b.Chapters[0].Vocabulary[0], true, nil, nil)[1]); got != c.want {
			t.Errorf("cite %q: the definition reads %q, want %q", c.cite, got, c.want)
		}
	}
}

// TestBandKeepsThreeTableRows: an appendix that runs on to the page of
// the one before and opens on a table brings openingRowsKept of its rows
// there under its band (or the whole of a shorter table), or starts a
// page of its own, in the bundled teacher packet, both profiles, letter
// and A4 (large print's Timeline opened half-way down a page over one
// row).
func TestBandKeepsThreeTableRows(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		names, sections := packetSections(h, true)
		sections, names = sections[1:], names[1:] // the cover is laid out on its own
		pages, laid := flow(sections, h.g)
		k := 0
		for i, d := range laid {
			s := sections[i]
			if d.shared {
				k--
			}
			shared := pages[k].rows
			k += d.pages
			if d.shared {
				k++
			}
			if !d.shared {
				continue
			}
			var table *tableGroup
			for _, r := range s.rows[s.opening:] {
				if len(r.ops)+len(r.fills) > 0 {
					table = r.table
					break
				}
			}
			if table == nil {
				continue
			}
			on := shared[slices.Index(shared, s.rows[0]):]
			if got, want := tableRowsEnded(on, table), min(openingRowsKept, tableRowsEnded(s.rows, table)); got < want {
				t.Errorf("%s opens under its band with %d rows of its table, want %d", names[i], got, want)
			}
		}
	})
}

// TestVocabularyBoxCites: a term's citation prints in its handout's
// Vocabulary box, where the student reads the word, as the glossary
// prints it ("carer … (Ishiguro, Never Let Me Go, ch. 1)", review13 #16).
func TestVocabularyBoxCites(t *testing.T) {
	h := testHandouts(t, booktest.SharedBundled(t), "a4", layouts.Standard)
	found := 0
	for _, c := range h.b.Chapters {
		for _, term := range c.Vocabulary {
			want := h.b.Cite(term.Cite).Plain()
			if len(term.Cite) == 0 || want == "" {
				continue
			}
			found++
			var text strings.Builder
			for _, r := range h.vocabularyBox(c, sectionNotes("vocabulary"), tagged.New(tagged.Sect)) {
				for _, o := range r.ops {
					if op, ok := o.(textOp); ok {
						text.WriteString(op.frag.Text)
					}
				}
			}
			if got := strings.Join(strings.Fields(strings.ReplaceAll(text.String(), "\u00A0", " ")), " "); !strings.Contains(got, strings.Join(strings.Fields(strings.ReplaceAll(want, "\u00A0", " ")), " ")) {
				t.Errorf("handout %d's Vocabulary box does not cite %q for %q", c.Number, want, term.Term)
			}
		}
	}
	if found == 0 {
		t.Fatal("no term of the bundled companion has a citation")
	}
}

// TestTimelineColumnsByContent: the timeline's "Narrated in" column is as
// wide as its header and chapters need, and "When" has the room it gives
// up (review13 #19: "Aged about sixteen to eighteen" took three lines
// beside a half-empty "Narrated in").
func TestTimelineColumnsByContent(t *testing.T) {
	h := testHandouts(t, booktest.SharedBundled(t), "a4", layouts.Standard)
	m := h.g.measure()
	var narrX []float64
	for _, r := range h.timelineIn(h.label("teacher-edition"), "").rows {
		for _, o := range r.ops {
			if op, ok := o.(textOp); ok && r.head && strings.HasPrefix(op.frag.Text, strings.Fields(h.label("narrated-in"))[0]) {
				narrX = append(narrX, op.x)
			}
		}
	}
	if len(narrX) == 0 {
		t.Fatal("the timeline's header has no Narrated in")
	}
	if narrX[0] < m*0.85 {
		t.Errorf("Narrated in starts %.0f %% across the measure, want the last 15 %% at most", 100*narrX[0]/m)
	}
}

// TestGlossaryPartOfSpeechUnderTerm: in the glossary by handout, both
// profiles, a term's part of speech stands on its own line under the
// term, at the cell's left edge, so that a two-word term does not wrap
// unevenly beside it ("retrospective | narration noun phrase", review13
// #26).
func TestGlossaryPartOfSpeechUnderTerm(t *testing.T) {
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := testHandouts(t, booktest.SharedBundled(t), "a4", p)
		found := 0
		for _, r := range h.vocabularyAppendix().rows {
			if r.table == nil || r.head {
				continue
			}
			var term, pos []textOp
			for _, o := range r.ops {
				op, ok := o.(textOp)
				switch {
				case !ok:
				case op.frag.Style == richtext.Bold:
					term = append(term, op)
				case op.frag.Style == richtext.Italic && op.frag.Color == inkMuted && op.x+op.frag.X < h.g.measure()*0.28:
					pos = append(pos, op)
				}
			}
			if len(term) == 0 || len(pos) == 0 {
				continue
			}
			found++
			last := term[len(term)-1]
			for _, o := range pos {
				if o.y <= last.y+1e-6 {
					t.Errorf("%s: %q stands on the line of %q", name(p), o.frag.Text, last.frag.Text)
				}
				if x, left := o.x+o.frag.X, term[0].x+term[0].frag.X; x > left+0.01 {
					t.Errorf("%s: %q starts %.1f mm into its cell", name(p), o.frag.Text, x-left)
				}
			}
		}
		if found == 0 {
			t.Fatalf("%s: no term of the glossary has a part of speech", name(p))
		}
	}
}

// TestMarkBandsOnEveryStrand: a scheme whose levels give bands of marks
// for the whole answer (the GCSE-style scheme, AO1–AO3 read together)
// prints the band with the level on every strand, in either profile, so
// that no strand's levels read as unmarked and the first's as out of 30
// alone (review13 #23).
func TestMarkBandsOnEveryStrand(t *testing.T) {
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := testHandouts(t, booktest.SharedBundled(t), "a4", p)
		found := 0
		for _, r := range h.b.Rubrics {
			if len(r.Levels) == 0 || r.Levels[0].Marks == "" {
				continue
			}
			found++
			want := map[string]int{}
			for _, lv := range r.Levels {
				want[lv.Heading()] = 0
			}
			// A grid heads its level columns once for every strand; a
			// list heads each strand's levels.
			grid := false
			for _, row := range h.rubricTable(r, nil, tagged.New(tagged.Sect)) {
				for _, o := range row.ops {
					if tx, ok := o.(textOp); ok {
						if _, ok := want[strings.ReplaceAll(tx.frag.Text, "\u00A0", " ")]; ok {
							want[strings.ReplaceAll(tx.frag.Text, "\u00A0", " ")]++
							grid = grid || row.head
						}
					}
				}
			}
			for heading, n := range want {
				if grid && n == 0 || !grid && n < len(r.Criteria) {
					t.Errorf("%s: %s: %q printed %d times for %d criteria", name(p), r.Title, heading, n, len(r.Criteria))
				}
			}
		}
		if found == 0 {
			t.Fatal("no bundled scheme gives bands of marks")
		}
	}
}
