package gofpdffont

import (
	"bytes"
	"io"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/phpdave11/gofpdf"

	"github.com/companion-dev/companion/assets"
)

// styles are the fonts the tests register: family, gofpdf style, data.
var styles = []struct {
	style string
	ttf   []byte
}{
	{"", assets.Font(assets.Regular)},
	{"I", assets.Font(assets.Italic)},
}

// draw writes a page of text in each style, some of it outside Latin-1, so
// that every font is subset to characters of its own.
func draw(f *gofpdf.Fpdf, text string) []byte {
	f.SetCompression(false)
	f.AddPage()
	for i, s := range styles {
		f.SetFont("serif", s.style, 12)
		f.Text(20, 20+float64(i)*10, text)
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		panic(err)
	}
	return out.Bytes()
}

func newDoc() *gofpdf.Fpdf {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(gofpdfEpoch)
	f.SetModificationDate(gofpdfEpoch)
	return f
}

// parsedStyles is every style's font parsed, in the order of styles.
func parsedStyles(t *testing.T) []*Font {
	t.Helper()
	var fonts []*Font
	for _, s := range styles {
		ft, err := Parse("serif", s.style, s.ttf)
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, ft)
	}
	return fonts
}

// regular is the regular style parsed.
func regular(t *testing.T) *Font {
	t.Helper()
	ft, err := Parse("serif", "", assets.Font(assets.Regular))
	if err != nil {
		t.Fatal(err)
	}
	return ft
}

// gofpdfEpoch keeps the clock out of the files compared.
var gofpdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// TestSameBytesAsGofpdf: documents given the fonts parsed once write the
// file gofpdf writes when each registers them itself, subsets and all,
// even when they draw different text at the same time.
func TestSameBytesAsGofpdf(t *testing.T) {
	fonts := parsedStyles(t)
	texts := []string{"Kathy H. — “Hailsham”", "Ἀχιλλεύς, Пушкин, Adébáyọ̀", "Tommy"}
	want := make([][]byte, len(texts))
	for i, text := range texts {
		f := newDoc()
		for _, s := range styles {
			f.AddUTF8FontFromBytes("serif", s.style, s.ttf)
		}
		want[i] = draw(f, text)
	}
	got := make([][]byte, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		wg.Go(func() {
			f := newDoc()
			Add(f, fonts...)
			got[i] = draw(f, text)
		})
	}
	wg.Wait()
	for i := range texts {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%q: the document with the shared fonts (%d bytes) differs from gofpdf's own (%d bytes)", texts[i], len(got[i]), len(want[i]))
		}
	}
	if bytes.Equal(want[0], want[1]) {
		t.Fatal("the documents of different text are the same: the test compares nothing")
	}
}

// TestUnembed: a document whose fonts are left out writes no font, and
// the same page content as one that embeds them, drawn by gofpdf's Text
// or this package's, which keeps no record of its characters; the footer
// hook it had still runs on every page.
func TestUnembed(t *testing.T) {
	ft := regular(t)
	content := func(unembed bool) (string, string) {
		f := newDoc()
		if unembed {
			AddUnembedded(f, ft)
		} else {
			Add(f, ft)
		}
		f.SetFooterFunc(func() { f.RawWriteStr("% footer\n") })
		if unembed {
			Unembed(f)
		}
		f.SetCompression(false)
		f.AddPage()
		f.SetFont("serif", "", 12)
		f.Text(20, 20, "Ruth")
		f.AddPage()
		Text(f, 20, 20, "Madame")
		if _, ok := (*at[map[int]int](f, usedRunes))['M']; ok == unembed {
			t.Errorf("Text recorded the M drawn: %v, in the document that embeds its fonts: %v", ok, !unembed)
		}
		var out bytes.Buffer
		if err := f.Output(&out); err != nil {
			t.Fatal(err)
		}
		pdf := out.String()
		// gofpdf writes the pages' contents first, from object 3 on, and
		// then the resources.
		start, end := strings.Index(pdf, "3 0 obj"), strings.Index(pdf, "/Type /Pages")
		if start < 0 || end < start {
			t.Fatalf("no page contents found in\n%s", pdf)
		}
		return pdf, pdf[start:end]
	}
	embedded, pages := content(false)
	unembedded, unembeddedPages := content(true)
	if unembeddedPages != pages {
		t.Errorf("the pages differ:\n%s\nwant\n%s", unembeddedPages, pages)
	}
	if n := strings.Count(pages, "% footer"); n != 2 {
		t.Errorf("the footer hook ran on %d pages, want 2", n)
	}
	for _, s := range []string{"/FontFile2", "/Type /Font"} {
		if !strings.Contains(embedded, s) {
			t.Fatalf("the document with fonts lacks %s: the test checks nothing", s)
		}
		if strings.Contains(unembedded, s) {
			t.Errorf("the document without fonts has %s", s)
		}
	}
}

// TestParseError: data gofpdf cannot read is an error, not a document
// without the font.
func TestParseError(t *testing.T) {
	// gofpdf prints the error it meets rather than returning it.
	stdout := os.Stdout
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = w
	_, err = Parse("serif", "", []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"))
	os.Stdout = stdout
	w.Close()
	printed, _ := io.ReadAll(r)
	if err == nil {
		t.Fatal("Parse of an OpenType CFF font returned no error")
	}
	if !strings.Contains(err.Error(), "could not read") {
		t.Errorf("error %q does not say the font could not be read", err)
	}
	t.Logf("gofpdf printed %q", printed)
}

// TestSelect: a font is selected in the page only when it changes, and
// where gofpdf begins a page.
func TestSelect(t *testing.T) {
	fonts := parsedStyles(t)
	f := newDoc()
	Add(f, fonts...)
	f.SetCompression(false)
	f.AddPage()
	for _, sel := range []struct {
		style string
		size  float64
	}{{"", 12}, {"", 12}, {"I", 12}, {"I", 12}, {"", 10}} {
		Select(f, "serif", sel.style, sel.size)
		f.Text(20, 20, "Tommy")
	}
	f.AddPage() // gofpdf selects the current font on the new page
	Select(f, "serif", "", 10)
	f.Text(20, 20, "Ruth")
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	pdf := out.String()
	// gofpdf selects the current font twice as it begins a page, before
	// and after its header hook.
	if n := strings.Count(pdf, " Tf ET"); n != 5 {
		t.Errorf("%d font selections, want 5: regular, italic and regular 10 pt on the first page, and gofpdf's two beginning the second", n)
	}
	if n := strings.Count(pdf, "Tj ET"); n != 6 {
		t.Errorf("%d texts drawn, want 6", n)
	}
}

// TestTextSameBytesAsGofpdf: Text writes the file gofpdf's own Text
// writes, page content and font subsets alike, for what the operator
// escapes (parentheses, backslashes and carriage returns, as characters
// and as bytes of other characters' UTF-16: U+2829, U+285C, U+0D0D), text
// of one to three UTF-8 bytes a character (gofpdf subsets no font with a
// character beyond), text in a colour other than the fill's, and what it
// leaves to gofpdf (underlined and right-to-left text).
func TestTextSameBytesAsGofpdf(t *testing.T) {
	fonts := parsedStyles(t)
	texts := []string{
		"Tommy", "", "(p. 12) \\ back\rslash", "\u2829\u285C\u0D0D",
		"Kathy H. — “Hailsham”, Adébáyọ̀", "Пушкин 日本 ﬁ",
	}
	type place struct{ x, y float64 }
	places := []place{{20, 20}, {0, 0}, {-3.125, 297.005}, {12.3456789, 1e-9}, {210.004999, 148.5}}
	draw := func(text func(f *gofpdf.Fpdf, x, y float64, s string)) []byte {
		f := newDoc()
		Add(f, fonts...)
		f.SetCompression(false)
		f.AddPage()
		for i, s := range texts {
			f.SetFont("serif", styles[i%len(styles)].style, 12)
			switch i % 3 {
			case 1:
				f.SetTextColor(51, 102, 153) // not the fill colour
			case 2:
				f.SetTextColor(0, 0, 0)
			}
			for _, p := range places {
				text(f, p.x, p.y, s)
			}
		}
		f.SetFont("serif", "U", 12) // underlined: gofpdf's own
		text(f, 30, 40, "Ruth")
		f.SetFont("serif", "", 12)
		f.RTL()
		text(f, 30, 50, "Madame")
		f.LTR()
		var out bytes.Buffer
		if err := f.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	want := draw((*gofpdf.Fpdf).Text)
	got := draw(Text)
	if !bytes.Equal(got, want) {
		g, w := string(got), string(want)
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("Text's file (%d bytes) differs from gofpdf's (%d bytes) at byte %d:\n%q\nwant\n%q",
			len(got), len(want), i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
	}
	if n := strings.Count(string(got), ") Tj ET"); n != len(texts)*len(places)+2 {
		t.Errorf("%d texts drawn, want %d: the test compares less than it says", n, len(texts)*len(places)+2)
	}
	if !strings.Contains(string(got), "q 0.200 0.400 0.600 rg BT") {
		t.Error("no text drawn in its own colour: the test compares less than it says")
	}
}

// TestReservePages: a page begins with room for as much as the page
// before it holds, the header hook the document had still runs on each
// page, and the pages are what they would be without the room made.
func TestReservePages(t *testing.T) {
	ft := regular(t)
	draw := func(reserve bool) (string, int) {
		f := newDoc()
		Add(f, ft)
		f.SetCompression(false)
		f.SetHeaderFunc(func() { f.RawWriteStr("% header") })
		if reserve {
			ReservePages(f)
		}
		room := 0
		for range 3 {
			f.AddPage()
			if ps := *at[[]*bytes.Buffer](f, pages); len(ps) > 2 {
				room = ps[len(ps)-1].Cap() - ps[len(ps)-2].Len()
			}
			f.SetFont("serif", "", 12)
			for i := range 200 {
				Text(f, 20, float64(i), "Kathy and Tommy at the Cottages")
			}
		}
		var out bytes.Buffer
		if err := f.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.String(), room
	}
	want, _ := draw(false)
	got, room := draw(true)
	if got != want {
		t.Error("the file with room made differs from gofpdf's own")
	}
	if room < 0 {
		t.Errorf("the third page began with %d bytes less room than the second holds", -room)
	}
	if n := strings.Count(got, "% header"); n != 3 {
		t.Errorf("the header hook ran on %d pages, want 3", n)
	}
}

// TestGofpdfVersion: the gofpdf built into the program is the version
// whose private fields this package was written against (the package
// doc lists them), pinned in go.mod. A new gofpdf may move, rename or
// retype any of them, or change what its own code does with them: read
// its source for each before changing the pin and this version, and run
// these tests, which compare every file with gofpdf's own.
func TestGofpdfVersion(t *testing.T) {
	const checked = "v1.4.3"
	fn := runtime.FuncForPC(reflect.ValueOf(gofpdf.New).Pointer())
	file, _ := fn.FileLine(fn.Entry())
	// The module cache's folder, or with -trimpath the module's path,
	// is named module@version.
	_, after, ok := strings.Cut(file, "github.com/phpdave11/gofpdf@")
	if !ok {
		t.Fatalf("gofpdf is built from %s, not a module of a known version", file)
	}
	if version, _, _ := strings.Cut(after, "/"); version != checked {
		t.Errorf("gofpdf %s is built; gofpdffont reaches into the private fields of %s", version, checked)
	}
}

// TestPrivateFields: every private field of gofpdf that the package reads
// or writes, by its path from gofpdf.Fpdf, is there with the type it is
// used as, so that a gofpdf that moved one fails here by name rather than
// in a panic or a wrong file.
func TestPrivateFields(t *testing.T) {
	for _, c := range []struct{ path, typ string }{
		{"fonts", "map[string]gofpdf.fontDefType"},
		{"currentFont.Tp", "string"},
		{"currentFont.usedRunes", "map[int]int"},
		{"currentFont.utf8File", "*gofpdf.utf8FontFile"},
		{"currentFont.utf8File.fileReader", "*gofpdf.fileReader"},
		{"currentFont.utf8File.fileReader.array", "[]uint8"},
		{"currentFont.utf8File.CodeSymbolDictionary", "map[int]int"},
		{"currentFont.utf8File.LastRune", "int"},
		{"currentFont.Name", "string"},
		{"currentFont.Desc", "gofpdf.FontDescType"},
		{"currentFont.Cw", "[]int"},
		{"currentFont.N", "int"},
		{"pages", "[]*bytes.Buffer"},
		{"buffer.Buffer", "bytes.Buffer"},
		{"headerFnc", "func()"},
		{"footerFnc", "func()"},
		{"footerFncLpi", "func(bool)"},
		{"fontFamily", "string"},
		{"fontStyle", "string"},
		{"fontSizePt", "float64"},
		{"underline", "bool"},
		{"strikeout", "bool"},
		{"k", "float64"},
		{"h", "float64"},
		{"isCurrentUTF8", "bool"},
		{"isRTL", "bool"},
		{"colorFlag", "bool"},
		{"color.text.str", "string"},
	} {
		typ := reflect.TypeFor[gofpdf.Fpdf]()
		for _, name := range strings.Split(c.path, ".") {
			if typ.Kind() == reflect.Pointer {
				typ = typ.Elem()
			}
			f, ok := typ.FieldByName(name)
			if typ.Kind() != reflect.Struct || !ok {
				t.Errorf("gofpdf.Fpdf has no field %s", c.path)
				typ = nil
				break
			}
			typ = f.Type
		}
		if typ != nil && typ.String() != c.typ {
			t.Errorf("gofpdf.Fpdf's field %s is a %s, not a %s", c.path, typ, c.typ)
		}
	}
	// The method Embedding calls on a font's data.
	m, ok := reflect.TypeFor[gofpdf.Fpdf]().FieldByName("currentFont")
	if ok {
		if f, ok := m.Type.FieldByName("utf8File"); ok {
			cut, ok := f.Type.MethodByName("GenerateCutFont")
			if want := "func(*gofpdf.utf8FontFile, map[int]int) []uint8"; !ok || cut.Type.String() != want {
				t.Errorf("gofpdf's font data has no method GenerateCutFont of type %s", want)
			}
		}
	}
}
