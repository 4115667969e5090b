package tagged

import (
	"slices"
	"strconv"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// Tree is the structure tree of a file, as objects to write: the
// StructTreeRoot is object Root, followed by Len-1 more, which Write
// writes in order.
type Tree struct {
	Root, Len int
	// AnnotParents is the /StructParent each annotation passed to Build
	// must carry, in the same order.
	AnnotParents []int

	b *builder
}

// Annot is an annotation of the file (a link): the page it is on, its
// object number, and the element it belongs to, a Link whose text is the
// link's, which lists it as an object reference (OBJR) after that text.
type Annot struct {
	Page, Obj int
	Elem      *Elem
}

// mcr is a marked-content sequence: a page of the file and an MCID on it,
// and seq, its place among all the file's sequences.
type mcr struct{ page, mcid, seq int32 }

// builder holds a tree between Build and Write. A packet's tree has a few
// hundred thousand elements: each element in it has an index, and what
// is known of it is in slices by index rather than in maps by element.
// Elements are numbered in the order they are made (Elem.id), and a
// render makes a file's elements close together, so the index of each is
// found in a slice over the ids between the file's lowest and highest.
type builder struct {
	pages   [][]*Elem
	annots  []Annot
	pageObj []int
	lo      uint64  // the lowest id of an element in the tree
	at      []int32 // index+1 of the element of id lo+i; 0: not in the tree
	elems   []*Elem // by index, in the order first reached
	// firstSeq is the first sequence of each element, its own or a
	// descendant's (an annotation counts as one, after all the text).
	firstSeq []int32
	// own[ownAt[i]:ownAt[i+1]] is element i's own content, in order.
	own   []mcr
	ownAt []int32
	// kids[kidsAt[i]:kidsAt[i]+kidsN[i]] are element i's children in the
	// tree, in the order first drawn.
	kids          []int32
	kidsAt, kidsN []int32
	objrs         map[int32][]Annot
	roots         []int32
	num           []int32 // object number by index
	order         []int32 // indexes in tree order
	seqElem       []int32 // the element of each sequence of the pages
}

// Build makes the structure tree of a file from the records of its pages
// (what Writer.Pages returns, for the pages the file holds, in order):
// pageObj[i] is the object number of page i, which the file gives
// /StructParents i. Its objects are numbered from first. An element is
// in the tree when it or one of its descendants has content on the pages;
// a section drawn on other pages of the packet is left out of a handout's
// file. The layout draws in reading order, so the children of an element
// and its own content are listed in the order they are first drawn: a
// note's Reference stands where its number is in the paragraph.
// Annotations get ParentTree keys after the pages'. The tree keeps pages,
// annots and pageObj until it is written.
func Build(pages [][]*Elem, annots []Annot, pageObj []int, first int) *Tree {
	n := 0
	for _, ids := range pages {
		n += len(ids)
	}
	b := &builder{pages: pages, annots: annots, pageObj: pageObj, seqElem: make([]int32, 0, n)}
	lo, hi := ^uint64(0), uint64(0)
	span := func(e *Elem) {
		for a := e; a != nil; a = a.parent {
			lo, hi = min(lo, a.id), max(hi, a.id)
		}
	}
	var prev *Elem
	for _, ids := range pages {
		for _, e := range ids {
			if e != prev { // most runs of MCIDs are one element's
				span(e)
				prev = e
			}
		}
	}
	for _, a := range annots {
		span(a.Elem)
	}
	if lo <= hi {
		b.lo, b.at = lo, make([]int32, hi-lo+1)
	}
	// add puts e and its ancestors not yet in the tree into it, first
	// reached at seq, and returns e's index.
	add := func(e *Elem, seq int) int32 {
		if i := b.index(e); i >= 0 {
			return i
		}
		i := int32(len(b.elems))
		for a := e; a != nil && b.index(a) < 0; a = a.parent {
			b.elems = append(b.elems, a)
			b.at[a.id-b.lo] = int32(len(b.elems))
			b.firstSeq = append(b.firstSeq, int32(seq))
			if a.parent == nil {
				b.roots = append(b.roots, int32(len(b.elems)-1))
			}
		}
		return i
	}
	seq := 0
	for _, ids := range pages {
		for _, e := range ids {
			b.seqElem = append(b.seqElem, add(e, seq))
			seq++
		}
	}
	b.objrs = map[int32][]Annot{}
	for _, a := range annots {
		i := int32(-1) // no element: listed nowhere
		if a.Elem != nil {
			i = add(a.Elem, seq)
		}
		b.objrs[i] = append(b.objrs[i], a)
		seq++
	}
	// Each element's own content, in order: counted, then placed.
	b.ownAt = make([]int32, len(b.elems)+1)
	for _, i := range b.seqElem {
		b.ownAt[i+1]++
	}
	for i := range b.elems {
		b.ownAt[i+1] += b.ownAt[i]
	}
	b.own = make([]mcr, len(b.seqElem))
	fill := slices.Clone(b.ownAt[:len(b.elems)])
	seq = 0
	for p, ids := range pages {
		for id := range ids {
			i := b.seqElem[seq]
			b.own[fill[i]] = mcr{int32(p), int32(id), int32(seq)}
			fill[i]++
			seq++
		}
	}
	// Numbers: the root, the Document, then every element in tree order.
	b.num = make([]int32, len(b.elems))
	b.kidsAt, b.kidsN = make([]int32, len(b.elems)), make([]int32, len(b.elems))
	b.order = make([]int32, 0, len(b.elems))
	next := int32(first + 2)
	var number func(i int32)
	number = func(i int32) {
		b.num[i] = next
		next++
		b.order = append(b.order, i)
		at := len(b.kids)
		for k := b.elems[i].last; k != nil; k = k.prev {
			if j := b.index(k); j >= 0 {
				b.kids = append(b.kids, j)
			}
		}
		ks := b.kids[at:]
		slices.Reverse(ks) // in the order made
		slices.SortStableFunc(ks, func(x, y int32) int { return int(b.readAt(x) - b.readAt(y)) })
		b.kidsAt[i], b.kidsN[i] = int32(at), int32(len(ks))
		for _, k := range ks {
			number(k)
		}
	}
	for _, r := range b.roots {
		number(r)
	}
	t := &Tree{Root: first, Len: 2 + len(b.elems), b: b}
	for i := range annots {
		t.AnnotParents = append(t.AnnotParents, len(pages)+i)
	}
	return t
}

// readAt is where element i reads among its siblings: where it is first
// drawn, but a Note reads after the sibling made before it (the text that
// calls it), wherever the note is drawn: a footnote at the page's foot is
// read after the paragraph with its call, not after the page's last.
func (b *builder) readAt(i int32) int32 {
	e := b.elems[i]
	for e.Role == Note && b.index(e.prev) >= 0 {
		e = e.prev
	}
	return b.firstSeq[b.index(e)]
}

// index is e's index in the tree, or -1 when it is not in it.
func (b *builder) index(e *Elem) int32 {
	if e == nil || e.id < b.lo || e.id-b.lo >= uint64(len(b.at)) {
		return -1
	}
	return b.at[e.id-b.lo] - 1
}

// Write calls emit with the body of each of the tree's objects in turn,
// from "<<" to ">>", numbered from Root; obj is only valid during the
// call. A tree is written once.
func (t *Tree) Write(emit func(obj []byte)) {
	b := t.b
	t.b = nil
	doc := t.Root + 1
	ref := func(buf []byte, n int) []byte {
		buf = strconv.AppendInt(buf, int64(n), 10)
		return append(buf, " 0 R"...)
	}
	num := func(e *Elem) int {
		if i := b.index(e); i >= 0 {
			return int(b.num[i])
		}
		return 0
	}

	// The root, with the ParentTree: at key i, page i's elements by MCID.
	buf := []byte("<< /Type /StructTreeRoot /K ")
	buf = ref(buf, doc)
	buf = append(buf, " /ParentTree << /Nums ["...)
	seq := 0
	for p, ids := range b.pages {
		if p > 0 {
			buf = append(buf, ' ')
		}
		buf = strconv.AppendInt(buf, int64(p), 10)
		buf = append(buf, " ["...)
		for i := range ids {
			if i > 0 {
				buf = append(buf, ' ')
			}
			buf = ref(buf, int(b.num[b.seqElem[seq]]))
			seq++
		}
		buf = append(buf, ']')
	}
	for i, a := range b.annots {
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(t.AnnotParents[i]), 10)
		buf = append(buf, ' ')
		buf = ref(buf, num(a.Elem))
	}
	buf = append(buf, "] >> /ParentTreeNextKey "...)
	buf = strconv.AppendInt(buf, int64(len(b.pages)+len(b.annots)), 10)
	emit(append(buf, " >>"...))

	buf = append(buf[:0], "<< /S /Document /P "...)
	buf = ref(buf, t.Root)
	buf = append(buf, " /K ["...)
	for k, r := range b.roots {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = ref(buf, int(b.num[r]))
	}
	emit(append(buf, "] >>"...))

	// Elements are written without /Type /StructElem, which is optional:
	// a packet has thousands of them.
	for _, i := range b.order {
		e := b.elems[i]
		buf = append(buf[:0], "<< /S /"...)
		buf = append(buf, e.Role.String()...)
		buf = append(buf, " /P "...)
		if e.parent == nil {
			buf = ref(buf, doc)
		} else {
			buf = ref(buf, num(e.parent))
		}
		mcrs := b.own[b.ownAt[i]:b.ownAt[i+1]]
		if len(mcrs) > 0 {
			buf = append(buf, " /Pg "...)
			buf = ref(buf, b.pageObj[mcrs[0].page])
		}
		buf = append(buf, " /K ["...)
		sep := func() {
			if buf[len(buf)-1] != '[' {
				buf = append(buf, ' ')
			}
		}
		// The element's own content and its children, merged in the order
		// drawn.
		ks := b.kids[b.kidsAt[i] : b.kidsAt[i]+b.kidsN[i]]
		for x, j := 0, 0; x < len(mcrs) || j < len(ks); {
			sep()
			if j == len(ks) || x < len(mcrs) && mcrs[x].seq < b.firstSeq[ks[j]] {
				m := mcrs[x]
				x++
				if m.page == mcrs[0].page {
					buf = strconv.AppendInt(buf, int64(m.mcid), 10)
					continue
				}
				buf = append(buf, "<< /Type /MCR /Pg "...)
				buf = ref(buf, b.pageObj[m.page])
				buf = append(buf, " /MCID "...)
				buf = strconv.AppendInt(buf, int64(m.mcid), 10)
				buf = append(buf, " >>"...)
				continue
			}
			buf = ref(buf, int(b.num[ks[j]]))
			j++
		}
		for _, a := range b.objrs[i] {
			sep()
			buf = append(buf, "<< /Type /OBJR /Pg "...)
			buf = ref(buf, b.pageObj[a.Page])
			buf = append(buf, " /Obj "...)
			buf = ref(buf, a.Obj)
			buf = append(buf, " >>"...)
		}
		buf = append(buf, ']')
		text := func(key, s string) {
			if s != "" {
				buf = append(buf, " /"+key+" "...)
				buf = pdfobj.Append(buf, pdfobj.TextString(s))
			}
		}
		a := e.Attrs()
		text("Alt", a.Alt)
		text("ID", a.ID)
		text("Lang", a.Lang)
		if a.Scope != "" {
			buf = append(buf, " /A << /O /Table /Scope /"...)
			buf = append(buf, a.Scope...)
			buf = append(buf, " >>"...)
		}
		emit(append(buf, " >>"...))
	}
}
