package gofpdffont

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/phpdave11/gofpdf"

	"github.com/companion-dev/companion/internal/deflate"
)

// Embedding is a document whose fonts this package embeds, not gofpdf.
//
// gofpdf embeds each UTF-8 font as seven objects: the font, its CID font
// (with the widths of the characters drawn), a ToUnicode map, the CID
// system, the font descriptor, the CID-to-glyph map and the subset font
// file. It compresses the last two with a new standard-library zlib writer
// each, about a megabyte of tables a stream, and works out the widths
// with a copy of PHP's arrays: for the two documents that embed a packet's
// fonts, a fifth of the bytes a build allocates. An Embedding has gofpdf
// subset the font as before (its GenerateCutFont) and writes the same
// seven objects itself, the streams compressed by internal/deflate: the
// same glyphs, widths and text, in other compressed bytes
// (TestEmbeddingAsGofpdf).
//
// gofpdf writes a placeholder in place of each font (it is told the font
// is one of its core fonts as the document closes, so that it writes one
// object and no subset); Write puts the seven objects where it stands.
type Embedding struct {
	f     *gofpdf.Fpdf
	fonts []embedded
}

// embedded is one of a document's UTF-8 fonts, as it stood when the
// document closed.
type embedded struct {
	key  string // in the document's fonts
	name string // gofpdf's font name, "utf8" before it in the file
	desc gofpdf.FontDescType
	cw   []int         // the width of every character, by code
	used map[int]int   // the characters drawn
	file reflect.Value // the document's *utf8FontFile
}

// Embed makes f a document whose fonts are embedded by Write, which must
// be given the file f's Output writes. Like Unembed, it acts as gofpdf
// closes the document, in its last-page footer hook: it keeps the footer
// hook f has and calls it first, so set any hook of your own before, not
// after.
func Embed(f *gofpdf.Fpdf) *Embedding {
	e := &Embedding{f: f}
	atClose(f, e.takeFonts)
	return e
}

// takeFonts records the document's UTF-8 fonts and makes gofpdf take
// each for a core font, which it writes as one object of its own.
func (e *Embedding) takeFonts() {
	fonts := fontsOf(e.f)
	keys := fonts.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		def := reflect.New(fonts.Type().Elem()).Elem()
		def.Set(fonts.MapIndex(k))
		if def.FieldByName("Tp").String() != "UTF8" {
			continue
		}
		used := unexported(def.FieldByName("usedRunes")).Interface().(map[int]int)
		delete(used, 0) // as gofpdf does: no character is 0
		e.fonts = append(e.fonts, embedded{
			key:  k.String(),
			name: def.FieldByName("Name").String(),
			desc: def.FieldByName("Desc").Interface().(gofpdf.FontDescType),
			cw:   def.FieldByName("Cw").Interface().([]int),
			used: used,
			file: unexported(def.FieldByName("utf8File")),
		})
		def.FieldByName("Tp").SetString("Core")
		fonts.SetMapIndex(k, def)
	}
}

// Write is pdf, the file the Embedding's document wrote, with its fonts
// embedded: each placeholder gofpdf wrote replaced by the font's objects,
// the first under the placeholder's number (the one the resources name),
// the others numbered after gofpdf's last object, in the file where
// gofpdf would have written them.
func (e *Embedding) Write(pdf []byte) ([]byte, error) {
	if err := e.f.Error(); err != nil {
		return nil, err
	}
	offsets, tail, err := gofpdfXref(pdf)
	if err != nil {
		return nil, err
	}
	size := len(offsets) // objects 0 to size-1
	fonts := fontsOf(e.f)
	replace := map[int]*embedded{}
	for i := range e.fonts {
		ft := &e.fonts[i]
		n := int(fonts.MapIndex(reflect.ValueOf(ft.key)).FieldByName("N").Int())
		if n <= 0 || n >= size {
			return nil, fmt.Errorf("gofpdffont: gofpdf wrote no object for the font %s", ft.name)
		}
		replace[n] = ft
	}
	// The objects in the order they stand in the file: gofpdf writes the
	// resources (2) after the fonts, for one.
	order := make([]int, 0, size-1)
	for n := 1; n < size; n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	out := bytes.NewBuffer(make([]byte, 0, len(pdf)+len(e.fonts)<<17))
	out.Write(pdf[:offsets[order[0]]])
	newOffsets := make([]int, size, size+6*len(e.fonts))
	for i, n := range order {
		end := tail
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		newOffsets[n] = out.Len()
		ft, ok := replace[n]
		if !ok {
			out.Write(pdf[offsets[n]:end])
			continue
		}
		first := len(newOffsets)
		objs, err := ft.objects(n, first)
		if err != nil {
			return nil, err
		}
		out.Write(objs[0])
		for _, o := range objs[1:] {
			newOffsets = append(newOffsets, out.Len())
			out.Write(o)
		}
	}
	return appendXref(out, pdf[tail:], newOffsets)
}

// objects are the font's seven objects as gofpdf writes them, the font
// numbered n and the others from first on.
func (ft *embedded) objects(n, first int) ([][]byte, error) {
	cut := ft.file.MethodByName("GenerateCutFont").Call([]reflect.Value{reflect.ValueOf(ft.used)})[0].Bytes()
	if cut == nil {
		return nil, fmt.Errorf("gofpdffont: gofpdf could not subset the font %s", ft.name)
	}
	glyphs := ft.file.Elem().FieldByName("CodeSymbolDictionary").Interface().(map[int]int)
	lastRune := int(ft.file.Elem().FieldByName("LastRune").Int())
	cidFont, toUnicodeObj, cidInfo, descriptor, cidToGID, fontFile := first, first+1, first+2, first+3, first+4, first+5
	name := "utf8" + ft.name
	head := func(num int) []byte { return append(strconv.AppendInt(nil, int64(num), 10), " 0 obj\n"...) }
	var objs [][]byte

	o := head(n)
	o = fmt.Appendf(o, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj\n",
		name, cidFont, toUnicodeObj)
	objs = append(objs, o)

	o = head(cidFont)
	o = fmt.Appendf(o, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo %d 0 R\n/FontDescriptor %d 0 R\n",
		name, cidInfo, descriptor)
	if ft.desc.MissingWidth != 0 {
		o = fmt.Appendf(o, "/DW %d\n", ft.desc.MissingWidth)
	}
	o = append(ft.appendWidths(append(o, "/W ["...), lastRune), " ]\n"...)
	o = fmt.Appendf(o, "/CIDToGIDMap %d 0 R>>\nendobj\n", cidToGID)
	objs = append(objs, o)

	o = head(toUnicodeObj)
	o = fmt.Appendf(o, "<</Length %d>>\nstream\n%s\nendstream\nendobj\n", len(toUnicode), toUnicode)
	objs = append(objs, o)

	o = head(cidInfo)
	o = append(o, "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>\nendobj\n"...)
	objs = append(objs, o)

	d := ft.desc
	o = head(descriptor)
	o = fmt.Appendf(o, "<</Type /FontDescriptor /FontName /%s\n /Ascent %d /Descent %d /CapHeight %d /Flags %d/FontBBox [%d %d %d %d]  /ItalicAngle %d /StemV %d /MissingWidth %d/FontFile2 %d 0 R>>\nendobj\n",
		name, d.Ascent, d.Descent, d.CapHeight, (d.Flags|4)&^32, d.FontBBox.Xmin, d.FontBBox.Ymin, d.FontBBox.Xmax, d.FontBBox.Ymax,
		d.ItalicAngle, d.StemV, d.MissingWidth, fontFile)
	objs = append(objs, o)

	// Each character's glyph, two bytes a character up to U+FFFF: the
	// characters drawn, of which gofpdf knows no code above U+FFFF.
	gids := make([]byte, 256*256*2)
	for c, g := range glyphs {
		if c > 0 && c < 1<<16 {
			gids[c*2], gids[c*2+1] = byte(g>>8), byte(g)
		}
	}
	packed := deflate.Zlib(gids)
	o = head(cidToGID)
	o = fmt.Appendf(o, "<</Length %d/Filter /FlateDecode>>\nstream\n", len(packed))
	o = append(append(o, packed...), "\nendstream\nendobj\n"...)
	objs = append(objs, o)

	packed = deflate.Zlib(cut)
	o = head(fontFile)
	o = fmt.Appendf(o, "<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", len(packed), len(cut))
	o = append(append(o, packed...), "\nendstream\nendobj\n"...)
	objs = append(objs, o)
	return objs, nil
}

// appendWidths appends the /W array's entries: the width of every
// character up to lastRune that the font has a width for, the first 256
// always and the others if drawn, as gofpdf lists them (a width of 65535
// is 0), each run of consecutive characters as its first code and an
// array of their widths.
func (ft *embedded) appendWidths(b []byte, lastRune int) []byte {
	open := false
	prev := -2
	for cid := 1; cid <= lastRune && cid < len(ft.cw); cid++ {
		w := ft.cw[cid]
		if w == 0 {
			continue
		}
		if n, ok := ft.used[cid]; cid > 255 && (!ok || n == 0) {
			continue
		}
		if w == 65535 {
			w = 0
		}
		if cid != prev+1 {
			if open {
				b = append(b, " ]"...)
			}
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(cid), 10)
			b = append(b, " ["...)
			open = true
		}
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(w), 10)
		prev = cid
	}
	if open {
		b = append(b, " ]"...)
	}
	return b
}

// toUnicode is the ToUnicode map gofpdf gives every UTF-8 font: each code
// is its character.
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// gofpdfXref reads the cross-reference table of a file gofpdf wrote: the
// offset of each object (0 for object 0) and where the table begins.
func gofpdfXref(pdf []byte) (offsets []int, start int, err error) {
	start = bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	if start == 0 {
		return nil, 0, fmt.Errorf("gofpdffont: gofpdf's file has no cross-reference table")
	}
	rest := pdf[start+len("xref\n"):]
	line, rest, _ := bytes.Cut(rest, []byte("\n"))
	first, count, ok := bytes.Cut(line, []byte(" "))
	size, err := strconv.Atoi(string(count))
	if !ok || string(first) != "0" || err != nil || size < 1 {
		return nil, 0, fmt.Errorf("gofpdffont: gofpdf's cross-reference table starts %q", line)
	}
	const entry = len("0000000000 00000 n \n")
	if len(rest) < size*entry {
		return nil, 0, fmt.Errorf("gofpdffont: gofpdf's cross-reference table is cut short")
	}
	offsets = make([]int, size)
	for n := 1; n < size; n++ {
		e := rest[n*entry : (n+1)*entry]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || off <= 0 || off >= start {
			return nil, 0, fmt.Errorf("gofpdffont: gofpdf's cross-reference entry %q for object %d", e, n)
		}
		offsets[n] = off
	}
	return offsets, start, nil
}

// appendXref appends the cross-reference table of the objects at offsets
// and the trailer after gofpdf's table, its /Size made the objects'
// count.
func appendXref(out *bytes.Buffer, table []byte, offsets []int) ([]byte, error) {
	i := bytes.Index(table, []byte("\ntrailer\n"))
	j := bytes.Index(table, []byte("\nstartxref\n"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("gofpdffont: gofpdf's file has no trailer")
	}
	trailer := table[i+1 : j+1]
	sizeAt := bytes.Index(trailer, []byte("/Size "))
	if sizeAt < 0 {
		return nil, fmt.Errorf("gofpdffont: gofpdf's trailer has no /Size")
	}
	sizeEnd := sizeAt + bytes.IndexByte(trailer[sizeAt:], '\n')
	xref := out.Len()
	b := out.AvailableBuffer()
	b = append(b, "xref\n0 "...)
	b = strconv.AppendInt(b, int64(len(offsets)), 10)
	b = append(b, "\n0000000000 65535 f \n"...)
	for _, off := range offsets[1:] {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
	}
	b = append(b, trailer[:sizeAt]...)
	b = append(b, "/Size "...)
	b = strconv.AppendInt(b, int64(len(offsets)), 10)
	b = append(b, trailer[sizeEnd:]...)
	b = fmt.Appendf(b, "startxref\n%d\n%%%%EOF\n", xref)
	out.Write(b)
	return out.Bytes(), nil
}
