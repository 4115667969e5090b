package tagged

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/phpdave11/gofpdf"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// TestWriterMarksEverything: on every page, each painting operator is in
// exactly one sequence, an Artifact or an element's MCID; MCIDs count
// from 0 on each page, a run for one element shares one, and the record
// says whose each MCID is.
func TestWriterMarksEverything(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 10)
	f.AddPage()
	w := Attach(f)
	sect := New(Sect)
	h, p := sect.Add(H1), sect.Add(P)
	f.Rect(10, 10, 50, 5, "F") // a band maroto draws: no element
	w.Mark(h)
	f.Text(10, 20, "Title")
	w.Mark(p)
	f.Text(10, 30, "one")
	w.Mark(p)
	f.Text(10, 40, "two")
	w.Mark(nil)
	f.Line(10, 50, 100, 50) // an answer line
	f.AddPage()
	w.Mark(p)
	f.Text(10, 20, "three")
	w.Mark(nil)
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	pages := pageOps(t, out.Bytes())
	want := []string{
		"/Artifact BMC re f EMC /H1 0 BDC Tj EMC /P 1 BDC Tj Tj EMC /Artifact BMC S EMC",
		"/Artifact BMC EMC /P 0 BDC Tj EMC /Artifact BMC EMC",
	}
	if len(pages) != len(want) {
		t.Fatalf("%d pages, want %d", len(pages), len(want))
	}
	for i := range want {
		if pages[i] != want[i] {
			t.Errorf("page %d:\n got %s\nwant %s", i+1, pages[i], want[i])
		}
	}
	rec := w.Pages()
	if len(rec) != 2 || len(rec[0]) != 2 || rec[0][0] != h || rec[0][1] != p || len(rec[1]) != 1 || rec[1][0] != p {
		t.Errorf("the record is %v, want [[H1 P] [P]]", rec)
	}
}

// TestWriterReserves: an MCID reserved for content another stream draws
// (a cross-reference's page number) is the element's next in the
// record, in no sequence of the page; the element's text after it is in
// a sequence after it, even with the element's sequence open.
func TestWriterReserves(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 10)
	f.AddPage()
	w := Attach(f)
	p := New(Sect).Add(P)
	link := p.Add(Link)
	w.Mark(link)
	f.Text(10, 20, "see Handout 2")
	if got := w.Reserve(link); got != 1 {
		t.Errorf("Reserve gave MCID %d, want 1", got)
	}
	w.Mark(link)
	f.Text(40, 20, ",")
	w.Mark(p)
	f.Text(45, 20, "and more")
	w.Mark(nil)
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	want := "/Artifact BMC EMC /Link 0 BDC Tj EMC /Link 2 BDC Tj EMC /P 3 BDC Tj EMC /Artifact BMC EMC"
	if pages := pageOps(t, out.Bytes()); len(pages) != 1 || pages[0] != want {
		t.Errorf("the page is\n %v\nwant\n %s", pages, want)
	}
	if rec := w.Pages(); len(rec) != 1 || len(rec[0]) != 4 || rec[0][0] != link || rec[0][1] != link || rec[0][2] != link || rec[0][3] != p {
		t.Errorf("the record is %v, want [[Link Link Link P]]", rec)
	}
}

// pageOps is, for each page of a gofpdf file, its marked-content and
// painting operators: "/Role MCID BDC", "/Artifact BMC", EMC, Tj, re f…
func pageOps(t *testing.T, data []byte) []string {
	pf, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, pg := range pf.Pages() {
		st, _ := pf.Get(pg, "Contents").(*pdfobj.Stream)
		content, err := pf.Decode(st)
		if err != nil {
			t.Fatal(err)
		}
		s := pdfobj.NewScanner(content)
		var ops []string
		for {
			op, ok, err := s.NextOperation()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			switch op.Operator {
			case "BDC":
				d, _ := op.Operands[1].(pdfobj.Dict)
				ops = append(ops, fmt.Sprintf("/%s %v BDC", op.Operands[0], d.Get("MCID")))
			case "BMC":
				ops = append(ops, fmt.Sprintf("/%s BMC", op.Operands[0]))
			case "EMC", "Tj", "S", "f":
				ops = append(ops, op.Operator)
			case "re":
				ops = append(ops, "re")
			}
		}
		out = append(out, strings.Join(ops, " "))
	}
	return out
}

// TestBuild: a file's tree holds the elements with content on its pages
// and their ancestors, each with its MCIDs (an MCR where it goes on to
// another page) and its children merged in the order drawn, so that a
// note's Reference stands inside its paragraph; the ParentTree leads from
// each MCID back to its element.
func TestBuild(t *testing.T) {
	sect := New(Sect)
	h := sect.Add(H1)
	l := sect.Add(L)
	li := l.Add(LI)
	lbl, body := li.Add(Lbl), li.Add(LBody)
	para := body.Add(P)
	ref := para.Add(Reference)
	sect.Add(P) // drawn on no page of this file
	fig := sect.Add(Figure)
	fig.SetAttrs(Attrs{Alt: "A map — of Ithaca"})
	cell := sect.Add(Table).Add(TR).Add(TH)
	cell.SetAttrs(Attrs{Scope: "Column"})
	pages := [][]*Elem{{h, lbl, para, ref, para}, {para, fig, cell}}
	tree := Build(pages, nil, []int{3, 5}, 10)
	var got []string
	tree.Write(func(o []byte) { got = append(got, fmt.Sprintf("%d: %s", tree.Root+len(got), o)) })
	if len(got) != tree.Len {
		t.Errorf("wrote %d objects, Len says %d", len(got), tree.Len)
	}
	want := []string{
		"10: << /Type /StructTreeRoot /K 11 0 R /ParentTree << /Nums [0 [13 0 R 16 0 R 18 0 R 19 0 R 18 0 R] 1 [18 0 R 20 0 R 23 0 R]] >> /ParentTreeNextKey 2 >>",
		"11: << /S /Document /P 10 0 R /K [12 0 R] >>",
		"12: << /S /Sect /P 11 0 R /K [13 0 R 14 0 R 20 0 R 21 0 R] >>",
		"13: << /S /H1 /P 12 0 R /Pg 3 0 R /K [0] >>",
		"14: << /S /L /P 12 0 R /K [15 0 R] >>",
		"15: << /S /LI /P 14 0 R /K [16 0 R 17 0 R] >>",
		"16: << /S /Lbl /P 15 0 R /Pg 3 0 R /K [1] >>",
		"17: << /S /LBody /P 15 0 R /K [18 0 R] >>",
		"18: << /S /P /P 17 0 R /Pg 3 0 R /K [2 19 0 R 4 << /Type /MCR /Pg 5 0 R /MCID 0 >>] >>",
		"19: << /S /Reference /P 18 0 R /Pg 3 0 R /K [3] >>",
		"20: << /S /Figure /P 12 0 R /Pg 5 0 R /K [1] /Alt <FEFF00410020006D00610070002020140020006F00660020004900740068006100630061> >>",
		"21: << /S /Table /P 12 0 R /K [22 0 R] >>",
		"22: << /S /TR /P 21 0 R /K [23 0 R] >>",
		"23: << /S /TH /P 22 0 R /Pg 5 0 R /K [2] /A << /O /Table /Scope /Column >> >>",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

func TestNilElemIsNoElement(t *testing.T) {
	var e *Elem
	if e.Add(P) != nil || e.Parent() != nil {
		t.Error("a nil element made a child or has a parent")
	}
}

func TestHeading(t *testing.T) {
	for level, want := range map[int]Role{0: H1, 1: H1, 3: H3, 6: H6, 9: H6} {
		if got := Heading(level); got != want {
			t.Errorf("Heading(%d) = %s, want %s", level, got, want)
		}
	}
}

// TestBuildLinks: a link's element lists its text and then its annotation
// (OBJR); each annotation gets a ParentTree key after the pages', leading
// to its element, and a link without text is still in the tree.
func TestBuildLinks(t *testing.T) {
	sect := New(Sect)
	para := sect.Add(P)
	link := para.Add(Link)
	bare := sect.Add(Link)
	pages := [][]*Elem{{para, link, para}}
	tree := Build(pages, []Annot{{Page: 0, Obj: 40, Elem: link}, {Page: 0, Obj: 41, Elem: bare}}, []int{3}, 10)
	var got []string
	tree.Write(func(o []byte) { got = append(got, fmt.Sprintf("%d: %s", tree.Root+len(got), o)) })
	if len(got) != tree.Len {
		t.Errorf("wrote %d objects, Len says %d", len(got), tree.Len)
	}
	want := []string{
		"10: << /Type /StructTreeRoot /K 11 0 R /ParentTree << /Nums [0 [13 0 R 14 0 R 13 0 R] 1 14 0 R 2 15 0 R] >> /ParentTreeNextKey 3 >>",
		"11: << /S /Document /P 10 0 R /K [12 0 R] >>",
		"12: << /S /Sect /P 11 0 R /K [13 0 R 15 0 R] >>",
		"13: << /S /P /P 12 0 R /Pg 3 0 R /K [0 14 0 R 2] >>",
		"14: << /S /Link /P 13 0 R /Pg 3 0 R /K [1 << /Type /OBJR /Pg 3 0 R /Obj 40 0 R >>] >>",
		"15: << /S /Link /P 12 0 R /K [<< /Type /OBJR /Pg 3 0 R /Obj 41 0 R >>] >>",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
	if fmt.Sprint(tree.AnnotParents) != "[1 2]" {
		t.Errorf("AnnotParents = %v, want [1 2]", tree.AnnotParents)
	}
}

// TestNoteReadsAfterItsCall: a Note drawn at the page's foot, after the
// text below its call, reads after the block made before it (the
// paragraph that calls it), and a second note after the first.
func TestNoteReadsAfterItsCall(t *testing.T) {
	sect := New(Sect)
	para := sect.Add(P)
	ref := para.Add(Reference)
	note := sect.Add(Note)
	second := sect.Add(Note)
	next := sect.Add(H2)
	pages := [][]*Elem{{para, ref, para, next, note, second}}
	b := Build(pages, nil, []int{3}, 10).b
	var got []Role
	for _, i := range b.kids[b.kidsAt[b.index(sect)]:][:b.kidsN[b.index(sect)]] {
		got = append(got, b.elems[i].Role)
	}
	if want := []Role{P, Note, Note, H2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the Sect reads %v, want %v", got, want)
	}
}
