package book

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/companion-dev/companion/book/diag"
)

// giveaways warns where the answer to a quiz question is printed, word
// for word, elsewhere on the handout a student answers it on: in another
// question's prompt, a key quotation (its words or its speaker) or the
// vocabulary box. A reading check that can be answered by looking up the
// page tests nothing. The answers checked are a short-answer question's
// accepted answers and a multiple-choice question's correct choices, of
// at least minGiveaway letters (a shorter one, "Ruth", is everywhere).
// The chapter's own text is not searched: notes that retell the plot
// name what a recall quiz asks, and a class answers those from memory.
func (c *checker) giveaways(ch *Chapter) {
	var places []printed
	for _, q := range ch.Questions {
		places = append(places, printed{"the prompt of question " + q.ID, " " + plainOf(q.Prompt) + " ", q})
	}
	for i, q := range ch.Quotes {
		places = append(places, printed{fmt.Sprintf("key quotation %d", i+1), " " + normal(q.Text+" "+q.Speaker) + " ", nil})
	}
	for _, t := range ch.Vocabulary {
		places = append(places, printed{fmt.Sprintf("the vocabulary's %q", t.Term), " " + normal(t.Term+" "+plainOf(t.Definition)) + " ", nil})
	}
	for _, q := range ch.Questions {
		// a variant only a platform needs ("Emily" beside "Miss Emily")
		// gives nothing more away
		shown := q.ShownAnswers()
		for i, a := range q.Accept {
			if slices.Contains(shown, a) {
				c.giveaway(q, a, q.acceptPos[i], places)
			}
		}
		for _, choice := range q.Choices {
			if choice.Correct {
				c.giveaway(q, textOf(choice.Text), choice.Pos, places)
			}
		}
	}
}

// minGiveaway is the fewest letters an answer has for its being printed
// elsewhere to give it away.
const minGiveaway = 5

// printed is a place on a handout where a student reads text.
type printed struct {
	what string
	text string    // normalised, with a space before and after
	q    *Question // the question whose prompt it is, or nil
}

func (c *checker) giveaway(q *Question, answer string, pos diag.Pos, places []printed) {
	a := normal(answer)
	if len([]rune(strings.ReplaceAll(a, " ", ""))) < minGiveaway {
		return
	}
	word := " " + a + " "
	for _, p := range places {
		if p.q == q || !strings.Contains(p.text, word) {
			continue
		}
		c.diags.Warnf(pos, "the answer %q to question %s is printed in %s, on the same handout", strings.TrimSpace(answer), q.ID, p.what)
		c.diags.Hintf("a student can copy it from the sheet: ask for something the page does not say, or reword the other text")
		return
	}
}

// plainOf is a piece of Markdown's text without its markup, normalised.
func plainOf(m *Markdown) string { return normal(textOf(m)) }

// textOf is a piece of Markdown's text as a reader reads it, without its
// markup (citations and note calls say nothing).
func textOf(m *Markdown) string {
	var b strings.Builder
	textRuns(m, func(t string, _ func(i, n int) diag.Pos) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	})
	return b.String()
}

// normal is text in lower case with its punctuation as spaces, so that
// "Thunder and Bramble." is found in "horses, Thunder and Bramble, who":
// its words, apostrophes dropped ("Kathy’s" is "kathys"), one space
// between each two. It is one pass, since the giveaway rule normalises
// every prompt and quotation of a book.
func normal(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is owed before the next word's letter
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '’' || r == '\'':
		default:
			space = true
		}
	}
	return b.String()
}
