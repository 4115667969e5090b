package tagged

import (
	"fmt"
	"strconv"
	"unicode/utf16"

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
	// replaced says that what follows is in a new sequence, even for the
	// same element: the open one has an ActualText, or an MCID was
	// reserved after it (Reserve).
	replaced bool
	buf      []byte
}

// Attach starts marking f, whose first page is begun and holds nothing
// drawn yet; it takes over gofpdf's header and footer hooks.
func Attach(f *gofpdf.Fpdf) *Writer {
	w := &Writer{f: f, pages: make([][]*Elem, 1, 16)}
	w.raw("/Artifact BMC\n")
	f.SetHeaderFunc(func() {
		w.pages = append(w.pages, nil)
		w.cur, w.replaced = nil, false
		w.raw("/Artifact BMC\n")
	})
	f.SetFooterFunc(func() { w.raw("EMC\n") })
	return w
}

// Mark makes what is drawn next part of e, or an artifact if e is nil.
// Consecutive drawing on one page for the same element shares a sequence.
func (w *Writer) Mark(e *Elem) {
	if e == w.cur && !w.replaced {
		return
	}
	w.open(e, false, "")
}

// MarkActualText makes what is drawn next part of e, read as text
// instead of its glyphs ("" for none; ISO 32000-1, 14.9.4): a sequence of
// its own with the text as its ActualText, so that no sequence nests.
// The next Mark begins another. An artifact has no text to replace.
func (w *Writer) MarkActualText(e *Elem, text string) {
	if e == nil {
		w.Mark(nil)
		return
	}
	w.open(e, true, text)
}

func (w *Writer) open(e *Elem, replaced bool, text string) {
	b := append(w.buf[:0], "EMC\n"...)
	if e == nil {
		b = append(b, "/Artifact BMC\n"...)
	} else {
		last := len(w.pages) - 1
		b = AppendBDC(b, e, len(w.pages[last]), replaced, text)
		w.pages[last] = append(w.pages[last], e)
	}
	w.cur, w.replaced = e, replaced
	w.buf = b
	w.f.RawWriteStr(string(b))
}

// AppendBDC appends to b the operator that begins marked content
// mcid of e, read as text instead of its glyphs where replaced (as
// MarkActualText): for content drawn elsewhere in an MCID Reserve gave.
func AppendBDC(b []byte, e *Elem, mcid int, replaced bool, text string) []byte {
	b = append(b, '/')
	if replaced {
		// Readers take an ActualText from a Span's properties (poppler
		// from no other tag); the element's role is the tree's.
		b = append(b, "Span"...)
	} else {
		b = append(b, e.Role.String()...)
	}
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	if replaced {
		// A text string in UTF-16BE, as hex.
		b = append(b, " /ActualText <FEFF"...)
		for _, u := range utf16.Encode([]rune(text)) {
			b = fmt.Appendf(b, "%04X", u)
		}
		b = append(b, '>')
	}
	return append(b, ">> BDC\n"...)
}

// Reserve gives e an MCID on the current page for content drawn
// elsewhere than gofpdf's page (a cross-reference's page number, which
// each file writes in a content stream of its own), and returns it. It
// is e's next sequence in reading order: what is drawn after it for e
// is in a sequence after it.
func (w *Writer) Reserve(e *Elem) int {
	last := len(w.pages) - 1
	w.pages[last] = append(w.pages[last], e)
	w.replaced = true
	return len(w.pages[last]) - 1
}

func (w *Writer) raw(s string) { w.f.RawWriteStr(s) }

// Pages is the record of the pages drawn: for each, the element of each
// of its MCIDs, in order. Call it once the document is generated.
func (w *Writer) Pages() [][]*Elem { return w.pages }
