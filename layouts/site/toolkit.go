package site

import (
	"html"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The teacher's toolkit on the site, the same documents as the EPUB's
// (package toolkit writes them and says which sections the back matter
// has): the glossary, the characters and the
// timeline on both sites; the theme tracker, the rubrics and the pacing
// calendars on the teacher's. Each is a page at the site's top level.

// backMatterPage is the site path of the back matter's section named
// name (toolkit.BackMatter).
func backMatterPage(name string) string { return name + ".html" }

// toolkitPages writes the edition's toolkit pages and their entries in
// the search index.
func (s *builder) toolkitPages() {
	glossary := ""
	for _, d := range toolkit.BackMatter(s.b, s.teacher) {
		if !d.Toolkit() {
			continue
		}
		if d.Name == toolkit.Glossary {
			glossary = d.Title
		}
		here := backMatterPage(d.Name)
		w := toolkit.Writer{
			Book: s.b, Teacher: s.teacher, Scroll: true, TermIDs: s.termIDs,
			Chapter: func(c *book.Chapter) string { return href(rel(here, chapterPage(c))) },
			Inline: func(m *book.Markdown, notePrefix string, notesFrom int) (string, string) {
				return s.inline(here, m, notePrefix, notesFrom)
			},
			Prompt: func(q *book.Question) string {
				return xhtml.PlainText(hooks{s: s, here: here, m: q.Prompt, cites: s.alone, diags: &s.diags}, xhtml.Inline(q.Prompt.Doc))
			},
		}
		body := w.Body(d.Name)
		s.add(here, s.backPage(here, d.Title, body))
		s.search.add(entry{Title: d.Title, Where: s.b.Title, URL: here, Text: pageText(body)})
	}
	if glossary != "" {
		for _, t := range s.b.Vocabulary() {
			s.search.add(entry{Title: t.Term, Where: glossary, URL: backMatterPage(toolkit.Glossary) + "#" + s.termIDs[t], Text: bodyText(t.Definition)})
		}
	}
}

// inline writes inline Markdown (a definition, a descriptor) for the page
// at here, its notes apart (toolkit.Writer.Inline).
func (s *builder) inline(here string, m *book.Markdown, notePrefix string, notesFrom int) (text, notes string) {
	x := xhtml.New(hooks{s, here, m, s.alone, &s.diags}, xhtml.Options{Notes: s.alone,
		NotePrefix: notePrefix, NotesFrom: notesFrom, BackToText: s.label("back-to-text")})
	if len(m.Doc.Blocks) == 1 {
		if p, ok := m.Doc.Blocks[0].(*doc.Paragraph); ok {
			return x.Inlines(p.Inlines), x.Notes(m.Doc.Notes)
		}
	}
	return strings.TrimSpace(x.Blocks(m.Doc.Blocks)), x.Notes(m.Doc.Notes)
}

// terms links the first use of each term in the text of the chapter page
// at here to the glossary; nil when the book has no vocabulary. Each page
// needs its own.
func (s *builder) terms(here string) *xhtml.Terms {
	return xhtml.GlossaryTerms(s.termIDs, rel(here, backMatterPage(toolkit.Glossary)))
}

// pageText is a page's words as the search matches them, tags dropped:
// each tag, from a < to the next >, counts as a space; a < no > follows is
// text. A scan, not a regular expression: the backtracking matcher was
// most of the time of reading a toolkit page's words.
func pageText(body string) string {
	var text strings.Builder
	text.Grow(len(body))
	for {
		open := strings.IndexByte(body, '<')
		if open < 0 {
			break
		}
		end := strings.IndexByte(body[open:], '>')
		if end < 0 {
			break
		}
		text.WriteString(body[:open])
		text.WriteByte(' ')
		body = body[open+end+1:]
	}
	text.WriteString(body)
	return strings.Join(strings.Fields(html.UnescapeString(text.String())), " ")
}
