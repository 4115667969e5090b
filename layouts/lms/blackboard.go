package lms

import (
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
)

// blackboard writes Blackboard's tab-delimited question upload: one
// question a line, its type first (ESS essay, MC one correct choice, MA
// several, TF true/false, FIB fill in the blank with every accepted
// answer), then its HTML text and its answers, tab-separated. An essay's
// third field is the sample answer graders see, which the model answer
// fills; the format has no room for guidance, per-choice feedback, points
// or chapters.
func blackboard(b *book.Book) []byte {
	var w strings.Builder
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			fields := []string{"", html(b, q.Prompt)}
			switch q.Format {
			case book.AnswerOpen:
				fields[0] = "ESS"
				fields = append(fields, html(b, q.Answer))
			case book.AnswerMultipleChoice:
				fields[0] = "MC"
				if q.CorrectChoices() > 1 {
					fields[0] = "MA"
				}
				for _, ch := range q.Choices {
					state := "incorrect"
					if ch.Correct {
						state = "correct"
					}
					fields = append(fields, inlineHTML(b, ch.Text), state)
				}
			case book.AnswerTrueFalse:
				fields[0] = "TF"
				fields = append(fields, strconv.FormatBool(q.True))
			case book.AnswerShort:
				fields[0] = "FIB"
				fields = append(fields, q.Accept...)
			}
			for i := range fields {
				fields[i] = oneLine(fields[i])
			}
			w.WriteString(strings.Join(fields, "\t") + "\n")
		}
	}
	return []byte(w.String())
}
