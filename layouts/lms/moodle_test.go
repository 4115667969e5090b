package lms

import (
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
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

// TestStudentsNeverSeeGuidance: in each format, guidance and model answers
// reach only the places a platform keeps for graders: Moodle's grader
// information, Blackboard's sample answer of an essay (model answers, never
// guidance); never a question's text or a feedback, nor anything in the
// GIFT file, which has no such place. (TestCartridgeStudentsNeverSeeGuidance
// does the same for the cartridge.)
func TestStudentsNeverSeeGuidance(t *testing.T) {
	b, files := render(t)
	type piece struct {
		id       string
		guidance bool
		probe    string // the first three words, which carry no markup in the fixture
	}
	var pieces []piece
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			for _, m := range []*book.Markdown{q.Guidance, q.Answer} {
				if m != nil {
					pieces = append(pieces, piece{q.ID, m == q.Guidance, strings.Join(strings.Fields(m.Source)[:3], " ")})
				}
			}
		}
	}
	if len(pieces) < 3 {
		t.Fatalf("only %d pieces of guidance and model answers to check", len(pieces))
	}
	t.Run("GIFT", func(t *testing.T) {
		for _, p := range pieces {
			if strings.Contains(files[b.Slug()+".gift"], giftEscape(p.probe)) {
				t.Errorf("the GIFT file shows students %s's %q", p.id, p.probe)
			}
		}
	})
	t.Run("Moodle XML", func(t *testing.T) {
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
		for _, p := range pieces {
			if esc := xhtml.Escape(p.probe); strings.Contains(shown.String(), esc) || !strings.Contains(moodle, esc) {
				t.Errorf("%s's %q is not in grader information only", p.id, p.probe)
			}
		}
	})
	t.Run("Blackboard", func(t *testing.T) {
		for _, p := range pieces {
			for _, line := range strings.Split(files[b.Slug()+"-blackboard.txt"], "\n") {
				f := strings.Split(line, "\t")
				if len(f) > 1 && strings.Contains(strings.Join(f[:2], "\t"), p.probe) {
					t.Errorf("%s's %q is in a question's text", p.id, p.probe)
				}
				if p.guidance && strings.Contains(line, p.probe) {
					t.Errorf("%s's guidance %q is in the upload", p.id, p.probe)
				}
			}
		}
	})
}

// moodleFractions are the grades Moodle accepts for an answer, as
// question_bank::fraction_options_full lists them (question/engine/bank.php):
// p/q for q ≤ 6, p/10, 1/q for q ≤ 10 and 1/20, and their negatives.
var moodleFractions = func() []float64 {
	f := []float64{1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0}
	for _, v := range f[:len(f)-1] {
		f = append(f, -v)
	}
	return f
}()

// moodleAccepts reports whether Moodle's import takes a fraction (in
// percent, as the file writes it): match_grade_options in its default
// 'error' mode wants one of moodleFractions to within 0.00001.
func moodleAccepts(percent string) bool {
	v, err := strconv.ParseFloat(percent, 64)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(moodleFractions, func(f float64) bool { return math.Abs(v/100-f) < 0.00001 })
}

// TestMoodleXMLImports checks the Moodle XML file against what Moodle's
// importer (question/format/xml/format.php, and the checks after it in
// question/format.php and the question types) reads and refuses: a
// question type it handles; a name; text formats trans_format knows; for
// multiple choice, single true or false, a numbering it offers and grades
// it accepts that add up (one of 100% for a single answer, positive
// grades summing to 100% for several); for true/false, answers whose text
// is "true" and "false"; for short answer, an answer worth 100%; for an
// essay, a response format and grader information.
func TestMoodleXMLImports(t *testing.T) {
	b, files := render(t)
	type text struct {
		Format string `xml:"format,attr"`
		Text   string `xml:"text"`
	}
	var quiz struct {
		XMLName   xml.Name
		Questions []struct {
			Type           string `xml:"type,attr"`
			Category       string `xml:"category>text"`
			Name           string `xml:"name>text"`
			QuestionText   text   `xml:"questiontext"`
			GraderInfo     *text  `xml:"graderinfo"`
			DefaultGrade   string `xml:"defaultgrade"`
			Single         string `xml:"single"`
			Shuffle        string `xml:"shuffleanswers"`
			Numbering      string `xml:"answernumbering"`
			UseCase        string `xml:"usecase"`
			ResponseFormat string `xml:"responseformat"`
			Lines          string `xml:"responsefieldlines"`
			Answers        []struct {
				Fraction string `xml:"fraction,attr"`
				Format   string `xml:"format,attr"`
				Text     string `xml:"text"`
				Feedback text   `xml:"feedback"`
			} `xml:"answer"`
		} `xml:"question"`
	}
	if err := xml.Unmarshal([]byte(files[b.Slug()+"-moodle.xml"]), &quiz); err != nil {
		t.Fatal(err)
	}
	if quiz.XMLName.Local != "quiz" {
		t.Fatalf("root element %s, want quiz (readquestions reads $xml['quiz'])", quiz.XMLName.Local)
	}
	formats := []string{"moodle_auto_format", "html", "plain_text", "wiki_like", "markdown"} // trans_format
	known := func(f string) bool { return slices.Contains(formats, f) }
	questions := 0
	for _, q := range quiz.Questions {
		if q.Type == "category" {
			if q.Category == "" || !strings.HasPrefix(q.Category, "$course$/") {
				t.Errorf("category %q: import_category wants category/text, in the course's context", q.Category)
			}
			continue
		}
		questions++
		where := q.Type + " " + q.Name
		if q.Name == "" {
			t.Errorf("%s: no name (xmlimportnoname)", where)
		}
		if !known(q.QuestionText.Format) {
			t.Errorf("%s: questiontext format %q is not one trans_format knows", where, q.QuestionText.Format)
		}
		if _, err := strconv.ParseFloat(q.DefaultGrade, 64); err != nil {
			t.Errorf("%s: defaultgrade %q is not a number", where, q.DefaultGrade)
		}
		var max, total float64
		for _, a := range q.Answers {
			if !moodleAccepts(a.Fraction) {
				t.Errorf("%s: answer %q has grade %s%%, which Moodle's import refuses (invalidgrade)", where, a.Text, a.Fraction)
			}
			if !known(a.Format) || (a.Feedback.Format != "" && !known(a.Feedback.Format)) {
				t.Errorf("%s: answer %q has text format %q, feedback format %q", where, a.Text, a.Format, a.Feedback.Format)
			}
			f, _ := strconv.ParseFloat(a.Fraction, 64)
			max = math.Max(max, f)
			if f > 0 {
				total += f
			}
		}
		switch q.Type {
		case "multichoice":
			if q.Single != "true" && q.Single != "false" {
				t.Errorf("%s: single %q", where, q.Single)
			}
			if !slices.Contains([]string{"abc", "ABCD", "123", "iii", "IIII", "none"}, q.Numbering) || (q.Shuffle != "true" && q.Shuffle != "false") {
				t.Errorf("%s: answernumbering %q, shuffleanswers %q", where, q.Numbering, q.Shuffle)
			}
			if q.Single == "true" && math.Abs(max-100) > 0.001 {
				t.Errorf("%s: a single-answer question's best answer is worth %g%%, not 100%% (fractionsnomax)", where, max)
			}
			if q.Single == "false" && math.Round(total)/100 != 1 {
				t.Errorf("%s: the positive grades add up to %g%%, not 100%% (fractionsaddwrong)", where, total)
			}
		case "truefalse":
			var texts []string
			for _, a := range q.Answers {
				texts = append(texts, a.Text)
			}
			slices.Sort(texts)
			if !slices.Equal(texts, []string{"false", "true"}) || max != 100 {
				t.Errorf("%s: answers %v, best %g%%; import_truefalse matches the texts true and false", where, texts, max)
			}
		case "shortanswer":
			if q.UseCase != "0" && q.UseCase != "1" || max != 100 {
				t.Errorf("%s: usecase %q, best answer %g%% (fractionsnomax)", where, q.UseCase, max)
			}
		case "essay":
			if !slices.Contains([]string{"editor", "editorfilepicker", "plain", "monospaced", "noinline"}, q.ResponseFormat) || q.GraderInfo == nil || !known(q.GraderInfo.Format) {
				t.Errorf("%s: responseformat %q, graderinfo %+v", where, q.ResponseFormat, q.GraderInfo)
			}
			if _, err := strconv.Atoi(q.Lines); err != nil {
				t.Errorf("%s: responsefieldlines %q", where, q.Lines)
			}
		default:
			t.Errorf("%s: import_question does not handle type %q", where, q.Type)
		}
	}
	if questions == 0 {
		t.Fatal("no questions checked")
	}
}

// Every share weight gives a question of up to ten correct choices, and
// the same taken away for a wrong one, is a grade Moodle imports.
func TestWeightIsAMoodleGrade(t *testing.T) {
	for n := 1; n <= 10; n++ {
		q := &book.Question{}
		for range n {
			q.Choices = append(q.Choices, &book.Choice{Correct: true})
		}
		if w := weight(q); !moodleAccepts(w) || !moodleAccepts("-"+w) {
			t.Errorf("%d correct choices: weight %s%% is not a grade Moodle imports", n, w)
		}
	}
}
