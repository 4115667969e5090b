package epub

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
//
// EPUBCheck's command line checks one file a process, and most of a
// check's time is the Java process starting and compiling EPUBCheck's
// schemas. Where a JDK is installed (javac), testdata/epubcheck/Batch.java
// runs that same command line on every file in one process; without one,
// a process checks each file. Either way each file gets the command line's
// full checks and JSON report, and its subtest reads it.
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
	dir := t.TempDir()
	type checked struct{ name, file string }
	var all []checked
	t.Run("render", func(t *testing.T) {
		for _, c := range books {
			for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
				name := c.name + "-" + string(ed)
				b := c.load(t)
				data, _, err := renderEdition(context.Background(), b, ed, options(ed, c.draft))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".epub")
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
				all = append(all, checked{name, file})
			}
		}
	})
	if t.Failed() {
		return
	}
	batch := false
	if javac, err := exec.LookPath("javac"); err == nil {
		classes := filepath.Join(dir, "classes")
		if out, err := exec.Command(javac, "-d", classes, "-cp", jar, filepath.Join("testdata", "epubcheck", "Batch.java")).CombinedOutput(); err != nil {
			t.Fatalf("compiling testdata/epubcheck/Batch.java: %v\n%s", err, out)
		}
		args := append(javaFlags(), "-cp", jar+string(os.PathListSeparator)+classes, "Batch")
		for _, c := range all {
			args = append(args, c.file)
		}
		if out, err := exec.Command("java", args...).CombinedOutput(); err != nil {
			t.Fatalf("EPUBCheck in one process: %v\n%s", err, out)
		}
		batch = true
	}
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			if !batch {
				t.Parallel()
				out, err := exec.Command("java", append(javaFlags(), "-jar", jar, c.file, "--json", c.file+".json", "--quiet")...).CombinedOutput()
				if _, serr := os.Stat(c.file + ".json"); serr != nil {
					t.Fatalf("EPUBCheck wrote no report (%v): %v\n%s", serr, err, out)
				}
			}
			epubcheckReport(t, c.file+".json")
		})
	}
}

// javaFlags start Java for a short run: the quick compiler alone and the
// serial collector, which take about half the processor time of the
// defaults to check a book and change nothing EPUBCheck reports.
func javaFlags() []string { return []string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"} }

// epubcheckReport reads EPUBCheck's JSON report and fails the test on any
// message of severity usage or above that is not a usage note.
func epubcheckReport(t *testing.T, report string) {
	t.Helper()
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
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("EPUBCheck wrote no report: %v", err)
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
