package pdfua

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/internal/needs"
)

// The structure the checker reads from the tagged file is the one
// independent readers read: poppler's pdfinfo and qpdf's pikepdf.

func writeFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tagged.pdf")
	if err := os.WriteFile(path, newTagged().bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// elementTypes is the types of the structure elements the checker reads,
// in document order.
func elementTypes(t *testing.T, data []byte) []string {
	t.Helper()
	c, err := check(data)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range c.tree.elems {
		types = append(types, string(e.typ))
	}
	return types
}

func TestStructureAsPdfinfoReadsIt(t *testing.T) {
	needs.Tool(t, "pdfinfo", "apt-get install poppler-utils")
	path := writeFixture(t)
	out, err := exec.Command("pdfinfo", "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	// The tree in reading order, each element with the text of its
	// marked content: headings, paragraph, link and table cells.
	want := `Document
  H1 (block)
    "Title"
  P (block)
    "A paragraph."
  Figure
    ""
  Link (inline)
    "a link"
    Object 14 0
  Table (block)
    TR
      TH:
         /Scope /Column
        "Name"
    TR
      TD
        "Kathy"
`
	if string(out) != want {
		t.Errorf("pdfinfo -struct-text:\n%s\nwant\n%s", out, want)
	}
	var types []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "/") || strings.HasPrefix(f[0], `"`) || f[0] == "Object" {
			continue
		}
		types = append(types, strings.TrimSuffix(f[0], ":"))
	}
	data, _ := os.ReadFile(path)
	if got := elementTypes(t, data); !reflect.DeepEqual(got, types) {
		t.Errorf("the checker reads elements %q, pdfinfo %q", got, types)
	}
}

// pikepdf walks the tree as qpdf reads the file: types, MCIDs and the
// annotation an OBJR points at, in order.
const pikepdfWalk = `
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(k):
    if isinstance(k, pikepdf.Array):
        for x in k:
            walk(x)
    elif isinstance(k, pikepdf.Dictionary):
        if k.get("/Type") == pikepdf.Name.OBJR:
            print("OBJR", k.Obj.objgen[0])
        elif "/S" in k:
            print(str(k.S)[1:])
            if "/K" in k:
                walk(k.K)
    else:
        print("MCID", int(k))
root = pdf.Root
print("Lang", str(root.Lang), "Marked", bool(root.MarkInfo.Marked))
walk(root.StructTreeRoot.K)
`

// pikepdfPython is a Python that imports pikepdf: the one on PATH, or
// Debian's, where apt installs python3-pikepdf, when a pyenv or virtual
// environment's Python comes first on PATH.
func pikepdfPython(t *testing.T) string {
	t.Helper()
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(python, "-c", "import pikepdf").Run() == nil {
			return python
		}
	}
	needs.Missing(t, "no python3 imports pikepdf (apt-get install python3-pikepdf)")
	return ""
}

func TestStructureAsPikepdfReadsIt(t *testing.T) {
	python := pikepdfPython(t)
	path := writeFixture(t)
	out, err := exec.Command(python, "-c", pikepdfWalk, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pikepdf: %v\n%s", err, out)
	}
	want := "Lang en-GB Marked True\nDocument\nH1\nMCID 0\nP\nMCID 1\nFigure\nMCID 2\nLink\nMCID 3\nOBJR 14\nTable\nTR\nTH\nMCID 4\nTR\nTD\nMCID 5\n"
	if string(out) != want {
		t.Errorf("pikepdf reads\n%s\nwant\n%s", out, want)
	}
	var types []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n")[1:] {
		if f := strings.Fields(line); len(f) == 1 {
			types = append(types, f[0])
		}
	}
	data, _ := os.ReadFile(path)
	c, err := check(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := elementTypes(t, data); !reflect.DeepEqual(got, types) {
		t.Errorf("the checker reads elements %q, pikepdf %q", got, types)
	}
	// The checker finds the same MCIDs for the same elements.
	for mc, e := range c.tree.mcids {
		if mc.page != 3 || !strings.Contains(string(out), string(e.typ)+"\nMCID "+strconv.Itoa(mc.mcid)) {
			t.Errorf("the checker gives MCID %d on object %d to %s, which pikepdf does not", mc.mcid, mc.page, e.typ)
		}
	}
}

// The tagged file rewritten by qpdf with object streams and a
// cross-reference stream, as most software outside gofpdf writes: it
// passes as it did, and losing its Alt text is still found.
func TestCheckReadsObjectStreams(t *testing.T) {
	needs.Tool(t, "qpdf", "apt-get install qpdf")
	for _, tc := range []struct {
		name string
		edit func(*tagged)
		want []string
	}{
		{"tagged", func(*tagged) {}, nil},
		{"a figure without Alt", func(f *tagged) { f.objects[22] = strings.Replace(f.objects[22], "/Alt (A red square) ", "", 1) }, []string{"13-004"}},
	} {
		f := newTagged()
		tc.edit(f)
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, f.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command("qpdf", "--object-streams=generate", "--compress-streams=y", in, out).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "/ObjStm") || !strings.Contains(string(data), "/XRef") {
			t.Fatal("qpdf wrote no object or cross-reference stream")
		}
		findings, err := Check(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := checkpoints(findings); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: checkpoints %q, want %q:\n%s", tc.name, got, tc.want, findingLines(findings))
		}
	}
}
