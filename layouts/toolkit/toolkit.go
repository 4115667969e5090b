// Package toolkit writes the teacher's toolkit as HTML sections, the same
// for the EPUB (XHTML, with epub:type) and the site: a glossary the
// chapters' terms link to, the characters and the timeline in both
// editions; the theme tracker, the rubrics and the pacing calendars in
// the teacher's. The format gives the links to chapters and the writer
// of inline Markdown; this package decides what each document holds. The
// timeline's and the pacing calendars' columns and cells (columns.go) are
// the PDF's as well, and which sections each edition's back matter has,
// in which order, is every format's (BackMatter).
package toolkit

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// GlossaryTerms are the book's terms in the student glossary's order:
// alphabetical in the book's language, ignoring case and accents, terms
// that collate alike in the handouts' order. The PDF's glossary is in
// this order too.
func GlossaryTerms(b *book.Book) []*book.Term {
	terms := b.Vocabulary()
	col := collate.New(language.Make(b.Language), collate.IgnoreCase, collate.Loose)
	slices.SortStableFunc(terms, func(x, y *book.Term) int { return col.CompareString(x.Term, y.Term) })
	return terms
}

// TermIDs gives every term of the book its anchor in the glossary: its
// slug, unique.
func TermIDs(b *book.Book) map[*book.Term]string {
	ids := map[*book.Term]string{}
	used := map[string]bool{}
	for _, t := range b.Vocabulary() {
		base := "term-" + doc.Slug(t.Term)
		id := base
		for i := 2; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		ids[t] = id
	}
	return ids
}

// Writer writes an edition's toolkit documents for one format.
type Writer struct {
	Book    *book.Book
	Teacher bool
	EPUB    bool // write epub:type, as XHTML for an EPUB
	// Scroll puts each table in a region that scrolls sideways, which
	// a keyboard can reach, for a screen narrower than the table.
	Scroll  bool
	TermIDs map[*book.Term]string // from TermIDs
	// Chapter is the link from a toolkit document to a chapter's.
	Chapter func(*book.Chapter) string
	// Inline writes inline Markdown (a definition, a descriptor) as
	// xhtml.Pages.Inline a choice: its notes apart, their ids kept apart
	// by notePrefix, numbered on from notesFrom.
	Inline func(m *book.Markdown, notePrefix string, notesFrom int) (text, notes string)
	// Prompt is a question's prompt as plain text.
	Prompt func(*book.Question) string

	// notes are the notes of the document's pieces so far, which end it
	// (end); lastNote is the number of the last, pieces the pieces
	// written.
	notes            strings.Builder
	lastNote, pieces int
}

// Body writes the toolkit document named name (Section.Toolkit).
func (e *Writer) Body(name string) string {
	e.notes.Reset()
	e.lastNote, e.pieces = 0, 0
	switch name {
	case Glossary:
		return e.glossary()
	case Characters:
		return e.characterList()
	case Timeline:
		return e.timeline()
	case ThemeTracker:
		return e.themeTracker()
	case Rubrics:
		return e.rubrics()
	}
	return e.pacing()
}

// inline writes a piece of inline Markdown of the document, its notes
// numbered on from the document's before them and kept for its end, so
// that no two notes of a page share a number or an id: a definition's
// note was once dropped, its call leading nowhere.
func (e *Writer) inline(m *book.Markdown) string {
	if m == nil {
		return ""
	}
	e.pieces++
	text, notes := e.Inline(m, "t"+strconv.Itoa(e.pieces)+"-", e.lastNote)
	e.lastNote += len(m.Doc.Notes)
	e.notes.WriteString(notes)
	return text
}

// end closes a document's section after the notes of its pieces.
func (e *Writer) end(w *strings.Builder) {
	w.WriteString(e.notes.String() + "</section>")
}

func (e *Writer) label(key string, pairs ...string) string {
	return e.Book.Labels.Format(key, pairs...)
}

// esc escapes the toolkit's text, binding each range's dash to its
// numbers ("ch. 10–14", "Level 5 (21–25)"), which a table's narrow
// column would otherwise break at the dash.
func esc(s string) string { return html.EscapeString(tie.Ranges(s)) }

// header writes a table's row of column headers.
func header(w *strings.Builder, columns []string) {
	w.WriteString("<tr>")
	for _, c := range columns {
		w.WriteString("<th scope=\"col\">" + esc(c) + "</th>")
	}
	w.WriteString("</tr>\n")
}

// openRegion opens a table's scrolling region, named label, when the
// format asks for one; closeRegion closes it.
func (e *Writer) openRegion(w *strings.Builder, label string) {
	if e.Scroll {
		fmt.Fprintf(w, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n", esc(label))
	}
}

func (e *Writer) closeRegion(w *strings.Builder) {
	if e.Scroll {
		w.WriteString("</div>\n")
	}
}

// appendix opens a document's section with its heading; epubType is the
// EPUB's structural semantics, which only the EPUB writes.
func (e *Writer) appendix(w *strings.Builder, class, epubType, role, title string) {
	types := ""
	if e.EPUB {
		types = " epub:type=\"" + epubType + "\""
	}
	fmt.Fprintf(w, "<section class=\"%s\"%s role=\"%s\" aria-labelledby=\"%s-title\">\n<h1 id=\"%s-title\">%s</h1>\n",
		class, types, role, class, class, esc(title))
}

// covers writes, under a document's heading, what it gives away of the
// work (Section.Covers), as a handout's page says what it covers.
func (e *Writer) covers(w *strings.Builder, name string) {
	for _, d := range BackMatter(e.Book, e.Teacher) {
		if d.Name == name && d.Covers != "" {
			fmt.Fprintf(w, "<p class=\"spoiler-level\">%s</p>\n", esc(d.Covers))
		}
	}
}

// glossary is every term: in the student edition in alphabetical order
// as a glossary, in the teacher's chapter by chapter, cumulatively.
func (e *Writer) glossary() string {
	var w strings.Builder
	entry := func(t *book.Term, chapter bool) {
		fmt.Fprintf(&w, "<dt><dfn id=\"%s\">%s</dfn>", e.TermIDs[t], esc(t.Term))
		if t.PartOfSpeech != "" {
			fmt.Fprintf(&w, " <span class=\"part-of-speech\">%s</span>", esc(t.PartOfSpeech))
		}
		fmt.Fprintf(&w, "</dt>\n<dd>%s", e.inline(t.Definition))
		if len(t.Cite) > 0 {
			w.WriteString(xhtml.CitationAfter(e.Book.Cite(t.Cite)))
		}
		if chapter {
			fmt.Fprintf(&w, " <span class=\"where\">(<a href=\"%s\">%s</a>)</span>", e.Chapter(t.Chapter), esc(e.label("handout-number", "n", strconv.Itoa(t.Chapter.Number))))
		}
		w.WriteString("</dd>\n")
	}
	if e.Teacher {
		e.appendix(&w, "glossary", "glossary", "doc-glossary", e.label("vocabulary-by-chapter"))
		for _, c := range e.Book.Chapters {
			if len(c.Vocabulary) == 0 {
				continue
			}
			id := "vocabulary-" + c.ID
			fmt.Fprintf(&w, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n<dl class=\"glossary\">\n", id, id,
				esc(e.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", c.Title)))
			for _, t := range c.Vocabulary {
				entry(t, false)
			}
			w.WriteString("</dl>\n</section>\n")
		}
		e.end(&w)
		return w.String()
	}
	e.appendix(&w, "glossary", "glossary", "doc-glossary", e.label("glossary"))
	fmt.Fprintf(&w, "<p>%s</p>\n<dl class=\"glossary\">\n", esc(e.label("glossary-intro")))
	for _, t := range GlossaryTerms(e.Book) {
		entry(t, true)
	}
	w.WriteString("</dl>\n")
	e.end(&w)
	return w.String()
}

// characterList is the characters, each with who they are, where they
// first appear and how they stand to the others.
func (e *Writer) characterList() string {
	var w strings.Builder
	e.appendix(&w, "characters", "appendix", "doc-appendix", e.label("characters"))
	e.covers(&w, Characters)
	w.WriteString("<dl class=\"characters\">\n")
	for _, c := range e.Book.Characters {
		fmt.Fprintf(&w, "<dt id=\"character-%s\">%s</dt>\n", c.ID, esc(c.Name))
		if c.Description != "" {
			fmt.Fprintf(&w, "<dd>%s</dd>\n", esc(c.Description))
		}
		if c.FirstAppears > 0 {
			fmt.Fprintf(&w, "<dd class=\"where\">%s</dd>\n", esc(e.label("first-appears", "n", strconv.Itoa(c.FirstAppears))))
		}
		if len(c.Relationships) > 0 {
			w.WriteString("<dd><ul class=\"relationships\">\n")
			for _, r := range c.Relationships {
				fmt.Fprintf(&w, "<li><a href=\"#character-%s\">%s</a>: %s</li>\n", r.With.ID, esc(r.With.Name), esc(r.Relation))
			}
			w.WriteString("</ul></dd>\n")
		}
	}
	w.WriteString("</dl>\n")
	e.end(&w)
	return w.String()
}

// timeline is the story's events in story order, beside the chapters of
// the work that narrate them.
func (e *Writer) timeline() string {
	var w strings.Builder
	e.appendix(&w, "timeline", "appendix", "doc-appendix", e.label("timeline"))
	e.covers(&w, Timeline)
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("timeline-intro")))
	e.openRegion(&w, e.label("timeline"))
	w.WriteString("<table class=\"timeline\">\n<thead>\n")
	header(&w, TimelineColumns(e.Book))
	w.WriteString("</thead>\n<tbody>\n")
	for i, ev := range e.Book.Timeline {
		fmt.Fprintf(&w, "<tr><td>%d</td><td>%s</td><th scope=\"row\">%s</th><td>%s</td></tr>\n", i+1, esc(ev.When), e.inline(ev.Event), esc(NarratedIn(e.Book, ev)))
	}
	w.WriteString("</tbody>\n</table>\n")
	e.closeRegion(&w)
	e.end(&w)
	return w.String()
}

// themeTracker is each theme beside the handouts that take it up, in the
// order of the work, as the PDF's tracker lists them (ThemeHandouts):
// each handout a link to it, then its questions that tag the theme and
// its key quotations that do, each a link to the question or the
// quotation. Counts of a part's tags ("19 / 14 / 13") told a teacher
// nothing to set.
func (e *Writer) themeTracker() string {
	var w strings.Builder
	e.appendix(&w, "theme-tracker", "appendix", "doc-appendix", e.label("theme-tracker"))
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("theme-tracker-list-intro")))
	e.openRegion(&w, e.label("theme-tracker"))
	w.WriteString("<table class=\"theme-tracker\" aria-labelledby=\"theme-tracker-title\">\n<thead>\n")
	header(&w, []string{e.label("theme"), e.label("theme-where")})
	w.WriteString("</thead>\n<tbody>\n")
	for _, u := range e.Book.ThemeUses() {
		fmt.Fprintf(&w, "<tr><th scope=\"row\">%s</th><td>", esc(u.Theme.Name))
		if hs := ThemeHandouts(u); len(hs) > 0 {
			w.WriteString("<ul class=\"theme-uses\">\n")
			for _, h := range hs {
				fmt.Fprintf(&w, "<li>%s</li>\n", e.themeHandout(h))
			}
			w.WriteString("</ul>")
		}
		w.WriteString("</td></tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
	e.closeRegion(&w)
	e.end(&w)
	return w.String()
}

// themeHandout is a handout's line of the theme tracker: "Handout 3: Q2,
// Q8; key quotations 1, 5", the handout, each question (or run of
// questions) and each quotation a link to it, with the prompt or the
// quotation as the link's title, there on hover.
func (e *Writer) themeHandout(h ThemeHandout) string {
	page := e.Chapter(h.Chapter)
	var parts []string
	if len(h.Questions) > 0 {
		var runs []string
		for _, r := range QuestionRuns(e.Book, h.Questions) {
			runs = append(runs, fmt.Sprintf("<a href=\"%s#question-%s\" title=\"%s\">%s</a>", page, r.First.ID, esc(e.Prompt(r.First)), esc(r.Text)))
		}
		parts = append(parts, strings.Join(runs, ", "))
	}
	if len(h.Quotes) > 0 {
		var links []string
		for _, q := range h.Quotes {
			links = append(links, fmt.Sprintf("<a href=\"%s#quote-%s\" title=\"%s\">%d</a>", page, q.ID, esc(e.Book.Smart(q.Text)), QuoteNumber(q)))
		}
		key := "key-quotation-number"
		if len(links) > 1 {
			key = "key-quotation-numbers"
		}
		// The numbers go where the label puts them ("key quotations {n}").
		const slot = "\uE000"
		before, after, _ := strings.Cut(e.label(key, "n", slot), slot)
		parts = append(parts, esc(before)+strings.Join(links, ", ")+esc(after))
	}
	// A handout whose notes alone take the theme up says so: its label
	// alone read as an item dropped.
	if len(parts) == 0 {
		parts = append(parts, esc(e.label("theme-notes-only")))
	}
	return fmt.Sprintf("<a href=\"%s\">%s</a>", page, esc(tie.Spaces(e.label("handout-number", "n", strconv.Itoa(h.Chapter.Number))))) + ": " + strings.Join(parts, "; ")
}

// rubrics is every rubric as a table: a row for each criterion, a column
// for each level. Each descriptor names its level (data-level), so that
// a narrow screen, which sets each criterion as a card, can head it.
func (e *Writer) rubrics() string {
	var w strings.Builder
	e.appendix(&w, "rubrics", "appendix", "doc-appendix", e.label("rubrics"))
	var ts []headedTable
	for _, r := range e.Book.Rubrics {
		id := "rubric-" + r.ID
		ts = append(ts, headedTable{id, r.Title, e.rubricTable(r, id+"-title")})
	}
	headed(&w, ts)
	e.end(&w)
	return w.String()
}

// headedTable is one of a document's tables under its own heading: the
// id of its section, its title and the table.
type headedTable struct{ id, title, table string }

// headed writes a document's tables, each in a section under an h2 of its
// title, which names the table too (a caption would say it twice); more
// than two open with a list of links to them, so that a teacher looking
// for one mark scheme need not scroll past the others.
func headed(w *strings.Builder, ts []headedTable) {
	if len(ts) > 2 {
		w.WriteString("<ul class=\"jump-list\">\n")
		for _, t := range ts {
			fmt.Fprintf(w, "<li><a href=\"#%s\">%s</a></li>\n", t.id, esc(t.title))
		}
		w.WriteString("</ul>\n")
	}
	for _, t := range ts {
		fmt.Fprintf(w, "<section id=\"%s\" aria-labelledby=\"%s-title\">\n<h2 id=\"%s-title\">%s</h2>\n%s</section>\n", t.id, t.id, t.id, esc(t.title), t.table)
	}
}

// rubricTable is a rubric's table, named by the heading titleID.
func (e *Writer) rubricTable(r *book.Rubric, titleID string) string {
	var w strings.Builder
	// The note, what the scheme is and is not, comes under the heading and
	// before the table, so that it is read before any mark.
	if r.Note != "" {
		fmt.Fprintf(&w, "<p class=\"rubric-note\">%s</p>\n", esc(e.Book.Smart(r.Note)))
	}
	e.openRegion(&w, r.Title)
	fmt.Fprintf(&w, "<table class=\"rubric\" aria-labelledby=\"%s\">\n<thead>\n<tr><th scope=\"col\">%s</th>", titleID, esc(e.label("criterion")))
	for _, lv := range r.Levels {
		fmt.Fprintf(&w, "<th scope=\"col\">%s</th>", esc(lv.Heading()))
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, c := range r.Criteria {
		levels := make([]string, len(r.Levels))
		for i, lv := range r.Levels {
			levels[i] = esc(lv.Heading())
		}
		fmt.Fprintf(&w, "<tr><th scope=\"row\">%s", esc(c.Name))
		if len(c.Standards) > 0 {
			codes := make([]string, len(c.Standards))
			for i, s := range c.Standards {
				codes[i] = s.Label()
			}
			// in the text's weight: the criterion's name is what a
			// marker scans for
			fmt.Fprintf(&w, "<br /><span class=\"criterion-standards\">%s</span>", esc(strings.Join(codes, ", ")))
		}
		w.WriteString("</th>")
		for i, d := range c.Descriptors {
			level := "" // check refuses a criterion with more descriptors than levels
			if i < len(levels) {
				level = levels[i]
			}
			fmt.Fprintf(&w, "<td data-level=\"%s\">%s</td>", level, e.inline(d))
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
	e.closeRegion(&w)
	return w.String()
}

// pacing is every schedule as a calendar of lessons.
func (e *Writer) pacing() string {
	var w strings.Builder
	e.appendix(&w, "pacing", "appendix", "doc-appendix", e.label("pacing-calendars"))
	var ts []headedTable
	for _, s := range e.Book.Schedules {
		var t strings.Builder
		id := "schedule-" + s.ID
		e.openRegion(&t, s.Title)
		fmt.Fprintf(&t, "<table class=\"pacing\" aria-labelledby=\"%s-title\">\n<thead>\n", id)
		header(&t, PacingColumns(e.Book))
		t.WriteString("</thead>\n<tbody>\n")
		for _, ls := range s.Lessons {
			var chapters, handouts []string
			for _, c := range ls.Chapters {
				// numbered as the next column and the contents point to it
				chapters = append(chapters, fmt.Sprintf("<a href=\"%s\">%d\u00A0%s</a>", e.Chapter(c), c.Number, esc(c.Title)))
			}
			for _, h := range LessonQuestions(e.Book, ls) {
				runs := make([]string, len(h.Runs))
				for i, r := range h.Runs {
					// The prompt, as the link's title, is there on hover
					// without filling the table.
					runs[i] = fmt.Sprintf("<a href=\"%s#question-%s\" title=\"%s\">%s</a>", e.Chapter(h.Chapter), r.First.ID, esc(e.Prompt(r.First)), esc(r.Text))
				}
				handouts = append(handouts, esc(h.Handout)+": "+strings.Join(runs, ", "))
			}
			// "Lesson 3" in the header's bold, its focus in the text's
			// weight, as the PDF sets them
			name := esc(LessonNumber(e.Book, ls))
			if ls.Title != "" {
				name += "<br /><span class=\"lesson-focus\">" + esc(ls.Title) + "</span>"
			}
			fmt.Fprintf(&t, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
				name, esc(LessonReading(e.Book, ls)), strings.Join(chapters, "; "), strings.Join(handouts, "<br />"))
		}
		t.WriteString("</tbody>\n</table>\n")
		e.closeRegion(&t)
		ts = append(ts, headedTable{id, s.Title, t.String()})
	}
	headed(&w, ts)
	e.end(&w)
	return w.String()
}
