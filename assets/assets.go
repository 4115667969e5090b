// Package assets holds what companion ships inside its binary besides the
// bundled companion: the built-in curriculum frameworks, the label tables
// of each language, the fonts the PDF and EPUB embed and the site serves
// (Gentium Book Plus, and Atkinson Hyperlegible for the large-print PDFs;
// SIL Open Font License: fonts/README.md), and style sheets.
package assets

//go:generate go run gen_fonts.go

import (
	"embed"
	"io/fs"
)

//go:embed frameworks/*.yaml
var frameworks embed.FS

//go:embed labels/*.yaml
var labels embed.FS

// Labels returns the tables of the words companion prints, one flat YAML
// file per language named by its BCP 47 tag (en.yaml, en-GB.yaml, fr.yaml).
func Labels() fs.FS {
	sub, err := fs.Sub(labels, "labels")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}

// Frameworks returns the built-in curriculum frameworks, one YAML file each.
func Frameworks() fs.FS {
	sub, err := fs.Sub(frameworks, "frameworks")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}

// FontStyle names one of the four styles of the serif.
type FontStyle int

const (
	Regular FontStyle = iota
	Italic
	Bold
	BoldItalic
)

var (
	//go:embed fonts/GentiumBookPlus-Regular.ttf
	fontRegular []byte
	//go:embed fonts/GentiumBookPlus-Italic.ttf
	fontItalic []byte
	//go:embed fonts/GentiumBookPlus-Bold.ttf
	fontBold []byte
	//go:embed fonts/GentiumBookPlus-BoldItalic.ttf
	fontBoldItalic []byte
)

// Font returns the TrueType data of the serif in the given style. The
// bytes are shared: read them, never change them.
func Font(s FontStyle) []byte {
	switch s {
	case Italic:
		return fontItalic
	case Bold:
		return fontBold
	case BoldItalic:
		return fontBoldItalic
	}
	return fontRegular
}

// DeflatedFont is a font compressed with DEFLATE (level 6) at development
// time, ready to be copied into a zip as it is: File is its name
// (GentiumBookPlus-Regular.ttf), CRC32 and Size those of Font's bytes.
// Deflated is shared: read it, never change it.
type DeflatedFont struct {
	File     string
	Deflated []byte
	CRC32    uint32
	Size     int
}

// Deflated returns the serif in the given style, compressed.
func Deflated(s FontStyle) DeflatedFont {
	if s < Regular || s > BoldItalic {
		s = Regular // as Font does
	}
	return deflatedFonts[s]
}

var (
	//go:embed fonts/GentiumBookPlus-Regular.woff2
	webRegular []byte
	//go:embed fonts/GentiumBookPlus-Italic.woff2
	webItalic []byte
	//go:embed fonts/GentiumBookPlus-Bold.woff2
	webBold []byte
	//go:embed fonts/GentiumBookPlus-BoldItalic.woff2
	webBoldItalic []byte
	//go:embed fonts/OFL.txt
	fontLicence []byte
)

// WebFont is the serif in one style as its makers ship it for the web.
// Data is shared: read it, never change it.
type WebFont struct {
	File string // GentiumBookPlus-Regular.woff2
	Data []byte // WOFF2
}

// Web returns the serif in the given style as WOFF2, the files SIL
// International makes of the same release as Font's (fonts/README.md): a
// site serves them under the family's own name, which the licence allows
// only for the font unchanged, so they are neither re-encoded nor subset.
func Web(s FontStyle) WebFont {
	switch s {
	case Italic:
		return WebFont{"GentiumBookPlus-Italic.woff2", webItalic}
	case Bold:
		return WebFont{"GentiumBookPlus-Bold.woff2", webBold}
	case BoldItalic:
		return WebFont{"GentiumBookPlus-BoldItalic.woff2", webBoldItalic}
	}
	return WebFont{"GentiumBookPlus-Regular.woff2", webRegular}
}

// FontLicence is the serif's licence, the SIL Open Font License with its
// Reserved Font Names, which goes beside the fonts wherever they are
// served for download (a site), as the licence asks.
func FontLicence() []byte { return fontLicence }

// FontFamily is the family name of the serif, as CSS and PDF name it.
const FontFamily = "Gentium Book Plus"

var (
	//go:embed fonts/AtkinsonHyperlegible-Regular.ttf
	largeRegular []byte
	//go:embed fonts/AtkinsonHyperlegible-Italic.ttf
	largeItalic []byte
	//go:embed fonts/AtkinsonHyperlegible-Bold.ttf
	largeBold []byte
	//go:embed fonts/AtkinsonHyperlegible-BoldItalic.ttf
	largeBoldItalic []byte
)

// LargePrintFont returns the TrueType data of the large-print face in the
// given style: Atkinson Hyperlegible, drawn for readers with low vision.
// It covers Latin only; what it lacks is drawn in the serif (Font). The
// bytes are shared: read them, never change them.
func LargePrintFont(s FontStyle) []byte {
	switch s {
	case Italic:
		return largeItalic
	case Bold:
		return largeBold
	case BoldItalic:
		return largeBoldItalic
	}
	return largeRegular
}

// LargePrintFamily is the family name of the large-print face.
const LargePrintFamily = "Atkinson Hyperlegible"
