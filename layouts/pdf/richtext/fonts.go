// Package richtext lays out styled text for the PDF layout: runs of roman,
// italic, bold and bold italic measured with the font's own glyph advances
// and broken into lines. maroto draws one style per text component and
// measures nothing, so the handouts keep italic titles and bold words inside
// a line only through this package: it decides where every fragment of a
// line goes, and the PDF layout draws each fragment at its place.
//
// Text is set in one face (Serif, the book face) or in the large-print
// face (LargePrint), which draws Latin only: the letters it lacks are set,
// word by word, in the book face (the Fallback style).
//
// Widths are those gofpdf writes into the PDF (advance × 1000 / unitsPerEm,
// rounded), so a fragment that follows another in a different style starts
// exactly where the viewer ends the first.
package richtext

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/companion-dev/companion/assets"
)

// Style is a combination of Italic and Bold; the zero value is roman.
type Style uint8

const (
	Roman  Style = 0
	Italic Style = 1 << 0
	Bold   Style = 1 << 1
)

// BoldItalic is both.
const BoldItalic = Italic | Bold

// Fallback marks text drawn in the book face because the face of its
// Fonts lacks it (Greek and Cyrillic in the Latin-only large-print face).
// The breaker sets it, character by character; nothing else needs to.
const Fallback Style = 1 << 2

// FontStyle maps a style to the embedded font file that draws it.
func (s Style) FontStyle() assets.FontStyle {
	switch s & BoldItalic {
	case Italic:
		return assets.Italic
	case Bold:
		return assets.Bold
	case BoldItalic:
		return assets.BoldItalic
	}
	return assets.Regular
}

// PtToMM converts typographic points to millimetres, the unit of the page.
const PtToMM = 25.4 / 72

// Face is the metrics of one style of the font: advances in thousandths of
// an em, as gofpdf rounds them, computed once per rune and cached without
// locks so concurrent layouts share it.
type Face struct {
	font *sfnt.Font
	upm  int
	// advances holds, per BMP rune, 0 when not yet looked up, 1 when the font
	// has no glyph, and advance+2 otherwise.
	advances [0x10000]atomic.Uint32
	// Ascent and Descent are in thousandths of an em (Descent positive),
	// as is XHeight, the height of x.
	Ascent, Descent, XHeight int
}

// Fonts are the four styles of one embedded face, and the face that draws
// the characters it lacks.
type Fonts struct {
	faces [4]*Face
	// Family is the name documents register the face under; it is the
	// fonts' name in the PDF.
	Family string
	file   func(assets.FontStyle) []byte
	// fallback draws what faces lack (text in the Fallback style): the
	// book face; nil when this is the book face.
	fallback *Fonts
	// fallbackScale, per style, sets the fallback's runs at the size
	// that gives their x-height the faces' own (see SizeOf).
	fallbackScale [4]float64
}

var (
	serif, large       *Fonts
	serifErr, largeErr error
	serifOnce          sync.Once
	largeOnce          sync.Once
)

// Serif returns the metrics of the embedded serif (assets.FontFamily),
// the book face, parsed once per process.
func Serif() *Fonts {
	serifOnce.Do(func() { serif, serifErr = parseFonts("serif", assets.Font, nil) })
	if serifErr != nil {
		panic(serifErr) // the embedded fonts are part of the program
	}
	return serif
}

// LargePrint returns the metrics of the large-print face
// (assets.LargePrintFamily), with the serif drawing what it lacks, parsed
// once per process.
func LargePrint() *Fonts {
	largeOnce.Do(func() { large, largeErr = parseFonts("atkinson", assets.LargePrintFont, Serif()) })
	if largeErr != nil {
		panic(largeErr) // the embedded fonts are part of the program
	}
	return large
}

func parseFonts(family string, file func(assets.FontStyle) []byte, fallback *Fonts) (*Fonts, error) {
	f := &Fonts{Family: family, file: file, fallback: fallback}
	for s := Roman; s <= BoldItalic; s++ {
		face, err := NewFace(file(s.FontStyle()))
		if err != nil {
			return nil, fmt.Errorf("richtext: parsing the embedded font %s: %w", family, err)
		}
		f.faces[s] = face
	}
	if fallback != nil {
		for s := Roman; s <= BoldItalic; s++ {
			f.fallbackScale[s] = float64(f.faces[s].XHeight) / float64(fallback.faces[s].XHeight)
		}
	}
	return f, nil
}

// NewFace parses TrueType data.
func NewFace(ttf []byte) (*Face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	upm := int(f.UnitsPerEm())
	m, err := f.Metrics(nil, fixed.I(upm), font.HintingNone)
	if err != nil {
		return nil, err
	}
	return &Face{
		font:    f,
		upm:     upm,
		Ascent:  m.Ascent.Round() * 1000 / upm,
		Descent: m.Descent.Round() * 1000 / upm,
		XHeight: m.XHeight.Round() * 1000 / upm,
	}, nil
}

// Face returns the metrics of one style: the fallback's in the Fallback
// style.
func (f *Fonts) Face(s Style) *Face { return f.drawing(s).faces[s&BoldItalic] }

// drawing is the fonts that draw style s.
func (f *Fonts) drawing(s Style) *Fonts {
	if s&Fallback != 0 && f.fallback != nil {
		return f.fallback
	}
	return f
}

// SizeOf is the size, in points, at which text of style st at size is
// drawn: size itself, but for the fallback's runs, which are set so that
// their x-height is the faces' own (Gentium's x is 454 thousandths of an
// em, Atkinson Hyperlegible's 496: Greek in a large-print line is set
// 9% larger, and its lowercase stands as tall as the Latin beside it).
// The line's metrics and the fragments' Size stay the nominal size;
// widths (Width) and drawing use this one.
func (f *Fonts) SizeOf(st Style, size float64) float64 {
	if st&Fallback == 0 || f.fallback == nil {
		return size
	}
	return size * f.fallbackScale[st&BoldItalic]
}

// FamilyOf is the family name of the face that draws style s.
func (f *Fonts) FamilyOf(s Style) string { return f.drawing(s).Family }

// File is the TrueType data of the face that draws style s.
func (f *Fonts) File(s Style) []byte { return f.drawing(s).file(s.FontStyle()) }

// Has reports whether the style, or the fallback in its place, has a
// glyph for r. Runes above U+FFFF are never drawable: gofpdf's UTF-8
// fonts index a 16-bit table and panic.
func (f *Fonts) Has(s Style, r rune) bool {
	return f.Face(s).Has(r) || (s&Fallback == 0 && f.fallback != nil && f.fallback.Face(s).Has(r))
}

// styleOf is the style that draws r in style s: s, or s in the Fallback
// style when only the fallback has r.
func (f *Fonts) styleOf(s Style, r rune) Style {
	if f.fallback == nil || s&Fallback != 0 || f.faces[s&BoldItalic].Has(r) || !f.fallback.Face(s).Has(r) {
		return s
	}
	return s | Fallback
}

// split calls fn with the runs of text each face draws, in order. A word
// is drawn in one face, the fonts' own where it has all its letters, so
// that a Greek word is not set half in each face because the Latin face
// happens to have μ; so is a character and the marks after it, so that a
// mark is placed on its letter's outline. Spaces and punctuation go on in
// the face of the run they are in.
func (f *Fonts) split(s Style, text string, fn func(Style, string)) {
	if f.fallback == nil || s&Fallback != 0 {
		fn(s, text)
		return
	}
	cur, start := s, 0
	for i := 0; i < len(text); {
		// The cluster: a word's letters, or one other character, with the
		// marks that follow.
		r, n := utf8.DecodeRuneInString(text[i:])
		end := i + n
		for end < len(text) {
			c, k := utf8.DecodeRuneInString(text[end:])
			if !isMark(c) && !(unicode.IsLetter(r) && unicode.IsLetter(c)) {
				break
			}
			end += k
		}
		st := s
		switch cluster := text[i:end]; {
		case !f.allHave(s, cluster) && f.fallback.allHave(s, cluster):
			st = s | Fallback
		case !unicode.IsLetter(r) && cur != s && f.fallback.allHave(s, cluster):
			// A space or a comma between Greek words: one run.
			st = cur
		}
		if st != cur && i > start {
			fn(cur, text[start:i])
			start = i
		}
		cur = st
		i = end
	}
	if start < len(text) {
		fn(cur, text[start:])
	}
}

// allHave reports whether style s has every character of text.
func (f *Fonts) allHave(s Style, text string) bool {
	for _, r := range text {
		if !f.Face(s).Has(r) {
			return false
		}
	}
	return true
}

// Faces splits a fragment placed on a line into the runs each face draws
// (see Fallback), each at its place: the fragment itself when one face
// draws it all, as it always does in the book face.
func (f *Fonts) Faces(fr Fragment) []Fragment {
	if f.OneFace(fr) {
		return []Fragment{fr}
	}
	var out []Fragment
	x := fr.X
	f.split(fr.Style, fr.Text, func(s Style, text string) {
		part := fr
		part.Style, part.Text, part.X = s, text, x
		part.Width = f.Width(s, text, fr.Size)
		x += part.Width
		out = append(out, part)
	})
	if len(out) == 1 && out[0].Style == fr.Style {
		return []Fragment{fr}
	}
	return out
}

// OneFace reports, without reading its text, that one face draws all of
// fr, so that Faces(fr) is fr alone: the fonts have no fallback, or fr is
// in the fallback already, or a mark placed on its letter.
func (f *Fonts) OneFace(fr Fragment) bool {
	return f.fallback == nil || fr.Style&Fallback != 0 || fr.mark
}

// Has reports whether the face has a glyph for r.
func (fc *Face) Has(r rune) bool {
	_, ok := fc.advance(r)
	return ok
}

// Advance is the width of r in thousandths of an em; 0 when absent.
func (fc *Face) Advance(r rune) int {
	a, _ := fc.advance(r)
	return a
}

func (fc *Face) advance(r rune) (int, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	if v := fc.advances[r].Load(); v > 1 {
		return int(v) - 2, true
	} else if v == 1 {
		return 0, false
	}
	v := uint32(1)
	// A nil buffer makes sfnt allocate, which keeps Face safe for
	// concurrent use; each rune is looked up once.
	gi, err := fc.font.GlyphIndex(nil, r)
	if err == nil && gi != 0 {
		adv, err := fc.font.GlyphAdvance(nil, gi, fixed.I(fc.upm), font.HintingNone)
		if err == nil {
			units := float64(adv) / 64
			v = uint32(roundHalfAway(units*1000/float64(fc.upm))) + 2
		}
	}
	fc.advances[r].Store(v)
	if v == 1 {
		return 0, false
	}
	return int(v) - 2, true
}

// roundHalfAway rounds like math.Round, which gofpdf uses for its widths.
func roundHalfAway(x float64) int {
	if x < 0 {
		return -int(-x + 0.5)
	}
	return int(x + 0.5)
}

// Width is the width of s in millimetres at size points.
func (fc *Face) Width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += fc.Advance(r)
	}
	return float64(w) * size / 1000 * PtToMM
}

// Width measures s in style st at size points, in millimetres, each
// character in the face that draws it.
func (f *Fonts) Width(st Style, s string, size float64) float64 {
	if f.fallback == nil || st&Fallback != 0 {
		return f.Face(st).Width(s, f.SizeOf(st, size))
	}
	w, fw := 0, 0 // in the faces, in the fallback
	for _, r := range s {
		if rs := f.styleOf(st, r); rs&Fallback != 0 {
			fw += f.Face(rs).Advance(r)
		} else {
			w += f.Face(rs).Advance(r)
		}
	}
	return (float64(w)*size + float64(fw)*f.SizeOf(st|Fallback, size)) / 1000 * PtToMM
}
