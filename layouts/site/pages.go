package site

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts/cover"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The site's own files, besides its pages and images.
const (
	readingFile = "reading.css"
	styleFile   = "site.css"
	scriptFile  = "site.js"
	indexFile   = "search-index.js"
	coverFile   = "cover.svg"

	landingPage = "index.html"
	searchPage  = "search.html"
	chaptersDir = "chapters/"
	imagesDir   = "images/"
	fontsDir    = "fonts/"   // site.css's @font-face rules name its files
	contentsID  = "contents" // the landing page's contents heading
)

// The pages of the back matter that are not the toolkit's.
var (
	mapPage    = backMatterPage(toolkit.CurriculumMap)
	quotesPage = backMatterPage(toolkit.QuotationIndex)
	worksPage  = backMatterPage(toolkit.WorksCited)
	keyPage    = backMatterPage(toolkit.AnswerKey)
)

//go:embed site.css
var styleSheet []byte

//go:embed site.js
var script []byte

// csp lets a page load its own styles, scripts, fonts and images and
// nothing else: no request leaves the site, and nothing inline runs. The only
// inline styles are a table column's alignment, allowed by their hashes.
var csp = func() string {
	styles := "'self' 'unsafe-hashes'"
	for _, a := range []doc.Align{doc.AlignLeft, doc.AlignCenter, doc.AlignRight} {
		sum := sha256.Sum256([]byte("text-align:" + a.String()))
		styles += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; style-src " + styles + "; script-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"
}()

// builder renders one edition's site.
type builder struct {
	b       *book.Book
	teacher bool
	// put takes each file as soon as it is done; after it refuses one,
	// err holds the refusal and no more files are handed over.
	put   func(name string, data []byte) error
	err   error
	diags diag.List
	// images maps a project image path to its file in the site.
	images map[string]string
	// chapters finds a chapter by its project path, for links.
	chapters map[string]*book.Chapter
	cover    string // the cover's file: the project's image or coverFile
	search   searchIndex
	termIDs  map[*book.Term]string // each term's anchor in the glossary
	// alone are the citations of the pages that stand apart from the
	// chapters (the answer key, the toolkit's): book.CitationsAlone
	alone *book.Citations
}

func newBuilder(b *book.Book, teacher bool, put func(name string, data []byte) error) *builder {
	s := &builder{b: b, teacher: teacher, put: put, images: map[string]string{}, chapters: map[string]*book.Chapter{},
		termIDs: toolkit.TermIDs(b), alone: b.CitationsAlone()}
	for _, c := range b.Chapters {
		s.chapters[c.Path] = c
	}
	return s
}

func (s *builder) label(key string, pairs ...string) string { return s.b.Labels.Format(key, pairs...) }

func esc(s string) string { return html.EscapeString(s) }

// chapterPage is the site path of a chapter's page.
func chapterPage(c *book.Chapter) string { return chaptersDir + c.ID + ".html" }

// rel is the link from the page at from to the site path to.
func rel(from, to string) string {
	if dir := path.Dir(from); dir != "." && path.Dir(to) == dir {
		return path.Base(to)
	}
	return strings.Repeat("../", strings.Count(from, "/")) + to
}

// add hands a finished file over, unless an earlier one was refused.
func (s *builder) add(name string, data []byte) {
	if s.err == nil {
		s.err = s.put(name, data)
	}
}

// build renders the site and hands over its files as each is done: the
// chapters' pages render in parallel and go out in reading order.
func (s *builder) build(ctx context.Context) error {
	s.collectImages()
	s.add(readingFile, xhtml.ReadingStyle)
	s.add(styleFile, s.styleSheet())
	s.add(scriptFile, script)
	s.fonts()
	if s.b.Cover == nil {
		s.add(coverFile, cover.SVG(s.b, s.teacher))
	}

	chapters := make([]chapterResult, len(s.b.Chapters))
	err := parallel.InOrder(ctx, len(chapters), func(i int) error {
		chapters[i] = s.chapterPage(i)
		return nil
	}, func(i int) error {
		s.add(chapterPage(s.b.Chapters[i]), chapters[i].page)
		s.diags.Append(chapters[i].diags)
		s.search.add(chapters[i].search...)
		chapters[i] = chapterResult{}
		return s.err
	})
	if err != nil {
		return err
	}
	// The toolkit's pages, then the contents that lists them, then the
	// rest of the back matter.
	s.toolkitPages()
	s.add(landingPage, s.landing())
	for _, sec := range toolkit.BackMatter(s.b, s.teacher) {
		switch sec.Name {
		case toolkit.AnswerKey:
			s.add(keyPage, s.answerKey())
		case toolkit.CurriculumMap:
			s.add(mapPage, s.curriculumMap())
		case toolkit.QuotationIndex:
			s.add(quotesPage, s.quotationIndex())
		case toolkit.WorksCited:
			s.add(worksPage, s.worksCited())
		}
	}
	s.add(searchPage, s.searchPage())
	s.add(indexFile, s.search.script())
	return s.err
}

// styleSheet is the site's layer, with the answer space of each number of
// lines the questions ask for (a class each, since the policy allows no
// inline style).
func (s *builder) styleSheet() []byte {
	var lines []int
	for _, c := range s.b.Chapters {
		for _, q := range c.Questions {
			if xhtml.WritesAnswer(q) {
				lines = append(lines, q.Lines)
			}
		}
	}
	slices.Sort(lines)
	css := slices.Clone(styleSheet)
	for _, n := range slices.Compact(lines) {
		css = fmt.Appendf(css, ".lines-%d { --lines: %d; }\n", n, n)
	}
	return css
}

// fonts hands over the book face in its four styles, so that the site
// reads in the face the EPUB embeds and the PDF prints, not in whatever
// serif a reader's system has; a browser fetches only the styles a page
// uses. Its licence goes beside them, as the licence asks of a font
// distributed for download.
func (s *builder) fonts() {
	for _, st := range []assets.FontStyle{assets.Regular, assets.Italic, assets.Bold, assets.BoldItalic} {
		f := assets.Web(st)
		s.add(fontsDir+f.File, f.Data)
	}
	s.add(fontsDir+"OFL.txt", assets.FontLicence())
}

// collectImages gives every image a page shows its file under images/,
// named from its project path.
func (s *builder) collectImages() {
	add := func(m *book.Markdown) {
		if m == nil {
			return
		}
		for _, p := range m.Images() {
			if img := s.b.Images[p]; img != nil && s.images[p] == "" {
				name := imagesDir + strings.TrimPrefix(p, "images/")
				s.images[p] = name
				s.add(name, img.Data)
			}
		}
	}
	for _, c := range s.b.Chapters {
		add(c.Body.Edition(s.teacher))
		for _, q := range c.Questions {
			add(q.Prompt)
			if s.teacher {
				add(q.Guidance)
			}
		}
	}
	s.cover = coverFile
	if s.b.Cover != nil {
		s.cover = imagesDir + strings.TrimPrefix(s.b.Cover.Path, "images/")
		if s.images[s.b.Cover.Path] == "" { // not handed over already as a page's picture
			s.add(s.cover, s.b.Cover.Data)
		}
	}
}

// href escapes a site path for an attribute, segment by segment.
func href(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return esc(strings.Join(segs, "/"))
}

// frame wraps a page's main content in the site's page: head, the skip
// link, the header with the search, and the footer. here is the page's
// site path, title its own title.
func (s *builder) frame(here, title, main string, footer string) []byte {
	b := s.b
	root := func(p string) string { return href(rel(here, p)) }
	var w strings.Builder
	w.WriteString("<!DOCTYPE html>\n")
	fmt.Fprintf(&w, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n", esc(b.Language))
	w.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1" />` + "\n")
	fmt.Fprintf(&w, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\" />\n", csp)
	w.WriteString(`<meta name="color-scheme" content="light dark" />` + "\n")
	full := cover.FullTitle(b)
	if title != "" && title != b.Title {
		full = title + " — " + b.Title
	}
	if s.teacher {
		full += " (" + s.label("teacher-edition") + ")"
	}
	fmt.Fprintf(&w, "<title>%s</title>\n", esc(full))
	fmt.Fprintf(&w, "<link rel=\"stylesheet\" href=\"%s\" />\n", root(readingFile))
	fmt.Fprintf(&w, "<link rel=\"stylesheet\" href=\"%s\" />\n", root(styleFile))
	fmt.Fprintf(&w, "<script src=\"%s\" defer=\"defer\"></script>\n", root(scriptFile))
	w.WriteString("</head>\n<body>\n")
	fmt.Fprintf(&w, "<a class=\"skip\" href=\"#main\">%s</a>\n", esc(s.label("site-skip-to-text")))
	w.WriteString("<header class=\"site-head\">\n")
	fmt.Fprintf(&w, "<p class=\"site-title\"><a href=\"%s\">%s</a>", root(landingPage), esc(b.Title))
	if s.teacher {
		fmt.Fprintf(&w, " <span class=\"edition\">%s</span>", esc(s.label("teacher-edition")))
	}
	w.WriteString("</p>\n")
	fmt.Fprintf(&w, "<form class=\"site-search\" role=\"search\" action=\"%s\" method=\"get\">", root(searchPage))
	fmt.Fprintf(&w, "<label for=\"site-q\">%s</label> <input id=\"site-q\" name=\"q\" type=\"search\" /> <button type=\"submit\">%s</button></form>\n",
		esc(s.label("site-search")), esc(s.label("site-search-go")))
	w.WriteString("</header>\n")
	fmt.Fprintf(&w, "<main id=\"main\">\n%s\n</main>\n", main)
	if here != landingPage { // the landing page's colophon names it already
		footer = strings.TrimSuffix(footer+"\n"+s.editionLine(), "\n")
		footer = strings.TrimPrefix(footer, "\n")
	}
	if footer != "" {
		fmt.Fprintf(&w, "<footer class=\"site-foot\">\n%s\n</footer>\n", footer)
	}
	w.WriteString("</body>\n</html>\n")
	return []byte(w.String())
}

// hooks are the site's answers to the XHTML writer for one piece of a
// chapter page's Markdown.
type hooks struct {
	s    *builder
	here string // the page's site path
	m    *book.Markdown
	// cites are the chapter's on a chapter page; on a page that stands
	// apart from the chapters (the answer key, the toolkit's) the
	// builder's alone, where every citation is a first cite
	cites *book.Citations
	diags *diag.List
}

func (h hooks) Cite(n *doc.Citation) cite.Text { return h.cites.Text(n) }

func (h hooks) ImageSrc(img *doc.Image) (string, bool) {
	p, ok := h.s.images[img.Path]
	if !ok {
		h.diags.Warnf(h.m.NodePos(img), "image %s is not part of the book; the site shows its description instead", img.Dest)
		return "", false
	}
	return rel(h.here, p), true
}

// Href leads a link to the web as written and a link inside the companion
// to the chapter's page; a fragment that names nothing there (check
// warned) is dropped.
func (h hooks) Href(l *doc.Link) (string, bool) {
	dest := l.Dest
	if u, err := url.Parse(dest); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") {
		return dest, true
	}
	p, frag, _ := strings.Cut(dest, "#")
	target := h.s.chapters[h.m.File]
	if p != "" {
		target = h.s.chapters[path.Clean(p)]
	}
	if target == nil {
		return dest, true // check lets nothing else through
	}
	to := rel(h.here, chapterPage(target))
	if frag != "" && target.HasAnchor(frag) {
		if target.Path == h.m.File {
			return "#" + frag, true
		}
		return to + "#" + frag, true
	}
	return to, true
}

// chapterResult is a rendered chapter (whose citations its pieces
// print as the chapter counts them): its page, its warnings and its
// entries in the search index.
type chapterResult struct {
	chapter *book.Chapter
	page    []byte
	diags   diag.List
	search  []entry
}

// piece renders one piece of a chapter's Markdown for the page at here,
// its footnotes numbered on from notesFrom (xhtml.Options.NotesFrom),
// its citations as cites counts them: the chapter's, or alone on the
// answer key; terms, when not nil, links the first use of each
// vocabulary term to the glossary.
func (s *builder) piece(r *chapterResult, cites *book.Citations, here string, m *book.Markdown, prefix string, shift, notesFrom int, terms *xhtml.Terms) (text, notes string) {
	if m == nil {
		return "", ""
	}
	x := xhtml.New(hooks{s, here, m, cites, &r.diags}, xhtml.Options{
		Terms: terms, Notes: cites,
		NotePrefix: prefix, NotesFrom: notesFrom, HeadingShift: shift, TopLevel: 2, BackToText: s.label("back-to-text"),
		ForTheTeacher: s.label("for-the-teacher"),
	})
	return x.Blocks(m.Doc.Blocks), x.Notes(m.Doc.Notes)
}

func (s *builder) chapterPage(i int) chapterResult {
	c := s.b.Chapters[i]
	here := chapterPage(c)
	r := chapterResult{chapter: c}
	var w, notes strings.Builder
	// "Handout 3", as the printed handout is headed, not "Chapter 3",
	// which a reader takes for the work's.
	number := s.label("handout-number", "n", strconv.Itoa(c.Number))
	title := s.b.Smart(c.Title) // as the PDF and the EPUB print it
	fmt.Fprintf(&w, "<article class=\"chapter\" aria-labelledby=\"chapter-title\">\n<header class=\"chapter-head\">\n<p class=\"chapter-number\">%s</p>\n<h1 id=\"chapter-title\">%s</h1>\n",
		esc(number), esc(tie.Spaces(title)))
	covers := xhtml.ChapterCovers(s.b, c)
	if covers != "" {
		fmt.Fprintf(&w, "<p class=\"spoiler-level\">%s</p>\n", esc(covers))
	}
	w.WriteString("</header>\n")
	cites := s.b.Citations(c, s.teacher)
	chapterText := c.Body.Edition(s.teacher)                                   // the student site leaves ::: teacher text out
	body, fn := s.piece(&r, cites, here, chapterText, "", 0, 0, s.terms(here)) // a chapter's own text links its terms
	w.WriteString(body)
	notes.WriteString(fn)
	r.search = append(r.search, entry{Title: title, Where: number, URL: here, Text: bodyText(chapterText)})
	for _, h := range c.SectionsFor(s.teacher) {
		r.search = append(r.search, entry{Title: doc.PlainText(h.Inlines), Where: number + ", " + title, URL: here + "#" + h.ID})
	}
	p := s.pages(here)
	p.Piece = func(m *book.Markdown, prefix string, shift, notesFrom int) (string, string) {
		return s.piece(&r, cites, here, m, prefix, shift, notesFrom, nil)
	}
	p.Inline = func(m *book.Markdown, prefix string, notesFrom int) (string, string) {
		x := xhtml.New(hooks{s, here, m, cites, &r.diags}, xhtml.Options{Notes: cites,
			NotePrefix: prefix, NotesFrom: notesFrom, BackToText: s.label("back-to-text")})
		return x.Inlines(xhtml.Inline(m.Doc)), x.Notes(m.Doc.Notes)
	}
	if len(c.Quotes) > 0 {
		fmt.Fprintf(&w, "<section class=\"key-quotations\" aria-labelledby=\"key-quotations\">\n<h2 id=\"key-quotations\">%s</h2>\n", esc(s.label("key-quotations")))
		for _, q := range c.Quotes {
			w.WriteString(p.Quotation(q, &notes))
			r.search = append(r.search, entry{Title: s.b.Labels.Quote(s.b.Smart(q.Text)), Where: number + ", " + title, URL: here + "#quote-" + q.ID, Text: s.b.Smart(q.Speaker)})
		}
		w.WriteString("</section>\n")
	}
	intro := ""
	if covers != "" {
		intro = fmt.Sprintf("<p class=\"spoiler-level\">%s</p>\n", esc(covers))
	}
	w.WriteString(p.Questions(c, intro, &notes))
	for _, q := range c.Questions {
		text := bodyText(q.Prompt)
		if s.teacher {
			text += " " + bodyText(q.Guidance)
		}
		r.search = append(r.search, entry{Title: xhtml.Shorten(doc.PlainText(firstInlines(q.Prompt)), 12), Where: number + ", " + title, URL: here + "#question-" + q.ID, Text: text})
	}
	if notes.Len() > 0 {
		fmt.Fprintf(&w, "<section class=\"notes\" aria-labelledby=\"notes\">\n<h2 id=\"notes\">%s</h2>\n%s</section>\n", esc(s.label("notes")), notes.String())
	}
	w.WriteString("</article>")
	r.page = s.frame(here, title, w.String(), s.pager(i))
	return r
}

// pager links a chapter page to the one before and after it and to the
// contents.
func (s *builder) pager(i int) string {
	chs := s.b.Chapters
	here := chapterPage(chs[i])
	var w strings.Builder
	fmt.Fprintf(&w, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", esc(s.label("site-chapters")))
	if i > 0 {
		fmt.Fprintf(&w, "<li class=\"previous\"><a href=\"%s\" rel=\"prev\"><span class=\"pager-label\">%s</span> %s</a></li>\n",
			href(rel(here, chapterPage(chs[i-1]))), esc(s.label("site-previous")), esc(s.b.Smart(chs[i-1].Title)))
	}
	fmt.Fprintf(&w, "<li class=\"up\"><a href=\"%s\">%s</a></li>\n", href(rel(here, landingPage)), esc(s.label("contents")))
	if i+1 < len(chs) {
		fmt.Fprintf(&w, "<li class=\"next\"><a href=\"%s\" rel=\"next\"><span class=\"pager-label\">%s</span> %s</a></li>\n",
			href(rel(here, chapterPage(chs[i+1]))), esc(s.label("site-next")), esc(s.b.Smart(chs[i+1].Title)))
	}
	w.WriteString("</ul>\n</nav>")
	return w.String()
}

// pages writes, for the page at here, the key quotations and back matter
// the EPUB sets out alike; chapterPage adds the writers of a chapter's
// questions.
func (s *builder) pages(here string) *xhtml.Pages {
	return &xhtml.Pages{Book: s.b, Teacher: s.teacher, Abbr: true, Scroll: true, AnswerSpace: true,
		Chapter: func(c *book.Chapter) string { return href(rel(here, chapterPage(c))) }}
}

func firstInlines(m *book.Markdown) []doc.Inline {
	if m == nil {
		return nil
	}
	for _, b := range m.Doc.Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			return p.Inlines
		}
	}
	return nil
}

// landing is the site's first page: the cover, the title and the
// contents, parts and chapters, then the back matter.
func (s *builder) landing() []byte {
	b := s.b
	var w strings.Builder
	alt := s.label("cover-of", "title", cover.FullTitle(b))
	if s.teacher {
		alt = s.label("cover-of-teacher", "title", cover.FullTitle(b))
	}
	w.WriteString("<div class=\"landing\">\n")
	width, height := cover.Width, cover.Height
	if c := b.Cover; c != nil && c.Width > 0 && c.Height > 0 {
		width, height = c.Width, c.Height
	}
	fmt.Fprintf(&w, "<img class=\"cover\" src=\"%s\" alt=\"%s\" width=\"%d\" height=\"%d\" />\n", href(s.cover), esc(alt), width, height)
	w.WriteString("<div class=\"title-block\">\n")
	fmt.Fprintf(&w, "<h1>%s</h1>\n", esc(b.Title))
	if b.Subtitle != "" {
		fmt.Fprintf(&w, "<p class=\"subtitle\">%s</p>\n", esc(b.Subtitle))
	}
	if r := b.WorkReference(); r != nil && r.Title != "" {
		work := "<i>" + esc(r.Title) + "</i>"
		line := esc(b.Labels.Get("a-companion-to"))
		if by := cover.Creators(b, r); by != "" {
			line = strings.ReplaceAll(esc(b.Labels.Get("a-companion-to-by")), "{by}", esc(by))
		}
		fmt.Fprintf(&w, "<p class=\"work\">%s</p>\n", strings.ReplaceAll(line, "{work}", work))
	}
	if s.teacher {
		fmt.Fprintf(&w, "<p class=\"edition\">%s</p>\n", esc(s.label("teacher-edition")))
	}
	var names []string
	for _, a := range b.Authors {
		names = append(names, a.Name)
	}
	fmt.Fprintf(&w, "<p class=\"authors\">%s</p>\n", esc(b.Labels.And(names)))
	if b.Description != "" {
		fmt.Fprintf(&w, "<p class=\"description\">%s</p>\n", xhtml.Prose(b, b.Description))
	}
	w.WriteString("</div>\n</div>\n")
	fmt.Fprintf(&w, "<nav class=\"contents\" aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n<ol class=\"contents\">\n", contentsID, contentsID, esc(s.label("contents")))
	chapter := func(c *book.Chapter) {
		fmt.Fprintf(&w, "<li><span class=\"number\">%d</span> <a href=\"%s\">%s</a></li>\n", c.Number, href(chapterPage(c)), esc(b.Smart(c.Title)))
	}
	for _, en := range b.Contents {
		if en.Part == nil {
			chapter(en.Chapter)
			continue
		}
		fmt.Fprintf(&w, "<li class=\"part\"><span class=\"part-title\">%s</span>\n<ol>\n", esc(b.Smart(en.Part.Title)))
		for _, c := range en.Part.Chapters {
			chapter(c)
		}
		w.WriteString("</ol></li>\n")
	}
	// The toolkit and the back matter under a heading of their own, as
	// the PDF's contents group them, so that they never read as more
	// handouts.
	fmt.Fprintf(&w, "</ol>\n<h3>%s</h3>\n<ul class=\"back-matter\">\n", esc(s.backGroup()))
	for _, bm := range s.backMatter() {
		fmt.Fprintf(&w, "<li><a href=\"%s\">%s</a>", href(bm.file), esc(bm.title))
		if bm.covers != "" {
			fmt.Fprintf(&w, " <span class=\"spoiler-level\">%s</span>", esc(bm.covers))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n</nav>")
	return s.frame(landingPage, "", w.String(), s.colophon())
}

// link is a page of the back matter: its file, its title and what it
// gives away of the work (toolkit.Section.Covers).
type link struct{ file, title, covers string }

// backMatter lists the pages after the chapters that this edition has
// (toolkit.BackMatter).
func (s *builder) backMatter() []link {
	var out []link
	for _, sec := range toolkit.BackMatter(s.b, s.teacher) {
		out = append(out, link{backMatterPage(sec.Name), sec.Title, sec.Covers})
	}
	return out
}

// colophon is the landing page's footer: publisher, date, rights and the
// citation style.
func (s *builder) colophon() string {
	b := s.b
	var parts []string // HTML
	date := b.Labels.Date(b.Date)
	switch {
	case b.Publisher != "" && date != "":
		parts = append(parts, esc(s.label("published-by-on", "publisher", b.Publisher, "date", date)))
	case b.Publisher != "":
		parts = append(parts, esc(s.label("published-by", "publisher", b.Publisher)))
	case date != "":
		parts = append(parts, esc(s.label("published-on", "date", date)))
	}
	if b.Rights != "" {
		parts = append(parts, xhtml.Prose(b, b.Rights))
	}
	if len(b.WorksCited()) > 0 {
		parts = append(parts, xhtml.StyleCredit(b))
	}
	if slices.ContainsFunc(b.AllQuotes(), func(q *book.Quote) bool { return !q.Verified }) {
		parts = append(parts, esc(s.label("draft-notice")))
	}
	var w strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&w, "<p>%s</p>\n", p)
	}
	w.WriteString(s.editionLine())
	return strings.TrimSuffix(w.String(), "\n")
}

// editionLine names the edition of the work the book cites, at the foot
// of every page, so that a bare "(ch. 5)" is never ambiguous; empty when
// the style gives no entry for it.
func (s *builder) editionLine() string {
	ed, ok := s.b.Edition()
	if !ok {
		return ""
	}
	return fmt.Sprintf("<p class=\"edition-cited\">%s %s</p>\n", esc(s.label("edition-cited")), xhtml.Citation(ed))
}

// backPage frames a page of the back matter with a link back to the
// contents.
func (s *builder) backPage(file, title, main string) []byte {
	return s.frame(file, title, main, s.backPager(file))
}

// backPager links a page of the back matter to the one before and after
// it, in the contents' order, and to the contents, as a chapter's pager
// does: a teacher going through the toolkit need not go back to the
// contents between its pages.
func (s *builder) backPager(file string) string {
	pages := s.backMatter()
	i := slices.IndexFunc(pages, func(l link) bool { return l.file == file })
	var w strings.Builder
	fmt.Fprintf(&w, "<nav class=\"pager\" aria-label=\"%s\">\n<ul>\n", esc(s.backGroup()))
	if i > 0 {
		fmt.Fprintf(&w, "<li class=\"previous\"><a href=\"%s\" rel=\"prev\"><span class=\"pager-label\">%s</span> %s</a></li>\n",
			href(pages[i-1].file), esc(s.label("site-previous")), esc(pages[i-1].title))
	}
	fmt.Fprintf(&w, "<li class=\"up\"><a href=\"%s\">%s</a></li>\n", href(landingPage), esc(s.label("contents")))
	if i >= 0 && i+1 < len(pages) {
		fmt.Fprintf(&w, "<li class=\"next\"><a href=\"%s\" rel=\"next\"><span class=\"pager-label\">%s</span> %s</a></li>\n",
			href(pages[i+1].file), esc(s.label("site-next")), esc(pages[i+1].title))
	}
	w.WriteString("</ul>\n</nav>")
	return w.String()
}

// backGroup is the name of the back matter, as the contents head it.
func (s *builder) backGroup() string {
	if s.teacher {
		return s.label("for-the-teacher")
	}
	return s.label("reference")
}

// curriculumMap is the matrix of standards against chapters, one table
// per framework; below about 600 px each standard's row stacks into a
// card naming its chapters (site.css), as in the EPUB.
func (s *builder) curriculumMap() []byte {
	title := s.label("curriculum-map")
	body := "<h1>" + esc(title) + "</h1>\n" + s.pages(mapPage).CurriculumMap()
	return s.backPage(mapPage, title, strings.TrimSuffix(body, "\n"))
}

// quotationIndex lists every quotation once, in alphabetical order, with
// links to each chapter that sets it out.
func (s *builder) quotationIndex() []byte {
	title := s.label("quotation-index")
	body := "<h1>" + esc(title) + "</h1>\n" + s.pages(quotesPage).QuotationIndex()
	return s.backPage(quotesPage, title, strings.TrimSuffix(body, "\n"))
}

// answerKey is the teacher's answer key, as the teacher EPUB has it
// (xhtml.Pages.AnswerKey). It repeats what the chapters' pages show, whose
// warnings are theirs: its own would say the same again.
func (s *builder) answerKey() []byte {
	title := s.label("answer-key")
	var repeated diag.List
	// a prompt or a choice again, its notes' calls left out: its notes
	// are the chapter's
	copied := func(c *book.Chapter, m *book.Markdown) string {
		return xhtml.New(hooks{s, keyPage, m, s.alone, &repeated}, xhtml.Options{Notes: s.alone, Uncalled: true}).Inlines(xhtml.Inline(m.Doc))
	}
	piece := func(c *book.Chapter, m *book.Markdown, prefix string, shift, notesFrom int) (string, string) {
		r := chapterResult{chapter: c}
		return s.piece(&r, s.alone, keyPage, m, prefix, shift, notesFrom, nil)
	}
	body := "<h1>" + esc(title) + "</h1>\n" + s.pages(keyPage).AnswerKey(piece, copied)
	return s.backPage(keyPage, title, strings.TrimSuffix(body, "\n"))
}

// worksCited is the bibliography in the book's citation style.
func (s *builder) worksCited() []byte {
	title := s.b.WorksCitedHeading()
	body := "<h1>" + esc(title) + "</h1>\n" + s.pages(worksPage).WorksCited()
	return s.backPage(worksPage, title, strings.TrimSuffix(body, "\n"))
}

// searchPage holds the search form and the list the script fills in;
// without scripts it says that search needs them.
func (s *builder) searchPage() []byte {
	var w strings.Builder
	title := s.label("site-search")
	fmt.Fprintf(&w, "<h1>%s</h1>\n", esc(title))
	fmt.Fprintf(&w, "<form role=\"search\" action=\"%s\" method=\"get\"><label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" /> <button type=\"submit\">%s</button></form>\n",
		searchPage, esc(s.label("site-search-words")), esc(s.label("site-search-go")))
	// The script fills in {n} and {query}; the query comes in the
	// language's quotation marks.
	quoted := s.b.Labels.Quote("{query}")
	fmt.Fprintf(&w, "<div id=\"search-results\" aria-live=\"polite\" data-none=\"%s\" data-one=\"%s\" data-some=\"%s\">\n<noscript><p>%s</p></noscript>\n</div>\n",
		esc(s.label("site-search-none", "query", quoted)), esc(s.label("site-search-one", "query", quoted)), esc(s.label("site-search-some", "query", quoted)),
		esc(s.label("site-search-needs-script")))
	fmt.Fprintf(&w, "<script src=\"%s\"></script>", indexFile)
	return s.backPage(searchPage, title, w.String())
}
