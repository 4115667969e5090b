package epub

import (
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// fixtures are the test projects in testdata; the full one has an
// unverified quote and so is built as a draft; notes cites in a note
// style (chicago-notes). short (work-citations: short) has goldens only.
var fixtures = []struct {
	name  string
	draft bool
}{
	{"full", true},
	{"small", false},
	{"cover", false},
	{"toolkit", false},
	{"notes", false},
}

// options are a test render's: every field set, as layouts.Resolve sets them.
func options(ed layouts.Edition, draft bool) layouts.Options {
	return layouts.Options{Edition: ed, Paper: "letter", Draft: draft, Date: booktest.Date, Version: "test"}
}
