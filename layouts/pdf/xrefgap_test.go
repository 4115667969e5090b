package pdf

import (
	"regexp"
	"testing"
)

// A cross-reference's page is printed in a place held for the widest
// page it may give (links.go); what follows it on its line must still
// follow at a word space, not after the held room (#15): in the
// quotation index, "Handouts 5 (p. 31), 6 (p. 40)" reads with one space
// after the comma.
func TestCrossReferencePagesLeaveNoGap(t *testing.T) {
	_, files := bundledFiles(t)
	closes := regexp.MustCompile(`^\d+\)[,;:]?$`)
	for _, path := range []string{"never-let-me-go-teacher.pdf", "never-let-me-go-handouts.pdf"} {
		f, ok := files[path]
		if !ok {
			t.Fatalf("no %s among %d files", path, len(files))
		}
		words := bboxWordsX(t, f.Data)
		seen := 0
		for i := 0; i+1 < len(words); i++ {
			w, next := words[i], words[i+1]
			if !closes.MatchString(w.text) || next.page != w.page || next.yMin != w.yMin || i == 0 || words[i-1].text != "(p." {
				continue
			}
			seen++
			size := w.yMax - w.yMin // about 1.3 em in pdftotext's boxes
			if gap := next.xMin - w.xMax; gap > 0.45*size {
				t.Errorf("%s p. %d: %.1f pt between %q and %q, wider than a word space (line height %.1f pt)", path, w.page, gap, w.text, next.text, size)
			}
		}
		if seen == 0 && path == "never-let-me-go-teacher.pdf" {
			t.Errorf("%s: no page reference followed by text on its line", path)
		}
	}
}
