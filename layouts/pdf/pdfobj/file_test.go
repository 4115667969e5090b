package pdfobj

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/companion-dev/companion/internal/needs"
)

// classic writes objects (numbered from 1) as a file with a cross-reference
// table, as gofpdf does.
func classic(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func flate(data []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// compressed writes object 1 as a plain object and objects 2… in an object
// stream, found through a cross-reference stream whose rows are encoded
// with the PNG Up predictor, as qpdf and Acrobat write them.
func compressed(first string, rest ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off1 := b.Len()
	fmt.Fprintf(&b, "1 0 obj\n%s\nendobj\n", first)
	var head, body bytes.Buffer
	for i, o := range rest {
		fmt.Fprintf(&head, "%d %d ", i+2, body.Len())
		body.WriteString(o + " ")
	}
	stm := len(rest) + 2
	data := flate(append(head.Bytes(), body.Bytes()...))
	offStm := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		stm, len(rest), head.Len(), len(data), data)
	// Rows of /W [1 2 1]: type, offset or stream number, generation or index.
	rows := [][4]byte{{0, 0, 0, 255}, {1, byte(off1 >> 8), byte(off1), 0}}
	for i := range rest {
		rows = append(rows, [4]byte{2, byte(stm >> 8), byte(stm), byte(i)})
	}
	rows = append(rows, [4]byte{1, byte(offStm >> 8), byte(offStm), 0})
	xref := b.Len()
	rows = append(rows, [4]byte{1, byte(xref >> 8), byte(xref), 0})
	var enc []byte
	var prev [4]byte
	for _, r := range rows {
		enc = append(enc, 2) // Up
		for i := range r {
			enc = append(enc, r[i]-prev[i])
		}
		prev = r
	}
	data = flate(enc)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		stm+1, stm+2, len(data), data)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestOpen(t *testing.T) {
	const catalog = "<< /Type /Catalog /Pages 2 0 R >>"
	const pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	const page = "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"
	for name, data := range map[string][]byte{
		"table":  classic(catalog, pages, page, "<< /Length 5 0 R >>\nstream\nBT ET\nendstream", "5"),
		"stream": compressed(catalog, pages, page),
	} {
		f, err := Open(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		root, err := f.Resolve(f.Trailer.Get("Root"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ps := f.Get(root.(Dict), "Pages").(Dict)
		kid, err := f.Resolve(ps.Get("Kids").(Array)[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := kid.(Dict).Get("Type"); got != Name("Page") {
			t.Errorf("%s: the page reads as %#v", name, kid)
		}
		if name == "table" {
			st := f.Get(kid.(Dict), "Contents").(*Stream)
			if string(st.Data) != "BT ET" {
				t.Errorf("an indirect /Length: data %q", st.Data)
			}
		}
	}
}

// An update appends objects and a table whose /Prev is the original's:
// the newer object wins.
func TestOpenUpdate(t *testing.T) {
	base := classic("<< /Type /Catalog /V 1 >>")
	off := len(base)
	upd := fmt.Appendf(bytes.Clone(base), "1 0 obj\n<< /Type /Catalog /V 2 >>\nendobj\n")
	xref := len(upd)
	prev := bytes.LastIndex(base, []byte("\nxref\n")) + 1
	upd = fmt.Appendf(upd, "xref\n1 1\n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", off, prev, xref)
	f, err := Open(upd)
	if err != nil {
		t.Fatal(err)
	}
	o, err := f.Object(1)
	if err != nil {
		t.Fatal(err)
	}
	if v := o.(Dict).Get("V"); v != Integer(2) {
		t.Errorf("/V %v, want the update's 2", v)
	}
}

func TestOpenErrors(t *testing.T) {
	good := classic("<< >>")
	xref := fmt.Sprint(bytes.LastIndex(good, []byte("\nxref\n")) + 1)
	for name, data := range map[string][]byte{
		"empty":        nil,
		"no startxref": []byte("%PDF-1.4\n"),
		"bad offset":   bytes.Replace(good, []byte("startxref\n"+xref), []byte("startxref\n99999"), 1),
		"not a table":  bytes.Replace(good, []byte("startxref\n"+xref), []byte("startxref\n3"), 1),
		"a /Prev loop": bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev "+xref), 1),
	} {
		if _, err := Open(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestPredictors(t *testing.T) {
	// Two rows of three bytes, encoded with Sub, then Average and Paeth.
	row1, row2 := []byte{10, 20, 30}, []byte{11, 25, 40}
	sub := []byte{1, 10, 10, 10}
	avg := []byte{3, 11 - 10/2, 25 - byte((11+20)/2), 40 - byte((25+30)/2)}
	pae := []byte{4, 11 - paeth(0, 10, 0), 25 - paeth(11, 20, 10), 40 - paeth(25, 30, 20)}
	params := Dict{{"Predictor", Integer(12)}, {"Columns", Integer(3)}}
	for name, enc := range map[string][]byte{"average": avg, "paeth": pae} {
		got, err := unpredict(append(bytes.Clone(sub), enc...), params)
		if err != nil {
			t.Fatal(err)
		}
		if want := append(bytes.Clone(row1), row2...); !bytes.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	tiff, err := unpredict([]byte{5, 1, 1, 7, 2, 2}, Dict{{"Predictor", Integer(2)}, {"Columns", Integer(3)}})
	if err != nil || !bytes.Equal(tiff, []byte{5, 6, 7, 7, 9, 11}) {
		t.Errorf("TIFF: %v %v", tiff, err)
	}
}

// qpdf rewrites a file with object streams and a cross-reference stream,
// as most PDF software outside gofpdf writes: every object reads the same.
func TestOpenQpdfObjectStreams(t *testing.T) {
	needs.Tool(t, "qpdf", "apt-get install qpdf")
	const text = "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
	orig := classic("<< /Type /Catalog /Pages 2 0 R /Lang (en) >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	dir := t.TempDir()
	in, outPath := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("qpdf", "--object-streams=generate", in, outPath).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, msg)
	}
	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("/ObjStm")) {
		t.Fatal("qpdf wrote no object stream")
	}
	f, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	root := f.Get(f.Trailer, "Root").(Dict)
	if lang := f.Get(root, "Lang"); lang != String("en") {
		t.Errorf("/Lang %#v", lang)
	}
	page := f.Get(f.Get(root, "Pages").(Dict), "Kids").(Array)
	p, _ := f.Resolve(page[0])
	content, err := f.Decode(f.Get(p.(Dict), "Contents").(*Stream))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(content, []byte("(Hello) Tj")) {
		t.Errorf("content %q", content)
	}
	font := f.Get(f.Get(f.Get(p.(Dict), "Resources").(Dict), "Font").(Dict), "F1")
	if d, ok := font.(Dict); !ok || d.Get("BaseFont") != Name("Helvetica") || len(d) != 3 {
		t.Errorf("font %#v", font)
	}
}

// A damaged table may put an object past the end of the file: reading it
// is an error, not a panic.
func TestObjectOutsideTheFile(t *testing.T) {
	for _, off := range []string{"0000099999", "0000000100"} {
		data := classic("<< /Type /Catalog >>")
		data = bytes.Replace(data, []byte("0000000009 00000 n"), []byte(off+" 00000 n"), 1)
		f, err := Open(data)
		if err != nil {
			t.Fatal(err)
		}
		if o, err := f.Object(1); err == nil {
			t.Errorf("offset %s: read %#v, want an error", off, o)
		}
	}
}

// PageContent reads a page's Contents whether it is one stream or an
// array of them (one compressed here), joined in order, each ended by a
// newline so that an operator never runs into the next stream's first;
// an entry that is not a stream is skipped.
func TestPageContent(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("(B) Tj"))
	zw.Close()
	for _, tc := range []struct {
		page string
		want string
	}{
		{"<< /Type /Page /Contents 2 0 R >>", "(A) Tj\n"},
		{"<< /Type /Page /Contents [2 0 R 3 0 R 4 0 R] >>", "(A) Tj\n(B) Tj\n"},
		{"<< /Type /Page >>", ""},
	} {
		data := classic(tc.page,
			"<< /Length 6 >>\nstream\n(A) Tj\nendstream",
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
			"(not a stream)")
		f, err := Open(data)
		if err != nil {
			t.Fatal(err)
		}
		page, err := f.Object(1)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.PageContent(page.(Dict))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("%s: content %q, want %q", tc.page, got, tc.want)
		}
	}
}

// TestPages: the pages come in the page tree's order, through nested
// /Pages nodes; a kid that is no dictionary is skipped, and a tree that
// refers to itself ends.
func TestPages(t *testing.T) {
	data := classic(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 6 0 R 7 0 R] >>",
		"<< /Type /Page /N 1 >>",
		"<< /Type /Pages /Kids [5 0 R 2 0 R] >>", // back to the root: a loop
		"<< /Type /Page /N 2 >>",
		"(not a page)",
		"<< /Type /Page /N 3 >>",
	)
	f, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []Object
	for _, p := range f.Pages() {
		got = append(got, p.Get("N"))
	}
	// The loop repeats pages 1, 2 … until the depth limit; the tree's
	// first pages and its last are what matter.
	if len(got) < 3 || got[0] != Integer(1) || got[1] != Integer(2) || got[len(got)-1] != Integer(3) {
		t.Errorf("pages %v, want 1, 2 … 3", got)
	}
}
