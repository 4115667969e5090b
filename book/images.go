package book

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/jpeg" // register decoders for DecodeConfig
	_ "image/png"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book/diag"
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

// image reads an image file once and checks that it is what it claims.
func (l *loader) image(p string, pos diag.Pos) *Image {
	if img, ok := l.book.Images[p]; ok {
		return img
	}
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
		if err != nil || format != want {
			l.diags.Errorf(pos, "%s is not a %s image", p, strings.ToUpper(want))
			l.diags.Hintf("save the picture as PNG, JPEG or SVG, with the matching extension")
			return nil
		}
		img.MediaType, img.Width, img.Height = "image/"+format, cfg.Width, cfg.Height
	case ".svg":
		w, h, ok := svgSize(data)
		if !ok {
			l.diags.Errorf(pos, "%s is not an SVG image", p)
			l.diags.Hintf("an SVG file is XML whose root element is <svg>")
			return nil
		}
		img.MediaType, img.Width, img.Height = "image/svg+xml", w, h
	default:
		l.diags.Errorf(pos, "image %s is not PNG, JPEG or SVG", p)
		l.diags.Hintf("convert it to PNG (photos: JPEG; drawings: SVG)")
		return nil
	}
	l.book.Images[p] = img
	return img
}

// svgSize checks that data is an SVG document and returns its size from
// width/height or the viewBox.
func svgSize(data []byte) (w, h int, ok bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return 0, 0, false
		}
		se, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if se.Name.Local != "svg" {
			return 0, 0, false
		}
		var vb []string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				vb = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w == 0 || h == 0) && len(vb) == 4 {
			w, h = svgLength(vb[2]), svgLength(vb[3])
		}
		return w, h, true
	}
}

func svgLength(s string) int {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0
	}
	return int(f + 0.5)
}
