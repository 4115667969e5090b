package book

import (
	"slices"
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/doc"
)

// authorNamed warns, in MLA style, of a citation without a locator whose
// author the sentence before it already names: "Orwell's Nineteen
// Eighty-Four (Orwell)" says the name twice, and MLA prints no
// parenthesis then. [-@key] keeps the work in the works cited and prints
// nothing. Other styles are left alone: a note style's footnote, or an
// author-date style's year, still says something the sentence does not.
func (c *checker) authorNamed(m *Markdown) {
	if m == nil || c.book.Style != cite.MLA {
		return
	}
	doc.Walk(m.Doc, func(n any) bool {
		switch n := n.(type) {
		case *doc.Paragraph:
			c.authorNamedIn(m, n.Inlines)
		case *doc.Plain:
			c.authorNamedIn(m, n.Inlines)
		case *doc.Cell:
			c.authorNamedIn(m, n.Inlines)
		}
		return true
	})
}

func (c *checker) authorNamedIn(m *Markdown, is []doc.Inline) {
	if !slices.ContainsFunc(is, func(in doc.Inline) bool { _, ok := in.(*doc.Citation); return ok }) {
		return // most paragraphs cite nothing: no need to read their text
	}
	var before strings.Builder // the paragraph's text up to the citation
	for _, in := range is {
		cn, ok := in.(*doc.Citation)
		if !ok {
			before.WriteString(doc.PlainText([]doc.Inline{in}))
			continue
		}
		if cn.Err != nil {
			continue
		}
		sentence := lastSentence(before.String())
		for _, it := range cn.Items {
			r := c.refs[it.Key]
			if r == nil || it.SuppressAuthor || it.Locator != "" {
				continue
			}
			if name, ok := namedAuthor(r, sentence); ok {
				c.diags.Warnf(m.NodePos(cn), "the citation of @%s repeats its author: the sentence already names %s", it.Key, name)
				c.diags.Hintf("write [-@%s]: in MLA style a work whose author the sentence names takes no parenthesis, and it stays in the works cited", it.Key)
			}
		}
	}
}

// lastSentence is the sentence a text ends in: what follows its last full
// stop, question or exclamation mark and a space.
func lastSentence(s string) string {
	for i := len(s) - 2; i >= 0; i-- {
		if strings.IndexByte(".?!", s[i]) >= 0 && s[i+1] == ' ' {
			return s[i+1:]
		}
	}
	return s
}

// namedAuthor is the family name of the reference's first author (else
// editor or director, as MLA cites a film) that the sentence holds as a
// word.
func namedAuthor(r *cite.Reference, sentence string) (string, bool) {
	for _, names := range [][]cite.Name{r.Author, r.Editor, r.Director} {
		if len(names) == 0 {
			continue
		}
		family := names[0].Family
		if family == "" {
			family = names[0].Literal
		}
		if family != "" && hasWords(sentence, family) {
			return family, true
		}
		return "", false
	}
	return "", false
}
