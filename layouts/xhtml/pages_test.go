package xhtml_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// TestPagesHooks: what the EPUB and the site set out differently comes
// from Pages' fields alone: the links to chapters, a standard as an
// abbreviation or a span, the tables' scrolling regions and the room to
// write an answer; what the editions set out differently, from Teacher:
// a question's standards.
func TestPagesHooks(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../site/testdata/full.txtar"), book.Options{Draft: true})
	var voyage *book.Question
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			if q.ID == "voyage-name" {
				voyage = q
			}
		}
	}
	pages := func(site bool) *xhtml.Pages {
		return &xhtml.Pages{Book: b, Teacher: true, Abbr: site, Scroll: site, AnswerSpace: site,
			Chapter: func(c *book.Chapter) string { return "to/" + c.ID },
			Piece: func(m *book.Markdown, prefix string, shift, _ int) (string, string) {
				return xhtml.New(nil, xhtml.Options{NotePrefix: prefix, HeadingShift: shift}).Blocks(m.Doc.Blocks), ""
			},
			Inline: func(m *book.Markdown, _ string, _ int) (string, string) {
				return xhtml.New(nil, xhtml.Options{}).Inlines(xhtml.Inline(m.Doc)), ""
			},
		}
	}
	question := func(site bool) string {
		var notes strings.Builder
		return pages(site).Question(voyage, &notes)
	}
	student := pages(false)
	student.Teacher = false
	var notes strings.Builder
	studentQuestion := student.Question(voyage, &notes)
	for _, tc := range []struct {
		name      string
		got       string
		want, not []string
	}{
		{"EPUB question", question(false),
			[]string{`<span class="standard" title="`, `<a href="#quote-no-one">“My name is Nobody.”</a> <span class="unverified-mark">unverified</span>`},
			[]string{"<abbr", "answer-space"}},
		// Standards are the teacher's, as in the handouts; the evidence
		// is everyone's.
		{"student question", studentQuestion,
			[]string{`<span class="detail-label">Evidence:</span>`},
			[]string{"Standards:", `class="standard"`, "TEACHER-ONLY"}},
		{"site question", question(true),
			[]string{`<abbr class="standard" title="`, `<div class="answer-space lines-`},
			[]string{`<span class="standard"`}},
		{"EPUB map", pages(false).CurriculumMap(),
			// A stacked cell names the companion's handout, never "Chapter 2",
			// which a reader takes for the work's.
			[]string{`<a href="to/voyage#question-voyage-name">1</a>`, `<th scope="col"><a href="to/voyage" title="The Voyage">2</a></th>`,
				`<td data-chapter="Handout 2">`, "standards by handout"},
			[]string{"table-scroll", "Chapter"}},
		{"site map", pages(true).CurriculumMap(),
			[]string{`<div class="table-scroll" role="region" tabindex="0" aria-label="`},
			nil},
		{"index", pages(false).QuotationIndex(),
			// the speaker and the place never parted
			[]string{`<span class="detail-label">Discussed in:</span> <a href="to/voyage#quote-no-one" title="Handout 2 · The Voyage">Handout` + "\u00A0" + `2</a>`,
				"—\u00A0Odysseus\u00A0<span class=\"citation\">"},
			[]string{"Chapter"}},
	} {
		for _, s := range tc.want {
			if !strings.Contains(tc.got, s) {
				t.Errorf("%s: no %q in\n%s", tc.name, s, tc.got)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(tc.got, s) {
				t.Errorf("%s: %q in\n%s", tc.name, s, tc.got)
			}
		}
	}
}

// TestQuizOnPaper: in the student edition a quiz question (multiple
// choice, true or false, short answer) sends the student to the printed
// handout, without its answers, which are the teacher's; an open question
// says nothing of the kind, and the teacher edition marks the answers
// instead.
func TestQuizOnPaper(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../lms/testdata/questions.txtar"), book.Options{})
	const line = `<p class="answer-on-paper">Answer on the printed handout.</p>`
	for _, teacher := range []bool{false, true} {
		p := &xhtml.Pages{Book: b, Teacher: teacher,
			Chapter: func(c *book.Chapter) string { return "to/" + c.ID },
			// The fixture's prompts cite: set as plain text, which needs
			// no output's hooks.
			Piece: func(m *book.Markdown, _ string, _, _ int) (string, string) {
				return "<p>" + doc.PlainText(xhtml.Inline(m.Doc)) + "</p>", ""
			},
			Inline: func(m *book.Markdown, _ string, _ int) (string, string) {
				return doc.PlainText(xhtml.Inline(m.Doc)), ""
			},
		}
		var questions []*book.Question
		for _, c := range b.Chapters {
			questions = append(questions, c.Questions...)
		}
		for _, q := range questions {
			var notes strings.Builder
			got := p.Question(q, &notes)
			if want := !teacher && q.Format != book.AnswerOpen; strings.Contains(got, line) != want {
				t.Errorf("teacher %v, %s question %s: the line to answer on paper %v, want %v\n%s", teacher, q.Format, q.ID, !want, want, got)
			}
			if !teacher && (strings.Contains(got, `class="correct"`) || strings.Contains(got, "Accepted answers") || strings.Contains(got, "Answer:")) {
				t.Errorf("student %s question %s shows its answer:\n%s", q.Format, q.ID, got)
			}
		}
	}
}

// TestQuestionsByPhase: a chapter's questions come under the headings of
// their phases as the printed handout sets them ("During reading"), those
// with none first and unheaded, each list numbering on from the one
// before, and the projects in a section of their own.
func TestQuestionsByPhase(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../site/testdata/full.txtar"), book.Options{Draft: true})
	c := &book.Chapter{Questions: []*book.Question{
		{ID: "a", Phase: ""}, {ID: "b", Phase: "during"}, {ID: "c", Phase: "during"},
		{ID: "d", Phase: "post"}, {ID: "e", Phase: "project"},
	}}
	p := &xhtml.Pages{Book: b, Teacher: false,
		Chapter: func(c *book.Chapter) string { return "to/" + c.ID },
		Piece:   func(*book.Markdown, string, int, int) (string, string) { return "", "" },
		Inline:  func(*book.Markdown, string, int) (string, string) { return "", "" },
	}
	var notes strings.Builder
	got := p.Questions(c, "<p>INTRO</p>\n", &notes)
	want := []string{
		`<h2 id="discussion-questions">Discussion questions</h2>` + "\n<p>INTRO</p>\n" + `<ol class="questions">` + "\n" + `<li id="question-a">`,
		"</ol>\n<h3>During reading</h3>\n" + `<ol class="questions" start="2">` + "\n" + `<li id="question-b">`,
		"</ol>\n<h3>After reading</h3>\n" + `<ol class="questions" start="4">` + "\n" + `<li id="question-d">`,
		"</ol>\n</section>\n" + `<section class="questions" aria-labelledby="project-questions">` + "\n" +
			`<h2 id="project-questions">Projects</h2>` + "\n" + `<ol class="questions" start="5">` + "\n" + `<li id="question-e">`,
	}
	at := 0
	for _, s := range want {
		i := strings.Index(got[at:], s)
		if i < 0 {
			t.Fatalf("no %q after byte %d in\n%s", s, at, got)
		}
		at += i + len(s)
	}
	if strings.Count(got, "<h3>") != 2 {
		t.Errorf("want a heading for each of two phases, no more:\n%s", got)
	}
}

// TestIndexCite: the quotation index, which the EPUB, the site and the
// handouts share, gives a quotation's place in the work studied by its
// locator alone in one form in every style: in brackets, lower case,
// without a note's closing period ("(chap. 2)", not the note form
// "Chap. 2."), and the page's markup says the same.
func TestIndexCite(t *testing.T) {
	for _, tc := range []struct{ style, want string }{
		{"chicago-notes", "(chap. 2)"},
		{"chicago-shortened-notes", "(chap. 2)"},
		{"mla-notes", "(ch. 2)"},
		{"mla", "(ch. 2)"},
		{"apa", "(chap. 2)"},
	} {
		t.Run(tc.style, func(t *testing.T) {
			fsys := booktest.Fixture(t, "../epub/testdata/notes.txtar")
			booktest.Edit(t, fsys, "companion.yaml", "citation-style: chicago-notes", "citation-style: "+tc.style)
			b := booktest.MustOpen(t, fsys, book.Options{})
			var opening *book.Quote
			for _, q := range b.AllQuotes() {
				if q.ID == "opening" {
					opening = q
				}
			}
			got := xhtml.IndexCite(b, opening)
			if plain := strings.ReplaceAll(got.Plain(), "\u00a0", " "); plain != tc.want {
				t.Errorf("IndexCite = %q, want %q", plain, tc.want)
			}
			p := &xhtml.Pages{Book: b, Chapter: func(c *book.Chapter) string { return c.ID + ".xhtml" }}
			if html := p.QuotationIndex(); !strings.Contains(html, `<span class="citation">`+xhtml.Citation(got)+`</span>`) {
				t.Errorf("the index does not give %q:\n%s", tc.want, html)
			}
		})
	}
}
