package book

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// Citations are the citations one chapter prints in one edition, each
// formatted where it stands among the chapter's others: the first cite of
// a work in full, a later one as the style's subsequent or ibid form. The
// positions are counted within the chapter, so that a chapter (an EPUB
// document, a page of the site, a handout) read alone opens with full
// cites; every layout prints the same text for the same citation. With
// work-citations: short, a citation of the work studied after the
// chapter's first is its locator alone.
//
// The chapter's citations are counted in one order, the order every
// layout sets the chapter in: its body (a footnote's citations where the
// note is first called), then its key quotations, then each question's
// prompt, choices and, in the teacher edition, its guidance.
//
// In a note style the citations are notes, numbered in that order in one
// sequence with the chapter's footnotes (a citation inside a footnote is
// part of the footnote's text), and the positions (ibid, near note, the
// note a work was first cited in) follow those numbers.
type Citations struct {
	citer *citer
	// nodes are the chapter's citations, sorted by Index (of several
	// documents, so an Index may recur), each with its text in texts:
	// a long book has hundreds of thousands, which a map by node held
	// at three times the memory; the texts are the processor's, each
	// kept once per chapter however often it is cited.
	nodes []citedNode
	texts []cite.Text
	quote map[*Quote]cite.Text
	// In a note style: the chapter's notes in order, and the number of
	// each citation set as a note, of each footnote and of each call.
	notes     []Note
	citeNote  map[*doc.Citation]int
	quoteNote map[*Quote]int
	footnote  map[*doc.Note]int
	call      map[*doc.NoteRef]int
	// works are the keys of the references the chapter cites, each
	// once, in the order it first cites them.
	works []string
	// silent are the citations that print nothing: an author's name
	// suppressed ([-@key]) where the style then has nothing to say.
	silent map[*doc.Citation]bool
	// alone: the citations are of pieces apart from any chapter
	// (CitationsAlone), each a first cite, and silent if that prints
	// nothing.
	alone bool
}

// CitationsAlone are the citations of pieces of Markdown that stand
// apart from their chapter, as a question does on a learning platform:
// each reads as a first cite (Text), and one that prints nothing is
// dropped with the space before it (Inlines), as in a chapter.
func (b *Book) CitationsAlone() *Citations { return &Citations{citer: b.citer, alone: true} }

// prints reports whether citation c prints anything where it stands.
func (cs *Citations) prints(c *doc.Citation) bool {
	if cs.alone {
		return cs.Text(c).Plain() != ""
	}
	return !cs.silent[c]
}

// Note is one note of a chapter in a note style: a citation set as a
// note, or a footnote of one of the chapter's pieces of Markdown.
type Note struct {
	Number   int
	Citation cite.Text // the citation's text; nil for a footnote
	Footnote *doc.Note
	Markdown *Markdown // the piece the footnote is in
	Pos      diag.Pos  // where the citation is written
}

// Citations returns the chapter's citations in the teacher's or the
// students' edition. They are formatted on first use and kept, so a
// check, which never asks, formats none; it is safe for concurrent use.
func (b *Book) Citations(c *Chapter, teacher bool) *Citations {
	e := 0
	if teacher {
		e = 1
	}
	cc := &b.chapterCites[c.Number-1]
	cc.once[e].Do(func() { cc.cites[e] = b.formatCitations(c, teacher) })
	return cc.cites[e]
}

// chapterCites holds a chapter's Citations, per edition (student, teacher).
type chapterCites struct {
	once  [2]sync.Once
	cites [2]*Citations
}

// citedNode is one of a chapter's citations and its text's place in
// Citations.texts.
type citedNode struct {
	index, text int32 // index: the node's Index
	node        *doc.Citation
}

// Text is the formatted citation n. A citation from outside the chapter's
// Markdown (a table of contents quoting a heading, say) reads as a first
// cite.
func (cs *Citations) Text(n *doc.Citation) cite.Text {
	if t, ok := cs.kept(n); ok {
		return t
	}
	return cs.citer.Cite(n.Items)
}

// kept is the text of n formatted where it stands in the chapter, if it
// is one of the chapter's citations.
func (cs *Citations) kept(n *doc.Citation) (cite.Text, bool) {
	i, _ := slices.BinarySearchFunc(cs.nodes, n.Index, func(c citedNode, index int32) int { return cmp.Compare(c.index, index) })
	for ; i < len(cs.nodes) && cs.nodes[i].index == n.Index; i++ {
		if cs.nodes[i].node == n {
			return cs.texts[cs.nodes[i].text], true
		}
	}
	return nil, false
}

// Quote is the formatted citation of one of the chapter's key quotations.
func (cs *Citations) Quote(q *Quote) cite.Text {
	if t, ok := cs.quote[q]; ok {
		return t
	}
	return cs.citer.Cite(q.Cite)
}

// InNotes reports whether the chapter's citations are notes: the style
// is a note style.
func (cs *Citations) InNotes() bool { return cs.citeNote != nil }

// Notes are the chapter's notes in a note style, citations and footnotes
// in the order of their numbers; nil in an in-text style.
func (cs *Citations) Notes() []Note { return cs.notes }

// CitationNote is the number of the note citation n is set in; 0 when it
// stands in the text (an in-text style, or inside a footnote).
func (cs *Citations) CitationNote(n *doc.Citation) int { return cs.citeNote[n] }

// QuoteNote is the number of the note a key quotation's citation is set
// in; 0 when it stands in the text.
func (cs *Citations) QuoteNote(q *Quote) int { return cs.quoteNote[q] }

// NoteNumber is the number a call of a footnote prints: its place among
// the chapter's notes in a note style, else the footnote's own.
func (cs *Citations) NoteNumber(r *doc.NoteRef) int {
	if n, ok := cs.call[r]; ok {
		return n
	}
	return r.Index
}

// FootnoteNumber is the number a footnote prints, as NoteNumber its calls.
func (cs *Citations) FootnoteNumber(n *doc.Note) int {
	if k, ok := cs.footnote[n]; ok {
		return k
	}
	return n.Index
}

// citeSite is one place a chapter prints a citation: a citation in its
// Markdown, or a key quotation's. note is the note it is in (its own, or
// the footnote it is part of); 0 in the running text.
type citeSite struct {
	node  *doc.Citation
	quote *Quote
	items []cite.Item
	note  int
	own   bool     // the site is a note of its own
	pos   diag.Pos // where it is written
}

// formatCitations formats the chapter's citations in the order Citations
// describes.
func (b *Book) formatCitations(c *Chapter, teacher bool) *Citations {
	p := b.citer.p()
	l := &siteList{teacher: teacher}
	cs := &Citations{citer: b.citer}
	if p.InNotes() {
		l.footnote, l.call = map[*doc.Note]int{}, map[*doc.NoteRef]int{}
		cs.citeNote, cs.quoteNote = map[*doc.Citation]int{}, map[*Quote]int{}
	}
	l.chapter(c)
	sites := l.sites
	cs.quote = map[*Quote]cite.Text{}
	// the notes in order, the sites' own and the footnotes, by number:
	// each citation's text is filled in once formatted
	cs.notes, cs.footnote, cs.call = l.notes, l.footnote, l.call
	if len(sites) == 0 {
		return cs
	}
	in := make([]cite.Citation, len(sites))
	short := b.WorkCitations == WorkCitationsShort
	workCited := false
	for i, s := range sites {
		items := s.items
		for j := range items {
			if !short || items[j].Key != b.Work {
				continue
			}
			// once the chapter has cited the work in full, its locator
			// is enough; the items are the book's, so marked on a copy
			if workCited && items[j].Locator != "" {
				if &items[0] == &s.items[0] {
					items = slices.Clone(items)
				}
				items[j].LocatorOnly = true
			}
			workCited = true
		}
		in[i] = cite.Citation{Items: items, Note: s.note}
		for _, it := range items {
			if !slices.Contains(cs.works, it.Key) {
				cs.works = append(cs.works, it.Key)
			}
		}
	}
	out := make([]cite.Text, len(in))
	for i, items := range p.Positions(in) {
		out[i] = b.citer.Cite(items) // kept: the same cite reads the same in every chapter
	}
	// the texts by where their spans are: the processor's answers are
	// shared, so a text cited again is the same slice
	type textAt struct {
		first *cite.Span
		n     int
	}
	textIndex := map[textAt]int32{}
	cs.nodes = make([]citedNode, 0, len(sites))
	for i, s := range sites {
		if s.node != nil {
			at := textAt{n: len(out[i])}
			if len(out[i]) > 0 {
				at.first = &out[i][0]
			}
			k, ok := textIndex[at]
			if !ok {
				k = int32(len(cs.texts))
				textIndex[at] = k
				cs.texts = append(cs.texts, out[i])
			}
			cs.nodes = append(cs.nodes, citedNode{s.node.Index, k, s.node})
			if out[i].Plain() == "" {
				if cs.silent == nil {
					cs.silent = map[*doc.Citation]bool{}
				}
				cs.silent[s.node] = true
			}
		} else {
			cs.quote[s.quote] = out[i]
		}
		if !s.own {
			continue
		}
		cs.notes[s.note-1].Citation = out[i]
		if s.node != nil {
			cs.citeNote[s.node] = s.note
		} else {
			cs.quoteNote[s.quote] = s.note
		}
	}
	// each node is one site; the Indexes of the chapter's several
	// pieces recur
	slices.SortStableFunc(cs.nodes, func(a, b citedNode) int { return cmp.Compare(a.index, b.index) })
	cs.texts = slices.Clip(cs.texts)
	return cs
}

// siteList lists a chapter's citations in the order Citations describes,
// numbering the notes when footnote is not nil (a note style); a
// citation that did not parse (the check reported it) is left out.
type siteList struct {
	teacher  bool
	sites    []citeSite
	notes    []Note
	footnote map[*doc.Note]int
	call     map[*doc.NoteRef]int
}

func (l *siteList) chapter(c *Chapter) {
	l.piece(c.Body)
	for _, q := range c.Quotes {
		if len(q.Cite) > 0 {
			l.add(citeSite{quote: q, items: q.Cite, pos: q.CitePos}, 0)
		}
	}
	for _, q := range c.Questions {
		l.piece(q.Prompt)
		for _, ch := range q.Choices {
			l.piece(ch.Text)
		}
		if l.teacher {
			l.piece(q.Guidance)
		}
	}
}

// add adds a site in the footnote numbered within, or in the text (0),
// where in a note style it is a note of its own.
func (l *siteList) add(s citeSite, within int) {
	s.note = within
	if l.footnote != nil && within == 0 {
		l.notes = append(l.notes, Note{Number: len(l.notes) + 1, Pos: s.pos})
		s.note, s.own = len(l.notes), true
	}
	l.sites = append(l.sites, s)
}

// piece adds the citations of a piece of Markdown in reading order, a
// footnote's where the text first calls the note.
func (l *siteList) piece(m *Markdown) {
	if m == nil {
		return
	}
	d := m.Edition(l.teacher).Doc
	byIndex := make(map[int]*doc.Note, len(d.Notes))
	for _, n := range d.Notes {
		byIndex[n.Index] = n
	}
	read := map[*doc.Note]bool{}
	var visit func(within int) func(n any) bool
	visit = func(within int) func(n any) bool {
		return func(n any) bool {
			switch n := n.(type) {
			case *doc.Citation:
				if len(n.Items) > 0 {
					l.add(citeSite{node: n, items: n.Items, pos: m.NodePos(n)}, within)
				}
			case *doc.NoteRef:
				note := byIndex[n.Index]
				if note == nil || read[note] {
					if l.call != nil && note != nil {
						l.call[n] = l.footnote[note]
					}
					return true
				}
				read[note] = true // a note's text is read once, at its first call
				number := 0
				if l.footnote != nil {
					l.notes = append(l.notes, Note{Number: len(l.notes) + 1, Footnote: note, Markdown: m})
					number = len(l.notes)
					l.footnote[note], l.call[n] = number, number
				}
				doc.Walk(&doc.Document{Blocks: note.Blocks}, visit(number))
			}
			return true
		}
	}
	doc.Walk(&doc.Document{Blocks: d.Blocks}, visit(0))
}

// Inlines are inlines as the chapter sets them. In a note style, as
// pandoc sets notes, the space before a citation set as a note is
// dropped, and the punctuation right after it goes before its call
// ("looks back.¹", not "looks back ¹."), and a citation inside a footnote
// keeps one period ("Wood, 38.", not "38.."). In any style a citation
// that prints nothing (an author's name suppressed, [-@key], where the
// style has no page or date to give) is dropped with the space before
// it ("Ishiguro's novel opens", not "novel  opens" around an empty
// span), or at the start of a paragraph the space after it. Where
// nothing moves, it returns is itself.
func (cs *Citations) Inlines(is []doc.Inline) []doc.Inline {
	if len(cs.citeNote) == 0 && len(cs.silent) == 0 && !cs.alone {
		return is
	}
	var out []doc.Inline // nil until something changes
	for i := 0; i < len(is); i++ {
		c, ok := is[i].(*doc.Citation)
		if ok && !cs.prints(c) {
			if out == nil {
				out = append(make([]doc.Inline, 0, len(is)), is[:i]...)
			}
			var trimmed bool
			if out, trimmed = trimSpaceBefore(out); !trimmed && len(out) == 0 && i+1 < len(is) {
				if t, ok := is[i+1].(*doc.Text); ok {
					if rest := strings.TrimLeft(t.Text, " "); rest != t.Text {
						if rest != "" {
							out = append(out, &doc.Text{Node: doc.Node{At: t.At + int32(len(t.Text)-len(rest))}, Text: rest})
						}
						i++
					}
				}
			}
			continue
		}
		if ok && cs.citeNote[c] == 0 && i+1 < len(is) {
			// a citation in a footnote's text ends with the note's own
			// period: "Wood, 38.", not "Wood, 38.."
			own, _ := cs.kept(c)
			if t, ok := is[i+1].(*doc.Text); ok && strings.HasPrefix(t.Text, ".") && strings.HasSuffix(own.Plain(), ".") {
				if out == nil {
					out = append(make([]doc.Inline, 0, len(is)), is[:i]...)
				}
				out = append(out, c)
				if t.Text != "." {
					out = append(out, &doc.Text{Node: doc.Node{At: t.At + 1}, Text: t.Text[1:]})
				}
				i++
				continue
			}
		}
		if !ok || cs.citeNote[c] == 0 {
			if out != nil {
				out = append(out, is[i])
			}
			continue
		}
		if out == nil {
			out = append(make([]doc.Inline, 0, len(is)+1), is[:i]...)
		}
		out, _ = trimSpaceBefore(out)
		if i+1 < len(is) {
			if t, ok := is[i+1].(*doc.Text); ok {
				if rest := strings.TrimLeft(t.Text, ".,;:!?"); rest != t.Text {
					out = append(out, &doc.Text{Node: t.Node, Text: t.Text[:len(t.Text)-len(rest)]}, c)
					if rest != "" {
						out = append(out, &doc.Text{Node: doc.Node{At: t.At + int32(len(t.Text)-len(rest))}, Text: rest})
					}
					i++
					continue
				}
			}
		}
		out = append(out, c)
	}
	if out == nil {
		return is
	}
	return out
}

// trimSpaceBefore drops the spaces that end out, and a soft line break
// that does, and reports whether there were any; the shared text is
// replaced, never changed.
func trimSpaceBefore(out []doc.Inline) ([]doc.Inline, bool) {
	k := len(out) - 1
	if k < 0 {
		return out, false
	}
	switch t := out[k].(type) {
	case *doc.Text:
		if s := strings.TrimRight(t.Text, " "); s == "" {
			return out[:k], true
		} else if s != t.Text {
			out[k] = &doc.Text{Node: t.Node, Text: s}
			return out, true
		}
	case *doc.Break:
		if !t.Hard {
			return out[:k], true
		}
	}
	return out, false
}
