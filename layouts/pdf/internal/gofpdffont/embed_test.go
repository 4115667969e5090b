package gofpdffont

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// TestEmbeddingAsGofpdf: a document whose fonts an Embedding embeds holds
// what gofpdf's own embedding holds, read as a reader reads it: the same
// pages, and for every font the same dictionaries, the same widths of the
// same characters, the same ToUnicode map and, decompressed, the same
// CID-to-glyph map and the same subset font, under the same object
// numbers where the pages and resources refer to them; even when the
// documents draw different text at the same time.
func TestEmbeddingAsGofpdf(t *testing.T) {
	fonts := parsedStyles(t)
	texts := []string{"Kathy H. — “Hailsham”", "Ἀχιλλεύς, Пушкин, Adébáyọ̀ 0123456789", "Tommy"}
	want := make([]string, len(texts))
	for i, text := range texts {
		f := newDoc()
		Add(f, fonts...)
		want[i] = readAs(t, draw(f, text))
	}
	got := make([]string, len(texts))
	files := make([][]byte, len(texts))
	var wg sync.WaitGroup
	errs := make([]error, len(texts))
	for i, text := range texts {
		wg.Go(func() {
			f := newDoc()
			Add(f, fonts...)
			e := Embed(f)
			files[i], errs[i] = e.Write(draw(f, text))
		})
	}
	wg.Wait()
	for i := range texts {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		got[i] = readAs(t, files[i])
	}
	for i := range texts {
		if got[i] != want[i] {
			t.Errorf("%q: the embedded fonts read\n%s\nwant gofpdf's\n%s", texts[i], got[i], want[i])
		}
		if strings.Count(got[i], "/FontFile2") != len(styles) {
			t.Errorf("%q: %d fonts embedded, want %d", texts[i], strings.Count(got[i], "/FontFile2"), len(styles))
		}
	}
	if want[0] == want[1] {
		t.Fatal("the documents of different text read the same: the test compares nothing")
	}
}

// TestEmbeddingKeepsHooks: the footer hook a document had still runs on
// every page, the last included, before the fonts are taken.
func TestEmbeddingKeepsHooks(t *testing.T) {
	f := newDoc()
	Add(f, regular(t))
	var calls []bool
	f.SetFooterFuncLpi(func(last bool) { calls = append(calls, last) })
	e := Embed(f)
	f.SetCompression(false)
	for range 2 {
		f.AddPage()
		f.SetFont("serif", "", 12)
		f.Text(20, 20, "Ruth")
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Write(out.Bytes()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(calls, []bool{false, true}) {
		t.Errorf("the footer hook ran for %v, want [false true]", calls)
	}
}

// TestEmbeddingRefusesOtherFiles: Write reads gofpdf's cross-reference
// table and trailer, and says so when it is given a file without them.
func TestEmbeddingRefusesOtherFiles(t *testing.T) {
	fonts := parsedStyles(t)
	f := newDoc()
	Add(f, fonts...)
	e := Embed(f)
	good := draw(f, "Ruth")
	for name, pdf := range map[string][]byte{
		"no table":   bytes.ReplaceAll(good, []byte("\nxref\n"), []byte("\nxrex\n")),
		"cut short":  good[:bytes.LastIndex(good, []byte("\nxref\n"))+40],
		"no trailer": bytes.ReplaceAll(good, []byte("\ntrailer\n"), []byte("\ntrailor\n")),
	} {
		if _, err := e.Write(pdf); err == nil || !strings.HasPrefix(err.Error(), "gofpdffont: gofpdf's") {
			t.Errorf("%s: %v, want an error about gofpdf's file", name, err)
		}
	}
}

// readAs writes a file as a reader sees it: each page's dictionary and
// everything it refers to, references followed (but /Parent), streams
// decoded, and a CID font's /W as the width of each character. The
// numbers of the objects the page and its resources refer to are written,
// not those of the fonts and the objects they refer to.
func readAs(t *testing.T, pdf []byte) string {
	t.Helper()
	f, err := pdfobj.Open(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var write func(o pdfobj.Object, key pdfobj.Name, depth int)
	write = func(o pdfobj.Object, key pdfobj.Name, depth int) {
		if depth > 12 {
			t.Fatal("objects nested deeper than a font's")
		}
		if r, ok := o.(pdfobj.Ref); ok {
			if depth <= 2 { // the page's own references, not the fonts' (gofpdf numbers each font's objects after it)
				fmt.Fprintf(&b, "%d→", r.Num)
			}
			if key == "Parent" {
				return
			}
			if o, err = f.Resolve(r); err != nil {
				t.Fatal(err)
			}
		}
		switch v := o.(type) {
		case pdfobj.Dict:
			b.WriteString("<<")
			for _, e := range v {
				fmt.Fprintf(&b, " /%s ", e.Key)
				if e.Key == "W" {
					writeWidths(t, &b, f, e.Value)
					continue
				}
				write(e.Value, e.Key, depth+1)
			}
			b.WriteString(" >>")
		case pdfobj.Array:
			b.WriteString("[")
			for _, e := range v {
				write(e, "", depth+1)
				b.WriteByte(' ')
			}
			b.WriteString("]")
		case *pdfobj.Stream:
			var d pdfobj.Dict
			for _, e := range v.Dict {
				if e.Key != "Length" && e.Key != "Filter" {
					d = append(d, e)
				}
			}
			write(d, "", depth+1)
			data, err := f.Decode(v)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, " stream %q", data)
		default:
			fmt.Fprintf(&b, "%v", v)
		}
	}
	root, _ := f.Resolve(f.Trailer.Get("Root"))
	pages, _ := f.Get(root.(pdfobj.Dict), "Pages").(pdfobj.Dict)
	for _, k := range pages.Get("Kids").(pdfobj.Array) {
		write(k, "", 0)
		b.WriteByte('\n')
	}
	return b.String()
}

// writeWidths writes a /W array as the width of each character it lists,
// whether in runs (c [w1 w2 …]) or ranges (c1 c2 w).
func writeWidths(t *testing.T, b *strings.Builder, f *pdfobj.File, o pdfobj.Object) {
	t.Helper()
	o, err := f.Resolve(o)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := o.(pdfobj.Array)
	widths := map[int64]int64{}
	for i := 0; i < len(w); {
		first, ok := w[i].(pdfobj.Integer)
		if !ok || i+1 >= len(w) {
			t.Fatalf("/W %v: %v where a character code should be", w, w[i])
		}
		if run, ok := w[i+1].(pdfobj.Array); ok {
			for k, v := range run {
				widths[int64(first)+int64(k)] = int64(v.(pdfobj.Integer))
			}
			i += 2
			continue
		}
		last, width := w[i+1].(pdfobj.Integer), w[i+2].(pdfobj.Integer)
		for c := first; c <= last; c++ {
			widths[int64(c)] = int64(width)
		}
		i += 3
	}
	codes := make([]int64, 0, len(widths))
	for c := range widths {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		fmt.Fprintf(b, "%d:%d ", c, widths[c])
	}
}
