package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

type buildOptions struct {
	format, out, paper, edition  string
	profile                      string
	draft, strict, timings, json bool
}

func newBuildCmd(e *env) *cobra.Command {
	o := &buildOptions{}
	c := &cobra.Command{
		Use:   "build [PROJECT]",
		Short: "Build the EPUB, the PDF handouts, the platform questions and the web site",
		Long: `Build checks the project and, if it has no errors, writes into --out:
  SLUG.epub, SLUG-teacher.epub     the chaptered EPUB 3 (student, teacher)
  SLUG-handouts.pdf                the student handout set
  SLUG-teacher.pdf                 the teacher edition
  handouts/NN-ID.pdf               each student handout on its own
  teacher/NN-ID-answer-key.pdf     a handout's answer key, kept out of
                                   handouts/ so that sharing that folder
                                   shares no answers (teacher edition)
  SLUG.gift, SLUG-moodle.xml,      the questions for learning platforms
  SLUG-blackboard.txt
  SLUG-site/, SLUG-teacher-site/   the web site (student, teacher): open
                                   index.html, or put the folder on any host
With --profile large-print the PDFs are set at 18 pt in Atkinson
Hyperlegible and named with -large-print before .pdf
(SLUG-handouts-large-print.pdf, handouts/NN-ID-large-print.pdf,
teacher/NN-ID-answer-key-large-print.pdf), beside the standard ones,
which stay; the other formats are the same.
The files replace the old ones as one set; on any failure the folder is left
as it was. .companion-outputs.json records what companion wrote, so that it
removes its own earlier outputs of the formats, editions and profile built
that are no longer built, and never another file.
With SOURCE_DATE_EPOCH set (seconds from 0 to 253402300799), the same
project gives byte-identical files.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runBuild(cmd, e, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.format, "format", "all", "output format: "+strings.Join(companion.FormatNames(), ", ")+" or all")
	f.StringVarP(&o.out, "out", "o", "dist", "output folder")
	f.StringVar(&o.paper, "paper", "", "paper size for the PDFs: letter or a4 (default: the project's, else letter)")
	f.StringVar(&o.edition, "edition", "all", "which edition: student, teacher or all")
	f.StringVar(&o.profile, "profile", "", "how to print the PDFs: large-print (default: standard)")
	f.BoolVar(&o.draft, "draft", false, "build even with unverified quotes, marking them")
	f.BoolVar(&o.strict, "strict", false, "treat standards no question serves as errors, as check --strict does")
	f.BoolVar(&o.timings, "timings", false, "print the time each stage and format took")
	f.BoolVar(&o.json, "json", false, "print diagnostics as JSON on stdout")
	return c
}

func runBuild(cmd *cobra.Command, e *env, o *buildOptions, args []string) error {
	start := time.Now()
	opt := companion.Options{OutDir: o.out, Draft: o.draft, Strict: o.strict, Version: version()}
	switch names := companion.FormatNames(); {
	case o.format == "all" || o.format == "":
	case slices.Contains(names, o.format):
		opt.Formats = []string{o.format}
	default:
		return usageError{fmt.Errorf("--format %q: use %s or all", o.format, strings.Join(names, ", "))}
	}
	switch o.paper {
	case "", "letter", "a4":
		opt.Paper = o.paper
	default:
		return usageError{fmt.Errorf("--paper %q: use letter or a4", o.paper)}
	}
	switch layouts.Profile(o.profile) {
	case layouts.Standard, layouts.LargePrint:
		opt.Profile = layouts.Profile(o.profile)
	default:
		return usageError{fmt.Errorf("--profile %q: use large-print, or leave it out for the standard PDFs", o.profile)}
	}
	switch layouts.Edition(o.edition) {
	case layouts.Student, layouts.Teacher, layouts.All:
		opt.Edition = layouts.Edition(o.edition)
	default:
		return usageError{fmt.Errorf("--edition %q: use student, teacher or all", o.edition)}
	}
	date, err := sourceDate(e)
	if err != nil {
		return usageError{err}
	}
	opt.Date = date
	p, err := openProject(e, args)
	if err != nil {
		return err
	}
	defer p.Close()
	res, err := companion.Build(cmd.Context(), p, opt)
	if perr := report(e, res.Diagnostics, o.json); perr != nil {
		return perr
	}
	if errors.Is(err, companion.ErrProject) {
		nerr, _ := res.Diagnostics.Count()
		fmt.Fprintf(e.stderr, "companion: %d %s; nothing was written\n", nerr, plural(nerr, "error", "errors"))
		return exitError{exitProject}
	}
	var oe *companion.OptionsError
	if errors.As(err, &oe) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	if !o.json {
		summary(e, res, o.out, time.Since(start), o.timings)
	}
	return nil
}

// sourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org): seconds
// since 1970, UTC. Unset: zero, meaning the project's date. The EPUB and
// PDF dates hold four-digit years, so the last second of 9999 is the
// latest date there is.
func sourceDate(e *env) (time.Time, error) {
	s := strings.TrimSpace(e.getenv("SOURCE_DATE_EPOCH"))
	if s == "" {
		return time.Time{}, nil
	}
	const hint = "use whole seconds since 1970-01-01 UTC, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to use the project's date"
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970; %s", s, hint)
	}
	if err != nil || n < 0 || n > maxSourceDate {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is out of range: it must be from 0 (1970-01-01T00:00:00Z) to %d (9999-12-31T23:59:59Z); %s", s, maxSourceDate, hint)
	}
	return time.Unix(n, 0).UTC(), nil
}

// maxSourceDate is 9999-12-31T23:59:59Z in seconds since 1970.
const maxSourceDate = 253402300799

// report prints diagnostics on stderr, or as JSON on stdout.
func report(e *env, d diag.List, asJSON bool) error {
	if asJSON {
		return writeJSON(e.stdout, jsonReport{Diagnostics: nonNil(d), Errors: count(d, diag.Error), Warnings: count(d, diag.Warning)})
	}
	return d.Write(e.stderr)
}

func summary(e *env, res *companion.Result, outDir string, took time.Duration, timings bool) {
	w := e.stdout
	for _, f := range summarised(res, outDir) {
		line := fmt.Sprintf("  %-44s %9s", filepath.ToSlash(f.Path), size(f.Size))
		if f.Pages > 0 {
			line += fmt.Sprintf("  %3d %s", f.Pages, plural(f.Pages, "page", "pages"))
		}
		if f.files > 1 {
			line += fmt.Sprintf("  %3d files", f.files)
		}
		fmt.Fprintln(w, line)
	}
	for _, p := range res.Removed {
		fmt.Fprintf(w, "  removed %s (no longer built)\n", filepath.ToSlash(p))
	}
	_, nwarn := res.Diagnostics.Count()
	msg := fmt.Sprintf("built %d %s in %s", len(res.Files), plural(len(res.Files), "file", "files"), took.Round(time.Millisecond))
	if nwarn > 0 {
		msg += fmt.Sprintf(" (%d %s)", nwarn, plural(nwarn, "warning", "warnings"))
	}
	fmt.Fprintln(w, msg)
	if timings {
		for _, t := range res.Timings {
			fmt.Fprintf(w, "  %-20s %8s\n", t.Stage, t.Duration.Round(100*time.Microsecond))
		}
	}
}

// summaryLine is a line of the summary: a file, or a site's folder with
// the number and total size of its files.
type summaryLine struct {
	companion.Written
	files int
}

// summarised lists the files written, each site (the html format) as its
// folder, since its pages would fill the screen.
func summarised(res *companion.Result, outDir string) []summaryLine {
	var out []summaryLine
	folder := map[string]int{} // a site folder's line in out
	for _, f := range res.Files {
		if f.Format != "html" {
			out = append(out, summaryLine{f, 1})
			continue
		}
		rel, err := filepath.Rel(outDir, f.Path)
		if err != nil {
			out = append(out, summaryLine{f, 1})
			continue
		}
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		dir := filepath.Join(outDir, top) + string(filepath.Separator)
		if i, ok := folder[dir]; ok {
			out[i].Size += f.Size
			out[i].files++
			continue
		}
		folder[dir] = len(out)
		out = append(out, summaryLine{companion.Written{Path: dir, Size: f.Size, Format: f.Format}, 1})
	}
	return out
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
