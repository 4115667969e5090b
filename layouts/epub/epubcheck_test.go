package epub

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/internal/needs"
	"github.com/companion-dev/companion/layouts"
)

// TestEPUBCheck validates every fixture, in both editions, and the bundled
// companion with EPUBCheck 5.1.0, which must report nothing at all: no
// fatal error, error or warning. CI sets EPUBCHECK_JAR, and fails the test
// without it.
func TestEPUBCheck(t *testing.T) {
	jar := os.Getenv("EPUBCHECK_JAR")
	if jar == "" {
		needs.Missing(t, "EPUBCHECK_JAR is not set, so EPUBCheck is not run (run .ci/install-validators and export EPUBCHECK_JAR=…/epubcheck.jar)")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("EPUBCHECK_JAR: %v", err)
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Fatalf("EPUBCHECK_JAR is set but there is no java: %v", err)
	}
	type candidate struct {
		name  string
		load  func(t *testing.T) *book.Book
		draft bool
	}
	var books []candidate
	for _, f := range fixtures {
		books = append(books, candidate{f.name, func(t *testing.T) *book.Book { return booktest.OpenFixture(t, f.name, f.draft) }, f.draft})
	}
	books = append(books, candidate{"bundled", bundled, false}, candidate{"rich citations", openRich, false})
	for _, c := range books {
		for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
			t.Run(c.name+"-"+string(ed), func(t *testing.T) {
				t.Parallel()
				b := c.load(t)
				data, _, err := renderEdition(context.Background(), b, ed, options(ed, c.draft))
				if err != nil {
					t.Fatal(err)
				}
				epubcheck(t, jar, data)
			})
		}
	}
}

// epubcheck runs EPUBCheck on data and fails the test on any message of
// severity usage or above that is not a usage note.
func epubcheck(t *testing.T, jar string, data []byte) {
	t.Helper()
	dir := t.TempDir()
	file, report := filepath.Join(dir, "book.epub"), filepath.Join(dir, "report.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("java", "-jar", jar, file, "--json", report).CombinedOutput()
	var r struct {
		Checker struct {
			NFatal, NError, NWarning int
		} `json:"checker"`
		Messages []struct {
			ID        string `json:"ID"`
			Severity  string `json:"severity"`
			Message   string `json:"message"`
			Locations []struct {
				Path   string `json:"path"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
			} `json:"locations"`
		} `json:"messages"`
	}
	raw, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("EPUBCheck wrote no report (%v): %v\n%s", rerr, err, out)
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("EPUBCheck's report: %v", err)
	}
	for _, m := range r.Messages {
		if m.Severity == "USAGE" || m.Severity == "INFO" {
			continue
		}
		where := ""
		if len(m.Locations) > 0 {
			l := m.Locations[0]
			where = l.Path + ":" + strconv.Itoa(l.Line) + ":" + strconv.Itoa(l.Column) + ": "
		}
		t.Errorf("EPUBCheck %s %s: %s%s", m.Severity, m.ID, where, m.Message)
	}
	if r.Checker.NFatal+r.Checker.NError+r.Checker.NWarning > 0 {
		t.Errorf("EPUBCheck 5.1.0: %d fatal, %d errors, %d warnings", r.Checker.NFatal, r.Checker.NError, r.Checker.NWarning)
	}
}
