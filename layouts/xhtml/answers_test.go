package xhtml_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/labels"
	"github.com/companion-dev/companion/layouts/xhtml"
	"github.com/companion-dev/companion/layouts/xhtml/xhtmltest"
)

// answersFixture is the platforms' fixture, whose questions use every
// answer format, and its questions by id.
func answersFixture(t *testing.T) (*book.Book, map[string]*book.Question) {
	t.Helper()
	b := booktest.MustOpen(t, booktest.Fixture(t, "../lms/testdata/questions.txtar"), book.Options{})
	byID := map[string]*book.Question{}
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			byID[q.ID] = q
		}
	}
	return b, byID
}

// inline writes inline Markdown as an answer's choices and answers are
// written.
func inline(m *book.Markdown) string {
	return xhtml.New(nil, xhtml.Options{}).Inlines(xhtml.Inline(m.Doc))
}

// TestAnswers: students see a multiple-choice question's choices and a
// true-false question's two answers, unmarked; the teacher edition marks
// the correct ones and lists what a short answer accepts.
func TestAnswers(t *testing.T) {
	b, byID := answersFixture(t)
	for _, tc := range []struct {
		id      string
		teacher bool
		want    string
	}{
		{"veterans", false, `<ol class="choices">
<li>Read <em>Daniel Deronda</em></li>
<li>Copy gestures from television</li>
<li>Visit Hailsham</li>
</ol>
`},
		{"veterans", true, `<ol class="choices">
<li class="correct">Read <em>Daniel Deronda</em> <span class="answer-mark">(correct)</span></li>
<li class="correct">Copy gestures from television <span class="answer-mark">(correct)</span></li>
<li>Visit Hailsham</li>
</ol>
`},
		{"norfolk", false, `<ul class="choices true-false">
<li>True</li>
<li>False</li>
</ul>
`},
		{"norfolk", true, `<ul class="choices true-false">
<li>True</li>
<li class="correct">False <span class="answer-mark">(correct)</span></li>
</ul>
`},
		{"school", false, ``},
		{"school", true, `<p class="question-details"><span class="detail-label">Accepted answers:</span> Hailsham; Hailsham House; Hail*sham</p>
`},
		{"long", true, ``},
	} {
		q := byID[tc.id]
		if q == nil {
			t.Fatalf("the fixture has no question %s", tc.id)
		}
		if got := xhtml.Answers(q, tc.teacher, b.Labels, inline); got != tc.want {
			t.Errorf("%s (teacher %v):\n got %s\nwant %s", tc.id, tc.teacher, got, tc.want)
		}
	}
	if got := xhtml.Answers(byID["veterans"], false, b.Labels, inline); strings.Contains(got, "correct") {
		t.Errorf("a student sees which choice is correct: %s", got)
	}
}

// TestKeyAnswer: an answer key gives every kind of answer in one
// pattern, the label and the answer in bold, the correct choices by
// letter; an open question has no such line.
func TestKeyAnswer(t *testing.T) {
	b, byID := answersFixture(t)
	for _, tc := range []struct{ id, want string }{
		{"veterans", `<p class="key-answer"><span class="detail-label">Answer:</span> <strong>A. Read <em>Daniel Deronda</em>; B. Copy gestures from television</strong></p>` + "\n"},
		{"norfolk", `<p class="key-answer"><span class="detail-label">Answer:</span> <strong>False</strong></p>` + "\n"},
		{"school", `<p class="key-answer"><span class="detail-label">Accepted answers:</span> <strong>Hailsham; Hailsham House; Hail*sham</strong></p>` + "\n"},
		{"long", ``},
	} {
		if got := xhtml.KeyAnswer(byID[tc.id], b.Labels, inline); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.id, got, tc.want)
		}
	}
}

// TestKeyAnswerUncalled: an answer key repeats a correct choice without
// the calls of its footnotes (Options.Uncalled), which the chapter's page
// prints and the key does not; written as the chapter's page writes it,
// the choice calls its note.
func TestKeyAnswerUncalled(t *testing.T) {
	fsys := booktest.Fixture(t, "../lms/testdata/questions.txtar")
	xhtmltest.AddAnswerNotes(t, fsys)
	b := booktest.MustOpen(t, fsys, book.Options{})
	lucy := b.Chapters[0].Questions[1]
	for _, tc := range []struct {
		uncalled bool
		want     string
	}{
		{true, `<strong>A. Miss Lucy</strong>`},
		{false, `<strong>A. Miss Lucy<a class="noteref" id="fnref-1" href="#fn-1" role="doc-noteref">1</a></strong>`},
	} {
		got := xhtml.KeyAnswer(lucy, b.Labels, func(m *book.Markdown) string {
			return xhtml.New(nil, xhtml.Options{Uncalled: tc.uncalled}).Inlines(xhtml.Inline(m.Doc))
		})
		if !strings.Contains(got, tc.want) {
			t.Errorf("uncalled %v: got %s, want %s in it", tc.uncalled, got, tc.want)
		}
	}
}

// TestRuns: numbers group as the schemes of work list them, three or more
// in a row as one run.
func TestRuns(t *testing.T) {
	for _, tc := range []struct {
		ns   []int
		want string
	}{
		{nil, ""},
		{[]int{7}, "7"},
		{[]int{1, 2}, "1, 2"},
		{[]int{1, 2, 3}, "1–3"},
		{[]int{1, 2, 3, 4, 7}, "1–4, 7"},
		{[]int{2, 3, 5, 6, 7, 9, 10}, "2, 3, 5–7, 9, 10"},
	} {
		var got []string
		for _, r := range xhtml.Runs(tc.ns) {
			got = append(got, r.String())
		}
		if s := strings.Join(got, ", "); s != tc.want {
			t.Errorf("Runs(%v) = %q, want %q", tc.ns, s, tc.want)
		}
	}
}

// TestAnswerKeyWords: a key says what it answers, one handout's questions
// by number or a key's handouts, and names each question by handout and
// number, in the book's language.
func TestAnswerKeyWords(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../lms/testdata/questions.txtar"), book.Options{})
	one, two := b.Chapters[0], b.Chapters[1]
	nbsp := "\u00A0"
	for _, tc := range []struct {
		chapters []*book.Chapter
		want     string
	}{
		{[]*book.Chapter{one}, "Answers to Handout" + nbsp + "1, questions" + nbsp + "1–3"},
		// the long essay question has no answer to give
		{[]*book.Chapter{two}, "Answers to Handout" + nbsp + "2, questions" + nbsp + "1, 2"},
		{[]*book.Chapter{one, two}, "Answers to the questions of Handouts" + nbsp + "1, 2"},
	} {
		if got := xhtml.AnswerKeyCovers(b, tc.chapters); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
	if got, want := xhtml.AnswerKeyQuestion(b, two.Questions[1]), "Handout 2 · Q2"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	fr, _ := labels.Lookup("fr")
	b.Labels = fr
	if got, want := xhtml.AnswerKeyCovers(b, []*book.Chapter{one}), "Réponses à la fiche\u00A01, questions\u00A01–3"; got != want {
		t.Errorf("in French: got %q, want %q", got, want)
	}
}
