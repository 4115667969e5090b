package epub

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestSVGCarriedSafe: the EPUB carries the SVG that book/svg checked, less
// the DOCTYPE EPUB forbids, and otherwise byte for byte.
func TestSVGCarriedSafe(t *testing.T) {
	const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#cde"/></svg>` + "\n"
	fsys := booktest.Fixture(t, filepath.Join("testdata", "small.txtar"))
	fsys["images/map.svg"] = &fstest.MapFile{Data: []byte("<?xml version=\"1.0\"?>\n" +
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">" + drawing)}
	ch := fsys["chapters/01-only.md"]
	ch.Data = append(ch.Data, "\n\n![A map](images/map.svg)\n"...)
	b := booktest.MustOpen(t, fsys, book.Options{})
	data, _, err := renderEdition(context.Background(), b, layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := unzipped(t, data)["EPUB/images/map.svg"]
	if !ok {
		t.Fatal("the EPUB has no EPUB/images/map.svg")
	}
	if want := "<?xml version=\"1.0\"?>\n" + drawing; got != want {
		t.Errorf("the EPUB's SVG is\n%q\nwant\n%q", got, want)
	}
	if strings.Contains(got, "DOCTYPE") {
		t.Error("the DOCTYPE is still there")
	}
}

// TestFigureCaptions: an image alone in its paragraph is a <figure>
// captioned by its title, else by its description (then not said twice:
// its alt is empty); among words it stays an image in its paragraph.
func TestFigureCaptions(t *testing.T) {
	const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#cde"/></svg>`
	fsys := booktest.Fixture(t, filepath.Join("testdata", "small.txtar"))
	fsys["images/map.svg"] = &fstest.MapFile{Data: []byte(drawing)}
	ch := fsys["chapters/01-only.md"]
	ch.Data = append(ch.Data, "\n\n![A map](images/map.svg \"The cottages & the barns\")\n\n![A map](images/map.svg)\n\nSee ![A map](images/map.svg \"Inline\") here.\n"...)
	b := booktest.MustOpen(t, fsys, book.Options{})
	data, _, err := renderEdition(context.Background(), b, layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	var chapter string
	for name, text := range unzipped(t, data) {
		if strings.Contains(text, "images/map.svg") && strings.HasSuffix(name, ".xhtml") {
			chapter = text
		}
	}
	for _, want := range []string{
		`<figure class="figure"><img src="../images/map.svg" alt="A map" /><figcaption>The cottages &amp; the barns</figcaption></figure>`,
		`<figure class="figure"><img src="../images/map.svg" alt="" /><figcaption>A map</figcaption></figure>`,
		`<p>See <img src="../images/map.svg" alt="A map" title="Inline" /> here.</p>`,
	} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the chapter lacks\n%s\nin\n%s", want, chapter)
		}
	}
}
