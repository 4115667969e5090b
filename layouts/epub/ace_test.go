package epub

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/internal/needs"
	"github.com/companion-dev/companion/layouts"
)

// TestAce checks accessibility with Ace by DAISY 1.4.6, which must report
// no violation, on the full fixture's teacher edition and the bundled
// companion's student edition. It runs when ACE_CLI names the ace-cli
// executable (CI sets it, and fails the test without it); Ace needs a
// Chromium (PUPPETEER_EXECUTABLE_PATH).
func TestAce(t *testing.T) {
	ace := os.Getenv("ACE_CLI")
	if ace == "" {
		needs.Missing(t, "ACE_CLI is not set, so Ace by DAISY is not run (run .ci/install-validators and export ACE_CLI=…/ace-cli)")
	}
	if _, err := os.Stat(ace); err != nil {
		t.Fatalf("ACE_CLI: %v", err)
	}
	for _, c := range []struct {
		name  string
		load  func(t *testing.T) *book.Book
		ed    layouts.Edition
		draft bool
	}{
		{"full-teacher", func(t *testing.T) *book.Book { return booktest.OpenFixture(t, "full", true) }, layouts.Teacher, true},
		{"bundled-student", bundled, layouts.Student, false},
		{"rich-citations-student", openRich, layouts.Student, false},
		{"toolkit-teacher", func(t *testing.T) *book.Book { return booktest.OpenFixture(t, "toolkit", false) }, layouts.Teacher, false},
		{"toolkit-student", func(t *testing.T) *book.Book { return booktest.OpenFixture(t, "toolkit", false) }, layouts.Student, false},
		{"notes-teacher", func(t *testing.T) *book.Book { return booktest.OpenFixture(t, "notes", false) }, layouts.Teacher, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			data, _, err := renderEdition(context.Background(), c.load(t), c.ed, options(c.ed, c.draft))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "book.epub")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(ace, "-s", "-f", "-o", filepath.Join(dir, "report"), file)
			// Ace writes its settings and cache under XDG folders: keep them in the test's.
			cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_CACHE_HOME="+dir)
			out, err := cmd.CombinedOutput()
			raw, rerr := os.ReadFile(filepath.Join(dir, "report", "report.json"))
			if rerr != nil {
				t.Fatalf("Ace wrote no report (%v): %v\n%s", rerr, err, out)
			}
			var r struct {
				Assertions []struct {
					Subject struct {
						URL string `json:"url"`
					} `json:"earl:testSubject"`
					Assertions []struct {
						Test struct {
							Impact string `json:"earl:impact"`
							Title  string `json:"dct:title"`
						} `json:"earl:test"`
						Result struct {
							Outcome string `json:"earl:outcome"`
						} `json:"earl:result"`
					} `json:"assertions"`
				} `json:"assertions"`
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatalf("Ace's report: %v", err)
			}
			for _, doc := range r.Assertions {
				for _, a := range doc.Assertions {
					if a.Result.Outcome == "fail" {
						t.Errorf("Ace %s: %s (%s)", a.Test.Impact, a.Test.Title, doc.Subject.URL)
					}
				}
			}
		})
	}
}
