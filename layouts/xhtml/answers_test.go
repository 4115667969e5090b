package xhtml_test

import (
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// TestAnswers: students see a multiple-choice question's choices and a
// true-false question's two answers, unmarked; the teacher edition marks
// the correct ones and lists what a short answer accepts.
func TestAnswers(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../lms/testdata/questions.txtar"), book.Options{})
	byID := map[string]*book.Question{}
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			byID[q.ID] = q
		}
	}
	inline := func(m *book.Markdown) string {
		return xhtml.New(nil, xhtml.Options{}).Inlines(xhtml.Inline(m.Doc))
	}
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
