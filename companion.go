// Package companion is the driver of the companion compiler and its one Go
// API: Build loads a project, checks it, renders every requested format
// concurrently to memory and, only if nothing failed, writes the files
// atomically under the output folder.
package companion

import (
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
	written, err := writeAll(ctx, opt.OutDir, files)
	res.Files = written
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
			return nil, fmt.Errorf("unknown format %q (formats: %s, all)", n, strings.Join(FormatNames(), ", "))
		}
	}
	return out, nil
}

// render runs every layout concurrently; each renders to memory.
func render(ctx context.Context, b *book.Book, formats []layouts.Layout, opt layouts.Options, res *Result, clock *stopwatch) ([]layouts.File, error) {
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
	var files []layouts.File
	var errs []error
	for i, r := range results {
		res.Diagnostics.Append(r.diags)
		res.Timings = append(res.Timings, Timing{"render " + formats[i].Name(), r.took})
		if r.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", formats[i].Name(), r.err))
		}
		files = append(files, r.files...)
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

// checkOutDir refuses an output folder that would mix outputs with the
// project's sources: the project folder itself, or a folder within its
// source folders; and an output path that names a file.
func checkOutDir(p *Project, out string) error {
	if out == "" {
		return errors.New("no output folder given")
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return fmt.Errorf("--out %s is a file, not a folder", out)
	}
	if p.Dir == "" {
		return nil
	}
	absOut, err1 := filepath.Abs(out)
	absProj, err2 := filepath.Abs(p.Dir)
	if err1 != nil || err2 != nil {
		return nil
	}
	if absOut == absProj {
		return fmt.Errorf("--out %s is the project folder; outputs would mix with the sources (use e.g. --out %s)", out, filepath.Join(out, "dist"))
	}
	for _, src := range []string{"chapters", "images", "curricula"} {
		dir := filepath.Join(absProj, src)
		if absOut == dir || strings.HasPrefix(absOut, dir+string(filepath.Separator)) {
			return fmt.Errorf("--out %s is inside the project's %s folder; choose a folder outside the sources", out, src)
		}
	}
	return nil
}

// writeAll writes the files atomically as a set: each into a temporary
// file in its target folder first, and only when all are complete are they
// renamed over the targets. A failure or an interrupt before then removes
// the temporary files and leaves the previous output untouched.
func writeAll(ctx context.Context, outDir string, files []layouts.File) (written []Written, err error) {
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil, fmt.Errorf("internal error: a layout produced a path outside the output folder: %q", f.Path)
		}
		tmp, err := writeTemp(filepath.Join(outDir, filepath.FromSlash(f.Path)), f.Data)
		if err != nil {
			return nil, err
		}
		temps = append(temps, tmp)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, f := range files {
		target := filepath.Join(outDir, filepath.FromSlash(f.Path))
		if err := os.Rename(temps[i], target); err != nil {
			return written, fmt.Errorf("writing %s: %w", target, err)
		}
		written = append(written, Written{Path: target, Size: len(f.Data), Pages: f.Pages})
	}
	return written, nil
}

// writeTemp writes data to a new temporary file beside target.
func writeTemp(target string, data []byte) (string, error) {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing %s: %w", target, err)
	}
	return tmp.Name(), nil
}
