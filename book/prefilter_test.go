package book_test

import (
	"regexp"
	"testing"

	"github.com/companion-dev/companion/book"
)

// The spoiler and placement rules look for a word first and run their
// expression only where it stands: a text the scan turns away must hold
// no match, or a warning would be lost.
var prefilters = []struct {
	name string
	may  func(string) bool
	re   *regexp.Regexp
}{
	{"chapter mentions", book.MayNameChapter, book.ChapterMentionRE},
	{"placement words", book.MayPlace, book.PlacementRE},
}

func TestPrefilters(t *testing.T) {
	tests := []struct {
		text             string
		chapter, placing bool // whether each expression matches
	}{
		{"until chapter 22", true, false},
		{"CHAPTERS 12–15 and the next page", true, true},
		{"in chs.\u00a012 and 13", true, false},
		{"see Chap. 4, 6", true, false},
		{"chapterſ 9", true, false}, // case-blind: ſ is a long s
		{"chaps.   3", true, false},
		{"ch.7", false, false}, // no space before the number
		{"chapter seven", false, false},
		{"each child, which chapter", false, false},
		{"much 12", false, false},
		{"printed ABOVE", false, true},
		{"turn overleaf.", false, true},
		{"on the previouſ page", false, true},
		{"pages", false, false},
		{"the abovementioned", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		for i, want := range []bool{tt.chapter, tt.placing} {
			f := prefilters[i]
			if got := f.re.MatchString(tt.text); got != want {
				t.Errorf("%s: expression on %q = %v, want %v", f.name, tt.text, got, want)
			}
			if want && !f.may(tt.text) {
				t.Errorf("%s: the scan turns away %q, which the expression matches", f.name, tt.text)
			}
		}
	}
	// The scans are there to turn away ordinary prose.
	const prose = "Each child, which chapter? Kathy reaches 31, and looks back."
	for _, f := range prefilters {
		if f.may(prose) {
			t.Errorf("%s: the scan lets through %q, which it could turn away", f.name, prose)
		}
	}
}

// FuzzPrefilters holds each scan to the expression on arbitrary text.
func FuzzPrefilters(f *testing.F) {
	for _, s := range []string{"until chapter 22", "chs.\u00a012 and 13", "chapterſ 9", "on the next page", "Above all", "ch 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range prefilters {
			if p.re.MatchString(text) && !p.may(text) {
				t.Errorf("%s: the scan turns away %q, which the expression matches", p.name, text)
			}
		}
	})
}
