// Package companion is the driver of the companion compiler and its one Go
// API: Build opens a project (book.Open: load and check), renders every
// requested format concurrently, stages each file in the output folder as
// soon as its layout hands it over and, only if nothing failed, swaps them
// in as one set (package outdir), removing its own earlier outputs the
// build no longer produces. To check a project without building it, call
// book.Open on the project's FS.
package companion

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/epub"
	"github.com/companion-dev/companion/layouts/lms"
	"github.com/companion-dev/companion/layouts/outdir"
	"github.com/companion-dev/companion/layouts/pdf"
	"github.com/companion-dev/companion/layouts/site"
	"github.com/companion-dev/companion/sources"
)

// Formats are the output formats in the order they are listed and written.
// A new format is one package under layouts/ and one line here.
var Formats = []func() layouts.Layout{epub.New, pdf.New, lms.New, site.New}

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
	Formats []string        // "epub", "pdf", "lms", "html"; empty: all
	OutDir  string          // created if missing
	Paper   string          // "letter" or "a4"; empty: the project's choice
	Edition layouts.Edition // empty: all
	Draft   bool            // unverified quotes are warnings, and marked
	Strict  bool            // standards no question serves are errors
	// Date fixes every date written into the outputs. Zero: the project's
	// date, else layouts.FallbackDate, never the wall clock, so that the
	// same input gives the same bytes. The command line sets it from
	// SOURCE_DATE_EPOCH. layouts.Resolve decides every default.
	Date    time.Time
	Version string
	// Profile prints the PDFs in large print (layouts.LargePrint), beside
	// the standard ones; empty: standard.
	Profile layouts.Profile
}

// Written is one file written by a build.
type Written struct {
	Path   string // as written, under OutDir
	Size   int
	Pages  int
	Format string // the --format word that made it
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
	if opt.Profile != layouts.Standard && opt.Profile != layouts.LargePrint {
		return res, optionsErrorf("--profile %q: use %q, or leave it out for the standard PDFs", opt.Profile, layouts.LargePrint)
	}
	b, diags := book.Open(p.FS, book.Options{Draft: opt.Draft, Strict: opt.Strict, Lap: clock.lap})
	res.Book, res.Diagnostics = b, diags
	if diags.HasErrors() {
		return res, ErrProject
	}
	lopt := layouts.Resolve(b, layouts.Options{Edition: opt.Edition, Paper: opt.Paper, Draft: opt.Draft, Date: opt.Date, Version: opt.Version, Profile: opt.Profile})
	set, err := outdir.Begin(opt.OutDir)
	if err != nil {
		return res, err
	}
	files, err := render(ctx, b, formats, lopt, set, res, &clock)
	res.Diagnostics = res.Diagnostics.Sort()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		set.Abort()
		return res, err
	}
	err = commit(ctx, set, opt.OutDir, files, formats, lopt.Edition, res)
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

// rendered is one file a layout rendered and the build staged, with the
// format that made it: its bytes are on disk, no longer in memory.
type rendered struct {
	format  string
	path    string
	size    int
	pages   int
	profile layouts.Profile
}

// render runs every layout concurrently; each hands over its files one at
// a time, and each is staged in set as soon as it is handed over, so that a
// build holds the files being rendered, not every output.
func render(ctx context.Context, b *book.Book, formats []layouts.Layout, opt layouts.Options, set *outdir.Set, res *Result, clock *stopwatch) ([]rendered, error) {
	type result struct {
		files  []rendered
		diags  diag.List
		err    error // the layout's
		staged error // the output folder's: the same for every format
		took   time.Duration
	}
	results := make([]result, len(formats))
	var wg sync.WaitGroup
	for i, l := range formats {
		wg.Go(func() {
			start := time.Now()
			r := &results[i]
			r.diags, r.err = l.Render(ctx, b, opt, func(f layouts.File) error {
				if r.staged = set.Stage(ctx, outdir.File{Path: f.Path, Data: f.Data, Format: l.Name(), Edition: string(f.Edition), Profile: string(f.Profile)}); r.staged != nil {
					return r.staged
				}
				r.files = append(r.files, rendered{l.Name(), f.Path, len(f.Data), f.Pages, f.Profile})
				return nil
			})
			r.took = time.Since(start)
		})
	}
	wg.Wait()
	clock.lap("render")
	var files []rendered
	var errs []error
	var staged error
	for i, r := range results {
		staged = cmp.Or(staged, r.staged)
		res.Diagnostics.Append(r.diags)
		res.Timings = append(res.Timings, Timing{"render " + formats[i].Name(), r.took})
		if r.err != nil && r.staged == nil { // a staging failure is reported once, below
			errs = append(errs, fmt.Errorf("%s: %w", formats[i].Name(), r.err))
		}
		files = append(files, r.files...)
	}
	return files, errors.Join(append(errs, staged)...)
}

// OptionsError is a mistake in the Options of a build rather than in the
// project or on disk (an output folder inside the sources); the command
// line reports it as a usage error.
type OptionsError struct{ Err error }

func (e *OptionsError) Error() string { return e.Err.Error() }
func (e *OptionsError) Unwrap() error { return e.Err }

func optionsErrorf(format string, args ...any) error {
	return &OptionsError{fmt.Errorf(format, args...)}
}

// checkOutDir refuses an output folder that would mix outputs with the
// project's sources: the project folder itself, or a folder within its
// source folders, reached directly or through symbolic links; and an output
// path that is empty or names a file.
func checkOutDir(p *Project, out string) error {
	if out == "" {
		return optionsErrorf("--out is empty; give the folder to write the outputs into (it is made if missing), e.g. --out dist")
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return optionsErrorf("--out %s is a file, not a folder; give a folder to write the outputs into (it is made if missing), e.g. --out dist", out)
	}
	if p.Dir == "" {
		return nil
	}
	realOut, err1 := realPath(out)
	realProj, err2 := realPath(p.Dir)
	if err := cmp.Or(err1, err2); err != nil {
		return fmt.Errorf("cannot tell whether --out %s is inside the project: %w", out, err)
	}
	if realOut == realProj {
		return optionsErrorf("--out %s is the project folder; outputs would mix with the sources (use e.g. --out %s)", out, filepath.Join(out, "dist"))
	}
	for _, src := range []string{"chapters", "images", "curricula"} {
		dir, err := realPath(filepath.Join(realProj, src))
		if err != nil {
			return fmt.Errorf("cannot tell whether --out %s is inside the project: %w", out, err)
		}
		if realOut == dir || strings.HasPrefix(realOut, dir+string(filepath.Separator)) {
			return optionsErrorf("--out %s is inside the project's %s folder; choose a folder outside the sources, e.g. --out %s", out, src, filepath.Join(p.Dir, "dist"))
		}
	}
	return nil
}

// realPath is the absolute path p names once every symbolic link in it is
// followed, as the system will follow them when writing. Of a path that
// does not exist yet, the part that exists is resolved and the rest, which
// companion will make as plain folders, appended.
func realPath(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p // not Join: a ".." after a link must go up from the link's target
	}
	parts := strings.Split(p, string(filepath.Separator))
	for i := len(parts); i > 0; i-- {
		prefix := strings.Join(parts[:i], string(filepath.Separator))
		if prefix == "" {
			prefix = string(filepath.Separator)
		}
		if real, err := filepath.EvalSymlinks(prefix); err == nil {
			return filepath.Join(append([]string{real}, parts[i:]...)...), nil
		}
	}
	return filepath.Clean(p), nil
}

// commit swaps the staged files into outDir as one set (see package
// outdir) and removes the earlier outputs of the formats and editions built
// that this build no longer produces; what it did goes into res.
func commit(ctx context.Context, set *outdir.Set, outDir string, files []rendered, formats []layouts.Layout, ed layouts.Edition, res *Result) error {
	var scope outdir.Scope
	for _, l := range formats {
		scope.Formats = append(scope.Formats, l.Name())
	}
	for _, e := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		if ed.Includes(e) {
			scope.Editions = append(scope.Editions, string(e))
		}
	}
	// A format printed in a profile answers for its earlier outputs of
	// that profile only: large print never removes the standard PDFs.
	for _, f := range files {
		if f.profile != layouts.Standard {
			if scope.Profiles == nil {
				scope.Profiles = map[string]string{}
			}
			scope.Profiles[f.format] = string(f.profile)
		}
	}
	rep, err := set.Commit(ctx, scope)
	if err != nil {
		return err
	}
	for _, f := range files {
		res.Files = append(res.Files, Written{Path: filepath.Join(outDir, filepath.FromSlash(f.path)), Size: f.size, Pages: f.pages, Format: f.format})
	}
	for _, p := range rep.Removed {
		res.Removed = append(res.Removed, filepath.Join(outDir, filepath.FromSlash(p)))
	}
	res.Diagnostics = append(res.Diagnostics, rep.Warnings...).Sort()
	return nil
}
