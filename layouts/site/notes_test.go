package site

import (
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/xhtml/xhtmltest"
)

// sitePage is the page at path of b's site for edition ed.
func sitePage(t *testing.T, b *book.Book, ed layouts.Edition, path string) string {
	t.Helper()
	data, ok := build(t, b, ed)[path]
	if !ok {
		t.Fatalf("%s site: no page %s", ed, path)
	}
	return string(data)
}

// sitePages is how xhtmltest's checks of notes read the site's pages: a
// chapter's is chapters/slug.html.
var sitePages = xhtmltest.Format{
	Name: "site",
	Page: func(t *testing.T, b *book.Book, ed layouts.Edition, doc xhtmltest.Doc) string {
		if doc.Name != "" {
			return sitePage(t, b, ed, doc.Name+".html")
		}
		return sitePage(t, b, ed, "chapters/"+doc.Slug+".html")
	},
}

func TestPromptNotesNumberOn(t *testing.T) {
	xhtmltest.PromptNotesNumberOn(t, sitePages, "testdata/full.txtar")
}

func TestChoiceAndAnswerNotes(t *testing.T) { xhtmltest.ChoiceAndAnswerNotes(t, sitePages) }

func TestSilentCitationsApart(t *testing.T) { xhtmltest.SilentCitationsApart(t, sitePages) }

func TestDefinitionNotes(t *testing.T) { xhtmltest.DefinitionNotes(t, sitePages) }
