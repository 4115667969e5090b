package pdf

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/xhtml/xhtmltest"
)

// TestCitationNotes: in a note style (the EPUB's notes fixture, in
// chicago-notes) each handout calls its citations by number and prints
// them at its end among its footnotes, each a Note element called by a
// Reference, two calls side by side apart by a comma that is the second
// Reference's text ("disagrees.3,4"; struct-text ",4"), and passes the
// PDF/UA checker; with work-citations: short a
// handout cites the work in full once, then by its locator. The text and
// a handout's structure are golden files.
func TestCitationNotes(t *testing.T) {
	tool(t, "pdftotext")
	notes := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "notes.txtar")), book.Options{})
	files, order, _ := renderFiles(t, notes, options(layouts.All, "letter", false))
	checkTagged(t, "notes", files, order)
	golden(t, "notes-handouts.txt", pdftotext(t, files["citing-in-notes-handouts.pdf"].Data))
	golden(t, "notes-teacher.txt", pdftotext(t, files["citing-in-notes-teacher.pdf"].Data))
	golden(t, "notes-01-first-struct.txt", runTool(t, files["handouts/01-first.pdf"].Data, "pdfinfo", "-struct-text"))

	short := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "short.txtar")), book.Options{})
	files, _, _ = renderFiles(t, short, options(layouts.Student, "letter", false))
	golden(t, "short-handouts.txt", pdftotext(t, files["citing-short-handouts.pdf"].Data))
}

// TestFootnotesAtThePageFoot: in an author-date style a handout's
// footnotes stand at the foot of the page that calls them, under the
// rule, in type smaller than the text's (in large print, at the text's
// 18 pt, which no text goes under), the call's line and the note's
// first line on one page, not in the text (they stood as a list under
// "Notes to the text" in the middle of the handout); in the student's
// copy and the teacher's, in either profile, on letter and A4.
func TestFootnotesAtThePageFoot(t *testing.T) {
	found := 0
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		for _, paper := range []string{"letter", "a4"} {
			h := fixtureHandoutsIn(t, paper, p)
			for _, c := range h.b.Chapters {
				for _, teacher := range []bool{false, true} {
					what := fmt.Sprintf("%q %s handout %d (teacher %v)", p, paper, c.Number, teacher)
					for i, pg := range paginate(h.handout(c, teacher), h.g) {
						for _, r := range pg.rows {
							for _, n := range r.notes {
								found++
								if !slices.Contains(pg.notes, n.rows[0]) {
									t.Errorf("%s page %d: a note's first line is not at the foot of its call's page", what, i+1)
								}
								if slices.ContainsFunc(pg.rows, func(r *row) bool { return slices.Contains(n.rows, r) }) {
									t.Errorf("%s page %d: a note is set in the text, not at its foot", what, i+1)
								}
							}
						}
						for _, r := range pg.notes {
							for _, o := range r.ops {
								op, ok := o.(textOp)
								if !ok {
									continue
								}
								if p == layouts.Standard && op.frag.Size >= sizeBody || p == layouts.LargePrint && op.frag.Size != sizeBody {
									t.Errorf("%s page %d: a footnote's %q is set at %.1f pt", what, i+1, op.frag.Text, op.frag.Size)
								}
							}
						}
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("no handout of the fixture calls a footnote")
	}
}

// TestGuidanceNotes: the footnotes of a question's teacher guidance are
// printed, not only called. In an in-text style (the fixture's MLA) they
// end the guidance box, called and listed by letter ("a.") so that they
// are not taken for the chapter's numbered notes, each a Note with an ID
// of its own; in a note style they are numbered among the chapter's
// notes at its end. Every PDF passes the PDF/UA checker.
func TestGuidanceNotes(t *testing.T) {
	tool(t, "pdftotext")
	for _, style := range []string{"mla", "chicago-notes"} {
		t.Run(style, func(t *testing.T) {
			fsys := booktest.Fixture(t, filepath.Join("testdata", "full.txtar"))
			setFile := func(name, old, new string) {
				s := string(fsys[name].Data)
				if !strings.Contains(s, old) {
					t.Fatalf("%s has no %q", name, old)
				}
				fsys[name].Data = []byte(strings.Replace(s, old, new, 1))
			}
			setFile("companion.yaml", "citation-style: mla", "citation-style: "+style)
			setFile("chapters/01-introduction.md", "*of many turns*.\n",
				"*of many turns*.[^poly]\n\n      [^poly]: Polytropos recurs in book ten.\n")
			b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
			files, order, _ := renderFiles(t, b, options(layouts.All, "letter", true))
			checkTagged(t, "guidance-notes-"+style, files, order)
			var teacher string
			for _, p := range order {
				if strings.HasSuffix(p, "-teacher.pdf") {
					teacher = strings.Join(strings.Fields(pdftotext(t, files[p].Data)), " ")
				}
			}
			if teacher == "" {
				t.Fatal("no teacher packet")
			}
			if !strings.Contains(teacher, "Polytropos recurs in book ten.") {
				t.Errorf("the guidance's footnote is not printed:\n%s", teacher)
			}
			if style == "mla" && !strings.Contains(teacher, "turns.a") {
				t.Errorf("the guidance's footnote is not called by its letter:\n%s", teacher)
			}
		})
	}
}

// TestPromptNotes: in an in-text style (the fixture's MLA) a footnote of
// a question's prompt is a footnote like the notes', not words run into
// the prompt: called by a number that goes on from the handout's notes
// (the fixture's introduction has one, so the prompt's is 2), set at the
// foot of the page under the rule, a Note (note-1-2) after the prompt
// whose Reference calls it, in the student packet, the handout's own file
// and the teacher packet, in either profile. The answer key's copy of the
// prompt neither calls nor prints it.
func TestPromptNotes(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "pdfinfo")
	fsys := booktest.Fixture(t, filepath.Join("testdata", "full.txtar"))
	booktest.Edit(t, fsys, "chapters/01-introduction.md", "    prompt: What does the word *complicated* promise about Odysseus?\n",
		"    prompt: |\n      What does the word *complicated* promise about Odysseus?[^tr]\n\n      [^tr]: Wilson's word for polytropos.\n"+
			"    answer: A man of many turns.\n")
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		opt := options(layouts.All, "letter", true)
		opt.Profile = profile
		files, order, _ := renderFiles(t, b, opt)
		checkTagged(t, "prompt-notes"+profile.Suffix(), files, order)
		checked, keyed := 0, false
		for _, p := range order {
			if strings.Contains(p, "01-introduction-answer-key") {
				keyed = true
				// The key repeats the prompt without its note, which is
				// the handout's: a call there would lead nowhere.
				if text := flat(pdftotext(t, files[p].Data)); !strings.Contains(text, "Odysseus? ") || strings.Contains(text, "polytropos") {
					t.Errorf("%s: the key's copy of the prompt calls or prints its note:\n%s", p, text)
				}
				continue
			}
			if !strings.HasSuffix(p, ".pdf") || strings.Contains(p, "answer-key") || strings.Contains(p, "/") && !strings.Contains(p, "01-") {
				continue
			}
			checked++
			text := flat(pdftotext(t, files[p].Data))
			if !strings.Contains(text, "Odysseus?2") {
				t.Errorf("%s: the prompt does not call its note by the number after the handout's notes (\"Odysseus?2\"):\n%s", p, text)
			}
			if strings.Contains(text, "Odysseus?2 Wilson") || strings.Contains(text, "Odysseus? Wilson") {
				t.Errorf("%s: the prompt's note runs into the prompt:\n%s", p, text)
			}
			// At the foot of its page: the last lines above the footer,
			// under the rule, after the answer lines and what follows.
			for _, page := range strings.Split(pdftotext(t, files[p].Data, "-layout"), "\f") {
				if !strings.Contains(page, "Odysseus?2") { // the handout's page, not the key's
					continue
				}
				lines := strings.Split(strings.TrimRight(page, " \n"), "\n")
				foot := flat(strings.Join(lines[max(0, len(lines)-6):], "\n"))
				if !strings.Contains(foot, "2. Wilson’s word for polytropos.") {
					t.Errorf("%s: the prompt's note is not at the foot of its page:\n%s", p, page)
				}
			}
			st := runTool(t, files[p].Data, "pdfinfo", "-struct-text")
			// Its number a Link back to the call, then its text.
			if !strings.Contains(st, "Note <note-1-2>") || !regexp.MustCompile(`"2\."\s+Object \d+ 0\s+"Wilson’s word for polytropos\."`).MatchString(st) {
				t.Errorf("%s: the prompt's note is not a Note of its own:\n%s", p, st)
			}
		}
		if checked != 3 || !keyed {
			t.Errorf("%d PDFs with the handout checked, want the two packets and the handout's own file, and its answer key (%v)", checked, keyed)
		}
	}
}

// onPageOf checks that each page of a PDF's text that calls a note right
// after before ("Miss Lucy" and the call's number, "Miss Lucy2") prints
// the note of that number, text ("2. A guardian…"), at its foot: last,
// but for the footer's lines. It returns the numbers of the calls.
func onPageOf(t *testing.T, where string, data []byte, before, text string) []string {
	t.Helper()
	call := regexp.MustCompile(regexp.QuoteMeta(before) + `(\d+)`)
	var numbers []string
	for i, page := range strings.Split(pdftotext(t, data), "\f") {
		page = flat(page)
		for _, m := range call.FindAllStringSubmatch(page, -1) {
			numbers = append(numbers, m[1])
			note := m[1] + ". " + text
			at := strings.LastIndex(page, note)
			switch {
			case at < 0:
				t.Errorf("%s page %d: %q calls a note that is not on its page (%q):\n%s", where, i+1, m[0], note, page)
			case strings.Contains(page[at+len(note):], before):
				t.Errorf("%s page %d: the note %q is not at the page's foot:\n%s", where, i+1, note, page)
			}
		}
	}
	if len(numbers) == 0 {
		t.Errorf("%s: no page calls a note after %q", where, before)
	}
	return numbers
}

// TestChoiceAndAnswerNotes: a multiple-choice option's footnote is
// printed at the foot of the page that calls it, numbered on from the
// handout's notes and prompts' (in a note style among the chapter's
// notes, at its end), a Note; the answer key numbers its model answers'
// notes in one sequence at the foot of its pages, and repeats a prompt or
// a choice without a call to a note it does not print. A choice's note
// was once dropped and its call read as the chapter's note 1, and a
// model answer's call "1" led nowhere. In the packets, the handout's own
// file and its key, in both profiles, in an in-text and a note style;
// the EPUB's and the site's TestChoiceAndAnswerNotes check the same.
func TestChoiceAndAnswerNotes(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "pdfinfo")
	for _, tc := range []struct {
		style  string
		choice int // the choice's note's number
	}{
		{"", 2},
		// the prompt's citation is note 2
		{"chicago-notes", 3},
	} {
		fsys := booktest.Fixture(t, filepath.Join("..", "lms", "testdata", "questions.txtar"))
		xhtmltest.AddAnswerNotes(t, fsys)
		if tc.style != "" {
			booktest.Edit(t, fsys, "companion.yaml", "work: ishiguro2005\n", "work: ishiguro2005\ncitation-style: "+tc.style+"\n")
		}
		b := booktest.MustOpen(t, fsys, book.Options{})
		n := strconv.Itoa(tc.choice)
		for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
			opt := options(layouts.All, "letter", false)
			opt.Profile = profile
			files, order, _ := renderFiles(t, b, opt)
			checkTagged(t, "choice-notes"+tc.style+profile.Suffix(), files, order)
			checked, keys := 0, 0
			for _, p := range order {
				where := fmt.Sprintf("%q%s %s", tc.style, profile.Suffix(), p)
				data := files[p].Data
				text := flat(pdftotext(t, data))
				switch {
				case strings.Contains(p, "01-hailsham-answer-key"), strings.Contains(p, "02-cottages-answer-key"):
					keys++
					// Each handout's key is a file of its own, its
					// notes numbered from 1.
					want := "1. Tommy says so in chapter 3."
					if strings.Contains(p, "02-") {
						want = "1. Ruth’s, then Tommy’s."
					}
					call := "loss."
					if strings.Contains(p, "01-") {
						call = "judged."
						if !strings.Contains(text, "A. Miss Lucy ") {
							t.Errorf("%s: the key's copy of the choice calls its note:\n%s", where, text)
						}
					}
					if got := onPageOf(t, where, data, call, want[3:]); !slices.Equal(got, []string{"1"}) {
						t.Errorf("%s: the model answer calls %v, want [1]", where, got)
					}
					if strings.Contains(text, "guardian, in chapter") {
						t.Errorf("%s: the key prints the choice's note:\n%s", where, text)
					}
					if st := runTool(t, data, "pdfinfo", "-struct-text"); !strings.Contains(st, "Note <note-key-") {
						t.Errorf("%s: the model answer's note is not a Note of its own:\n%s", where, st)
					}
					continue
				case strings.Contains(p, "answer-key"), strings.Contains(p, "/") && !strings.Contains(p, "01-hailsham"):
					continue
				}
				checked++
				for _, w := range []string{"Miss Lucy" + n, n + ". A guardian, in chapter 7."} {
					if !strings.Contains(text, w) {
						t.Errorf("%s: no %q in\n%s", where, w, text)
					}
				}
				if strings.HasSuffix(p, "-teacher"+profile.Suffix()+".pdf") { // the teacher packet holds the keys too
					onPageOf(t, where, data, "judged.", "Tommy says so in chapter 3.")
					onPageOf(t, where, data, "loss.", "Ruth’s, then Tommy’s.")
				}
				if tc.style == "" {
					onPageOf(t, where, data, "Miss Lucy", "A guardian, in chapter 7.")
				}
				if st := runTool(t, data, "pdfinfo", "-struct-text"); !strings.Contains(st, "Note <note-1-"+n+">") {
					t.Errorf("%s: the choice's note is not a Note of its own (note-1-%s):\n%s", where, n, st)
				}
			}
			if checked != 3 || keys != 2 {
				t.Errorf("%q%s: %d PDFs with the handout checked, want the two packets and the handout's own file, and %d keys, want 2", tc.style, profile.Suffix(), checked, keys)
			}
		}
	}
}

// TestToolkitNotes: a footnote in a definition, a timeline event or a
// mark scheme's descriptor is printed at the foot of the page that calls
// it, a Note: in the handout's vocabulary box and its mark scheme,
// numbered on from the handout's notes, and in the glossary, the
// teacher's vocabulary and the timeline, each numbered in the appendix's
// own sequence. They were dropped, their calls leading nowhere. In an
// in-text and a note style, in both profiles (large print sets a scheme
// as a list); the EPUB's TestDefinitionNotes checks the same.
func TestToolkitNotes(t *testing.T) {
	tool(t, "pdftotext")
	for _, style := range []string{"", "chicago-notes"} {
		silent := booktest.Fixture(t, filepath.Join("..", "lms", "testdata", "silent.txtar"))
		xhtmltest.AddDefinitions(t, silent)
		kit := booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar"))
		booktest.Edit(t, kit, "timeline.yaml", "- {event: The storm takes the boat, when: Ann aged 12, chapter: 1, order: 2}\n",
			"- event: |\n    The storm takes the boat[^storm]\n\n    [^storm]: Told in chapter 1.\n  when: Ann aged 12\n  chapter: 1\n  order: 2\n")
		booktest.Edit(t, kit, "rubrics/literary-essay.yaml", "      - A clear argument.\n",
			"      - |\n        A clear argument[^clear]\n\n        [^clear]: One the essay keeps to.\n")
		if style != "" {
			booktest.Edit(t, silent, "companion.yaml", "citation-style: mla\n", "citation-style: "+style+"\n")
			booktest.Edit(t, kit, "companion.yaml", "language: en-GB\n", "language: en-GB\ncitation-style: "+style+"\n")
		}
		for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
			opt := options(layouts.All, "letter", false)
			opt.Profile = profile
			files, order, _ := renderFiles(t, booktest.MustOpen(t, silent, book.Options{}), opt)
			checkTagged(t, "definition-notes"+style+profile.Suffix(), files, order)
			for _, p := range order {
				if !strings.HasSuffix(p, ".pdf") || strings.Contains(p, "answer-key") {
					continue
				}
				where := fmt.Sprintf("%q%s %s", style, profile.Suffix(), p)
				first := onPageOf(t, where, files[p].Data, "story.", "A boarding school.")
				second := onPageOf(t, where, files[p].Data, "there.", "Never called a teacher.")
				// one after the other, in the order the terms print in:
				// the box's order, or the glossary's alphabetical one
				for i := range min(len(first), len(second)) {
					if d := atoi(t, second[i]) - atoi(t, first[i]); d != 1 && d != -1 {
						t.Errorf("%s: the definitions call notes %s and %s, want them in one sequence", where, first[i], second[i])
					}
				}
			}
			files, order, _ = renderFiles(t, booktest.MustOpen(t, kit, book.Options{}), opt)
			checkTagged(t, "toolkit-notes"+style+profile.Suffix(), files, order)
			timelines, schemes := 0, 0
			for _, p := range order {
				text := flat(pdftotext(t, files[p].Data))
				where := fmt.Sprintf("%q%s %s", style, profile.Suffix(), p)
				if strings.Contains(text, "The storm takes the boat") {
					timelines++
					onPageOf(t, where, files[p].Data, "takes the boat", "Told in chapter 1.")
				}
				if strings.Contains(text, "A clear argument") {
					schemes++
					onPageOf(t, where, files[p].Data, "A clear argument", "One the essay keeps to.")
				}
			}
			if timelines == 0 || schemes == 0 {
				t.Errorf("%q%s: %d PDFs print the timeline and %d the mark scheme, want some of each", style, profile.Suffix(), timelines, schemes)
			}
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFootnoteCallsLink: a footnote's call, the raised number in the
// text, is a link to its note, and the note's number a link back to the
// call's page: at the page's foot in an author-date style (the fixture's
// MLA, where a note stands on its call's page), in the list at the
// handout's end in a note style (chicago-notes), where the number has no
// link back. The links are over their numbers, and the files pass the
// PDF/UA checker (a Link element, with its annotation as an OBJR, in
// the call's Reference).
func TestFootnoteCallsLink(t *testing.T) {
	tool(t, "pdftotext")
	// A call is a raised number (",4" where it follows another), in type
	// smaller than the text's, which the contents' numbers are not.
	calls := regexp.MustCompile(`^,?\d+$`)
	marks := regexp.MustCompile(`^\d+\.$`)
	isCall := func(l fileLink) bool { return calls.MatchString(l.contents) && l.rect[3]-l.rect[1] < 0.7*sizeBody }
	check := func(t *testing.T, name string, files map[string]layouts.File, order []string, foot bool) {
		checkTagged(t, name, files, order)
		found := 0
		for _, path := range order {
			if !strings.HasSuffix(path, ".pdf") {
				continue
			}
			data := files[path].Data
			links := readLinks(t, data)
			words := bboxWordsX(t, data)
			hPt := words[0].pageH
			var others []fileLink
			for _, l := range links {
				if !isCall(l) {
					others = append(others, l)
					continue
				}
				found++
				n := strings.TrimPrefix(l.contents, ",")
				page := pdftotext(t, data, "-f", strconv.Itoa(l.dest), "-l", strconv.Itoa(l.dest))
				if !regexp.MustCompile(`(?m)^` + n + `\.`).MatchString(page) {
					t.Errorf("%s page %d: the call %s leads to page %d, which prints no note %s.", path, l.page, n, l.dest, n)
				}
				// Over its number, which pdftotext reads as part of the
				// word it follows ("disagrees.3,4").
				if !slices.ContainsFunc(words, func(w bboxWordX) bool {
					cy := hPt - (w.yMin+w.yMax)/2
					return w.page == l.page && strings.Contains(w.text, l.contents) && w.xMax >= l.rect[2]-0.5 && w.xMin <= l.rect[0] &&
						cy >= l.rect[1]-6 && cy <= l.rect[3]+6
				}) {
					t.Errorf("%s page %d: the call %s's link (%v) is not over a word that ends in it", path, l.page, l.contents, l.rect)
				}
				if foot && l.dest != l.page {
					t.Errorf("%s page %d: the call %s leads to page %d, not to the foot of its own page", path, l.page, l.contents, l.dest)
				}
				back := slices.ContainsFunc(links, func(m fileLink) bool {
					return m.page == l.dest && m.contents == n+"." && m.dest == l.page
				})
				if foot && !back {
					t.Errorf("%s page %d: note %s. is no link back to its call's page: %v", path, l.dest, n, onPage(links, l.dest))
				}
			}
			if !foot && slices.ContainsFunc(links, func(l fileLink) bool { return marks.MatchString(l.contents) }) {
				t.Errorf("%s: a note of the end list links back, which it has no call's place to", path)
			}
			checkLinksOverWords(t, path, data, others)
		}
		if found == 0 {
			t.Errorf("%s: no footnote call is a link", name)
		}
	}
	t.Run("page foot", func(t *testing.T) {
		b := booktest.OpenFixture(t, "full", true)
		files, order, _ := renderFiles(t, b, options(layouts.All, "letter", true))
		check(t, "full", files, order, true)
	})
	t.Run("end list", func(t *testing.T) {
		notes := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "notes.txtar")), book.Options{})
		files, order, _ := renderFiles(t, notes, options(layouts.All, "letter", false))
		check(t, "notes", files, order, false)
	})
}
