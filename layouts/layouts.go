// Package layouts is what every output format shares: the Layout interface
// the driver renders through, the rendered File and the Sink a layout hands
// each one to, and the options a build passes down. Each format is one package below this one (epub, pdf, lms, site); adding
// a format is one new package and one line in the driver's list.
package layouts

import (
	"context"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

// Edition says which readers an output is for.
type Edition string

const (
	Student Edition = "student"
	Teacher Edition = "teacher"
	All     Edition = "all" // both
)

// Includes reports whether an edition setting asks for edition e.
func (ed Edition) Includes(e Edition) bool { return ed == All || ed == e }

// Options are the build's choices a layout honours. A layout renders with
// them as Resolve returns them: every field set.
type Options struct {
	Edition Edition
	Paper   string // "letter" or "a4"
	Draft   bool   // unverified quotes allowed; mark them
	// Date is the build's date for metadata (dcterms:modified, PDF dates):
	// SOURCE_DATE_EPOCH when set, else the project's date, else
	// FallbackDate, never the wall clock, so builds are reproducible.
	Date time.Time
	// Version is the program version recorded as the creator tool.
	Version string
	// Profile is how the PDFs are printed: Standard, or LargePrint. The
	// other formats are the same in every profile.
	Profile Profile
}

// Profile is a way of printing the handouts.
type Profile string

const (
	Standard Profile = ""
	// LargePrint sets the PDFs at 18 pt in Atkinson Hyperlegible, 1.5
	// line spacing, ragged right without hyphenation, in files named with
	// -large-print before the extension.
	LargePrint Profile = "large-print"
)

// Suffix is what the profile adds to a file's name before its
// extension: "" or "-large-print".
func (p Profile) Suffix() string {
	if p == Standard {
		return ""
	}
	return "-" + string(p)
}

// File is one rendered output, relative to the output folder.
type File struct {
	Path  string // slash-separated, e.g. handouts/01-introduction.pdf
	Data  []byte
	Pages int // PDF page count; 0 for other formats
	// Edition is the edition the file is for (Student or Teacher): the
	// driver records it, so that a build of one edition removes only that
	// edition's outputs it no longer produces.
	Edition Edition
	// Profile is the profile the file was printed in, for a format that
	// prints in profiles (the PDF); Standard for the others. The driver
	// records it too: a large-print build never removes the standard
	// PDFs beside it, nor a standard build the large-print ones.
	Profile Profile
}

// Layout renders an opened book (book.Open) with options as Resolve
// returns them, and hands each file to put as soon as it is done, one at a
// time and in the same order in every build, keeping nothing of it: a build
// then holds one output in memory, not all of them (at a thousand chapters
// they would be most of its heap). A layout never reads the disk and never
// changes the book, which other layouts render from at the same time:
// everything it needs is in the book and the options. Problems it finds in
// content (a character the font lacks) are warnings in diags; an error
// return means the layout itself failed, or put did, whose error it
// returns.
type Layout interface {
	Name() string // the --format word: epub, pdf, lms, html
	Render(ctx context.Context, b *book.Book, opt Options, put Sink) (diag.List, error)
}

// A Sink takes a layout's files one at a time: the driver stages each in
// the output folder, serve keeps them. An error from it ends the render.
type Sink func(File) error

// Collect renders b with l and returns its files in the order l handed
// them over, for a caller that keeps every file (serve's downloads, tests).
func Collect(ctx context.Context, l Layout, b *book.Book, opt Options) ([]File, diag.List, error) {
	var files []File
	diags, err := l.Render(ctx, b, opt, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, diags, err
	}
	return files, diags, nil
}
