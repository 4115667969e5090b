package pdf

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// A cross-reference's page is printed in a place held for the widest
// page it may give (links.go); what follows it on its line must still
// follow at a word space, not after the held room (#15): in the
// quotation index, "Handouts 5 (p. 31), 6 (p. 40)" reads with one space
// after the comma, and in a single handout, which prints no page for a
// handout it does not hold, "(see Handout 11) brought" with one after
// the parenthesis. In every PDF of both profiles, the gap after a
// reference's end (its page, or its handout's number where it has none)
// is at most the widest word space of its line after anything but a
// reference's end, and half a point (a line of no other spaces: 0.45 of
// its height, about a third of an em), unless what follows starts a
// column of the page (the prompt beside an answer key's label).
func TestCrossReferencePagesLeaveNoGap(t *testing.T) {
	tool(t, "pdftotext")
	_, standard := bundledFiles(t)
	opt := options(layouts.All, "letter", false)
	opt.Profile = layouts.LargePrint
	large, _, _ := renderFiles(t, booktest.SharedBundled(t), opt)
	page := regexp.MustCompile(`^\d+\)[,;:.]?$`)  // "31)," after "(p."
	number := regexp.MustCompile(`^\d+[),;:.]*$`) // "11)" after "Handout"
	punct := regexp.MustCompile(`^[),;:.]+$`)     // ")." read apart
	checked := 0
	for _, files := range []map[string]layouts.File{standard, large} {
		var paths []string
		for p := range files {
			if strings.HasSuffix(p, ".pdf") {
				paths = append(paths, p)
			}
		}
		sort.Strings(paths)
		for _, path := range paths {
			words := bboxWordsX(t, files[path].Data)
			onPage := map[int][]bboxWordX{}
			for _, w := range words {
				onPage[w.page] = append(onPage[w.page], w)
			}
			sameLine := func(a, b bboxWordX) bool { return a.page == b.page && a.yMin == b.yMin }
			// startsColumn: w starts where the text of other lines of the
			// page starts, with nothing before it on their lines.
			startsColumn := func(w bboxWordX) bool {
				return slices.ContainsFunc(onPage[w.page], func(o bboxWordX) bool {
					return o.yMin != w.yMin && abs(o.xMin-w.xMin) < 0.15 &&
						!slices.ContainsFunc(onPage[w.page], func(b bboxWordX) bool { return b.yMin == o.yMin && b.xMin < o.xMin })
				})
			}
			// The words that end a reference.
			var ends []int
			for i := 1; i+1 < len(words); i++ {
				before, w := words[i-1], words[i]
				if !(before.text == "(p." && page.MatchString(w.text)) &&
					!((before.text == "Handout" || before.text == "Handouts") && number.MatchString(w.text)) {
					continue
				}
				end := i
				for end+1 < len(words) && sameLine(words[end], words[end+1]) && punct.MatchString(words[end+1].text) {
					end++
				}
				ends = append(ends, end)
			}
			seen := 0
			for _, end := range ends {
				// What follows on the line, where it is drawn: text
				// extraction may read a wide gap as a column's edge and
				// put what is after it elsewhere.
				w := words[end]
				next, found := bboxWordX{}, false
				for _, o := range onPage[w.page] {
					if o.yMin == w.yMin && o.xMin >= w.xMax-0.01 && (!found || o.xMin < next.xMin) {
						next, found = o, true
					}
				}
				if !found {
					continue // the reference ends its line
				}
				seen++
				// The line's word spaces but those after a reference.
				widest := -1.0
				for k := max(0, end-100); k < min(len(words)-1, end+100); k++ {
					if !slices.Contains(ends, k) && sameLine(words[k], w) && sameLine(words[k+1], w) {
						if g := words[k+1].xMin - words[k].xMax; g > 0 && !startsColumn(words[k+1]) {
							widest = max(widest, g)
						}
					}
				}
				size := w.yMax - w.yMin // about 1.3 em in pdftotext's boxes
				limit := widest + 0.5
				if widest < 0 {
					limit = 0.45 * size
				}
				if gap := next.xMin - w.xMax; gap > limit && !startsColumn(next) {
					t.Errorf("%s p. %d: %.1f pt between %q and %q, wider than the line's word spaces (%.1f pt at most; line height %.1f pt)",
						path, w.page, gap, w.text, next.text, widest, size)
				}
			}
			if seen == 0 && (strings.Contains(path, "teacher") || strings.Contains(path, "10-reception")) {
				t.Errorf("%s: no cross-reference followed by text on its line", path)
			}
			checked += seen
		}
	}
	t.Logf("%d references followed by text on their lines", checked)
}
