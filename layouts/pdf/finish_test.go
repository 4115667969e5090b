package pdf

import (
	"bytes"
	"reflect"
	"testing"
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
