package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

type checkOptions struct {
	strict, json, draft bool
}

func newCheckCmd(e *env) *cobra.Command {
	o := &checkOptions{}
	c := &cobra.Command{
		Use:   "check [PROJECT]",
		Short: "Check a project and report curriculum coverage, writing nothing",
		Long: `Check reports every problem in the project, each with file:line:col, and
how well the questions cover the standards of each selected framework
and the themes in themes.yaml: a standard no question serves, or a theme
no question tags, is a warning (an error with --strict).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runCheck(e, o, args) },
	}
	c.Flags().BoolVar(&o.strict, "strict", false, "treat standards no question serves and themes no question tags as errors")
	c.Flags().BoolVar(&o.json, "json", false, "print diagnostics and coverage as JSON on stdout")
	c.Flags().BoolVar(&o.draft, "draft", false, "allow unverified quotes, as build --draft does")
	return c
}

// Coverage is how well one framework's selected standards are served.
type Coverage struct {
	Framework string   `json:"framework"`
	Title     string   `json:"title"`
	Standards int      `json:"standards"`
	Served    int      `json:"served"`
	Unserved  []string `json:"unserved"`
}

// ThemeCoverage is how many of the project's themes some question tags.
type ThemeCoverage struct {
	Themes   int      `json:"themes"`
	Tagged   int      `json:"tagged"`
	Untagged []string `json:"untagged"`
}

type jsonReport struct {
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
	Errors      int               `json:"errors"`
	Warnings    int               `json:"warnings"`
	Coverage    []Coverage        `json:"coverage,omitempty"`
	Themes      *ThemeCoverage    `json:"themes,omitempty"`
}

func runCheck(e *env, o *checkOptions, args []string) error {
	collectOnlyAtLimit()
	p, err := openProject(e, args)
	if err != nil {
		return err
	}
	defer p.Close()
	b, d := book.Open(p.FS, book.Options{Draft: o.draft, Strict: o.strict})
	cov, themes := coverage(b), themeCoverage(b)
	nerr, nwarn := d.Count()
	if o.json {
		if err := writeJSON(e.stdout, jsonReport{Diagnostics: nonNil(d), Errors: nerr, Warnings: nwarn, Coverage: cov, Themes: themes}); err != nil {
			return err
		}
	} else {
		d.Write(e.stderr)
		for _, c := range cov {
			fmt.Fprintf(e.stdout, "%-12s %3d of %3d standards served by a question\n", c.Framework, c.Served, c.Standards)
		}
		if themes != nil {
			fmt.Fprintf(e.stdout, "%-12s %3d of %3d themes tagged by a question\n", "themes", themes.Tagged, themes.Themes)
		}
		fmt.Fprintf(e.stdout, "%d %s, %d %s\n", nerr, plural(nerr, "error", "errors"), nwarn, plural(nwarn, "warning", "warnings"))
	}
	if nerr > 0 {
		return exitError{exitProject}
	}
	return nil
}

// coverage counts, for each selected framework, the standards some
// question serves; book.Open has reported the others. None when errors
// kept Open from counting.
func coverage(b *book.Book) []Coverage {
	var out []Coverage
	for _, m := range b.Coverage() {
		f := m.Selection.Framework
		c := Coverage{Framework: f.ID, Title: f.Title, Standards: len(m.Rows), Unserved: []string{}}
		for _, s := range m.Unserved() {
			c.Unserved = append(c.Unserved, s.Code)
		}
		c.Served = c.Standards - len(c.Unserved)
		out = append(out, c)
	}
	return out
}

// themeCoverage counts the themes some question tags; nil when the
// project has no themes or errors kept Open from counting.
func themeCoverage(b *book.Book) *ThemeCoverage {
	uses := b.ThemeCoverage()
	if len(uses) == 0 {
		return nil
	}
	c := &ThemeCoverage{Themes: len(uses), Untagged: []string{}}
	for _, u := range uses {
		if u.Tagged() {
			c.Tagged++
		} else {
			c.Untagged = append(c.Untagged, u.Theme.ID)
		}
	}
	return c
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func nonNil(d diag.List) []diag.Diagnostic {
	if d == nil {
		return []diag.Diagnostic{}
	}
	return d
}

func count(d diag.List, s diag.Severity) int {
	n := 0
	for _, x := range d {
		if x.Severity == s {
			n++
		}
	}
	return n
}
