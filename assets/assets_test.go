package assets

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"testing"
)

// The fonts compressed by go generate are the fonts: this fails when the
// font module is upgraded and `go generate ./assets` was not run.
func TestDeflatedFontsMatch(t *testing.T) {
	files := map[string]bool{}
	for _, s := range []FontStyle{Regular, Italic, Bold, BoldItalic} {
		f := Deflated(s)
		font := Font(s)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(f.Deflated)))
		if err != nil {
			t.Fatalf("%s: %v", f.File, err)
		}
		if !bytes.Equal(got, font) {
			t.Errorf("%s: the compressed font inflates to %d bytes that are not the %d of style %d; run go generate ./assets", f.File, len(got), len(font), s)
		}
		if f.CRC32 != crc32.ChecksumIEEE(font) || f.Size != len(font) {
			t.Errorf("%s: CRC-32 %#x and size %d, not the font's %#x and %d; run go generate ./assets", f.File, f.CRC32, f.Size, crc32.ChecksumIEEE(font), len(font))
		}
		files[f.File] = true
	}
	if len(files) != 4 {
		t.Errorf("%d font files for 4 styles: %v", len(files), files)
	}
}
