package lms

import (
	"fmt"
	"strconv"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

// ccProfiles are the question types of the Common Cartridge profile of
// QTI 1.2, by answer format; multiple choice with several correct choices
// is a multiple-response question.
var ccProfiles = map[string]string{
	book.AnswerOpen:           "cc.essay.v0p1",
	book.AnswerMultipleChoice: "cc.multiple_choice.v0p1",
	book.AnswerTrueFalse:      "cc.true_false.v0p1",
	book.AnswerShort:          "cc.fib.v0p1",
}

const multipleResponse = "cc.multiple_response.v0p1"

// profile is q's question type in the CC profile.
func profile(q *book.Question) string {
	if q.Format == book.AnswerMultipleChoice && q.CorrectChoices() > 1 {
		return multipleResponse
	}
	return ccProfiles[q.Format]
}

// response is the identifier of every item's one response.
const response = "response"

// assessment writes a chapter's questions as the QTI 1.2 assessment of
// its handout, in the CC profile: an item per question, typed and weighted
// in its metadata, with its prompt and choices as HTML, the response
// processing that scores it (SCORE 100 for a right answer) and the
// feedback of each choice. Nothing in it is for graders only, since a
// platform may show students all of it once they have answered.
func assessment(b *book.Book, c *book.Chapter, d *diag.List) []byte {
	x := &xmlWriter{}
	id := chapterIdent(c)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<questestinterop xmlns="` + qtiNamespace + `" xmlns:xsi="` + xsiNamespace + `" xsi:schemaLocation="` + qtiNamespace + ` http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd">` + "\n")
	x.raw(`  <assessment ident="` + id + `-assessment" title="` + attr(oneLine(b.Labels.Format("handout-number", "n", fmt.Sprint(c.Number))+": "+c.Title)) + `">` + "\n")
	x.raw("    <qtimetadata>\n")
	for _, f := range [][2]string{{"cc_profile", "cc.exam.v0p1"}, {"qmd_assessmenttype", "Examination"}, {"qmd_scoretype", "Percentage"}, {"qmd_feedbackpermitted", "Yes"}, {"qmd_hintspermitted", "No"}, {"qmd_solutionspermitted", "No"}} {
		x.raw("      " + field(f[0], f[1]) + "\n")
	}
	x.raw("    </qtimetadata>\n")
	x.raw(`    <section ident="` + id + `-section">` + "\n")
	for _, q := range c.Questions {
		item(x, b, c, q, d)
	}
	x.raw("    </section>\n  </assessment>\n</questestinterop>\n")
	return []byte(x.w.String())
}

func field(label, entry string) string {
	return "<qtimetadatafield><fieldlabel>" + label + "</fieldlabel><fieldentry>" + attr(entry) + "</fieldentry></qtimetadatafield>"
}

// mattext is a material holding HTML.
func mattext(htmlText string) string {
	return `<material><mattext texttype="text/html">` + attr(htmlText) + "</mattext></material>"
}

// choiceIdent is the identifier of a question's choice i (0-based).
func choiceIdent(i int) string { return "choice-" + strconv.Itoa(i+1) }

func item(x *xmlWriter, b *book.Book, c *book.Chapter, q *book.Question, d *diag.List) {
	x.raw(`      <item ident="` + attr(chapterIdent(c)+"-"+q.ID) + `" title="` + attr(q.ID) + `">` + "\n")
	x.raw("        <itemmetadata><qtimetadata>" + field("cc_profile", profile(q)) + field("cc_weighting", weighting(q, d)))
	if q.Format == book.AnswerOpen {
		x.raw(field("qmd_computerscored", "No"))
	}
	x.raw("</qtimetadata></itemmetadata>\n")
	x.raw("        <presentation>\n          " + mattext(html(b, q.Prompt)) + "\n")
	var labels []string // the choices' texts, for a question of choices
	switch q.Format {
	case book.AnswerOpen:
		x.raw(`          <response_str ident="` + response + `" rcardinality="Single"><render_fib rows="` + strconv.Itoa(max(q.Lines, 1)) + `"/></response_str>` + "\n")
	case book.AnswerShort:
		x.raw(`          <response_str ident="` + response + `" rcardinality="Single"><render_fib/></response_str>` + "\n")
	case book.AnswerMultipleChoice:
		for _, ch := range q.Choices {
			labels = append(labels, inlineHTML(b, ch.Text))
		}
	case book.AnswerTrueFalse:
		labels = []string{truth(b, true), truth(b, false)}
	}
	if labels != nil {
		card := "Single"
		if profile(q) == multipleResponse {
			card = "Multiple"
		}
		x.raw(`          <response_lid ident="` + response + `" rcardinality="` + card + `"><render_choice shuffle="No">` + "\n")
		for i, l := range labels {
			x.raw(`            <response_label ident="` + choiceIdent(i) + `">` + mattext(l) + "</response_label>\n")
		}
		x.raw("          </render_choice></response_lid>\n")
	}
	x.raw("        </presentation>\n")
	x.raw(`        <resprocessing><outcomes><decvar varname="SCORE" vartype="Decimal" minvalue="0" maxvalue="100"/></outcomes>` + "\n")
	score := `<setvar varname="SCORE" action="Set">100</setvar>`
	var feedback []string // the itemfeedback elements, in choice order
	switch q.Format {
	case book.AnswerOpen:
		// Graded by hand: nothing to compare the answer with.
		x.raw("          <respcondition continue=\"No\"><conditionvar><other/></conditionvar></respcondition>\n")
	case book.AnswerShort:
		for _, a := range q.Accept {
			x.raw(`          <respcondition continue="No"><conditionvar><varequal respident="` + response + `" case="No">` + attr(a) + "</varequal></conditionvar>" + score + "</respcondition>\n")
		}
	case book.AnswerTrueFalse:
		right := 0
		if !q.True {
			right = 1
		}
		x.raw(`          <respcondition continue="No"><conditionvar><varequal respident="` + response + `">` + choiceIdent(right) + "</varequal></conditionvar>" + score + "</respcondition>\n")
	case book.AnswerMultipleChoice:
		multiple := profile(q) == multipleResponse
		for i, ch := range q.Choices {
			if ch.Feedback == nil && (multiple || !ch.Correct) {
				continue
			}
			cond := `          <respcondition continue="` + map[bool]string{true: "Yes", false: "No"}[multiple] + `"><conditionvar><varequal respident="` + response + `">` + choiceIdent(i) + "</varequal></conditionvar>"
			if ch.Correct && !multiple {
				cond += score
			}
			if ch.Feedback != nil {
				fb := choiceIdent(i) + "-feedback"
				cond += `<displayfeedback feedbacktype="Response" linkrefid="` + fb + `"/>`
				feedback = append(feedback, `        <itemfeedback ident="`+fb+`"><flow_mat>`+mattext(inlineHTML(b, ch.Feedback))+"</flow_mat></itemfeedback>\n")
			}
			x.raw(cond + "</respcondition>\n")
		}
		if multiple {
			// Right only when every correct choice is ticked and no other.
			x.raw(`          <respcondition continue="No"><conditionvar><and>`)
			for i, ch := range q.Choices {
				v := `<varequal respident="` + response + `" case="Yes">` + choiceIdent(i) + "</varequal>"
				if !ch.Correct {
					v = "<not>" + v + "</not>"
				}
				x.raw(v)
			}
			x.raw("</and></conditionvar>" + score + "</respcondition>\n")
		}
	}
	x.raw("        </resprocessing>\n")
	for _, f := range feedback {
		x.raw(f)
	}
	x.raw("      </item>\n")
}
