package lms

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// moodleQuestion is a <question> of Moodle XML as Moodle's importer reads it.
type moodleQuestion struct {
	Type       string `xml:"type,attr"`
	Category   string `xml:"category>text"`
	Name       string `xml:"name>text"`
	Text       string `xml:"questiontext>text"`
	Grade      string `xml:"defaultgrade"`
	Lines      string `xml:"responsefieldlines"`
	GraderInfo string `xml:"graderinfo>text"`
	Single     string `xml:"single"`
	Answers    []struct {
		Fraction string `xml:"fraction,attr"`
		Text     string `xml:"text"`
		Feedback string `xml:"feedback>text"`
	} `xml:"answer"`
}

// TestMoodleXML reads the Moodle XML file back and finds every question of
// the book again: its category, type, text, points, answer lines, grader
// information, and every answer with its fraction and feedback.
func TestMoodleXML(t *testing.T) {
	b, files := render(t)
	var quiz struct {
		Questions []moodleQuestion `xml:"question"`
	}
	if err := xml.Unmarshal([]byte(files[b.Slug()+"-moodle.xml"]), &quiz); err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, q := range quiz.Questions {
		if q.Type == "category" {
			got = append(got, "category "+q.Category)
			continue
		}
		got = append(got, fmt.Sprintf("%s %s grade=%s lines=%s single=%s text=%s grader=%s", q.Type, q.Name, q.Grade, q.Lines, q.Single, q.Text, q.GraderInfo))
		for _, a := range q.Answers {
			got = append(got, fmt.Sprintf("  %s %s | %s", a.Fraction, a.Text, a.Feedback))
		}
	}
	for _, c := range b.Chapters {
		if len(c.Questions) > 0 {
			want = append(want, "category "+category(b, c))
		}
		for _, q := range c.Questions {
			want = append(want, moodleExpect(b, q)...)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Moodle XML holds\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func moodleExpect(b *book.Book, q *book.Question) []string {
	lines, grader, single := "", "", ""
	var answers []string
	switch q.Format {
	case book.AnswerOpen:
		lines = fmt.Sprint(q.Lines)
		grader = joined(b, labelled{b.Labels.Get("teacher-guidance"), q.Guidance}, labelled{b.Labels.Get("model-answer"), q.Answer})
	case book.AnswerMultipleChoice:
		single = fmt.Sprint(q.CorrectChoices() == 1)
		for _, c := range q.Choices {
			f := map[bool]string{true: weight(q), false: "-" + weight(q)}[c.Correct]
			if !c.Correct && q.CorrectChoices() == 1 {
				f = "0"
			}
			answers = append(answers, fmt.Sprintf("  %s %s | %s", f, inlineHTML(b, c.Text), inlineHTML(b, c.Feedback)))
		}
	case book.AnswerTrueFalse:
		answers = append(answers, fmt.Sprintf("  100 %t | ", q.True), fmt.Sprintf("  0 %t | ", !q.True))
	case book.AnswerShort:
		for _, a := range q.Accept {
			answers = append(answers, "  100 "+shortAnswer(a)+" | ")
		}
	}
	types := map[string]string{book.AnswerOpen: "essay", book.AnswerMultipleChoice: "multichoice", book.AnswerTrueFalse: "truefalse", book.AnswerShort: "shortanswer"}
	return append([]string{fmt.Sprintf("%s %s grade=%s lines=%s single=%s text=%s grader=%s", types[q.Format], q.ID, points(q), lines, single, html(b, q.Prompt), grader)}, answers...)
}

// TestStudentsNeverSeeGuidance: guidance and model answers reach only the
// places a platform keeps for graders: Moodle's grader information and
// Blackboard's sample answer of an essay; never a question's text, a
// feedback, or the GIFT file.
func TestStudentsNeverSeeGuidance(t *testing.T) {
	b, files := render(t)
	moodle := files[b.Slug()+"-moodle.xml"]
	// What Moodle shows students: the file without its grader information.
	var shown strings.Builder
	for rest := moodle; ; {
		i := strings.Index(rest, "<graderinfo")
		if i < 0 {
			shown.WriteString(rest)
			break
		}
		shown.WriteString(rest[:i])
		rest = rest[i+strings.Index(rest[i:], "</graderinfo>"):]
	}
	checked := 0
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			for _, m := range []*book.Markdown{q.Guidance, q.Answer} {
				if m == nil {
					continue
				}
				checked++
				// The first three words of the fixture's pieces carry no markup.
				probe := strings.Join(strings.Fields(m.Source)[:3], " ")
				if strings.Contains(files[b.Slug()+".gift"], giftEscape(probe)) {
					t.Errorf("the GIFT file shows students %s's %q", q.ID, probe)
				}
				if esc := xhtml.Escape(probe); strings.Contains(shown.String(), esc) || !strings.Contains(moodle, esc) {
					t.Errorf("Moodle XML: %s's %q is not in grader information only", q.ID, probe)
				}
				bb := files[b.Slug()+"-blackboard.txt"]
				for _, line := range strings.Split(bb, "\n") {
					f := strings.Split(line, "\t")
					if len(f) > 1 && strings.Contains(strings.Join(f[:2], "\t"), probe) {
						t.Errorf("Blackboard: %s's %q is in a question's text", q.ID, probe)
					}
					if m == q.Guidance && strings.Contains(line, probe) {
						t.Errorf("Blackboard: %s's guidance %q is in the upload", q.ID, probe)
					}
				}
			}
		}
	}
	if checked < 3 {
		t.Fatalf("only %d pieces of guidance and model answers checked", checked)
	}
}
