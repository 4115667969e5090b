package epub

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"How to use this companion": "how-to-use-this-companion",
		"Élodie’s Room":             "elodie-s-room",
		"Ἰθάκη":                     "",
		"Café talk: Ἰθάκη":          "cafe-talk",
		"  1984 — and after ":       "1984-and-after",
	} {
		if got := book.Slug(in); got != want {
			t.Errorf("book.Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// headingsProject is a one-chapter project whose headings test the ids:
// duplicates, Greek only, a leading digit, the names the chapter document
// uses itself, and links to fragments that exist and do not.
var headingsProject = fstest.MapFS{
	"companion.yaml":  {Data: []byte("title: Headings\nwork: w\nauthors: [A]\ncontents: [chapters/one.md]\n")},
	"references.yaml": {Data: []byte("- {id: w, type: book, title: W, author: [{family: X, given: Y}], issued: {date-parts: [[2000]]}}\n")},
	"chapters/one.md": {Data: []byte(`---
title: One
quotes:
  - {id: q, text: A quote., cite: "@w, p. 1", verified: true}
---
[Good](#themes), [also good](chapters/one.md#themes), [quote](#quote-q), [bad](#nowhere).

## Themes

## Themes

## Ἰθάκη

## 1984

## Key quotations

### Fnord
`)},
}

func TestHeadingIDsAndLinks(t *testing.T) {
	b := booktest.MustOpen(t, headingsProject, book.Options{})
	data, diags, err := renderEdition(context.Background(), b, layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	doc := unzipped(t, data)["EPUB/xhtml/ch01-one.xhtml"]
	for _, want := range []string{
		`<h2 id="themes">Themes</h2>`,
		`<h2 id="themes-2">Themes</h2>`,
		`<h2 id="section-3">Ἰθάκη</h2>`,
		`<h2 id="s-1984">1984</h2>`,
		`<h2 id="key-quotations-2">Key quotations</h2>`,
		`<h3 id="s-fnord">Fnord</h3>`,
		`<h2 id="key-quotations">Key quotations</h2>`,
		`<a href="#themes">Good</a>`,
		`<a href="#themes">also good</a>`,
		`<a href="#quote-q">quote</a>`,
		`<a href="ch01-one.xhtml">bad</a>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the chapter lacks %s", want)
		}
	}
	// The check warned about #nowhere (book/testdata/rules/links.txtar);
	// the EPUB trusts it and says nothing more.
	if len(diags) != 0 {
		t.Errorf("the EPUB warns: %v", diags)
	}
	nav := unzipped(t, data)["EPUB/xhtml/contents.xhtml"]
	if !strings.Contains(nav, `<a href="ch01-one.xhtml#section-3">Ἰθάκη</a>`) || strings.Contains(nav, "Fnord") {
		t.Errorf("the contents should list the chapter's ## sections and only those:\n%s", nav)
	}
}

// TestEntities: XHTML knows no HTML entities; the text comes out as
// characters or XML's own escapes, never &nbsp; or &copy;.
func TestEntities(t *testing.T) {
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: E\nwork: w\nauthors: [A]\ncontents: [chapters/one.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: W, author: [{family: X, given: Y}], issued: {date-parts: [[2000]]}}\n")},
		"chapters/one.md": {Data: []byte("---\ntitle: One\n---\nA&nbsp;b &copy; &#8212; AT&T &amp; `<code>` <https://example.com/?a=1&b=2> \\<tag\\> x < y\n")},
	}
	data, _, err := renderEdition(context.Background(), booktest.MustOpen(t, fsys, book.Options{}), layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	doc := unzipped(t, data)["EPUB/xhtml/ch01-one.xhtml"]
	want := `<p>A` + "\u00a0" + `b © — AT&amp;T &amp; <code>&lt;code&gt;</code> <a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a> &lt;tag&gt; x &lt; y</p>`
	if !strings.Contains(doc, want) {
		t.Errorf("the chapter lacks\n%s\nin\n%s", want, doc)
	}
}
