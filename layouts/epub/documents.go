package epub

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts/cover"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// documents lists every content document of the edition, in reading
// order: cover, title page, contents, then parts and chapters, then the
// back matter. Each is rendered but the chapters, whose bodies are
// written as normalize packs them (document.write), in parallel, each
// with its own warnings, which chapterWarnings gathers in reading order.
func (e *edition) documents() []document {
	b := e.b
	e.contents = e.contentsTree()
	docs := []document{
		{File: coverFile, Title: e.label("cover"), Body: e.coverPage()},
		{File: titleFile, Title: e.label("title-page"), Body: e.titlePage()},
		{File: contentsFile, Title: e.label("contents"), Body: e.navBody()},
	}
	var chapters []int // indexes in docs of the chapters' documents
	addChapter := func(c *book.Chapter) {
		chapters = append(chapters, len(docs))
		cd := e.chapterByPath[c.Path]
		docs = append(docs, document{File: cd.File, Title: b.Smart(c.Title), chapter: cd})
	}
	for _, en := range b.Contents {
		if en.Part == nil {
			addChapter(en.Chapter)
			continue
		}
		docs = append(docs, document{File: e.partFile[en.Part], Title: e.partTitle(en.Part), Body: e.partPage(en.Part)})
		for _, c := range en.Part.Chapters {
			addChapter(c)
		}
	}
	e.chapterWarnings = len(e.diags)
	for _, i := range chapters {
		cd := docs[i].chapter
		docs[i].write = func() string { return e.chapterPage(cd) }
		e.written = append(e.written, cd)
	}
	for _, s := range toolkit.BackMatter(b, e.teacher) {
		docs = append(docs, document{File: backFile(s.Name), Title: s.Title, Body: e.backBody(s)})
	}
	return docs
}

// gatherChapterWarnings puts the chapters' warnings, once their bodies
// are written, where they stand in reading order: after the documents
// before the first chapter's, before the back matter's.
func (e *edition) gatherChapterWarnings() {
	var chapters diag.List
	for _, cd := range e.written {
		chapters.Append(cd.diags)
	}
	e.diags = slices.Concat(e.diags[:e.chapterWarnings], chapters, e.diags[e.chapterWarnings:])
}

// fullTitle is "Title: Subtitle".
func (e *edition) fullTitle() string { return cover.FullTitle(e.b) }

func (e *edition) coverPage() string {
	alt := e.label("cover-of", "title", e.fullTitle())
	if e.teacher {
		alt = e.label("cover-of-teacher", "title", e.fullTitle())
	}
	return fmt.Sprintf(`<div class="cover"><img src="../%s/%s" alt="%s" epub:type="cover" role="doc-cover" /></div>`,
		imagesDir, e.coverFile, esc(alt))
}

// workLine is "A companion to <i>Work</i> by Author", from the reference of
// the work studied.
func (e *edition) workLine() string {
	r := e.b.WorkReference()
	if r == nil || r.Title == "" {
		return ""
	}
	work := "<i>" + esc(r.Title) + "</i>"
	if by := cover.Creators(e.b, r); by != "" {
		return e.labelHTML("a-companion-to-by", "work", work, "by", esc(by))
	}
	return e.labelHTML("a-companion-to", "work", work)
}

func (e *edition) authorNames() []string {
	var out []string
	for _, a := range e.b.Authors {
		if a.Role != "" && a.Role != "author" {
			out = append(out, a.Name+" ("+a.Role+")")
		} else {
			out = append(out, a.Name)
		}
	}
	return out
}

func (e *edition) titlePage() string {
	b := e.b
	var w strings.Builder
	w.WriteString(`<section class="title-page" epub:type="titlepage" aria-labelledby="book-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"book-title\">%s</h1>\n", esc(b.Title))
	if b.Subtitle != "" {
		fmt.Fprintf(&w, "<p class=\"subtitle\">%s</p>\n", esc(b.Subtitle))
	}
	if s := e.workLine(); s != "" {
		fmt.Fprintf(&w, "<p class=\"work\">%s</p>\n", s)
	}
	if e.teacher {
		fmt.Fprintf(&w, "<p class=\"edition\">%s</p>\n", esc(e.label("teacher-edition")))
	}
	fmt.Fprintf(&w, "<p class=\"authors\">%s</p>\n", esc(e.b.Labels.And(e.authorNames())))
	w.WriteString("<div class=\"colophon\">\n")
	if pub := e.publication(); pub != "" {
		fmt.Fprintf(&w, "<p>%s</p>\n", esc(pub))
	}
	if b.Rights != "" {
		fmt.Fprintf(&w, "<p>%s</p>\n", xhtml.Prose(b, b.Rights))
	}
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("set-in", "font", assets.FontFamily, "licence", e.label("font-licence"))))
	if ed, ok := b.Edition(); ok {
		fmt.Fprintf(&w, "<p>%s %s</p>\n", esc(e.label("edition-cited")), xhtml.Citation(ed))
	}
	if len(b.WorksCited()) > 0 {
		fmt.Fprintf(&w, "<p>%s</p>\n", xhtml.StyleCredit(b))
	}
	if slices.ContainsFunc(e.b.AllQuotes(), func(q *book.Quote) bool { return !q.Verified }) {
		fmt.Fprintf(&w, "<p class=\"draft\">%s</p>\n", esc(e.label("draft-notice")))
	}
	w.WriteString("</div>\n</section>")
	return w.String()
}

// publication is "Published by P, 21 November 2026." as far as known.
func (e *edition) publication() string {
	b := e.b
	date := b.Labels.Date(b.Date)
	switch {
	case b.Publisher != "" && date != "":
		return e.label("published-by-on", "publisher", b.Publisher, "date", date)
	case b.Publisher != "":
		return e.label("published-by", "publisher", b.Publisher)
	case date != "":
		return e.label("published-on", "date", date)
	}
	return ""
}

// roman numbers parts the way books do: Part I, Part II.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var s strings.Builder
	for i, v := range vals {
		for n >= v {
			s.WriteString(syms[i])
			n -= v
		}
	}
	return s.String()
}

// partPage is a part's page: its name alone, as the PDF's contents and
// the site give it ("Plot, Part by Part"), never "Part I", which a reader
// takes for the work's own Part One; then its chapters, numbered as in the
// contents.
func (e *edition) partPage(p *book.Part) string {
	var w strings.Builder
	w.WriteString(`<section class="part" epub:type="part" role="doc-part" aria-labelledby="part-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"part-title\">%s</h1>\n", esc(e.partTitle(p)))
	w.WriteString("<ul class=\"part-chapters\">\n")
	for _, c := range p.Chapters {
		fmt.Fprintf(&w, "<li><a href=\"%s\"><span class=\"number\">%d</span> %s</a></li>\n", e.chapterByPath[c.Path].File, c.Number, esc(tie.Spaces(e.b.Smart(c.Title))))
	}
	w.WriteString("</ul>\n</section>")
	return w.String()
}

// piece renders one piece of Markdown of a chapter, returning the text
// and, apart, its notes (which go to the end of the chapter), numbered
// on from notesFrom (xhtml.Options.NotesFrom), its citations as cites
// counts them: the chapter's, or alone on the answer key.
func (e *edition) piece(cd *chapterDoc, cites *book.Citations, m *book.Markdown, notePrefix string, shift, notesFrom int) (text, notes string) {
	if m == nil {
		return "", ""
	}
	var terms *xhtml.Terms
	if m == cd.Chapter.Body.Edition(e.teacher) {
		terms = e.terms() // a chapter's own text links its terms
	}
	x := xhtml.New(pieceHooks{e, m, cites, &cd.diags}, xhtml.Options{
		Terms: terms, Notes: cites,
		EPUB: true, NotePrefix: notePrefix, NotesFrom: notesFrom, HeadingShift: shift, TopLevel: 2, BackToText: e.label("back-to-text"),
		ForTheTeacher: e.label("for-the-teacher"),
	})
	return x.Blocks(m.Doc.Blocks), x.Notes(m.Doc.Notes)
}

func (e *edition) chapterPage(cd *chapterDoc) string {
	c := cd.Chapter
	var w, notes strings.Builder
	w.WriteString(`<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-title">` + "\n")
	// "Handout 3", as the printed handout is headed: "Chapter 3" would be
	// read as the work's chapter 3.
	fmt.Fprintf(&w, "<header class=\"chapter-head\">\n<p class=\"chapter-number\">%s</p>\n<h1 id=\"chapter-title\">%s</h1>\n",
		esc(e.label("handout-number", "n", strconv.Itoa(c.Number))), esc(tie.Spaces(e.b.Smart(c.Title))))
	// what the chapter gives away of the work, as the handout says under
	// its title; again where the questions start, for a reader who goes
	// straight to them
	intro := ""
	if covers := xhtml.ChapterCovers(e.b, c); covers != "" {
		intro = fmt.Sprintf("<p class=\"spoiler-level\">%s</p>\n", esc(covers))
	}
	w.WriteString(intro + "</header>\n")
	cites := e.b.Citations(c, e.teacher)
	body, fn := e.piece(cd, cites, c.Body.Edition(e.teacher), "", 0, 0)
	w.WriteString(body)
	notes.WriteString(fn)
	p := e.pages()
	p.Piece = func(m *book.Markdown, notePrefix string, shift, notesFrom int) (string, string) {
		return e.piece(cd, cites, m, notePrefix, shift, notesFrom)
	}
	p.Inline = func(m *book.Markdown, notePrefix string, notesFrom int) (string, string) {
		x := xhtml.New(pieceHooks{e, m, cites, &cd.diags}, xhtml.Options{EPUB: true, Notes: cites,
			NotePrefix: notePrefix, NotesFrom: notesFrom, BackToText: e.label("back-to-text")})
		return x.Inlines(xhtml.Inline(m.Doc)), x.Notes(m.Doc.Notes)
	}
	if len(c.Quotes) > 0 {
		w.WriteString("<section class=\"key-quotations\" aria-labelledby=\"key-quotations\">\n<h2 id=\"key-quotations\">" + esc(e.label("key-quotations")) + "</h2>\n")
		for _, q := range c.Quotes {
			w.WriteString(p.Quotation(q, &notes))
		}
		w.WriteString("</section>\n")
	}
	w.WriteString(p.Questions(c, intro, &notes))
	if notes.Len() > 0 {
		w.WriteString(notes.String())
	}
	w.WriteString("</section>")
	return w.String()
}

// backBody writes a section of the back matter.
func (e *edition) backBody(s toolkit.Section) string {
	switch s.Name {
	case toolkit.AnswerKey:
		return e.answerKey()
	case toolkit.CurriculumMap:
		return e.curriculumMap()
	case toolkit.QuotationIndex:
		return e.quotationIndex()
	case toolkit.WorksCited:
		return e.worksCited()
	}
	return e.toolkitBody(s.Name)
}

// answerKey is the teacher's answer key (xhtml.Pages.AnswerKey).
func (e *edition) answerKey() string {
	// the key repeats what the chapters' pages show, whose warnings are
	// the chapters': its own would say the same again
	doc := func(c *book.Chapter) *chapterDoc { return &chapterDoc{Chapter: c, File: e.chapterByPath[c.Path].File} }
	return `<section class="answer-key" epub:type="appendix" role="doc-appendix" aria-labelledby="key-title">` + "\n" +
		"<h1 id=\"key-title\">" + esc(e.label("answer-key")) + "</h1>\n" +
		e.pages().AnswerKey(func(c *book.Chapter, m *book.Markdown, prefix string, shift, notesFrom int) (string, string) {
			return e.piece(doc(c), e.alone, m, prefix, shift, notesFrom)
		}, func(c *book.Chapter, m *book.Markdown) string { return e.copied(doc(c), m) }) +
		"</section>"
}

// pages writes the EPUB's key quotations and back matter, which the site
// sets out alike; chapterPage adds the writers of a chapter's questions.
func (e *edition) pages() *xhtml.Pages {
	return &xhtml.Pages{Book: e.b, Teacher: e.teacher, EPUB: true,
		Chapter: func(c *book.Chapter) string { return e.chapterByPath[c.Path].File }}
}

// copied writes a chapter's inline Markdown (a prompt, a choice) again
// on a page apart from the chapter (the answer key): each citation a
// first cite, and its notes' calls left out, since its notes are the
// chapter's.
func (e *edition) copied(cd *chapterDoc, m *book.Markdown) string {
	return xhtml.New(pieceHooks{e, m, e.alone, &cd.diags}, xhtml.Options{EPUB: true, Notes: e.alone, Uncalled: true}).Inlines(xhtml.Inline(m.Doc))
}

// curriculumMap is the matrix of standards against chapters, one table per
// framework, each with the framework's notice.
func (e *edition) curriculumMap() string {
	return `<section class="curriculum-map" epub:type="appendix" role="doc-appendix" aria-labelledby="map-title">` + "\n" +
		"<h1 id=\"map-title\">" + esc(e.label("curriculum-map")) + "</h1>\n" + e.pages().CurriculumMap() + "</section>"
}

// quotationIndex lists every quotation once, in alphabetical order, with
// links to each chapter that sets it out.
func (e *edition) quotationIndex() string {
	return `<section class="quotation-index" epub:type="appendix" role="doc-appendix" aria-labelledby="index-title">` + "\n" +
		"<h1 id=\"index-title\">" + esc(e.label("quotation-index")) + "</h1>\n" + e.pages().QuotationIndex() + "</section>"
}

// worksCited is the bibliography in the book's citation style.
func (e *edition) worksCited() string {
	return `<section class="works-cited" epub:type="bibliography" role="doc-bibliography" aria-labelledby="works-title">` + "\n" +
		"<h1 id=\"works-title\">" + esc(e.b.WorksCitedHeading()) + "</h1>\n" + e.pages().WorksCited() + "</section>"
}

// imagePaths lists the project paths of the images a piece shows.
func imagePaths(m *book.Markdown) []string {
	if m == nil {
		return nil
	}
	return m.Images()
}

// label is the book's word for key, with {name} filled in from name, value
// pairs.
func (e *edition) label(key string, pairs ...string) string {
	return e.b.Labels.Format(key, pairs...)
}

// labelHTML is label for XHTML: the label escaped, with values that are
// XHTML already.
func (e *edition) labelHTML(key string, pairs ...string) string {
	s := esc(e.b.Labels.Get(key))
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}
