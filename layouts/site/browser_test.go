package site

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// browser is what the browser tests need: node modules holding
// puppeteer-core and axe-core (SITE_NODE_MODULES, which
// .ci/install-validators prints) and Debian's chromium
// (PUPPETEER_EXECUTABLE_PATH). Without them the tests skip, except in CI,
// where they fail.
func browser(t *testing.T) (modules string) {
	t.Helper()
	modules = os.Getenv("SITE_NODE_MODULES")
	missing := modules == "" || os.Getenv("PUPPETEER_EXECUTABLE_PATH") == ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = true
	}
	if missing {
		msg := "SITE_NODE_MODULES, PUPPETEER_EXECUTABLE_PATH or node is missing; run .ci/install-validators and export what it prints"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return modules
}

// writeSite writes a site into a temporary folder.
func writeSite(t *testing.T, s Site) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range s.Paths() {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, s[p], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type browsed struct {
	Violations []struct {
		Page, Scheme, ID, Help string
		Width                  int
		Nodes                  []string
	}
	Blocked  []string
	Fonts    map[string][]string
	Search   []string
	Say      string
	Sideways []string
	Narrow   []string
	Cramped  []string
	Weights  []string
	Small    []string
	Note     string
	Break    *struct{ Gap, Indent float64 }
	Print    struct {
		Header, Pager string
		Space         float64
	}
}

func browse(t *testing.T, modules, dir, query, notePage string, pages []string) browsed {
	t.Helper()
	args := append([]string{"testdata/browse.cjs", filepath.Join(modules, "axe-core", "axe.min.js"), dir, query, notePage}, pages...)
	cmd := exec.Command("node", args...)
	cmd.Env = append(os.Environ(), "PUPPETEER_CORE="+filepath.Join(modules, "puppeteer-core"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("browse.cjs: %v\n%s", err, stderr.String())
	}
	var r browsed
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("browse.cjs: %v\n%s", err, out)
	}
	return r
}

// kinds are one page of each kind a site has.
func kinds(s Site, chapter string) []string {
	var out []string
	for _, p := range []string{landingPage, chapter, keyPage, worksPage, quotesPage, mapPage, searchPage,
		"glossary.html", "characters.html", "timeline.html", "theme-tracker.html", "rubrics.html", "pacing.html"} {
		if _, ok := s[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// TestAccessibleInChromium opens every kind of page of the bundled
// companion's sites, both editions, from file:// in Chromium: axe-core
// finds no WCAG 2.1 A or AA violation at 320 and 1000 px, light and dark;
// no request leaves the site and the policy refuses nothing; the search
// finds the chapter about Hailsham and counts its finds in the plural;
// at 320 px neither a page nor the curriculum map nor a rubric scrolls
// sideways out of sight (they stack into cards; another toolkit table may
// scroll, in its own region), and the text keeps at least 1.1 em from the
// screen's edges; at 1000 px the curriculum map fits, its handout numbers
// whole, and a scheme of work's lessons are named in bold, their focus in
// the text's weight; a page's "Covers Part One" line is set at 0.9 of the
// body's size at least, at both widths; every page is set in the site's own book face (its @font-face
// rules, not a face the system has), in the italic and bold it uses.
func TestAccessibleInChromium(t *testing.T) {
	modules := browser(t)
	b := booktest.Bundled(t, book.Options{})
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		t.Run(string(ed), func(t *testing.T) {
			s := build(t, b, ed)
			r := browse(t, modules, writeSite(t, s), "Hailsham Exchanges", "-", kinds(s, "chapters/hailsham-plot.html"))
			for _, v := range r.Violations {
				t.Errorf("%s (%s, %d px): %s: %s\n\t%s", v.Page, v.Scheme, v.Width, v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
			for _, m := range r.Blocked {
				t.Errorf("while loading: %s", m)
			}
			bookFaceLoaded(t, r.Fonts)
			if !slices.Contains(r.Search, "chapters/hailsham-plot.html") {
				t.Errorf("the search for Hailsham Exchanges lists %q, not chapters/hailsham-plot.html", r.Search)
			}
			for _, p := range r.Sideways {
				t.Errorf("at 320 px %s scrolls sideways", p)
			}
			for _, p := range r.Narrow {
				t.Errorf("at 320 px %s, want at least 1.1 em", p)
			}
			for _, p := range r.Cramped {
				t.Errorf("at 1000 px %s", p)
			}
			for _, p := range r.Weights {
				t.Errorf("at 1000 px %s", p)
			}
			for _, p := range r.Small {
				t.Errorf("%s, want 0.9 of it at least", p)
			}
			if want := fmt.Sprintf("Found in %d places: “Hailsham Exchanges”", len(r.Search)); r.Say != want {
				t.Errorf("the search says %q, want %q", r.Say, want)
			}
		})
	}
}

// bookFaceLoaded fails unless every page browsed loaded the site's book
// face, the pages between them its italic and bold, and none failed.
func bookFaceLoaded(t *testing.T, fonts map[string][]string) {
	t.Helper()
	const regular, italic, bold = "Gentium Book Plus normal normal", "Gentium Book Plus italic normal", "Gentium Book Plus normal bold"
	used := map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(fonts)) {
		if !slices.Contains(fonts[p], regular) {
			t.Errorf("%s is not set in the site's book face: its loaded faces are %q", p, fonts[p])
		}
		for _, f := range fonts[p] {
			if strings.HasPrefix(f, "failed") {
				t.Errorf("%s: %s", p, f)
			}
			used[f] = true
		}
	}
	for _, f := range []string{italic, bold} {
		if !used[f] {
			t.Errorf("no page loaded %s", f)
		}
	}
}

// TestNotesAndSearchInChromium: on the fixture's teacher site, a note's
// call opens the note under its line, the search finds words of the
// guidance and says so in the singular, two paragraphs of a teacher's box
// are parted as the body's are (by an indent or a space, not run
// together), and a printed chapter has no navigation and keeps each
// question's room to answer.
func TestNotesAndSearchInChromium(t *testing.T) {
	modules := browser(t)
	b := booktest.OpenFixture(t, "full", true)
	s := build(t, b, layouts.Teacher)
	r := browse(t, modules, writeSite(t, s), "translator plain", "chapters/introduction.html", kinds(s, "chapters/introduction.html"))
	for _, v := range r.Violations {
		t.Errorf("%s (%s, %d px): %s: %s\n\t%s", v.Page, v.Scheme, v.Width, v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
	for _, m := range r.Blocked {
		t.Errorf("while loading: %s", m)
	}
	if want := "The Muse is asked to sing"; !strings.Contains(r.Note, want) {
		t.Errorf("the note opened in place reads %q, want it to hold %q", r.Note, want)
	}
	switch {
	case r.Break == nil:
		t.Errorf("chapters/introduction.html has no teacher's box of two paragraphs to measure")
	case r.Break.Gap < 4 && r.Break.Indent < 8:
		t.Errorf("two paragraphs of a teacher's box run together: %.1f px apart, the second indented %.1f px", r.Break.Gap, r.Break.Indent)
	}
	if r.Print.Header != "none" || r.Print.Pager != "none" {
		t.Errorf("printed, the header shows as %q and the pager as %q, want none", r.Print.Header, r.Print.Pager)
	}
	if r.Print.Space < 50 {
		t.Errorf("printed, a four-line question leaves %.0f px to answer in", r.Print.Space)
	}
	if !slices.Contains(r.Search, "chapters/introduction.html#question-intro-man") {
		t.Errorf("the search for guidance words lists %q", r.Search)
	}
	if want := "Found in 1 place: “translator plain”"; r.Say != want { // in the British table's marks
		t.Errorf("the search says %q, want %q", r.Say, want)
	}
}
