// Package assets holds what companion ships inside its binary besides the
// bundled companion: the built-in curriculum frameworks, the label tables
// of each language, the fonts the PDF and EPUB embed (Liberation Serif, SIL
// Open Font License), and style sheets.
package assets

//go:generate go run gen_fonts.go

import (
	"embed"
	"io/fs"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
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

// Font returns the TrueType data of the serif in the given style.
func Font(s FontStyle) []byte {
	switch s {
	case Italic:
		return liberationserifitalic.TTF
	case Bold:
		return liberationserifbold.TTF
	case BoldItalic:
		return liberationserifbolditalic.TTF
	}
	return liberationserifregular.TTF
}

// DeflatedFont is a font compressed with DEFLATE (level 6) at development
// time, ready to be copied into a zip as it is: File is its name
// (LiberationSerif-Regular.ttf), CRC32 and Size those of Font's bytes.
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

// FontFamily is the family name of the serif, as CSS and PDF name it.
const FontFamily = "Liberation Serif"
