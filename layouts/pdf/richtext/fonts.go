// Package richtext lays out styled text for the PDF layout: runs of roman,
// italic, bold and bold italic measured with the font's own glyph advances
// and broken into lines. maroto draws one style per text component and
// measures nothing, so the handouts keep italic titles and bold words inside
// a line only through this package: it decides where every fragment of a
// line goes, and the PDF layout draws each fragment at its place.
//
// Widths are those gofpdf writes into the PDF (advance × 1000 / unitsPerEm,
// rounded), so a fragment that follows another in a different style starts
// exactly where the viewer ends the first.
package richtext

import (
	"fmt"
	"sync"
	"sync/atomic"

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

// Fonts are the four styles of the embedded serif.
type Fonts struct {
	faces [4]*Face
}

var (
	serif     *Fonts
	serifErr  error
	serifOnce sync.Once
)

// Serif returns the metrics of the embedded serif (assets.FontFamily),
// parsed once per process.
func Serif() *Fonts {
	serifOnce.Do(func() {
		f := &Fonts{}
		for s := Roman; s <= BoldItalic; s++ {
			face, err := NewFace(assets.Font(s.FontStyle()))
			if err != nil {
				serifErr = fmt.Errorf("richtext: parsing the embedded font: %w", err)
				return
			}
			f.faces[s] = face
		}
		serif = f
	})
	if serifErr != nil {
		panic(serifErr) // the embedded fonts are part of the program
	}
	return serif
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

// Face returns the metrics of one style.
func (f *Fonts) Face(s Style) *Face { return f.faces[s&BoldItalic] }

// Has reports whether the style has a glyph for r. Runes above U+FFFF are
// never drawable: gofpdf's UTF-8 fonts index a 16-bit table and panic.
func (f *Fonts) Has(s Style, r rune) bool { return f.Face(s).Has(r) }

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

// Width measures s in style st at size points, in millimetres.
func (f *Fonts) Width(st Style, s string, size float64) float64 {
	return f.Face(st).Width(s, size)
}
