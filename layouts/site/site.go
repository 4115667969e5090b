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
	files := Site{}
	s := newBuilder(b, ed == layouts.Teacher, func(name string, data []byte) error {
		files[name] = data
		return nil
	})
	if err := s.build(ctx); err != nil {
		return nil, nil, err
	}
	return files, s.diags, nil
}

// Layout is the html format: the sites of the editions asked for.
type Layout struct{}

// New returns the html layout.
func New() layouts.Layout { return Layout{} }

// Name is the --format word.
func (Layout) Name() string { return "html" }

// Render builds each edition's site and hands over each file, placed in
// the edition's folder, as soon as it is done, rather than holding the
// site (at a thousand chapters, 24 MB of pages).
func (Layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	var diags diag.List
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		if !opt.Edition.Includes(ed) {
			continue
		}
		dir := Folder(b, ed)
		s := newBuilder(b, ed == layouts.Teacher, func(name string, data []byte) error {
			return put(layouts.File{Path: dir + "/" + name, Data: data, Edition: ed})
		})
		err := s.build(ctx)
		diags.Append(s.diags)
		if err != nil {
			return diags, err
		}
	}
	return diags, nil
}
