// Package booktest helps tests across companion build books from fixture
// projects: a txtar archive read as a project folder, loaded and checked
// the way the driver does it.
package booktest

import (
	"encoding/base64"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

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

// LoadAndCheck runs the loader and the checker as the driver does, and
// returns the sorted diagnostics.
func LoadAndCheck(fsys fs.FS, opt book.CheckOptions) (*book.Book, diag.List) {
	b, d := book.Load(fsys)
	d.Append(book.Check(b, opt))
	return b, d.Sort()
}

// MustLoad loads and checks a project, failing the test on any error.
func MustLoad(t testing.TB, fsys fs.FS, draft bool) *book.Book {
	t.Helper()
	b, d := LoadAndCheck(fsys, book.CheckOptions{Draft: draft})
	if d.HasErrors() {
		t.Fatalf("the project has errors:\n%s", d.Error())
	}
	return b
}
