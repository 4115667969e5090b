package book_test

import (
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
)

const fuzzRefs = "- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], issued: \"1900\"}\n"

// FuzzManifest feeds arbitrary companion.yaml text to the loader and
// checker: whatever the text, they must report problems, never panic.
func FuzzManifest(f *testing.F) {
	f.Add("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n")
	f.Add("title: [1, 2]\nwork: {a: b}\nauthors: 5\ncontents: {x: y}\nframeworks: [{id: ccss-ela, standards: [RL.1]}]\n")
	f.Add("contents:\n  - part: P\n    chapters: [../x.md, /etc/passwd, http://x/y.md]\nwork-parts: [{id: p, title: P, chapters: 1-x}]\n")
	f.Add("\ufefftitle: T\r\nwork: w\r\n")
	f.Add("&a [*a, *a]")
	f.Fuzz(func(t *testing.T, manifest string) {
		fsys := fstest.MapFS{
			"companion.yaml":  {Data: []byte(manifest)},
			"references.yaml": {Data: []byte(fuzzRefs)},
			"chapters/a.md":   {Data: []byte("---\ntitle: A\n---\nText [@w].\n")},
		}
		_, d := book.Open(fsys, book.Options{})
		_ = d.Error()
	})
}

// FuzzChapter feeds arbitrary chapter files (front matter and Markdown
// with citations) through load, check and the works cited.
func FuzzChapter(f *testing.F) {
	f.Add("---\ntitle: A\nquotes: [{id: q, text: T, cite: \"@w, ch. 7\", verified: true}]\n---\nText [@w, p. 4; -@w].[^1]\n\n[^1]: Note.\n")
	f.Add("---\ntitle: A\nquestions: [{id: x, prompt: \"*P*\", lines: 99, standards: [a:b]}]\n---\n| a |\n|---|\n| [@w] |\n")
	f.Add("---\ntitle: A\nquestions:\n  - {id: m, prompt: P, answer-format: multiple-choice, points: 2, choices: [{text: \"*R*\", correct: true, feedback: F}, R, ~]}\n  - {id: s, prompt: P, answer-format: short-answer, accept: [a, A, \"\"], answer: x}\n  - {id: t, prompt: P, answer-format: true-false, answer: no}\n---\n")
	f.Add("---\n---\n<div>x</div> ![](x.png) [a](../b) [@]")
	f.Add("no front matter [@w\n, ch. 1] [-@ w] [@w](x)")
	f.Add("---\ntitle: \"\xff\"\n---\n")
	f.Fuzz(func(t *testing.T, chapter string) {
		fsys := fstest.MapFS{
			"companion.yaml":  {Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n")},
			"references.yaml": {Data: []byte(fuzzRefs)},
			"chapters/a.md":   {Data: []byte(chapter)},
		}
		b, d := book.Open(fsys, book.Options{Draft: true})
		if !d.HasErrors() {
			for _, e := range b.WorksCited() {
				_ = e.Text.HTML()
			}
		}
	})
}

// FuzzReferences feeds arbitrary CSL-YAML and CSL-JSON to the reference
// reader and formats whatever it accepts in every style.
func FuzzReferences(f *testing.F) {
	f.Add("references.yaml", fuzzRefs)
	f.Add("references.json", `[{"id":"a","type":"article-journal","title":"T","author":[{"family":"X"}],"issued":{"date-parts":[[2001,2,3]]},"page":"1-9"}]`)
	f.Add("references.yaml", "references:\n- id: a\n  type: motion_picture\n  director: [{literal: D}]\n  issued: 2010-13-40\n")
	f.Add("references.json", `[{"id":1,"type":[],"issued":{"date-parts":[["x"]]}}]`)
	f.Fuzz(func(t *testing.T, name, data string) {
		if name != "references.json" {
			name = "references.yaml"
		}
		refs, d := cite.Parse(name, []byte(data))
		if d.HasErrors() || len(refs) == 0 {
			return
		}
		for _, st := range []cite.Style{cite.MLA, cite.APA, cite.Chicago} {
			p := cite.New(st, refs)
			for _, e := range p.WorksCited() {
				_ = e.Text.Plain()
			}
			_ = p.Cite([]cite.Item{{Key: refs[0].ID, Label: "page", Locator: "4"}})
		}
	})
}
