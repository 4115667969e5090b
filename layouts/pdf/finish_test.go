package pdf

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// A template is cut at the references of an object's dictionary, not at
// text that looks like one in a string or in stream data.
func TestTemplateCutsOnlyReferences(t *testing.T) {
	obj := []byte("\n<</Title (see 1 0 R) /Parent 12 0 R /Kids [3 0 R 4 0 R]/Length 9>>\nstream\n5 0 R BT\nendstream\nendobj\n")
	tp, err := newTemplate(obj)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{12, 3, 4}; !reflect.DeepEqual(tp.refs, want) {
		t.Errorf("references %v, want %v", tp.refs, want)
	}
	var b bytes.Buffer
	if missing, ok := tp.write(&b, map[int]int{12: 1, 3: 30, 4: 40}); !ok {
		t.Fatalf("object %d missing", missing)
	}
	want := "\n<</Title (see 1 0 R) /Parent 1 0 R /Kids [30 0 R 40 0 R]/Length 9>>\nstream\n5 0 R BT\nendstream\nendobj\n"
	if b.String() != want {
		t.Errorf("written as\n%q\nwant\n%q", b.String(), want)
	}
	if missing, ok := tp.write(&b, map[int]int{12: 1}); ok || missing != 3 {
		t.Errorf("a missing object reported as %d, %v", missing, ok)
	}
}

// The images a page shows are the names before its Do operators, not text
// in a string.
func TestImagesShown(t *testing.T) {
	got, err := imagesShown([]byte("q 10 0 0 10 0 0 cm /Iab12 Do Q BT (/Ifake Do) Tj ET q /Icd34 Do Q"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Iab12", "Icd34"}; len(got) != 2 || string(got[0]) != want[0] || string(got[1]) != want[1] {
		t.Errorf("images %q, want %q", got, want)
	}
}

// fileIDOf is the first half of a written file's /ID.
func fileIDOf(t *testing.T, pdf []byte) string {
	t.Helper()
	m := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindSubmatch(pdf)
	if m == nil || !bytes.Equal(m[1], m[2]) {
		t.Fatalf("the file has no /ID of two equal 16-byte strings")
	}
	return string(m[1])
}

// TestFileIDFollowsContent: a file's identifier reads its pages' contents
// and its fonts by their digests, not their bytes, and still tells apart
// files whose pages or fonts differ in a single character, while the
// same pages give the same identifier.
func TestFileIDFollowsContent(t *testing.T) {
	g := newGeometry("letter")
	s := &setter{fonts: richtext.Serif(), g: g}
	write := func(text string) string {
		t.Helper()
		spans := []richtext.Span{{Text: text, Size: 10.5, Color: inkText}}
		r, err := render(g, paginate(&section{rows: s.rows(spans, block{w: g.measure(), tag: tagged.New(tagged.Sect).Add(tagged.P)})}, g), false)
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.part(0, r.pages, document{lang: "en"}, g, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		return fileIDOf(t, out)
	}
	same := write("Kathy remembers Hailsham, and the gallery.")
	if again := write("Kathy remembers Hailsham, and the gallery."); again != same {
		t.Errorf("the same page gave the identifiers %s and %s", same, again)
	}
	// One letter more on the page, one glyph more in the font.
	if other := write("Kathy remembers Hailsham, and the galleryx."); other == same {
		t.Error("pages that differ gave the same identifier")
	}
	// The same letters, another order: the same font subset, another page.
	if other := write("Kathy remembers the gallery, and Hailsham."); other == same {
		t.Error("pages that differ only in their content gave the same identifier")
	}
}

// TestBundledFileIDsDiffer: every PDF of the bundled companion has an
// identifier of its own, though the handouts share their packets' pages
// and fonts.
func TestBundledFileIDsDiffer(t *testing.T) {
	_, files := bundledFiles(t)
	seen := map[string]string{}
	for name, f := range files {
		if !strings.HasSuffix(name, ".pdf") {
			continue
		}
		id := fileIDOf(t, f.Data)
		if other, ok := seen[id]; ok {
			t.Errorf("%s and %s have the same identifier %s", name, other, id)
		}
		seen[id] = name
	}
	if len(seen) < 10 {
		t.Errorf("%d PDFs, want the packets, handouts and answer keys", len(seen))
	}
}
