// Package companion is the driver of the companion compiler and its one Go
// API: Build loads a project, checks it, renders every requested format
// concurrently to memory and, only if nothing failed, writes the files into
// the output folder as one set (package outdir), removing its own earlier
// outputs the build no longer produces.
package companion

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/epub"
	"github.com/companion-dev/companion/layouts/pdf"
	"github.com/companion-dev/companion/sources"
)

// Formats are the output formats in the order they are listed and written.
// A new format is one package under layouts/ and one line here.
var Formats = []func() layouts.Layout{epub.New, pdf.New}

// FormatNames returns the --format words.
func FormatNames() []string {
	var names []string
	for _, f := range Formats {
		names = append(names, f().Name())
	}
	return names
}

// Project is a project to build: a folder on disk, or the bundled companion.
type Project struct {
	Dir     string // the folder holding companion.yaml; "" for the bundled companion
	FS      fs.FS
	Bundled bool
	close   func() error
}

// Close releases the project's folder.
func (p *Project) Close() error {
	if p.close != nil {
		return p.close()
	}
	return nil
}

// Bundled returns the Never Let Me Go companion embedded in the program.
func Bundled() *Project { return &Project{FS: sources.FS(), Bundled: true} }

// Open opens a project folder through os.Root, so that no path in the
// project, not even a symbolic link, can make companion read outside it.
func Open(dir string) (*Project, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the project folder %s: %w", dir, unwrapPathError(err))
	}
	return &Project{Dir: dir, FS: root.FS(), close: root.Close}, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Options are the choices of one build.
type Options struct {
	Formats []string        // "epub", "pdf"; empty: all
	OutDir  string          // created if missing
	Paper   string          // "letter" or "a4"; empty: the project's choice
	Edition layouts.Edition // empty: all
	Draft   bool
	// Date fixes every date written into the outputs. Zero: the project's
	// date, else 2000-01-01, never the wall clock, so that the same input
	// gives the same bytes. The command line sets it from SOURCE_DATE_EPOCH.
	Date    time.Time
	Version string
}

// Written is one file written by a build.
type Written struct {
	Path  string // as written, under OutDir
	Size  int
	Pages int
}

// Result is what a build did.
type Result struct {
	Book        *book.Book
	Diagnostics diag.List // sorted; errors mean nothing was written
	Files       []Written
	Removed     []string // earlier outputs no longer produced, removed; under OutDir
	Timings     []Timing
}

// Timing is how long one stage of a build took.
type Timing struct {
	Stage    string
	Duration time.Duration
}

// ErrProject is returned when the project has errors; the diagnostics say
// which.
var ErrProject = errors.New("the project has errors")

// Load reads and checks a project. Check runs even when loading found
// errors, so that a user sees every problem in one run; the book may then be
// incomplete and must not be rendered.
func Load(p *Project, opt book.CheckOptions) (*book.Book, diag.List) {
	b, d := book.Load(p.FS)
	d.Append(book.Check(b, opt))
	return b, d.Sort()
}

// Build loads, checks, renders and writes. It returns ErrProject (with the
// diagnostics in the result) when the project has errors, and other errors
// for failures outside the project (an unwritable output folder).
func Build(ctx context.Context, p *Project, opt Options) (*Result, error) {
	res := &Result{}
	clock := stopwatch{res: res, last: time.Now()}
	formats, err := selectFormats(opt.Formats)
	if err != nil {
		return res, err
	}
	if err := checkOutDir(p, opt.OutDir); err != nil {
		return res, err
	}
	b, diags := book.Load(p.FS)
	clock.lap("load")
	diags.Append(book.Check(b, book.CheckOptions{Draft: opt.Draft}))
	diags = diags.Sort()
	res.Book, res.Diagnostics = b, diags
	clock.lap("check")
	if diags.HasErrors() {
		return res, ErrProject
	}
	lopt := layouts.Options{Edition: opt.Edition, Paper: opt.Paper, Draft: opt.Draft, Date: opt.Date, Version: opt.Version}
	if lopt.Edition == "" {
		lopt.Edition = layouts.All
	}
	if lopt.Paper == "" {
		lopt.Paper = b.Paper
	}
	if lopt.Date.IsZero() {
		lopt.Date = projectDate(b.Date)
	}
	files, err := render(ctx, b, formats, lopt, res, &clock)
	res.Diagnostics = res.Diagnostics.Sort()
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	err = writeAll(ctx, opt.OutDir, files, formats, lopt.Edition, res)
	clock.lap("write")
	return res, err
}

type stopwatch struct {
	res  *Result
	last time.Time
	mu   sync.Mutex
}

func (s *stopwatch) lap(stage string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.res.Timings = append(s.res.Timings, Timing{stage, now.Sub(s.last)})
	s.last = now
}

func selectFormats(names []string) ([]layouts.Layout, error) {
	var out []layouts.Layout
	for _, f := range Formats {
		l := f()
		if len(names) == 0 || slices.Contains(names, l.Name()) || slices.Contains(names, "all") {
			out = append(out, l)
		}
	}
	for _, n := range names {
		if n != "all" && !slices.Contains(FormatNames(), n) {
			return nil, optionsErrorf("unknown format %q (formats: %s, all)", n, strings.Join(FormatNames(), ", "))
		}
	}
	return out, nil
}

// rendered is one file a layout rendered, with the format that made it.
type rendered struct {
	format string
	layouts.File
}

// render runs every layout concurrently; each renders to memory.
func render(ctx context.Context, b *book.Book, formats []layouts.Layout, opt layouts.Options, res *Result, clock *stopwatch) ([]rendered, error) {
	type result struct {
		files []layouts.File
		diags diag.List
		err   error
		took  time.Duration
	}
	results := make([]result, len(formats))
	var wg sync.WaitGroup
	for i, l := range formats {
		wg.Go(func() {
			start := time.Now()
			r := &results[i]
			r.files, r.diags, r.err = l.Render(ctx, b, opt)
			r.took = time.Since(start)
		})
	}
	wg.Wait()
	clock.lap("render")
	var files []rendered
	var errs []error
	for i, r := range results {
		res.Diagnostics.Append(r.diags)
		res.Timings = append(res.Timings, Timing{"render " + formats[i].Name(), r.took})
		if r.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", formats[i].Name(), r.err))
		}
		for _, f := range r.files {
			files = append(files, rendered{formats[i].Name(), f})
		}
	}
	return files, errors.Join(errs...)
}

func projectDate(s string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}
