// Package tagged makes the handouts tagged PDF (ISO 32000-1 §14.7–14.8,
// as PDF/UA-1 wants it), which neither gofpdf nor maroto can: gofpdf has
// no marked content or structure tree (gofpdf#147) and maroto inherits
// that.
//
// Tagging happens in three steps. The layout builds a tree of structure
// elements (Elem) as it sets each handout, and gives every drawing
// operation that is real content its element; what has none (running
// heads, footers, rules, answer lines, bands and boxes) is an artifact.
// While maroto draws, a Writer wraps each run of operations in marked
// content written into gofpdf's page (/P <</MCID 3>> BDC … EMC, /Artifact
// BMC … EMC), so that no mark on a page is outside both; it records, for
// every page, the element of each MCID. When a file is written, Tree turns
// the records of its pages into the structure tree: Document, the elements
// with content on those pages and their ancestors, each with /K listing its
// marked content, and the ParentTree that leads from content back to
// elements. A packet and each of its handouts are written from the same
// records, so one drawing serves every file a page goes into.
//
// A link annotation is content too: Build takes a file's annotations
// (Annot), lists each in its Link element as an object reference (OBJR)
// after the link's text, and says which /StructParent the file must
// write into each (Tree.AnnotParents).
package tagged

import "sync/atomic"

// Role is a standard structure type (ISO 32000-1 §14.8.4): the handouts
// need no role map. It is a small number, written as its name (String).
type Role uint8

// The structure types the handouts use.
const (
	Document Role = iota
	Sect
	Div
	H1
	H2
	H3
	H4
	H5
	H6
	P
	L
	LI
	Lbl
	LBody
	Table
	TR
	TH
	TD
	Figure
	Caption
	BlockQuote
	Note
	Reference
	TOC
	TOCI
	Link
	Span
)

var roleNames = [...]string{"Document", "Sect", "Div", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "Caption", "BlockQuote", "Note", "Reference", "TOC", "TOCI", "Link", "Span"}

// String is the role's name, as /S gives it.
func (r Role) String() string { return roleNames[r] }

// Heading is the heading role of a level, 1 to 6; deeper levels are H6.
func Heading(level int) Role {
	return []Role{H1, H2, H3, H4, H5, H6}[min(max(level, 1), 6)-1]
}

// Elem is a structure element. The layout makes one for each part of a
// handout as it sets it; a nil *Elem is no element, and every method of
// one is a no-op that returns nil, so that content set outside any
// handout (the font sheet, a test's rows) is drawn as an artifact.
//
// A packet of a thousand handouts has a few hundred thousand elements,
// alive until its files are written: an element is kept small (48
// bytes), its role a number, its children a list through its own fields
// rather than a slice, and the attributes few elements have behind a
// pointer.
type Elem struct {
	Role  Role
	id    uint64 // in the order made: see Build
	attrs *Attrs

	// The parent, the last child, and the sibling made before this one:
	// children are listed last first.
	parent, last, prev *Elem
}

// lastID is the id of the element made last, by any render.
var lastID atomic.Uint64

// Attrs are the attributes of an element that has any.
type Attrs struct {
	// Alt is a figure's alternative text.
	Alt string
	// Scope is a table header cell's scope: "Column", "Row" or "Both".
	Scope string
	// ID identifies a Note, unique in its file.
	ID string
	// Lang is the language of the element's content when it is not the
	// document's, such as "fr".
	Lang string
}

// New is the root of a section's elements: one Sect per handout, cover or
// appendix, under the file's Document.
func New(role Role) *Elem { return &Elem{Role: role, id: lastID.Add(1)} }

// SetAttrs gives e its attributes, replacing any it had.
func (e *Elem) SetAttrs(a Attrs) {
	if e != nil {
		e.attrs = &a
	}
}

// Attrs is e's attributes, the zero Attrs for none.
func (e *Elem) Attrs() Attrs {
	if e == nil || e.attrs == nil {
		return Attrs{}
	}
	return *e.attrs
}

// Add adds a child element after the others and returns it.
func (e *Elem) Add(role Role) *Elem {
	if e == nil {
		return nil
	}
	return e.Adopt(New(role))
}

// Adopt makes k, made apart with New, e's last child and returns it: an
// element whose content was set before its place in the tree was made
// (a table cell, whose phrases in another language are Spans in it).
func (e *Elem) Adopt(k *Elem) *Elem {
	if e == nil || k == nil {
		return nil
	}
	k.parent, k.prev, e.last = e, e.last, k
	return k
}

// Parent is the element e is a child of.
func (e *Elem) Parent() *Elem {
	if e == nil {
		return nil
	}
	return e.parent
}
