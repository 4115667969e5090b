package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// A page's number (its folio) depends on the file the page goes into: in
// a packet, pages run on from the cover, so that they equal the numbers
// in its contents; a single handout, its student-packet pages written out
// on their own, numbers them from 1. Pages are drawn once, so the number
// is not drawn with them: each page keeps where its number goes and whose
// page it is, and finish.go writes the number as a content stream of its
// own for each file, marked as a pagination artifact.

// folio is where a section's pages carry their number.
type folio struct {
	name  string  // the handout or appendix the pages belong to, for the footer
	base  float64 // the number's baseline, from the footer's top, mm
	chars string  // every character the numbers may print (for the font sheet)
	// fits reports whether a name, with the number, fits whole where the
	// footer sets name's: beside its citation, or on its own line.
	fits func(name string) bool
}

// pageFolio is one drawn page's folio.
type pageFolio struct {
	name string
	y    float64 // the baseline, from the page's top edge, mm
}

// folioText is the footer's number: the handout and the packet page in a
// packet, the page of the handout's own file in a single handout.
func (h *handouts) folioText(name string, page, pages int, single bool) string {
	if single {
		return h.label("page-of", "page", strconv.Itoa(page), "pages", strconv.Itoa(pages))
	}
	return h.label("folio", "name", name, "page", strconv.Itoa(page))
}

// sectionFolio is the folio of a section named name: its footer prints
// the name, shortened to fit (footerName), and the page number at its
// right.
func (h *handouts) sectionFolio(name string) *folio {
	asc := float64(h.fonts.Face(richtext.Roman).Ascent) / 1000 * richtext.PtToMM
	const digits = "0123456789"
	// A page's names fit whole beside the citation in its shortest form,
	// which the footer of that page sets (section.footNamed).
	room := h.g.measure() - footGap
	if c := h.workCite; c != nil {
		cite := c.full
		if c.short != nil {
			cite = c.short(c.title)
		}
		room -= h.fonts.NaturalWidth(cite)
	}
	name = h.footerName(name)
	base := footRuleY + 1.8 + h.g.furnitureSize(sizeSmall)*asc
	if h.footStacked() {
		base += h.stackedFolioDrop()
		room = h.g.measure()
	}
	return &folio{
		name:  name,
		base:  base,
		chars: h.folioText(name, 0, 0, false) + h.folioText(name, 0, 0, true) + digits,
		fits:  func(s string) bool { return h.folioWidth(s) <= room },
	}
}

// pageName is whose page p is, as its footer and its running head name
// it: every part with text on the page, in order, the section it starts
// with and each that starts on it ("Theme tracker · Mark schemes"), as a
// page that two parts share holds both, its footer's citation in its
// shortest form if need be (section.footNamed); where the names do not
// fit whole together even so, the first and the last, as a dictionary's
// head gives a page's first and last entries ("Curriculum map – Works
// cited"); where those do not, the last to start on it, which the page
// opens. (The footer named the part that started on the page alone
// where the two did not fit beside the citation in its fullest form,
// dropping the part that filled most of the page, review14 #7.)
func pageName(p *pageLayout) string {
	fo := p.sec.folio
	if len(p.opens) == 0 {
		return fo.name
	}
	names := []string{fo.name}
	for _, s := range p.opens {
		if s.folio != nil {
			names = append(names, s.folio.name)
		}
	}
	last := names[len(names)-1]
	for _, n := range []string{strings.Join(names, " · "), names[0] + " – " + last} {
		if fo.fits(n) {
			return n
		}
	}
	return last
}

// folioWidth is the most the footer's number takes of its line.
func (h *handouts) folioWidth(name string) float64 {
	w := 0.0
	for _, s := range []string{h.folioText(name, 8888, 0, false), h.folioText(name, 888, 888, true)} {
		w = max(w, h.fonts.Width(richtext.Roman, s, h.g.furnitureSize(sizeSmall)))
	}
	return w
}

// numbers is the page-number content of pages [from, to) of a packet, as
// the packet numbers them or, single, as a handout's own file does.
func (h *handouts) numbers(r *rendered, from, to int, single bool) ([][]byte, error) {
	out := make([][]byte, 0, to-from)
	for i := from; i < to; i++ {
		f := r.folios[i]
		if f.name == "" {
			out = append(out, nil) // the cover
			continue
		}
		page, pages := i+1, 0
		if single {
			page, pages = i-from+1, to-from
		}
		c, err := h.folioContent(r.file, h.folioText(f.name, page, pages, single), f.y)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// folioContent is the content stream that prints text right-aligned at
// the text block's right edge, on baseline y (mm from the page's top), in
// the roman of the faces that draw it (fonts of the packet's file f).
func (h *handouts) folioContent(f *gofpdfFile, text string, y float64) ([]byte, error) {
	g := h.g
	size := g.furnitureSize(sizeSmall)
	x := g.width - g.right - h.fonts.Width(richtext.Roman, text, size)
	var b bytes.Buffer
	b.WriteString("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n")
	if err := f.showText(&b, g, h.fonts, text, richtext.Roman, size, inkAccent, x, y, 100); err != nil {
		return nil, err
	}
	b.WriteString("EMC\n")
	return b.Bytes(), nil
}

// showText writes to b the content that prints text in style st of
// fonts at size, in colour c, starting at x on baseline y (mm from the
// page's top left corner), its glyphs scaled horizontally by squeeze
// percent, in the faces that draw it (fonts of f): what each file adds
// to the pages gofpdf drew, its page numbers (folioContent) and the
// pages its cross-references give (heldContent).
func (f *gofpdfFile) showText(b *bytes.Buffer, g geometry, fonts *richtext.Fonts, text string, st richtext.Style, size float64, c richtext.Color, x, y, squeeze float64) error {
	return f.showFragment(b, g, fonts, richtext.Fragment{Span: richtext.Span{Text: text, Style: st, Size: size, Color: c}, X: x}, y, squeeze)
}

// showFragment is showText of a fragment of a line, starting at fr.X
// (mm from the page's left edge) on baseline y, in its own style, size
// and colour, raised by its Rise (the text a file draws of a line that
// holds a cross-reference's page, heldContent): as textOp draws it.
func (f *gofpdfFile) showFragment(b *bytes.Buffer, g geometry, fonts *richtext.Fonts, fr richtext.Fragment, y, squeeze float64) error {
	b.WriteString("q ")
	if g.scale != 1 {
		fmt.Fprintf(b, "%.5f 0 0 %.5f 0 0 cm ", g.scale, g.scale)
	}
	c := fr.Color
	fmt.Fprintf(b, "%.3f %.3f %.3f rg", float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)
	x := fr.X
	for _, part := range fonts.Faces(fr) {
		font, err := f.fontResource("utf8" + fonts.FamilyOf(part.Style) + string(fontStyles[part.Style&richtext.BoldItalic]))
		if err != nil {
			return err
		}
		// Points on the page: the cm above magnifies them onto the paper.
		pt := func(mm float64) float64 { return mm * 72 / 25.4 }
		at := x + (part.X-x)*squeeze/100 + part.Dx
		base := y - part.Rise*richtext.PtToMM
		tz := strconv.FormatFloat(math.Round(squeeze*100)/100, 'f', -1, 64)
		fmt.Fprintf(b, " BT /%s %.2f Tf 0 Tc 0 Tw %s Tz 0 Ts %.2f %.2f Td <", font, fonts.SizeOf(part.Style, part.Size), tz, pt(at), pt(g.height-base))
		// gofpdf's fonts are Identity-H with a map from code to glyph: a code
		// is the character's UTF-16 unit, as gofpdf writes its own text.
		for _, u := range utf16.Encode([]rune(part.Text)) {
			fmt.Fprintf(b, "%04x", u)
		}
		b.WriteString("> Tj ET")
	}
	b.WriteString(" Q\n")
	return nil
}

// fontResource is the resource name of the embedded font gofpdf calls
// base ("utf8" and the family and style it was registered under).
func (f *gofpdfFile) fontResource(base string) (pdfobj.Name, error) {
	if key, ok := f.fontKeys[base]; ok {
		return key, nil
	}
	return "", fmt.Errorf("pdf: the resources have no font %s for the page numbers", base)
}
