package toolkit

import (
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The timeline's and the pacing calendars' columns and the words of their
// cells, in the book's labels: the PDF's tables and the HTML's (EPUB,
// site) are set from these, so the formats cannot word them apart. A
// number is tied to the word before it ("ch.\u00A05"), as everywhere.

// TimelineColumns is the timeline's header: an event's place in story
// order, when it happens, the event, and the chapter of the work that
// narrates it.
func TimelineColumns(b *book.Book) []string {
	return []string{"#", b.Labels.Get("when"), b.Labels.Get("event"), b.Labels.Get("narrated-in")}
}

// NarratedIn is an event's last cell: "ch. 5", or "" when no chapter is
// given.
func NarratedIn(b *book.Book, e *book.Event) string {
	if e.Chapter == 0 {
		return ""
	}
	return tie.Spaces(b.Labels.Format("work-chapter", "n", strconv.Itoa(e.Chapter)))
}

// PacingColumns is a pacing calendar's header: the lesson, the work's
// chapters to read for it, the companion's chapters and the questions it
// sets.
func PacingColumns(b *book.Book) []string {
	return []string{b.Labels.Get("lesson"), b.Labels.Get("read"), b.Labels.Get("companion-chapters"), b.Labels.Get("questions")}
}

// LessonNumber is the start of a lesson's first cell, "Lesson 3", which
// its title (if any) follows: a teacher says "lesson 3" across a scheme
// of work, whatever the lesson is called.
func LessonNumber(b *book.Book, ls *book.Lesson) string {
	return tie.Spaces(b.Labels.Format("lesson-number", "n", strconv.Itoa(ls.Number)))
}

// LessonReading is a lesson's second cell: "ch. 4", or "chs. 1–3" for
// more than one chapter, as the handouts' citations write them; "" when
// the lesson sets no reading.
func LessonReading(b *book.Book, ls *book.Lesson) string {
	if ls.Read == "" {
		return ""
	}
	key, read := "work-chapter", ls.ReadRange()
	if strings.ContainsAny(read, "–,") {
		key = "work-chapters"
	}
	return tie.Spaces(b.Labels.Format(key, "n", read))
}

// HandoutQuestions are the questions a lesson sets from one handout (one
// chapter of the companion), as its last cell prints them: "Handout 3:
// Q1–4, Q7". A lesson lists question numbers, not prompts, so that a
// scheme of work stays a table a teacher reads at a glance; the prompts
// are a link away.
type HandoutQuestions struct {
	Chapter *book.Chapter
	Handout string        // "Handout 3"
	Runs    []QuestionRun // in question order
}

// QuestionRun is one item of a handout's list: a question ("Q7") or three
// or more in a row ("Q1–4"), which links to the first.
type QuestionRun struct {
	Text  string
	First *book.Question
}

// String is the list as text: "Handout 3: Q1–4, Q7".
func (h HandoutQuestions) String() string {
	runs := make([]string, len(h.Runs))
	for i, r := range h.Runs {
		runs[i] = r.Text
	}
	return h.Handout + ": " + strings.Join(runs, ", ")
}

// LessonQuestions is a lesson's last cell: its questions by handout, the
// handouts in the order the lesson first sets them, each handout's
// questions in number order, once each.
func LessonQuestions(b *book.Book, ls *book.Lesson) []HandoutQuestions {
	var out []HandoutQuestions
	byChapter := map[*book.Chapter][]*book.Question{}
	for _, q := range ls.Questions {
		if _, ok := byChapter[q.Chapter]; !ok {
			out = append(out, HandoutQuestions{Chapter: q.Chapter,
				Handout: tie.Spaces(b.Labels.Format("handout-number", "n", strconv.Itoa(q.Chapter.Number)))})
		}
		if !slices.Contains(byChapter[q.Chapter], q) {
			byChapter[q.Chapter] = append(byChapter[q.Chapter], q)
		}
	}
	for i := range out {
		qs := byChapter[out[i].Chapter]
		slices.SortFunc(qs, func(a, b *book.Question) int { return a.Number - b.Number })
		out[i].Runs = QuestionRuns(b, qs)
	}
	return out
}

// QuestionRuns are questions, in number order, as a list names them: one
// by itself ("Q7"), three or more in a row as one run ("Q1–4").
func QuestionRuns(b *book.Book, qs []*book.Question) []QuestionRun {
	ns := make([]int, len(qs))
	for j, q := range qs {
		ns[j] = q.Number
	}
	var out []QuestionRun
	j := 0 // the first question of each run
	for _, r := range xhtml.Runs(ns) {
		out = append(out, QuestionRun{Text: b.Labels.Format("question-short", "n", r.String()), First: qs[j]})
		j += r.To - r.From + 1
	}
	return out
}
