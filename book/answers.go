package book

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/internal/yamlsrc"
)

// answerFormats are the ways a student may answer a question, the words of
// its answer-format key. The question's type (comprehension … personal)
// says what thinking it asks for; its answer format says how the answer is
// given, so that a comprehension question may be multiple choice.
var answerFormats = []string{AnswerOpen, AnswerMultipleChoice, AnswerTrueFalse, AnswerShort}

// MaxPoints bounds a question's points: far above any gradebook's scale,
// low enough that a slip (points: 10000) is caught.
const MaxPoints = 1000

// answerKeys are a question's keys that say how it is answered, kept as
// written until the whole question is read: what answer: means depends on
// answer-format:, which may come after it.
type answerKeys struct {
	format, answer, choices, accept *yaml.Node
}

// answerFields are the question's fields that fill keys.
func (k *answerKeys) fields(d *decoder, q *Question) []field {
	return []field{
		{"answer-format", false, func(v *yaml.Node) { k.format = v }},
		{"points", false, func(v *yaml.Node) { d.points(v, &q.Points) }},
		{"answer", false, func(v *yaml.Node) { k.answer = v }},
		{"choices", false, func(v *yaml.Node) { k.choices = v }},
		{"accept", false, func(v *yaml.Node) { k.accept = v }},
	}
}

// answers decodes how question q is answered from the keys given, and
// reports every key that does not fit its answer format: choices on an
// open question, an answer: on a multiple-choice one, a multiple-choice
// question with no correct choice. (check finds a choice given twice, in
// the words a student reads.) An answer-format that is no format is
// reported alone: which of the other keys fit cannot be known.
func (l *loader) answers(d *decoder, q *Question, k *answerKeys) {
	q.Format = AnswerOpen
	if k.format != nil {
		q.Format = ""
		d.oneOf(k.format, "answer-format", answerFormats, &q.Format)
		if q.Format == "" {
			return
		}
	}
	l.answer(d, q, k)
	if k.choices != nil {
		if q.Format != AnswerMultipleChoice {
			l.diags.Errorf(d.pos(k.choices), "question %s has choices, but it is %s", q.ID, formatPhrase(q.Format))
			l.diags.Hintf("choices are for multiple-choice questions: add `answer-format: multiple-choice`, or remove the choices")
		} else {
			l.choices(d, q, k.choices)
		}
	} else if q.Format == AnswerMultipleChoice {
		l.diags.Errorf(d.pos(k.format), "multiple-choice question %s has no choices", q.ID)
		l.diags.Hintf("add them: `choices: [{text: …, correct: true}, {text: …}]`")
	}
	if k.accept != nil {
		if q.Format != AnswerShort {
			l.diags.Errorf(d.pos(k.accept), "question %s lists answers to accept, but it is %s", q.ID, formatPhrase(q.Format))
			l.diags.Hintf("accept: is for short-answer questions: add `answer-format: short-answer`, or remove it")
		} else {
			l.accept(d, q, k.accept)
		}
	} else if q.Format == AnswerShort {
		l.diags.Errorf(d.pos(k.format), "short-answer question %s does not say which answers to accept", q.ID)
		l.diags.Hintf("list them: `accept: [Hailsham, Hailsham House]`")
	}
}

// formatPhrase names an answer format in a sentence.
func formatPhrase(format string) string {
	if format == AnswerOpen {
		return "an open question"
	}
	return "a " + format + " question"
}

// answer decodes the answer: key, which is a model answer (Markdown) on an
// open question and true or false on a true-false one, and which the other
// formats give in their own keys.
func (l *loader) answer(d *decoder, q *Question, k *answerKeys) {
	v := k.answer
	switch {
	case q.Format == AnswerTrueFalse && v == nil:
		l.diags.Errorf(d.pos(k.format), "true-false question %s does not say whether it is true", q.ID)
		l.diags.Hintf("add `answer: true` or `answer: false`")
	case v == nil:
	case q.Format == AnswerOpen:
		var s string
		d.text(v, "answer", &s)
		q.Answer = d.markdown(v, s)
		l.parseLater(q.Answer)
	case q.Format == AnswerTrueFalse:
		d.boolean(v, "the answer of a true-false question", &q.True)
	case q.Format == AnswerMultipleChoice:
		l.diags.Errorf(d.pos(v), "multiple-choice question %s has an answer:, which only open and true-false questions have", q.ID)
		l.diags.Hintf("mark the right choices with `correct: true` instead")
	case q.Format == AnswerShort:
		l.diags.Errorf(d.pos(v), "short-answer question %s has an answer:, which only open and true-false questions have", q.ID)
		example := "Hailsham, Hailsham House"
		if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" {
			example = strings.TrimSpace(v.Value)
		}
		l.diags.Hintf("did you mean accept:? It lists every answer to accept: `accept: [%s]`", example)
	}
}

// choices decodes a multiple-choice question's choices: each a mapping
// (text, correct, feedback), or just its text for a wrong one.
func (l *loader) choices(d *decoder, q *Question, v *yaml.Node) {
	d.list(v, "choices", func(it *yaml.Node) {
		c := &Choice{Pos: d.pos(it)}
		var textNode *yaml.Node
		if it.Kind == yaml.ScalarNode {
			textNode = it
		} else {
			d.mapping(it, "a choice",
				field{"text", true, func(v *yaml.Node) { textNode = v }},
				field{"correct", false, func(v *yaml.Node) { d.boolean(v, "correct", &c.Correct) }},
				field{"feedback", false, func(v *yaml.Node) {
					var s string
					d.text(v, "feedback", &s)
					c.Feedback = d.markdown(v, s)
				}},
			)
		}
		if textNode == nil {
			return
		}
		var s string
		d.text(textNode, "a choice", &s)
		if textNode.Kind != yaml.ScalarNode || textNode.Tag == "!!null" {
			return // reported by text: a choice must be text
		}
		if strings.TrimSpace(s) == "" {
			l.diags.Errorf(d.pos(textNode), "a choice of question %s has no text", q.ID)
			l.diags.Hintf("write what the student picks, or remove the choice")
			return
		}
		c.Text = d.markdown(textNode, s)
		l.parseLater(c.Text, c.Feedback)
		q.Choices = append(q.Choices, c)
	})
	switch {
	case len(q.Choices) == 1:
		l.diags.Errorf(d.pos(v), "multiple-choice question %s has only one choice", q.ID)
		l.diags.Hintf("give at least two; a question with one answer is short-answer or true-false")
	case len(q.Choices) > 1 && q.CorrectChoices() == 0:
		l.diags.Errorf(d.pos(v), "no choice of multiple-choice question %s is correct", q.ID)
		l.diags.Hintf("mark the right choice (or choices) with `correct: true`")
	case len(q.Choices) > 1 && q.CorrectChoices() == len(q.Choices):
		l.diags.Errorf(d.pos(v), "every choice of multiple-choice question %s is correct", q.ID)
		l.diags.Hintf("a question needs at least one wrong choice; mark it `correct: false`")
	}
}

// accept decodes the answers a short-answer question accepts: plain text,
// compared with what a student types, so not Markdown.
func (l *loader) accept(d *decoder, q *Question, v *yaml.Node) {
	seen := map[string]int{}
	d.list(v, "accept", func(it *yaml.Node) {
		var s string
		d.str(it, "an accepted answer", &s)
		s = strings.TrimSpace(s)
		if s == "" {
			if it.Kind == yaml.ScalarNode && it.Tag != "!!null" {
				l.diags.Errorf(d.pos(it), "an accepted answer of question %s is empty", q.ID)
				l.diags.Hintf("write the answer, or remove the empty item")
			}
			return
		}
		// Platforms compare short answers without regard to case.
		key := strings.ToLower(s)
		if line, dup := seen[key]; dup {
			l.diags.Errorf(d.pos(it), "question %s accepts %q twice (first on line %d)", q.ID, s, line)
			l.diags.Hintf("platforms compare short answers without regard to case; remove one")
			return
		}
		seen[key] = d.pos(it).Line
		q.Accept = append(q.Accept, s)
		q.acceptPos = append(q.acceptPos, d.pos(it))
	})
}

// points decodes a question's points: a positive number, whole or not.
func (d *decoder) points(n *yaml.Node, dst *float64) {
	f, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		d.diags.Errorf(d.pos(n), "points must be a number, not %s", yamlsrc.Describe(n))
		d.diags.Hintf("write e.g. `points: 2` or `points: 0.5`")
		return
	}
	if f <= 0 || f > MaxPoints {
		d.diags.Errorf(d.pos(n), "points must be more than 0 and at most %d, not %s", MaxPoints, n.Value)
		if f <= 0 {
			d.diags.Hintf("leave points out for a question that is not graded")
		} else {
			d.diags.Hintf("a platform scales the points to the quiz's grade; give them on a smaller scale")
		}
		return
	}
	*dst = f
}

// ShownAnswers are the accepted answers as a teacher reads them in a key:
// the first, and after it only the answers that differ in substance. A
// variant that only a platform's matching needs is left out: the same
// words in another case, with other punctuation or in another order
// ("Bramble and Thunder" beside "Thunder and Bramble"), or some of an
// answer's words alone ("Emily" beside "Miss Emily").
func (q *Question) ShownAnswers() []string {
	var out []string
	var shown []map[string]bool
	for _, a := range q.Accept {
		words := answerWords(a)
		if slices.ContainsFunc(shown, func(s map[string]bool) bool { return within(words, s) }) {
			continue
		}
		out = append(out, a)
		set := map[string]bool{}
		for _, w := range words {
			set[w] = true
		}
		shown = append(shown, set)
	}
	return out
}

// answerWords are an answer's words in lower case, without the
// punctuation around them.
func answerWords(a string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if w = strings.Trim(w, ".!?;:,'\"()“”‘’"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// within reports whether every word is in the set.
func within(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}

// AnswerLabel is the label key before the shown answers: "Answer:" for
// one, "Accepted answers:" for more.
func (q *Question) AnswerLabel() string {
	if len(q.ShownAnswers()) == 1 {
		return "answer-accepted-one"
	}
	return "answer-accepted"
}
