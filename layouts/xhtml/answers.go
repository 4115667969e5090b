package xhtml

import (
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/labels"
	"github.com/companion-dev/companion/layouts/internal/tie"
)

// Answers is how a question that is not open is answered on a page: the
// lettered choices of a multiple-choice question, or True and False. In the
// teacher edition each correct choice is marked, and a short-answer
// question lists the answers it accepts; students see only the choices.
// l gives the words; inline writes a choice's inline Markdown with the
// caller's hooks. An
// open or short-answer question has nothing here for a student.
func Answers(q *book.Question, teacher bool, l *labels.Table, inline func(*book.Markdown) string) string {
	var w strings.Builder
	item := func(text string, correct bool) {
		if teacher && correct {
			w.WriteString(`<li class="correct">` + text + ` <span class="answer-mark">(` + Escape(l.Get("answer-correct")) + `)</span></li>` + "\n")
			return
		}
		w.WriteString("<li>" + text + "</li>\n")
	}
	switch q.Format {
	case book.AnswerMultipleChoice:
		w.WriteString(`<ol class="choices">` + "\n")
		for _, c := range q.Choices {
			item(inline(c.Text), c.Correct)
		}
		w.WriteString("</ol>\n")
	case book.AnswerTrueFalse:
		w.WriteString(`<ul class="choices true-false">` + "\n")
		item(Escape(l.Get("answer-true")), q.True)
		item(Escape(l.Get("answer-false")), !q.True)
		w.WriteString("</ul>\n")
	case book.AnswerShort:
		if teacher && len(q.Accept) > 0 {
			shown := q.ShownAnswers()
			quoted := make([]string, len(shown))
			for i, a := range shown {
				quoted[i] = Escape(a)
			}
			w.WriteString(`<p class="question-details"><span class="detail-label">` + Escape(l.Get(q.AnswerLabel())) + `</span> ` + strings.Join(quoted, "; ") + "</p>\n")
		}
	}
	return w.String()
}

// KeyAnswer is a question's answer as an answer key gives it, in one
// pattern for every kind, a label and the answer in bold: "Answer: B.
// Thirty-one …", "Answer: False", "Answer: Thunder and Bramble" ("Accepted
// answers: …" for several), so that a teacher marking at speed reads down
// one column. A model answer, prose of its own, is not here. l gives the
// words; inline writes a choice's inline Markdown with the caller's hooks.
func KeyAnswer(q *book.Question, l *labels.Table, inline func(*book.Markdown) string) string {
	label := l.Get("answer-accepted-one")
	var answers []string
	switch q.Format {
	case book.AnswerMultipleChoice:
		for i, c := range q.Choices {
			if c.Correct {
				answers = append(answers, string(rune('A'+i%26))+". "+inline(c.Text))
			}
		}
	case book.AnswerTrueFalse:
		answers = []string{Escape(l.Get(map[bool]string{true: "answer-true", false: "answer-false"}[q.True]))}
	case book.AnswerShort:
		label = l.Get(q.AnswerLabel())
		for _, a := range q.ShownAnswers() {
			answers = append(answers, Escape(a))
		}
	}
	if len(answers) == 0 {
		return ""
	}
	return `<p class="key-answer"><span class="detail-label">` + Escape(label) + `</span> <strong>` + strings.Join(answers, "; ") + "</strong></p>\n"
}

// Inline is the inline text of a piece of inline Markdown (a prompt, a
// choice): its one paragraph's inlines, or nothing.
func Inline(d *doc.Document) []doc.Inline {
	if d == nil || len(d.Blocks) == 0 {
		return nil
	}
	switch b := d.Blocks[0].(type) {
	case *doc.Paragraph:
		return b.Inlines
	case *doc.Plain:
		return b.Inlines
	}
	return nil
}

// Run is numbers in a row, From to To; To is From for a number alone.
type Run struct{ From, To int }

// String is the run as a list prints it: "7", or "1–4".
func (r Run) String() string {
	if r.To == r.From {
		return strconv.Itoa(r.From)
	}
	return strconv.Itoa(r.From) + "–" + strconv.Itoa(r.To)
}

// Runs groups numbers in ascending order as the schemes of work list
// questions ("Q1–4, Q7"): three or more in a row as one run, one or two
// each by itself.
func Runs(ns []int) []Run {
	var out []Run
	for j := 0; j < len(ns); {
		k := j
		for k+1 < len(ns) && ns[k+1] == ns[k]+1 {
			k++
		}
		if k-j < 2 {
			k = j
		}
		out = append(out, Run{ns[j], ns[k]})
		j = k + 1
	}
	return out
}

// KeyedQuestions are the questions of c that an answer key answers, in
// number order.
func KeyedQuestions(c *book.Chapter) []*book.Question {
	var out []*book.Question
	for _, q := range c.Questions {
		if q.HasAnswer() {
			out = append(out, q)
		}
	}
	return out
}

// AnswerKeyCovers is the line that opens an answer key of the chapters,
// saying what it answers, so that a teacher holding it knows what it is
// for: one handout's questions by number ("Answers to Handout 3,
// questions 11–18"), or the handouts of a key of several ("Answers to
// the questions of Handouts 3–5"). Its spaces are tied; it is not escaped.
func AnswerKeyCovers(b *book.Book, chapters []*book.Chapter) string {
	var list []string
	if len(chapters) == 1 {
		var ns []int
		for _, q := range KeyedQuestions(chapters[0]) {
			ns = append(ns, q.Number)
		}
		for _, r := range Runs(ns) {
			list = append(list, r.String())
		}
		key := "answer-key-covers-one"
		if len(ns) == 1 {
			key = "answer-key-covers-one-question"
		}
		return tie.Spaces(b.Labels.Format(key, "n", strconv.Itoa(chapters[0].Number),
			"questions", strings.Join(list, b.Labels.Get("list-separator"))))
	}
	ns := make([]int, len(chapters))
	for i, c := range chapters {
		ns[i] = c.Number
	}
	for _, r := range Runs(ns) {
		list = append(list, r.String())
	}
	return tie.Spaces(b.Labels.Format("answer-key-covers-some", "n", strings.Join(list, b.Labels.Get("list-separator"))))
}

// AnswerKeyQuestion names a question in an answer key by its handout and
// number ("Handout 3 · Q14"), so that an entry read alone, on a page of
// its own, still says which question it answers. It is not escaped.
func AnswerKeyQuestion(b *book.Book, q *book.Question) string {
	return b.Labels.Format("answer-key-question", "handout", strconv.Itoa(q.Chapter.Number), "n", strconv.Itoa(q.Number))
}
