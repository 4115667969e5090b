package pdfua

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// tagged is a minimal PDF/UA-1 file written by hand: a heading, a
// paragraph, a figure, a link and a table, a rule marked as an artifact,
// an embedded font, XMP metadata. Objects are its dictionaries by number;
// streams the data of those that are streams.
type tagged struct {
	objects map[int]string
	streams map[int]string
}

const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A tagged handout</rdf:li></rdf:Alt></dc:title>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="r"?>`

const content = `/Artifact BMC 0 0 1 rg 0 780 612 12 re f EMC
/H1 <</MCID 0>> BDC BT /F1 18 Tf 72 720 Td (Title) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 11 Tf 72 700 Td (A paragraph.) Tj ET EMC
/Figure <</MCID 2>> BDC q 100 0 0 100 72 560 cm /Im1 Do Q EMC
/Link <</MCID 3>> BDC BT /F1 11 Tf 72 530 Td (a link) Tj ET EMC
/TH <</MCID 4>> BDC BT /F1 11 Tf 72 500 Td (Name) Tj ET EMC
/TD <</MCID 5>> BDC BT /F1 11 Tf 72 485 Td (Kathy) Tj ET EMC
`

func newTagged() *tagged {
	widths := strings.TrimSpace(strings.Repeat("500 ", 95))
	return &tagged{
		objects: map[int]string{
			1:  "<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) /MarkInfo << /Marked true >> /ViewerPreferences << /DisplayDocTitle true >> /StructTreeRoot 5 0 R /Metadata 11 0 R >>",
			2:  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			3:  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 8 0 R >> /XObject << /Im1 13 0 R >> >> /Contents 4 0 R /StructParents 0 /Tabs /S /Annots [14 0 R] >>",
			4:  "<< >>",
			5:  "<< /Type /StructTreeRoot /K 6 0 R /ParentTree 7 0 R >>",
			6:  "<< /Type /StructElem /S /Document /P 5 0 R /K [20 0 R 21 0 R 22 0 R 23 0 R 24 0 R] >>",
			7:  "<< /Nums [0 [20 0 R 21 0 R 22 0 R 23 0 R 27 0 R 28 0 R] 1 23 0 R] >>",
			8:  "<< /Type /Font /Subtype /TrueType /BaseFont /Fixture /FirstChar 32 /LastChar 126 /Widths [" + widths + "] /FontDescriptor 9 0 R /Encoding /WinAnsiEncoding >>",
			9:  "<< /Type /FontDescriptor /FontName /Fixture /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>",
			10: "<< >>",
			11: "<< /Type /Metadata /Subtype /XML >>",
			13: "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 >>",
			14: "<< /Type /Annot /Subtype /Link /Rect [72 525 110 540] /Border [0 0 0] /Contents (The example site) /StructParent 1 /A << /S /URI /URI (https://example.org/) >> >>",
			20: "<< /Type /StructElem /S /H1 /P 6 0 R /Pg 3 0 R /K 0 >>",
			21: "<< /Type /StructElem /S /P /P 6 0 R /Pg 3 0 R /K 1 >>",
			22: "<< /Type /StructElem /S /Figure /P 6 0 R /Pg 3 0 R /Alt (A red square) /K 2 >>",
			23: "<< /Type /StructElem /S /Link /P 6 0 R /Pg 3 0 R /K [3 << /Type /OBJR /Obj 14 0 R >>] >>",
			24: "<< /Type /StructElem /S /Table /P 6 0 R /K [25 0 R 26 0 R] >>",
			25: "<< /Type /StructElem /S /TR /P 24 0 R /K [27 0 R] >>",
			26: "<< /Type /StructElem /S /TR /P 24 0 R /K [28 0 R] >>",
			27: "<< /Type /StructElem /S /TH /P 25 0 R /Pg 3 0 R /A << /O /Table /Scope /Column >> /K 4 >>",
			28: "<< /Type /StructElem /S /TD /P 26 0 R /Pg 3 0 R /K 5 >>",
		},
		streams: map[int]string{
			4:  content,
			10: "a font program: the checker only asks that there be one",
			11: xmp,
			13: "\xff\x00\x00",
		},
	}
}

// bytes writes the file with a cross-reference table; numbers without an
// object are free.
func (t *tagged) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	last := slices.Max(slices.Collect(maps.Keys(t.objects)))
	offsets := map[int]int{}
	for n := 1; n <= last; n++ {
		d, ok := t.objects[n]
		if !ok {
			continue
		}
		offsets[n] = b.Len()
		if s, ok := t.streams[n]; ok {
			d = strings.TrimSuffix(d, ">>") + fmt.Sprintf(" /Length %d >>\nstream\n%s\nendstream", len(s), s)
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, d)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", last+1)
	for n := 1; n <= last; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", last+1, xref)
	return b.Bytes()
}

// edit is a change to one object of the file, or to its stream's data.
type edit struct {
	obj      int
	old, new string
	stream   bool
}

func checkpoints(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Checkpoint)
	}
	slices.Sort(out)
	return out
}

func TestTaggedFilePasses(t *testing.T) {
	findings, err := Check(newTagged().bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("%s", f)
	}
}

// Each variant of the tagged file breaks one rule and is reported for it,
// and for nothing else.
func TestEachFailureIsFound(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []edit
		want  []string
	}{
		{"no /Lang", []edit{{obj: 1, old: "/Lang (en-GB) "}}, []string{"11-001", "11-006"}},
		{"/Lang on the content only", []edit{{obj: 1, old: "/Lang (en-GB) "}, {obj: 6, old: "/S /Document", new: "/S /Document /Lang (en-GB)"}}, []string{"11-006"}},
		{"no /DisplayDocTitle", []edit{{obj: 1, old: "/ViewerPreferences << /DisplayDocTitle true >> "}}, []string{"07-001"}},
		{"/DisplayDocTitle false", []edit{{obj: 1, old: "/DisplayDocTitle true", new: "/DisplayDocTitle false"}}, []string{"07-002"}},
		{"not /Marked", []edit{{obj: 1, old: "/MarkInfo << /Marked true >> "}}, []string{"UA1:7.1"}},
		{"/Suspects", []edit{{obj: 1, old: "/Marked true", new: "/Marked true /Suspects true"}}, []string{"01-007"}},
		{"no XMP", []edit{{obj: 1, old: " /Metadata 11 0 R"}}, []string{"06-001"}},
		{"XMP without pdfuaid", []edit{{obj: 11, stream: true, old: "<pdfuaid:part>1</pdfuaid:part>"}}, []string{"06-002"}},
		{"XMP of PDF/UA-2", []edit{{obj: 11, stream: true, old: "<pdfuaid:part>1<", new: "<pdfuaid:part>2<"}}, []string{"06-002"}},
		{"pdfuaid as an attribute", []edit{{obj: 11, stream: true, old: "<pdfuaid:part>1</pdfuaid:part>"},
			{obj: 11, stream: true, old: `rdf:about=""`, new: `rdf:about="" pdfuaid:part="1"`}}, nil},
		{"XMP without dc:title", []edit{{obj: 11, stream: true, old: "A tagged handout"}}, []string{"06-003"}},
		{"unmarked rule", []edit{{obj: 4, stream: true, old: "/Artifact BMC 0 0 1 rg 0 780 612 12 re f EMC", new: "0 0 1 rg 0 780 612 12 re f"}}, []string{"01-005"}},
		{"artifact in tagged content", []edit{{obj: 4, stream: true, old: "(A paragraph.) Tj ET", new: "(A paragraph.) Tj ET /Artifact BMC 0 0 5 5 re f EMC"}}, []string{"01-003"}},
		{"tagged content in an artifact", []edit{{obj: 4, stream: true, old: "re f EMC\n/H1 <</MCID 0>> BDC BT /F1 18 Tf 72 720 Td (Title) Tj ET EMC", new: "re f\n/H1 <</MCID 0>> BDC BT /F1 18 Tf 72 720 Td (Title) Tj ET EMC EMC"}}, []string{"01-004"}},
		{"an MCID no element claims", []edit{{obj: 20, old: "/K 0", new: "/K 9"}}, []string{"01-005"}},
		{"a ParentTree leading elsewhere", []edit{{obj: 7, old: "[20 0 R 21 0 R", new: "[21 0 R 20 0 R"}}, []string{"UA1:7.1"}},
		{"no /StructParents", []edit{{obj: 3, old: " /StructParents 0"}}, []string{"UA1:7.1"}},
		{"no structure tree", []edit{{obj: 1, old: " /StructTreeRoot 5 0 R"}}, []string{"01-005", "01-005", "28-011"}},
		{"an unknown type", []edit{{obj: 21, old: "/S /P", new: "/S /Para"}}, []string{"02-001"}},
		{"an unknown type role-mapped", []edit{{obj: 21, old: "/S /P", new: "/S /Para"}, {obj: 5, old: "/ParentTree", new: "/RoleMap << /Para /P >> /ParentTree"}}, nil},
		{"a circular role map", []edit{{obj: 21, old: "/S /P", new: "/S /Para"}, {obj: 5, old: "/ParentTree", new: "/RoleMap << /Para /Text /Text /Para >> /ParentTree"}}, []string{"02-003"}},
		{"a standard type remapped", []edit{{obj: 5, old: "/ParentTree", new: "/RoleMap << /P /Span >> /ParentTree"}}, []string{"02-004"}},
		{"a figure without Alt", []edit{{obj: 22, old: "/Alt (A red square) "}}, []string{"13-004"}},
		{"a figure with ActualText", []edit{{obj: 22, old: "/Alt", new: "/ActualText"}}, nil},
		{"a formula without Alt", []edit{{obj: 22, old: "/S /Figure /P 6 0 R /Pg 3 0 R /Alt (A red square)", new: "/S /Formula /P 6 0 R /Pg 3 0 R"}}, []string{"17-002"}},
		{"first heading H2", []edit{{obj: 20, old: "/S /H1", new: "/S /H2"}}, []string{"14-002"}},
		{"H3 after H1", []edit{{obj: 21, old: "/S /P", new: "/S /H3"}}, []string{"14-003"}},
		{"H and H1", []edit{{obj: 21, old: "/S /P", new: "/S /H"}}, []string{"14-007"}},
		{"TH without Scope", []edit{{obj: 27, old: "/A << /O /Table /Scope /Column >> "}}, []string{"15-003"}},
		{"TH without Scope, cells with Headers", []edit{{obj: 27, old: "/A << /O /Table /Scope /Column >> ", new: "/ID (h1) "},
			{obj: 28, old: "/K 5", new: "/A << /O /Table /Headers [(h1)] >> /K 5"}}, nil},
		{"a cell outside a row", []edit{{obj: 24, old: "[25 0 R 26 0 R]", new: "[25 0 R 28 0 R]"}}, []string{"09-004", "09-004"}},
		{"a list item holding a paragraph", []edit{{obj: 24, old: "/S /Table", new: "/S /L"}, {obj: 25, old: "/S /TR", new: "/S /LI"}, {obj: 26, old: "/S /TR", new: "/S /LI"},
			{obj: 27, old: "/S /TH /P 25 0 R /Pg 3 0 R /A << /O /Table /Scope /Column >>", new: "/S /Lbl /P 25 0 R /Pg 3 0 R"}, {obj: 28, old: "/S /TD", new: "/S /P"}}, []string{"09-005"}},
		{"a note without ID", []edit{{obj: 21, old: "/S /P", new: "/S /Note"}}, []string{"19-003"}},
		{"a font not embedded", []edit{{obj: 9, old: " /FontFile2 10 0 R"}}, []string{"31-009"}},
		{"a font without a Unicode mapping", []edit{{obj: 8, old: " /Encoding /WinAnsiEncoding"}}, []string{"10-001"}},
		{"a font with a ToUnicode CMap", []edit{{obj: 8, old: " /Encoding /WinAnsiEncoding", new: " /ToUnicode 11 0 R"}}, nil},
		{"a link without Contents", []edit{{obj: 14, old: "/Contents (The example site) "}}, []string{"28-012"}},
		{"a link outside a Link element", []edit{{obj: 23, old: " << /Type /OBJR /Obj 14 0 R >>"}}, []string{"28-011"}},
		{"a link's StructParent wrong", []edit{{obj: 14, old: "/StructParent 1", new: "/StructParent 0"}}, []string{"UA1:7.1"}},
		{"annotations without Tabs", []edit{{obj: 3, old: " /Tabs /S"}}, []string{"28-008"}},
		{"Tabs in row order", []edit{{obj: 3, old: "/Tabs /S", new: "/Tabs /R"}}, []string{"28-009"}},
		{"a text annotation", []edit{{obj: 14, old: "/Subtype /Link", new: "/Subtype /Text"}, {obj: 23, old: "/S /Link", new: "/S /Annot"}}, nil},
		{"a line break without a word break", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (Staff look after the) Tj ET BT /F1 11 Tf 72 687 Td (students.) Tj ET"}}, []string{"UA1:7.1"}},
		{"a line's end drawn after the page, read in the tree's order", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET EMC",
			new: "72 700 Td (Staff look) Tj ET EMC /P <</MCID 7>> BDC BT /F1 11 Tf 72 687 Td (students.) Tj ET EMC"},
			{obj: 4, stream: true, old: "(Kathy) Tj ET EMC", new: "(Kathy) Tj ET EMC /P <</MCID 6>> BDC BT /F1 11 Tf 130 700 Td ( after the ) Tj ET EMC"},
			{obj: 21, old: "/K 1", new: "/K [1 6 7]"}, {obj: 7, old: "27 0 R 28 0 R]", new: "27 0 R 28 0 R 21 0 R 21 0 R]"}}, nil},
		{"a line's end drawn after the page, fused in the tree's order", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET EMC",
			new: "72 700 Td (Staff look) Tj ET EMC /P <</MCID 7>> BDC BT /F1 11 Tf 72 687 Td (students.) Tj ET EMC"},
			{obj: 4, stream: true, old: "(Kathy) Tj ET EMC", new: "(Kathy) Tj ET EMC /P <</MCID 6>> BDC BT /F1 11 Tf 130 700 Td ( after the) Tj ET EMC"},
			{obj: 21, old: "/K 1", new: "/K [1 6 7]"}, {obj: 7, old: "27 0 R 28 0 R]", new: "27 0 R 28 0 R 21 0 R 21 0 R]"}}, []string{"UA1:7.1"}},
		{"a line break at a space kept", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (Staff look after the ) Tj ET BT /F1 11 Tf 72 687 Td (students.) Tj ET"}}, nil},
		{"a line break after a sentence", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (Staff look after them.) Tj ET BT /F1 11 Tf 72 687 Td (Students do not.) Tj ET"}}, []string{"UA1:7.1"}},
		{"a line break in a link", []edit{{obj: 4, stream: true, old: "(a link) Tj ET EMC",
			new: "(a link to the) Tj ET /Span <<>> BDC BT /F1 11 Tf 72 517 Td (site) Tj ET EMC EMC"}}, []string{"UA1:7.1"}},
		{"a hyphenated word read whole", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (their vital ) Tj ET /Span <</ActualText (organs,)>> BDC BT /F1 11 Tf 120 700 Td (or\255) Tj ET EMC " +
				"/Span <</ActualText ()>> BDC BT /F1 11 Tf 72 687 Td (gans,) Tj ET EMC BT /F1 11 Tf 100 687 Td ( and) Tj ET"}}, nil},
		{"a word read as other text without its space", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (by ) Tj ET /Span <</ActualText (Ishiguro)>> BDC BT /F1 11 Tf 90 700 Td (ISHIGURO ) Tj ET EMC BT /F1 11 Tf 72 687 Td (and) Tj ET"}}, []string{"UA1:7.1"}},
		{"a break after a slash or a dash", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (either/) Tj ET BT /F1 11 Tf 72 687 Td (or, a well-) Tj ET BT /F1 11 Tf 72 674 Td (structured one) Tj ET"}}, nil},
		{"an address cut between lines", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (see www.nobelprize.org) Tj ET BT /F1 11 Tf 72 687 Td (prizes) Tj ET"}}, nil},
		{"a superscript's return is no line break", []edit{{obj: 4, stream: true, old: "72 700 Td (A paragraph.) Tj ET",
			new: "72 700 Td (A word) Tj ET BT /F1 7 Tf 100 704 Td (1) Tj ET BT /F1 11 Tf 104 700 Td (and more.) Tj ET"}}, nil},
		{"a cell of two lines", []edit{{obj: 4, stream: true, old: "72 485 Td (Kathy) Tj", new: "72 485 Td (Kathy) Tj ET BT 72 470 Td (Ruth) Tj"}}, []string{"UA1:7.1"}},
		{"a figure's words", []edit{{obj: 4, stream: true, old: "/Im1 Do Q EMC", new: "/Im1 Do Q BT /F1 9 Tf 80 600 Td (Ithaca) Tj ET BT /F1 9 Tf 80 580 Td (Aegean) Tj ET EMC"}}, nil},
		{"a text annotation without a description", []edit{{obj: 14, old: "/Subtype /Link", new: "/Subtype /Text"}, {obj: 14, old: "/Contents (The example site) "}}, []string{"28-002", "28-004"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newTagged()
			for _, e := range tc.edits {
				m := f.objects
				if e.stream {
					m = f.streams
				}
				if !strings.Contains(m[e.obj], e.old) {
					t.Fatalf("object %d has no %q", e.obj, e.old)
				}
				m[e.obj] = strings.Replace(m[e.obj], e.old, e.new, 1)
			}
			findings, err := Check(f.bytes())
			if err != nil {
				t.Fatal(err)
			}
			if got := checkpoints(findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("checkpoints %q, want %q:\n%s", got, tc.want, findingLines(findings))
			}
		})
	}
}

func findingLines(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

var update = flag.Bool("update", false, "rewrite testdata/tagged.pdf")

// testdata/tagged.pdf is the tagged file as newTagged writes it, for the
// pdfua command's tests and for trying other readers on.
func TestTaggedFixtureFile(t *testing.T) {
	const path = "testdata/tagged.pdf"
	data := newTagged().bytes()
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
		t.Errorf("%s is not the tagged file newTagged writes (%v): run go test -update", path, err)
	}
}

// Check meets files from anywhere: whatever the bytes, it returns findings
// or an error, and does not panic or loop.
func FuzzCheck(f *testing.F) {
	f.Add(newTagged().bytes())
	f.Add(newTagged().bytes()[:900])
	f.Fuzz(func(t *testing.T, data []byte) {
		Check(data)
	})
}

// A structure tree or ParentTree whose arrays refer to themselves is read
// once, not without end.
func TestSelfReferringTrees(t *testing.T) {
	f := newTagged()
	f.objects[6] = "<< /Type /StructElem /S /Document /P 5 0 R /K 15 0 R >>"
	f.objects[15] = "[15 0 R 15 0 R 15 0 R 20 0 R 15 0 R 15 0 R]"
	f.objects[7] = "<< /Kids [7 0 R 7 0 R 7 0 R 16 0 R] >>"
	f.objects[16] = "<< /Kids [16 0 R 16 0 R 16 0 R] /Nums [0 [20 0 R]] >>"
	done := make(chan []Finding)
	go func() {
		fs, _ := Check(f.bytes())
		done <- fs
	}()
	select {
	case fs := <-done:
		if len(fs) == 0 {
			t.Error("no findings for a tree that lost most of its elements")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Check walks a self-referring tree without end")
	}
}
