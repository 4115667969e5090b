package pdf

import (
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// answerArea is what a student answers a question on: a box to tick for
// each choice of a multiple-choice question, True and False for a
// true-false one, a line for a short answer, ruled lines for an open one.
// The teacher's copy has no lines; its boxes show the correct answers, and
// a short-answer question lists the answers it accepts.
//
// A choice's footnotes stand at the foot of the page, numbered on from
// notes, the handout's before it, each a Note after the choices; a note
// style numbers them among the chapter's notes, at its end.
func (h *handouts) answerArea(q *book.Question, indent float64, notes *noteSeq, teacher bool, body *tagged.Elem) []*row {
	switch q.Format {
	case book.AnswerMultipleChoice:
		var rows []*row
		list := body.Add(tagged.L)
		cites := h.b.Citations(q.Chapter, teacher)
		column := h.letterColumn(len(q.Choices))
		for i, c := range q.Choices {
			p := h.prose(c.Text, sizeBody)
			p.cites = cites
			var sp []richtext.Span
			if c.Text != nil {
				if len(c.Text.Doc.Notes) > 0 && !cites.InNotes() {
					p.foot = h.pageNotes(q.Chapter, c.Text, cites)
					p.foot.from = notes.take(len(c.Text.Doc.Notes))
				}
				sp = p.inlines(xhtml.Inline(c.Text.Doc), p.base())
			}
			cr := h.choice(choiceLetter(i), column, sp, c.Correct && teacher, indent, list.Add(tagged.LI))
			if p.foot != nil {
				p.foot.attach(cr, body)
			}
			rows = append(rows, cr...)
		}
		return keptWithPrompt(rows)
	case book.AnswerTrueFalse:
		list := body.Add(tagged.L)
		rows := h.choice("", 0, plain(h.label("answer-true"), sizeBody, 0, inkText), q.True && teacher, indent, list.Add(tagged.LI))
		rows = append(rows, h.choice("", 0, plain(h.label("answer-false"), sizeBody, 0, inkText), !q.True && teacher, indent, list.Add(tagged.LI))...)
		return keptWithPrompt(rows)
	case book.AnswerShort:
		if teacher {
			if len(q.Accept) == 0 {
				return nil
			}
			sp := []richtext.Span{
				{Text: h.spaced(h.label(q.AnswerLabel()), false) + " ", Style: richtext.Bold, Size: sizeSmall, Color: inkMuted},
				{Text: h.spaced(h.gl.clean(strings.Join(q.ShownAnswers(), "; "), 0, q.Pos), true), Size: sizeSmall, Color: inkText},
			}
			return keptWithPrompt(h.rows(sp, block{x: indent, w: h.g.measure() - indent, leading: leadTight, keepAll: true, tag: body.Add(tagged.P)}))
		}
		return keptWithPrompt(h.answerLines(1, q.Number, indent))
	}
	if teacher {
		return nil // the guidance stands where the lines are
	}
	if q.Phase == projectPhase {
		return h.planningBox(q, body)
	}
	rows := h.answerLines(q.Lines, q.Number, indent)
	for _, r := range rows {
		r.lines = true
	}
	return rows
}

// keptWithPrompt keeps a short answer area whole: a student answers it
// in one place.
func keptWithPrompt(rows []*row) []*row {
	for _, r := range rows[:max(len(rows)-1, 0)] {
		r.keep = true
	}
	return rows
}

// boxInset is the white between a choice box's edge and its filling.
const boxInset = 0.6

// choiceLetter is the letter of the i-th choice: A, B, C, ….
func choiceLetter(i int) string { return string(rune('A' + i%26)) }

// letterColumn is the width of the column the letters of n choices are
// set in, "A." to the last: the widest of them and a word space, so that
// every choice's text starts at one place, a full space clear of its
// letter in every face ("C. Sixteen", never "C.Sixteen": Atkinson
// Hyperlegible's capitals are of a width, and a column as wide as "M."
// left a third of a space after "C.").
func (h *handouts) letterColumn(n int) float64 {
	widest := 0.0
	for i := range min(n, 26) {
		widest = max(widest, h.fonts.Width(richtext.Bold, choiceLetter(i)+".", sizeBody))
	}
	return widest + h.fonts.Width(richtext.Roman, " ", sizeBody)
}

// choice is one choice: a box, its letter in a column of its own (none
// but where letter is set) and its text; ticked, the box is filled (the
// teacher's copy of a correct choice).
func (h *handouts) choice(letter string, column float64, text []richtext.Span, ticked bool, indent float64, li *tagged.Elem) []*row {
	m := h.g.measure()
	box := sizeBody * richtext.PtToMM * 0.95 // a little under a capital's height plus descent
	x := indent + box + 2.5
	var marker []richtext.Span
	if letter != "" {
		marker = []richtext.Span{{Text: letter + ".", Style: richtext.Bold, Size: sizeBody, Color: inkAccent}}
		x += column
	}
	if ticked {
		// Said in words too, for a reader who cannot see the box; a label,
		// so never hyphenated ("(cor-" "rect)").
		text = append(text, richtext.Span{Text: " (" + h.label("answer-correct") + ")", Style: richtext.Italic, Size: sizeSmall, Color: inkAccent, NoHyphen: true})
	}
	rows := h.rows(text, block{x: x, w: m - x, leading: leadBody, marker: marker, markerX: indent + box + 2.5 - x,
		tag: li.Add(tagged.LBody), markerTag: li.Add(tagged.Lbl)})
	if len(rows) == 0 {
		return nil
	}
	first := rows[0]
	top, bottom := first.base-box*0.8, first.base+box*0.2
	edge := func(x1, y1, x2, y2 float64) op {
		return lineOp{x1: x1, y1: y1, x2: x2, y2: y2, width: 0.3, color: ruleColor}
	}
	first.ops = append(first.ops,
		edge(indent, top, indent+box, top), edge(indent, bottom, indent+box, bottom),
		edge(indent, top, indent, bottom), edge(indent+box, top, indent+box, bottom))
	if ticked {
		// A filled box, not a bar: a bar across a box reads as a checkbox
		// left undecided. It is one rule as thick as the box is tall,
		// inside its edges.
		first.ops = append(first.ops,
			lineOp{x1: indent + boxInset, y1: top + box/2, x2: indent + box - boxInset, y2: top + box/2, width: box - 2*boxInset, color: fillAccent})
	}
	return rows
}

// planningBox is the room a student plans a project in: a ruled box half
// as tall as the question's lines would be, under a line that says what
// to plan, kept whole and with the brief (a project is written away from
// the handout, so lines to write it on would mislead).
func (h *handouts) planningBox(q *book.Question, body *tagged.Elem) []*row {
	m := h.g.measure()
	// As wide as the brief's box above it.
	f := &frame{x: 0, w: m, border: &ruleColor}
	rows := []*row{spaceBefore(2), {h: 1.5, frame: f, keep: true}}
	rows = append(rows, h.rows([]richtext.Span{{Text: h.spaced(h.label("project-plan"), false), Style: richtext.Italic, Size: sizeSmall, Color: inkMuted}},
		block{x: 3, w: m - 6, leading: leadTight, keepAll: true, frame: f, tag: body.Add(tagged.P)})...)
	rows = append(rows, &row{h: float64(q.Lines) * answerLineH() / 2, frame: f, planning: true})
	for _, r := range rows[:len(rows)-1] {
		r.keep = true
	}
	return rows
}
