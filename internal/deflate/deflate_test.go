package deflate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// inputs are what the outputs compress: nothing, a little text, a page of
// repetitive markup, and bytes that do not compress.
var inputs = map[string][]byte{
	"empty":  nil,
	"word":   []byte("BT /F1 12 Tf ET"),
	"markup": []byte(strings.Repeat(`<p class="cite">(Ishiguro 2005, p. 12)</p>`+"\n", 2000)),
	"noise": func() []byte {
		b := make([]byte, 1<<16)
		x := uint32(1)
		for i := range b {
			x = x*1664525 + 1013904223
			b[i] = byte(x >> 24)
		}
		return b
	}(),
}

// TestRoundTrip reads what Zlib and Raw write with the standard library's
// readers, as a PDF viewer and an unzipper would, and checks that the same
// input gives the same bytes twice, as a reproducible build needs.
func TestRoundTrip(t *testing.T) {
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			z := Zlib(in)
			zr, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatalf("zlib header: %v", err)
			}
			if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, in) {
				t.Fatalf("Zlib: read back %d bytes (%v), want the %d given", len(got), err, len(in))
			}
			if again := Zlib(in); !bytes.Equal(again, z) {
				t.Errorf("Zlib gave different bytes for the same input")
			}

			r := Raw(in)
			if got, err := io.ReadAll(flate.NewReader(bytes.NewReader(r))); err != nil || !bytes.Equal(got, in) {
				t.Fatalf("Raw: read back %d bytes (%v), want the %d given", len(got), err, len(in))
			}
			if again := Raw(in); !bytes.Equal(again, r) {
				t.Errorf("Raw gave different bytes for the same input")
			}
		})
	}
}

// TestZip writes an archive through Zip's compressor and reads it back:
// each entry's bytes are Raw's, so a zip entry deflated ahead (as the EPUB
// does its content documents) and one deflated by zip.Writer agree.
func TestZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	Zip(zw)
	names := []string{"empty", "word", "markup", "noise"}
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(inputs[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		packed, _ := io.ReadAll(raw)
		if want := Raw(inputs[names[i]]); !bytes.Equal(packed, want) {
			t.Errorf("%s: zip.Writer packed %d bytes, Raw %d", f.Name, len(packed), len(want))
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC too
		if err != nil || !bytes.Equal(got, inputs[names[i]]) {
			t.Errorf("%s: read back %d bytes (%v), want %d", f.Name, len(got), err, len(inputs[names[i]]))
		}
	}
}
