// Package pdf renders a companion as printable handouts on maroto v2: one
// handout per chapter (notes, key quotations, discussion questions with
// ruled answer lines), each numbered on its own, gathered with a cover into
// a student packet and a teacher edition that adds guidance, the curriculum
// mapping, a quotation index and the works cited.
//
// maroto lays out fixed-height rows and nothing else. Everything that flows
// (paragraphs with italic and bold runs, tables, boxes) is broken into lines
// here, with the font's own metrics (package richtext), and paginated here
// (paginate), so no row is ever taller than a page, headings stay with
// their text, table headers repeat, and each handout keeps its own page
// numbers inside a packet. Each packet is drawn once; a handout's own file
// is its run of pages, written out by finish.go, which also adds what
// maroto and gofpdf cannot: the document language, bookmarks, the build's
// dates and a stable file identifier.
package pdf

import (
	"context"
	"fmt"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// New returns the PDF layout.
func New() layouts.Layout { return layout{} }

type layout struct{}

func (layout) Name() string { return "pdf" }

func (layout) Render(ctx context.Context, b *book.Book, opt layouts.Options) ([]layouts.File, diag.List, error) {
	paper := opt.Paper
	if paper == "" {
		paper = b.Paper
	}
	g := newGeometry(paper)
	var diags diag.List
	fonts := richtext.Liberation()
	images, err := prepareImages(b, g.measure())
	if err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	h := &handouts{
		setter: &setter{fonts: fonts, g: g},
		b:      b, opt: opt, images: images,
		gl: &glyphs{fonts: fonts, diags: &diags, seen: map[string]bool{}},
	}
	h.workCite = h.workEntry()
	h.footH = height(h.foot(10, 10))

	student, teacher := opt.Edition.Includes(layouts.Student), opt.Edition.Includes(layouts.Teacher)
	if opt.Edition == "" {
		student, teacher = true, true
	}

	// Build and paginate every handout, in parallel: they share only the
	// read-only book and the font metrics.
	n := len(b.Chapters)
	studentPages := make([][]*pageLayout, n)
	teacherPages := make([][]*pageLayout, n)
	var appendices [3][]*pageLayout
	var work []func()
	for i, c := range b.Chapters {
		if student {
			work = append(work, func() { studentPages[i] = paginate(h.handout(c, false), g) })
		}
		if teacher {
			work = append(work, func() { teacherPages[i] = paginate(h.handout(c, true), g) })
		}
	}
	if teacher {
		work = append(work,
			func() { appendices[0] = paginate(h.mapping(), g) },
			func() { appendices[1] = paginate(h.quoteIndex(), g) },
			func() { appendices[2] = paginate(h.worksCited(), g) })
	}
	if err := parallel.ForEach(ctx, len(work), func(i int) error { work[i](); return nil }); err != nil {
		return nil, nil, err
	}

	// Each packet is laid out and drawn once; a handout's own file is its
	// run of pages from the student packet.
	slug := b.Slug()
	meta := h.metadata(opt)
	type job struct {
		edition  string
		pages    []*pageLayout
		starts   []int // first page of each handout in the packet
		rendered *rendered
		err      error
	}
	var jobs []*job
	if student {
		pages, starts := h.packet("Student handouts", b.Chapters, studentPages, nil)
		jobs = append(jobs, &job{edition: "Student Handouts", pages: pages, starts: starts})
	}
	if teacher {
		pages, starts := h.packet("Teacher edition", b.Chapters, teacherPages, appendices[:])
		jobs = append(jobs, &job{edition: "Teacher Edition", pages: pages, starts: starts})
	}
	err = parallel.ForEach(ctx, len(jobs), func(i int) error {
		jobs[i].rendered, jobs[i].err = render(g, jobs[i].pages)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var files []layouts.File
	for _, j := range jobs {
		if j.err != nil {
			return nil, nil, fmt.Errorf("pdf: %s: %w", j.edition, j.err)
		}
		d := meta
		d.title = h.companionTitle() + " — " + j.edition
		path := slug + "-handouts.pdf"
		if j.edition == "Teacher Edition" {
			path = slug + "-teacher.pdf"
		}
		data, err := j.rendered.part(0, j.rendered.pages, d, g)
		if err != nil {
			return nil, nil, fmt.Errorf("pdf: %s: %w", path, err)
		}
		files = append(files, layouts.File{Path: path, Data: data, Pages: j.rendered.pages})
		if j.edition != "Student Handouts" {
			continue
		}
		for i, c := range b.Chapters {
			from, to := j.starts[i], j.starts[i]+len(studentPages[i])
			d := meta
			d.title = fmt.Sprintf("%s — Handout %d: %s", h.companionTitle(), c.Number, c.Title)
			path := fmt.Sprintf("handouts/%02d-%s.pdf", c.Number, c.ID)
			data, err := j.rendered.part(from, to, d, g)
			if err != nil {
				return nil, nil, fmt.Errorf("pdf: %s: %w", path, err)
			}
			files = append(files, layouts.File{Path: path, Data: data, Pages: to - from})
		}
	}
	return files, diags.Sort(), nil
}

// metadata is what every file of the render shares.
func (h *handouts) metadata(opt layouts.Options) document {
	b := h.b
	var names []string
	for _, a := range b.Authors {
		names = append(names, a.Name)
	}
	creator := "companion"
	if opt.Version != "" {
		creator += " " + opt.Version
	}
	subject := b.Description
	if subject == "" {
		subject = "Study handouts: " + b.Title
	}
	lang := b.Language
	if lang == "" {
		lang = "en"
	}
	return document{
		author:   strings.Join(names, ", "),
		subject:  subject,
		keywords: strings.Join(b.Subjects, "; "),
		creator:  creator,
		lang:     lang,
		date:     opt.Date,
	}
}

// packet joins a cover, every handout and any appendices into one run of
// pages; the cover's contents give each part's first page.
func (h *handouts) packet(edition string, chapters []*book.Chapter, handouts [][]*pageLayout, appendices [][]*pageLayout) (pages []*pageLayout, starts []int) {
	entries := func(offset int) []contentsEntry {
		var es []contentsEntry
		page := offset + 1
		for i, c := range chapters {
			group := ""
			if c.Part != nil {
				group = c.Part.Title
			}
			es = append(es, contentsEntry{number: fmt.Sprint(c.Number), title: c.Title, group: group, page: page, pos: titlePos(c)})
			page += len(handouts[i])
		}
		for _, a := range appendices {
			if len(a) > 0 && len(a[0].rows) > 0 && len(a[0].rows[0].marks) > 0 {
				es = append(es, contentsEntry{title: a[0].rows[0].marks[0].title, group: "For the teacher", page: page, pos: h.b.ManifestPos})
			}
			page += len(a)
		}
		return es
	}
	// The cover's own length moves every page number: lay it out twice.
	coverPages := paginate(h.cover(edition, entries(1)), h.g)
	coverPages = paginate(h.cover(edition, entries(len(coverPages))), h.g)
	pages = append(pages, coverPages...)
	for _, hp := range handouts {
		starts = append(starts, len(pages))
		pages = append(pages, hp...)
	}
	for _, a := range appendices {
		pages = append(pages, a...)
	}
	return pages, starts
}
