// Package synthetic makes study-companion projects of any size for
// benchmarks and scale tests: N chapters of about W words, each with what
// real chapters hold. Project's chapters are light (citations with varied
// locators, italics and bold, a footnote, a table, a block quote, an SVG
// figure, a key quotation and two discussion questions, one mapped to a
// standard); RichProject's hold more of each, as the densest real chapters
// do: a citation in most sentences, several footnotes, nested lists,
// tables, block quotes, links, code spans and 20 distinct figures across
// the book.
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
		p := chapterPath(i)
		fsys[p] = &fstest.MapFile{Data: []byte(b.String())}
		size += int64(b.Len())
		contents = append(contents, p)
	}
	m := manifest(contents)
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(m)}
	return fsys, size + int64(len(m))
}

// manifest is a synthetic project's companion.yaml. It selects only the
// standard the questions serve: the book then gives no coverage warning.
func manifest(contents []string) string {
	return "title: Synthetic\nwork: w\nauthors: [A]\nframeworks: [{id: ccss-ela, standards: [RL.11-12.1]}]\ncontents: [" + strings.Join(contents, ", ") + "]\n"
}

// ForPandoc returns the same book as plain Markdown files for pandoc, to
// compare the two on the same text: each chapter's body, headed by its
// title, with the references and the figures; the front matter (quotes,
// questions), which pandoc would not understand, is left out.
func ForPandoc(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{"references.yaml": fsys["references.yaml"]}
	for name, f := range fsys {
		if strings.HasPrefix(name, "images/") {
			out[name] = f
		}
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

// richReferences are the works a rich project cites: a book, an article,
// a chapter in an edited book and a newspaper article with a URL.
const richReferences = "references:\n" +
	"- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], publisher: P, publisher-place: London, issued: \"1900\"}\n" +
	"- {id: r, type: article-journal, title: A Reading, container-title: Journal, volume: \"3\", issue: \"2\", page: 1-9, author: [{family: Roe, given: Ann}], issued: \"2001\"}\n" +
	"- {id: c, type: chapter, title: The Chapter, container-title: Essays on the Work, editor: [{family: Poe, given: Lee}], publisher: Q, page: 20-45, author: [{family: Moe, given: Sam}, {family: Low, given: Kit}], issued: \"2010\"}\n" +
	"- {id: n, type: article-newspaper, title: A Review, container-title: The Daily, author: [{family: Hale, given: Jo}], issued: {date-parts: [[2005, 4, 4]]}, URL: \"https://example.org/review\"}\n"

// richFigures is how many distinct figures a rich project has; chapters
// take them in turn. They are shapes only.
const richFigures = 20

// richSentences are the sentences a rich paragraph draws from, in turn; %d
// is a locator. Most cite a work; some carry a code span or a link.
var richSentences = []string{
	"The narrator returns to *the same scene* with **new** knowledge, and the reader weighs what is said against what is meant [@w, ch. %d]. ",
	"Critics read the episode as a study of memory and of what memory leaves out [@r, p. %d]. ",
	"The word `donation` carries a weight the characters never name aloud [@c, p. %d; @w, ch. 2]. ",
	"A contemporary review called the effect *quietly devastating* [@n]. ",
	"Nobody in the novel asks the obvious question, and the silence is the point. ",
	"Compare the scene in [the next chapter](%s), where the same gesture returns with its meaning changed [@w, ch. %d]. ",
	"The school’s rules, like `no smoking`, stand for a larger order the students absorb without seeing it [@r, pp. %d–12]. ",
	"Some readers find the calm of the telling harder to bear than any open protest would be ([@c, p. %d]; see also [a summary](https://example.org/summary)). ",
}

// RichProject returns a valid project of n rich chapters of about words
// words each (the benchmark uses 1,570), and its size in bytes of
// source.
func RichProject(n, words int) (fstest.MapFS, int64) {
	fsys := fstest.MapFS{"references.yaml": {Data: []byte(richReferences)}}
	size := int64(len(richReferences))
	for f := range richFigures {
		svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120"><rect width="240" height="120" fill="#%02xccee"/><circle cx="%d" cy="60" r="%d" fill="#335"/><rect x="12" y="100" width="%d" height="8" fill="#335"/></svg>`, f*12, 20+f*10, 10+f, 10*(f+1))
		fsys[richFigure(f)] = &fstest.MapFile{Data: []byte(svg)}
		size += int64(len(svg))
	}
	var contents []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Chapter %d\nstandards: [ccss-ela:RL.11-12.1]\n", i+1)
		fmt.Fprintf(&b, "quotes:\n  - {id: q%d, text: \"A quoted line.\", cite: \"@w, ch. %d\", verified: true}\n", i, i%20+1)
		fmt.Fprintf(&b, "questions:\n  - {id: a%d, prompt: \"What does `it` mean in [@w, ch. %d]?\", type: analytical, bloom: analyze, standards: [ccss-ela:RL.11-12.1], quotes: [q%d], guidance: \"Look closely at *the ending*.\"}\n", i, i%20+1, i)
		fmt.Fprintf(&b, "  - {id: b%d, prompt: \"Why now?\", type: inferential, bloom: understand}\n---\n", i)
		richBody(&b, i, n, words)
		p := chapterPath(i)
		fsys[p] = &fstest.MapFile{Data: []byte(b.String())}
		size += int64(b.Len())
		contents = append(contents, p)
	}
	m := manifest(contents)
	fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(m)}
	return fsys, size + int64(len(m))
}

func chapterPath(i int) string { return fmt.Sprintf("chapters/%04d.md", i) }

func richFigure(f int) string { return fmt.Sprintf("images/fig-%02d.svg", f) }

// richBody writes chapter i's body (of n chapters) in sections, each a
// paragraph, a nested list, a table, a block quote, a figure and another
// paragraph, until it has about words words. Footnote labels name the
// chapter, so that pandoc, which reads every chapter as one document, sees
// each note once.
func richBody(b *strings.Builder, i, n, words int) {
	next := chapterPath((i + 1) % n)
	start := b.Len()
	sentence := i
	paragraph := func(k int) {
		for s := range 6 {
			t := richSentences[sentence%len(richSentences)]
			loc := (i+k+s)%24 + 1
			switch strings.Count(t, "%") {
			case 1:
				fmt.Fprintf(b, t, loc)
			case 2:
				fmt.Fprintf(b, t, next, loc)
			default:
				b.WriteString(t)
			}
			sentence++
		}
		b.WriteString("\n\n")
	}
	for k := 0; len(strings.Fields(b.String()[start:])) < words; k++ {
		note := fmt.Sprintf("c%d-%d", i, k)
		fmt.Fprintf(b, "## Section %d\n\n", k+1)
		paragraph(k)
		fmt.Fprintf(b, "- The first pattern: *repetition* with a difference [@w, ch. %d].[^%s]\n", k%24+1, note)
		b.WriteString("  - at school, where `the rules` are learned [@r, p. 3];\n")
		b.WriteString("  - in the cottages, where they are **questioned** [@c, p. 31].\n")
		b.WriteString("- The second pattern: silence.\n")
		b.WriteString("  1. What is not said [@n].\n")
		b.WriteString("  2. What cannot be said.\n\n")
		b.WriteString("| Term | Meaning | Where |\n|---|---|---|\n")
		fmt.Fprintf(b, "| carer | one who looks after donors | [@w, ch. %d] |\n", k%24+1)
		b.WriteString("| donor | one who gives | [@r, p. 5] |\n")
		b.WriteString("| `completion` | the end, never called death | [@c, p. 40] |\n\n")
		fmt.Fprintf(b, "> A block quote for the argument, which *turns* on one word [@w, ch. %d].\n>\n> It goes on, as such passages do.\n\n", k%24+1)
		f := (i*3 + k) % richFigures
		fmt.Fprintf(b, "![Figure %d: a diagram of the pattern](%s)\n\n", f+1, richFigure(f))
		paragraph(k + 1)
		fmt.Fprintf(b, "[^%s]: A footnote on the pattern, citing [@r, p. %d].\n\n", note, k%9+1)
	}
}
