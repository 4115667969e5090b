package epub

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

// A chapter's body is written as normalize packs its document, not
// before, so that an edition never holds every chapter's text at once:
// documents lists the chapters with nothing written, and each is written
// once, when the edition is packed.
func TestChaptersWrittenAsPacked(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	e := newEdition(b, true, options(layouts.Teacher, true))
	docs := e.documents()
	var mu sync.Mutex // normalize writes documents in parallel
	writes := map[string]int{}
	chapters := 0
	for i, d := range docs {
		if d.chapter == nil {
			continue
		}
		chapters++
		if d.Body != "" || d.write == nil {
			t.Fatalf("%s: documents wrote the chapter's body before packing", d.File)
		}
		write := d.write
		docs[i].write = func() string {
			mu.Lock()
			writes[d.File]++
			mu.Unlock()
			return write()
		}
	}
	if chapters == 0 {
		t.Fatal("the fixture has no chapter (the case this test is about)")
	}
	raw, style, err := e.assemble(nil)
	if err != nil {
		t.Fatal(err)
	}
	info := e.packageInfo()
	if info.Documents, err = packageDocs(docs); err != nil {
		t.Fatal(err)
	}
	info.Style = style
	if _, err := normalize(context.Background(), raw, info); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.chapter != nil && writes[d.File] != 1 {
			t.Errorf("%s: written %d times, want once", d.File, writes[d.File])
		}
	}
}

// The chapters' warnings, found as their bodies are written, go where
// they stand in reading order: after the front matter's, before the back
// matter's.
func TestChapterWarningsInReadingOrder(t *testing.T) {
	at := func(s string) diag.Diagnostic { return diag.Diagnostic{Message: s} }
	e := &edition{diags: diag.List{at("contents"), at("works cited")}, chapterWarnings: 1,
		written: []*chapterDoc{{diags: diag.List{at("chapter 1")}}, {}, {diags: diag.List{at("chapter 3a"), at("chapter 3b")}}}}
	e.gatherChapterWarnings()
	var got []string
	for _, d := range e.diags {
		got = append(got, d.Message)
	}
	if want := []string{"contents", "chapter 1", "chapter 3a", "chapter 3b", "works cited"}; !slices.Equal(got, want) {
		t.Errorf("warnings %q, want %q", got, want)
	}
}

// go-epub is given no content document: it would rebuild a map of every
// document's name for each one added, quadratic in the chapters. What it
// writes holds its own navigation document only, which normalize drops.
func TestGoEpubWritesNoContentDocument(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	e := newEdition(b, true, options(layouts.Teacher, true))
	e.documents()
	raw, _, err := e.assemble(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name := range unzipped(t, raw) {
		if strings.HasSuffix(name, ".xhtml") && name != "EPUB/nav.xhtml" {
			t.Errorf("go-epub wrote %s", name)
		}
	}
}
