package pdf

import (
	"bytes"
	"runtime"
	"testing"
	"weak"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// TestLastFileLetsStructureGo writes pages with a paragraph and a link in
// it twice: as any file, after which their structure elements are still
// needed, and as the last file of those pages, after which nothing may
// keep them (a long book's packet has a few hundred thousand). Both files
// are the same bytes.
func TestLastFileLetsStructureGo(t *testing.T) {
	g := newGeometry("letter")
	s := &setter{fonts: richtext.Serif(), g: g}
	p := tagged.New(tagged.Sect).Add(tagged.P)
	spans := []richtext.Span{
		{Text: "Read the notes at ", Size: 10.5, Color: inkText},
		{Text: "https://example.org/notes", Size: 10.5, Color: inkText, Link: "https://example.org/notes"},
	}
	r, err := render(g, paginate(&section{rows: s.rows(spans, block{w: g.measure(), tag: p})}, g), false)
	if err != nil {
		t.Fatal(err)
	}
	elem := weak.Make(p)
	p = nil
	if len(r.links[0]) == 0 {
		t.Fatal("the page has no link: the test draws none")
	}
	earlier, err := r.part(0, r.pages, document{lang: "en"}, g, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if elem.Value() == nil {
		t.Fatal("a structure element went before the last file of its pages was written")
	}
	last, err := r.part(0, r.pages, document{lang: "en"}, g, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if elem.Value() != nil {
		t.Error("a structure element outlived the last file of its pages")
	}
	runtime.KeepAlive(r) // what is let go, not the pages with it
	if !bytes.Equal(earlier, last) {
		t.Error("the last file of the pages differs from the same pages written before it")
	}
}
