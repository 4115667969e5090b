package xhtml

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/internal/tie"
)

// Pages writes what the EPUB and the site set out alike: a chapter's key
// quotations and discussion questions, and the back matter's curriculum
// map, quotation index and works cited. Each output gives its links and
// its piece writers, and keeps its own page around what Pages writes
// (the EPUB's sections with epub:type, the site's frame): a back-matter
// body starts after the page's heading.
type Pages struct {
	Book    *book.Book
	Teacher bool
	// Chapter is the link from the page being written to a chapter's.
	Chapter func(*book.Chapter) string
	// Piece writes a piece of a chapter's Markdown (a prompt, guidance),
	// its notes apart; notePrefix keeps its note ids apart from the
	// page's others, shift lowers its headings, and its footnotes number
	// on from notesFrom (Options.NotesFrom).
	Piece func(m *book.Markdown, notePrefix string, shift, notesFrom int) (text, notes string)
	// Inline writes a piece of inline Markdown (a choice) as Piece
	// writes a piece: its notes apart, their ids kept apart by
	// notePrefix, numbered on from notesFrom.
	Inline func(m *book.Markdown, notePrefix string, notesFrom int) (text, notes string)
	// Abbr writes a standard's code as an abbreviation whose title is its
	// descriptor, rather than as a span with that title.
	Abbr bool
	// Scroll puts each table in a region that scrolls sideways, which a
	// keyboard can reach, for a screen narrower than the table.
	Scroll bool
	// AnswerSpace leaves room under a question a student answers in
	// writing (WritesAnswer): a box of class lines-N, N the lines the
	// question asks for, which the output's style sheet sizes.
	AnswerSpace bool
	// EPUB marks the notes a note style sets citations in with the EPUB 3
	// vocabulary, as Options.EPUB.
	EPUB bool

	// lastNote is the number of the page's last footnote so far in an
	// in-text style: the chapter body's, then each question's pieces',
	// as Questions sets them.
	lastNote int
}

func (p *Pages) label(key string, pairs ...string) string { return p.Book.Labels.Format(key, pairs...) }

func esc(s string) string { return html.EscapeString(s) }

// text is front-matter text (a title, a quotation, a speaker, a
// standard's descriptor) as the page prints it: with the smart
// punctuation the book's Markdown and the PDF give it (book.Book.Smart),
// a range's dash bound to its numbers (tie.Ranges), escaped.
func (p *Pages) text(s string) string { return esc(tie.Ranges(p.Book.Smart(s))) }

// Quotation sets a key quotation in its box: the words, then who says
// them and where. An unverified quotation (drafts only) says so in words.
// In a note style, its citation is a note, which goes to notes, for the
// end of the chapter.
func (p *Pages) Quotation(q *book.Quote, notes *strings.Builder) string {
	class := "quotation"
	if !q.Verified {
		class += " unverified"
	}
	var w strings.Builder
	fmt.Fprintf(&w, "<figure class=\"%s\" id=\"quote-%s\">\n<blockquote><p>%s</p></blockquote>\n<figcaption>", class, q.ID, p.text(q.Text))
	if !q.Verified {
		fmt.Fprintf(&w, `<span class="unverified-mark">%s</span> `, esc(p.label("unverified")))
	}
	if q.Speaker != "" {
		fmt.Fprintf(&w, "%s ", p.text(tie.Attribution(q.Speaker)))
	}
	cites := p.Book.Citations(q.Chapter, p.Teacher)
	if n := cites.QuoteNote(q); n > 0 {
		x := New(nil, Options{EPUB: p.EPUB, BackToText: p.label("back-to-text")})
		w.WriteString(x.CitationCall(n, cites.Quote(q)) + "</figcaption>\n</figure>\n")
		notes.WriteString(x.Notes(nil))
		return w.String()
	}
	fmt.Fprintf(&w, "<span class=\"citation\">%s</span></figcaption>\n</figure>\n", Citation(cites.Quote(q)))
	return w.String()
}

// ChapterCovers is the line under a chapter's title that says which parts
// of the work it discusses, in its text and its questions ("Covers Part
// One and Part Two", or that it gives nothing of the story away), so a
// reader part-way through the work knows whether to read on; "" when the
// project does not divide the work. The printed handout's band, the
// EPUB's and the site's chapter pages all print it. It is not escaped.
func ChapterCovers(b *book.Book, c *book.Chapter) string {
	if len(b.WorkParts) == 0 {
		return ""
	}
	if len(c.Covers) == 0 {
		return b.Labels.Get("spoiler-free")
	}
	var t []string
	for _, p := range c.Covers {
		t = append(t, p.Title)
	}
	return b.Labels.Format("covers", "parts", b.Labels.And(t))
}

// Questions writes a chapter's questions as its printed handout sets
// them: under "Discussion questions" a list for each phase of the lesson,
// headed "Before reading", "During reading" … (those with no phase first,
// unheaded), then the projects under a heading of their own, as a project
// is done away from the handout. The lists go on numbering where the one
// before stopped, so a question's number is the handout's. intro, markup
// or "", opens the discussion questions' section. The notes of the
// questions' pieces go to notes.
func (p *Pages) Questions(c *book.Chapter, intro string, notes *strings.Builder) string {
	var discussion, projects strings.Builder
	// the questions' footnotes number on from the chapter's own, as the
	// handout numbers them, so that no two notes on the page share one
	p.lastNote = 0
	if body := c.Body.Edition(p.Teacher); body != nil {
		for _, fn := range body.Doc.Notes {
			p.lastNote = max(p.lastNote, fn.Index)
		}
	}
	n := 1
	for _, phase := range book.PhaseOrder { // the order the book numbers them in
		var qs []*book.Question
		for _, q := range c.Questions {
			if q.Phase == phase {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			continue
		}
		w := &discussion
		if phase == projectPhase {
			w = &projects
		} else if phase != "" {
			fmt.Fprintf(w, "<h3>%s</h3>\n", esc(p.Book.Labels.Of("phase", phase)))
		}
		w.WriteString("<ol class=\"questions\"")
		if n != 1 {
			fmt.Fprintf(w, " start=\"%d\"", n)
		}
		w.WriteString(">\n")
		for _, q := range qs {
			w.WriteString(p.Question(q, notes))
		}
		w.WriteString("</ol>\n")
		n += len(qs)
	}
	var w strings.Builder
	if discussion.Len() > 0 {
		fmt.Fprintf(&w, "<section class=\"questions\" aria-labelledby=\"discussion-questions\">\n<h2 id=\"discussion-questions\">%s</h2>\n%s%s</section>\n",
			esc(p.label(c.QuestionsHeading())), intro, discussion.String())
	}
	if projects.Len() > 0 {
		fmt.Fprintf(&w, "<section class=\"questions\" aria-labelledby=\"project-questions\">\n<h2 id=\"project-questions\">%s</h2>\n%s</section>\n",
			esc(p.label("projects")), projects.String())
	}
	return w.String()
}

// projectPhase is the phase of a project, which a handout sets apart.
const projectPhase = "project"

// Question writes one discussion question as an item of the chapter's
// list: prompt, choices, evidence and, in the teacher edition only, its
// standards, type, Bloom level, phase and guidance; in the student
// edition a quiz question (not open) says where to answer it. The notes of its
// pieces go to notes, for the end of the chapter.
func (p *Pages) Question(q *book.Question, notes *strings.Builder) string {
	var w strings.Builder
	fmt.Fprintf(&w, "<li id=\"question-%s\">\n", q.ID)
	prompt, fn := p.piece(q, q.Prompt, "q-"+q.ID+"-")
	w.WriteString(prompt)
	notes.WriteString(fn)
	if q.Exam != "" {
		fmt.Fprintf(&w, "<p class=\"question-details exam-style\">%s</p>\n", p.text(q.Exam))
	}
	w.WriteString(Answers(q, p.Teacher, p.Book.Labels, func(m *book.Markdown) string {
		// each choice's notes after the prompt's, as the page reads them
		k := slices.IndexFunc(q.Choices, func(c *book.Choice) bool { return c.Text == m }) + 1
		text, fn := p.Inline(m, fmt.Sprintf("c%d-%s-", k, q.ID), p.notesFrom(q, m))
		notes.WriteString(fn)
		return text
	}))
	// A quiz question cannot be answered on a screen, and its answers are
	// the teacher's (never in a student edition): a student is sent to the
	// printed handout, where the teacher's key marks it.
	if !p.Teacher && q.Format != book.AnswerOpen {
		fmt.Fprintf(&w, "<p class=\"answer-on-paper\">%s</p>\n", esc(p.label("answer-on-paper")))
	}
	// Standards are the teacher's planning, as in the handouts: a student
	// sees what to answer and where the evidence is.
	if s := p.StandardList(q.Standards); s != "" && p.Teacher {
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">%s</span> %s</p>\n", esc(p.label("standards")), s)
	}
	if len(q.Quotes) > 0 {
		var links []string
		for _, quote := range q.Quotes {
			href := "#quote-" + quote.ID
			if quote.Chapter != q.Chapter {
				href = p.Chapter(quote.Chapter) + href
			}
			link := fmt.Sprintf("<a href=\"%s\">%s</a>", href, esc(p.quoted(Shorten(p.Book.Smart(quote.Text), 12))))
			if !quote.Verified {
				link += ` <span class="unverified-mark">` + esc(p.label("unverified")) + `</span>`
			}
			links = append(links, link)
		}
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">%s</span> %s</p>\n", esc(p.label("evidence")), strings.Join(links, "; "))
	}
	if p.Teacher && (q.Guidance != nil || q.Type != "" || q.Bloom != "" || q.Phase != "") {
		// "Teacher guidance · Before reading · Analytical · Bloom:
		// analyze", as the PDF's box begins.
		head := []string{p.label("teacher-guidance")}
		for _, s := range []string{p.Book.Labels.Of("phase", q.Phase), p.Book.Labels.Of("type", q.Type), p.bloomLabel(q.Bloom)} {
			if s != "" {
				head = append(head, s)
			}
		}
		fmt.Fprintf(&w, "<div class=\"guidance\">\n<p class=\"guidance-head\">%s</p>\n", esc(strings.Join(head, " · ")))
		guidance, fn := p.piece(q, q.Guidance, "g-"+q.ID+"-")
		w.WriteString(guidance)
		notes.WriteString(fn)
		w.WriteString("</div>\n")
	}
	if p.AnswerSpace && WritesAnswer(q) {
		fmt.Fprintf(&w, "<div class=\"answer-space lines-%d\"></div>\n", q.Lines)
	}
	w.WriteString("</li>\n")
	return w.String()
}

// piece writes a piece of question q under the page's h2, its footnotes
// numbered on from the page's before it; a note style numbers them among
// the chapter's notes instead (book.Citations).
func (p *Pages) piece(q *book.Question, m *book.Markdown, notePrefix string) (text, notes string) {
	if m == nil {
		return "", ""
	}
	return p.Piece(m, notePrefix, 2, p.notesFrom(q, m))
}

// notesFrom is the number the footnotes of m, a piece of question q,
// number on from, the page's last before them, in an in-text style;
// they are counted in. A note style numbers them among the chapter's
// notes instead (book.Citations): 0.
func (p *Pages) notesFrom(q *book.Question, m *book.Markdown) int {
	if p.Book.Citations(q.Chapter, p.Teacher).InNotes() {
		return 0
	}
	from := p.lastNote
	p.lastNote += len(m.Doc.Notes)
	return from
}

// WritesAnswer reports whether a student writes the answer to q, and so
// needs room: not for a multiple-choice or true-false question, whose
// choices are where it is answered.
func WritesAnswer(q *book.Question) bool {
	return q.Format != book.AnswerMultipleChoice && q.Format != book.AnswerTrueFalse
}

func (p *Pages) bloomLabel(level string) string {
	if level == "" {
		return ""
	}
	return p.label("bloom", "level", p.Book.Labels.Of("bloom", level))
}

// Shorten keeps the first n words of s, and an ellipsis where it cut:
// a quotation or a prompt as a link's text or a table's cell.
func Shorten(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}

// quoted puts a quotation in the language's quotation marks unless it
// brings its own.
func (p *Pages) quoted(s string) string {
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, p.label("quote-open")) {
		return s
	}
	return p.Book.Labels.Quote(s)
}

// standard names one standard by its code, with its descriptor as a title.
func (p *Pages) standard(s *book.Standard) string {
	tag := "span"
	if p.Abbr {
		tag = "abbr"
	}
	return fmt.Sprintf("<%s class=\"standard\" title=\"%s\">%s</%s>", tag, p.text(s.Text), esc(s.Code), tag)
}

// StandardList names standards by framework: "Common Core ELA RL.9-10.3,
// RL.9-10.1; IB Literature identity", each with its descriptor as a title.
func (p *Pages) StandardList(refs []*book.StandardRef) string {
	var order []*book.Framework
	byFramework := map[*book.Framework][]string{}
	for _, r := range refs {
		s := r.Standard
		if s == nil {
			continue
		}
		if _, ok := byFramework[s.Framework]; !ok {
			order = append(order, s.Framework)
		}
		byFramework[s.Framework] = append(byFramework[s.Framework], p.standard(s))
	}
	var groups []string
	for _, f := range order {
		groups = append(groups, esc(f.Label())+" "+strings.Join(byFramework[f], ", "))
	}
	return strings.Join(groups, "; ")
}

// CurriculumMap is the body of the curriculum map: the matrix of
// standards against chapters, one table per framework, then the
// standards no chapter addresses and the framework's notice.
func (p *Pages) CurriculumMap() string {
	var w strings.Builder
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(p.label("curriculum-map-intro")))
	for _, m := range p.Book.Mappings() {
		f := m.Selection.Framework
		id := "fw-" + doc.Slug(f.ID)
		fmt.Fprintf(&w, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id, p.text(f.Title))
		var served []*book.MappingRow
		var unserved []string
		for _, row := range m.Rows {
			if len(row.Chapters) > 0 {
				served = append(served, row)
			} else {
				unserved = append(unserved, p.standard(row.Standard))
			}
		}
		if len(served) > 0 {
			caption := p.label("standards-by-chapter", "framework", f.Label())
			if p.Scroll {
				fmt.Fprintf(&w, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n", esc(caption))
			}
			w.WriteString(p.mappingTable(caption, served))
			if p.Scroll {
				w.WriteString("</div>\n")
			}
		}
		if len(unserved) > 0 {
			fmt.Fprintf(&w, "<p class=\"unserved\"><span class=\"detail-label\">%s</span> %s.</p>\n", esc(p.label("not-addressed")), strings.Join(unserved, ", "))
		}
		if f.Notice != "" {
			fmt.Fprintf(&w, "<p class=\"notice\">%s</p>\n", esc(f.Notice))
		}
		w.WriteString("</section>\n")
	}
	return w.String()
}

// mappingTable is one framework's matrix: a row for each standard some
// chapter serves, a column for each chapter.
func (p *Pages) mappingTable(caption string, rows []*book.MappingRow) string {
	var w strings.Builder
	fmt.Fprintf(&w, "<table class=\"curriculum\">\n<caption>%s</caption>\n<thead>\n<tr><th scope=\"col\">%s</th>", esc(caption), esc(p.label("standard")))
	for _, c := range p.Book.Chapters {
		fmt.Fprintf(&w, "<th scope=\"col\"><a href=\"%s\" title=\"%s\">%d</a></th>", p.Chapter(c), p.text(c.Title), c.Number)
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, row := range rows {
		s := row.Standard
		fmt.Fprintf(&w, "<tr><th scope=\"row\"><span class=\"standard-code\">%s</span> %s</th>", esc(s.DisplayCode()), p.text(s.Text))
		for _, c := range p.Book.Chapters {
			// Where a narrow screen stacks a row, each cell names its
			// handout ("Handout 3: 4"), never "Chapter 3", which a
			// reader takes for the work's.
			fmt.Fprintf(&w, "<td data-chapter=\"%s\">", esc(p.label("handout-number", "n", strconv.Itoa(c.Number))))
			var qs []string
			for _, q := range row.Questions {
				if q.Chapter == c {
					qs = append(qs, fmt.Sprintf("<a href=\"%s#question-%s\">%d</a>", p.Chapter(c), q.ID, q.Number))
				}
			}
			switch {
			case len(qs) > 0:
				w.WriteString(strings.Join(qs, ", "))
			case row.ServesChapter(c):
				w.WriteString("•")
			}
			w.WriteString("</td>")
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
	return w.String()
}

// QuotationIndex is the body of the quotation index: every quotation in
// alphabetical order (book.QuotationIndex) with its speaker and source,
// the two never parted, and links to each chapter that sets it out.
func (p *Pages) QuotationIndex() string {
	var w strings.Builder
	fmt.Fprintf(&w, "<p>%s</p>\n<ul class=\"quotation-index\">\n", esc(p.label("quotation-index-intro")))
	for _, en := range p.Book.QuotationIndex() {
		q := en.Quotes[0]
		fmt.Fprintf(&w, "<li><span class=\"quoted\">%s</span>", esc(p.quoted(p.Book.Smart(q.Text))))
		space := " "
		if q.Speaker != "" {
			fmt.Fprintf(&w, " %s", p.text(tie.Attribution(q.Speaker)))
			space = "\u00A0" // "— Miss Emily (ch. 22)" on one line
		}
		if c := IndexCite(p.Book, q); c.Plain() != "" {
			fmt.Fprintf(&w, `%s<span class="citation">%s</span>`, space, Citation(c))
		}
		unverified := slices.ContainsFunc(en.Quotes, func(q *book.Quote) bool { return !q.Verified })
		fmt.Fprintf(&w, "<br /><span class=\"where\"><span class=\"detail-label\">%s</span> %s</span>", esc(p.label("discussed-in")), p.handoutLinks(en.Quotes))
		if unverified {
			fmt.Fprintf(&w, ` <span class="unverified-mark">%s</span>`, esc(p.label("unverified")))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n")
	return w.String()
}

// handoutLinks names the handouts that set out quotes as the printed
// index does, in the same short form: "Handout 5", or "Handouts 5, 6"
// (handout-numbers), each number a link to the quotation in its
// handout, so that the EPUB, the site and the PDF read alike. The
// handouts' titles made each line of the index as long as the quotation;
// a link's title still gives its handout's ("Handout 5, Setting").
func (p *Pages) handoutLinks(quotes []*book.Quote) string {
	link := func(q *book.Quote, text string) string {
		c := q.Chapter
		return fmt.Sprintf("<a href=\"%s#quote-%s\" title=\"%s\">%s</a>", p.Chapter(c), q.ID,
			esc(p.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", p.Book.Smart(c.Title))), esc(text))
	}
	if len(quotes) == 1 {
		q := quotes[0]
		return link(q, tie.Spaces(p.label("handout-number", "n", strconv.Itoa(q.Chapter.Number))))
	}
	// the label's words around its numbers, which are links of their own
	const numbers = "\x00"
	before, after, _ := strings.Cut(p.label("handout-numbers", "n", numbers), numbers)
	if b, ok := strings.CutSuffix(before, " "); ok {
		before = b + "\u00A0" // "Handouts" stays with its first number
	}
	links := make([]string, len(quotes))
	for i, q := range quotes {
		links[i] = link(q, strconv.Itoa(q.Chapter.Number))
	}
	return esc(before) + strings.Join(links, esc(p.label("list-separator"))) + esc(after)
}

// IndexCite is a quotation's citation as the quotation index gives it,
// in the EPUB, the site and the handouts alike: a place in the work
// studied by its locator alone, in one form whatever the style ("(ch.
// 23)", where a note style's cite would read "Chap. 23." and the index's
// every line would otherwise repeat the work in full); other works in
// full, as the chapters cite them.
func IndexCite(b *book.Book, q *book.Quote) cite.Text {
	if len(q.Cite) == 1 && q.Cite[0].Key == b.Work {
		if loc := b.Locator(q.Cite[0]); len(loc) > 0 {
			return slices.Concat(cite.Text{{Text: "("}}, loc, cite.Text{{Text: ")"}})
		}
	}
	return b.Cite(q.Cite)
}

// WorksCited is the body of the works cited: the bibliography in the
// book's citation style, set as the style asks (worksCitedList).
func (p *Pages) WorksCited() string {
	return worksCitedList(p.Book.WorksCited(), p.Book.WorksCitedOptions())
}

// Prose is s, prose of companion.yaml (its rights, its description),
// escaped, with each mention of the work studied by its title in italics.
func Prose(b *book.Book, s string) string {
	var w strings.Builder
	for i, piece := range b.WorkTitles(s) {
		if i%2 == 1 {
			w.WriteString("<i>" + Escape(piece) + "</i>")
		} else {
			w.WriteString(Escape(piece))
		}
	}
	return w.String()
}

// KeyedChapters are the chapters with a question an answer key answers.
func KeyedChapters(b *book.Book) []*book.Chapter {
	var out []*book.Chapter
	for _, c := range b.Chapters {
		if len(KeyedQuestions(c)) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// AnswerKey is the body of the teacher's answer key, under its page's h1:
// a line saying which handouts it answers, then for each handout its
// questions with an answer, each named by handout and number and linked
// to the question, with its prompt and its answer in the pattern of the
// PDF keys (KeyAnswer: "Answer: B. …", "Answer: False") or the model
// answer. piece writes a model answer for chapter c, its notes apart,
// numbered on from notesFrom: the notes of the page's model answers are
// numbered in one sequence, each answer's after it. copied writes a
// prompt or a choice the chapter's page sets out, without its notes'
// calls (Options.Uncalled): its notes are the chapter's, as in the PDF's
// key. The key stands apart from the chapters: both cite in full and
// drop a citation that prints nothing (book.Book.CitationsAlone).
func (p *Pages) AnswerKey(piece func(c *book.Chapter, m *book.Markdown, notePrefix string, shift, notesFrom int) (text, notes string), copied func(c *book.Chapter, m *book.Markdown) string) string {
	var w strings.Builder
	lastNote := 0
	keyed := KeyedChapters(p.Book)
	fmt.Fprintf(&w, "<p class=\"key-covers\">%s</p>\n", esc(AnswerKeyCovers(p.Book, keyed)))
	for _, c := range keyed {
		fmt.Fprintf(&w, "<h2>%s</h2>\n<ol class=\"answer-key\">\n", esc(p.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", p.Book.Smart(c.Title))))
		for _, q := range KeyedQuestions(c) {
			fmt.Fprintf(&w, "<li><p class=\"key-question\"><a href=\"%s#question-%s\">%s</a></p>\n", p.Chapter(c), q.ID, esc(AnswerKeyQuestion(p.Book, q)))
			if q.Prompt != nil {
				fmt.Fprintf(&w, "<p>%s</p>\n", copied(c, q.Prompt))
			}
			w.WriteString(KeyAnswer(q, p.Book.Labels, func(m *book.Markdown) string { return copied(c, m) }))
			if q.Answer != nil {
				fmt.Fprintf(&w, "<p class=\"detail-label\">%s</p>\n", esc(p.label("model-answer")))
				text, notes := piece(c, q.Answer, "a-"+q.ID+"-", 2, lastNote)
				lastNote += len(q.Answer.Doc.Notes)
				w.WriteString(text + notes)
			}
			w.WriteString("</li>\n")
		}
		w.WriteString("</ol>\n")
	}
	return w.String()
}
