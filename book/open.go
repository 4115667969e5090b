package book

import (
	"io/fs"

	"github.com/companion-dev/companion/book/diag"
)

// Options are the choices that change what counts as a problem in a
// project and how its citations read.
type Options struct {
	// Draft lets unverified quotes through as warnings (layouts mark them).
	Draft bool
	// Strict makes standards no question serves, and themes no question
	// tags, errors instead of warnings.
	Strict bool
	// Style, when set, formats citations in this style instead of the
	// project's citation-style (companion refs --style): a built-in
	// style's name or a project .csl file, as citation-style takes them.
	Style string
	// Lap, when set, is called as each stage of Open ends, with its name
	// ("load", then "check"), so that a driver can time them.
	Lap func(stage string)
}

// Open is the one way to a book: it loads the project in fsys (whose root
// is the folder holding companion.yaml), checks it, and returns the book
// with every problem found, sorted. The check runs even after load errors,
// so that a user sees every problem in one run; a book with errors is
// incomplete and must not be rendered.
//
// The book Open returns is read-only: layouts share it and render from it
// concurrently, and nothing changes it again.
func Open(fsys fs.FS, opt Options) (*Book, diag.List) {
	lap := opt.Lap
	if lap == nil {
		lap = func(string) {}
	}
	b, d := load(fsys, opt.Style)
	lap("load")
	d.Append(check(b, opt))
	// Coverage counts resolved standards: after an error it would only
	// repeat the error as unserved standards.
	if !d.HasErrors() {
		b.counted = true
		d.Append(coverage(b, opt.Strict))
		d.Append(themeCoverage(b, opt.Strict))
	}
	lap("check")
	return b, d.Sort()
}
