package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// handouts builds sections from a checked book for one render.
type handouts struct {
	*setter
	b      *book.Book
	opt    layouts.Options
	gl     *glyphs
	images map[string]*printImage
	// workCite is the works-cited entry of the work studied, for footers.
	workCite []richtext.Span
	footH    float64
}

// workEntry is the works-cited entry of the work studied, in full, for
// the footers.
func (h *handouts) workEntry() []richtext.Span {
	e, ok := h.b.WorkEntry()
	if !ok {
		return nil
	}
	var out []richtext.Span
	for _, s := range e.Text {
		st := richtext.Roman
		if s.Italic {
			st = richtext.Italic
		}
		out = append(out, richtext.Span{Text: h.gl.clean(s.Text, st, h.b.ManifestPos), Style: st, Size: sizeTiny, Color: inkMuted})
	}
	return out
}

// companionTitle is the title and subtitle as one line.
func (h *handouts) companionTitle() string {
	if h.b.Subtitle != "" {
		return h.label("title-subtitle", "title", h.b.Title, "subtitle", h.b.Subtitle)
	}
	return h.b.Title
}

// foot draws the footer: a rule, the citation of the work studied, and
// the page number within the section.
func (h *handouts) foot(no, of int) []*row {
	m := h.g.measure()
	numW := 28.0
	label := h.label("page-of", "page", strconv.Itoa(no), "pages", strconv.Itoa(of))
	lh := lineHeight(sizeTiny, leadTight)
	lines := h.fonts.Break(h.workCite, richtext.Options{Width: m - numW})
	if len(lines) == 0 {
		lines = []richtext.Line{{}}
	}
	// A little air above the rule, so the last line of text never sits on it.
	const gap, ruleY = 3.0, 3.6
	r := &row{h: gap + 2.4 + float64(len(lines))*lh + 1}
	r.ops = append(r.ops, lineOp{x1: 0, y1: ruleY, x2: m, y2: ruleY, width: 0.3, color: ruleColor})
	asc := float64(h.fonts.Face(richtext.Roman).Ascent) / 1000 * richtext.PtToMM
	for i, ln := range lines {
		base := ruleY + 1.8 + float64(i)*lh + sizeTiny*asc
		for _, f := range ln.Fragments {
			r.ops = append(r.ops, textOp{frag: f, x: 0, y: base})
		}
	}
	sp := richtext.Span{Text: label, Size: sizeSmall, Color: inkAccent}
	w := h.fonts.Width(0, label, sizeSmall)
	r.ops = append(r.ops, textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: m - w, y: ruleY + 1.8 + sizeSmall*asc})
	return []*row{r}
}

// head draws the running head of a section's later pages.
func (h *handouts) head(left, right string, pos diag.Pos) func() []*row {
	return func() []*row {
		m := h.g.measure()
		r := &row{h: 8}
		l := richtext.Span{Text: h.gl.clean(left, richtext.Italic, pos), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}
		lw := h.fonts.Width(richtext.Italic, l.Text, sizeSmall)
		if lw > m-40 {
			// A very long title: the head is one line, so shorten it.
			for lw > m-40 && len([]rune(l.Text)) > 1 {
				rs := []rune(l.Text)
				l.Text = string(rs[:len(rs)-2]) + "…"
				lw = h.fonts.Width(richtext.Italic, l.Text, sizeSmall)
			}
		}
		rs := richtext.Span{Text: right, Size: sizeSmall, Color: inkMuted}
		rw := h.fonts.Width(0, right, sizeSmall)
		// The baseline an em below the top, the rule clear of descenders.
		em := sizeSmall * richtext.PtToMM
		base, ruleY := 1+em, 1+1.45*em
		r.ops = []op{
			textOp{frag: richtext.Fragment{Span: l, Width: lw}, x: 0, y: base},
			textOp{frag: richtext.Fragment{Span: rs, Width: rw}, x: m - rw, y: base},
			lineOp{x1: 0, y1: ruleY, x2: m, y2: ruleY, width: 0.3, color: lightRule},
		}
		return []*row{r}
	}
}

// maxBlockH is the tallest single row may be on a page with head and foot.
func (h *handouts) maxBlockH() float64 {
	return h.g.body() - h.footH - 8 - slack - 1
}

func (h *handouts) prose(md *book.Markdown, size float64) *prose {
	return &prose{setter: h.setter, b: h.b, gl: h.gl, images: h.images, md: md, size: size, maxImageH: h.maxBlockH()}
}

// band is the coloured header of a handout's first page: its title is the
// section's H1; the kicker above it, like a running head, an artifact.
func (h *handouts) band(kicker, right, title, sub string, pos diag.Pos, sect *tagged.Elem) []*row {
	m := h.g.measure()
	f := &frame{x: 0, w: m, background: &fillAccent}
	pad := func(v float64) *row { return &row{h: v, frame: f, keep: true} }
	rows := []*row{pad(4)}
	k := h.rows([]richtext.Span{{Text: h.gl.clean(strings.ToUpper(kicker), 0, h.b.ManifestPos), Size: sizeSmall, Color: inkPale}},
		block{x: 6, w: m - 50, leading: leadTight, frame: f, keepAll: true})
	if len(k) > 0 && right != "" {
		asc := float64(h.fonts.Face(richtext.Bold).Ascent) / 1000 * richtext.PtToMM
		sp := richtext.Span{Text: right, Style: richtext.Bold, Size: sizeSmall, Color: inkWhite}
		w := h.fonts.Width(richtext.Bold, right, sizeSmall)
		k[0].ops = append(k[0].ops, textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: m - 6 - w, y: (k[0].h-sizeSmall*richtext.PtToMM*1.1)/2 + sizeSmall*asc})
	}
	rows = append(rows, k...)
	rows = append(rows, pad(1.5))
	rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(title, richtext.Bold, pos), Style: richtext.Bold, Size: 21, Color: inkWhite}},
		block{x: 6, w: m - 12, leading: 1.15, frame: f, keepAll: true, tag: sect.Add(tagged.H1)})...)
	if sub != "" {
		rows = append(rows, pad(1))
		rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(sub, richtext.Italic, pos), Style: richtext.Italic, Size: 9.5, Color: inkPale}},
			block{x: 6, w: m - 12, leading: leadTight, frame: f, keepAll: true, tag: sect.Add(tagged.P)})...)
	}
	rows = append(rows, pad(4))
	rows[len(rows)-1].keep = false
	return rows
}

// titlePos is where a chapter's title is written: its file (the model
// keeps no line for the title).
func titlePos(c *book.Chapter) diag.Pos { return diag.Pos{File: c.Path} }

// coversLine says which parts of the work a chapter discusses.
func coversLine(b *book.Book, c *book.Chapter) string {
	if len(b.WorkParts) == 0 {
		return "" // the project does not divide the work
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

// nameLines is the Name / Class / Date strip students fill in.
func (h *handouts) nameLines() *row {
	m := h.g.measure()
	r := &row{h: 13, keep: true}
	const base = 9.5
	fields := []struct {
		label    string
		from, to float64
	}{{h.label("name"), 0, 0.55}, {h.label("class"), 0.59, 0.78}, {h.label("date"), 0.82, 1}}
	for _, f := range fields {
		sp := richtext.Span{Text: f.label, Size: 9, Color: inkMuted}
		w := h.fonts.Width(0, f.label, 9)
		x := f.from * m
		r.ops = append(r.ops,
			textOp{frag: richtext.Fragment{Span: sp, Width: w}, x: x, y: base},
			lineOp{x1: x + w + 2, y1: base + 0.6, x2: f.to * m, y2: base + 0.6, width: 0.3, color: ruleColor})
	}
	return r
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
	rows = append(rows, lines...)
	gap := &row{h: 1.5, keep: true, frame: f}
	return append(rows, gap)
}

// handout builds one chapter's handout; teacher adds guidance.
func (h *handouts) handout(c *book.Chapter, teacher bool) *section {
	m := h.g.measure()
	label := h.label("handout-number", "n", strconv.Itoa(c.Number))
	if teacher {
		label = h.label("teacher-edition") + " · " + label
	}
	var rows []*row
	sect := tagged.New(tagged.Sect)
	band := h.band(h.companionTitle(), label, c.Title, coversLine(h.b, c), titlePos(c), sect)
	band[0].marks = []bookmark{{title: fmt.Sprintf("%d. %s", c.Number, c.Title), level: 0}}
	rows = append(rows, band...)
	rows = append(rows, h.nameLines(), space(2))

	// The notes.
	body := c.Body.Edition(teacher)
	notes := h.prose(body, sizeBody)
	notes.marks = true
	if body != nil {
		rows = append(rows, notes.blocks(body.Doc.Blocks, block{x: 0, w: m, tag: sect})...)
		notes.footnotes = body.Doc.Notes
	}

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
			sp := h.quoteSpans(q, sizeBody)
			li := list.Add(tagged.LI)
			lbl := li.Add(tagged.Lbl)
			qr := h.rows(sp, block{x: 12, w: m - 17, frame: f, leading: leadBody,
				tag: li.Add(tagged.LBody).Add(tagged.P), markerTag: lbl,
				marker: []richtext.Span{{Text: strconv.Itoa(i+1) + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}, markerX: -7})
			rows = append(rows, qr...)
			rows = append(rows, &row{h: 1.8, frame: f})
		}
		rows = append(rows, &row{h: 1.5, frame: f})
		keepTogether(rows[boxStart:], h.g.body()*0.55)
	}

	// Discussion questions.
	if len(c.Questions) > 0 {
		rows = append(rows, space(3))
		rows = append(rows, h.sectionHeading(h.label("discussion-questions"), 0, m, nil, sect)...)
		list := sect.Add(tagged.L)
		for _, q := range c.Questions {
			rows = append(rows, h.question(q, quoteNo, teacher, list.Add(tagged.LI))...)
		}
	}

	// The chapter's footnotes, as notes at the end.
	if len(notes.footnotes) > 0 {
		rows = append(rows, space(4))
		rows = append(rows, h.sectionHeading(h.label("notes"), 0, m, nil, sect)...)
		fp := h.prose(body, sizeFootnote)
		fp.under = 2
		for _, fn := range notes.footnotes {
			note := sect.Add(tagged.Note)
			note.ID = fmt.Sprintf("note-%d-%d", c.Number, fn.Index)
			b := block{x: 7, w: m - 7, leading: leadTight, tag: note,
				marker: []richtext.Span{{Text: strconv.Itoa(fn.Index) + ".", Size: sizeFootnote, Color: inkAccent}}, markerX: -7}
			for i, ch := range fn.Blocks {
				cb := b
				if i > 0 {
					cb.marker = nil
				}
				rows = append(rows, fp.blockNode(ch, cb)...)
			}
		}
	}

	return &section{
		rows: rows,
		head: h.head(h.b.Title+" · "+fmt.Sprintf("%d. %s", c.Number, c.Title), label, titlePos(c)),
		foot: h.foot,
	}
}

// quoteSpans is a quotation as printed: marked when unverified, in curly
// quotes, with its speaker and citation.
func (h *handouts) quoteSpans(q *book.Quote, size float64) []richtext.Span {
	var sp []richtext.Span
	if !q.Verified {
		sp = append(sp, richtext.Span{Text: h.label("unverified-mark") + " ", Style: richtext.Bold, Size: size * 0.85, Color: inkAlert})
	}
	sp = append(sp, richtext.Span{Text: h.quoted(h.gl.clean(q.Text, 0, q.Pos)), Size: size, Color: inkText})
	if q.Speaker != "" {
		sp = append(sp, richtext.Span{Text: " — " + h.gl.clean(q.Speaker, 0, q.Pos), Size: size, Color: inkText})
	}
	if len(q.Cite) > 0 {
		sp = append(sp, richtext.Span{Text: " ", Size: size, Color: inkText})
		for _, s := range h.b.Cite(q.Cite) {
			st := richtext.Roman
			if s.Italic {
				st = richtext.Italic
			}
			sp = append(sp, richtext.Span{Text: h.gl.clean(s.Text, st, q.CitePos), Style: st, Size: size, Color: inkText})
		}
	}
	return sp
}

// quoted puts a quotation in the language's quotation marks; those inside
// it become the inner ones, as in print.
func (h *handouts) quoted(s string) string {
	return h.b.Labels.Quote(strings.TrimSpace(s))
}

// label is the book's word for key, with {name} filled in from name, value
// pairs.
func (h *handouts) label(key string, pairs ...string) string {
	return h.b.Labels.Format(key, pairs...)
}

// standardsLine lists a question's standards by framework label and code.
func standardsLine(q *book.Question) string {
	var parts []string
	for _, s := range q.Standards {
		name := s.Framework
		if s.Standard != nil {
			name = s.Standard.Framework.Label()
		}
		parts = append(parts, name+" "+s.Code)
	}
	return strings.Join(parts, " · ")
}

const answerLineH = 8.5

// question sets a discussion question as li, an item of the questions'
// list: its number the Lbl; its prompt, the line under it and the
// teacher's guidance the LBody. The answer lines are artifacts.
func (h *handouts) question(q *book.Question, quoteNo map[*book.Quote]int, teacher bool, li *tagged.Elem) []*row {
	m := h.g.measure()
	indent := 8.0
	rows := []*row{spaceBefore(3)}
	p := h.prose(q.Prompt, sizeBody)
	var sp []richtext.Span
	if q.Prompt != nil {
		// A prompt prints as one paragraph per block, its notes last.
		paras := make([][]doc.Inline, 0, len(q.Prompt.Doc.Blocks)+1)
		for _, b := range q.Prompt.Doc.Blocks {
			paras = append(paras, flatInlines([]doc.Block{b}))
		}
		if len(q.Prompt.Doc.Notes) > 0 {
			var notes []doc.Inline
			for _, n := range q.Prompt.Doc.Notes {
				notes = append(notes, flatInlines(n.Blocks)...)
			}
			paras = append(paras, notes)
		}
		for _, para := range paras {
			if len(sp) > 0 {
				sp = append(sp, richtext.Span{Text: "\n", Size: sizeBody})
			}
			sp = append(sp, p.inlines(para, p.base())...)
		}
	}
	lbl := li.Add(tagged.Lbl)
	body := li.Add(tagged.LBody)
	rows = append(rows, h.rows(sp, block{x: indent, w: m - indent, keepAll: true,
		tag: body.Add(tagged.P), markerTag: lbl,
		marker: []richtext.Span{{Text: strconv.Itoa(q.Number) + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}, markerX: -indent})...)

	var meta []string
	if s := standardsLine(q); s != "" {
		meta = append(meta, h.label("standards")+" "+h.gl.clean(s, 0, q.Pos))
	}
	var ev []string
	for _, qt := range q.Quotes {
		if n, ok := quoteNo[qt]; ok {
			ev = append(ev, h.label("key-quotation-number", "n", strconv.Itoa(n)))
		} else if qt.Chapter != nil {
			// A quotation printed with another chapter's handout.
			for i, x := range qt.Chapter.Quotes {
				if x == qt {
					ev = append(ev, h.label("handout-key-quotation", "handout", strconv.Itoa(qt.Chapter.Number), "n", strconv.Itoa(i+1)))
				}
			}
		}
	}
	if len(ev) > 0 {
		meta = append(meta, h.label("evidence")+" "+strings.Join(ev, "; "))
	}
	if len(meta) > 0 {
		rows = append(rows, h.rows([]richtext.Span{{Text: strings.Join(meta, " · "), Size: sizeTiny, Color: inkMuted}},
			block{x: indent, w: m - indent, leading: leadTight, keepAll: true, tag: body.Add(tagged.P)})...)
	}
	// Answer lines: kept with the prompt and, when a question asks for a
	// few, with each other, so nobody writes across a page break.
	for i := 0; i < q.Lines; i++ {
		r := &row{h: answerLineH, keep: q.Lines <= 14 && i < q.Lines-1}
		r.ops = []op{lineOp{x1: indent, y1: answerLineH - 0.5, x2: m, y2: answerLineH - 0.5, width: 0.25, color: ruleColor}}
		rows = append(rows, r)
	}
	if teacher {
		if len(rows) > 0 {
			rows[len(rows)-1].keep = true
		}
		rows = append(rows, h.guidance(q, indent, body.Add(tagged.Div))...)
	}
	return rows
}

// guidance is the teacher's box under a question: type, Bloom level, phase
// and the guidance notes, in div.
func (h *handouts) guidance(q *book.Question, indent float64, div *tagged.Elem) []*row {
	m := h.g.measure()
	f := &frame{x: indent, w: m - indent, background: &fillTeach, border: &teachEdge}
	rows := []*row{spaceBefore(2), {h: 2.2, frame: f, keep: true}}
	meta := []richtext.Span{
		{Text: h.label("teacher-notes"), Style: richtext.Bold, Size: 9, Color: inkAccent},
		{Text: " · " + h.label("question-type") + " ", Size: 9, Color: inkMuted}, {Text: h.b.Labels.Of("type", q.Type), Style: richtext.Italic, Size: 9, Color: inkText},
		{Text: " · " + h.label("bloom-level") + " ", Size: 9, Color: inkMuted}, {Text: h.b.Labels.Of("bloom", q.Bloom), Style: richtext.Italic, Size: 9, Color: inkText},
	}
	if q.Phase != "" {
		meta = append(meta, richtext.Span{Text: " · " + h.label("phase") + " ", Size: 9, Color: inkMuted},
			richtext.Span{Text: h.b.Labels.Of("phase", q.Phase), Style: richtext.Italic, Size: 9, Color: inkText})
	}
	rows = append(rows, h.rows(meta, block{x: indent + 4, w: m - indent - 8, frame: f, leading: leadTight, keepAll: true, tag: div.Add(tagged.P)})...)
	if q.Guidance != nil {
		rows = append(rows, &row{h: 1, frame: f, keep: true})
		p := h.prose(q.Guidance, 9.5)
		p.under = 2
		rows = append(rows, framed(p.blocks(q.Guidance.Doc.Blocks, block{x: indent + 4, w: m - indent - 8, frame: f, tag: div}), f)...)
	}
	rows = append(rows, &row{h: 1.5, frame: f}, space(2))
	// A short box stays whole, and with the answer lines above it.
	keepTogether(rows[1:], h.g.body()/3)
	return rows
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
