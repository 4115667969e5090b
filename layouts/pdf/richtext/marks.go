package richtext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Combining marks. Text is composed to NFC first, so "é" written as e and
// U+0301 draws the font's own é. Some letters have no precomposed form
// (Yoruba's ọ̀ is ọ and a grave): a PDF viewer draws a combining mark where
// the font's GPOS table says, but gofpdf writes no GPOS, so the mark would
// stand where its zero advance leaves it, centred on a typical lowercase
// letter, whatever the letter. Here each mark is drawn as a fragment of its
// own, centred on its letter's ink, above marks lifted over a capital or an
// ascender (and over the marks already stacked there), below marks dropped
// under a descender.

// Bounds is a glyph's ink box in thousandths of an em, y upwards.
type Bounds struct{ XMin, XMax, YMin, YMax int }

// Bounds returns the ink box of r's glyph; ok is false when the face has
// no glyph for r.
func (fc *Face) Bounds(r rune) (b Bounds, ok bool) {
	if !fc.Has(r) {
		return Bounds{}, false
	}
	gi, err := fc.font.GlyphIndex(nil, r)
	if err != nil {
		return Bounds{}, false
	}
	bb, _, err := fc.font.GlyphBounds(nil, gi, fixed.I(fc.upm), font.HintingNone)
	if err != nil {
		return Bounds{}, false
	}
	k := func(v fixed.Int26_6) int { return roundHalfAway(float64(v) / 64 * 1000 / float64(fc.upm)) }
	// sfnt's y grows downwards.
	return Bounds{XMin: k(bb.Min.X), XMax: k(bb.Max.X), YMin: -k(bb.Max.Y), YMax: -k(bb.Min.Y)}, true
}

// isMark reports a combining mark that the breaker places itself.
func isMark(r rune) bool { return unicode.Is(unicode.Mn, r) }

// hasMark reports whether s holds a combining mark.
func hasMark(s string) bool {
	for _, r := range s {
		if r >= 0x300 && isMark(r) {
			return true
		}
	}
	return false
}

// overshoot is how far, in thousandths of an em, a round letter passes the
// x-height or the baseline (o is 960 tall for an x-height of 930 in
// Gentium): a mark is not moved for it.
const overshoot = 60

// Canonical combining classes the placement distinguishes.
const (
	cccBelow = 220
	cccAbove = 230
)

// markPieces cuts text, in the style of sp, into fragments: runs of letters
// as they are, and each combining mark as a zero-width fragment placed over
// (or under) the letter before it. A mark with no letter before it in text
// is left where the font puts it.
func (f *Fonts) markPieces(sp Span, text string) []Fragment {
	face := f.Face(sp.Style)
	size := f.SizeOf(sp.Style, sp.Size) // as drawn
	scale := size / 1000 * PtToMM       // thousandths of an em to mm
	var out []Fragment
	start := 0
	var base Bounds
	baseAdv, haveBase := 0, false
	top, bottom := 0, 0 // of the letter and the marks stacked on it so far
	flush := func(end int) {
		if end > start {
			out = append(out, Fragment{Span: withText(sp, text[start:end]), Width: f.Width(sp.Style, text[start:end], sp.Size)})
		}
	}
	for i, r := range text {
		if !isMark(r) {
			base, haveBase = face.boundsOrZero(r)
			baseAdv = face.Advance(r)
			top, bottom = base.YMax, base.YMin
			continue
		}
		mb, ok := face.Bounds(r)
		if !haveBase || !ok {
			continue // left in its run, where the font puts it
		}
		flush(i)
		start = i + utf8.RuneLen(r)
		// The mark's origin is where the letter ends: move its ink's centre
		// over the letter's.
		dx := float64(base.XMin+base.XMax)/2 - float64(baseAdv) - float64(mb.XMin+mb.XMax)/2
		rise := 0
		switch norm.NFC.PropertiesString(string(r)).CCC() {
		case cccAbove:
			// Drawn to clear the x-height; clear what is there instead.
			if top-face.XHeight > overshoot {
				rise = top - face.XHeight
			}
			top = mb.YMax + rise
		case cccBelow:
			// Drawn to clear the baseline; clear a descender or the
			// marks already under the letter.
			if bottom < -overshoot {
				rise = bottom
			}
			bottom = mb.YMin + rise
		}
		m := withText(sp, string(r))
		m.Rise += float64(rise) * size / 1000
		out = append(out, Fragment{Span: m, Dx: dx * scale, mark: true})
	}
	flush(len(text))
	return out
}

// boundsOrZero is Bounds, or an empty box and false for a glyph the face
// lacks (or a space, which has no ink).
func (fc *Face) boundsOrZero(r rune) (Bounds, bool) {
	b, ok := fc.Bounds(r)
	if !ok || (b == Bounds{}) {
		return Bounds{}, false
	}
	return b, true
}
