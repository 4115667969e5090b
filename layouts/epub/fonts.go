package epub

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"sync"

	"github.com/companion-dev/companion/assets"
)

// fonts are the serif's four styles, embedded so the book looks the same
// as the PDF wherever the reader allows publisher fonts.
var fonts = []struct {
	name  string
	style assets.FontStyle
}{
	{"LiberationSerif-Regular.ttf", assets.Regular},
	{"LiberationSerif-Italic.ttf", assets.Italic},
	{"LiberationSerif-Bold.ttf", assets.Bold},
	{"LiberationSerif-BoldItalic.ttf", assets.BoldItalic},
}

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

// packedFonts are the fonts, compressed once per process. They are 1.6 MB,
// far more than the text of a book, and go-epub would compress them again
// for every edition of every build, through files in a temporary folder;
// so they bypass go-epub and normalize puts them in the container.
var packedFonts = sync.OnceValue(func() []packedFile {
	out := make([]packedFile, len(fonts))
	var wg sync.WaitGroup
	for i, f := range fonts {
		wg.Go(func() {
			data := assets.Font(f.style)
			var buf bytes.Buffer
			zw, _ := flate.NewWriter(&buf, flate.DefaultCompression) // the level is valid
			zw.Write(data)                                           // a bytes.Buffer does not fail
			zw.Close()
			out[i] = packedFile{Href: fontsDir + "/" + f.name, ID: "font-" + f.name[:len(f.name)-len(".ttf")],
				MediaType: "font/ttf", CRC32: crc32.ChecksumIEEE(data), Size: uint64(len(data)), Deflated: buf.Bytes()}
		})
	}
	wg.Wait()
	return out
})
