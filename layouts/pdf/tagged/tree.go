package tagged

import (
	"slices"
	"strconv"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// Tree is the structure tree of a file, as objects to write: the
// StructTreeRoot is object Root, and Objects[i] is the body of object
// Root+i, from "<<" to ">>".
type Tree struct {
	Root    int
	Objects [][]byte
	// AnnotParents is the /StructParent each annotation passed to Build
	// must carry, in the same order.
	AnnotParents []int
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
type mcr struct{ page, mcid, seq int }

// Build makes the structure tree of a file from the records of its pages
// (what Writer.Pages returns, for the pages the file holds, in order):
// pageObj[i] is the object number of page i, which the file gives
// /StructParents i. Its objects are numbered from first. An element is
// in the tree when it or one of its descendants has content on the pages;
// a section drawn on other pages of the packet is left out of a handout's
// file. The layout draws in reading order, so the children of an element
// and its own content are listed in the order they are first drawn: a
// note's Reference stands where its number is in the paragraph.
// Annotations get ParentTree keys after the pages'.
func Build(pages [][]*Elem, annots []Annot, pageObj []int, first int) Tree {
	content := map[*Elem][]mcr{}
	var roots []*Elem
	firstSeq := map[*Elem]int{} // the first sequence of each element in the tree, its own or a descendant's
	seq := 0
	for p, ids := range pages {
		for id, e := range ids {
			content[e] = append(content[e], mcr{p, id, seq})
			for a := e; a != nil; a = a.parent {
				if _, in := firstSeq[a]; in {
					break
				}
				firstSeq[a] = seq
				if a.parent == nil {
					roots = append(roots, a)
				}
			}
			seq++
		}
	}
	objrs := map[*Elem][]Annot{}
	for _, a := range annots {
		objrs[a.Elem] = append(objrs[a.Elem], a)
		for e := a.Elem; e != nil; e = e.parent {
			if _, in := firstSeq[e]; in {
				break
			}
			firstSeq[e] = seq // an annotation without text: after all the text
			if e.parent == nil {
				roots = append(roots, e)
			}
		}
		seq++
	}
	inTree := func(e *Elem) bool { _, in := firstSeq[e]; return in }
	// kids is e's children in the tree, in the order first drawn.
	kids := func(e *Elem) []*Elem {
		var ks []*Elem
		for k := e.first; k != nil; k = k.next {
			if inTree(k) {
				ks = append(ks, k)
			}
		}
		slices.SortStableFunc(ks, func(a, b *Elem) int { return firstSeq[a] - firstSeq[b] })
		return ks
	}
	// Numbers: the root, the Document, then every element in tree order.
	num := map[*Elem]int{}
	var order []*Elem
	next := first + 2
	var number func(e *Elem)
	number = func(e *Elem) {
		num[e] = next
		next++
		order = append(order, e)
		for _, k := range kids(e) {
			number(k)
		}
	}
	for _, r := range roots {
		number(r)
	}
	t := Tree{Root: first}
	doc := first + 1
	ref := func(b []byte, n int) []byte {
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, " 0 R"...)
	}

	// The root, with the ParentTree: at key i, page i's elements by MCID.
	b := []byte("<< /Type /StructTreeRoot /K ")
	b = ref(b, doc)
	b = append(b, " /ParentTree << /Nums ["...)
	for p, ids := range pages {
		if p > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for i, e := range ids {
			if i > 0 {
				b = append(b, ' ')
			}
			b = ref(b, num[e])
		}
		b = append(b, ']')
	}
	for i, a := range annots {
		key := len(pages) + i
		t.AnnotParents = append(t.AnnotParents, key)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(key), 10)
		b = append(b, ' ')
		b = ref(b, num[a.Elem])
	}
	b = append(b, "] >> /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(len(pages)+len(annots)), 10)
	t.Objects = append(t.Objects, append(b, " >>"...))

	b = []byte("<< /S /Document /P ")
	b = ref(b, first)
	b = append(b, " /K ["...)
	for i, r := range roots {
		if i > 0 {
			b = append(b, ' ')
		}
		b = ref(b, num[r])
	}
	t.Objects = append(t.Objects, append(b, "] >>"...))

	// Elements are written without /Type /StructElem, which is optional:
	// a packet has thousands of them.
	for _, e := range order {
		b := []byte("<< /S /")
		b = append(b, e.Role...)
		b = append(b, " /P "...)
		if e.parent == nil {
			b = ref(b, doc)
		} else {
			b = ref(b, num[e.parent])
		}
		mcrs := content[e]
		if len(mcrs) > 0 {
			b = append(b, " /Pg "...)
			b = ref(b, pageObj[mcrs[0].page])
		}
		b = append(b, " /K ["...)
		sep := func() {
			if b[len(b)-1] != '[' {
				b = append(b, ' ')
			}
		}
		// The element's own content and its children, merged in the order
		// drawn.
		ks := kids(e)
		for i, j := 0, 0; i < len(mcrs) || j < len(ks); {
			sep()
			if j == len(ks) || i < len(mcrs) && mcrs[i].seq < firstSeq[ks[j]] {
				m := mcrs[i]
				i++
				if m.page == mcrs[0].page {
					b = strconv.AppendInt(b, int64(m.mcid), 10)
					continue
				}
				b = append(b, "<< /Type /MCR /Pg "...)
				b = ref(b, pageObj[m.page])
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(m.mcid), 10)
				b = append(b, " >>"...)
				continue
			}
			b = ref(b, num[ks[j]])
			j++
		}
		for _, a := range objrs[e] {
			sep()
			b = append(b, "<< /Type /OBJR /Pg "...)
			b = ref(b, pageObj[a.Page])
			b = append(b, " /Obj "...)
			b = ref(b, a.Obj)
			b = append(b, " >>"...)
		}
		b = append(b, ']')
		text := func(key, s string) {
			if s != "" {
				b = append(b, " /"+key+" "...)
				b = pdfobj.Append(b, pdfobj.TextString(s))
			}
		}
		a := e.Attrs()
		text("Alt", a.Alt)
		text("ID", a.ID)
		text("Lang", a.Lang)
		if a.Scope != "" {
			b = append(b, " /A << /O /Table /Scope /"...)
			b = append(b, a.Scope...)
			b = append(b, " >>"...)
		}
		t.Objects = append(t.Objects, append(b, " >>"...))
	}
	return t
}
