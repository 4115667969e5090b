package book

import (
	"slices"
	"sync"

	"github.com/companion-dev/companion/book/cite"
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
type Citations struct {
	citer *citer
	nodes map[*doc.Citation]cite.Text
	quote map[*Quote]cite.Text
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

// Text is the formatted citation n. A citation from outside the chapter's
// Markdown (a table of contents quoting a heading, say) reads as a first
// cite.
func (cs *Citations) Text(n *doc.Citation) cite.Text {
	if t, ok := cs.nodes[n]; ok {
		return t
	}
	return cs.citer.Cite(n.Items)
}

// Quote is the formatted citation of one of the chapter's key quotations.
func (cs *Citations) Quote(q *Quote) cite.Text {
	if t, ok := cs.quote[q]; ok {
		return t
	}
	return cs.citer.Cite(q.Cite)
}

// citeSite is one place a chapter prints a citation: a citation in its
// Markdown, or a key quotation's.
type citeSite struct {
	node  *doc.Citation
	quote *Quote
	items []cite.Item
}

// formatCitations formats the chapter's citations in the order Citations
// describes.
func (b *Book) formatCitations(c *Chapter, teacher bool) *Citations {
	sites := citeSites(c, teacher)
	cs := &Citations{citer: b.citer, nodes: make(map[*doc.Citation]cite.Text, len(sites)), quote: map[*Quote]cite.Text{}}
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
		in[i] = cite.Citation{Items: items}
	}
	out := b.citer.p().Citations(in)
	for i, s := range sites {
		if s.node != nil {
			cs.nodes[s.node] = out[i]
		} else {
			cs.quote[s.quote] = out[i]
		}
	}
	return cs
}

// citeSites lists the chapter's citations in the edition, in the order
// Citations describes; a citation that did not parse (the check reported
// it) is left out.
func citeSites(c *Chapter, teacher bool) []citeSite {
	var out []citeSite
	piece := func(m *Markdown) {
		if m == nil {
			return
		}
		eachCitation(m.Edition(teacher).Doc, func(n *doc.Citation) {
			if len(n.Items) > 0 {
				out = append(out, citeSite{node: n, items: n.Items})
			}
		})
	}
	piece(c.Body)
	for _, q := range c.Quotes {
		if len(q.Cite) > 0 {
			out = append(out, citeSite{quote: q, items: q.Cite})
		}
	}
	for _, q := range c.Questions {
		piece(q.Prompt)
		for _, ch := range q.Choices {
			piece(ch.Text)
		}
		if teacher {
			piece(q.Guidance)
		}
	}
	return out
}

// eachCitation calls f for every citation of d in reading order, a
// footnote's where the text first calls the note.
func eachCitation(d *doc.Document, f func(*doc.Citation)) {
	notes := make(map[int]*doc.Note, len(d.Notes))
	for _, n := range d.Notes {
		notes[n.Index] = n
	}
	var visit func(n any) bool
	visit = func(n any) bool {
		switch n := n.(type) {
		case *doc.Citation:
			f(n)
		case *doc.NoteRef:
			if note := notes[n.Index]; note != nil {
				delete(notes, n.Index) // a note's text is read once
				doc.Walk(&doc.Document{Blocks: note.Blocks}, visit)
			}
		}
		return true
	}
	doc.Walk(&doc.Document{Blocks: d.Blocks}, visit)
}
