// Package synthetic makes study-companion projects of any size for
// benchmarks and scale tests: N chapters of about W words, each with what
// real chapters hold (citations with varied locators, italics and bold, a
// footnote, a table, a block quote, an SVG figure, a key quotation and two
// discussion questions, one mapped to a standard).
package synthetic

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
)

// Project returns a valid project of n chapters of about words words each,
// and its size in bytes of source.
func Project(n, words int) (fstest.MapFS, int64) {
	fsys := fstest.MapFS{
		"references.yaml": {Data: []byte("references:\n" +
			"- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], publisher: P, issued: \"1900\"}\n" +
			"- {id: r, type: article-journal, title: A Reading, container-title: Journal, volume: \"3\", page: 1-9, author: [{family: Roe, given: Ann}], issued: \"2001\"}\n")},
		"images/fig.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#cde"/></svg>`)},
	}
	// locators vary, as in a real book, so that citations are not all one
	const sentence = "The narrator returns to *the same scene* with **new** knowledge, and the reader weighs what is said against what is meant [@w, ch. %d]. "
	perSentence := len(strings.Fields(sentence))
	var contents []string
	size := int64(len(fsys["references.yaml"].Data) + len(fsys["images/fig.svg"].Data))
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Chapter %d\nstandards: [ccss-ela:RL.11-12.1]\n", i+1)
		fmt.Fprintf(&b, "quotes:\n  - {id: q%d, text: \"A quoted line.\", cite: \"@w, ch. %d\", verified: true}\n", i, i%20+1)
		fmt.Fprintf(&b, "questions:\n  - {id: a%d, prompt: \"What does it mean?\", type: analytical, bloom: analyze, standards: [ccss-ela:RL.11-12.1], quotes: [q%d], guidance: \"Look closely.\"}\n", i, i)
		fmt.Fprintf(&b, "  - {id: b%d, prompt: \"Why now?\", type: inferential, bloom: understand}\n---\n", i)
		for w := 0; w < words; w += perSentence * 6 {
			for s := range 6 {
				fmt.Fprintf(&b, sentence, (i+w+s)%24+1)
			}
			fmt.Fprintf(&b, "[@r, p. %d]\n\n", (i+w)%9+1)
			if w == 0 {
				b.WriteString("## A section\n\n> A block quote for the argument.[^1]\n\n| Term | Meaning |\n|---|---|\n| carer | one who looks after donors |\n\n![A figure](images/fig.svg)\n\n")
			}
		}
		b.WriteString("[^1]: A footnote.\n")
		p := fmt.Sprintf("chapters/%04d.md", i)
		fsys[p] = &fstest.MapFile{Data: []byte(b.String())}
		size += int64(b.Len())
		contents = append(contents, p)
	}
	// Select only the standard the questions serve: the book then gives
	// no coverage warning.
	manifest := "title: Synthetic\nwork: w\nauthors: [A]\nframeworks: [{id: ccss-ela, standards: [RL.11-12.1]}]\ncontents: [" + strings.Join(contents, ", ") + "]\n"
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
	return fsys, size + int64(len(manifest))
}

// ForPandoc returns the same book as plain Markdown files for pandoc, to
// compare the two on the same text: each chapter's body, headed by its
// title, with the references and the figure; the front matter (quotes,
// questions), which pandoc would not understand, is left out.
func ForPandoc(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{"references.yaml": fsys["references.yaml"], "images/fig.svg": fsys["images/fig.svg"]}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "chapters/") {
			continue
		}
		text := string(f.Data)
		front, body, _ := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
		title, _, _ := strings.Cut(strings.TrimPrefix(front, "title: "), "\n")
		out[name] = &fstest.MapFile{Data: []byte("# " + title + "\n\n" + body)}
	}
	return out
}

// Write writes a project's files under dir, which must not exist yet.
func Write(dir string, fsys fstest.MapFS) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists; give a new folder", dir)
	}
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
