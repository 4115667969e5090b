package epub

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts/cover"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// documents renders every content document of the edition, in reading
// order: cover, title page, contents, then parts and chapters, then the
// back matter. Chapters render in parallel, each with its own warnings,
// gathered in reading order afterwards.
func (e *edition) documents(ctx context.Context) ([]document, error) {
	b := e.b
	e.contents = e.contentsTree()
	docs := []document{
		{File: coverFile, Title: e.label("cover"), Body: e.coverPage()},
		{File: titleFile, Title: e.label("title-page"), Body: e.titlePage()},
		{File: contentsFile, Title: e.label("contents"), Body: e.navBody()},
	}
	var chapters []int // indexes in docs of the chapters' documents
	addChapter := func(c *book.Chapter, parent string) {
		chapters = append(chapters, len(docs))
		cd := e.chapterByPath[c.Path]
		docs = append(docs, document{File: cd.File, Title: c.Title, Parent: parent, chapter: cd})
	}
	for _, en := range b.Contents {
		if en.Part == nil {
			addChapter(en.Chapter, "")
			continue
		}
		pf := e.partFile[en.Part]
		docs = append(docs, document{File: pf, Title: e.partTitle(en.Part), Body: e.partPage(en.Part)})
		for _, c := range en.Part.Chapters {
			addChapter(c, pf)
		}
	}
	err := parallel.ForEach(ctx, len(chapters), func(i int) error {
		d := &docs[chapters[i]]
		d.Body = e.chapterPage(d.chapter)
		return nil
	})
	for _, i := range chapters {
		e.diags.Append(docs[i].chapter.diags)
	}
	if err != nil {
		return nil, err
	}
	for _, d := range e.toolkitDocs() {
		d.Body = e.toolkitBody(d.File)
		docs = append(docs, d)
	}
	if e.hasAnswerKey() {
		docs = append(docs, document{File: keyFile, Title: e.label("answer-key"), Body: e.answerKey()})
	}
	if len(b.Frameworks) > 0 {
		docs = append(docs, document{File: mapFile, Title: e.label("curriculum-map"), Body: e.curriculumMap()})
	}
	if len(b.AllQuotes()) > 0 {
		docs = append(docs, document{File: indexFile, Title: e.label("quotation-index"), Body: e.quotationIndex()})
	}
	if len(b.WorksCited()) > 0 {
		docs = append(docs, document{File: worksFile, Title: b.WorksCitedHeading(), Body: e.worksCited()})
	}
	return docs, nil
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
		fmt.Fprintf(&w, "<p>%s</p>\n", esc(b.Rights))
	}
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("set-in", "font", assets.FontFamily, "licence", e.label("font-licence"))))
	if len(b.WorksCited()) > 0 {
		// the CSL project's styles ask to be credited (CC BY-SA 3.0)
		fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("citation-style-credit")))
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

func (e *edition) partPage(p *book.Part) string {
	var w strings.Builder
	w.WriteString(`<section class="part" epub:type="part" role="doc-part" aria-labelledby="part-title">` + "\n")
	fmt.Fprintf(&w, "<p class=\"part-number\">%s</p>\n", esc(e.label("part-number", "n", roman(e.partNumber[p]))))
	fmt.Fprintf(&w, "<h1 id=\"part-title\">%s</h1>\n", esc(e.partTitle(p)))
	w.WriteString("<ul class=\"part-chapters\">\n")
	for _, c := range p.Chapters {
		fmt.Fprintf(&w, "<li><a href=\"%s\">%s</a></li>\n", e.chapterByPath[c.Path].File, esc(c.Title))
	}
	w.WriteString("</ul>\n</section>")
	return w.String()
}

// piece renders one piece of Markdown for a chapter document, returning
// the text and, apart, its notes (which go to the end of the chapter).
func (e *edition) piece(cd *chapterDoc, m *book.Markdown, notePrefix string, shift int) (text, notes string) {
	if m == nil {
		return "", ""
	}
	var terms *xhtml.Terms
	if m == cd.Chapter.Body.Edition(e.teacher) {
		terms = e.terms() // a chapter's own text links its terms
	}
	x := xhtml.New(pieceHooks{e, m, &cd.diags}, xhtml.Options{
		Terms: terms,
		EPUB:  true, NotePrefix: notePrefix, HeadingShift: shift, TopLevel: 2, BackToText: e.label("back-to-text"),
		ForTheTeacher: e.label("for-the-teacher"),
	})
	return x.Blocks(m.Doc.Blocks), x.Notes(m.Doc.Notes)
}

func (e *edition) chapterPage(cd *chapterDoc) string {
	c := cd.Chapter
	var w, notes strings.Builder
	w.WriteString(`<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-title">` + "\n")
	fmt.Fprintf(&w, "<header class=\"chapter-head\">\n<p class=\"chapter-number\">%s</p>\n<h1 id=\"chapter-title\">%s</h1>\n</header>\n",
		esc(e.label("chapter-number", "n", strconv.Itoa(c.Number))), esc(c.Title))
	body, fn := e.piece(cd, c.Body.Edition(e.teacher), "", 0)
	w.WriteString(body)
	notes.WriteString(fn)
	if len(c.Quotes) > 0 {
		w.WriteString("<section class=\"key-quotations\" aria-labelledby=\"key-quotations\">\n<h2 id=\"key-quotations\">" + esc(e.label("key-quotations")) + "</h2>\n")
		for _, q := range c.Quotes {
			w.WriteString(e.quotation(q))
		}
		w.WriteString("</section>\n")
	}
	if len(c.Questions) > 0 {
		w.WriteString("<section class=\"questions\" aria-labelledby=\"discussion-questions\">\n<h2 id=\"discussion-questions\">" + esc(e.label("discussion-questions")) + "</h2>\n<ol class=\"questions\">\n")
		for _, q := range c.Questions {
			w.WriteString(e.question(cd, q, &notes))
		}
		w.WriteString("</ol>\n</section>\n")
	}
	if notes.Len() > 0 {
		w.WriteString(notes.String())
	}
	w.WriteString("</section>")
	return w.String()
}

// quotation sets a key quotation in its box: the words, then who says them
// and where. An unverified quotation (drafts only) says so in words.
func (e *edition) quotation(q *book.Quote) string {
	class := "quotation"
	if !q.Verified {
		class += " unverified"
	}
	var w strings.Builder
	fmt.Fprintf(&w, "<figure class=\"%s\" id=\"quote-%s\">\n<blockquote><p>%s</p></blockquote>\n<figcaption>", class, q.ID, esc(q.Text))
	if !q.Verified {
		fmt.Fprintf(&w, `<span class="unverified-mark">%s</span> `, esc(e.label("unverified")))
	}
	if q.Speaker != "" {
		fmt.Fprintf(&w, "— %s ", esc(q.Speaker))
	}
	fmt.Fprintf(&w, "<span class=\"citation\">%s</span></figcaption>\n</figure>\n", e.b.Cite(q.Cite).HTML())
	return w.String()
}

// question renders one discussion question: prompt, standards, evidence,
// and, in the teacher edition only, its type, Bloom level and guidance.
func (e *edition) question(cd *chapterDoc, q *book.Question, notes *strings.Builder) string {
	var w strings.Builder
	fmt.Fprintf(&w, "<li id=\"question-%s\">\n", q.ID)
	prompt, fn := e.piece(cd, q.Prompt, "q-"+q.ID+"-", 2)
	w.WriteString(prompt)
	notes.WriteString(fn)
	w.WriteString(xhtml.Answers(q, e.teacher, e.b.Labels, func(m *book.Markdown) string {
		return xhtml.New(pieceHooks{e, m, &cd.diags}, xhtml.Options{EPUB: true}).Inlines(xhtml.Inline(m.Doc))
	}))
	if s := e.standardList(q.Standards); s != "" {
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">%s</span> %s</p>\n", esc(e.label("standards")), s)
	}
	if len(q.Quotes) > 0 {
		var links []string
		for _, quote := range q.Quotes {
			href := "#quote-" + quote.ID
			if quote.Chapter != cd.Chapter {
				href = e.chapterByPath[quote.Chapter.Path].File + href
			}
			link := fmt.Sprintf("<a href=\"%s\">%s</a>", href, esc(e.quoted(shorten(quote.Text, 12))))
			if !quote.Verified {
				link += ` <span class="unverified-mark">` + esc(e.label("unverified")) + `</span>`
			}
			links = append(links, link)
		}
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">%s</span> %s</p>\n", esc(e.label("evidence")), strings.Join(links, "; "))
	}
	if e.teacher && (q.Guidance != nil || q.Type != "" || q.Bloom != "" || q.Phase != "") {
		var head []string
		for _, s := range []string{e.b.Labels.Of("type", q.Type), e.bloomLabel(q.Bloom), e.b.Labels.Of("phase", q.Phase)} {
			if s != "" {
				head = append(head, s)
			}
		}
		if q.Guidance != nil {
			head = append([]string{e.label("teacher-guidance")}, head...)
		}
		fmt.Fprintf(&w, "<div class=\"guidance\">\n<p class=\"guidance-head\">%s</p>\n", esc(strings.Join(head, " · ")))
		guidance, fn := e.piece(cd, q.Guidance, "g-"+q.ID+"-", 2)
		w.WriteString(guidance)
		notes.WriteString(fn)
		w.WriteString("</div>\n")
	}
	w.WriteString("</li>\n")
	return w.String()
}

func (e *edition) bloomLabel(level string) string {
	if level == "" {
		return ""
	}
	return e.label("bloom", "level", e.b.Labels.Of("bloom", level))
}

// shorten keeps the first n words of s.
func shorten(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}

// standardList names standards by framework: "Common Core ELA RL.9-10.3,
// RL.9-10.1; IB Literature identity", each with its descriptor as a title.
func (e *edition) standardList(refs []*book.StandardRef) string {
	var groups []string
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
		byFramework[s.Framework] = append(byFramework[s.Framework],
			fmt.Sprintf("<span class=\"standard\" title=\"%s\">%s</span>", esc(s.Text), esc(s.Code)))
	}
	for _, f := range order {
		groups = append(groups, esc(f.Label())+" "+strings.Join(byFramework[f], ", "))
	}
	return strings.Join(groups, "; ")
}

// curriculumMap is the matrix of standards against chapters, one table per
// framework, each with the framework's notice.
func (e *edition) curriculumMap() string {
	var w strings.Builder
	w.WriteString(`<section class="curriculum-map" epub:type="appendix" role="doc-appendix" aria-labelledby="map-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"map-title\">%s</h1>\n", esc(e.label("curriculum-map")))
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("curriculum-map-intro")))
	for _, m := range e.b.Mappings() {
		f := m.Selection.Framework
		id := "fw-" + safeName(f.ID)
		fmt.Fprintf(&w, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id, esc(f.Title))
		var served []*book.MappingRow
		var unserved []string
		for _, row := range m.Rows {
			if len(row.Chapters) > 0 {
				served = append(served, row)
			} else {
				unserved = append(unserved, fmt.Sprintf("<span class=\"standard\" title=\"%s\">%s</span>", esc(row.Standard.Text), esc(row.Standard.Code)))
			}
		}
		if len(served) > 0 {
			w.WriteString(e.mappingTable(f, served))
		}
		if len(unserved) > 0 {
			fmt.Fprintf(&w, "<p class=\"unserved\"><span class=\"detail-label\">%s</span> %s.</p>\n", esc(e.label("not-addressed")), strings.Join(unserved, ", "))
		}
		if f.Notice != "" {
			fmt.Fprintf(&w, "<p class=\"notice\">%s</p>\n", esc(f.Notice))
		}
		w.WriteString("</section>\n")
	}
	w.WriteString("</section>")
	return w.String()
}

// mappingTable is one framework's matrix: a row for each standard some
// chapter serves, a column for each chapter.
func (e *edition) mappingTable(f *book.Framework, rows []*book.MappingRow) string {
	var w strings.Builder
	fmt.Fprintf(&w, "<table class=\"curriculum\">\n<caption>%s</caption>\n<thead>\n<tr><th scope=\"col\">%s</th>",
		esc(e.label("standards-by-chapter", "framework", f.Label())), esc(e.label("standard")))
	for _, cd := range e.chapters {
		fmt.Fprintf(&w, "<th scope=\"col\"><a href=\"%s\" title=\"%s\">%d</a></th>", cd.File, esc(cd.Chapter.Title), cd.Chapter.Number)
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, row := range rows {
		s := row.Standard
		fmt.Fprintf(&w, "<tr><th scope=\"row\"><span class=\"standard-code\">%s</span> %s</th>", esc(s.Code), esc(s.Text))
		for _, cd := range e.chapters {
			fmt.Fprintf(&w, "<td data-chapter=\"%s\">", esc(e.label("chapter-number", "n", strconv.Itoa(cd.Chapter.Number))))
			var qs []string
			for _, q := range row.Questions {
				if q.Chapter == cd.Chapter {
					qs = append(qs, fmt.Sprintf("<a href=\"%s#question-%s\">%d</a>", cd.File, q.ID, q.Number))
				}
			}
			switch {
			case len(qs) > 0:
				w.WriteString(strings.Join(qs, ", "))
			case row.ServesChapter(cd.Chapter):
				w.WriteString("•")
			}
			w.WriteString("</td>")
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
	return w.String()
}

// quoted puts a quotation in the language's quotation marks unless it
// brings its own.
func (e *edition) quoted(s string) string {
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, e.label("quote-open")) {
		return s
	}
	return e.b.Labels.Quote(s)
}

// quotationIndex lists every quotation in alphabetical order (collated for
// the book's language) with its speaker and source, and links to each
// chapter that sets it out: a quotation several chapters discuss (the same
// words, speaker and citation) is one entry.
func (e *edition) quotationIndex() string {
	var w strings.Builder
	w.WriteString(`<section class="quotation-index" epub:type="appendix" role="doc-appendix" aria-labelledby="index-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"index-title\">%s</h1>\n", esc(e.label("quotation-index")))
	fmt.Fprintf(&w, "<p>%s</p>\n", esc(e.label("quotation-index-intro")))
	w.WriteString("<ul class=\"quotation-index\">\n")
	for _, en := range e.b.QuotationIndex() {
		q := en.Quotes[0]
		fmt.Fprintf(&w, "<li><span class=\"quoted\">%s</span>", esc(e.quoted(q.Text)))
		if q.Speaker != "" {
			fmt.Fprintf(&w, " — %s", esc(q.Speaker))
		}
		fmt.Fprintf(&w, " <span class=\"citation\">%s</span>", e.b.Cite(q.Cite).HTML())
		var where []string
		unverified := false
		for _, q := range en.Quotes {
			where = append(where, fmt.Sprintf("<a href=\"%s#quote-%s\">%s</a>", e.chapterByPath[q.Chapter.Path].File, q.ID,
				esc(e.label("chapter-and-title", "n", strconv.Itoa(q.Chapter.Number), "title", q.Chapter.Title))))
			unverified = unverified || !q.Verified
		}
		fmt.Fprintf(&w, "<br /><span class=\"where\">%s</span>", strings.Join(where, "; "))
		if unverified {
			fmt.Fprintf(&w, ` <span class="unverified-mark">%s</span>`, esc(e.label("unverified")))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n</section>")
	return w.String()
}

// hasAnswerKey reports whether the edition has an answer key: the
// teacher's, when a question has an answer to give.
func (e *edition) hasAnswerKey() bool {
	if !e.teacher {
		return false
	}
	for _, c := range e.b.Chapters {
		for _, q := range c.Questions {
			if q.HasAnswer() {
				return true
			}
		}
	}
	return false
}

// answerKey is the teacher's answer key: for each handout, the questions
// with an answer, each linked to the question, with the answer as the
// chapter shows it (the choices with the correct ones marked, the accepted
// answers) or the model answer.
func (e *edition) answerKey() string {
	var w strings.Builder
	w.WriteString(`<section class="answer-key" epub:type="appendix" role="doc-appendix" aria-labelledby="key-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"key-title\">%s</h1>\n", esc(e.label("answer-key")))
	for _, c := range e.b.Chapters {
		cd := e.chapterByPath[c.Path]
		var qs []*book.Question
		for _, q := range c.Questions {
			if q.HasAnswer() {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			continue
		}
		fmt.Fprintf(&w, "<h2>%s</h2>\n<ol class=\"answer-key\">\n", esc(e.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", c.Title)))
		for _, q := range qs {
			prompt := ""
			if q.Prompt != nil {
				prompt = xhtml.New(pieceHooks{e, q.Prompt, &cd.diags}, xhtml.Options{EPUB: true}).Inlines(xhtml.Inline(q.Prompt.Doc))
			}
			fmt.Fprintf(&w, "<li value=\"%d\"><p><a href=\"%s#question-%s\">%s</a></p>\n", q.Number, cd.File, q.ID, prompt)
			w.WriteString(xhtml.Answers(q, true, e.b.Labels, func(m *book.Markdown) string {
				return xhtml.New(pieceHooks{e, m, &cd.diags}, xhtml.Options{EPUB: true}).Inlines(xhtml.Inline(m.Doc))
			}))
			if q.Answer != nil {
				fmt.Fprintf(&w, "<p class=\"detail-label\">%s</p>\n", esc(e.label("model-answer")))
				text, notes := e.piece(cd, q.Answer, "a-"+q.ID+"-", 2)
				w.WriteString(text + notes)
			}
			w.WriteString("</li>\n")
		}
		w.WriteString("</ol>\n")
	}
	w.WriteString("</section>")
	return w.String()
}

// worksCited is the bibliography in the book's citation style.
func (e *edition) worksCited() string {
	var w strings.Builder
	w.WriteString(`<section class="works-cited" epub:type="bibliography" role="doc-bibliography" aria-labelledby="works-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"works-title\">%s</h1>\n<ul class=\"works-cited\">\n", esc(e.b.WorksCitedHeading()))
	for _, en := range e.b.WorksCited() {
		fmt.Fprintf(&w, "<li>%s</li>\n", en.Text.HTML())
	}
	w.WriteString("</ul>\n</section>")
	return w.String()
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
