// Package booktest is what tests across companion share to build books
// from fixture projects (a txtar archive read as a project folder, opened
// the way the driver opens a project), to assert rule fixtures' expected
// diagnostics, and to compare outputs with golden files.
package booktest

import (
	"encoding/base64"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/sources"
)

// Update is the -update flag of every test binary that uses booktest: it
// rewrites golden files and the want sections of rule fixtures from what
// the code now gives. Review the rewritten files like code.
var Update = flag.Bool("update", false, "rewrite golden files and the want sections of rule fixtures")

// Date is the build date of every test render.
var Date = time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC)

// Fixture reads a txtar archive as a project. Files named *.base64 are
// decoded (images), so that fixtures stay text.
func Fixture(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		data := f.Data
		if strings.HasSuffix(f.Name, ".base64") {
			data, err = base64.StdEncoding.DecodeString(string(data))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			f.Name = strings.TrimSuffix(f.Name, ".base64")
		}
		fsys[f.Name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// Edit replaces old with new, once, in the file name of a fixture read by
// Fixture, and fails the test if old is not there: a test that adds to a
// shared fixture (a footnote in a prompt) says what it changes, and
// learns when the fixture no longer has the line it changes.
func Edit(t testing.TB, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("the fixture's %s has no %q", name, old)
	}
	f.Data = []byte(strings.Replace(string(f.Data), old, new, 1))
}

// RuleFixture reads a rule fixture: a project that breaks rules of the
// format, and in its "want" file every diagnostic opening it must give, one
// a line, as `path:line:col: severity: message` (# starts a comment). A line
// that starts with a tab is the hint of the diagnostic above it, as
// companion prints it; a fixture that gives hints gives them all.
func RuleFixture(t testing.TB, file string) (project fstest.MapFS, want []string) {
	t.Helper()
	fsys := Fixture(t, file)
	if f, ok := fsys["want"]; ok {
		delete(fsys, "want")
		for _, l := range strings.Split(string(f.Data), "\n") {
			if strings.HasPrefix(l, "\t") {
				want = append(want, strings.TrimRight(l, " "))
			} else if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				want = append(want, l)
			}
		}
	}
	return fsys, want
}

// WriteWant replaces the want file of the rule fixture with got (-update).
func WriteWant(t testing.TB, file string, got []string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "want" {
			files = append(files, f)
		}
	}
	ar.Files = append(files, txtar.File{Name: "want", Data: []byte(strings.Join(got, "\n") + "\n")})
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// MustOpen opens a project as the driver does, failing the test on any
// error.
func MustOpen(t testing.TB, fsys fs.FS, opt book.Options) *book.Book {
	t.Helper()
	b, d := book.Open(fsys, opt)
	if d.HasErrors() {
		t.Fatalf("the project has errors:\n%s", d.Error())
	}
	return b
}

// OpenFixture opens testdata/NAME.txtar of the package under test as
// MustOpen does; draft lets unverified quotes through.
func OpenFixture(t testing.TB, name string, draft bool) *book.Book {
	t.Helper()
	return MustOpen(t, Fixture(t, filepath.Join("testdata", name+".txtar")), book.Options{Draft: draft})
}

// Bundled opens the bundled Never Let Me Go companion, or skips the test
// while it does not open cleanly (its chapters are still being written).
func Bundled(t testing.TB, opt book.Options) *book.Book {
	t.Helper()
	b, d := book.Open(sources.FS(), opt)
	if d.HasErrors() {
		n, _ := d.Count()
		t.Skipf("the bundled companion has %d errors, so it cannot be rendered yet; first: %s", n, d[0])
	}
	return b
}

// shared is the bundled companion as SharedBundled opens it, once per
// test binary.
var shared struct {
	once sync.Once
	b    *book.Book
	d    diag.List
}

// SharedBundled is the bundled companion opened as Bundled opens it with
// no options, but once per test binary and shared by every test that asks
// for it (opening it is among the slowest steps of a layout's tests): a
// test must not change the book. A test that does opens its own, with
// Bundled.
func SharedBundled(t testing.TB) *book.Book {
	t.Helper()
	shared.once.Do(func() { shared.b, shared.d = book.Open(sources.FS(), book.Options{}) })
	if shared.d.HasErrors() {
		n, _ := shared.d.Count()
		t.Skipf("the bundled companion has %d errors, so it cannot be rendered yet; first: %s", n, shared.d[0])
	}
	return shared.b
}

// Golden compares got with the golden file at path, or rewrites the file
// with -update.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; review the change and run go test -update\n%s", path, FirstDiff(string(want), got))
	}
}

// FirstDiff shows where two texts first differ, line by line.
func FirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, w, g)
		}
	}
	return ""
}
