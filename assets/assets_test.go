package assets

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strings"
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

// Each style's web font is a WOFF2 file of its own, named as its TrueType
// file is, and the licence that goes with them names the family's
// Reserved Font Names.
func TestWebFonts(t *testing.T) {
	files := map[string]bool{}
	for _, s := range []FontStyle{Regular, Italic, Bold, BoldItalic} {
		f := Web(s)
		if want := strings.TrimSuffix(Deflated(s).File, ".ttf") + ".woff2"; f.File != want {
			t.Errorf("style %d: %s, want %s", s, f.File, want)
		}
		if !bytes.HasPrefix(f.Data, []byte("wOF2")) {
			t.Errorf("%s is not WOFF2: it opens with %q", f.File, f.Data[:min(4, len(f.Data))])
		}
		files[f.File] = true
	}
	if len(files) != 4 {
		t.Errorf("%d web font files for 4 styles: %v", len(files), files)
	}
	if !bytes.Contains(FontLicence(), []byte(`Reserved Font Names "Gentium" and "SIL"`)) {
		t.Error("the font licence does not name Gentium's Reserved Font Names")
	}
}
