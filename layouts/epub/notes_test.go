package epub

import (
	"context"
	"fmt"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/xhtml/xhtmltest"
)

// contentDocument is the content document file of the EPUB of b's edition ed.
func contentDocument(t *testing.T, b *book.Book, ed layouts.Edition, file string) string {
	t.Helper()
	data, _, err := renderEdition(context.Background(), b, ed, options(ed, true))
	if err != nil {
		t.Fatal(err)
	}
	page, ok := unzipped(t, data)["EPUB/xhtml/"+file]
	if !ok {
		t.Fatalf("%s edition: no document %s", ed, file)
	}
	return page
}

// epubPages is how xhtmltest's checks of notes read the EPUB's documents:
// a chapter's is ch01-slug.xhtml, and a note's call carries epub:type.
var epubPages = xhtmltest.Format{
	Name: "edition",
	Page: func(t *testing.T, b *book.Book, ed layouts.Edition, doc xhtmltest.Doc) string {
		if doc.Name != "" {
			return contentDocument(t, b, ed, doc.Name+".xhtml")
		}
		return contentDocument(t, b, ed, fmt.Sprintf("ch%02d-%s.xhtml", doc.Number, doc.Slug))
	},
	Call: `epub:type="noteref" `,
}

func TestPromptNotesNumberOn(t *testing.T) {
	xhtmltest.PromptNotesNumberOn(t, epubPages, "testdata/full.txtar")
}

func TestChoiceAndAnswerNotes(t *testing.T) { xhtmltest.ChoiceAndAnswerNotes(t, epubPages) }

func TestSilentCitationsApart(t *testing.T) { xhtmltest.SilentCitationsApart(t, epubPages) }

func TestDefinitionNotes(t *testing.T) { xhtmltest.DefinitionNotes(t, epubPages) }
