package epub

import (
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The teacher's toolkit in the EPUB (package toolkit writes it and says
// which sections the back matter has): a glossary the chapters' terms
// link to, the characters and the timeline in both editions; the theme
// tracker, the rubrics and the pacing calendars in the teacher's.

// glossaryFile is the glossary's content document, which terms link to.
var glossaryFile = backFile(toolkit.Glossary)

// backFile is the content document of the back matter's section named
// name (toolkit.BackMatter).
func backFile(name string) string { return name + ".xhtml" }

// toolkitBody writes the toolkit document named name.
func (e *edition) toolkitBody(name string) string {
	w := toolkit.Writer{
		Book: e.b, Teacher: e.teacher, EPUB: true, TermIDs: e.termID,
		Chapter: func(c *book.Chapter) string { return e.chapterByPath[c.Path].File },
		Inline:  e.inlineHTML,
		Prompt:  e.promptText,
	}
	return w.Body(name)
}

// terms links the first use of each term in a chapter's text to the
// glossary; nil when the book has no vocabulary.
func (e *edition) terms() *xhtml.Terms { return xhtml.GlossaryTerms(e.termID, glossaryFile) }

// inlineHTML writes inline Markdown (a definition, a descriptor) for a
// toolkit document, its notes apart (toolkit.Writer.Inline).
func (e *edition) inlineHTML(m *book.Markdown, notePrefix string, notesFrom int) (text, notes string) {
	x := xhtml.New(pieceHooks{e, m, e.alone, &e.diags}, xhtml.Options{EPUB: true, Notes: e.alone,
		NotePrefix: notePrefix, NotesFrom: notesFrom, BackToText: e.label("back-to-text")})
	if len(m.Doc.Blocks) == 1 {
		if p, ok := m.Doc.Blocks[0].(*doc.Paragraph); ok {
			return x.Inlines(p.Inlines), x.Notes(m.Doc.Notes)
		}
	}
	return strings.TrimSpace(x.Blocks(m.Doc.Blocks)), x.Notes(m.Doc.Notes)
}

// promptText is a question's prompt as plain text.
func (e *edition) promptText(q *book.Question) string {
	var parts []string
	for _, b := range q.Prompt.Doc.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			parts = append(parts, xhtml.PlainText(pieceHooks{e: e, cites: e.alone}, b.Inlines))
		case *doc.Plain:
			parts = append(parts, xhtml.PlainText(pieceHooks{e: e, cites: e.alone}, b.Inlines))
		}
	}
	return strings.Join(parts, " ")
}
