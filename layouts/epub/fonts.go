package epub

import (
	"strings"

	"github.com/companion-dev/companion/assets"
)

// fontStyles are the serif's four styles, embedded so the book looks the
// same as the PDF wherever the reader allows publisher fonts. The style
// sheet's @font-face rules name their files (assets.DeflatedFont.File).
var fontStyles = []assets.FontStyle{assets.Regular, assets.Italic, assets.Bold, assets.BoldItalic}

// fontsDir is where the fonts go, relative to the package document; the
// style sheet's @font-face rules name them there.
const fontsDir = "fonts"

// packedFile is a file normalize adds to the container as it is, already
// compressed.
type packedFile struct {
	Href      string // relative to the package document
	ID        string // manifest id
	MediaType string
	CRC32     uint32
	Size      uint64 // uncompressed
	Deflated  []byte
}

// packedFonts are the fonts as normalize adds them, compressed at
// development time (go generate ./assets): they are 1.8 MB, far more than
// the text of a book, and compressing them cost every process about 37 ms
// of CPU. They bypass go-epub, which would compress them again.
func packedFonts() []packedFile {
	out := make([]packedFile, len(fontStyles))
	for i, s := range fontStyles {
		f := assets.Deflated(s)
		out[i] = packedFile{Href: fontsDir + "/" + f.File, ID: "font-" + strings.TrimSuffix(f.File, ".ttf"),
			MediaType: "font/ttf", CRC32: f.CRC32, Size: uint64(f.Size), Deflated: f.Deflated}
	}
	return out
}
