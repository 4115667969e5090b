package lms

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
)

// giftPEGjs finds the gift-pegjs package (GIFT_PEGJS, which CI sets, or
// install-validators' cache folder) and node, or skips the test saying
// how to run it.
func giftPEGjs(t *testing.T) (node, module string) {
	t.Helper()
	module = os.Getenv("GIFT_PEGJS")
	ci := module != ""
	if !ci {
		home, _ := os.UserHomeDir()
		module = filepath.Join(home, ".cache", "companion-validators", "gift", "node_modules", "gift-pegjs")
	}
	node, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(module, "package.json"))
	switch {
	case ci && (err != nil || modErr != nil):
		t.Fatalf("GIFT_PEGJS is %s, but gift-pegjs cannot run there (node: %v; package: %v)", module, err, modErr)
	case err != nil:
		t.Skip("node is not installed, so the GIFT file is not parsed with gift-pegjs (CI does it)")
	case modErr != nil:
		t.Skipf("gift-pegjs is not installed at %s, so the GIFT file is not parsed (CI installs it; or: npm install --prefix %s gift-pegjs@1.0.2)", module, filepath.Dir(filepath.Dir(module)))
	}
	return node, module
}

// parsedGIFT is a question as gift-pegjs reads it (testdata/gift-parse.js).
type parsedGIFT struct {
	Type, Title, Stem, Format string
	IsTrue                    *bool
	Choices                   []struct {
		Correct        bool
		Weight         *float64
		Text, Feedback *string
	}
}

// TestGIFTParses parses the GIFT file with gift-pegjs, the parser GIFT
// tools share, and finds every question of the book again, in order: its
// category, id, type, text, and each choice with its feedback and whether
// it is correct, or the accepted answers, or the truth of a statement.
func TestGIFTParses(t *testing.T) {
	node, module := giftPEGjs(t)
	b, files := render(t)
	cmd := exec.Command(node, filepath.Join("testdata", "gift-parse.js"), module)
	cmd.Stdin = strings.NewReader(files[b.Slug()+".gift"])
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gift-pegjs: %v\n%s", err, stderr(err))
	}
	var parsed []parsedGIFT
	if err := json.Unmarshal(out, &parsed); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range b.Chapters {
		if len(c.Questions) > 0 {
			want = append(want, "Category "+category(b, c))
		}
		for _, q := range c.Questions {
			want = append(want, giftExpect(b, q)...)
		}
	}
	var got []string
	for _, p := range parsed {
		got = append(got, giftGot(p)...)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gift-pegjs read\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func stderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// giftExpect is what a parser must read of question q.
func giftExpect(b *book.Book, q *book.Question) []string {
	types := map[string]string{book.AnswerOpen: "Essay", book.AnswerMultipleChoice: "MC", book.AnswerTrueFalse: "TF", book.AnswerShort: "Short"}
	lines := []string{types[q.Format] + " " + q.ID + " html " + oneLine(html(b, q.Prompt))}
	switch q.Format {
	case book.AnswerMultipleChoice:
		for _, c := range q.Choices {
			lines = append(lines, choiceLine(c.Correct, oneLine(inlineHTML(b, c.Text)), oneLine(inlineHTML(b, c.Feedback))))
		}
	case book.AnswerTrueFalse:
		lines = append(lines, "  true: "+map[bool]string{true: "yes", false: "no"}[q.True])
	case book.AnswerShort:
		for _, a := range q.Accept {
			lines = append(lines, choiceLine(true, shortAnswer(a), ""))
		}
	}
	return lines
}

func choiceLine(correct bool, text, feedback string) string {
	return "  " + map[bool]string{true: "right", false: "wrong"}[correct] + " " + text + " | " + feedback
}

// giftGot is what gift-pegjs read of one question. In a question with
// several correct choices each is marked by a weight, not by =.
func giftGot(p parsedGIFT) []string {
	if p.Type == "Category" {
		return []string{"Category " + p.Title}
	}
	lines := []string{p.Type + " " + p.Title + " " + p.Format + " " + p.Stem}
	if p.IsTrue != nil {
		lines = append(lines, "  true: "+map[bool]string{true: "yes", false: "no"}[*p.IsTrue])
	}
	for _, c := range p.Choices {
		right := c.Correct || (c.Weight != nil && *c.Weight > 0)
		lines = append(lines, choiceLine(right, deref(c.Text), deref(c.Feedback)))
	}
	return lines
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
