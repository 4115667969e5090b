package book

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // register the decoders
	_ "image/png"
	"math"
	"path"
	"strings"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/book/svg"
)

// images resolves every image a piece of Markdown shows to its project
// path, and loads it.
func (l *loader) images(m *Markdown) {
	for _, img := range m.Doc.Images() {
		pos := m.NodePos(img)
		if p, ok := l.projectPath(img.Dest, pos, "image"); ok {
			img.Path = p
			l.image(p, pos)
		}
	}
}

// Images are measured (from their headers) as soon as they are read, and
// refused beyond this budget before anything decodes them: a PNG of a few
// megabytes can claim 40,000 × 40,000 pixels, a JPEG of 200 bytes
// 65,500 × 65,500. The budget is what print needs with room to spare: an
// A4 page at 600 dpi is 4,961 × 7,016 pixels, 35 million.
const (
	MaxImagePixels = 40_000_000
	MaxImageSide   = 20_000
)

// image reads an image file once, checks that it is what its name says,
// and measures it; verifyImages then reads it in full. A file that failed
// is reported where it is first shown, and not again for each later use
// (a cover that is also a chapter's figure): one mistake, one message.
func (l *loader) image(p string, pos diag.Pos) *Image {
	if img, ok := l.book.Images[p]; ok {
		return img
	}
	if l.badImages[p] {
		return nil
	}
	img := l.readImage(p, pos)
	if img == nil {
		if l.badImages == nil {
			l.badImages = map[string]bool{}
		}
		l.badImages[p] = true
	}
	return img
}

func (l *loader) readImage(p string, pos diag.Pos) *Image {
	data, ok := l.readFile(p, pos)
	if !ok {
		return nil
	}
	img := &Image{Path: p, Data: data}
	ext := strings.ToLower(path.Ext(p))
	switch ext {
	case ".png", ".jpg", ".jpeg":
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		want := map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}[ext]
		switch {
		case format != want:
			l.diags.Errorf(pos, "%s is not a %s image", p, strings.ToUpper(want))
			l.diags.Hintf("save the picture as PNG, JPEG or SVG, with the matching extension")
			return nil
		case err != nil:
			damaged(&l.diags, pos, p, err)
			return nil
		}
		if cfg.Width > MaxImageSide || cfg.Height > MaxImageSide || cfg.Width*cfg.Height > MaxImagePixels {
			l.diags.Errorf(pos, "%s is %d × %d pixels; an image may have at most %d million pixels, and %d,%03d on a side",
				p, cfg.Width, cfg.Height, MaxImagePixels/1_000_000, MaxImageSide/1000, MaxImageSide%1000)
			l.diags.Hintf("scale it down in an image editor: 300 dpi across a page is about 2,500 pixels wide")
			return nil
		}
		img.MediaType, img.Width, img.Height = "image/"+format, cfg.Width, cfg.Height
	case ".svg":
		img.MediaType = "image/svg+xml" // measured by verifyImages
	default:
		l.diags.Errorf(pos, "image %s is not PNG, JPEG or SVG", p)
		l.diags.Hintf("convert it to PNG (photos: JPEG; drawings: SVG)")
		return nil
	}
	l.book.Images[p] = img
	l.unverified = append(l.unverified, shownImage{img, pos})
	return img
}

// shownImage is an image and where it is first shown.
type shownImage struct {
	img *Image
	pos diag.Pos
}

// verifyImages reads every image in full, on all cores, so that a damaged
// one (a PNG cut short, a JPEG without its picture data, an SVG broken
// half way) is an error where it is shown rather than a blank in the
// outputs. An image with errors leaves the book.
func (l *loader) verifyImages() {
	found := make([]diag.List, len(l.unverified))
	parallel.ForEach(context.Background(), len(l.unverified), func(i int) error {
		found[i] = l.unverified[i].verify()
		return nil
	})
	for i, u := range l.unverified {
		l.diags.Append(found[i])
		if found[i].HasErrors() {
			delete(l.book.Images, u.img.Path)
			if l.book.Cover == u.img {
				l.book.Cover = nil
			}
		}
	}
	l.unverified = nil
}

func (u shownImage) verify() diag.List {
	img := u.img
	var d diag.List
	if img.MediaType == "image/svg+xml" {
		s, found := svg.Read(img.Path, img.Data)
		if s != nil {
			img.SVG, img.Data = s, s.Data
			img.Width, img.Height = int(math.Round(s.Width)), int(math.Round(s.Height))
		}
		return found
	}
	// The header passed the pixel budget, so decoding is bounded.
	if _, _, err := image.Decode(bytes.NewReader(img.Data)); err != nil {
		damaged(&d, u.pos, img.Path, err)
	}
	return d
}

func damaged(d *diag.List, pos diag.Pos, p string, err error) {
	d.Errorf(pos, "%s is damaged: %v", p, err)
	d.Hintf("open it in an image editor and save it again, or copy it again from where it came from")
}
