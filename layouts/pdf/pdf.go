// Package pdf renders a companion as printable handouts on maroto v2: one
// handout per chapter (notes, key quotations, discussion questions with
// ruled answer lines), gathered with a cover into
// a student packet, which ends as the student EPUB and site do (glossary,
// character list, timeline, quotation index, works cited), and a teacher
// edition that adds guidance, answer keys, the curriculum mapping and the
// rest of the teacher's toolkit.
//
// maroto lays out fixed-height rows and nothing else. Everything that flows
// (paragraphs with italic and bold runs, tables, boxes) is broken into lines
// here, with the font's own metrics (package richtext), and paginated here
// (paginate), so no row is ever taller than a page, headings stay with
// their text and table headers repeat. A packet's pages are numbered on
// from its cover, as its contents give them, and a single handout's from 1
// (folio.go). Each packet is drawn once, a few handouts at a
// time, and joined into one file (runs.go); a handout's own file is its
// pages of the student packet, written out by finish.go, which also adds what
// maroto and gofpdf cannot: the document language, bookmarks, the build's
// dates and a stable file identifier.
package pdf

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/hyphen"
)

// New returns the PDF layout.
func New() layouts.Layout { return layout{} }

type layout struct{}

func (layout) Name() string { return "pdf" }

// Render hands over each packet and then its parts: after the student
// packet its handouts, after the teacher's its answer keys.
func (layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	g := pageGeometry(opt.Paper, opt.Profile)
	var diags diag.List
	fonts := g.fonts
	images, err := prepareImages(b, g.measure()*g.scale)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	h := &handouts{
		setter: &setter{fonts: fonts, g: g, hyphenate: hyphenation(b.Language)},
		b:      b, opt: opt, images: images,
		gl: &glyphs{fonts: fonts, smart: b.Smart, diags: &diags, seen: map[string]bool{}},
	}
	h.workCite = h.workEntry()
	names := []string{h.label("handout-number", "n", "888"), h.label("curriculum-map"), h.label("quotation-index"), b.WorksCitedHeading()}
	h.oneCitationForm(names)
	// The tallest footer (each is one line, its name shortened to fit).
	for _, name := range names {
		h.footH = max(h.footH, height(h.foot(name)()))
	}

	student, teacher := opt.Edition.Includes(layouts.Student), opt.Edition.Includes(layouts.Teacher)

	// Each packet is drawn in runs of handouts (runs.go), in parallel;
	// the teacher's appendices go at the end of its last run. Then, once
	// every handout's length is known, each packet's cover, which lists
	// the page each part starts on, is drawn with the packet's font sheet
	// as one document, and the packet joined.
	type packet struct {
		edition    string
		teacher    bool
		handouts   []*run         // until the packet is joined
		appendices []sectionPages // the drawn ends
		coverPages int
		joined     *rendered
		starts     []int // the first page of each handout in the packet
		counts     []int // the pages of each handout
		// ends are the sections after the handouts, drawn as appendices:
		// the teacher's answer keys, mapping, quotation index, toolkit
		// and works cited; the students' back matter
		// (studentBackMatter), as their EPUB and site end.
		ends []func() *section
	}
	var packets []*packet
	if student {
		packets = append(packets, &packet{edition: h.label("student-handouts-title")})
	}
	if teacher {
		packets = append(packets, &packet{edition: h.label("teacher-edition-title"), teacher: true})
	}
	// The teacher's appendices: a handout's answer key first, each a
	// section of its own so that it is also a file of its own.
	var keyed []*book.Chapter
	var appendices []func() *section
	for _, c := range b.Chapters {
		if hasKey(c) {
			keyed = append(keyed, c)
			appendices = append(appendices, func() *section { return h.answerKey(c) })
		}
	}
	appendices = append(append(append(appendices, h.mapping, h.quoteIndex), h.toolkitAppendices()...), h.worksCited)
	studentEnds := h.studentBackMatter()
	n := len(b.Chapters)
	for _, p := range packets {
		p.ends = studentEnds
		if p.teacher {
			p.ends = appendices
		}
		for from := 0; from < n; from += runChapters {
			ru := &run{}
			for _, c := range b.Chapters[from:min(from+runChapters, n)] {
				ru.sections = append(ru.sections, func() *section { return h.handout(c, p.teacher) })
			}
			p.handouts = append(p.handouts, ru)
		}
		if len(p.ends) > 0 {
			if len(p.handouts) == 0 {
				p.handouts = append(p.handouts, &run{})
			}
			last := p.handouts[len(p.handouts)-1]
			last.sections = append(last.sections, p.ends...)
		}
	}
	// draw draws the runs of the packets ps, in parallel, then each
	// one's cover and font sheet, and joins it.
	draw := func(ps []*packet) error {
		var runs []*run
		for _, p := range ps {
			runs = append(runs, p.handouts...)
		}
		err := parallel.ForEach(ctx, len(runs), func(i int) error {
			if err := runs[i].draw(g); err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, p := range ps {
			var drawn []sectionPages
			for _, ru := range p.handouts {
				drawn = append(drawn, ru.drawn...)
			}
			// Its last run ends with the appendices.
			k := len(drawn) - len(p.ends)
			drawn, p.appendices = drawn[:k], drawn[k:]
			for _, d := range drawn {
				p.counts = append(p.counts, d.pages)
			}
		}
		return parallel.ForEach(ctx, len(ps), func(i int) error {
			p := ps[i]
			title, group := h.label("student-handouts"), ""
			if p.teacher {
				title, group = h.label("teacher-edition"), h.label("for-the-teacher")
			}
			cover := paginate(h.cover(title, p.counts, p.appendices, group), g)
			gs := glyphSet{}
			for _, ru := range p.handouts {
				for _, r := range ru.rs {
					gs.add(r.glyphs)
				}
			}
			last, err := drawWithFontSheet(g, cover, gs)
			if err != nil {
				return fmt.Errorf("pdf: %s: %w", p.edition, err)
			}
			spans := []span{{last, 0, len(cover)}}
			for _, ru := range p.handouts {
				for _, r := range ru.rs {
					spans = append(spans, span{r, 0, r.pages})
				}
			}
			if p.joined, err = joinRuns(last, spans); err != nil {
				return fmt.Errorf("pdf: %s: %w", p.edition, err)
			}
			// The joined packet has all it needs of its runs' documents.
			p.handouts = nil
			page := len(cover)
			p.coverPages = page
			for _, c := range p.counts {
				p.starts = append(p.starts, page)
				page += c
			}
			return nil
		})
	}
	// The packets are drawn together, so that every core has runs to
	// draw, unless each has runs enough for every core on its own: then
	// one after the other, each drawn, written and let go before the
	// next is drawn, so that a long book holds one packet's pages and
	// structure at a time, not both.
	groups := [][]*packet{packets}
	alone := len(packets) > 1
	for _, p := range packets {
		alone = alone && len(p.handouts) >= runtime.GOMAXPROCS(0)
	}
	if alone {
		groups = nil
		for _, p := range packets {
			groups = append(groups, []*packet{p})
		}
	}

	slug := b.Slug()
	// Large print is written beside the standard files, named apart.
	suffix := opt.Profile.Suffix()
	meta := h.metadata(opt)
	// filePart is a file of pages [from, to) of a packet; single, a file
	// of one handout or answer key, numbered from 1.
	type filePart struct {
		path, title string
		from, to    int
		single      bool
		edition     layouts.Edition
	}
	for _, ps := range groups {
		if err := draw(ps); err != nil {
			return nil, err
		}
		for _, p := range ps {
			whole := filePart{path: slug + "-handouts" + suffix + ".pdf", title: h.companionTitle() + " — " + p.edition, to: p.joined.pages, edition: layouts.Student}
			if p.teacher {
				whole.path, whole.edition = slug+"-teacher"+suffix+".pdf", layouts.Teacher
			}
			parts := []filePart{whole}
			if p.teacher {
				// Each answer key as a file of its own, its pages of the
				// packet, in teacher/, apart from the student handouts: a
				// teacher who shares the handouts folder with a class does
				// not share the answers with it.
				from := p.coverPages
				for _, c := range p.counts {
					from += c
				}
				for i, c := range keyed {
					to := from + p.appendices[i].pages
					parts = append(parts, filePart{
						path: fmt.Sprintf("teacher/%02d-%s-answer-key%s.pdf", c.Number, c.ID, suffix),
						// Metadata is searched and shown as a window's title: no ties.
						title: h.label("answer-key") + " · " + b.Labels.Format("handout-title", "companion", h.companionTitle(), "n", strconv.Itoa(c.Number), "title", b.Smart(c.Title)),
						from:  from, to: to, single: true, edition: layouts.Teacher,
					})
					from = to
				}
			} else {
				for i, c := range b.Chapters {
					parts = append(parts, filePart{
						path:  fmt.Sprintf("handouts/%02d-%s%s.pdf", c.Number, c.ID, suffix),
						title: b.Labels.Format("handout-title", "companion", h.companionTitle(), "n", strconv.Itoa(c.Number), "title", b.Smart(c.Title)),
						from:  p.starts[i], to: p.starts[i] + p.counts[i], single: true, edition: layouts.Student,
					})
				}
			}
			// The files are written a few at a time in parallel, each from
			// the packet's pages, which none changes, and handed over in
			// order: at most a batch of them is held at once.
			batch := 2 * runtime.GOMAXPROCS(0)
			for start := 0; start < len(parts); start += batch {
				todo := parts[start:min(start+batch, len(parts))]
				written := make([]layouts.File, len(todo))
				err := parallel.ForEach(ctx, len(todo), func(i int) error {
					f := todo[i]
					numbers, err := h.numbers(p.joined, f.from, f.to, f.single)
					if err != nil {
						return fmt.Errorf("pdf: %s: %w", f.path, err)
					}
					d := meta
					d.title = f.title
					data, err := p.joined.part(f.from, f.to, d, g, numbers)
					if err != nil {
						return fmt.Errorf("pdf: %s: %w", f.path, err)
					}
					written[i] = layouts.File{Path: f.path, Data: data, Pages: f.to - f.from, Edition: f.edition, Profile: opt.Profile}
					return nil
				})
				if err != nil {
					return nil, err
				}
				for _, f := range written {
					if err := put(f); err != nil {
						return diags.Sort(), err
					}
				}
			}
			// Its files are written: its pages, compressed, and their
			// structure go before the next packet's files are made.
			p.joined = nil
		}
	}
	return diags.Sort(), nil
}

// hyphenation is where words of lang may break, or nil for a language
// without patterns.
func hyphenation(lang string) func(string) []int {
	if p := hyphen.For(lang); p != nil {
		return p.Points
	}
	return nil
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
		subject = h.label("handouts-subject", "title", b.Title)
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

// cover lays out a packet's cover, whose contents list the page each
// handout (of counts pages) and each appendix starts on, the appendices
// under the label group ("" for none). The cover's own length moves every
// page number: it is laid out twice.
func (h *handouts) cover(edition string, counts []int, appendices []sectionPages, group string) *section {
	entries := func(offset int) []contentsEntry {
		var es []contentsEntry
		page := offset + 1
		for i, c := range h.b.Chapters {
			group := ""
			if c.Part != nil {
				group = c.Part.Title
			}
			es = append(es, contentsEntry{number: fmt.Sprint(c.Number), title: c.Title, group: group, page: page, pos: titlePos(c), link: handoutAnchor(c.ID)})
			page += counts[i]
		}
		for _, a := range appendices {
			if a.title != "" {
				es = append(es, contentsEntry{title: a.title, covers: a.covers, group: group, page: a.first(page), pos: h.b.ManifestPos, link: a.anchor})
			}
			page += a.pages
		}
		return es
	}
	first := paginate(h.coverPage(edition, entries(1)), h.g)
	return h.coverPage(edition, entries(len(first)))
}
