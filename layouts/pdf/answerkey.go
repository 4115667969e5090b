package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// hasKey reports whether a chapter has a question with an answer to give.
func hasKey(c *book.Chapter) bool { return len(xhtml.KeyedQuestions(c)) > 0 }

// answerKey is a handout's answer key, a teacher appendix of its own (so
// that teacher/NN-ID-answer-key.pdf is its pages): a line saying which of the
// handout's questions it answers, then each of them, named by handout and
// number in a column of its own ("Handout 3 · Q14 (p. 17)", a link back
// to the question) so that a page read apart from the rest still says
// what it answers, with its prompt and its answer.
func (h *handouts) answerKey(c *book.Chapter) *section {
	m := h.g.measure()
	title := h.keyTitle(c)
	rows, sect := h.appendixShown(h.label("teacher-edition")+" · "+h.label("answer-key"), "answer-key-"+c.ID, title, h.keyBandTitle(c), "")
	rows = append(rows, h.rows(plain(h.spaced(xhtml.AnswerKeyCovers(h.b, []*book.Chapter{c}), false), sizeBody, richtext.Italic, inkMuted),
		block{x: 0, w: m, tag: sect.Add(tagged.P)})...)
	qs := xhtml.KeyedQuestions(c)
	names := make([][]richtext.Span, len(qs))
	column := 0.0 // the names' column: the widest, and a gap
	for i, q := range qs {
		// In the size it prints in: large print sets it larger. In the
		// teacher packet a link to the question, with its page; in the
		// key's own file, which does not hold it, neither.
		name := plain(xhtml.AnswerKeyQuestion(h.b, q), sizeSmall, richtext.Bold, inkAccent)
		name[0].Link = questionAnchor(c.ID, q.Number)
		names[i] = h.g.sized(append(name, h.pageRef(h.b, name[0], name[0].Link)...))
		column = max(column, h.spansWidth(names[i])+2.5)
	}
	list := sect.Add(tagged.L)
	// The model answers' footnotes stand at the foot of the page, in one
	// sequence through the key; the prompts and choices it repeats are
	// the handout's, whose notes print there.
	seq := &noteSeq{}
	var last []*row // the item before the one being set
	for i, q := range qs {
		// The last item never stands alone on a page when the one before
		// can go with it: that one keeps with it, as a paragraph's
		// lines keep its last from standing alone.
		if i == len(qs)-1 {
			for _, r := range last {
				r.keep = true
			}
		}
		from := len(rows)
		li := list.Add(tagged.LI)
		p := h.prose(q.Prompt, sizeBody)
		p.uncalled = true // the prompt's and the choices' notes are the handout's
		var prompt []richtext.Span
		if q.Prompt != nil {
			prompt = p.inlines(xhtml.Inline(q.Prompt.Doc), p.base())
		}
		rows = append(rows, spaceBefore(2))
		rows = append(rows, h.rows(prompt, block{x: column, w: m - column, keepAll: true,
			tag: li.Add(tagged.LBody).Add(tagged.P), markerTag: li.Add(tagged.Lbl),
			marker: names[i], markerX: -column})...)
		body := li.Add(tagged.LBody)
		// Every kind of answer in one pattern, "Answer: B. Thirty-one …",
		// "Answer: False", "Answer: Thunder and Bramble", the answer in
		// bold, so that a teacher marking at speed reads down one column;
		// a model answer, prose of its own, under its label.
		answer := func(label string, sp []richtext.Span) {
			sp = append([]richtext.Span{{Text: h.spaced(h.label(label), false) + " ", Size: sizeBody, Color: inkMuted}}, sp...)
			rows = append(rows, h.rows(sp, block{x: column, w: m - column, tag: body.Add(tagged.P)})...)
		}
		bold := inline{style: richtext.Bold, size: sizeBody, color: inkText}
		switch q.Format {
		case book.AnswerMultipleChoice:
			var sp []richtext.Span
			for i, ch := range q.Choices {
				if !ch.Correct {
					continue
				}
				if len(sp) > 0 {
					sp = append(sp, richtext.Span{Text: "; ", Size: sizeBody, Color: inkText})
				}
				sp = append(sp, richtext.Span{Text: string(rune('A'+i%26)) + ". ", Style: richtext.Bold, Size: sizeBody, Color: inkAccent})
				if ch.Text != nil {
					sp = append(sp, p.inlines(xhtml.Inline(ch.Text.Doc), bold)...)
				}
			}
			answer("answer-accepted-one", sp)
		case book.AnswerTrueFalse:
			word := h.label("answer-false")
			if q.True {
				word = h.label("answer-true")
			}
			answer("answer-accepted-one", plain(word, sizeBody, richtext.Bold, inkText))
		case book.AnswerShort:
			answer(q.AnswerLabel(), plain(h.spaced(h.gl.clean(strings.Join(q.ShownAnswers(), "; "), richtext.Bold, q.Pos), true), sizeBody, richtext.Bold, inkText))
		default:
			// The label keeps with the answer, as the question does with
			// it (the prompt's lines keep with what follows).
			rows = append(rows, h.rows(plain(h.label("model-answer"), sizeBody, 0, inkMuted), block{x: column, w: m - column, keepAll: true, tag: body.Add(tagged.P)})...)
			mp := h.prose(q.Answer, sizeBody)
			if n := len(q.Answer.Doc.Notes); n > 0 {
				mp.foot = h.footnotes(q.Answer, nil, func(number int) string { return fmt.Sprintf("note-key-%d-%d", c.Number, number) })
				mp.foot.from = seq.take(n)
			}
			rows = append(rows, mp.blocks(q.Answer.Doc.Blocks, block{x: column, w: m - column, tag: body})...)
		}
		last = rows[from:]
	}
	s := h.appendixSection(title, rows)
	s.runsOn = false // its pages are a file of their own
	// Its footer names it in the short form of a handout's ("Handout 4 ·
	// 25"): "Answer key · Handout 4 · 102" always fits whole, where the
	// handout's title would be cut; so does its running head, every
	// key's alike, whether or not a title would fit (review14 #8: large
	// print's heads gave Handout 5's key alone without its title).
	short := h.keyShortTitle(c)
	s.head = h.head(short, "", h.label("teacher-edition"), true, h.b.ManifestPos)
	s.short = short
	return h.numbered(s, short)
}

// keyHandout is the handout an answer key answers as its title names
// it, as every heading of the back matter names a handout (the labels'
// chapter-and-title): "Handout 4 · Part Two: The Cottages".
func (h *handouts) keyHandout(c *book.Chapter) string {
	return h.label("chapter-and-title", "n", strconv.Itoa(c.Number), "title", h.b.Smart(c.Title))
}

// numberedTitle is a handout's name as the back matter's lists and cells
// set it, "Handout 3 · Part One: Hailsham" (the labels'
// chapter-and-title), with the words before the title, its "·" and the
// title's first word tied into one phrase: a line may end inside the
// title, never on "Handout", "Handout 3" or "Handout 3 ·", nor start
// with "·" (review14 #5).
func (h *handouts) numberedTitle(n int, title string) string {
	before, after, ok := strings.Cut(h.b.Labels.Get("chapter-and-title"), "{title}")
	if !ok {
		return h.label("chapter-and-title", "n", strconv.Itoa(n), "title", title)
	}
	before = tied(strings.ReplaceAll(before, "{n}", strconv.Itoa(n)))
	return tie.Spaces(before + title + strings.ReplaceAll(after, "{n}", strconv.Itoa(n)))
}

// handoutQuestions is a handout's questions as a lesson lists them,
// "Handout 3: Q5, Q7", the handout's name and its colon tied to the first
// question, so that no line ends on "Handout 3:" (review14 #5).
func handoutQuestions(hq toolkit.HandoutQuestions) string {
	s := hq.String()
	if rest, ok := strings.CutPrefix(s, hq.Handout+": "); ok {
		return hq.Handout + ":\u00A0" + rest
	}
	return s
}

// keyTitle is an answer key's title, "Answer key · Handout 4 · Part Two:
// The Cottages", and keyShortTitle its short form, "Answer key · Handout
// 4".
func (h *handouts) keyTitle(c *book.Chapter) string {
	return h.label("answer-key") + " · " + h.keyHandout(c)
}

func (h *handouts) keyShortTitle(c *book.Chapter) string {
	return h.label("answer-key") + " · " + h.label("handout-number", "n", strconv.Itoa(c.Number))
}

// keyBandTitle is the handout an answer key answers as the key's band
// sets it, under "Teacher edition · Answer key" at the band's head
// (review14 #8): "Handout 4 · Part Two: The Cottages", tied into one
// line where it fits one; else the number on a line of its own and the
// title, tied, on the next, the line's end taking the place of the "·"
// ("Handout 5" / "Part Three: Carers and Donors"), never "… Part" /
// "Three: …". A title too long for a line of its own breaks at its
// colon ("Part Three:" / "Carers and Donors"), or else at its spaces,
// but not before its last word, which would stand alone.
func (h *handouts) keyBandTitle(c *book.Chapter) string {
	handout := h.keyHandout(c)
	if h.bandLines(tied(handout)) == 1 {
		return tied(handout)
	}
	title := h.b.Smart(c.Title)
	colon := strings.Index(title, ": ")
	if h.bandLines(tied(title)) == 1 {
		title = tied(title)
	} else if colon > 0 && h.bandLines(tied(title[:colon+1])+" "+tied(title[colon+2:])) == 2 {
		// Parted at its colon ("Part Three:" / "Carers and Donors"), not
		// inside the name after it (review15 #10).
		title = tied(title[:colon+1]) + " " + tied(title[colon+2:])
	} else if last := strings.LastIndexByte(title, ' '); last > 0 {
		title = title[:last] + "\u00A0" + title[last+1:]
	}
	return tied(h.label("handout-number", "n", strconv.Itoa(c.Number))) + "\n" + title
}

// bandLines is the number of lines a band sets its title in.
func (h *handouts) bandLines(title string) int {
	return len(h.rows([]richtext.Span{{Text: title, Style: richtext.Bold, Size: bandTitleSize}}, block{w: h.g.measure() - 12, leading: 1.15, keepAll: true}))
}
