package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfua"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// TestAnswerKeys renders the bundled companion, whose plot handouts end in
// comprehension checks: each handout with answers has a key of its own,
// for teachers, also in the teacher packet, that opens by saying which
// questions it answers and names each by handout and number; the correct
// choices are in it, by letter, and the wrong ones are not; no student
// file has a key or an answer.
func TestAnswerKeys(t *testing.T) {
	tool(t, "pdftotext")
	b, files := bundledFiles(t)
	teacher := flat(pdftotext(t, files[b.Slug()+"-teacher.pdf"].Data))
	keys := 0
	for _, c := range b.Chapters {
		path := fmt.Sprintf("teacher/%02d-%s-answer-key.pdf", c.Number, c.ID)
		f, ok := files[path]
		if ok != hasKey(c) {
			t.Errorf("%s: written %v, want %v", path, ok, hasKey(c))
		}
		if !ok {
			continue
		}
		keys++
		if f.Edition != layouts.Teacher {
			t.Errorf("%s is for %s, want the teacher", path, f.Edition)
		}
		if findings, err := pdfua.Check(f.Data); err != nil || len(findings) > 0 {
			t.Errorf("%s: PDF/UA: %v %v", path, err, findings)
		}
		// Compared with the choices' source, so in straight quotes.
		key := strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(flat(pdftotext(t, f.Data)))
		if !strings.Contains(key, "Page 1 of") {
			t.Errorf("%s does not number its own pages", path)
		}
		// The plot handouts' quizzes close them.
		covers := fmt.Sprintf("Answers to Handout %d, questions %s", c.Number, map[int]string{3: "11–18", 4: "10–18", 5: "10–18"}[c.Number])
		if !strings.Contains(key, covers) {
			t.Errorf("%s does not say what it answers (%q):\n%s", path, covers, key)
		}
		if !strings.Contains(teacher, covers) {
			t.Errorf("the teacher packet's key for handout %d does not say what it answers (%q)", c.Number, covers)
		}
		for _, q := range c.Questions {
			name := fmt.Sprintf("Handout %d · Q%d", c.Number, q.Number)
			if got := strings.Contains(key, name+" "+flat(q.Prompt.Source)[:12]); got != q.HasAnswer() {
				t.Errorf("%s: %q before question %s's prompt %v, want %v", path, name, q.ID, got, q.HasAnswer())
			}
			var answer []string
			for i, ch := range q.Choices {
				text := string(rune('A'+i)) + ". " + flat(ch.Text.Source)
				if got := strings.Contains(key, text); got != ch.Correct {
					t.Errorf("%s: choice %q of %s printed %v, correct %v", path, text, q.ID, got, ch.Correct)
				}
				if ch.Correct {
					answer = append(answer, text)
				}
			}
			// Every kind in one pattern: "Answer: B. …", "Answer: False".
			switch q.Format {
			case book.AnswerTrueFalse:
				answer = []string{map[bool]string{true: "True", false: "False"}[q.True]}
			case book.AnswerShort:
				answer = q.ShownAnswers()
			}
			if len(answer) > 0 {
				want := b.Labels.Get(q.AnswerLabel()) + " " + strings.Join(answer, "; ")
				if q.Format != book.AnswerShort {
					want = b.Labels.Get("answer-accepted-one") + " " + strings.Join(answer, "; ")
				}
				if !strings.Contains(key, want) {
					t.Errorf("%s: question %s's answer does not read %q", path, q.ID, want)
				}
			}
		}
		if !strings.Contains(teacher, "Answer key · "+fmt.Sprintf("Handout %d · %s", c.Number, c.Title)) {
			t.Errorf("the teacher packet has no answer key for handout %d", c.Number)
		}
	}
	if keys == 0 {
		t.Fatal("the bundled companion has no answer key to test")
	}
	for path, f := range files {
		if f.Edition != layouts.Student {
			if strings.HasPrefix(path, "handouts/") {
				t.Errorf("%s, a teacher's file, is in the students' handouts folder", path)
			}
			continue
		}
		if text := pdftotext(t, f.Data); strings.Contains(text, "Answer key") || strings.Contains(text, "(correct)") || strings.Contains(text, "Accepted answers") {
			t.Errorf("%s, a student file, shows answers", path)
		}
	}
}

// TestAnswerKeyTitles: on both papers, standard and in large print, the
// footer of an answer key's pages names it in the short form of a
// handout's, "Answer key · Handout 4", never cut inside a word, and so
// does its running head, every key's alike (review14 #8: large print's
// gave Handout 5's alone without its title); its band says "Teacher
// edition · Answer key" at its head and sets the handout as its title,
// on one line where it fits ("Handout 4 · Part Two: The Cottages"),
// else the number on a line and the title on the next ("Handout 5" /
// "Part Three: Carers and Donors"), never "… Part" / "Three: …" nor
// "Answer key ·" / "Handout 3 …" (review14 #8), and never before the
// title's last word: the back matter names a handout as its headings do
// (review13 #21).
func TestAnswerKeyTitles(t *testing.T) {
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		seen := false
		for _, c := range h.b.Chapters {
			if !hasKey(c) {
				continue
			}
			s := h.answerKey(c)
			want := fmt.Sprintf("Answer key · Handout %d", c.Number)
			got := flat(s.folio.name)
			// Large print's footer has no room for it beside the work's
			// citation: it is cut, after a whole word.
			if cut, ok := strings.CutSuffix(got, "…"); ok && h.opt.Profile == layouts.LargePrint && strings.HasPrefix(want, cut+" ") {
				got = want
			}
			if got != want {
				t.Errorf("handout %d: the footer names the key %q, want %q", c.Number, s.folio.name, want)
			}
			if head := flat(rowTextOf(s.head()[0])); strings.TrimSuffix(strings.TrimPrefix(head, h.b.Title+" · "), h.label("teacher-edition")) != want {
				t.Errorf("handout %d: the running head reads %q, want %q", c.Number, head, want)
			}
			if band := flat(rowTextOf(s.rows[slices.IndexFunc(s.rows, textRow)])); !strings.HasSuffix(band, "Teacher edition · Answer key") {
				t.Errorf("handout %d: the band's head reads %q, want it to end \"Teacher edition · Answer key\"", c.Number, band)
			}
			lines := bandTitleLines(h, s)
			handout := fmt.Sprintf("Handout %d · %s", c.Number, h.b.Smart(c.Title))
			number := fmt.Sprintf("Handout %d", c.Number)
			switch {
			case len(lines) == 1:
				if lines[0] != handout {
					t.Errorf("handout %d: the band's title reads %q, want %q", c.Number, lines[0], handout)
				}
			case lines[0] != number || strings.Join(lines[1:], " ") != h.b.Smart(c.Title):
				t.Errorf("handout %d: the band's title reads %q, want %q over the title", c.Number, lines, number)
			}
			if title := h.b.Smart(c.Title); len(lines) > 2 && strings.Contains(title, ": ") && !strings.HasSuffix(lines[1], ":") {
				t.Errorf("handout %d: the band's title breaks as %q, not at its colon (review15 #10)", c.Number, lines)
			}
			for _, ln := range lines {
				if strings.HasSuffix(ln, " Part") || strings.HasSuffix(ln, "·") || !strings.Contains(ln, " ") && ln != lines[0] {
					t.Errorf("handout %d: the band's title breaks as %q", c.Number, lines)
				}
			}
			if c.Number == 4 {
				seen = true
				if h.opt.Paper == "letter" && h.opt.Profile == layouts.Standard {
					if want := []string{"Handout 4 · Part Two: The Cottages"}; !slices.Equal(lines, want) {
						t.Errorf("handout 4: the band's title breaks as %q, want %q", lines, want)
					}
				}
			}
		}
		if !seen {
			t.Fatal("the bundled companion has no key for handout 4 to test")
		}
	})
}

// bandTitleLines are the lines of a section's band title, its spaces
// plain: the text of its opening rows in the title's size.
func bandTitleLines(h *handouts, s *section) []string {
	var lines []string
	for _, r := range s.rows[:s.opening] {
		var line []string
		for _, o := range r.ops {
			if t, ok := o.(textOp); ok && t.frag.Size == h.g.typeSize(bandTitleSize) {
				line = append(line, t.frag.Text)
			}
		}
		if line != nil {
			lines = append(lines, flat(strings.Join(line, " ")))
		}
	}
	return lines
}

// TestAnswerKeyItems: every item of an answer key, standard and in large
// print, sets its question clear of its name's column, in the text's size
// and ink, no smaller or greyer than its answer, and the answer after the
// label "Answer:" in bold, whatever its kind.
func TestAnswerKeyItems(t *testing.T) {
	forBundledHandouts(t, bothProfiles, func(t *testing.T, h *handouts) {
		for _, c := range h.b.Chapters {
			if !hasKey(c) {
				continue
			}
			where := fmt.Sprintf("handout %d", c.Number)
			items, answers := 0, 0
			var question richtext.Fragment
			for _, r := range h.answerKey(c).rows {
				var texts []textOp
				nameEnd := 0.0 // where the name's page ends, if it has one
				for _, o := range r.ops {
					if tx, ok := o.(textOp); ok {
						if tx.frag.Held != nil {
							nameEnd = tx.x + tx.frag.X + tx.frag.Width
							continue
						}
						texts = append(texts, tx)
					}
				}
				if len(texts) < 2 {
					continue
				}
				switch first := flat(texts[0].frag.Text); {
				case strings.HasPrefix(first, fmt.Sprintf("Handout %d · Q", c.Number)):
					items++
					question = texts[1].frag
					if name := texts[0]; texts[1].x < max(name.x+name.frag.Width, nameEnd)+2 {
						t.Errorf("%s: the question %q runs into its name %q", where, question.Text, name.frag.Text)
					}
					if question.Color != inkText || question.Style != richtext.Roman {
						t.Errorf("%s: the question %q is set in %v, style %v, not the text's ink", where, question.Text, question.Color, question.Style)
					}
				case first == "Answer:":
					answers++
					a := texts[1].frag
					if a.Style&richtext.Bold == 0 {
						t.Errorf("%s: the answer %q after %q is not bold", where, a.Text, first)
					}
					if question.Size < a.Size {
						t.Errorf("%s: the question %q at %.1f pt is smaller than its answer %q at %.1f pt", where, question.Text, question.Size, a.Text, a.Size)
					}
				}
			}
			if items == 0 || answers != items {
				t.Errorf("%s: %d items, %d of them with an answer after the label", where, items, answers)
			}
		}
	})
}

// TestAnswerKeyItemsKeep: standard and in large print, an answer key's
// item keeps its question with its answer (a model
// answer's first lines too), and its last item never stands alone on a
// page when the one before can go with it: keys of one to a dozen short
// answers and a model answer of one to five paragraphs, every split.
func TestAnswerKeyItemsKeep(t *testing.T) {
	twoPages := 0
	for _, p := range bothProfiles {
		profile := p.profile
		for short := 1; short <= 12; short++ {
			for paragraphs := 1; paragraphs <= 5; paragraphs++ {
				h := testHandouts(t, booktest.MustOpen(t, keyFixture(short, paragraphs), book.Options{}), p.paper, profile)
				c := h.b.Chapters[0]
				where := fmt.Sprintf("%d short answers, a model answer of %d paragraph(s)%s", short, paragraphs, profile.Suffix())
				pages := paginate(h.answerKey(c), h.g)
				// The page of each item's question, and of its answer's
				// first line.
				var question, answer []int
				waiting := false // for a model answer's first line
				for n, p := range pages {
					for _, r := range p.rows {
						text := ""
						for _, o := range r.ops {
							if tx, ok := o.(textOp); ok {
								text = flat(tx.frag.Text)
								break
							}
						}
						switch {
						case text == "":
						case strings.HasPrefix(text, "Handout 1 · Q"):
							question = append(question, n)
						case text == "Answer:":
							answer = append(answer, n)
						case text == "Model answer":
							waiting = true
						case waiting:
							answer, waiting = append(answer, n), false
						}
					}
				}
				if len(question) != short+1 || len(answer) != short+1 {
					t.Fatalf("%s: %d questions and %d answers found", where, len(question), len(answer))
				}
				for i := range question {
					if question[i] != answer[i] {
						t.Errorf("%s: question %d is on page %d, its answer on page %d", where, i+1, question[i]+1, answer[i]+1)
					}
				}
				if n := len(question); question[n-1] != question[n-2] && question[n-1] == len(pages)-1 {
					t.Errorf("%s: the last item stands alone on page %d", where, len(pages))
				}
				if len(pages) > 1 {
					twoPages++
				}
			}
		}
	}
	if twoPages == 0 {
		t.Fatal("no key tested runs to a second page")
	}
}

// keyFixture is a project of one chapter whose questions are short
// answers, then an open question with a model answer of paragraphs.
func keyFixture(short, paragraphs int) fstest.MapFS {
	var q strings.Builder
	for i := range short {
		fmt.Fprintf(&q, "  - {id: s%d, type: comprehension, phase: during, prompt: \"In chapter %d, where does Kathy find the tape she lost, and who is with her?\", answer-format: short-answer, accept: [\"In a second-hand shop in Norfolk\"]}\n", i, i+1)
	}
	model := strings.TrimSpace(strings.Repeat("Kathy finds the tape in Norfolk, the lost corner of England, with Tommy beside her; the moment repays the rumour the students believed at Hailsham, and it is the closest the novel comes to granting a wish. ", 3))
	fmt.Fprintf(&q, "  - id: open\n    type: evaluative\n    phase: post\n    prompt: What does the found tape mean to Kathy?\n    answer: |\n")
	for range paragraphs {
		fmt.Fprintf(&q, "      %s\n\n", model)
	}
	return fstest.MapFS{
		"companion.yaml":   {Data: []byte("title: Small\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-a.md]\n")},
		"references.yaml":  {Data: []byte("- {id: w, type: book, title: A Work, author: [{literal: Anonymous}], issued: \"1900\"}\n")},
		"chapters/01-a.md": {Data: []byte("---\ntitle: A\nquestions:\n" + q.String() + "---\nText.\n")},
	}
}
