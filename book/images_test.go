package book_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
)

func tinyPNG(t testing.TB) []byte { return encodePNG(t, 2, 2) }

func encodePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a PNG that claims w × h pixels of RGB and holds a valid start
// of their compressed data (64 kB, inflating to 64 MB).
func pngBomb(t testing.TB, w, h uint32) []byte {
	chunk := func(typ string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
		return b.Bytes()
	}
	var ihdr bytes.Buffer
	binary.Write(&ihdr, binary.BigEndian, [2]uint32{w, h})
	ihdr.Write([]byte{8, 2, 0, 0, 0})
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zeros := make([]byte, 1<<20)
	for z.Len() < 64<<10 {
		zw.Write(zeros)
	}
	zw.Close()
	out := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr.Bytes())...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}

// TestImageBudget: images are measured against the pixel budget from their
// headers, before anything is decoded, at the line that shows them. What
// a load allocates tells, without a clock, that nothing was decoded:
// decoding even the smallest claim refused here (7000 × 6000) would take
// 168 MB for its pixels alone, where the whole load takes a few.
func TestImageBudget(t *testing.T) {
	const maxLoadBytes = 32 << 20
	for _, tc := range []struct {
		name string
		data func(testing.TB) []byte
		want string
	}{
		{"widest allowed", func(t testing.TB) []byte { return encodePNG(t, book.MaxImageSide, 1) }, ""},
		{"one pixel too wide", func(t testing.TB) []byte { return encodePNG(t, book.MaxImageSide+1, 1) },
			"chapters/a.md:4:1: error: images/p.png is 20001 × 1 pixels; an image may have at most 40 million pixels, and 20,000 on a side"},
		{"too many pixels", func(t testing.TB) []byte { return pngBomb(t, 7000, 6000) },
			"chapters/a.md:4:1: error: images/p.png is 7000 × 6000 pixels"},
		{"decompression bomb", func(t testing.TB) []byte { return pngBomb(t, 40000, 40000) },
			"chapters/a.md:4:1: error: images/p.png is 40000 × 40000 pixels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := project(map[string]string{"chapters/a.md": "---\ntitle: A\n---\n![A picture](images/p.png)\n"})
			fsys["images/p.png"] = &fstest.MapFile{Data: tc.data(t)}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b, d := book.Open(fsys, book.Options{})
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > maxLoadBytes {
				t.Errorf("loading allocated %d MB, more than %d MB: was the image decoded?", n>>20, maxLoadBytes>>20)
			}
			if tc.want == "" {
				if d.HasErrors() || b.Images["images/p.png"] == nil {
					t.Fatalf("the image was refused: %s", d)
				}
				return
			}
			if !strings.Contains(d.Error(), tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, d)
			}
			if b.Images["images/p.png"] != nil {
				t.Error("the refused image is in the book")
			}
		})
	}
}
