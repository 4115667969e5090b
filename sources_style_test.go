package companion

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestBundledPeriodicalTitlesItalic: the bundled chapters set the titles of
// periodicals in italic wherever they name them in running text, as they do
// for *The New Yorker* (review13 finding 25: "Time's list" and "The
// Guardian's 2019 ranking" were roman in Handout 13).
func TestBundledPeriodicalTitlesItalic(t *testing.T) {
	roman := regexp.MustCompile(`(^|[^*A-Za-z])(The Guardian|The New Yorker|The New York Times|Time)('s\b| magazine\b)`)
	files, err := filepath.Glob("sources/chapters/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no chapters: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range roman.FindAllSubmatch(b, -1) {
			t.Errorf("%s: periodical title in roman: %q", f, m[0])
		}
	}
}
