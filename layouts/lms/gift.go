package lms

import (
	"fmt"
	"strings"

	"github.com/companion-dev/companion/book"
)

// gift writes the questions in GIFT, Moodle's text format: a category per
// chapter, each question titled with its id and written on one line in
// HTML. GIFT has nowhere for grader information, so guidance and model
// answers stay out; choices keep their feedback, which students see
// once they have answered.
func gift(b *book.Book) []byte {
	var w strings.Builder
	w.WriteString("// " + oneLine(b.Title) + ": discussion questions, written by companion\n")
	w.WriteString("// Import into Moodle as GIFT; one category per chapter. Guidance and model answers are in the Moodle XML file.\n")
	for _, c := range b.Chapters {
		if len(c.Questions) == 0 {
			continue
		}
		w.WriteString("\n$CATEGORY: " + oneLine(category(b, c)) + "\n")
		for _, q := range c.Questions {
			w.WriteString("\n::" + giftEscape(q.ID) + "::[html]" + giftEscape(oneLine(html(b, q.Prompt))) + giftAnswers(b, q) + "\n")
		}
	}
	return []byte(w.String())
}

// giftAnswers is the braces after a question's text.
func giftAnswers(b *book.Book, q *book.Question) string {
	var w strings.Builder
	w.WriteString(" {")
	switch q.Format {
	case book.AnswerMultipleChoice:
		single := q.CorrectChoices() == 1
		for _, c := range q.Choices {
			switch {
			case single && c.Correct:
				w.WriteString("=")
			case single:
				w.WriteString("~")
			case c.Correct:
				w.WriteString("~%" + weight(q) + "%")
			default:
				w.WriteString("~%-" + weight(q) + "%")
			}
			w.WriteString(giftEscape(oneLine(inlineHTML(b, c.Text))))
			if c.Feedback != nil {
				w.WriteString("#" + giftEscape(oneLine(inlineHTML(b, c.Feedback))))
			}
			w.WriteString(" ")
		}
	case book.AnswerTrueFalse:
		if q.True {
			w.WriteString("TRUE")
		} else {
			w.WriteString("FALSE")
		}
	case book.AnswerShort:
		for _, a := range q.Accept {
			w.WriteString("=" + giftEscape(shortAnswer(a)) + " ")
		}
	}
	w.WriteString("}")
	return w.String()
}

// giftEscaper escapes the characters GIFT reads as markup, the backslash
// first of all.
var giftEscaper = strings.NewReplacer(`\`, `\\`, "~", `\~`, "=", `\=`, "#", `\#`, "{", `\{`, "}", `\}`, ":", `\:`)

func giftEscape(s string) string { return giftEscaper.Replace(s) }

// oneLine puts s on one line: HTML reads a line break or a tab as a
// space, and the line-based formats end a question (GIFT) or a field
// (Blackboard) at one.
func oneLine(s string) string { return lineBreaks.Replace(s) }

var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// shortAnswer is an accepted answer as Moodle compares it: a * in it is a
// wildcard there, so a written one is escaped.
func shortAnswer(a string) string { return strings.ReplaceAll(a, "*", `\*`) }

// category is the platform's category for a chapter's questions: the
// companion's, then the chapter's, numbered so that they sort in reading
// order. A / inside a name is doubled, as Moodle writes it, so that it
// does not start a subcategory.
func category(b *book.Book, c *book.Chapter) string {
	name := func(s string) string { return strings.ReplaceAll(oneLine(s), "/", "//") }
	return fmt.Sprintf("$course$/top/%s/%02d %s", name(b.Title), c.Number, name(c.Title))
}
