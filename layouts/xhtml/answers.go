package xhtml

import (
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/labels"
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
