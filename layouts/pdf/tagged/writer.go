package tagged

import (
	"strconv"

	"github.com/phpdave11/gofpdf"
)

// Writer writes marked content into a gofpdf document as it is drawn.
//
// Between the drawing operations the layout marks, maroto draws cell
// backgrounds and borders (bands, boxes, table shading) that no element
// holds: so the Writer keeps an Artifact open whenever no element is,
// from the top of each page (gofpdf's header hook) to its foot (the footer
// hook), and Mark closes it only around content. Every mark on a page is
// thus in exactly one sequence, an Artifact or an element's MCID, and
// sequences never nest.
type Writer struct {
	f *gofpdf.Fpdf
	// pages holds, for each page begun, the element of each MCID.
	pages [][]*Elem
	cur   *Elem // the element whose sequence is open; nil: an Artifact
	buf   []byte
}

// Attach starts marking f, whose first page is begun and holds nothing
// drawn yet; it takes over gofpdf's header and footer hooks.
func Attach(f *gofpdf.Fpdf) *Writer {
	w := &Writer{f: f, pages: make([][]*Elem, 1, 16)}
	w.raw("/Artifact BMC\n")
	f.SetHeaderFunc(func() {
		w.pages = append(w.pages, nil)
		w.cur = nil
		w.raw("/Artifact BMC\n")
	})
	f.SetFooterFunc(func() { w.raw("EMC\n") })
	return w
}

// Mark makes what is drawn next part of e, or an artifact if e is nil.
// Consecutive drawing on one page for the same element shares a sequence.
func (w *Writer) Mark(e *Elem) {
	if e == w.cur {
		return
	}
	b := append(w.buf[:0], "EMC\n"...)
	if e == nil {
		b = append(b, "/Artifact BMC\n"...)
	} else {
		last := len(w.pages) - 1
		b = append(b, '/')
		b = append(b, e.Role...)
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(len(w.pages[last])), 10)
		b = append(b, ">> BDC\n"...)
		w.pages[last] = append(w.pages[last], e)
	}
	w.cur = e
	w.buf = b
	w.f.RawWriteStr(string(b))
}

func (w *Writer) raw(s string) { w.f.RawWriteStr(s) }

// Pages is the record of the pages drawn: for each, the element of each
// of its MCIDs, in order. Call it once the document is generated.
func (w *Writer) Pages() [][]*Elem { return w.pages }
