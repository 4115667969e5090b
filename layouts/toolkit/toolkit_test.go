package toolkit

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestDocs: the student edition has the glossary, the characters and the
// timeline; the teacher's also the theme tracker, the rubrics and the
// pacing calendars, its glossary chapter by chapter (in the fixture's
// British words).
func TestDocs(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "epub", "testdata", "toolkit.txtar")), book.Options{})
	for _, tc := range []struct {
		teacher bool
		want    string
	}{
		{false, "glossary:Glossary characters:Character list timeline:Timeline"},
		{true, "glossary:Glossary by handout characters:Character list timeline:Timeline theme-tracker:Theme tracker rubrics:Mark schemes pacing:Schemes of work"},
	} {
		var got []string
		for _, d := range Docs(b, tc.teacher) {
			got = append(got, d.Name+":"+d.Title)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("teacher %v: Docs = %q, want %q", tc.teacher, g, tc.want)
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
			Inline:  func(m *book.Markdown) string { return "…" },
			Prompt:  func(q *book.Question) string { return q.ID },
		}
		for _, d := range Docs(b, true) {
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
		Inline:  func(m *book.Markdown) string { return "…" },
		Prompt:  func(q *book.Question) string { return q.ID },
	}
	for _, teacher := range []bool{false, true} {
		w.Teacher = teacher
		for _, d := range Docs(b, teacher) {
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
	for _, d := range Docs(b, false) {
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
		Inline:  func(m *book.Markdown) string { return "…" },
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
			Inline:  func(m *book.Markdown) string { return "…" },
		}
		body := w.Body(Glossary)
		entry, _, _ := strings.Cut(body[strings.Index(body, ">lamp room<"):], "\n<dt>")
		if _, dd, _ := strings.Cut(entry, "\n"); dd != c.want {
			t.Errorf("cite %q: the entry reads %q, want %q", c.cite, dd, c.want)
		}
	}
}
