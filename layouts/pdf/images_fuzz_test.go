package pdf

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
)

// FuzzImage feeds arbitrary PNG and JPEG files through the loader's check
// (measure against the budget, then decode in full) and, when it accepts
// them, the PDF's preparation (toPrint, and the padding of equal widths):
// whatever the bytes, an error, never a panic, a hang or gigabytes.
func FuzzImage(f *testing.F) {
	m := image.NewNRGBA(image.Rect(0, 0, 6, 4))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 37)
	}
	var p, j bytes.Buffer
	png.Encode(&p, m)
	jpeg.Encode(&j, m, nil)
	g16 := image.NewGray16(image.Rect(0, 0, 3, 3)) // 16-bit: re-encoded for gofpdf
	g16.Set(1, 1, color.Gray16{Y: 0x1234})
	var p16 bytes.Buffer
	png.Encode(&p16, g16)
	f.Add(p.Bytes(), false)
	f.Add(p16.Bytes(), false)
	f.Add(p.Bytes()[:p.Len()/2], false) // cut short
	f.Add(j.Bytes(), true)
	f.Add(j.Bytes()[:j.Len()-40], true)
	// A PNG header claiming 40000 × 40000 and a JPEG claiming 65500 × 65500.
	for _, bomb := range []struct {
		base64 string
		isJPEG bool
	}{
		{"iVBORw0KGgoAAAANSUhEUgAAnEAAAJxACAIAAADebplSAAAAAElFTkSuQmCC", false},
		{"/9j/4AAQSkZJRgABAQAAAQABAAD/wAALCP/c/9wBAREA", true},
	} {
		data, err := base64.StdEncoding.DecodeString(bomb.base64)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, bomb.isJPEG)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJPEG bool) {
		name := "images/a.png"
		if isJPEG {
			name = "images/a.jpg"
		}
		fsys := fstest.MapFS{
			"companion.yaml":  {Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n")},
			"references.yaml": {Data: []byte("- {id: w, type: book, title: W, issued: \"1900\"}\n")},
			"chapters/a.md":   {Data: []byte("---\ntitle: A\n---\n![A picture](" + name + ")\n")},
			name:              {Data: data},
		}
		b, d := book.Open(fsys, book.Options{Draft: true})
		img := b.Images[name]
		if d.HasErrors() || img == nil {
			return
		}
		if img.Width*img.Height > book.MaxImagePixels {
			t.Fatalf("%d × %d pixels passed the budget", img.Width, img.Height)
		}
		pi, err := toPrint(img, 170)
		if err != nil {
			return // the handout reports it
		}
		twin := *pi // an image of the same width, padded by distinctWidths
		distinctWidths([]*printImage{pi, &twin})
		if twin.px.X == pi.px.X {
			t.Errorf("two images kept the width %d", pi.px.X)
		}
	})
}
