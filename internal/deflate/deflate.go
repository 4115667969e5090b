// Package deflate is where the outputs choose how they compress: the PDF's
// FlateDecode streams, the EPUB's and the Common Cartridge's zip entries.
// Every writer compresses through it, so the compressor and its levels are
// decided here once.
//
// It uses github.com/klauspost/compress, whose DEFLATE is a drop-in for the
// standard library's and several times faster at an equal or better ratio
// (on the bundled companion's teacher PDF, uncompressed, level 2 takes a
// fifth of the time of compress/flate's level 1 and packs 11% smaller; on
// its EPUB's XHTML, level 6 takes a third of the time of compress/flate's
// level 5 for 2% more bytes). Its output, like the standard library's, depends only on the
// input, the level and the module's version, which go.mod pins: the same
// book gives the same bytes.
package deflate

import (
	"archive/zip"
	"bytes"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

const (
	// streamLevel is for what is compressed once and read by a program,
	// a PDF's page streams: the fastest of the compressor's levels.
	streamLevel = 2
	// archiveLevel is for the files of an archive a reader unpacks,
	// mostly text: as small as the standard library's default, faster.
	archiveLevel = 6
)

// Writers are reused: a new one costs more than compressing a page.
var (
	zlibWriters = sync.Pool{New: func() any {
		w, _ := zlib.NewWriterLevel(nil, streamLevel) // the level is valid
		return w
	}}
	flateWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, archiveLevel) // the level is valid
		return w
	}}
)

// Zlib returns data compressed in the zlib format, for a PDF stream with
// /Filter /FlateDecode.
func Zlib(data []byte) []byte {
	var out bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&out)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	zlibWriters.Put(w)
	return out.Bytes()
}

// Raw returns data compressed as raw DEFLATE, the bytes of a zip entry
// whose method is zip.Deflate.
func Raw(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data)/3 + 64)
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&out)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	flateWriters.Put(w)
	return out.Bytes()
}

// Zip makes zw compress its zip.Deflate entries here rather than with
// archive/zip's own compressor.
func Zip(zw *zip.Writer) {
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fw := flateWriters.Get().(*flate.Writer)
		fw.Reset(w)
		return &pooled{fw}, nil
	})
}

// pooled gives its writer back to the pool when closed.
type pooled struct{ *flate.Writer }

func (p *pooled) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	p.Writer = nil
	return err
}
