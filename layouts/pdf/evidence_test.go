package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEvidenceFromAnotherHandout: a question whose evidence is another
// handout's key quotation prints the quotation's words and chapter after
// "Evidence:", since a student may hold this handout alone; the page the
// quotation is on stands with its label, where the packet prints it
// ("Handout 3, key quotation 3 (p. 15): “…” (ch. 2)"), not after the
// chapter's parenthesis, and a single handout, which does not hold the
// page, prints the label and the words with nothing between them.
func TestEvidenceFromAnotherHandout(t *testing.T) {
	tool(t, "pdftotext")
	b, files := bundledFiles(t)
	packet := flat(pdftotext(t, files[b.Slug()+"-handouts.pdf"].Data))
	found := 0
	for _, c := range b.Chapters {
		f, ok := files[fmt.Sprintf("handouts/%02d-%s.pdf", c.Number, c.ID)]
		if !ok {
			continue
		}
		text := flat(pdftotext(t, f.Data))
		for _, q := range c.Questions {
			for _, qt := range q.Quotes {
				if qt.Chapter == c {
					continue
				}
				found++
				n := 0
				for i, x := range qt.Chapter.Quotes {
					if x == qt {
						n = i + 1
					}
				}
				label := fmt.Sprintf("Handout %d, key quotation %d", qt.Chapter.Number, n)
				words := flat(b.Smart(qt.Text))
				if !strings.Contains(text, label+": “"+words) {
					t.Errorf("handout %d, question %s: the evidence %s is not quoted after its label (%q)", c.Number, q.ID, qt.ID, label+": “"+words)
				}
				paged := regexp.MustCompile(regexp.QuoteMeta(label) + ` \(p\. (\d+)\): “` + regexp.QuoteMeta(words))
				m := paged.FindStringSubmatch(packet)
				if m == nil {
					t.Errorf("handout %d, question %s: the packet does not give the page with the label of %s (%q)", c.Number, q.ID, qt.ID, label+" (p. N): “"+words)
					continue
				}
				if p, _ := strconv.Atoi(m[1]); p < 1 {
					t.Errorf("handout %d, question %s: page %q", c.Number, q.ID, m[1])
				}
			}
		}
	}
	if m := regexp.MustCompile(`(?:Handout|key quotation) \d+, “[^”]*” \(ch\. \d+\) \(p\. \d+\)`).FindString(packet); m != "" {
		t.Errorf("a quotation's chapter is followed by its page: %q", m)
	}
	if found == 0 {
		t.Fatal("no question of the bundled companion draws on another handout's quotation")
	}
}
