package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// handouts builds sections from a checked book for one render.
type handouts struct {
	*setter
	b      *book.Book
	opt    layouts.Options
	gl     *glyphs
	images map[string]*printImage
	// workCite is the citation of the work studied in the footers
	// (workEntry), and stacked whether it stands on a line of its own
	// (footStacked); both set by useWorkCite.
	workCite *workCitation
	stacked  bool
	// untitledHeads leaves the book's title out of the running heads
	// of the students' packet ([0]) or the teacher's ([1]) (untitled).
	untitledHeads [2]bool
	// footH and headH are the depths of the deepest footer and running
	// head (headsDepth).
	footH, headH float64
}

// workCitation is the citation of the work studied in the footers
// (workEntry): its fullest form, and, for a reference that gives a year,
// the shorter forms, made only when a footer has no room for the full one.
type workCitation struct {
	full []richtext.Span
	// title is the work's short title, and short the citation without the
	// publisher with title, which may be cut, in its place; nil for a
	// reference without a year.
	title string
	short func(title string) []richtext.Span
	// bare is short without its label ("Ishiguro, *Never Let Me Go*
	// (2005)"), for footers where even short does not fit beside the
	// page number (large print: useWorkCite).
	bare func(title string) []richtext.Span
}

// workEntry is the citation of the work studied in the footers, in its
// forms from the fullest: a short form labelled for what it is ("Edition
// cited: Ishiguro, *Never Let Me Go* (Faber and Faber, 2005)", a
// translation's with its translator: "Homer, *The Odyssey*, trans. Emily
// Wilson (W. W. Norton, 2018)", since the translation is the edition),
// then without the publisher, then with the title cut (footCitation), so
// that the year, which says which edition the page references follow,
// is never the part cut. The full entry stays in the works cited. A work
// whose reference gives no year has its full entry, labelled, cut to
// fit. Small print, but in large print no smaller than the profile's
// least size, as every other text.
func (h *handouts) workEntry() *workCitation {
	text, ok := h.b.Edition()
	if !ok {
		return nil
	}
	base := richtext.Span{Size: h.g.furnitureSize(sizeTiny), Color: inkMuted}
	label := base
	label.Text = h.label("edition-cited-short") + " "
	r := h.b.WorkReference()
	year := ""
	if r != nil {
		year = r.Issued.Literal
		if r.Issued.Year != 0 {
			year = strconv.Itoa(r.Issued.Year)
		}
	}
	if year == "" {
		return &workCitation{full: append([]richtext.Span{label}, h.citeSpans(text, base, h.b.ManifestPos)...)}
	}
	pos := h.b.ManifestPos
	plain := func(s string) richtext.Span {
		sp := base
		sp.Text = h.gl.clean(s, richtext.Roman, pos)
		return sp
	}
	translators := ""
	if len(r.Translator) > 0 {
		names := make([]string, len(r.Translator))
		for i, n := range r.Translator {
			names[i] = n.String()
		}
		translators = ", " + h.label("edition-cited-translator", "names", h.b.Labels.And(names))
	}
	// A work with no author (an anthology, an edition known by its
	// editor) is named by its editors, as CSL's styles substitute them.
	named := r.Author
	if len(named) == 0 {
		named = r.Editor
	}
	form := func(title string, publisher, labelled bool) []richtext.Span {
		var spans []richtext.Span
		if labelled {
			spans = append(spans, label)
		}
		if a := familyNames(named); a != "" {
			spans = append(spans, plain(a+", "))
		}
		t := base
		t.Text, t.Style = h.gl.clean(title, richtext.Italic, pos), richtext.Italic
		spans = append(spans, t)
		if translators != "" {
			spans = append(spans, plain(translators))
		}
		if publisher && r.Publisher != "" {
			return append(spans, plain(" ("+r.Publisher+", "+year+")"))
		}
		return append(spans, plain(" ("+year+")"))
	}
	title := shortTitle(r)
	return &workCitation{
		full:  form(title, true, true),
		title: title,
		short: func(title string) []richtext.Span { return form(title, false, true) },
		bare:  func(title string) []richtext.Span { return form(title, false, false) },
	}
}

// familyNames is how a short citation names the authors (or editors):
// the first one's family name ("van Gogh"), "et al." after it for more.
func familyNames(names []cite.Name) string {
	if len(names) == 0 {
		return ""
	}
	n := names[0]
	s := n.Literal
	if s == "" {
		s = strings.TrimSpace(n.NonDroppingParticle + " " + n.Family)
	}
	if s != "" && len(names) > 1 {
		s += " et al."
	}
	return s
}

// shortTitle is the work's short title: its title-short, or its title
// up to a subtitle ("Frankenstein; or, The Modern Prometheus" →
// "Frankenstein").
func shortTitle(r *cite.Reference) string {
	if r.TitleShort != "" {
		return r.TitleShort
	}
	t := r.Title
	if i := strings.IndexAny(t, ":;"); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// companionTitle is the title and subtitle as one line.
func (h *handouts) companionTitle() string {
	if h.b.Subtitle != "" {
		return h.label("title-subtitle", "title", h.b.Title, "subtitle", h.b.Subtitle)
	}
	return h.b.Title
}

// oneCitationForm fixes the form of the citation every footer sets to
// the fullest that fits beside the widest of the footers' names, so that
// the footer does not change from page to page of a file (the full form
// under a handout, the short one under the curriculum map, whose name is
// longer).
func (h *handouts) oneCitationForm(names []string) {
	c := h.workCite
	if c == nil || c.short == nil || h.footStacked() { // a stacked footer gives the citation the measure
		return
	}
	width := h.g.measure()
	for _, name := range names {
		width = min(width, h.g.measure()-h.folioWidth(h.footerName(name))-footGap)
	}
	if _, ok := h.oneLine(c.full, width); !ok {
		c.full, c.short = h.shortCitation(width), nil
	}
}

// shortCitation is the citation without the publisher, its title cut to
// fit width as a running head's is (shortened).
func (h *handouts) shortCitation(width float64) []richtext.Span {
	c := h.workCite
	title := shortened(c.title, func(t string) bool {
		_, ok := h.oneLine(c.short(t), width)
		return ok
	}, true)
	return c.short(title)
}

// footRuleY is where the footer's rule lies, from the footer's top: a
// little air above it, so the last line of text never sits on it.
const footRuleY = 3.6

// footGap parts the footer's citation from its page number.
const footGap = 4.0

// footerName is name as a footer's page number prints it (folio.go):
// whole when it fits beside the citation of the work on the footer's one
// line, in its form without the publisher if need be (saying whose page
// it is matters more than the publisher, and the citation keeps its
// year), else cut after a whole word, with an ellipsis, to the width that
// leaves the citation that form; with its number it keeps at least a
// third of the measure, enough to say whose page it is, a citation longer
// than the rest being cut instead. The page number is never cut.
func (h *handouts) footerName(name string) string {
	m := h.g.measure()
	room := m
	if c := h.workCite; c != nil && !h.footStacked() {
		cite := c.full
		if c.short != nil {
			cite = c.short(c.title)
		}
		room = max(m-h.fonts.NaturalWidth(cite)-footGap, min(h.folioWidth(name), m/3))
	}
	return shortened(name, func(s string) bool { return h.folioWidth(s) <= room }, true)
}

// shortened is s, or its longest start that fits with an ellipsis, cut
// before a space where one is near; "…" when nothing fits. With
// wholeWords it first tries to keep only whole words, and cuts inside a
// word only when the first alone is too wide. What ends the kept text (a
// space, "·", a comma) goes, so that the ellipsis follows a word.
func shortened(s string, fits func(string) bool, wholeWords bool) string {
	if fits(s) {
		return s
	}
	const ell = "…"
	trim := func(s string) string { return strings.TrimRight(s, " ·,;:–—") }
	if wholeWords {
		words := strings.Fields(s)
		for n := len(words) - 1; n > 0; n-- {
			if head := trim(strings.Join(words[:n], " ")); head != "" && fits(head+ell) {
				return head + ell
			}
		}
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		head := trim(string(rs[:n]))
		if head != "" && fits(head+ell) {
			// Prefer a word's end within a few letters.
			if i := strings.LastIndexByte(head, ' '); i > 0 && len([]rune(head[i:])) <= 4 {
				if w := trim(head[:i]); w != "" {
					return w + ell
				}
			}
			return head + ell
		}
	}
	return ell
}

// foot is the footer of a section whose pages belong to name: a rule and
// the citation of the work studied, on one line, with room at the right
// for the page number, which each file writes for itself (folio.go). The
// name is shortened to fit (footerName); the citation is its fullest form
// that fits the rest (workEntry), and when none does, its last cut with
// an ellipsis. The rows are set once, on first use: the paginator asks a
// section for its footer's height on every try at a page, and each page
// drawn asks for its rows again.
func (h *handouts) foot(name string) func() []*row {
	return sync.OnceValue(func() []*row {
		m := h.g.measure()
		size := h.g.furnitureSize(sizeTiny)
		lh := lineHeight(size, leadTight)
		const gap = 3.0
		r := &row{h: gap + 2.4 + lh + 1}
		if h.footStacked() {
			r.h += h.stackedFolioDrop()
		}
		line := h.footLine(name)
		r.ops = append(r.ops, lineOp{x1: 0, y1: footRuleY, x2: m, y2: footRuleY, width: 0.3, color: ruleColor})
		asc := float64(h.fonts.Face(richtext.Roman).Ascent) / 1000 * richtext.PtToMM
		base := footRuleY + 1.8 + size*asc
		for _, f := range line.Fragments {
			r.ops = append(r.ops, textOp{frag: f, x: 0, y: base})
		}
		return []*row{r}
	})
}

// useWorkCite makes c the citation of the work that every footer sets,
// and decides once whether it stacks (footStacked), which every footer,
// its name and its page number ask on every try at a page.
//
// Where the citation, without its publisher, does not fit beside the
// widest page number (large print's type), the footer drops its label
// before it would stack: "Ishiguro, *Never Let Me Go* (2005)" and the
// page number share one line, as on every standard page, where two lines
// cost every page of a large-print packet a line of its text and set
// the number a teacher looks for alone under the citation (review14
// #11); the colophon says which edition it is in full.
func (h *handouts) useWorkCite(c *workCitation) {
	h.workCite = c
	h.stacked = h.citationStacks()
	if h.stacked && c.bare != nil {
		full, short := c.full, c.short
		c.full, c.short = c.bare(c.title), c.bare
		if h.stacked = h.citationStacks(); h.stacked {
			c.full, c.short = full, short
		}
	}
}

// footLine is the citation of the work as the footer of pages that
// belong to name sets it: the measure's width when it stacks, else
// beside the name and page number.
func (h *handouts) footLine(name string) richtext.Line {
	if h.footStacked() {
		return h.footCitation(h.g.measure())
	}
	return h.footCitation(h.g.measure() - h.folioWidth(h.footerName(name)) - footGap)
}

// footStacked reports whether footers set the citation of the work on a
// line of its own, above the page number and the name of the section
// (citationStacks, decided by useWorkCite).
func (h *handouts) footStacked() bool { return h.stacked }

// citationStacks reports whether the citation of the work, without its
// publisher, does not fit whole beside the number of a back-matter
// section ("Quotation index · 281"), as in large print, so that the
// citation's title is not cut to share one line. A footer is then two
// lines on every page, as a publisher keeps one depth of footer through
// a book, and its name has the measure.
func (h *handouts) citationStacks() bool {
	c := h.workCite
	if c == nil {
		return false
	}
	cite := c.full
	if c.short != nil {
		cite = c.short(c.title)
	}
	num := 0.0
	for _, name := range h.widestFooterNames() {
		num = max(num, h.folioWidth(name))
	}
	return h.fonts.NaturalWidth(cite)+footGap+num > h.g.measure()
}

// widestFooterNames are the names beside the widest page numbers a file's
// footers can set: a handout's and the longest of the back matter's. The
// footer's citation is fitted beside them (oneCitationForm), or stacked
// above them (citationStacks), once for every page.
func (h *handouts) widestFooterNames() []string {
	return []string{h.label("handout-number", "n", "888"), h.label("curriculum-map"), h.label("quotation-index"), h.b.WorksCitedHeading(), h.label("characters")}
}

// stackedFolioDrop is how far below the citation's line a stacked
// footer's page number stands (footStacked).
func (h *handouts) stackedFolioDrop() float64 {
	return lineHeight(h.g.furnitureSize(sizeSmall), leadTight)
}

// footCitation is the citation of the work as the footer sets it in
// width: its fullest form that fits on one line (workEntry): whole, else
// without the publisher and its title cut as a running head's is
// (shortened), else that form's last cut with an ellipsis.
func (h *handouts) footCitation(width float64) richtext.Line {
	c := h.workCite
	if c == nil {
		return richtext.Line{}
	}
	if l, ok := h.oneLine(c.full, width); ok {
		return l
	}
	if c.short == nil {
		return h.cutLine(c.full, width)
	}
	form := h.shortCitation(width)
	if l, ok := h.oneLine(form, width); ok {
		return l
	}
	return h.cutLine(form, width)
}

// oneLine is spans set in width, and whether they take one line.
func (h *handouts) oneLine(spans []richtext.Span, width float64) (richtext.Line, bool) {
	lines := h.fonts.Break(spans, richtext.Options{Width: width})
	if len(lines) != 1 {
		return richtext.Line{}, false
	}
	return lines[0], true
}

// cutLine is the first line of spans set in width with an ellipsis after
// it, for text that must keep to one line.
func (h *handouts) cutLine(spans []richtext.Span, width float64) richtext.Line {
	// The ellipsis in the look of the text, with no link or element.
	ell := richtext.Span{Text: "…", Style: spans[0].Style, Size: spans[0].Size, Color: spans[0].Color}
	ellW := h.fonts.Width(ell.Style, ell.Text, ell.Size)
	lines := h.fonts.Break(spans, richtext.Options{Width: width - ellW})
	if len(lines) == 0 {
		return richtext.Line{}
	}
	ln := lines[0].Unspaced() // the text goes on with the ellipsis, not a space
	ln.Fragments = append(ln.Fragments, richtext.Fragment{Span: ell, X: ln.Width, Width: ellW})
	ln.Width += ellW
	return ln
}

// numbered gives a section the footer and folio of pages that belong to
// name.
func (h *handouts) numbered(s *section, name string) *section {
	s.foot, s.folio = h.foot(name), h.sectionFolio(name)
	s.footNamed = h.namedFoot()
	return s
}

// namedFoot is section.footNamed: the footer of a page that names the
// parts on it, each such footer set once.
func (h *handouts) namedFoot() func(name string) []*row {
	feet := byName(h.foot)
	return func(name string) []*row { return feet(name)() }
}

// namedHead is section.headNamed for a section whose running head is
// h.head(title, "", right, teacher, pos): the head of a page naming the
// parts on it as its footer does, or nil where that head is not as high
// as the section's own (its names do not fit one line).
func (h *handouts) namedHead(own func() []*row, right string, teacher bool, pos diag.Pos) func(name string) []*row {
	heads := byName(func(name string) func() []*row { return h.head(name, "", right, teacher, pos) })
	return func(name string) []*row {
		if rows := heads(name)(); height(rows) == height(own()) {
			return rows
		}
		return nil
	}
}

// byName is furniture by the name it sets, each set once (by set) and
// kept, for the pages that name it, which goroutines lay out at once.
func byName(set func(name string) func() []*row) func(name string) func() []*row {
	var mu sync.Mutex
	made := map[string]func() []*row{}
	return func(name string) func() []*row {
		mu.Lock()
		defer mu.Unlock()
		f, ok := made[name]
		if !ok {
			f = set(name)
			made[name] = f
		}
		return f
	}
}

// head draws the running head of a section's later pages: the section's
// title at the left, after the book's (untitledHeads), and right at the
// right ("Teacher edition · Handout 3"), on one line, in the first of
// its forms that fits whole there: with the book's title, without it,
// then short (a form of its own, "Answer key · Handout 3"; "" for none).
// Where none does, as at 18 pt, the title stands on a line of its own
// and right under it, at the right: no word of a running head is cut
// (TestFootersUncut) unless the title alone is wider than the measure.
// teacher says whose packet the head is in: each packet decides for its
// own heads whether they carry the book's title.
func (h *handouts) head(title, short, right string, teacher bool, pos diag.Pos) func() []*row {
	return sync.OnceValue(func() []*row { // set once, as foot is
		m := h.g.measure()
		size := h.g.furnitureSize(sizeSmall)
		rs := richtext.Span{Text: right, Size: size, Color: inkMuted}
		rw := h.fonts.Width(0, right, size)
		text, stacked := h.headForm(title, short, right, teacher, pos)
		// The baseline an em below the top, the rule clear of descenders.
		em := size * richtext.PtToMM
		base, ruleY := 1+em, 1+1.45*em
		l := richtext.Span{Text: text, Style: richtext.Italic, Size: size, Color: inkMuted}
		r := &row{h: h.headDepth(stacked)}
		rightBase := base
		if stacked {
			lh := lineHeight(size, leadTight)
			rightBase, ruleY = base+lh, ruleY+lh
		}
		r.ops = []op{
			textOp{frag: richtext.Fragment{Span: l, Width: h.fonts.Width(richtext.Italic, text, size)}, x: 0, y: base},
			textOp{frag: richtext.Fragment{Span: rs, Width: rw}, x: m - rw, y: rightBase},
			lineOp{x1: 0, y1: ruleY, x2: m, y2: ruleY, width: 0.3, color: lightRule},
		}
		return []*row{r}
	})
}

// headForm is the text of the left-hand half of a running head (head)
// and whether it stands on a line of its own, over right.
func (h *handouts) headForm(title, short, right string, teacher bool, pos diag.Pos) (text string, stacked bool) {
	m := h.g.measure()
	size := h.g.furnitureSize(sizeSmall)
	rw := h.fonts.Width(0, right, size)
	width := func(s string) float64 { return h.fonts.Width(richtext.Italic, s, size) }
	clean := func(s string) string { return h.gl.clean(s, richtext.Italic, pos) }
	untitled := []string{clean(title)}
	if short != "" {
		untitled = append(untitled, clean(short))
	}
	forms := untitled
	if !h.untitledHeads[teacherIndex(teacher)] {
		forms = append([]string{clean(h.b.Title + " · " + title)}, untitled...)
	}
	for _, f := range forms {
		if width(f) <= m-rw-headGap || right == "" && width(f) <= m {
			return f, false
		}
	}
	// On a line of its own the title needs the book's no more.
	text = untitled[len(untitled)-1]
	for _, f := range untitled {
		if width(f) <= m {
			text = f
			break
		}
	}
	return fitted(h.fonts, text, richtext.Italic, size, m), true
}

// headDepth is the depth of a running head, on one line or stacked.
func (h *handouts) headDepth(stacked bool) float64 {
	if stacked {
		return 8 + lineHeight(h.g.furnitureSize(sizeSmall), leadTight)
	}
	return 8
}

// teacherIndex indexes what is decided once for each packet: 0 the
// students', 1 the teacher's.
func teacherIndex(teacher bool) int {
	if teacher {
		return 1
	}
	return 0
}

// untitled reports whether the running heads of a packet (the teacher's,
// or the students') leave out the book's title: when a handout's title
// does not fit whole beside it and the packet's right-hand head
// ("Teacher edition · Handout 3", or "Handout 3"), as in large print.
// Decided once for every head of the packet's files, as a publisher
// keeps one pattern of heads through a book; the cover and every
// footer's citation name the work.
func (h *handouts) untitled(teacher bool) bool {
	size := h.g.furnitureSize(sizeSmall)
	for _, c := range h.b.Chapters {
		left := h.gl.clean(h.b.Title+" · "+h.handoutTitle(c), richtext.Italic, titlePos(c))
		if h.fonts.Width(richtext.Italic, left, size)+headGap+h.fonts.Width(0, h.handoutLabel(c, teacher), size) > h.g.measure() {
			return true
		}
	}
	return false
}

// handoutLabel is the right-hand half of a handout's running head and
// band: "Handout 3", in the teacher's packet "Teacher edition · Handout 3".
func (h *handouts) handoutLabel(c *book.Chapter, teacher bool) string {
	label := h.label("handout-number", "n", strconv.Itoa(c.Number))
	if teacher {
		label = h.label("teacher-edition") + " · " + label
	}
	return label
}

// headsDepth is the depth of the deepest running head of the handouts
// and answer keys of both packets, the heads with the longest titles
// (an appendix's is a word or two): what a page leaves its rows under
// it (maxBlockH).
func (h *handouts) headsDepth() float64 {
	d := h.headDepth(false)
	for _, c := range h.b.Chapters {
		for _, teacher := range []bool{false, true} {
			if _, stacked := h.headForm(h.handoutTitle(c), "", h.handoutLabel(c, teacher), teacher, titlePos(c)); stacked {
				return h.headDepth(true)
			}
		}
		if hasKey(c) {
			if _, stacked := h.headForm(h.keyTitle(c), h.keyShortTitle(c), h.label("teacher-edition"), true, h.b.ManifestPos); stacked {
				return h.headDepth(true)
			}
		}
	}
	return d
}

// handoutTitle is a handout's numbered title, "3. Part One: Hailsham".
func (h *handouts) handoutTitle(c *book.Chapter) string {
	return fmt.Sprintf("%d. %s", c.Number, c.Title)
}

// headGap is the least space between the two halves of a running head.
const headGap = 6.0

// fitted is text as it fits on one line of width in a style and size of
// fonts: whole, or cut after the last word that fits with an ellipsis
// ("1. How to Use This…"), never inside a word unless its first word
// alone is too wide; what ends the kept words (a space, "·", a comma)
// goes, so that the ellipsis follows a word.
func fitted(fonts *richtext.Fonts, text string, st richtext.Style, size, width float64) string {
	return shortened(text, func(s string) bool { return fonts.Width(st, s, size) <= width }, true)
}

// maxBlockH is the tallest single row may be on a page with head and
// foot: under the deepest of them, a stacked running head's two lines
// in large print.
func (h *handouts) maxBlockH() float64 {
	return h.g.body() - h.footH - h.headH - slack - 1
}

func (h *handouts) prose(md *book.Markdown, size float64) *prose {
	return &prose{setter: h.setter, b: h.b, gl: h.gl, images: h.images, md: md, size: size, maxImageH: h.maxBlockH()}
}

// band is the coloured header of a handout's first page: its title is the
// section's H1; the kicker above it, like a running head, an artifact, on
// one line beside the right-hand label (bandKicker).
func (h *handouts) band(right, title, sub string, pos diag.Pos, sect *tagged.Elem) []*row {
	m := h.g.measure()
	f := &frame{x: 0, w: m, background: &fillAccent}
	pad := func(v float64) *row { return &row{h: v, frame: f, keep: true} }
	rows := []*row{pad(4)}
	size := h.g.typeSize(sizeSmall)
	rw := 0.0
	if right != "" {
		rw = h.fonts.Width(richtext.Bold, right, size) + headGap
	}
	k := h.rows([]richtext.Span{{Text: h.bandKicker(m-12-rw, size), Size: size, Color: inkPale}},
		block{x: 6, w: m - 12 - rw, leading: leadTight, frame: f, keepAll: true})
	if len(k) > 0 && right != "" {
		// The label stands on the kicker's baseline: the two read as one
		// line, whatever the bold face's ascent (review13 #11).
		asc := float64(h.fonts.Face(richtext.Bold).Ascent) / 1000 * richtext.PtToMM
		y := (k[0].h-size*richtext.PtToMM*1.1)/2 + size*asc
		for _, o := range k[0].ops {
			if op, ok := o.(textOp); ok {
				y = op.y
				break
			}
		}
		sp := richtext.Span{Text: right, Style: richtext.Bold, Size: size, Color: inkWhite}
		w := h.fonts.Width(richtext.Bold, right, size)
		k[0].ops = append(k[0].ops, textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: m - 6 - w, y: y})
	}
	rows = append(rows, k...)
	rows = append(rows, pad(1.5))
	rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(title, richtext.Bold, pos), Style: richtext.Bold, Size: bandTitleSize, Color: inkWhite}},
		block{x: 6, w: m - 12, leading: 1.15, frame: f, keepAll: true, tag: sect.Add(tagged.H1)})...)
	if sub != "" {
		rows = append(rows, pad(1))
		// its last word not alone on a line (tieLastWord)
		rows = append(rows, h.rows(tieLastWord([]richtext.Span{{Text: h.gl.clean(sub, richtext.Italic, pos), Style: richtext.Italic, Size: 9.5, Color: inkPale}}),
			block{x: 6, w: m - 12, leading: leadTight, frame: f, keepAll: true, tag: sect.Add(tagged.P)})...)
	}
	rows = append(rows, pad(4))
	rows[len(rows)-1].keep = false
	return rows
}

// bandTitleSize is the size of a band's title, in points.
const bandTitleSize = 21

// bandKicker is the companion's title in capitals as the band's kicker
// sets it in width at size: with its subtitle when that fits on the one line,
// else the title alone (large print's wide type leaves no room for both),
// cut at a word if even that is too long.
func (h *handouts) bandKicker(width, size float64) string {
	kick := func(s string) string { return h.gl.clean(upper(s), 0, h.b.ManifestPos) }
	if full := kick(h.companionTitle()); h.fonts.Width(0, full, size) <= width {
		return full
	}
	return fitted(h.fonts, kick(h.b.Title), 0, size, width)
}

// titlePos is where a chapter's title is written: its file (the model
// keeps no line for the title).
func titlePos(c *book.Chapter) diag.Pos { return diag.Pos{File: c.Path} }

// nameLines is the Name / Class / Date strip students fill in: on one
// line, or, where the profile asks blanks longer than that line leaves
// (geometry.nameBlank: large print, whose readers often write large),
// Name on a line of its own and Class and Date on the next, each blank
// at least that long.
func (h *handouts) nameLines() []*row {
	type field struct {
		label    string
		from, to float64
	}
	lines := [][]field{{{h.label("name"), 0, 0.55}, {h.label("class"), 0.59, 0.78}, {h.label("date"), 0.82, 1}}}
	size := h.g.typeSize(9)
	m := h.g.measure()
	short := func(f field) bool {
		return h.g.nameBlank > 0 && ((f.to-f.from)*m-h.fonts.Width(0, f.label, size)-2)*h.g.scale < h.g.nameBlank
	}
	if slices.ContainsFunc(lines[0], short) {
		lines = [][]field{{{h.label("name"), 0, 1}}, {{h.label("class"), 0, 0.47}, {h.label("date"), 0.53, 1}}}
	}
	var rows []*row
	for _, fields := range lines {
		r := &row{h: 13, keep: true}
		const base = 9.5
		for _, f := range fields {
			sp := richtext.Span{Text: f.label, Size: size, Color: inkMuted}
			w := h.fonts.Width(0, f.label, size)
			x := f.from * m
			r.ops = append(r.ops,
				textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: x, y: base},
				lineOp{x1: x + w + 2, y1: base + 0.6, x2: f.to * m, y2: base + 0.6, width: 0.3, color: ruleColor})
		}
		rows = append(rows, r)
	}
	return rows
}

// sectionHeading is a heading of the handout's own parts (Key quotations,
// Discussion questions, Notes), with a bookmark: an H2 of sect.
func (h *handouts) sectionHeading(title string, x, w float64, f *frame, sect *tagged.Elem) []*row {
	rows := []*row{space(5)}
	if f != nil {
		rows = []*row{}
	}
	lines := h.rows([]richtext.Span{{Text: title, Style: richtext.Bold, Size: 13, Color: inkAccent}},
		block{x: x, w: w, leading: leadTight, keepAll: true, frame: f, tag: sect.Add(tagged.H2)})
	if len(lines) > 0 {
		lines[0].marks = []bookmark{{title: title, level: 1}}
	}
	// Whole with what follows, even on a page the paginator fills: a
	// heading at a page's foot with nothing of its part under it reads as
	// left behind (LP teacher p. 234 ended on Handout 14's "Prompts").
	for _, r := range lines {
		r.keep, r.whole = true, true
	}
	rows = append(rows, lines...)
	gap := &row{h: 1.5, keep: true, whole: true, frame: f}
	return append(rows, gap)
}

// handout builds one chapter's handout; teacher adds guidance.
func (h *handouts) handout(c *book.Chapter, teacher bool) *section {
	m := h.g.measure()
	label := h.handoutLabel(c, teacher)
	var rows []*row
	sect := tagged.New(tagged.Sect)
	band := h.band(label, c.Title, xhtml.ChapterCovers(h.b, c), titlePos(c), sect)
	band[0].marks = []bookmark{{title: fmt.Sprintf("%d. %s", c.Number, h.b.Smart(c.Title)), level: 0}}
	band[0].anchors = []anchorName{handoutAnchor(c.ID)}
	rows = append(rows, band...)
	if !teacher { // the teacher's copy is not handed in
		rows = append(rows, h.nameLines()...)
	}
	rows = append(rows, space(2))

	// The notes.
	body := c.Body.Edition(teacher)
	cites := h.b.Citations(c, teacher)
	notes := h.prose(body, sizeBody)
	notes.cites = cites
	notes.marks = true
	notes.chapter = c
	if body != nil {
		// The notes' footnotes stand at the foot of the page that calls
		// them; a note style numbers them with its citations, at the end.
		if !cites.InNotes() && len(body.Doc.Notes) > 0 {
			notes.foot = h.pageNotes(c, body, cites)
		}
		rows = append(rows, notes.blocks(body.Doc.Blocks, block{x: 0, w: m, tag: sect})...)
	}

	// The footnotes of the pieces after the notes (definitions, prompts,
	// choices, descriptors) number on from the notes': in a note style,
	// which lists its notes at the end, those set at the page's foot (a
	// definition's, a descriptor's) from that list's last.
	seq := &noteSeq{}
	if cites.InNotes() {
		seq.last = len(cites.Notes())
	} else if body != nil {
		for _, fn := range body.Doc.Notes {
			seq.last = max(seq.last, fn.Index)
		}
	}
	pieces := &pieceNotes{seq: seq, id: func(number int) string { return fmt.Sprintf("note-%d-%d", c.Number, number) }}
	rows = append(rows, h.vocabularyBox(c, pieces, sect)...)

	// Key quotations, in a box.
	quoteNo := map[*book.Quote]int{}
	if len(c.Quotes) > 0 {
		f := &frame{x: 0, w: m, background: &fillTint, border: &boxBorder}
		rows = append(rows, space(4))
		boxStart := len(rows)
		rows = append(rows, &row{h: 3, frame: f, keep: true})
		rows = append(rows, h.sectionHeading(h.label("key-quotations"), 5, m-10, f, sect)...)
		list := sect.Add(tagged.L)
		for i, q := range c.Quotes {
			quoteNo[q] = i + 1
			li := list.Add(tagged.LI)
			lbl := li.Add(tagged.Lbl)
			para := li.Add(tagged.LBody).Add(tagged.P)
			var sp []richtext.Span
			if k := cites.QuoteNote(q); k > 0 { // a note style's citation: a note at the end
				call := noteCall(inline{size: sizeBody, color: inkText, tag: para}, k)
				call.Link = noteAnchor(chapterNoteID(c, k))
				sp = append(h.quoteSpans(q, nil, sizeBody), call)
			} else {
				sp = h.quoteSpans(q, cites.Quote(q), sizeBody)
			}
			qr := h.rows(sp, block{x: 12, w: m - 17, frame: f, leading: leadBody,
				tag: para, markerTag: lbl,
				marker: []richtext.Span{{Text: strconv.Itoa(i+1) + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}, markerX: -7})
			if len(qr) > 0 {
				qr[0].anchors = []anchorName{quoteAnchor(c.ID, i+1)}
			}
			rows = append(rows, qr...)
			rows = append(rows, &row{h: 1.8, frame: f})
		}
		rows = append(rows, &row{h: 1.5, frame: f})
		keepTogether(rows[boxStart:], h.g.body()*0.55)
	}

	// Discussion questions, then the projects under a heading of their
	// own: a project is done away from the handout.
	var projects []*book.Question
	for _, q := range c.Questions {
		if q.Phase == projectPhase {
			projects = append(projects, q)
		}
	}
	if len(c.Questions) > len(projects) {
		rows = append(rows, space(3))
		rows = append(rows, h.sectionHeading(h.label(c.QuestionsHeading()), 0, m, nil, sect)...)
		rows = append(rows, h.questionsByPhase(c, quoteNo, seq, teacher, sect)...)
	}
	if len(projects) > 0 {
		rows = append(rows, space(4))
		rows = append(rows, h.sectionHeading(h.label("projects"), 0, m, nil, sect)...)
		list := sect.Add(tagged.L)
		for _, q := range projects {
			rows = append(rows, h.question(q, quoteNo, seq, teacher, list.Add(tagged.LI))...)
		}
	}
	rows = append(rows, h.handoutRubrics(c, pieces, sect)...)

	// In a note style the chapter's notes, its citations and footnotes
	// numbered in one sequence, end it.
	if cites.InNotes() {
		rows = append(rows, h.noteList(c, h.label("notes"), cites.Notes(), cites, sect)...)
	}
	rows = append(rows, h.handoutWorksCited(c, teacher, sect)...)

	s := &section{
		rows:      rows,
		head:      h.head(h.handoutTitle(c), "", label, teacher, titlePos(c)),
		pullsTail: true,
	}
	if !teacher && h.b.NotesArea {
		s.end = h.notesArea(sect.Add(tagged.H2))
	}
	return h.numbered(s, h.label("handout-number", "n", strconv.Itoa(c.Number)))
}

// handoutWorksCited ends a handout that cites works with them, as the
// packet's works cited sets them: a handout is also a file of its own,
// handed out alone, whose citations must lead to their works without the
// rest of the packet. A handout that cites only the work studied has no
// list: every footer names that edition ("Edition cited: …"), and a
// page's foot repeated as a handout's last lines only adds a page.
func (h *handouts) handoutWorksCited(c *book.Chapter, teacher bool, sect *tagged.Elem) []*row {
	works := h.b.WorksCitedIn(c, teacher)
	if len(works) == 0 || len(works) == 1 && works[0].Key == h.b.Work && h.workCite != nil {
		return nil
	}
	rows := []*row{space(4)}
	rows = append(rows, h.sectionHeading(h.b.HandoutWorksCitedHeading(), 0, h.g.measure(), nil, sect)...)
	return append(rows, keepEntries(h.worksCitedEntries(works, sect), len(works))...)
}

// shortWorksCited is the most entries a handout's works cited has that
// keeps whole on one page: a list of a few parted over a page (four and
// two, Handout 2) reads as two lists.
const shortWorksCited = 6

// keepEntries keeps the rows of a handout's works cited, n entries, with
// its heading as a designer keeps a short list: whole where it has
// shortWorksCited entries or fewer, else its first two entries at least
// (the heading ended a page with one entry under it, Handout 8).
func keepEntries(rows []*row, n int) []*row {
	last := len(rows) - 1 // the row the kept rows end with
	for last > 0 && rows[last].space {
		last--
	}
	if n > shortWorksCited {
		// The end of the second entry: the last row of the second P.
		var seen []*tagged.Elem
		for i, r := range rows {
			if tag := rowTag(r); tag != nil && !slices.Contains(seen, tag) {
				if seen = append(seen, tag); len(seen) == 3 {
					last = i - 1
					break
				}
			}
		}
		for last > 0 && rows[last].space {
			last--
		}
	}
	for _, r := range rows[:last] {
		r.keep = true
	}
	return rows
}

// rowTag is the paragraph (P) r's first text is part of, or nil.
func rowTag(r *row) *tagged.Elem {
	for _, o := range r.ops {
		if tx, ok := o.(textOp); ok && tx.tag != nil {
			e := tx.tag
			for e != nil && e.Role != tagged.P {
				e = e.Parent()
			}
			return e
		}
	}
	return nil
}

// pageNotes sets the footnotes of a chapter's notes, body, at the foot
// of the page that calls them: at the size of a note, each its number
// hanging, an ID of its own.
func (h *handouts) pageNotes(c *book.Chapter, body *book.Markdown, cites *book.Citations) *pageNotes {
	return h.footnotes(body, cites, func(number int) string { return chapterNoteID(c, number) })
}

// footnotes sets the footnotes of body, a piece of Markdown, as pageNotes
// does, each with the ID id gives its number; cites are the citations of
// the chapter the piece is in, nil for a piece apart from any (an answer
// key's model answer, a glossary's definition).
func (h *handouts) footnotes(body *book.Markdown, cites *book.Citations, id func(number int) string) *pageNotes {
	m := h.g.measure()
	pn := &pageNotes{notes: map[int]*doc.Note{}, set: map[int]bool{}, id: id}
	for _, fn := range body.Doc.Notes {
		pn.notes[fn.Index] = fn
	}
	pn.note = func(fn *doc.Note, number int, elem *tagged.Elem) *footnote {
		// Its number leads back to its call (pageNotes.attach places
		// the anchor), as the call leads to it.
		b := block{x: 5, w: m - 5, leading: leadTight, tag: elem,
			marker: []richtext.Span{{Text: strconv.Itoa(number) + ".", Size: sizeFootnote, Color: inkAccent, Link: callAnchor(id(number))}}, markerX: -5}
		fp := h.prose(body, sizeFootnote)
		fp.cites = cites
		fp.under = 2
		var rows []*row
		for i, ch := range fn.Blocks {
			cb := b
			if i > 0 {
				cb.marker = nil
			}
			rows = append(rows, fp.blockNode(ch, cb)...)
		}
		// The space that ends a paragraph parts the paragraphs of a
		// note, not a note from the footer.
		for len(rows) > 0 && rows[len(rows)-1].space {
			rows = rows[:len(rows)-1]
		}
		for _, r := range rows {
			r.space = false
		}
		if len(rows) == 0 {
			return nil
		}
		rows[0].anchors = append(rows[0].anchors, noteAnchor(id(number)))
		continued := h.rows([]richtext.Span{{Text: h.label("note-continued", "n", strconv.Itoa(number)), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}},
			block{x: 0, w: m, leading: leadTight})
		return &footnote{rows: rows, continued: continued}
	}
	return pn
}

// noteList is a chapter's notes under heading: each its number and text,
// a Note of sect.
func (h *handouts) noteList(c *book.Chapter, heading string, notes []book.Note, cites *book.Citations, sect *tagged.Elem) []*row {
	if len(notes) == 0 {
		return nil
	}
	m := h.g.measure()
	rows := []*row{space(4)}
	rows = append(rows, h.sectionHeading(heading, 0, m, nil, sect)...)
	for _, en := range notes {
		note := sect.Add(tagged.Note)
		note.SetAttrs(tagged.Attrs{ID: chapterNoteID(c, en.Number)})
		first := len(rows)
		b := block{x: 7, w: m - 7, leading: leadTight, tag: note,
			marker: []richtext.Span{{Text: strconv.Itoa(en.Number) + ".", Size: sizeFootnote, Color: inkAccent}}, markerX: -7}
		if en.Footnote == nil {
			b.tag = note.Add(tagged.P)
			rows = append(rows, h.rows(h.styled(en.Citation, sizeFootnote, en.Pos), b)...)
		} else {
			fp := h.prose(en.Markdown, sizeFootnote)
			fp.cites = cites
			fp.under = 2
			for i, ch := range en.Footnote.Blocks {
				cb := b
				if i > 0 {
					cb.marker = nil
				}
				rows = append(rows, fp.blockNode(ch, cb)...)
			}
		}
		// Its calls lead here (endNoteCall): to its first line.
		for _, r := range rows[first:] {
			if !r.space {
				r.anchors = append(r.anchors, noteAnchor(chapterNoteID(c, en.Number)))
				break
			}
		}
	}
	return rows
}

// notesArea ends a student handout's last page in a writing area when at
// least notesAreaLines ruled lines fit in what the page leaves, so the
// space the handout leaves is room to write in, not a blank; fewer than
// that are too few to be worth a label. The rule is the same on every
// handout's last page, whatever the page's size: a number of lines, not
// a share of the page. It is set apart from the answer lines that may end
// above it (an essay's, continued): ruled lines on a panel of its own
// tint, under its own name ("Notes and planning", not the "Notes" of the
// notes to the text). The label is the handout's last heading, heading;
// the rules are artifacts, like answer lines.
func (h *handouts) notesArea(heading *tagged.Elem) func(room float64) []*row {
	return func(room float64) []*row {
		m := h.g.measure()
		f := &frame{x: 0, w: m, background: &fillNotes}
		const pad = 4.0 // the panel's padding, top and sides
		rows := []*row{space(6), {h: pad, frame: f, keep: true}}
		rows = append(rows, h.rows([]richtext.Span{{Text: h.label("notes-area"), Style: richtext.Bold, Size: sizeBody, Color: inkAccent}},
			block{x: pad, w: m - 2*pad, leading: leadTight, keepAll: true, frame: f, tag: heading})...)
		// Half a line's air above the footer's rule, under the panel.
		lh := answerLineH()
		n := int((room - height(rows) - lh) / lh)
		if n < notesAreaLines {
			return nil
		}
		for ; n > 0; n-- {
			rows = append(rows, &row{h: lh, frame: f, ops: []op{lineOp{x1: pad, y1: lh - 0.5, x2: m - pad, y2: lh - 0.5, width: 0.25, color: ruleColor}}})
		}
		return append(rows, &row{h: lh / 2, frame: f})
	}
}

// notesAreaLines is the fewest ruled lines a Notes area has (notesArea).
const notesAreaLines = 3

// quoteSpans is a quotation as printed: marked when unverified, in curly
// quotes, with its speaker and citation.
func (h *handouts) quoteSpans(q *book.Quote, citation cite.Text, size float64) []richtext.Span {
	var sp []richtext.Span
	if !q.Verified {
		sp = append(sp, richtext.Span{Text: h.label("unverified-mark") + " ", Style: richtext.Bold, Size: size * 0.85, Color: inkAlert})
	}
	sp = append(sp, richtext.Span{Text: h.quoted(h.gl.clean(q.Text, 0, q.Pos)), Size: size, Color: inkText})
	if q.Speaker != "" {
		// The dash goes with the name to the next line, and neither is
		// hyphenated: "— Miss" at a line's end and "Lucy" on the next
		// read as two things.
		sp = append(sp, richtext.Span{Text: " ", Size: size, Color: inkText},
			richtext.Span{Text: tie.Attribution(h.gl.clean(q.Speaker, 0, q.Pos)), Size: size, Color: inkText, NoHyphen: true})
	}
	if len(citation) > 0 {
		sp = append(sp, richtext.Span{Text: " ", Size: size, Color: inkText})
		sp = append(sp, h.citeSpans(citation, richtext.Span{Size: size, Color: inkText}, q.CitePos)...)
	}
	return sp
}

// quoted puts a quotation in the language's quotation marks; those inside
// it become the inner ones, as in print.
func (h *handouts) quoted(s string) string {
	return h.b.Labels.Quote(strings.TrimSpace(s))
}

// label is the book's word for key, with {name} filled in from name, value
// pairs. A number is tied to the word before it (tie.Spaces: "key
// quotation 1", "Handout 3"), as in the EPUB and the site, so that no line
// ends on the word and starts the next with the number.
func (h *handouts) label(key string, pairs ...string) string {
	s := h.b.Labels.Get(key)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return tie.Spaces(s)
}

// spaced gives text the layout composes (a label and a separator, joined
// items) the spacing of the book's language, as the body has it: in French
// a narrow no-break space before ; : ! ? (doc.FrenchSpacing). joined says
// the text continues a line, so a mark at its start follows a word.
func (h *handouts) spaced(s string, joined bool) string {
	if base, _, _ := strings.Cut(strings.ToLower(h.b.Language), "-"); base != "fr" {
		return s
	}
	return doc.FrenchSpacing(s, joined)
}

// standardsLine lists a question's standards by framework label and code.
func standardsLine(q *book.Question) string {
	var parts []string
	for _, s := range q.Standards {
		parts = append(parts, s.Label())
	}
	return strings.Join(parts, " · ")
}

// question sets a discussion question as li, an item of the questions'
// list: its number the Lbl; its prompt, the line under it and the
// teacher's guidance the LBody. The answer lines are artifacts.
func (h *handouts) question(q *book.Question, quoteNo map[*book.Quote]int, notes *noteSeq, teacher bool, li *tagged.Elem) []*row {
	m := h.g.measure()
	indent := 8.0
	rows := []*row{spaceBefore(3)}
	p := h.prose(q.Prompt, sizeBody)
	p.cites = h.b.Citations(q.Chapter, teacher)
	lbl := li.Add(tagged.Lbl)
	body := li.Add(tagged.LBody)
	prompt := body.Add(tagged.P)
	var sp []richtext.Span
	if q.Prompt != nil {
		// A prompt prints as one paragraph per block.
		paras := make([][]doc.Inline, 0, len(q.Prompt.Doc.Blocks))
		for _, b := range q.Prompt.Doc.Blocks {
			paras = append(paras, flatInlines([]doc.Block{b}))
		}
		// Its footnotes stand at the foot of the page, numbered on from
		// the handout's notes before it; a note style numbers them among
		// the chapter's notes, at its end.
		if len(q.Prompt.Doc.Notes) > 0 && !p.cites.InNotes() {
			p.foot = h.pageNotes(q.Chapter, q.Prompt, p.cites)
			p.foot.from = notes.take(len(q.Prompt.Doc.Notes))
		}
		for _, para := range paras {
			if len(sp) > 0 {
				sp = append(sp, richtext.Span{Text: "\n", Size: sizeBody})
			}
			c := p.base()
			c.tag = prompt
			sp = append(sp, p.inlines(para, c)...)
		}
	}
	// A project's brief stands in a box, set in from its edges; a
	// question's prompt on the page.
	var box *frame
	x, w := indent, m-indent
	if q.Phase == projectPhase {
		box = &frame{x: 0, w: m, background: &fillTint, border: &boxBorder}
		x, w = indent+3, m-indent-6
		rows = append(rows, &row{h: 2.5, frame: box, keep: true})
	}
	promptRows := h.rows(sp, block{x: x, w: w, keepAll: true, frame: box,
		tag: prompt, markerTag: lbl,
		marker: []richtext.Span{{Text: strconv.Itoa(q.Number) + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}, markerX: -indent})
	if p.foot != nil {
		p.foot.attach(promptRows, body)
	}
	if len(promptRows) > 0 {
		promptRows[0].anchors = append(promptRows[0].anchors, questionAnchor(q.Chapter.ID, q.Number))
	}
	rows = append(rows, promptRows...)

	var meta []richtext.Span
	small := func(text, link string) richtext.Span {
		return richtext.Span{Text: text, Size: sizeTiny, Color: inkMuted, Link: link}
	}
	// The key quotations the question draws on, each a link to it that
	// gives its page.
	var ev [][]richtext.Span
	for _, qt := range q.Quotes {
		if n, ok := quoteNo[qt]; ok {
			ref := small(tiedLabel(h.label("key-quotation-number", "n", strconv.Itoa(n))), quoteAnchor(q.Chapter.ID, n))
			ev = append(ev, append([]richtext.Span{ref}, h.pageRef(h.b, ref, ref.Link)...))
		} else if qt.Chapter != nil {
			// A quotation printed with another chapter's handout, which
			// a student holding this one alone may not have: its words
			// and its chapter of the work follow where it is.
			for i, x := range qt.Chapter.Quotes {
				if x == qt {
					ref := small(tiedLabel(h.label("handout-key-quotation", "handout", strconv.Itoa(qt.Chapter.Number), "n", strconv.Itoa(i+1))), quoteAnchor(qt.Chapter.ID, i+1))
					// "Handout 2, key quotation 3 (p. 14): “…” (ch. 5)":
					// the page with the label it belongs to, not after
					// the chapter's parenthesis, where two in a row read
					// as one citation; the handout's own file, without
					// the page, writes the words a word space after the
					// colon (heldContent).
					e := append([]richtext.Span{ref}, h.pageRef(h.b, ref, ref.Link)...)
					e = append(e, small(followedBy(e, h.spaced(": ", true))+h.quotedElsewhere(qt), ref.Link))
					ev = append(ev, e)
				}
			}
		}
	}
	// The exam style a prompt is written in, first: "GCSE-style".
	if q.Exam != "" {
		meta = append(meta, small(h.gl.clean(q.Exam, 0, q.Pos), ""))
		if len(ev) > 0 {
			meta = append(meta, small(h.spaced(" · ", true), ""))
		}
	}
	if len(ev) > 0 {
		meta = append(meta, small(h.spaced(h.label("evidence"), false)+" ", ""))
		for i, e := range ev {
			if i > 0 {
				meta = append(meta, small(followedBy(meta, h.spaced("; ", true)), ""))
			}
			meta = append(meta, e...)
		}
	}
	if len(meta) > 0 {
		rows = append(rows, h.rows(meta, block{x: x, w: w, leading: leadTight, keepAll: true, frame: box, tag: body.Add(tagged.P)})...)
	}
	if box != nil {
		rows = append(rows, &row{h: 2.5, frame: box})
	}
	rows[len(rows)-1].keep = true
	area := h.answerArea(q, indent, notes, teacher, body)
	// Answer lines: the prompt's last two lines go with them even on a
	// page being filled, so that neither the prompt nor its last line
	// stands apart from them.
	if len(area) > 0 && area[0].table != nil {
		for k := len(rows) - 1; k >= max(len(rows)-2, 1) && !rows[k].space; k-- {
			rows[k].whole = true
		}
	}
	rows = append(rows, area...)
	// The teacher's guidance stands where the student's answer lines
	// are, its head kept with its first lines (keepBoxHead).
	if teacher {
		// The prompt goes with the box's first lines, whole, even on a
		// page being filled, where the box may part (row.loose).
		for _, r := range rows {
			r.keep, r.whole = true, true
		}
		rows = append(rows, h.guidance(q, indent, body.Add(tagged.Div))...)
	}
	return rows
}

// noteSeq numbers the footnotes of a handout in an in-text style, which
// stand at the foot of the page that calls them: its notes' own numbers,
// then each question prompt's, on from the last, in the order the
// handout sets them, so that no two notes on a page share a number.
type noteSeq struct{ last int }

// take gives n more notes their numbers and returns the one before the
// first (the prompt's note 1 is numbered the result + 1); a nil sequence
// numbers a prompt's notes from 1.
func (s *noteSeq) take(n int) int {
	if s == nil {
		return 0
	}
	from := s.last
	s.last += n
	return from
}

// projectPhase is the phase of a project: a task done away from the
// handout, set as a brief with a planning box (FORMAT.md).
const projectPhase = "project"

// quotedElsewhere is another handout's key quotation as a question names
// it: its words in quotation marks and the chapter of the work it cites,
// "“I’ll stay with Kath…” (ch. 14)".
func (h *handouts) quotedElsewhere(q *book.Quote) string {
	s := h.label("quote-open") + h.b.Smart(q.Text) + h.label("quote-close")
	for _, it := range q.Cite {
		if it.Key == h.b.Work && it.Label == "chapter" && it.Locator != "" {
			s += " (" + h.label("work-chapter", "n", it.Locator) + ")"
			break
		}
	}
	return h.gl.clean(s, 0, q.Pos)
}

// linesKept is how many answer lines stay with their prompt, and how many
// end a question's lines together, wherever a page breaks them: four ruled
// lines are room for a claim and the sentences that support it, so the
// student starts an answer where the prompt stands, and lines continued
// on the next page are more than a stub under their label. An area of up
// to wholeLines lines is a short answer and stays whole where it can:
// split, students may miss its second half. But where moving it whole
// would leave the page it starts on more than a third empty (in large
// print a question and its lines are often taller than the page has
// left), an area of twice shortLinesKept lines or more parts after the
// first shortLinesKept, its rest continued on the next page under its
// label (row.parts). A prompt whose first lines do not fit starts a new
// page; a long (essay) area's other lines fill the page it starts on and
// go on to the next, so a long essay prompt no longer leaves most of a
// page empty to stand whole on the next one.
const (
	linesKept      = 4
	wholeLines     = 8
	shortLinesKept = 3
)

// answerLines are a question's ruled lines under its prompt (the question
// numbered number), kept with the prompt; an area of more than wholeLines
// lines may be broken by a page linesKept from either end, a shorter one
// of twice shortLinesKept lines or more after its first shortLinesKept
// (row.parts), and lines that go on to the next page are labelled as the
// question's, continued.
func (h *handouts) answerLines(lines, number int, indent float64) []*row {
	m := h.g.measure()
	lh := answerLineH()
	label := h.rows([]richtext.Span{{Text: h.label("answer-continued", "n", strconv.Itoa(number)), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}},
		block{x: indent, w: m - indent, leading: leadTight})
	for _, r := range label {
		r.head, r.keep = true, true
	}
	group := &tableGroup{header: label}
	var rows []*row
	for i := 0; i < lines; i++ {
		// Row i keeps with row i+1: the prompt's last row keeps with the
		// first line (question sets it), so lines 1…linesKept stay with
		// it, and the last linesKept lines stay together.
		kept := i < lines-1 && (lines <= wholeLines || i < linesKept-1 || i >= lines-linesKept)
		r := &row{h: lh, keep: kept, whole: kept, table: group}
		r.parts = lines <= wholeLines && lines >= 2*shortLinesKept && i == shortLinesKept-1
		r.ops = []op{lineOp{x1: indent, y1: lh - 0.5, x2: m, y2: lh - 0.5, width: 0.25, color: ruleColor}}
		rows = append(rows, r)
	}
	return rows
}

// answerLineH is the spacing of answer lines: room for handwriting, in
// proportion to the body text, so that larger type spaces them wider.
func answerLineH() float64 { return lineHeight(sizeBody, leadBody) * 5 / 3 }

// guidance is the teacher's box under a question: type, Bloom level, phase
// and the guidance notes, in div. A question without guidance has no box:
// a frame round a line of labels says "read this" and holds nothing to
// read, so its labels stand on one quiet line under it (quietLabels).
func (h *handouts) guidance(q *book.Question, indent float64, div *tagged.Elem) []*row {
	if q.Guidance == nil {
		return h.quietLabels(q, indent, div)
	}
	m := h.g.measure()
	f := &frame{x: indent, w: m - indent, background: &fillTeach, border: &teachEdge}
	rows := []*row{spaceBefore(2), {h: 2.2, frame: f, keep: true}}
	rows[0].whole = true // with the box's first lines, and the prompt above
	// What the question is, in words: "Teacher guidance · Before reading ·
	// Analytical · Bloom: analyze", as the EPUB and the site say it.
	meta := []richtext.Span{{Text: h.label("teacher-guidance"), Style: richtext.Bold, Size: 9, Color: inkAccent}}
	for _, w := range h.questionKinds(q) {
		meta = append(meta, richtext.Span{Text: labelSep, Size: 9, Color: inkMuted}, richtext.Span{Text: w, Style: richtext.Italic, Size: 9, Color: inkText})
	}
	rows = append(rows, h.rows(meta, block{x: indent + 4, w: m - indent - 8, frame: f, leading: leadTight, keepAll: true, tag: div.Add(tagged.P)})...)
	// The standards, for the teacher only.
	if s := standardsLine(q); s != "" {
		rows = append(rows, h.rows([]richtext.Span{
			{Text: h.label("standards") + " ", Size: sizeSmall, Color: inkMuted},
			{Text: h.gl.clean(s, 0, q.Pos), Size: sizeSmall, Color: inkText},
		}, block{x: indent + 4, w: m - indent - 8, frame: f, leading: leadTight, keepAll: true, tag: div.Add(tagged.P)})...)
	}
	rows = append(rows, &row{h: 1, frame: f, keep: true})
	head := len(rows) // the box's rows before its text: its label and standards
	p := h.prose(q.Guidance, 9.5)
	p.cites = h.b.Citations(q.Chapter, true) // only the teacher's copy has guidance
	p.under = 2
	// In an in-text style the guidance's footnotes end its box, lettered
	// so that they are not taken for the chapter's numbered notes; a note
	// style numbers them among the chapter's, at its end.
	p.lettered = !p.cites.InNotes()
	rows = append(rows, framed(p.blocks(q.Guidance.Doc.Blocks, block{x: indent + 4, w: m - indent - 8, frame: f, tag: div}), f)...)
	if p.lettered {
		rows = append(rows, framed(h.guidanceNotes(q, p, indent+4, m-indent-8, div), f)...)
	}
	rows = append(rows, &row{h: 1.5, frame: f}, space(2))
	// A short box stays whole, and with the answer lines above it; a
	// longer one parts with boxLinesKept lines at least on either side,
	// and its part on the next page says whose it is.
	keepTogether(rows[1:], h.g.body()/3)
	if box := rows[1 : len(rows)-1]; box[0].keep {
		// Kept whole, it parts all the same where moving it on would
		// leave the page more than a third empty.
		for _, r := range box {
			r.loose = true
		}
	}
	keepBoxEnds(rows[1 : len(rows)-1])
	keepBoxHead(rows[1:len(rows)-1], head-1)
	h.continuedBox(rows[1:len(rows)-1], h.label("box-continued", "label", h.label("teacher-guidance")), block{x: indent + 4, w: m - indent - 8, frame: f})
	return rows
}

// guidanceNotes are the footnotes of q's guidance, set by p at x in w,
// each a Note in div called by its letter.
func (h *handouts) guidanceNotes(q *book.Question, p *prose, x, w float64, div *tagged.Elem) []*row {
	var rows []*row
	for _, fn := range q.Guidance.Doc.Notes {
		if len(rows) == 0 {
			rows = append(rows, &row{h: 1.5})
		}
		letter := noteLetter(fn.Index)
		note := div.Add(tagged.Note)
		note.SetAttrs(tagged.Attrs{ID: fmt.Sprintf("note-%d-q%d-%s", q.Chapter.Number, q.Number, letter)})
		fp := *p
		fp.size = sizeFootnote
		b := block{x: x + 5, w: w - 5, leading: leadTight, tag: note,
			marker: []richtext.Span{{Text: letter + ".", Size: sizeFootnote, Color: inkAccent}}, markerX: -5}
		for i, ch := range fn.Blocks {
			if i > 0 {
				b.marker = nil
			}
			rows = append(rows, fp.blockNode(ch, b)...)
		}
	}
	return rows
}

// continuedBox heads the part of a box that a page break carries on to
// the next page with the box's label, continued ("Teacher guidance,
// continued"), in the box's frame or tint (b), as a table's header
// repeats: furniture of the page, an artifact, since the label was read
// where the box began. A table inside the box goes on under the label
// and its own header. A page that the box starts, up to its first line,
// has no label: nothing of the box came before.
func (s *setter) continuedBox(box []*row, label string, b block) {
	b.leading, b.keepAll, b.tag = leadTight, true, nil
	head := []*row{{h: 2.2, frame: b.frame, fills: b.fills}}
	head = append(head, s.rows([]richtext.Span{{Text: label, Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}}, b)...)
	head = append(head, &row{h: 1, frame: b.frame, fills: b.fills})
	for _, r := range head {
		r.head, r.keep = true, true
	}
	group := &tableGroup{header: head}
	// A page that cuts the box closes it with the padding that ends it
	// (its last row, where that draws nothing), as deep at most as the
	// padding over the label that heads its part on the next page
	// (closeCut).
	if last := box[len(box)-1]; len(last.ops) == 0 && last.h > 0 {
		group.close = &row{h: min(last.h, head[0].h), frame: b.frame, fills: b.fills}
	}
	first := slices.IndexFunc(box, func(r *row) bool { return len(r.ops) > 0 })
	for _, r := range box[first+1:] {
		switch {
		case r.table == nil:
			r.table = group
		case r.table != group && r.table.outer == nil:
			r.table.outer = group
		}
	}
}

// boxLinesKept is the fewest lines of a box on either side of a page
// break: one or two alone on a page read as a stray, not as a box.
const boxLinesKept = 3

// keepBoxEnds keeps a box's first and last boxLinesKept lines (rows that
// draw text) together with its edges, even on a page the paginator fills.
func keepBoxEnds(box []*row) {
	var lines []int
	for i, r := range box {
		if len(r.ops) > 0 {
			lines = append(lines, i)
		}
	}
	if len(lines) < 2*boxLinesKept {
		for _, r := range box[:len(box)-1] {
			r.keep, r.whole = true, true
		}
		return
	}
	for _, r := range box[:lines[boxLinesKept-1]] {
		r.keep, r.whole = true, true
	}
	for _, r := range box[lines[len(lines)-boxLinesKept] : len(box)-1] {
		r.keep, r.whole = true, true
	}
}

// boxHeadLinesKept is how many lines of a box's text stay with its head.
const boxHeadLinesKept = 2

// keepBoxHead keeps a box's head, its first head rows (a guidance box's
// label and Standards line, which may take three lines or more in large
// print), with the first boxHeadLinesKept lines of its text, even on a
// page the paginator fills: a head with nothing under it at a page's foot
// reads as a heading left behind, whatever boxLinesKept counts.
func keepBoxHead(box []*row, head int) {
	text := 0
	for i, r := range box[head : len(box)-1] {
		if len(r.ops) > 0 {
			if text++; text == boxHeadLinesKept {
				for _, k := range box[:head+i] {
					k.keep, k.whole = true, true
				}
				return
			}
		}
	}
}

// quietLabels is what a question is, for the teacher, when there is no
// guidance to give: its phase, type, Bloom level and standards on a muted
// line under it ("During reading · Recall · Bloom: remember · Standards:
// …"), kept with the question.
func (h *handouts) quietLabels(q *book.Question, indent float64, div *tagged.Elem) []*row {
	var sp []richtext.Span
	sep := func() {
		if len(sp) > 0 {
			sp = append(sp, richtext.Span{Text: labelSep, Size: sizeSmall, Color: inkMuted})
		}
	}
	for _, w := range h.questionKinds(q) {
		sep()
		sp = append(sp, richtext.Span{Text: w, Style: richtext.Italic, Size: sizeSmall, Color: inkMuted})
	}
	if s := standardsLine(q); s != "" {
		sep()
		sp = append(sp, richtext.Span{Text: h.label("standards") + " " + h.gl.clean(s, 0, q.Pos), Size: sizeSmall, Color: inkMuted})
	}
	if len(sp) == 0 {
		return []*row{space(2)}
	}
	rows := []*row{spaceBefore(1.5)}
	rows = append(rows, h.rows(sp, block{x: indent, w: h.g.measure() - indent, leading: leadTight, keepAll: true, tag: div.Add(tagged.P)})...)
	rows[len(rows)-1].keep = false
	return append(rows, space(2))
}

// questionKinds are what a question is, in words: its phase, type and
// Bloom level, those it gives, each tied whole ("During reading",
// "Bloom: analyse"), so that a line of them breaks only after a labelSep.
func (h *handouts) questionKinds(q *book.Question) []string {
	var out []string
	for _, w := range []string{h.b.Labels.Of("phase", q.Phase), h.b.Labels.Of("type", q.Type), h.bloomLabel(q.Bloom)} {
		if w != "" {
			out = append(out, tied(w))
		}
	}
	return out
}

// tied is s with every space a no-break space: a phrase no line breaks
// inside ("During reading", "Handout 5").
func tied(s string) string { return strings.ReplaceAll(s, " ", "\u00A0") }

// tiedLabel ties a label's words ("key quotation 3"), so that a line
// does not part "key" from "quotation 3"; it may still break after a
// comma ("Handout 3, | key quotation 3").
func tiedLabel(s string) string { return strings.ReplaceAll(tied(s), ",\u00A0", ", ") }

// labelSep parts the labels of a line of them ("Essay · Analytical"): its
// dot is tied to the label before it, so that no line starts with "·".
const labelSep = "\u00A0· "

// bloomLabel is a Bloom level in words, "" for none.
func (h *handouts) bloomLabel(level string) string {
	if level == "" {
		return ""
	}
	return h.label("bloom", "level", h.b.Labels.Of("bloom", level))
}

// keepTogether keeps rows on one page when together they are at most
// limit tall; the last row may still part from what follows.
func keepTogether(rows []*row, limit float64) {
	if len(rows) == 0 || height(rows) > limit {
		return
	}
	for _, r := range rows[:len(rows)-1] {
		r.keep = true
	}
}

// keepWhole keeps rows on one page, as keepTogether does, even on a page
// the paginator fills (row.whole): a mark scheme's criterion, whose
// levels are read side by side.
func keepWhole(rows []*row, limit float64) {
	if len(rows) == 0 || height(rows) > limit {
		return
	}
	for _, r := range rows[:len(rows)-1] {
		r.keep, r.whole = true, true
	}
}

// framed puts rows (and the spaces between them) inside a frame.
func framed(rows []*row, f *frame) []*row {
	for _, r := range rows {
		r.frame = f
		r.space = false
	}
	// Trailing space inside a box only adds padding.
	for len(rows) > 0 && len(rows[len(rows)-1].ops) == 0 && len(rows[len(rows)-1].fills) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}
