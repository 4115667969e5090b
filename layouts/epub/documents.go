package epub

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/parallel"
)

// documents renders every content document of the edition, in reading
// order: cover, title page, contents, then parts and chapters, then the
// back matter. Chapters render in parallel, each with its own warnings,
// gathered in reading order afterwards.
func (e *edition) documents(ctx context.Context) ([]document, error) {
	b := e.b
	e.contents = e.contentsTree()
	docs := []document{
		{File: coverFile, Title: "Cover", Body: e.coverPage()},
		{File: titleFile, Title: "Title page", Body: e.titlePage()},
		{File: contentsFile, Title: contentsTitle, Body: e.navBody()},
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
	if len(b.Frameworks) > 0 {
		docs = append(docs, document{File: mapFile, Title: "Curriculum map", Body: e.curriculumMap()})
	}
	if len(b.AllQuotes()) > 0 {
		docs = append(docs, document{File: indexFile, Title: "Quotation index", Body: e.quotationIndex()})
	}
	if len(b.WorksCited()) > 0 {
		docs = append(docs, document{File: worksFile, Title: b.WorksCitedHeading(), Body: e.worksCited()})
	}
	return docs, nil
}

// fullTitle is "Title: Subtitle".
func (e *edition) fullTitle() string {
	if e.b.Subtitle == "" {
		return e.b.Title
	}
	return e.b.Title + ": " + e.b.Subtitle
}

func (e *edition) coverPage() string {
	alt := "Cover of " + e.fullTitle()
	if e.teacher {
		alt += ", teacher edition"
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
	s := "A companion to <i>" + esc(r.Title) + "</i>"
	if by := creators(r); by != "" {
		s += " by " + esc(by)
	}
	return s
}

// creators names who made a work: its authors, else its directors or
// editors, in display order.
func creators(r *cite.Reference) string {
	names := r.Author
	if len(names) == 0 {
		names = r.Director
	}
	if len(names) == 0 {
		names = r.Editor
	}
	var s []string
	for _, n := range names {
		s = append(s, n.String())
	}
	return andList(s)
}

// andList joins names as "A", "A and B", "A, B and C".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
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
		w.WriteString("<p class=\"edition\">Teacher edition</p>\n")
	}
	fmt.Fprintf(&w, "<p class=\"authors\">%s</p>\n", esc(andList(e.authorNames())))
	w.WriteString("<div class=\"colophon\">\n")
	if pub := publication(b); pub != "" {
		fmt.Fprintf(&w, "<p>%s</p>\n", esc(pub))
	}
	if b.Rights != "" {
		fmt.Fprintf(&w, "<p>%s</p>\n", esc(b.Rights))
	}
	fmt.Fprintf(&w, "<p>Set in %s. %s.</p>\n", esc(assets.FontFamily), esc(assets.FontLicense))
	if slices.ContainsFunc(e.b.AllQuotes(), func(q *book.Quote) bool { return !q.Verified }) {
		w.WriteString("<p class=\"draft\">Draft: some quotations are marked unverified and have not yet been checked against the edition cited.</p>\n")
	}
	w.WriteString("</div>\n</section>")
	return w.String()
}

// publication is "Published by P, 21 November 2026." as far as known.
func publication(b *book.Book) string {
	date := humanDate(b.Date)
	switch {
	case b.Publisher != "" && date != "":
		return "Published by " + b.Publisher + ", " + date + "."
	case b.Publisher != "":
		return "Published by " + b.Publisher + "."
	case date != "":
		return "Published " + date + "."
	}
	return ""
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// humanDate writes YYYY, YYYY-MM or YYYY-MM-DD as "2026", "November 2026",
// "21 November 2026".
func humanDate(s string) string {
	parts := strings.Split(s, "-")
	if s == "" {
		return ""
	}
	var y, m, d int
	y, _ = strconv.Atoi(parts[0])
	if len(parts) > 1 {
		m, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		d, _ = strconv.Atoi(parts[2])
	}
	switch {
	case m >= 1 && m <= 12 && d > 0:
		return fmt.Sprintf("%d %s %d", d, months[m-1], y)
	case m >= 1 && m <= 12:
		return fmt.Sprintf("%s %d", months[m-1], y)
	}
	return parts[0]
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
	fmt.Fprintf(&w, "<p class=\"part-number\">Part %s</p>\n", roman(e.partNumber[p]))
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
	x := &xhtmlWriter{e: e, m: m, notePrefix: notePrefix, headingShift: shift, diags: &cd.diags}
	x.blocks(m.Doc.Blocks)
	text = x.w.String()
	x.w.Reset()
	x.notes(m.Doc.Notes)
	return text, x.w.String()
}

func (e *edition) chapterPage(cd *chapterDoc) string {
	c := cd.Chapter
	var w, notes strings.Builder
	w.WriteString(`<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-title">` + "\n")
	fmt.Fprintf(&w, "<header class=\"chapter-head\">\n<p class=\"chapter-number\">Chapter %d</p>\n<h1 id=\"chapter-title\">%s</h1>\n</header>\n",
		c.Number, esc(c.Title))
	body, fn := e.piece(cd, c.Body, "", 0)
	w.WriteString(body)
	notes.WriteString(fn)
	if len(c.Quotes) > 0 {
		w.WriteString("<section class=\"key-quotations\" aria-labelledby=\"key-quotations\">\n<h2 id=\"key-quotations\">Key quotations</h2>\n")
		for _, q := range c.Quotes {
			w.WriteString(e.quotation(q))
		}
		w.WriteString("</section>\n")
	}
	if len(c.Questions) > 0 {
		w.WriteString("<section class=\"questions\" aria-labelledby=\"discussion-questions\">\n<h2 id=\"discussion-questions\">Discussion questions</h2>\n<ol class=\"questions\">\n")
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
		w.WriteString(`<span class="unverified-mark">unverified</span> `)
	}
	if q.Speaker != "" {
		fmt.Fprintf(&w, "— %s ", esc(q.Speaker))
	}
	fmt.Fprintf(&w, "<span class=\"citation\">%s</span></figcaption>\n</figure>\n", e.b.Cite(q.Cite).HTML())
	return w.String()
}

var phaseNames = map[string]string{"pre": "Before reading", "during": "During reading", "post": "After reading", "essay": "Essay"}

// question renders one discussion question: prompt, standards, evidence,
// and, in the teacher edition only, its type, Bloom level and guidance.
func (e *edition) question(cd *chapterDoc, q *book.Question, notes *strings.Builder) string {
	var w strings.Builder
	fmt.Fprintf(&w, "<li id=\"question-%s\">\n", q.ID)
	prompt, fn := e.piece(cd, q.Prompt, "q-"+q.ID+"-", 2)
	w.WriteString(prompt)
	notes.WriteString(fn)
	if s := e.standardList(q.Standards); s != "" {
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">Standards:</span> %s</p>\n", s)
	}
	if len(q.Quotes) > 0 {
		var links []string
		for _, quote := range q.Quotes {
			href := "#quote-" + quote.ID
			if quote.Chapter != cd.Chapter {
				href = e.chapterByPath[quote.Chapter.Path].File + href
			}
			link := fmt.Sprintf("<a href=\"%s\">%s</a>", href, esc(quoted(shorten(quote.Text, 12))))
			if !quote.Verified {
				link += ` <span class="unverified-mark">unverified</span>`
			}
			links = append(links, link)
		}
		fmt.Fprintf(&w, "<p class=\"question-details\"><span class=\"detail-label\">Evidence:</span> %s</p>\n", strings.Join(links, "; "))
	}
	if e.teacher && (q.Guidance != nil || q.Type != "" || q.Bloom != "" || q.Phase != "") {
		var head []string
		for _, s := range []string{capitalize(q.Type), bloomLabel(q.Bloom), phaseNames[q.Phase]} {
			if s != "" {
				head = append(head, s)
			}
		}
		if q.Guidance != nil {
			head = append([]string{"Teacher guidance"}, head...)
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

func bloomLabel(level string) string {
	if level == "" {
		return ""
	}
	return "Bloom: " + level
}

func capitalize(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
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
	w.WriteString("<h1 id=\"map-title\">Curriculum map</h1>\n")
	w.WriteString("<p>Which chapters serve each standard. A number is a discussion question of that chapter that serves the standard; a bullet (•) marks a chapter whose notes address it. Standards no chapter addresses are listed after each table.</p>\n")
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
			fmt.Fprintf(&w, "<p class=\"unserved\"><span class=\"detail-label\">Not addressed:</span> %s.</p>\n", strings.Join(unserved, ", "))
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
	fmt.Fprintf(&w, "<table>\n<caption>%s: standards by chapter</caption>\n<thead>\n<tr><th scope=\"col\">Standard</th>", esc(f.Label()))
	for _, cd := range e.chapters {
		fmt.Fprintf(&w, "<th scope=\"col\"><a href=\"%s\" title=\"%s\">%d</a></th>", cd.File, esc(cd.Chapter.Title), cd.Chapter.Number)
	}
	w.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, row := range rows {
		s := row.Standard
		fmt.Fprintf(&w, "<tr><th scope=\"row\"><span class=\"standard-code\">%s</span> %s</th>", esc(s.Code), esc(s.Text))
		for _, cd := range e.chapters {
			w.WriteString("<td>")
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

// quoted puts a quotation in quotation marks unless it brings its own.
func quoted(s string) string {
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "‘") {
		return s
	}
	return "“" + s + "”"
}

// quotationIndex lists every quotation in alphabetical order (collated for
// the book's language) with its speaker and source, and links to each
// chapter that sets it out: a quotation several chapters discuss (the same
// words, speaker and citation) is one entry.
func (e *edition) quotationIndex() string {
	type entry struct {
		first  *book.Quote
		quotes []*book.Quote
	}
	var entries []*entry
	byKey := map[string]*entry{}
	for _, q := range e.b.AllQuotes() {
		k := strings.Join([]string{strings.Join(strings.Fields(q.Text), " "), q.Speaker, e.b.Cite(q.Cite).Plain()}, "\x00")
		if en, ok := byKey[k]; ok {
			en.quotes = append(en.quotes, q)
			continue
		}
		en := &entry{first: q, quotes: []*book.Quote{q}}
		byKey[k] = en
		entries = append(entries, en)
	}
	col := collate.New(language.Make(e.b.Language), collate.IgnoreCase, collate.Loose)
	key := func(q *book.Quote) string { return strings.TrimLeft(q.Text, "“”‘’\"'«»—–-…. ") }
	slices.SortStableFunc(entries, func(a, b *entry) int { return col.CompareString(key(a.first), key(b.first)) })

	var w strings.Builder
	w.WriteString(`<section class="quotation-index" epub:type="appendix" role="doc-appendix" aria-labelledby="index-title">` + "\n")
	w.WriteString("<h1 id=\"index-title\">Quotation index</h1>\n")
	w.WriteString("<p>Every key quotation in alphabetical order, with its speaker, its source and the chapters that discuss it.</p>\n")
	w.WriteString("<ul class=\"quotation-index\">\n")
	for _, en := range entries {
		q := en.first
		fmt.Fprintf(&w, "<li><span class=\"quoted\">%s</span>", esc(quoted(q.Text)))
		if q.Speaker != "" {
			fmt.Fprintf(&w, " — %s", esc(q.Speaker))
		}
		fmt.Fprintf(&w, " <span class=\"citation\">%s</span>", e.b.Cite(q.Cite).HTML())
		var where []string
		unverified := false
		for _, q := range en.quotes {
			where = append(where, fmt.Sprintf("<a href=\"%s#quote-%s\">Chapter %d, %s</a>",
				e.chapterByPath[q.Chapter.Path].File, q.ID, q.Chapter.Number, esc(q.Chapter.Title)))
			unverified = unverified || !q.Verified
		}
		fmt.Fprintf(&w, "<br /><span class=\"where\">%s</span>", strings.Join(where, "; "))
		if unverified {
			w.WriteString(` <span class="unverified-mark">unverified</span>`)
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n</section>")
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
