package epub

import (
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// testDate is the build date of every test render.
var testDate = time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC)

// fixtureFS reads testdata/NAME.txtar as a project.
func fixtureFS(t testing.TB, name string) fs.FS {
	return booktest.Fixture(t, filepath.Join("testdata", name+".txtar"))
}

// loadBook loads and checks a project, failing the test on any error.
func loadBook(t testing.TB, fsys fs.FS, draft bool) *book.Book {
	t.Helper()
	return booktest.MustLoad(t, fsys, draft)
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
