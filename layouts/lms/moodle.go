package lms

import (
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// moodleXML writes the questions in Moodle XML, the fullest of Moodle's
// import formats: a category per chapter; an open question as an essay
// with the teacher's guidance and model answer as grader information
// (shown to graders only) and as many answer lines as the handout gives;
// the others as multichoice, truefalse and shortanswer questions.
func moodleXML(b *book.Book) []byte {
	x := &xmlWriter{}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<quiz>\n")
	for _, c := range b.Chapters {
		if len(c.Questions) == 0 {
			continue
		}
		x.raw(`  <question type="category">` + "\n    <category>")
		x.text("text", category(b, c))
		x.raw("</category>\n  </question>\n")
		for _, q := range c.Questions {
			x.question(b, q)
		}
	}
	x.raw("</quiz>\n")
	return []byte(x.w.String())
}

type xmlWriter struct{ w strings.Builder }

func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

// text writes <tag>s</tag>, s escaped.
func (x *xmlWriter) text(tag, s string) {
	x.raw("<" + tag + ">")
	x.raw(xhtml.Escape(s))
	x.raw("</" + tag + ">")
}

// element writes an indented <tag>s</tag> line.
func (x *xmlWriter) element(tag, s string) {
	x.raw("    ")
	x.text(tag, s)
	x.raw("\n")
}

// formatted writes an indented element holding HTML text, as Moodle's
// questiontext, feedback and graderinfo do.
func (x *xmlWriter) formatted(tag, htmlText string) {
	x.raw("    <" + tag + ` format="html">`)
	x.text("text", htmlText)
	x.raw("</" + tag + ">\n")
}

// answer writes one <answer>: its text and the feedback a student who
// gives it sees.
func (x *xmlWriter) answer(fraction, format, text, feedback string) {
	x.raw(`    <answer fraction="` + fraction + `" format="` + format + `">`)
	x.text("text", text)
	x.raw(`<feedback format="html">`)
	x.text("text", feedback)
	x.raw("</feedback></answer>\n")
}

var moodleTypes = map[string]string{
	book.AnswerOpen:           "essay",
	book.AnswerMultipleChoice: "multichoice",
	book.AnswerTrueFalse:      "truefalse",
	book.AnswerShort:          "shortanswer",
}

func (x *xmlWriter) question(b *book.Book, q *book.Question) {
	x.raw(`  <question type="` + moodleTypes[q.Format] + `">` + "\n    <name>")
	x.text("text", q.ID)
	x.raw("</name>\n")
	x.formatted("questiontext", html(b, q.Prompt))
	x.element("defaultgrade", points(q))
	x.element("idnumber", q.ID)
	switch q.Format {
	case book.AnswerOpen:
		x.element("responseformat", "editor")
		x.element("responserequired", "1")
		x.element("responsefieldlines", strconv.Itoa(q.Lines))
		x.element("attachments", "0")
		x.formatted("graderinfo", joined(b, labelled{b.Labels.Get("teacher-guidance"), q.Guidance}, labelled{b.Labels.Get("model-answer"), q.Answer}))
	case book.AnswerMultipleChoice:
		x.element("single", strconv.FormatBool(q.CorrectChoices() == 1))
		x.element("shuffleanswers", "false") // the author's order: "none of the above" stays last
		x.element("answernumbering", "abc")
		w := weight(q)
		for _, c := range q.Choices {
			f := "-" + w
			if c.Correct {
				f = w
			} else if q.CorrectChoices() == 1 {
				f = "0"
			}
			x.answer(f, "html", inlineHTML(b, c.Text), inlineHTML(b, c.Feedback))
		}
	case book.AnswerTrueFalse:
		right, wrong := "true", "false"
		if !q.True {
			right, wrong = wrong, right
		}
		x.answer("100", "moodle_auto_format", right, "")
		x.answer("0", "moodle_auto_format", wrong, "")
	case book.AnswerShort:
		x.element("usecase", "0")
		for _, a := range q.Accept {
			x.answer("100", "moodle_auto_format", shortAnswer(a), "")
		}
	}
	x.raw("  </question>\n")
}
