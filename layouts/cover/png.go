package cover

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
)

// PNG is the typographic cover as a picture, for reading systems that
// ignore an SVG cover: the same design as SVG, set in the serif the EPUB
// embeds, drawn in pure Go, so the same book gives the same bytes.
//
// A cover has two colours and the shades of ink the type's edges blend
// into paper, so it is written as a paletted PNG, a byte a pixel, which
// compresses in a fraction of the time an RGBA picture takes, with the
// same pixels.
func PNG(b *book.Book, teacher bool) ([]byte, error) {
	img, err := picture(b, teacher)
	if err != nil {
		return nil, err
	}
	var enc image.Image = img
	if p := paletted(img); p != nil {
		enc = p
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, enc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// picture draws the cover.
func picture(b *book.Book, teacher bool) (*image.RGBA, error) {
	d := layout(b, teacher)
	img := image.NewRGBA(image.Rect(0, 0, coverW, coverH))
	paper, ink := color.RGBA{0xf4, 0xef, 0xe4, 0xff}, color.RGBA{0x1f, 0x3a, 0x4d, 0xff}
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	frame := func(inset, width int) {
		outer := image.Rect(inset, inset, coverW-inset, coverH-inset)
		inner := outer.Inset(width)
		for _, r := range []image.Rectangle{
			{outer.Min, image.Pt(outer.Max.X, inner.Min.Y)}, {image.Pt(outer.Min.X, inner.Max.Y), outer.Max},
			{outer.Min, image.Pt(inner.Min.X, outer.Max.Y)}, {image.Pt(inner.Max.X, outer.Min.Y), outer.Max},
		} {
			draw.Draw(img, r, image.NewUniform(ink), image.Point{}, draw.Src)
		}
	}
	frame(29, 2)
	frame(40, 1)
	ry := int(math.Round(d.ruleY))
	draw.Draw(img, image.Rect(coverW/2-60, ry-1, coverW/2+60, ry+1), image.NewUniform(ink), image.Point{}, draw.Src)

	fonts := map[string]*opentype.Font{}
	for style, s := range map[string]assets.FontStyle{"": assets.Regular, "caps": assets.Regular, "italic": assets.Italic} {
		f, err := opentype.Parse(assets.Font(s))
		if err != nil {
			return nil, err
		}
		fonts[style] = f
	}
	for _, t := range d.lines {
		face, err := opentype.NewFace(fonts[t.style], &opentype.FaceOptions{Size: t.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		spacing := fixed.I(0)
		if t.style == "caps" {
			spacing = fixed.I(3)
		}
		width := font.MeasureString(face, t.s) + spacing*fixed.Int26_6(len([]rune(t.s))-1)
		dr := &font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: face,
			Dot: fixed.Point26_6{X: fixed.I(coverW/2) - width/2, Y: fixed.I(int(math.Round(t.y)))}}
		for _, r := range t.s {
			dr.DrawString(string(r))
			dr.Dot.X += spacing
		}
		face.Close()
	}
	return img, nil
}

// paletted is img with the same pixels as a paletted image, its colours in
// the order they first appear, or nil if it has more than a palette holds
// (type overlapping enough to blend shades of shades). img is a whole
// picture, its rows one after another (picture draws it).
func paletted(img *image.RGBA) *image.Paletted {
	p := image.NewPaletted(img.Bounds(), nil)
	index := map[uint32]uint8{}
	// A pixel is read as one word: the cover is mostly runs of paper and
	// ink, and a run costs a comparison a pixel.
	pix := img.Pix[:4*len(p.Pix)]
	var last uint32
	var lastIndex uint8
	for j := range p.Pix {
		c := binary.LittleEndian.Uint32(pix[4*j:])
		if c != last || j == 0 {
			k, ok := index[c]
			if !ok {
				if len(p.Palette) == 256 {
					return nil
				}
				k = uint8(len(p.Palette))
				index[c] = k
				p.Palette = append(p.Palette, color.RGBA{uint8(c), uint8(c >> 8), uint8(c >> 16), uint8(c >> 24)})
			}
			last, lastIndex = c, k
		}
		p.Pix[j] = lastIndex
	}
	return p
}
