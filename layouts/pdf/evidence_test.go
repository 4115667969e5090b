package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// TestEvidenceFromAnotherHandout: a question whose evidence is another
// handout's key quotation prints the quotation's words and chapter after
// "Evidence:", since a student may hold this handout alone.
func TestEvidenceFromAnotherHandout(t *testing.T) {
	tool(t, "pdftotext")
	b, files := bundledFiles(t)
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
				words := flat(b.Smart(qt.Text))
				if !strings.Contains(text, words) {
					t.Errorf("handout %d, question %s: the evidence %s is not quoted (%q)", c.Number, q.ID, qt.ID, words)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no question of the bundled companion draws on another handout's quotation")
	}
}
