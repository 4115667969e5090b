package pdf

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
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
				if next.text == "Teacher" && next.yMax < 0.15*next.pageH {
					continue // a running head's "Answer key · Handout 5", its edition set at the right
				}
				if number.MatchString(next.text) && !slices.ContainsFunc(onPage[w.page], func(o bboxWordX) bool { return o.yMin == next.yMin && o.xMin > next.xMax }) {
					continue // a contents entry's page number after its leader: "Answer key · Handout 4 …… 285"
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

// A justified line that holds a cross-reference's page is justified
// again in each file: the room the page does not take is spread over
// the line's spaces, so that its words stand evenly apart and its end
// stays at the measure; where that would stretch its spaces past what
// justification allows (a file that prints no page there), the line is
// set ragged, its spaces as wide as a space.
func TestCrossReferenceJustifiedAgain(t *testing.T) {
	g := pageGeometry("letter", layouts.Standard)
	s := &setter{fonts: g.fonts, g: g}
	text := func(t string) richtext.Span { return richtext.Span{Text: t, Size: sizeBody, Color: inkText} }
	held := text("\u00A0(p.\u00A0888)")
	held.Link, held.NoHyphen = "#handout-x", true
	held.Held = &crossRef{before: "\u00A0(p.\u00A0", after: ")"}
	spans := []richtext.Span{text("The scene is read again in Handout 3"), held,
		text(" where Kathy hears the song and the girl of about eleven hears it as a song about a baby she longs for.")}
	rows := s.rows(spans, block{w: 80, justify: true})
	var line *heldLine
	for _, r := range rows {
		for _, l := range heldOf(r, g, 0) {
			line = l
		}
	}
	if line == nil || line.stretch <= 0 {
		t.Fatalf("the place is on no justified line (%+v)", line)
	}
	space := g.fonts.Width(richtext.Roman, " ", sizeBody)
	last := len(line.slots) - 1
	for _, tc := range []struct {
		name   string
		page   int
		ragged bool
	}{{"a page of one digit", 5, false}, {"no page", 0, true}} {
		t.Run(tc.name, func(t *testing.T) {
			at := line.place(g.fonts, func(anchorName) int { return tc.page })
			end := at[last].x + at[last].w
			if want := line.slots[last].x + line.slots[last].width; !tc.ragged && abs(end-want) > 1e-6 {
				t.Errorf("the line ends at %.3f mm, not at the measure (%.3f)", end, want)
			}
			// The gaps between words: a space fragment and what follows it.
			var gaps []float64
			for k := 1; k < len(at); k++ {
				if line.slots[k].glue {
					gaps = append(gaps, at[k].x-(at[k-1].x+at[k-1].w)+space)
				}
			}
			if len(gaps) < 3 {
				t.Fatalf("%d spaces on the line", len(gaps))
			}
			for _, gp := range gaps {
				if abs(gp-gaps[0]) > 1e-6 {
					t.Errorf("word spaces %.3f mm and %.3f mm on one line", gaps[0], gp)
				}
			}
			if tc.ragged && abs(gaps[0]-space) > 1e-6 {
				t.Errorf("a ragged line's word spaces are %.3f mm, a space %.3f", gaps[0], space)
			}
			if !tc.ragged && gaps[0] > 4*space {
				t.Errorf("word spaces of %.3f mm, more than justification allows (%.3f)", gaps[0], 4*space)
			}
		})
	}
}
