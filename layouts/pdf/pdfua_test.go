package pdf

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/pdfua"
)

// The handouts are not tagged yet (issue 15, §4): the PDF/UA checker
// reports exactly that, on every file — no structure tree, no XMP, not
// declared marked, and every page's content unmarked — and nothing of
// what they already do right: /Lang, the title displayed, every font
// embedded with a ToUnicode CMap. When tagging lands, this test becomes
// "no findings".
func TestHandoutsAreUntagged(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	files, order, _ := renderFiles(t, b, options(layouts.All, "letter", true))
	checked := 0
	for _, p := range order {
		if !strings.HasSuffix(p, ".pdf") {
			continue
		}
		checked++
		findings, err := pdfua.Check(files[p].Data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var doc []string
		pages := map[int]bool{}
		for _, f := range findings {
			switch {
			case f.Page == 0:
				doc = append(doc, f.Checkpoint)
			case f.Checkpoint == "01-005":
				pages[f.Page] = true
			default:
				t.Errorf("%s: %s", p, f)
			}
		}
		if got, want := strings.Join(doc, " "), "UA1:7.1 06-001 01-005"; got != want {
			t.Errorf("%s: document findings %s, want %s:\n%v", p, got, want, findings)
		}
		if n := pageCount(t, files[p].Data); len(pages) != n {
			t.Errorf("%s: unmarked content found on %d pages of %d", p, len(pages), n)
		}
	}
	if checked == 0 {
		t.Fatal("no PDF was rendered")
	}
}

// pageCount is the /Count of a file's page tree.
func pageCount(t *testing.T, data []byte) int {
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := f.Get(f.Trailer, "Root").(pdfobj.Dict)
	pages, _ := f.Get(root, "Pages").(pdfobj.Dict)
	n, _ := pages.Get("Count").(pdfobj.Integer)
	return int(n)
}
