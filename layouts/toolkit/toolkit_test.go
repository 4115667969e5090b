package toolkit

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestBackMatter: the student edition ends with the glossary, the
// characters, the timeline, the quotation index and the works cited;
// the teacher's has them in the same order, its glossary chapter by
// chapter, with the theme tracker, the rubrics, the pacing calendars,
// the answer key and the curriculum map between (in the fixture's
// British words). A section whose list the book lacks is left out, and
// the others keep their order.
func TestBackMatter(t *testing.T) {
	fsys := booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar"))
	// a model answer, for the answer key
	question := `{id: keeper-word, prompt: "What does a keeper do?", type: comprehension, phase: during`
	ch := fsys["chapters/01-arrival.md"]
	ch.Data = []byte(strings.Replace(string(ch.Data), question, question+", answer: Tends the light.", 1))
	full := booktest.MustOpen(t, fsys, book.Options{})
	ch.Data = []byte(strings.Replace(string(ch.Data), ", answer: Tends the light.", "", 1))
	// the timeline and the schedules gone, and the chapters' vocabulary,
	// quotations and standards, and the framework
	delete(fsys, "timeline.yaml")
	delete(fsys, "schedules/short.yaml")
	delete(fsys, "schedules/long.yaml")
	for name, f := range fsys {
		if strings.HasPrefix(name, "chapters/") || strings.HasPrefix(name, "rubrics/") {
			var keep []string
			for _, line := range strings.Split(string(f.Data), "\n") {
				if !strings.HasPrefix(line, "  - {term:") && !strings.HasPrefix(line, "  - {id: storm-line") && !strings.HasPrefix(line, "  - {id: told") &&
					!strings.Contains(line, "standards:") && line != "vocabulary:" && line != "quotes:" {
					keep = append(keep, line)
				}
			}
			f.Data = []byte(strings.Join(keep, "\n"))
		}
	}
	delete(fsys, "curricula/district.yaml")
	sparse := booktest.MustOpen(t, fsys, book.Options{})
	for _, tc := range []struct {
		b       *book.Book
		teacher bool
		want    string
	}{
		{full, false, "glossary:Glossary characters:Character list timeline:Timeline quotation-index:Quotation index works-cited:Works cited"},
		{full, true, "glossary:Glossary by handout characters:Character list timeline:Timeline theme-tracker:Theme tracker rubrics:Mark schemes pacing:Schemes of work " +
			"answer-key:Answer key curriculum-map:Curriculum map quotation-index:Quotation index works-cited:Works cited"},
		{sparse, false, "characters:Character list works-cited:Works cited"},
		{sparse, true, "characters:Character list theme-tracker:Theme tracker rubrics:Mark schemes works-cited:Works cited"},
	} {
		var got []string
		for _, s := range BackMatter(tc.b, tc.teacher) {
			got = append(got, s.Name+":"+s.Title)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("teacher %v: BackMatter = %q, want %q", tc.teacher, g, tc.want)
		}
	}
}

// TestFormats: only the EPUB writes epub:type, and only a format that
// asks for them puts its tables in scrolling regions.
func TestFormats(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar")), book.Options{})
	for _, tc := range []struct {
		epub, scroll bool
	}{{true, false}, {false, true}} {
		w := Writer{Book: b, Teacher: true, EPUB: tc.epub, Scroll: tc.scroll, TermIDs: TermIDs(b),
			Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
			Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
			Prompt:  func(q *book.Question) string { return q.ID },
		}
		for _, d := range BackMatter(b, true) {
			if !d.Toolkit() {
				continue
			}
			body := w.Body(d.Name)
			if got := strings.Contains(body, "epub:type="); got != tc.epub {
				t.Errorf("EPUB %v: %s has epub:type: %v", tc.epub, d.Name, got)
			}
			if strings.Contains(body, "<table") && strings.Contains(body, `class="table-scroll"`) != tc.scroll {
				t.Errorf("Scroll %v: %s's tables in a region: %v", tc.scroll, d.Name, !tc.scroll)
			}
		}
	}
}

// TestWholeStoryLabelled: the character list and the timeline follow the
// story to its end, so their pages and contents lines say so, as a
// handout says which parts it covers, in both editions; no other document
// does, nor a book that names no parts (whose handouts say nothing of
// what they cover either).
func TestWholeStoryLabelled(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar")), book.Options{})
	const label = "Covers the whole story: read after finishing it"
	w := Writer{Book: b, TermIDs: TermIDs(b),
		Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
		Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
		Prompt:  func(q *book.Question) string { return q.ID },
	}
	for _, teacher := range []bool{false, true} {
		w.Teacher = teacher
		for _, d := range BackMatter(b, teacher) {
			if !d.Toolkit() {
				continue
			}
			whole := d.Name == Characters || d.Name == Timeline
			if got := d.Covers == label; got != whole {
				t.Errorf("teacher %v: %s's Covers = %q", teacher, d.Name, d.Covers)
			}
			if got := strings.Contains(w.Body(d.Name), `<p class="spoiler-level">`+label+"</p>"); got != whole {
				t.Errorf("teacher %v: %s's page says it covers the whole story: %v, want %v", teacher, d.Name, got, whole)
			}
		}
	}
	b.WorkParts = nil
	for _, d := range BackMatter(b, false) {
		if !d.Toolkit() {
			continue
		}
		if d.Covers != "" || strings.Contains(w.Body(d.Name), "spoiler-level") {
			t.Errorf("a book with no parts: %s says what it covers (%q)", d.Name, d.Covers)
		}
	}
}

// TestTablesHeaded: each mark scheme and scheme of work is a section
// under an h2 of its title, which names its table; more than two open with
// a list of links to them, two or fewer do not.
func TestTablesHeaded(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar")), book.Options{})
	w := Writer{Book: b, Teacher: true, TermIDs: TermIDs(b),
		Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
		Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
		Prompt:  func(q *book.Question) string { return q.ID },
	}
	for _, tc := range []struct{ body, want string }{
		{w.Body(Rubrics), `<section id="rubric-literary-essay" aria-labelledby="rubric-literary-essay-title">` + "\n" +
			`<h2 id="rubric-literary-essay-title">Literary essay</h2>` + "\n" + `<table class="rubric" aria-labelledby="rubric-literary-essay-title">`},
		// a criterion's standards in the text's weight, apart from its name
		{w.Body(Rubrics), `<th scope="row">Argument<br /><span class="criterion-standards">`},
		{w.Body(Pacing), `<h2 id="schedule-short-title">`},
		// a lesson's focus in the text's weight, apart from its number
		{w.Body(Pacing), "<th scope=\"row\">Lesson\u00A01<br /><span class=\"lesson-focus\">Arriving</span></th>"},
	} {
		if !strings.Contains(tc.body, tc.want) {
			t.Errorf("no %q in\n%s", tc.want, tc.body)
		}
		if strings.Contains(tc.body, "<caption>") || strings.Contains(tc.body, "jump-list") {
			t.Errorf("one table: a caption or a list of tables in\n%s", tc.body)
		}
	}
	for n, want := range map[int]bool{2: false, 3: true} {
		var sb strings.Builder
		var ts []headedTable
		for i := range n {
			ts = append(ts, headedTable{"t" + strconv.Itoa(i), "Table " + strconv.Itoa(i), "<table></table>\n"})
		}
		headed(&sb, ts)
		if got := strings.Contains(sb.String(), `<ul class="jump-list">`+"\n"+`<li><a href="#t0">Table 0</a></li>`); got != want {
			t.Errorf("%d tables: a list of them %v, want %v:\n%s", n, got, want, sb.String())
		}
	}
}

// TestGlossaryCitationPrintsNothingSilent: a term's citation that prints
// nothing (the work cited with its author suppressed and no page, in MLA)
// leaves no space and no empty span between the definition and the
// handout it is from; one with a page prints it.
func TestGlossaryCitationPrintsNothingSilent(t *testing.T) {
	for _, c := range []struct{ cite, want string }{
		{"-@doe2001", `<dd>… <span class="where">(<a href="arrival.html">Handout 1</a>)</span></dd>`},
		{"-@doe2001, p. 3", `<dd>… <span class="citation">(3)</span> <span class="where">(<a href="arrival.html">Handout 1</a>)</span></dd>`},
	} {
		fsys := booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar"))
		ch := fsys["chapters/01-arrival.md"]
		ch.Data = []byte(strings.Replace(string(ch.Data), `cite: "@doe2001, p. 3"}`, `cite: "`+c.cite+`"}`, 1))
		b := booktest.MustOpen(t, fsys, book.Options{})
		w := Writer{Book: b, TermIDs: TermIDs(b),
			Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
			Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
		}
		body := w.Body(Glossary)
		entry, _, _ := strings.Cut(body[strings.Index(body, ">lamp room<"):], "\n<dt>")
		if _, dd, _ := strings.Cut(entry, "\n"); dd != c.want {
			t.Errorf("cite %q: the entry reads %q, want %q", c.cite, dd, c.want)
		}
	}
}

// TestThemeTrackerLists: the theme tracker lists, beside each theme under
// a column header, the handouts that take it up, each a link to its
// handout, with the questions that tag the theme, each a link to its
// question (the prompt as its title), and the key quotations that do,
// each a link to its quotation, as the PDF's tracker lists them; not
// counts of a part's tags.
func TestThemeTrackerLists(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar")), book.Options{})
	w := Writer{Book: b, Teacher: true, TermIDs: TermIDs(b),
		Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
		Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
		Prompt:  func(q *book.Question) string { return "prompt " + q.ID },
	}
	body := w.Body(ThemeTracker)
	for _, want := range []string{
		`<tr><th scope="col">Theme</th><th scope="col">In the handouts</th></tr>`,
		`<tr><th scope="row">Memory and consolation</th><td><ul class="theme-uses">` + "\n" +
			`<li><a href="arrival.html">Handout` + "\u00A0" + `1</a>: <a href="arrival.html#question-storm" title="prompt storm">Q1</a>; ` +
			`key quotation <a href="arrival.html#quote-storm-line" title="The sea took what it was owed.">1</a></li>` + "\n</ul></td></tr>",
		`<li><a href="departure.html">Handout` + "\u00A0" + `2</a>: <a href="departure.html#question-essay" title="prompt essay">Q2</a>; ` +
			`key quotation <a href="departure.html#quote-told" title="Nobody told us; we knew.">1</a></li>`,
		`<tr><th scope="row">Hope deferred</th><td><ul class="theme-uses">` + "\n" +
			`<li><a href="departure.html">Handout` + "\u00A0" + `2</a>: <a href="departure.html#question-after" title="prompt after">Q1</a>, ` +
			`<a href="departure.html#question-essay" title="prompt essay">Q2</a></li>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the tracker has no\n%s\nin\n%s", want, body)
		}
	}
}

// TestThemeTrackerNotesOnly: a handout whose notes alone take a theme up
// says so in the tracker ("Handout 2: notes", as the curriculum map's dot
// does), where its label alone read as an item dropped.
func TestThemeTrackerNotesOnly(t *testing.T) {
	fsys := booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar"))
	ch := fsys["chapters/02-departure.md"]
	ch.Data = []byte(strings.Replace(string(ch.Data), "themes: [knowledge]\nvocabulary", "themes: [knowledge, memory]\nvocabulary", 1))
	b := booktest.MustOpen(t, fsys, book.Options{})
	w := Writer{Book: b, Teacher: true, TermIDs: TermIDs(b),
		Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
		Inline:  func(*book.Markdown, string, int) (string, string) { return "…", "" },
		Prompt:  func(q *book.Question) string { return "prompt " + q.ID },
	}
	body := w.Body(ThemeTracker)
	if want := `<li><a href="departure.html">Handout` + "\u00A0" + `2</a>: notes</li>`; !strings.Contains(body, want) {
		t.Errorf("the tracker has no\n%s\nin\n%s", want, body)
	}
}

// TestThemeHandouts: a theme's handouts in the order of the work, each
// with its questions in number order (the handout's phases' order, not
// the file's) and its key quotations in its own order, numbered as it
// numbers them; a handout whose notes alone take the theme up has none.
func TestThemeHandouts(t *testing.T) {
	fsys := booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar"))
	// Departure takes up memory in its notes alone; Arrival in a third
	// quotation too, and in its second question, whose phase comes
	// first.
	ch := fsys["chapters/02-departure.md"]
	ch.Data = []byte(strings.Replace(string(ch.Data), "themes: [knowledge]\nvocabulary", "themes: [knowledge, memory]\nvocabulary", 1))
	ch = fsys["chapters/01-arrival.md"]
	ch.Data = []byte(strings.Replace(string(ch.Data), `phase: during}`, `phase: pre, themes: [memory]}`+"\n  - {id: third, prompt: \"Why?\", phase: during}", 1))
	ch.Data = []byte(strings.Replace(string(ch.Data), "    phase: pre\n", "    phase: during\n", 1))
	ch.Data = []byte(strings.Replace(string(ch.Data), "quotes:\n", "quotes:\n  - {id: first-line, text: The light came first., cite: \"@doe2001, p. 1\", verified: true}\n", 1))
	ch.Data = []byte(strings.Replace(string(ch.Data), "themes: [memory]}\nquestions", "themes: [memory]}\n  - {id: last-line, text: And the dark after., cite: \"@doe2001, p. 2\", verified: true, themes: [memory]}\nquestions", 1))
	b := booktest.MustOpen(t, fsys, book.Options{})
	var got []string
	for _, h := range ThemeHandouts(b.ThemeUses()[0]) {
		line := h.Chapter.ID + ":"
		for _, q := range h.Questions {
			line += " Q" + strconv.Itoa(q.Number) + "=" + q.ID
		}
		for _, q := range h.Quotes {
			line += " K" + strconv.Itoa(QuoteNumber(q)) + "=" + q.ID
		}
		got = append(got, line)
	}
	if want := []string{"arrival: Q1=keeper-word Q2=storm K2=storm-line K3=last-line", "departure:"}; !slices.Equal(got, want) {
		t.Errorf("memory's handouts are %q, want %q", got, want)
	}
}
