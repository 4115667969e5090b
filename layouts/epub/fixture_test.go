package epub

import (
	"encoding/base64"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
)

// testDate is the build date of every test render.
var testDate = time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC)

// fixtureFS reads testdata/NAME.txtar as a project. Files named *.base64
// are decoded (the images), so that fixtures stay text.
func fixtureFS(t testing.TB, name string) fs.FS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
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

// loadBook loads and checks a project, failing the test on any error.
func loadBook(t testing.TB, fsys fs.FS, draft bool) *book.Book {
	t.Helper()
	b, d := book.Load(fsys)
	d.Append(book.Check(b, book.CheckOptions{Draft: draft}))
	if d.HasErrors() {
		t.Fatalf("the project has errors:\n%s", d.Error())
	}
	return b
}

// fixtures are the test projects; the full one has an unverified quote and
// so is built as a draft.
var fixtures = []struct {
	name  string
	draft bool
}{
	{"full", true},
	{"small", false},
	{"cover", false},
}

func options(ed layouts.Edition, draft bool) layouts.Options {
	return layouts.Options{Edition: ed, Draft: draft, Date: testDate, Version: "test"}
}
