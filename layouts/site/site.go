// Package site renders the companion as a static web site, one per
// edition: a landing page with the cover and the contents, a page per
// chapter, the works cited, the quotation index, the curriculum map and
// a search built at build time. A site is a set of files in memory
// (Build), which the html format writes under the output folder and
// `companion serve` serves as they are. Pages work from file:// and any
// static host: relative links only, no request off the page (a
// Content-Security-Policy says so), and the same book gives the same
// bytes. The student site holds no teacher guidance at all, not even in
// its search index.
package site

import (
	"context"
	"maps"
	"slices"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

// Site is one edition's site: each file's path, slash-separated and
// relative to the site's folder, to its bytes. The landing page is
// index.html.
type Site map[string][]byte

// Paths are the site's files in sorted order.
func (s Site) Paths() []string { return slices.Sorted(maps.Keys(s)) }

// Folder is the folder a build writes an edition's site into:
// SLUG-site for students, SLUG-teacher-site for teachers.
func Folder(b *book.Book, ed layouts.Edition) string {
	if ed == layouts.Teacher {
		return b.Slug() + "-teacher-site"
	}
	return b.Slug() + "-site"
}

// Build renders the site of edition ed (Student or Teacher) of an opened
// book with options as layouts.Resolve returns them; a site depends on
// none of them today (it prints no build date, so its bytes do not
// change with SOURCE_DATE_EPOCH). It only reads the book, so it may run
// while other layouts render the same book. Problems in content are
// warnings in the list; an error means the render failed.
func Build(ctx context.Context, b *book.Book, opt layouts.Options, ed layouts.Edition) (Site, diag.List, error) {
	s := newBuilder(b, ed == layouts.Teacher)
	if err := s.build(ctx); err != nil {
		return nil, nil, err
	}
	return s.files, s.diags, nil
}

// Layout is the html format: the sites of the editions asked for.
type Layout struct{}

// New returns the html layout.
func New() layouts.Layout { return Layout{} }

// Name is the --format word.
func (Layout) Name() string { return "html" }

// Render builds each edition's site and hands over its files, placed in
// the edition's folder, in path order.
func (Layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	var diags diag.List
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		if !opt.Edition.Includes(ed) {
			continue
		}
		s, d, err := Build(ctx, b, opt, ed)
		if err != nil {
			return nil, err
		}
		diags.Append(d)
		dir := Folder(b, ed)
		for _, p := range s.Paths() {
			if err := put(layouts.File{Path: dir + "/" + p, Data: s[p], Edition: ed}); err != nil {
				return diags, err
			}
			delete(s, p) // handed over: not held while the rest are
		}
	}
	return diags, nil
}
