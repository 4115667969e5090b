package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// hasKey reports whether a chapter has a question with an answer to give.
func hasKey(c *book.Chapter) bool {
	for _, q := range c.Questions {
		if q.HasAnswer() {
			return true
		}
	}
	return false
}

// answerKey is a handout's answer key, a teacher appendix of its own (so
// that handouts/NN-ID-key.pdf is its pages): each question with an
// answer, by number, with the answer.
func (h *handouts) answerKey(c *book.Chapter) *section {
	m := h.g.measure()
	title := h.label("answer-key") + " · " + fmt.Sprintf("%d. %s", c.Number, h.b.Smart(c.Title))
	rows, sect := h.appendix("answer-key-"+c.ID, title, "")
	list := sect.Add(tagged.L)
	const indent = 8.0
	for _, q := range c.Questions {
		if !q.HasAnswer() {
			continue
		}
		li := list.Add(tagged.LI)
		p := h.prose(q.Prompt, sizeBody)
		var prompt []richtext.Span
		if q.Prompt != nil {
			prompt = p.inlines(xhtml.Inline(q.Prompt.Doc), inline{size: sizeSmall, color: inkMuted})
		}
		rows = append(rows, spaceBefore(2))
		rows = append(rows, h.rows(prompt, block{x: indent, w: m - indent, leading: leadTight, keepAll: true,
			tag: li.Add(tagged.LBody).Add(tagged.P), markerTag: li.Add(tagged.Lbl),
			marker: []richtext.Span{{Text: strconv.Itoa(q.Number) + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}, markerX: -indent})...)
		body := li.Add(tagged.LBody)
		answer := func(sp []richtext.Span) {
			rows = append(rows, h.rows(sp, block{x: indent, w: m - indent, tag: body.Add(tagged.P)})...)
		}
		switch q.Format {
		case book.AnswerMultipleChoice:
			for i, ch := range q.Choices {
				if !ch.Correct {
					continue
				}
				sp := []richtext.Span{{Text: string(rune('A'+i%26)) + ". ", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}
				if ch.Text != nil {
					sp = append(sp, p.inlines(xhtml.Inline(ch.Text.Doc), p.base())...)
				}
				answer(sp)
			}
		case book.AnswerTrueFalse:
			word := h.label("answer-false")
			if q.True {
				word = h.label("answer-true")
			}
			answer(plain(word, sizeBody, richtext.Bold, inkText))
		case book.AnswerShort:
			answer([]richtext.Span{
				{Text: h.spaced(h.label(q.AnswerLabel()), false) + " ", Style: richtext.Bold, Size: sizeBody, Color: inkMuted},
				{Text: h.spaced(h.gl.clean(strings.Join(q.ShownAnswers(), "; "), 0, q.Pos), true), Size: sizeBody, Color: inkText},
			})
		default:
			answer(plain(h.label("model-answer"), sizeSmall, richtext.Bold, inkMuted))
			mp := h.prose(q.Answer, sizeBody)
			rows = append(rows, mp.blocks(q.Answer.Doc.Blocks, block{x: indent, w: m - indent, tag: body})...)
		}
	}
	return h.appendixSection(title, rows)
}
