// Package xhtmltest is what the tests of the EPUB and the site share
// about the pages package xhtml writes for both: the check that a page's
// notes are numbered and linked as a reader follows them, the edits of
// the fixtures that put notes and citations where those pages print
// them, and the tests of those notes themselves, run by each format
// through a Format that says how it reads its pages.
package xhtmltest

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book/booktest"
)

var (
	id = regexp.MustCompile(` id="([^"]+)"`)
	// call is a note's call: its id, the note it leads to, its number.
	call = regexp.MustCompile(`<a class="noteref" id="([^"]+)" href="#([^"]+)"[^>]*>(\d+)</a>`)
	// note is a note's opening: its id, the call it leads back to, its
	// number.
	note = regexp.MustCompile(`<aside class="footnote" id="([^"]+)"[^>]*>\s*<p><a class="note-number" href="#([^"]+)"[^>]*>(\d+)\.</a>`)
)

// Notes checks the notes of page, a chapter's or the answer key's, and
// returns how many it prints: every id on it once; the notes numbered 1,
// 2, 3 … in one sequence, none twice (a question's notes number on from
// the chapter's, a model answer's from the key's before it); each call
// leading to a note that prints its number, and each note back to a call
// on the page. where names the page in the test's messages.
func Notes(t testing.TB, where, page string) int {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range id.FindAllStringSubmatch(page, -1) {
		if ids[m[1]] {
			t.Errorf("%s: id %q twice", where, m[1])
		}
		ids[m[1]] = true
	}
	printed := map[string]string{} // a note's number by its id
	var numbers []int
	for _, m := range note.FindAllStringSubmatch(page, -1) {
		printed[m[1]] = m[3]
		n, _ := strconv.Atoi(m[3])
		numbers = append(numbers, n)
		if !ids[m[2]] {
			t.Errorf("%s: note %s leads back to #%s, which is not on the page", where, m[3], m[2])
		}
	}
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != i+1 {
			t.Errorf("%s: the notes are numbered %v, want 1 to %d, each once", where, numbers, len(numbers))
			break
		}
	}
	for _, m := range call.FindAllStringSubmatch(page, -1) {
		switch n, ok := printed[m[2]]; {
		case !ok:
			t.Errorf("%s: call %s leads to #%s, which is no note on the page", where, m[3], m[2])
		case n != m[3]:
			t.Errorf("%s: call %s leads to note %s", where, m[3], n)
		}
	}
	return len(numbers)
}

// Fixture edits the EPUB's and the site's tests share: what each adds to
// a fixture of the learning platforms (layouts/lms/testdata), read as
// fsys, and what the pages must then print.

// AddAnswerNotes adds footnotes to the platforms' questions.txtar: one to
// the first chapter's text, one to a correct choice, and one to each of
// two model answers, of two chapters, so that the answer key shows two.
func AddAnswerNotes(t testing.TB, fsys fstest.MapFS) {
	t.Helper()
	booktest.Edit(t, fsys, "chapters/01-hailsham.md", "---\nBody.\n", "---\nBody.[^body]\n\n[^body]: The chapter's note.\n")
	booktest.Edit(t, fsys, "chapters/01-hailsham.md", `      - {text: Miss Lucy, correct: true, feedback: "Yes: in chapter 7 {the pavilion}."}`+"\n",
		"      - text: |\n          Miss Lucy[^guardian]\n\n          [^guardian]: A guardian, in chapter 7.\n"+
			`        correct: true`+"\n"+`        feedback: "Yes: in chapter 7 {the pavilion}."`+"\n")
	booktest.Edit(t, fsys, "chapters/01-hailsham.md", "    answer: Because they are the students’ only way to own something & to be judged.\n",
		"    answer: |\n      Because they are the students’ only way to own something & to be judged.[^own]\n\n      [^own]: Tommy says so in chapter 3.\n")
	booktest.Edit(t, fsys, "chapters/02-cottages.md", "    guidance: \"A first-rate answer sees the pattern: deferral as *consolation*.\"\n",
		"    guidance: \"A first-rate answer sees the pattern: deferral as *consolation*.\"\n"+
			"    answer: |\n      Each return defers a loss.[^loss]\n\n      [^loss]: Ruth’s, then Tommy’s.\n")
}

// AddDefinitions adds to the platforms' silent.txtar two terms for the
// glossary, each definition with a footnote, the first citing the novel
// with its author suppressed and no page ([-@novel]), which MLA prints
// as nothing.
func AddDefinitions(t testing.TB, fsys fstest.MapFS) {
	t.Helper()
	booktest.Edit(t, fsys, "chapters/01-first.md", "questions:\n", `vocabulary:
  - term: school
    definition: |
      Where Writer [-@novel] starts the story.[^boarding]

      [^boarding]: A boarding school.
  - term: guardian
    definition: |
      One who teaches there.[^title]

      [^title]: Never called a teacher.
questions:
`)
}
