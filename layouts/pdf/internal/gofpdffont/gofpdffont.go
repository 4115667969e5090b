// Package gofpdffont registers TrueType fonts in gofpdf documents from one
// parse per process, lets a document leave its fonts out of the file or
// have them embedded here rather than by gofpdf (Embed), and selects fonts
// and draws text as gofpdf does, at a fraction of its cost.
//
// gofpdf's AddUTF8FontFromBytes parses the whole font and hashes its
// 65,536 widths into the font's identifier for every document it is called
// on, and a document's Output subsets and compresses every font it
// registered. The handouts make many documents from the same four fonts,
// and most of them (the runs of a packet) have their fonts replaced by
// another document's. gofpdf offers neither a parsed font to share nor a
// document without fonts, so this package reaches into its private
// fields: it keeps the font definition AddUTF8FontFromBytes made for one
// throwaway document and gives every other document a copy, with its own
// record of the characters drawn and its own subsetting state, so each
// document still embeds its own subset and writes the bytes gofpdf would
// have written (TestSameBytesAsGofpdf).
//
// It is the one place that depends on gofpdf's private layout, and these
// are the private fields it reaches, all from this file: of gofpdf.Fpdf,
// fonts (the fonts registered: Parse reads the one it made, Add writes
// copies, Unembed empties it as the file is written), pages and
// buffer.Buffer (each page's content and the file's, which ReservePages
// and Unembed make room in), headerFnc, footerFnc and footerFncLpi (the
// hooks the document has, which ReservePages and Unembed keep and call),
// currentFont.usedRunes (the characters a subset holds, which Text
// records) and the state Select and Text read: fontFamily, fontStyle,
// fontSizePt, underline, strikeout, k, h, isCurrentUTF8, isRTL, colorFlag
// and color.text.str; of a font's definition, Tp, usedRunes and
// utf8File.fileReader.array (the parsed font and its data, copied per
// document), and for Embed its Name, Desc, Cw and N, its data's
// CodeSymbolDictionary and LastRune, and the data's GenerateCutFont method
// (embed.go). gofpdf v1.4.3 is pinned in go.mod: TestGofpdfVersion fails
// for any other version built, TestPrivateFields names any field above
// that moved or changed its type, and the byte-for-byte tests fail the
// moment a new gofpdf stops resetting what is copied.
package gofpdffont

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/phpdave11/gofpdf"
)

// Font is a TrueType font parsed once, for any number of documents.
type Font struct {
	key string        // gofpdf's name for it: family and style, as SetFont looks it up
	def reflect.Value // gofpdf's fontDefType, as AddUTF8FontFromBytes made it; never changed
}

// Parse parses ttf as gofpdf's AddUTF8FontFromBytes(family, style, ttf)
// would, once: family and style are what the documents' SetFont calls
// name ("" for regular, "B", "I", "BI"). ttf is never written to.
func Parse(family, style string, ttf []byte) (*Font, error) {
	donor := gofpdf.New("P", "mm", "A4", "")
	donor.AddUTF8FontFromBytes(family, style, ttf)
	if err := donor.Error(); err != nil {
		return nil, fmt.Errorf("gofpdffont: %s %s: %w", family, style, err)
	}
	fonts := fontsOf(donor)
	if fonts.Len() != 1 {
		// gofpdf prints a parse error rather than returning it.
		return nil, fmt.Errorf("gofpdffont: %s %s: gofpdf could not read the font", family, style)
	}
	key := fonts.MapKeys()[0]
	def := fonts.MapIndex(key)
	if tp := def.FieldByName("Tp").String(); tp != "UTF8" {
		return nil, fmt.Errorf("gofpdffont: %s %s: gofpdf made a %q font, not a UTF-8 one", family, style, tp)
	}
	return &Font{key: key.String(), def: def}, nil
}

// Add registers the fonts in f as AddUTF8FontFromBytes would have,
// without parsing them again. It is safe to call for many documents at
// once.
func Add(f *gofpdf.Fpdf, fonts ...*Font) {
	for _, ft := range fonts {
		ft.add(f, true)
	}
}

// AddUnembedded registers the fonts in f as Add does, for a document whose
// fonts Unembed leaves out of its file: it shares the font data, which
// only subsetting writes to, instead of copying it. Call Unembed on f
// before its Output.
func AddUnembedded(f *gofpdf.Fpdf, fonts ...*Font) {
	for _, ft := range fonts {
		ft.add(f, false)
	}
}

// Unembed leaves every font out of the file f's Output writes: no font
// objects, no subsetting, an empty /Font dictionary in the resources, and
// the same pages. gofpdf writes text as character codes, whatever subset
// a file holds, so another document's fonts can serve the pages. The
// fonts are left out as gofpdf closes the document, in its last-page
// footer hook, the one moment between the last page drawn and the file
// written: Unembed keeps the footer hook f has and calls it first, so set
// any hook of your own before, not after.
//
// In that moment the size of the file is known but for a few hundred
// bytes a page: Unembed makes room for it in gofpdf's buffer at once,
// which gofpdf would grow by doubling as it copies each page in, the
// buffers left behind being a tenth of the bytes the handouts allocate.
func Unembed(f *gofpdf.Fpdf) {
	atClose(f, func() {
		fontsOf(f).Clear()
		size := 0
		for _, p := range *at[[]*bytes.Buffer](f, pages) {
			if p != nil {
				size += p.Len() + pageObject
			}
		}
		output(f).Grow(size)
	})
}

// atClose runs do as gofpdf closes f, in its last-page footer hook, after
// the footer hook f has (set by SetFooterFunc or SetFooterFuncLpi), which
// it keeps.
func atClose(f *gofpdf.Fpdf, do func()) {
	footer := field[func()](f, "footerFnc")
	lpi := field[func(bool)](f, "footerFncLpi")
	f.SetFooterFuncLpi(func(lastPage bool) {
		if footer != nil {
			footer()
		} else if lpi != nil {
			lpi(lastPage)
		}
		if lastPage {
			do()
		}
	})
}

// ReservePages makes room in each page f begins after its second for as
// much content as the page before holds: gofpdf starts a page's content
// empty and grows it by doubling as it is drawn, and a page of text is
// tens of kilobytes, so each page left about as many bytes behind as it
// holds. The room is made as gofpdf begins a page, in its header hook:
// ReservePages keeps the hook f has and calls it after, so set any hook of
// your own before, not after.
func ReservePages(f *gofpdf.Fpdf) {
	header := field[func()](f, "headerFnc")
	f.SetHeaderFunc(func() {
		// 1-based: pages[0] is never drawn on.
		if ps := *at[[]*bytes.Buffer](f, pages); len(ps) > 2 {
			ps[len(ps)-1].Grow(ps[len(ps)-2].Len())
		}
		if header != nil {
			header()
		}
	})
}

// unrecorded is the key and value in a font's record of characters drawn
// (gofpdf's usedRunes) that says the document keeps no record: its fonts
// are left out of its file (AddUnembedded). No character is -1.
const unrecorded = -1

// pageObject is about what gofpdf writes for a page besides its content:
// the page's dictionary and the content stream's.
const pageObject = 256

// output is the buffer gofpdf writes f's file into.
func output(f *gofpdf.Fpdf) *bytes.Buffer {
	return (*bytes.Buffer)(unsafe.Add(unsafe.Pointer(f), buffer))
}

// add registers a copy of the font's definition in f, with its own
// record of the characters drawn and its own subsetting state.
func (ft *Font) add(f *gofpdf.Fpdf, ownData bool) {
	fonts := fontsOf(f)
	def := reflect.New(ft.def.Type()).Elem()
	def.Set(ft.def)
	// The characters drawn, which the document's subset holds: gofpdf
	// starts every font's record with the same range, which it then adds
	// to as the document draws. A document that subsets nothing has a
	// record that says so, for Text to leave alone.
	used := unexported(def.FieldByName("usedRunes")).Interface().(map[int]int)
	if ownData {
		used = maps.Clone(used)
	} else {
		used = map[int]int{unrecorded: unrecorded}
	}
	setUnexported(def.FieldByName("usedRunes"), reflect.ValueOf(used))
	// The parsed font. Subsetting (GenerateCutFont) resets every table and
	// map of it before filling them anew and reads the font data through a
	// position of its own: a copy of the struct and of that reader keep
	// documents subsetting at the same time apart.
	file := unexported(def.FieldByName("utf8File"))
	copied := reflect.New(file.Type().Elem())
	copied.Elem().Set(file.Elem())
	reader := unexported(copied.Elem().FieldByName("fileReader"))
	readerCopy := reflect.New(reader.Type().Elem())
	readerCopy.Elem().Set(reader.Elem())
	if ownData {
		// Subsetting pads tables in place, past their end: in the font
		// data itself, of which each document that subsets has a copy.
		data := unexported(readerCopy.Elem().FieldByName("array"))
		data.Set(reflect.ValueOf(bytes.Clone(data.Bytes())))
	}
	setUnexported(copied.Elem().FieldByName("fileReader"), readerCopy)
	setUnexported(def.FieldByName("utf8File"), copied)
	fonts.SetMapIndex(reflect.ValueOf(ft.key), def)
}

// Select makes family, style and size the current font of f, as
// f.SetFont does, and writes the selection into the page only if they are
// not the current font already. gofpdf writes a selection for every call,
// and a document that draws its text run by run calls it for every run:
// the selections were two fifths of the handouts' page content. The font
// state is the page's, whatever gofpdf draws (it begins each page by
// selecting the current font, and never selects one inside q and Q).
func Select(f *gofpdf.Fpdf, family, style string, size float64) {
	if *at[float64](f, fontSizePt) == size && *at[string](f, fontStyle) == style &&
		*at[string](f, fontFamily) == family && !*at[bool](f, underline) && !*at[bool](f, strikeout) {
		return
	}
	f.SetFont(family, style, size)
}

// Text draws s with its baseline's start at x, y in the current font, as
// f.Text(x, y, s) does, writing the same bytes into the page and
// recording the same characters for the font's subset. f.Text formats its
// operator with fmt and builds four strings on the way for every call, and
// the handouts call it for every run of text they draw: it was a seventh
// of drawing them. What the handouts never draw (a font gofpdf does not
// read as UTF-8, right-to-left text, underlined or struck-out text,
// coordinates that are not numbers) is left to f.Text.
func Text(f *gofpdf.Fpdf, x, y float64, s string) {
	k, h := *at[float64](f, scale), *at[float64](f, pageHeight)
	tx, ty := x*k, (h-y)*k
	if !*at[bool](f, isUTF8) || *at[bool](f, rtl) || *at[bool](f, underline) || *at[bool](f, strikeout) ||
		!finite(tx) || !finite(ty) {
		f.Text(x, y, s)
		return
	}
	var scratch [256]byte
	b := scratch[:0]
	colored := *at[bool](f, colorFlag)
	if colored {
		b = append(append(append(b, "q "...), *at[string](f, textColor)...), ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, tx, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, ty, 'f', 2, 64)
	b = append(b, " Td ("...)
	b = appendUTF16(b, s)
	b = append(b, ") Tj ET"...)
	if colored {
		b = append(b, " Q"...)
	}
	// A document whose fonts are left out subsets none: the record of
	// its characters would be a map assignment for every one drawn.
	if used := *at[map[int]int](f, usedRunes); used[unrecorded] != unrecorded {
		for _, r := range s {
			used[int(r)] = int(r)
		}
	}
	// RawWriteStr copies the text into the page before it returns.
	f.RawWriteStr(unsafe.String(unsafe.SliceData(b), len(b)))
}

// appendUTF16 appends s as gofpdf's Text writes it into a string operand:
// each character as two bytes of UTF-16BE, worked out from its UTF-8 as
// gofpdf's utf8toutf16 does (it knows no character beyond U+FFFF, nor
// does its subsetting), and then every backslash, parenthesis and
// carriage return byte escaped, as its escape does.
func appendUTF16(b []byte, s string) []byte {
	put := func(c byte) {
		switch c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	for i := 0; i < len(s); {
		c1 := s[i]
		i++
		switch {
		case c1 >= 224:
			c2, c3 := s[i], s[i+1]
			i += 2
			put(((c1 & 0x0F) << 4) + ((c2 & 0x3C) >> 2))
			put(((c2 & 0x03) << 6) + (c3 & 0x3F))
		case c1 >= 192:
			c2 := s[i]
			i++
			put((c1 & 0x1C) >> 2)
			put(((c1 & 0x03) << 6) + (c2 & 0x3F))
		default:
			put(0)
			put(c1)
		}
	}
	return b
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// The offsets of the fields of gofpdf.Fpdf that Select and Text read,
// found once.
var (
	fontFamily = offset[string]("fontFamily") // lower case, as SetFont stores it
	fontStyle  = offset[string]("fontStyle")  // upper case, without U or S
	fontSizePt = offset[float64]("fontSizePt")
	underline  = offset[bool]("underline")
	strikeout  = offset[bool]("strikeout")
	scale      = offset[float64]("k") // points in a user unit
	pageHeight = offset[float64]("h") // the current page's, in user units
	isUTF8     = offset[bool]("isCurrentUTF8")
	rtl        = offset[bool]("isRTL")
	colorFlag  = offset[bool]("colorFlag") // the text colour is not the fill colour
	textColor  = offset[string]("color", "text", "str")
	usedRunes  = offset[map[int]int]("currentFont", "usedRunes")
	pages      = offset[[]*bytes.Buffer]("pages") // 1-based
	buffer     = offset[bytes.Buffer]("buffer", "Buffer")
)

// offset is where the field of gofpdf.Fpdf at path (a field, then a field
// of that field's struct, and so on), of type T, lies in it.
func offset[T any](path ...string) uintptr {
	t, off := reflect.TypeFor[gofpdf.Fpdf](), uintptr(0)
	for i, name := range path {
		sf, ok := t.FieldByName(name)
		if !ok || len(sf.Index) != 1 || (i == len(path)-1 && sf.Type != reflect.TypeFor[T]()) {
			panic(fmt.Sprintf("gofpdffont: gofpdf.Fpdf no longer has a field %s of type %v", strings.Join(path, "."), reflect.TypeFor[T]()))
		}
		t, off = sf.Type, off+sf.Offset
		if i < len(path)-1 && t.Kind() != reflect.Struct {
			panic(fmt.Sprintf("gofpdffont: gofpdf.Fpdf's field %s is no longer a struct", strings.Join(path[:i+1], ".")))
		}
	}
	return off
}

// at is the field of f at offset off, of type T.
func at[T any](f *gofpdf.Fpdf, off uintptr) *T {
	return (*T)(unsafe.Add(unsafe.Pointer(f), off))
}

// field is the unexported field name of f, of type T.
func field[T any](f *gofpdf.Fpdf, name string) T {
	v := reflect.ValueOf(f).Elem().FieldByName(name)
	if !v.IsValid() || v.Type() != reflect.TypeFor[T]() {
		panic(fmt.Sprintf("gofpdffont: gofpdf.Fpdf no longer has a field %s of type %v", name, reflect.TypeFor[T]()))
	}
	return unexported(v).Interface().(T)
}

// fontsOf is the map of fonts f registered: map[string]fontDefType.
func fontsOf(f *gofpdf.Fpdf) reflect.Value {
	v := reflect.ValueOf(f).Elem().FieldByName("fonts")
	if !v.IsValid() || v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String {
		panic("gofpdffont: gofpdf.Fpdf no longer holds its fonts in a map named fonts")
	}
	m := unexported(v)
	if m.IsNil() {
		panic("gofpdffont: the gofpdf document has no font map: make it with gofpdf.New or NewCustom")
	}
	return m
}

// unexported is v, a field reached by reflection, made readable and
// settable.
func unexported(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		panic("gofpdffont: gofpdf no longer has a field this package reads")
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// setUnexported sets a field reached by reflection.
func setUnexported(field, x reflect.Value) {
	unexported(field).Set(x)
}
