package book_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// TestTermForms: a term links as written unless its vocabulary entry gives
// the forms to link instead (matches:, spaces tidied) or none (match:
// false); match: true is the default said aloud.
func TestTermForms(t *testing.T) {
	b, d := book.Open(project(map[string]string{"chapters/a.md": `---
title: A
vocabulary:
  - {term: guardian, definition: A teacher.}
  - {term: possible, definition: The person a clone is copied from., matches: [possibles, "possible   ’s"]}
  - {term: Hailsham, definition: The school., match: false}
  - {term: carer, definition: A clone who cares., match: true}
---
Text.
`}), book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	want := map[string][]string{
		"guardian": {"guardian"},
		"possible": {"possibles", "possible ’s"},
		"Hailsham": nil,
		"carer":    {"carer"},
	}
	for _, term := range b.Vocabulary() {
		if got := term.Forms(); !slices.Equal(got, want[term.Term]) {
			t.Errorf("%s: forms %q, want %q", term.Term, got, want[term.Term])
		}
	}
}

// TestRubricLevelHeadings: the rubrics are in the order the questions
// first name them; a level is headed by its name and its points
// or marks, and by its name alone when it gives neither, as in a scheme
// whose criteria are marked out of different totals (the IB's bands) and
// whose descriptors give each criterion's marks; the note is kept as written, to print under the title.
func TestRubricLevelHeadings(t *testing.T) {
	fsys := project(map[string]string{"chapters/a.md": "---\ntitle: A\nquestions:\n  - {id: q1, prompt: P, rubric: points}\n  - {id: q2, prompt: Q, rubric: bands}\n---\nText.\n"})
	for name, data := range map[string]string{
		"rubrics/points.yaml": "title: P\nlevels:\n  - {name: Exceeds, points: 4}\n  - {name: Zero, points: 0}\ncriteria:\n  - {name: C, descriptors: [a, b]}\n  - {name: D, descriptors: [a, b]}\n",
		"rubrics/marks.yaml":  "title: M\nlevels:\n  - {name: Level 6, marks: 26 - 30}\ncriteria:\n  - {name: C, descriptors: [a]}\n  - {name: D, descriptors: [a]}\n",
		"rubrics/bands.yaml":  "title: B\nnote: Points are not board marks.\nlevels:\n  - {name: Band 5}\n  - {name: Band 4}\ncriteria:\n  - {name: C, descriptors: [\"9–10: a\", \"7–8: b\"]}\n",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	want := map[string][]string{
		"points": {"Exceeds (4)", "Zero (0)"},
		"marks":  {"Level 6 (26–30)"},
		"bands":  {"Band 5", "Band 4"},
	}
	notes := map[string]string{"bands": "Points are not board marks."}
	for _, r := range b.Rubrics {
		var got []string
		for _, lv := range r.Levels {
			got = append(got, lv.Heading())
		}
		if !slices.Equal(got, want[r.ID]) {
			t.Errorf("%s: headings %q, want %q", r.ID, got, want[r.ID])
		}
		if r.Note != notes[r.ID] {
			t.Errorf("%s: note %q, want %q", r.ID, r.Note, notes[r.ID])
		}
	}
	// The toolkit lists the rubrics as the questions first name them,
	// then the others by file name: the order the handouts print them.
	var ids []string
	for _, r := range b.Rubrics {
		ids = append(ids, r.ID)
	}
	if want := []string{"points", "bands", "marks"}; !slices.Equal(ids, want) {
		t.Errorf("rubrics in the order %q, want %q", ids, want)
	}
}

// TestDisplayCode: a curriculum map heads a standard's row with its code,
// and with its label only where the code is an id with no number, as the
// IB's areas and concepts have; a labelled coded standard keeps its code.
func TestDisplayCode(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	want := map[string]string{
		"ccss-ela:RL.11-12.1":          "RL.11-12.1",
		"uk-gcse:AO2":                  "AO2",
		"ib-lit:AO1":                   "AO1",
		"ib-lit:readers-writers-texts": "IB area of exploration: readers, writers and texts",
		"ib-lit:identity":              "IB concept: identity",
	}
	seen := 0
	for _, sel := range b.Frameworks {
		for _, s := range sel.Framework.Standards {
			if w, ok := want[s.Ref()]; ok {
				seen++
				if got := s.DisplayCode(); got != w {
					t.Errorf("%s: DisplayCode %q, want %q", s.Ref(), got, w)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d standards", seen, len(want))
	}
}

// TestQuestionsHeading: a handout whose questions are all essays and
// projects heads them "Prompts", one with any other question "Discussion
// questions"; an essay's exam style is kept as written, for its tag.
func TestQuestionsHeading(t *testing.T) {
	b, d := book.Open(project(map[string]string{
		"chapters/a.md": "---\ntitle: A\nquestions:\n  - {id: a1, prompt: P, phase: essay, exam: GCSE-style}\n  - {id: a2, prompt: P, phase: project}\n---\nText.\n",
		"chapters/b.md": "---\ntitle: B\nquestions:\n  - {id: b1, prompt: P, phase: post}\n  - {id: b2, prompt: P, phase: essay}\n---\nText.\n",
		"chapters/c.md": "---\ntitle: C\nquestions:\n  - {id: c1, prompt: P}\n---\nText.\n",
	}), book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	for i, want := range []string{"prompts", "discussion-questions", "discussion-questions"} {
		if got := b.Chapters[i].QuestionsHeading(); got != want {
			t.Errorf("%s: heading %q, want %q", b.Chapters[i].Path, got, want)
		}
	}
	if got := b.Chapters[0].Questions[0].Exam; got != "GCSE-style" {
		t.Errorf("exam %q, want GCSE-style", got)
	}
	if got := b.Chapters[1].Questions[1].Exam; got != "" {
		t.Errorf("an essay with no exam: %q", got)
	}
}
