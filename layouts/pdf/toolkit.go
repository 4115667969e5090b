package pdf

import (
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The teacher's toolkit in the PDFs: each handout's vocabulary box, its
// questions by phase and its essay rubrics; the packets' back matter
// (backMatter): the student packet's glossary, characters and timeline;
// the teacher packet's cumulative vocabulary, characters, timeline,
// theme tracker, rubrics and pacing calendars.

// markdownSpans sets inline Markdown (a definition, a descriptor) as
// spans of one paragraph; its footnotes go to notes, nil for none.
func (h *handouts) markdownSpans(m *book.Markdown, size float64, c inline, notes *pieceNotes) []richtext.Span {
	// c.tag is the element the spans are part of, for a note's Reference.
	if m == nil {
		return nil
	}
	p := h.prose(m, size)
	c.size = size
	if notes != nil && len(m.Doc.Notes) > 0 {
		p.foot = h.footnotes(m, nil, notes.id)
		p.foot.from = notes.seq.take(len(m.Doc.Notes))
		notes.pending = append(notes.pending, calledIn{notes: p.foot, parent: c.tag})
	}
	return p.inlines(flatInlines(m.Doc.Blocks), c)
}

// pieceNotes are the footnotes of the pieces of Markdown a section sets
// in boxes and tables (a definition, a timeline event, a mark scheme's
// descriptor), each at the foot of the page that calls it, as a
// handout's notes are: numbered in one sequence, seq, the section's own
// or its handout's, each a Note in the element its call is in (the
// paragraph, the table's cell), with the ID id gives its number.
type pieceNotes struct {
	seq     *noteSeq
	id      func(number int) string
	pending []calledIn // pieces set as spans, their rows still to come
}

// calledIn is a piece's notes and the element its calls are in.
type calledIn struct {
	notes  *pageNotes
	parent *tagged.Elem
}

// sectionNotes numbers the pieces' notes of the appendix named key from 1.
func sectionNotes(key string) *pieceNotes {
	return &pieceNotes{seq: &noteSeq{}, id: func(number int) string { return "note-" + key + "-" + strconv.Itoa(number) }}
}

// attach gives rows, those the pieces set since the last attach were set
// in, the pieces' notes (pageNotes.attach).
func (n *pieceNotes) attach(rows []*row) {
	if n == nil {
		return
	}
	for _, c := range n.pending {
		c.notes.attach(rows, c.parent)
	}
	n.pending = n.pending[:0]
}

// cell is the TD element of a table's cell that sets m, made with its
// text when m has footnotes, whose Notes go in it; nil when it has none
// (or notes is nil), and the table's row makes the cell's own.
func (n *pieceNotes) cell(m *book.Markdown) *tagged.Elem {
	if n == nil || m == nil || len(m.Doc.Notes) == 0 {
		return nil
	}
	return tagged.New(tagged.TD)
}

// vocabularyBox is a handout's terms in a box: each term, its part of
// speech and its definition.
// Its definitions' notes go to notes.
func (h *handouts) vocabularyBox(c *book.Chapter, notes *pieceNotes, sect *tagged.Elem) []*row {
	if len(c.Vocabulary) == 0 {
		return nil
	}
	m := h.g.measure()
	f := &frame{x: 0, w: m, background: &fillTint, border: &boxBorder}
	rows := []*row{space(4)}
	start := len(rows)
	rows = append(rows, &row{h: 3, frame: f, keep: true})
	rows = append(rows, h.sectionHeading(h.label("vocabulary"), 5, m-10, f, sect)...)
	list := sect.Add(tagged.L)
	for _, t := range c.Vocabulary {
		para := list.Add(tagged.LI).Add(tagged.LBody).Add(tagged.P)
		sp := []richtext.Span{{Text: h.gl.clean(t.Term, richtext.Bold, t.Pos), Style: richtext.Bold, Size: sizeBody, Color: inkText}}
		if t.PartOfSpeech != "" {
			sp = append(sp, richtext.Span{Text: " " + h.gl.clean(t.PartOfSpeech, richtext.Italic, t.Pos), Style: richtext.Italic, Size: sizeBody, Color: inkMuted})
		}
		sp = append(sp, richtext.Span{Text: " — ", Size: sizeBody, Color: inkText})
		sp = append(sp, h.markdownSpans(t.Definition, sizeBody, inline{color: inkText, tag: para}, notes)...)
		// the citation, as the glossary prints it (termCite)
		sp = append(sp, h.termCite(t, sizeBody)...)
		tr := h.rows(sp, block{x: 5, w: m - 10, frame: f, leading: leadBody, hanging: 4, tag: para})
		notes.attach(tr)
		rows = append(rows, tr...)
		rows = append(rows, &row{h: 1.2, frame: f})
	}
	rows = append(rows, &row{h: 1.5, frame: f})
	keepTogether(rows[start:], h.g.body()*0.55)
	return rows
}

// phaseGroup is the questions of one phase of a handout ("" for those
// that give none).
type phaseGroup struct {
	phase     string
	questions []*book.Question
}

// phaseGroups are a handout's questions as it prints them: those without
// a phase first, then each phase of the lesson in order; a chapter whose
// questions give no phase has one group.
func phaseGroups(c *book.Chapter) []phaseGroup {
	var out []phaseGroup
	for _, phase := range book.PhaseOrder { // the order the book numbers them in
		g := phaseGroup{phase: phase}
		for _, q := range c.Questions {
			if q.Phase == phase {
				g.questions = append(g.questions, q)
			}
		}
		if len(g.questions) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// questionsByPhase sets a handout's questions under a heading for each
// phase of the lesson.
func (h *handouts) questionsByPhase(c *book.Chapter, quoteNo map[*book.Quote]int, notes *noteSeq, teacher bool, sect *tagged.Elem) []*row {
	var rows []*row
	for i, g := range phaseGroups(c) {
		if g.phase == projectPhase {
			continue // under a heading of their own (handout)
		}
		if g.phase != "" {
			if i > 0 { // the first stays with the section's heading
				rows = append(rows, space(3))
			}
			head := h.rows([]richtext.Span{{Text: h.label("phase-" + g.phase), Style: richtext.Bold, Size: 11.5, Color: inkAccent}},
				block{x: 0, w: h.g.measure(), leading: leadTight, keepAll: true, tag: sect.Add(tagged.H3)})
			for _, r := range head {
				r.keep, r.whole = true, true // with the first question, as a section's heading (sectionHeading)
			}
			rows = append(rows, head...)
		}
		list := sect.Add(tagged.L)
		for _, q := range g.questions {
			rows = append(rows, h.question(q, quoteNo, notes, teacher, list.Add(tagged.LI))...)
		}
	}
	return rows
}

// handoutRubrics are the rubrics a handout's questions name; their
// descriptors' notes go to notes.
func (h *handouts) handoutRubrics(c *book.Chapter, notes *pieceNotes, sect *tagged.Elem) []*row {
	var rows []*row
	for _, r := range c.Rubrics() {
		rows = append(rows, space(4))
		heading := h.sectionHeading(h.label("rubric-for", "title", h.gl.clean(r.Title, richtext.Bold, r.Pos)), 0, h.g.measure(), nil, sect)
		for _, hr := range heading {
			if len(hr.marks) > 0 { // where the teacher's toolkit links to it
				hr.anchors = append(hr.anchors, rubricAnchor(c.ID, r.ID))
				break
			}
		}
		// The teacher's toolkit prints it nowhere else (rubricsAppendix).
		rows = append(rows, h.markScheme(r, heading, notes, sect)...)
	}
	return rows
}

// markScheme is a rubric under its heading: the heading, the note and
// the scheme (rubricTable). A scheme that fits a page is kept on one, to
// be copied whole; on a page the paginator fills, or when it is longer,
// it parts between criteria, or between a listed criterion's levels
// where moving it on would leave the page more than a third empty
// (partLevels), its heading and note never from the first criterion's
// first two levels, or from its first where with those two they take
// more than two-thirds of a page (openingLevels).
//
// The descriptors' footnotes go to notes.
func (h *handouts) markScheme(r *book.Rubric, heading []*row, notes *pieceNotes, sect *tagged.Elem) []*row {
	for _, hr := range heading {
		hr.keep, hr.whole = true, true
	}
	rows := heading
	for _, nr := range h.rubricNote(r, sect) {
		nr.whole = true
		rows = append(rows, nr)
	}
	above := len(rows)
	rows = append(rows, h.rubricTable(r, notes, sect)...)
	keepTogether(rows, h.maxBlockH())
	if height(rows) <= h.maxBlockH() {
		// It fits a page: it moves on whole, to be copied whole, unless
		// the page is under a third full; its criteria give way only in
		// a scheme longer than a page (keepLoose).
		for _, sr := range rows {
			sr.loose = false
		}
	}
	// The heading and note stay with the first criterion: a grid's whole
	// where together they fit a page, else with its first row; a list's
	// name and first two levels (partLevels), or its first
	// (openingLevels).
	if first := slices.IndexFunc(rows[above:], func(tr *row) bool { return tr.table != nil && !tr.head }); first >= 0 {
		first += above
		end := first + 1
		for end < len(rows) && rows[end].table == rows[first].table {
			end++
		}
		if prev := rows[first-1]; !prev.head || prev.table != rows[first].table {
			openingLevels(rows, first, end, h.maxBlockH())
		} else if height(rows[:end]) > h.maxBlockH() {
			for _, tr := range rows[first:end] {
				tr.whole = false
			}
		}
	}
	return rows
}

// partLevels lets a mark scheme's criterion set as a list, its levels
// levels (a table's rows), part between them as any table parts between
// its rows: so that the page it starts on is filled, not left a third or
// half empty because the criterion does not fit whole under what is
// there. It never parts where a level would stand alone at a page's foot
// or head: its name (the rows before levels keep with it) stays with its
// first two levels, and its last two levels stay together, on any page;
// a criterion of three levels or fewer stays whole. A page the levels go
// on to heads them with the criterion's name, continued, as a table goes
// on under its header.
func (h *handouts) partLevels(levels []*row, name string) {
	var ends []int // each level's last row
	for i, r := range levels {
		r.whole = false
		if !r.piece {
			ends = append(ends, i)
		}
	}
	if n := len(ends); n > 0 {
		// Whole from the name through the second level's last row but one
		// (the first two levels), and from the end of the last level but
		// one through the last (the last two).
		for _, r := range levels[:ends[min(1, n-1)]] {
			r.keep, r.whole = true, true
		}
		for _, r := range levels[ends[max(n-2, 0)] : len(levels)-1] {
			r.keep, r.whole = true, true
		}
	}
	label := h.rows([]richtext.Span{{Text: h.label("box-continued", "label", name), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}},
		block{x: 0, w: h.g.measure(), leading: leadTight})
	for _, r := range label {
		r.head, r.keep, r.whole = true, true, true
	}
	levels[0].table.header = label
}

// rubricNote is what the rubric's note says the scheme is and is not,
// under its title and before its table; nothing when it has none. It
// stays with the table's first rows (rubricTable), as the title stays
// with it: a page that ends in a scheme's title and note leaves the next
// page a table without a title when it is copied.
func (h *handouts) rubricNote(r *book.Rubric, sect *tagged.Elem) []*row {
	if r.Note == "" {
		return nil
	}
	rows := h.rows([]richtext.Span{{Text: h.gl.clean(r.Note, 0, r.Pos), Size: sizeSmall, Color: inkMuted}},
		block{x: 0, w: h.g.measure(), leading: leadTight, tag: sect.Add(tagged.P)})
	for _, r := range rows {
		r.keep = true
	}
	return append(rows, spaceBefore(2))
}

// openingLevels lets the first criterion of a scheme set as a list, its
// levels rows[first:end], part after its first level where the scheme's
// title, note and criterion's name with its first two levels take more
// than two-thirds of a page (large print's GCSE scheme, its note seven
// lines): moved whole, they would leave the page before a fifth full
// (LP teacher p. 248). Under its scheme's title and note the first level
// does not stand alone at the page's foot as a later level would.
func openingLevels(rows []*row, first, end int, page float64) {
	var ends []int // each level's last row
	for i := first; i < end; i++ {
		if !rows[i].piece {
			ends = append(ends, i)
		}
	}
	if len(ends) >= 2 && height(rows[:ends[1]+1]) > page*2/3 {
		rows[ends[0]].whole = false
	}
}

// rubricTable sets a rubric: a row for each criterion, a column for each
// level, where every level's column is a readable measure (roomy). A
// scheme of more levels than that allows side by side (four levels or
// five bands on a portrait page), and in large print every scheme, is
// set as a list instead (rubricList): a marker reads along a level, and
// narrow columns hyphenate every other line.
func (h *handouts) rubricTable(r *book.Rubric, notes *pieceNotes, sect *tagged.Elem) []*row {
	// Large print sets every scheme as a list: measuring its grid first
	// would be work thrown away.
	if h.g.listRubrics {
		return h.rubricList(r, notes, sect)
	}
	t := h.rubricSpec(r, nil)
	if t.widths == nil || !h.roomy(t) {
		return h.rubricList(r, notes, sect)
	}
	// The grid it is measured in numbers no notes: set again, with them,
	// where the descriptors call some.
	if notes != nil && slices.ContainsFunc(r.Criteria, func(c *book.Criterion) bool {
		return slices.ContainsFunc(c.Descriptors, func(d *book.Markdown) bool { return d != nil && len(d.Doc.Notes) > 0 })
	}) {
		t = h.rubricSpec(r, notes)
	}
	t.tag = sect.Add(tagged.Table)
	rows := h.table(t, block{x: 0, w: h.g.measure()})
	notes.attach(rows)
	return rows
}

// rubricSize is a mark scheme's type, as a grid or as a list.
const rubricSize = sizeSmall

// rubricSpec is a rubric as a table in small type, its widths nil where
// its words do not fit their columns (rubricWidths); the descriptors'
// notes go to notes.
func (h *handouts) rubricSpec(r *book.Rubric, notes *pieceNotes) tableSpec {
	const size = rubricSize
	t := tableSpec{size: size, maxRowH: h.maxBlockH(), wholeRows: true}
	t.align = []int{0}
	t.header = [][]richtext.Span{{{Text: h.label("criterion"), Size: size}}}
	for _, lv := range r.Levels {
		t.align = append(t.align, 0)
		t.header = append(t.header, []richtext.Span{{Text: h.levelName(lv), Size: size}})
	}
	named := map[string]bool{}
	for _, c := range r.Criteria {
		name := h.criterionName(c, size)
		if std := h.criterionStandards(c, named); std != "" {
			name = append(name, richtext.Span{Text: "\n" + std, Size: sizeTiny, Color: inkMuted})
		}
		cells := [][]richtext.Span{name}
		elems := []*tagged.Elem{nil}
		for _, d := range c.Descriptors {
			td := notes.cell(d)
			cells = append(cells, h.markdownSpans(d, size, inline{color: inkText, tag: td}, notes))
			elems = append(elems, td)
		}
		t.body = append(t.body, cells)
		t.bodyCells = append(t.bodyCells, elems)
	}
	if fw := soleFramework(named); fw != "" {
		t.header[0] = append(t.header[0], richtext.Span{Text: "\n" + h.gl.clean(fw, 0, r.Pos), Size: sizeTiny, Color: inkMuted})
	}
	t.widths = h.rubricWidths(t, h.g.measure())
	t.keepWidths = true
	return t
}

// rubricList sets a rubric whose levels do not fit side by side: each
// criterion under its name (a heading), then its mark range and
// standards, then a table of two columns, each level beside its
// descriptor, the level the header of its row, with its band of marks
// (Level.Heading) under every criterion, the same band, so that a reader
// sees the whole answer's mark on each strand. Every word keeps the
// scheme's size, on a measure wide enough for it.
func (h *handouts) rubricList(r *book.Rubric, notes *pieceNotes, sect *tagged.Elem) []*row {
	const size = rubricSize
	m := h.g.measure()
	var rows []*row
	named := map[string]bool{}
	standards := make([]string, len(r.Criteria))
	for i, c := range r.Criteria {
		standards[i] = h.criterionStandards(c, named)
	}
	// The framework the names' codes belong to, said once, as the grid
	// says it under its "Criterion".
	if fw := soleFramework(named); fw != "" {
		rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(fw, 0, r.Pos), Size: size, Color: inkMuted}},
			block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})...)
		for _, fr := range rows {
			fr.keep, fr.whole = true, true // with the first criterion
		}
	}
	// The levels' column is as wide as their longest name, in the bold
	// and the size it prints in, and no wider than a third of the measure.
	first := 0.0
	for _, lv := range r.Levels {
		first = max(first, h.fonts.NaturalWidth([]richtext.Span{{Text: h.levelName(lv), Style: richtext.Bold, Size: h.g.typeSize(size)}})+2*h.g.cellPadX())
	}
	first = min(first, m/3)
	// Where each criterion starts in rows, and where they end.
	starts := make([]int, len(r.Criteria)+1)
	for i, c := range r.Criteria {
		starts[i] = len(rows)
		// The space above a criterion goes with it, so that the first
		// stays with what the scheme's title and note keep with it.
		rows = append(rows, &row{h: 3, space: true, keep: true, whole: true})
		name, marks := splitMarkRange(c.Name)
		head := h.rows([]richtext.Span{{Text: h.gl.clean(name, richtext.Bold, c.Pos), Style: richtext.Bold, Size: sizeBody, Color: inkAccent}},
			block{x: 0, w: m, leading: leadTight, keepAll: true, tag: sect.Add(tagged.H3)})
		var sub []richtext.Span
		if marks != "" {
			sub = append(sub, richtext.Span{Text: h.gl.clean(marks, 0, c.Pos), Size: size, Color: inkText})
		}
		if standards[i] != "" {
			if len(sub) > 0 {
				sub = append(sub, richtext.Span{Text: "\n", Size: size})
			}
			sub = append(sub, richtext.Span{Text: standards[i], Size: size, Color: inkMuted})
		}
		if len(sub) > 0 {
			head = append(head, h.rows(sub, block{x: 0, w: m, leading: leadTight, tag: sect.Add(tagged.P)})...)
		}
		head = append(head, &row{h: 1.5})
		for _, hr := range head {
			hr.keep, hr.whole = true, true // with the first level, on any page
		}
		rows = append(rows, head...)
		t := tableSpec{size: size, maxRowH: h.maxBlockH(), align: []int{0, 0}, widths: []float64{first, m - first},
			keepWidths: true, rowHeads: true, wholeRows: true, tag: sect.Add(tagged.Table)}
		for j, lv := range r.Levels {
			var d []richtext.Span
			var td *tagged.Elem
			if j < len(c.Descriptors) {
				td = notes.cell(c.Descriptors[j])
				d = h.markdownSpans(c.Descriptors[j], size, inline{color: inkText, tag: td}, notes)
			}
			level := h.gl.clean(lv.Heading(), richtext.Bold, lv.Pos)
			t.body = append(t.body, [][]richtext.Span{{{Text: level, Style: richtext.Bold, Size: size, Color: inkAccent}}, d})
			t.bodyCells = append(t.bodyCells, []*tagged.Elem{nil, td})
		}
		tr := h.table(t, block{x: 0, w: m})
		notes.attach(tr)
		rows = append(rows, tr...)
	}
	// A criterion is read along its levels: it stays on one page where
	// it can, and the last does not go on to a page alone, without the
	// one before. But where moving it on would leave the page more than a
	// third empty (row.loose), it parts between its levels as partLevels
	// lets it, as a table does: large print's criteria are a third of a
	// page or more, and kept whole they left pages a third and half empty.
	n := len(r.Criteria)
	starts[n] = len(rows)
	for i := range n {
		c := rows[starts[i]:starts[i+1]]
		name, _ := splitMarkRange(r.Criteria[i].Name)
		h.partLevels(slices.DeleteFunc(slices.Clone(c), func(r *row) bool { return r.table == nil }), h.gl.clean(name, richtext.Italic, r.Criteria[i].Pos))
		keepLoose(c, h.maxBlockH())
	}
	if n >= 2 {
		keepLoose(rows[starts[n-2]:], h.maxBlockH())
	}
	return rows
}

// keepLoose keeps rows on one page, as keepTogether does, but gives way
// where moving them on would leave the page more than a third empty
// (row.loose).
func keepLoose(rows []*row, limit float64) {
	if len(rows) == 0 || height(rows) > limit {
		return
	}
	for _, r := range rows[:len(rows)-1] {
		r.keep, r.loose = true, true
	}
}

// levelName is a level's heading: its name and what it is worth
// ("Level 6 (26–30)"), or its name alone when it gives none ("Band 5").
func (h *handouts) levelName(lv *book.Level) string {
	return h.gl.clean(lv.Heading(), richtext.Bold, lv.Pos)
}

// criterionName is a criterion's name as its cell begins: bold, and a
// mark range that ends it on a line of its own, in roman.
func (h *handouts) criterionName(c *book.Criterion, size float64) []richtext.Span {
	name, marks := splitMarkRange(c.Name)
	out := []richtext.Span{{Text: h.gl.clean(name, richtext.Bold, c.Pos), Style: richtext.Bold, Size: size, Color: inkText}}
	if marks != "" {
		out = append(out, richtext.Span{Text: "\n" + h.gl.clean(marks, 0, c.Pos), Size: size, Color: inkText})
	}
	return out
}

// criterionStandards are the standards a criterion's name does not give,
// each framework named once before its codes ("Common Core ELA
// W.11-12.1, W.9-10.1"), "" for none. A criterion that names its
// standard's code ("Contexts (AO3)") is not followed by it again: named
// gathers those codes' frameworks, said once for the scheme
// (soleFramework).
func (h *handouts) criterionStandards(c *book.Criterion, named map[string]bool) string {
	var frameworks []string
	codes := map[string][]string{}
	for _, s := range c.Standards {
		fw := frameworkLabel(s)
		if nameHasCode(c.Name, s.Code) {
			named[fw] = true
			continue
		}
		if codes[fw] == nil {
			frameworks = append(frameworks, fw)
		}
		codes[fw] = append(codes[fw], s.Code)
	}
	var parts []string
	for _, fw := range frameworks {
		parts = append(parts, fw+" "+strings.Join(codes[fw], ", "))
	}
	return h.gl.clean(strings.Join(parts, "; "), 0, c.Pos)
}

// soleFramework is the framework of named when there is one only, which a
// scheme says once; "" otherwise.
func soleFramework(named map[string]bool) string {
	if len(named) != 1 {
		return ""
	}
	for fw := range named {
		return fw
	}
	return ""
}

// nameHasCode reports whether a criterion's name gives a standard's code
// as a word of its own ("Contexts (AO3)" gives AO3, not AO30).
func nameHasCode(name, code string) bool {
	for i := strings.Index(name, code); i >= 0; {
		end := i + len(code)
		before, after := i == 0 || !isWordByte(name[i-1]), end == len(name) || !isWordByte(name[end])
		if before && after {
			return true
		}
		j := strings.Index(name[i+1:], code)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// frameworkLabel is the short name of a standard's framework.
func frameworkLabel(s *book.StandardRef) string {
	if s.Standard != nil {
		return s.Standard.Framework.Label()
	}
	return s.Framework
}

// backMatter is what a packet ends with after its handouts, as its
// edition's EPUB and site end (toolkit.BackMatter), each section drawn
// as an appendix: the students' toolkit documents, quotation index and
// works cited; the teacher's, which add the rest of the toolkit, the
// answer key and the curriculum map. The answer key is a section for
// each handout that has one, so that each is also a file of its own:
// keyed are those handouts, their keys ends[keyAt:keyAt+len(keyed)].
func (h *handouts) backMatter(teacher bool) (ends []func() *section, keyed []*book.Chapter, keyAt int) {
	edition := ""
	if teacher {
		edition = h.label("teacher-edition")
	}
	for _, s := range toolkit.BackMatter(h.b, teacher) {
		switch s.Name {
		case toolkit.Glossary:
			if teacher {
				ends = append(ends, h.vocabularyAppendix)
			} else {
				ends = append(ends, h.glossaryAppendix)
			}
		case toolkit.Characters:
			ends = append(ends, func() *section { return h.charactersIn(edition, s.Covers) })
		case toolkit.Timeline:
			ends = append(ends, func() *section { return h.timelineIn(edition, s.Covers) })
		case toolkit.ThemeTracker:
			ends = append(ends, h.themesAppendix)
		case toolkit.Rubrics:
			ends = append(ends, h.rubricsAppendix)
		case toolkit.Pacing:
			ends = append(ends, h.pacingAppendix)
		case toolkit.AnswerKey:
			keyAt = len(ends)
			for _, c := range h.b.Chapters {
				if hasKey(c) {
					keyed = append(keyed, c)
					ends = append(ends, func() *section { return h.answerKey(c) })
				}
			}
		case toolkit.CurriculumMap:
			ends = append(ends, h.mapping)
		case toolkit.QuotationIndex:
			ends = append(ends, func() *section { return h.quoteIndexIn(edition) })
		case toolkit.WorksCited:
			ends = append(ends, func() *section { return h.worksCitedIn(edition) })
		}
	}
	return ends, keyed, keyAt
}

// vocabularyAppendix is every term, chapter by chapter.
func (h *handouts) vocabularyAppendix() *section {
	m := h.g.measure()
	title := h.label("vocabulary-by-chapter")
	rows, sect := h.appendix("vocabulary", title, "")
	notes := sectionNotes("vocabulary")
	for _, c := range h.b.Chapters {
		if len(c.Vocabulary) == 0 {
			continue
		}
		rows = append(rows, h.sectionHeading(h.numberedTitle(c.Number, h.gl.clean(c.Title, richtext.Bold, titlePos(c))), 0, m, nil, sect)...)
		t := h.termTable(sect)
		for _, term := range c.Vocabulary {
			td := notes.cell(term.Definition)
			t.body = append(t.body, h.termCells(term, false, notes, td))
			t.bodyCells = append(t.bodyCells, []*tagged.Elem{nil, td})
		}
		tr := h.table(t, block{x: 0, w: m})
		notes.attach(tr)
		rows = append(rows, tr...)
	}
	return h.appendixSection(title, rows)
}

// glossaryAppendix is the student packet's glossary, as the student EPUB
// and site give it: every term in alphabetical order
// (toolkit.GlossaryTerms), each with the handout that teaches it, a link
// to the handout.
func (h *handouts) glossaryAppendix() *section {
	title := h.label("glossary")
	rows, sect := h.appendixIn("", "glossary", title, h.label("glossary-intro"))
	t := h.termTable(sect)
	notes := sectionNotes("glossary")
	for _, term := range toolkit.GlossaryTerms(h.b) {
		td := notes.cell(term.Definition)
		t.body = append(t.body, h.termCells(term, true, notes, td))
		t.bodyCells = append(t.bodyCells, []*tagged.Elem{nil, td})
	}
	tr := h.table(t, block{x: 0, w: h.g.measure()})
	notes.attach(tr)
	rows = append(rows, tr...)
	return h.appendixSectionIn("", title, rows)
}

// termTable is a glossary's table of terms beside their definitions, in
// sect, its rows to come.
func (h *handouts) termTable(sect *tagged.Elem) tableSpec {
	m := h.g.measure()
	t := tableSpec{size: 9, align: []int{0, 0}, widths: []float64{m * 0.28, m * 0.72}, maxRowH: h.maxBlockH(), tag: sect.Add(tagged.Table)}
	t.header = [][]richtext.Span{{{Text: h.label("term"), Size: 9}}, {{Text: h.label("definition"), Size: 9}}}
	return t
}

// termCells are a term's row of a glossary: the term in bold and under
// it its part of speech, then its definition and citation and, with where, the
// handout that teaches it ("(Handout 2)"), a link to the handout. The
// definition's notes go to notes, called in td, the cell
// (pieceNotes.cell).
func (h *handouts) termCells(term *book.Term, where bool, notes *pieceNotes, td *tagged.Elem) [][]richtext.Span {
	name := []richtext.Span{{Text: h.gl.clean(term.Term, richtext.Bold, term.Pos), Style: richtext.Bold, Size: 9, Color: inkText}}
	// The part of speech on its own line under the term, in small
	// italic: run on, a two-word term wrapped unevenly beside a one-word
	// term's single line ("retrospective | narration noun phrase").
	if term.PartOfSpeech != "" {
		name = append(name, richtext.Span{Text: "\n" + h.gl.clean(term.PartOfSpeech, richtext.Italic, term.Pos), Style: richtext.Italic, Size: sizeTiny, Color: inkMuted})
	}
	def := append(h.markdownSpans(term.Definition, 9, inline{color: inkText, tag: td}, notes), h.termCite(term, 9)...)
	if where && term.Chapter != nil {
		// "(Handout 3, p. 21)"
		ref := richtext.Span{Text: h.label("handout-number", "n", strconv.Itoa(term.Chapter.Number)), Size: 9, Color: inkMuted, Link: handoutAnchor(term.Chapter.ID)}
		def = append(def, richtext.Span{Text: " (", Size: 9, Color: inkMuted}, ref)
		def = append(def, h.pageSpans(h.b, ref, ref.Link, h.label("list-separator"), ")", ")"))
	}
	return [][]richtext.Span{name, def}
}

// termCite is a term's citation after its definition, at size: where the
// work uses it ("(Ishiguro, Never Let Me Go, ch. 1)"), in the glossaries
// and in the handout's own Vocabulary box alike. A citation that prints
// nothing ([-@key] with no page, in MLA) takes no space either, as in the
// EPUB's and the site's glossary.
func (h *handouts) termCite(term *book.Term, size float64) []richtext.Span {
	c := h.b.Cite(term.Cite)
	if len(term.Cite) == 0 || c.Plain() == "" {
		return nil
	}
	return append([]richtext.Span{{Text: " ", Size: size}}, h.styled(c, size, term.CitePos)...)
}

// sentences joins a and b, either of which may be "", as two sentences.
func sentences(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimSuffix(a, ".") + ". " + b
}

// rubricsAppendix is every rubric, each printed once in the teacher
// packet: a scheme a handout's questions name is printed in that handout,
// where the students mark their essays by it, and named here by a line
// that links to it (rubricSee); the others are printed here in full.
// Printed in both places, the schemes took eight pages twice over, and
// a teacher copying one could not tell which copy was current. Where
// every scheme is printed in a handout, the part is those lines alone,
// under a heading, not a band: a full banner over four pointers (a page
// of its own in large print, 60 % empty) read as a part with nothing in
// it (review13 #18); tucked, it stands on the page of the part before
// wherever it fits there whole.
func (h *handouts) rubricsAppendix() *section {
	title := h.label("rubrics")
	if !slices.ContainsFunc(h.b.Rubrics, func(r *book.Rubric) bool { return len(h.rubricHandouts(r)) == 0 }) {
		return h.rubricPointers(title)
	}
	rows, sect := h.appendix("rubrics", title, "")
	notes := sectionNotes("rubrics")
	for _, r := range h.b.Rubrics {
		if in := h.rubricHandouts(r); len(in) > 0 {
			rows = append(rows, h.rubricSee(r, in, sect)...)
			continue
		}
		rows = append(rows, h.markScheme(r, h.sectionHeading(h.gl.clean(r.Title, richtext.Bold, r.Pos), 0, h.g.measure(), nil, sect), notes, sect)...)
	}
	return h.appendixSection(title, rows)
}

// rubricPointers is the mark schemes' part where the handouts print every
// one: a heading, as the glossary's by handout are set, carrying the
// part's bookmark and the contents' anchor, over a line for each scheme
// ("GCSE essay: see Handout 14 (p. 98)"), kept whole, tucked on to the
// page of the part before (section.tucked).
func (h *handouts) rubricPointers(title string) *section {
	m := h.g.measure()
	sect := tagged.New(tagged.Sect)
	rows := []*row{space(runOnSpace)}
	head := h.rows([]richtext.Span{{Text: title, Style: richtext.Bold, Size: 13, Color: inkAccent}},
		block{x: 0, w: m, leading: leadTight, keepAll: true, tag: sect.Add(tagged.H1)})
	head[0].marks = []bookmark{{title: title, level: 0}}
	head[0].anchors = []anchorName{appendixAnchor("rubrics")}
	rows = append(rows, head...)
	rows = append(rows, &row{h: 1.5})
	opening := len(rows)
	for _, r := range h.b.Rubrics {
		rows = append(rows, h.rubricSee(r, h.rubricHandouts(r), sect)...)
	}
	for _, r := range rows[:len(rows)-1] {
		r.keep, r.whole = true, true
	}
	s := &section{rows: rows, head: h.head(title, "", h.label("teacher-edition"), true, h.b.ManifestPos),
		runsOn: true, tucked: true, opening: opening}
	return h.numbered(s, title)
}

// rubricHandouts are the handouts that print a rubric (handoutRubrics).
func (h *handouts) rubricHandouts(r *book.Rubric) []*book.Chapter {
	var out []*book.Chapter
	for _, c := range h.b.Chapters {
		if slices.Contains(c.Rubrics(), r) {
			out = append(out, c)
		}
	}
	return out
}

// rubricSee is the toolkit's line for a scheme that handouts print: its
// title and the handouts, each a link to the scheme in it ("GCSE essay:
// see Handout 14").
func (h *handouts) rubricSee(r *book.Rubric, in []*book.Chapter, sect *tagged.Elem) []*row {
	// The handouts go where the label puts them, each a span of its own.
	const slot = "\uE000"
	text := h.label("rubric-see", "title", h.gl.clean(r.Title, 0, r.Pos), "handouts", slot)
	before, after, _ := strings.Cut(text, slot)
	sp := []richtext.Span{{Text: before, Size: sizeBody, Color: inkText}}
	for i, c := range in {
		if i > 0 {
			sp = append(sp, richtext.Span{Text: ", ", Size: sizeBody, Color: inkText})
		}
		ref := richtext.Span{Text: h.label("handout-number", "n", strconv.Itoa(c.Number)), Size: sizeBody, Color: inkAccent,
			Link: rubricAnchor(c.ID, r.ID)}
		sp = append(append(sp, ref), h.pageRef(h.b, ref, ref.Link)...)
	}
	sp = append(sp, richtext.Span{Text: after, Size: sizeBody, Color: inkText})
	rows := h.rows(sp, block{x: 0, w: h.g.measure(), leading: leadBody, tag: sect.Add(tagged.P)})
	return append(rows, space(1.5))
}

// timelineIn is the timeline in the edition named edition ("": the
// students'); covers, when not "", says under its title and beside its
// contents line how much of the story it gives away (toolkit.Section.Covers).
func (h *handouts) timelineIn(edition, covers string) *section {
	m := h.g.measure()
	title := h.label("timeline")
	rows, sect := h.appendixIn(edition, "timeline", title, sentences(covers, h.label("timeline-intro")))
	t := tableSpec{size: 9, align: []int{2, 0, 0, 0}, maxRowH: h.maxBlockH(), tag: sect.Add(tagged.Table)}
	t.header = headerCells(toolkit.TimelineColumns(h.b), 9)
	// "Narrated in" holds a chapter ("ch. 18"): as wide as the widest of
	// its cells and its header, set in bold, need on one line; "When"
	// ("Aged about sixteen to eighteen") takes a quarter, the event the
	// rest (review13 #19: "When" took three lines beside a half-empty
	// "Narrated in").
	narrated := []richtext.Span{{Text: t.header[3][0].Text, Style: richtext.Bold, Size: 9}}
	for _, e := range h.b.Timeline {
		narrated = append(narrated, richtext.Span{Text: toolkit.NarratedIn(h.b, e), Size: 9})
	}
	nw := 0.0
	for _, sp := range h.g.sized(narrated) {
		nw = max(nw, h.fonts.Width(sp.Style, sp.Text, sp.Size))
	}
	nw = min(nw+2*h.g.cellPadX()+0.5, m*0.18)
	t.widths = []float64{m * 0.06, m * 0.26, m*0.68 - nw, nw}
	notes := sectionNotes("timeline")
	for i, e := range h.b.Timeline {
		td := notes.cell(e.Event)
		t.body = append(t.body, [][]richtext.Span{
			{{Text: strconv.Itoa(i + 1), Size: 9, Color: inkMuted}},
			{{Text: h.gl.clean(e.When, 0, e.Pos), Size: 9, Color: inkText}},
			h.markdownSpans(e.Event, 9, inline{color: inkText, tag: td}, notes),
			{{Text: toolkit.NarratedIn(h.b, e), Size: 9, Color: inkText}},
		})
		t.bodyCells = append(t.bodyCells, []*tagged.Elem{nil, nil, td, nil})
	}
	tr := h.table(t, block{x: 0, w: m})
	notes.attach(tr)
	rows = append(rows, tr...)
	s := h.appendixSectionIn(edition, title, rows)
	s.covers = covers
	return s
}

// charactersIn is the character list in the edition named edition ("":
// the students'), with covers as timelineIn has it.
func (h *handouts) charactersIn(edition, covers string) *section {
	m := h.g.measure()
	title := h.label("characters")
	rows, sect := h.appendixIn(edition, "characters", title, covers)
	for _, c := range h.b.Characters {
		rows = append(rows, h.rows([]richtext.Span{{Text: h.gl.clean(c.Name, richtext.Bold, c.Pos), Style: richtext.Bold, Size: 11.5, Color: inkAccent}},
			block{x: 0, w: m, leading: leadTight, keepAll: true, tag: sect.Add(tagged.H2)})...)
		var sp []richtext.Span
		if c.Description != "" {
			sp = append(sp, richtext.Span{Text: h.gl.clean(c.Description, 0, c.Pos), Size: sizeBody, Color: inkText})
		}
		if c.FirstAppears > 0 {
			if len(sp) > 0 {
				sp = append(sp, richtext.Span{Text: " ", Size: sizeBody})
			}
			sp = append(sp, richtext.Span{Text: h.label("first-appears", "n", strconv.Itoa(c.FirstAppears)) + ".", Style: richtext.Italic, Size: sizeBody, Color: inkMuted})
		}
		if len(sp) > 0 {
			rows = append(rows, h.rows(sp, block{x: 0, w: m, leading: leadBody, tag: sect.Add(tagged.P)})...)
		}
		var list *tagged.Elem
		if len(c.Relationships) > 0 {
			list = sect.Add(tagged.L)
		}
		for _, r := range c.Relationships {
			li := list.Add(tagged.LI)
			rows = append(rows, h.rows([]richtext.Span{
				{Text: h.spaced(h.gl.clean(r.With.Name, richtext.Bold, r.Pos)+": ", false), Style: richtext.Bold, Size: sizeSmall, Color: inkText},
				{Text: h.gl.clean(r.Relation, 0, r.Pos), Size: sizeSmall, Color: inkText},
			}, block{x: 6, w: m - 6, leading: leadTight, tag: li.Add(tagged.LBody), markerTag: li.Add(tagged.Lbl),
				marker: []richtext.Span{{Text: "•", Size: sizeSmall, Color: inkAccent}}, markerX: -4})...)
		}
		rows = append(rows, space(3))
	}
	s := h.appendixSectionIn(edition, title, rows)
	s.covers = covers
	return s
}

// themesAppendix is the theme tracker: each theme beside the handouts
// that take it up, in the order of the work, each with the questions that
// ask about it and the key quotations that show it (themeUses: "Handout
// 3: Q2, Q8; key quotations 1, 5"), a link to the handout: a teacher
// planning a lesson on a theme reads what to set. Counts of a handout's
// tags a part ("19 / 14 / 13") told nobody what to teach, and set the
// themes' names in a narrow column beside mostly empty numbers.
func (h *handouts) themesAppendix() *section {
	m := h.g.measure()
	title := h.label("theme-tracker")
	rows, sect := h.appendix("theme-tracker", title, h.label("theme-tracker-list-intro"))
	// A theme's row is never parted from its name by a page: the items
	// run on, a few lines a theme, and a row that fits a page stays
	// whole.
	t := tableSpec{size: 9, align: []int{0, 0}, widths: []float64{m * 0.3, m * 0.7}, maxRowH: h.maxBlockH(), wholeRows: true, tag: sect.Add(tagged.Table)}
	t.header = [][]richtext.Span{{{Text: h.label("theme"), Size: 9}}, {{Text: h.label("theme-where"), Size: 9}}}
	for _, u := range h.b.ThemeUses() {
		// One handout a line, "Handout 3 (p. 14): Q1, Q5", then "Handout
		// 4 (p. 21): Q1, Q8; key quotation 1" under it, as the EPUB's
		// list has them: a teacher scans down the column for a handout.
		// Run in, parted by dots, a handout's label broke from its items
		// at line ends ("key | quotation 4").
		var where []richtext.Span
		for i, item := range h.themeUses(u) {
			if i > 0 {
				item[0].Text = "\n" + item[0].Text
			}
			where = append(where, item...)
		}
		t.body = append(t.body, [][]richtext.Span{
			{{Text: h.gl.clean(u.Theme.Name, richtext.Bold, u.Theme.Pos), Style: richtext.Bold, Size: 9, Color: inkText}},
			where,
		})
	}
	rows = append(rows, h.table(t, block{x: 0, w: m})...)
	return h.appendixSection(title, rows)
}

// themeUses are the items of a theme's cell, one a handout that takes it
// up (toolkit.ThemeHandouts, as the EPUB's and the site's trackers list
// them): the handout, then its questions that tag the theme and its key
// quotations that do, by number ("Handout 3 (p. 21): Q2, Q8; key
// quotations 1, 5"); a handout whose notes alone take it up says so
// ("Handout 9 (p. 58): notes", as the curriculum map's dot does), where
// its label alone read as an item dropped. Each links to its handout and
// gives its page.
func (h *handouts) themeUses(u *book.ThemeUse) [][]richtext.Span {
	var out [][]richtext.Span
	for _, th := range toolkit.ThemeHandouts(u) {
		var parts []string
		if len(th.Questions) > 0 {
			qs := make([]int, len(th.Questions))
			for i, q := range th.Questions {
				qs[i] = q.Number
			}
			var runs []string
			for _, r := range xhtml.Runs(qs) {
				runs = append(runs, h.label("question-short", "n", r.String()))
			}
			parts = append(parts, strings.Join(runs, ", "))
		}
		var kq []string
		for _, q := range th.Quotes {
			kq = append(kq, strconv.Itoa(toolkit.QuoteNumber(q)))
		}
		switch len(kq) {
		case 0:
		case 1:
			parts = append(parts, tiedLabel(h.label("key-quotation-number", "n", kq[0])))
		default:
			parts = append(parts, tiedLabel(h.label("key-quotation-numbers", "n", strings.Join(kq, ", "))))
		}
		if len(parts) == 0 {
			parts = append(parts, h.label("theme-notes-only"))
		}
		// "Handout 5 (p. 40): ch. 3; Quotation 2", the page after the
		// handout it gives.
		ref := richtext.Span{Text: h.label("handout-number", "n", strconv.Itoa(th.Chapter.Number)), Size: 9, Color: inkText, Link: handoutAnchor(th.Chapter.ID)}
		item := append([]richtext.Span{ref}, h.pageRef(h.b, ref, ref.Link)...)
		rest := ref
		rest.Text = followedBy(item, h.spaced(": ", true)) + strings.Join(parts, h.spaced("; ", true))
		out = append(out, append(item, rest))
	}
	return out
}

// pacingAppendix is every schedule as a calendar of lessons.
func (h *handouts) pacingAppendix() *section {
	m := h.g.measure()
	title := h.label("pacing-calendars")
	rows, sect := h.appendix("pacing", title, "")
	for _, s := range h.b.Schedules {
		rows = append(rows, h.sectionHeading(h.gl.clean(s.Title, richtext.Bold, s.Pos), 0, m, nil, sect)...)
		// Large print sets each lesson as a block, as it sets the mark
		// schemes as lists (rubricList): four columns at its size gave
		// each some 100 pt, a row four or five lines, a word or two a
		// line, four lessons a page (review13 #20).
		if h.g.listRubrics {
			for _, ls := range s.Lessons {
				rows = append(rows, h.lessonBlock(ls, sect)...)
			}
			continue
		}
		// The widths the cells need: a lesson's title, the reading ("ch.
		// 18–21"), the companion's chapters, a line per handout ("Handout
		// 12: Q1–4, Q7").
		t := tableSpec{size: 9, align: []int{0, 0, 0, 0}, widths: []float64{m * 0.26, m * 0.12, m * 0.3, m * 0.32}, maxRowH: h.maxBlockH(), tag: sect.Add(tagged.Table)}
		t.header = headerCells(toolkit.PacingColumns(h.b), 9)
		for _, ls := range s.Lessons {
			// One handout a line, named as the back matter's headings
			// name one ("Handout 3 · Part One: Hailsham"): run on, joined
			// by ';', a number ended a line with its title on the next.
			// Its number is tied to "Handout" only: tying the title's
			// first word too ("Handout 8 · Narration,") widens the
			// column's least width, and the long rows of
			// TestLongRowsFlow then leave a page 29 mm short.
			var chapters []string
			for _, c := range ls.Chapters {
				chapters = append(chapters, h.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", c.Title))
			}
			name := []richtext.Span{{Text: toolkit.LessonNumber(h.b, ls), Style: richtext.Bold, Size: 9, Color: inkText}}
			if ls.Title != "" {
				name = append(name, richtext.Span{Text: "\n" + h.gl.clean(ls.Title, 0, ls.Pos), Size: 9, Color: inkText})
			}
			var questions []richtext.Span
			for i, hq := range toolkit.LessonQuestions(h.b, ls) {
				text := handoutQuestions(hq)
				if i > 0 {
					text = "\n" + text
				}
				// A handout's list leads to the handout, where it is in
				// the packet. It gives no page, as the contents beside
				// give each handout's: a page for each would run large
				// print's calendars two pages past the most they may
				// take (TestSchemesOfWorkAreShort).
				questions = append(questions, richtext.Span{Text: text, Size: 9, Color: inkText, Link: handoutAnchor(hq.Chapter.ID)})
			}
			t.body = append(t.body, [][]richtext.Span{
				name,
				{{Text: toolkit.LessonReading(h.b, ls), Size: 9, Color: inkText}},
				{{Text: h.spaced(h.gl.clean(strings.Join(chapters, "\n"), 0, ls.Pos), false), Size: 9, Color: inkText}},
				questions,
			})
		}
		rows = append(rows, h.table(t, block{x: 0, w: m})...)
	}
	return h.appendixSection(title, rows)
}

// lessonBlock is a lesson of a scheme of work as large print sets it: a
// run-in heading, the lesson's number and its reading ("Lesson 4 · chs.
// 7–9"), its title after it, then a line of its handouts ("Handouts:
// Handout 3 · Part One: Hailsham; Handout 8 · Narration, Style and
// Structure") and one of its
// questions by handout ("Questions: Handout 3: Q1–4; Handout 8: Q2"),
// each handout's a link to it. A lesson is kept whole on a page.
func (h *handouts) lessonBlock(ls *book.Lesson, sect *tagged.Elem) []*row {
	const size = sizeSmall
	m := h.g.measure()
	rows := []*row{{h: 3, space: true}}
	head := toolkit.LessonNumber(h.b, ls)
	if r := toolkit.LessonReading(h.b, ls); r != "" {
		head += "\u00A0· " + r
	}
	p := sect.Add(tagged.P)
	spans := []richtext.Span{{Text: head, Style: richtext.Bold, Size: size, Color: inkAccent}}
	if ls.Title != "" {
		spans = append(spans, richtext.Span{Text: h.spaced(":", false) + " " + h.gl.clean(ls.Title, 0, ls.Pos), Size: size, Color: inkText})
	}
	rows = append(rows, h.rows(spans, block{x: 0, w: m, leading: leadTight, tag: p})...)
	label := func(key string) richtext.Span {
		return richtext.Span{Text: h.spaced(h.label(key)+":", false), Style: richtext.Bold, Size: size, Color: inkMuted}
	}
	// The labels in a column of their own, the handouts (and their
	// questions) one a line beside them, as the standard table's cells
	// set them, each line starting at the same edge (review14 #5).
	col := 0.0
	for _, key := range []string{"companion-chapters", "questions"} {
		col = max(col, h.spansWidth(h.g.sized([]richtext.Span{label(key)})))
	}
	col += h.fonts.Width(0, "  ", h.g.typeSize(size))
	// column sets items one a line beside the label of key, each a link.
	column := func(key string, items, links []string) {
		var line []richtext.Span
		for i, text := range items {
			if i > 0 {
				text = "\n" + text
			}
			line = append(line, richtext.Span{Text: text, Size: size, Color: inkText, Link: links[i]})
		}
		rows = append(rows, h.rows(line, block{x: col, w: m - col, leading: leadTight, tag: sect.Add(tagged.P),
			marker: []richtext.Span{label(key)}, markerX: -col})...)
	}
	if len(ls.Chapters) > 0 {
		var names, links []string
		for _, c := range ls.Chapters {
			names = append(names, h.numberedTitle(c.Number, h.gl.clean(c.Title, 0, titlePos(c))))
			links = append(links, handoutAnchor(c.ID))
		}
		column("companion-chapters", names, links)
	}
	if qs := toolkit.LessonQuestions(h.b, ls); len(qs) > 0 {
		var questions, links []string
		for _, hq := range qs {
			questions = append(questions, handoutQuestions(hq))
			links = append(links, handoutAnchor(hq.Chapter.ID))
		}
		column("questions", questions, links)
	}
	for _, r := range rows[:len(rows)-1] {
		r.keep, r.whole = true, true
	}
	return rows
}

// headerCells are a table's column headers at size.
func headerCells(columns []string, size float64) [][]richtext.Span {
	out := make([][]richtext.Span, len(columns))
	for i, c := range columns {
		out[i] = []richtext.Span{{Text: c, Size: size}}
	}
	return out
}
