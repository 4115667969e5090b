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
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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

// Render hands over the packets' parts (the student handouts, the
// teacher's answer keys) and then the packets themselves, each the last
// file of its pages to be written (see writeBatch).
func (layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	g := pageGeometry(opt.Paper, opt.Profile)
	// What a render reads once per process, the fonts gofpdf embeds and
	// the hyphenation patterns, is read in the background while the
	// images are prepared and the work's citation formatted (workEntry
	// may wait for another format formatting the book's citations).
	parseFontsAhead(g.fonts)
	go hyphen.For(b.Language)
	var diags diag.List
	fonts := g.fonts
	images, err := prepareImages(b, g.measure()*g.scale)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	h := &handouts{
		setter: &setter{fonts: fonts, g: g},
		b:      b, opt: opt, images: images,
		gl: &glyphs{fonts: fonts, smart: b.Smart, diags: &diags, seen: map[string]bool{}},
	}
	h.useWorkCite(h.workEntry())
	h.untitledHeads = [2]bool{h.untitled(false), h.untitled(true)}
	h.headH = h.headsDepth()
	names := h.widestFooterNames()
	h.oneCitationForm(names)
	// The tallest footer (each is one line, its name shortened to fit).
	for _, name := range names {
		h.footH = max(h.footH, height(h.foot(name)()))
	}
	// Set once the patterns are read: nothing above breaks a word.
	h.hyphenate = hyphenation(b.Language)

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
		sheet      *rendered // the cover and font sheet, until the packet is joined
		coverErr   error
		joined     *rendered
		starts     []int // the first page of each handout in the packet
		counts     []int // the pages of each handout
		// ends are the sections after the handouts, drawn as appendices
		// (backMatter), as the edition's EPUB and site end; the
		// teacher's answer keys are ends[keyAt:].
		ends  []func() *section
		keyAt int
	}
	var packets []*packet
	if student {
		packets = append(packets, &packet{edition: h.label("student-handouts-title")})
	}
	if teacher {
		packets = append(packets, &packet{edition: h.label("teacher-edition-title"), teacher: true})
	}
	// The teacher's answer keys are a section each (keyed), so that each
	// is also a file of its own.
	var keyed []*book.Chapter
	n := len(b.Chapters)
	for _, p := range packets {
		if p.teacher {
			p.ends, keyed, p.keyAt = h.backMatter(true)
		} else {
			p.ends, _, _ = h.backMatter(false)
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
	// drawCover draws a packet's cover and font sheet, once its runs
	// are laid out: the cover lists the page each handout starts on, and
	// the sheet holds every character the runs draw.
	drawCover := func(p *packet) error {
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
		// The back matter is a group of its own, labelled as the site's
		// contents label it, so that it does not read as entries of the
		// last handout.
		title, group := h.label("student-handouts"), h.label("reference")
		if p.teacher {
			title, group = h.label("teacher-edition"), h.label("for-the-teacher")
		}
		cover := paginate(h.cover(title, p.counts, p.appendices, group), g)
		p.coverPages = len(cover)
		gs := glyphSet{}
		for _, ru := range p.handouts {
			gs.add(ru.glyphs)
		}
		var err error
		if p.sheet, err = drawWithFontSheet(g, cover, gs); err != nil {
			return fmt.Errorf("pdf: %s: %w", p.edition, err)
		}
		return nil
	}
	// draw draws the runs of the packets ps, in parallel, the longest
	// first (the most sections: the teacher's, whose last run holds the
	// appendices), so that no long run is left to draw alone at the end;
	// each packet's cover and font sheet as soon as its runs are laid out,
	// beside the runs still drawing. Then it joins each packet.
	draw := func(ps []*packet) error {
		var runs []*run
		var failed atomic.Bool // no cover is drawn for runs that failed
		var covers sync.WaitGroup
		for _, p := range ps {
			runs = append(runs, p.handouts...)
			var laidOut sync.WaitGroup
			laidOut.Add(len(p.handouts))
			for _, ru := range p.handouts {
				ru.laidOut = sync.OnceFunc(laidOut.Done)
			}
			covers.Go(func() {
				laidOut.Wait()
				if !failed.Load() {
					p.coverErr = drawCover(p)
				}
			})
		}
		slices.SortStableFunc(runs, func(a, b *run) int { return len(b.sections) - len(a.sections) })
		err := parallel.ForEach(ctx, len(runs), func(i int) error {
			if err := runs[i].draw(ctx, g); err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			return nil
		})
		// Runs that failed or never started count as laid out, once
		// failed says so.
		failed.Store(err != nil)
		for _, ru := range runs {
			ru.laidOut()
		}
		covers.Wait()
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.coverErr != nil {
				return p.coverErr
			}
		}
		return parallel.ForEach(ctx, len(ps), func(i int) error {
			p := ps[i]
			spans := []span{{p.sheet, 0, p.coverPages}}
			for _, ru := range p.handouts {
				for _, r := range ru.rs {
					spans = append(spans, span{r, 0, r.pages})
				}
			}
			var err error
			if p.joined, err = joinRuns(p.sheet, spans); err != nil {
				return fmt.Errorf("pdf: %s: %w", p.edition, err)
			}
			// The joined packet has all it needs of its runs' documents.
			p.handouts, p.sheet = nil, nil
			page := p.coverPages
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
		p           *packet
		path, title string
		from, to    int
		single      bool
		edition     layouts.Edition
	}
	for _, ps := range groups {
		// Packets drawn together break the same paragraphs, once. (Drawn
		// one after the other, a long book's packets would keep every
		// paragraph's lines until the next is drawn.)
		if len(ps) > 1 {
			h.memo = newLineMemo()
		}
		err := draw(ps)
		h.memo = nil
		if err != nil {
			return nil, err
		}
		var parts, wholes []filePart
		for _, p := range ps {
			whole := filePart{p: p, path: slug + "-handouts" + suffix + ".pdf", title: h.companionTitle() + " — " + p.edition, to: p.joined.pages, edition: layouts.Student}
			if p.teacher {
				whole.path, whole.edition = slug+"-teacher"+suffix+".pdf", layouts.Teacher
			}
			wholes = append(wholes, whole)
			if p.teacher {
				// Each answer key as a file of its own, its pages of the
				// packet, in teacher/, apart from the student handouts: a
				// teacher who shares the handouts folder with a class does
				// not share the answers with it.
				from := p.coverPages
				for _, c := range p.counts {
					from += c
				}
				for _, a := range p.appendices[:p.keyAt] {
					from += a.pages
				}
				for i, c := range keyed {
					to := from + p.appendices[p.keyAt+i].pages
					parts = append(parts, filePart{
						p:    p,
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
						p:     p,
						path:  fmt.Sprintf("handouts/%02d-%s%s.pdf", c.Number, c.ID, suffix),
						title: b.Labels.Format("handout-title", "companion", h.companionTitle(), "n", strconv.Itoa(c.Number), "title", b.Smart(c.Title)),
						from:  p.starts[i], to: p.starts[i] + p.counts[i], single: true, edition: layouts.Student,
					})
				}
			}
		}
		// writeBatch writes files in parallel, each from its packet's
		// pages, which none changes, the longest first so that no long
		// one is written alone at the end, and hands them over in order,
		// each as soon as it and those before it are written, beside the
		// files still being written: at most a batch of them is held at
		// once. The last batch is the packets' whole files, each its
		// packet's last: once its structure tree is made, the packet's
		// structure elements (a few hundred thousand for a long book) go,
		// before the file's bytes are gathered rather than beside them.
		writeBatch := func(todo []filePart, last bool) error {
			longest := make([]int, len(todo))
			for i := range longest {
				longest[i] = i
			}
			slices.SortStableFunc(longest, func(a, b int) int {
				return (todo[b].to - todo[b].from) - (todo[a].to - todo[a].from)
			})
			written := make([]layouts.File, len(todo))
			var mu sync.Mutex // over what follows, and put
			done := make([]bool, len(todo))
			next := 0
			var putErr error
			err := parallel.ForEach(ctx, len(todo), func(i int) error {
				i = longest[i]
				f := todo[i]
				numbers, err := h.numbers(f.p.joined, f.from, f.to, f.single)
				if err != nil {
					return fmt.Errorf("pdf: %s: %w", f.path, err)
				}
				d := meta
				d.title = f.title
				data, err := f.p.joined.part(f.from, f.to, d, g, numbers, last)
				if err != nil {
					return fmt.Errorf("pdf: %s: %w", f.path, err)
				}
				mu.Lock()
				defer mu.Unlock()
				written[i] = layouts.File{Path: f.path, Data: data, Pages: f.to - f.from, Edition: f.edition, Profile: opt.Profile}
				done[i] = true
				for ; putErr == nil && next < len(todo) && done[next]; next++ {
					putErr = put(written[next])
					written[next] = layouts.File{}
				}
				return putErr
			})
			return cmp.Or(putErr, err)
		}
		for len(parts) > 0 {
			k, pages := 0, 0
			for k < len(parts) && (k < 2*runtime.GOMAXPROCS(0) || pages < batchPages) {
				pages += parts[k].to - parts[k].from
				k++
			}
			if err := writeBatch(parts[:k], false); err != nil {
				return diags.Sort(), err
			}
			parts = parts[k:]
		}
		if err := writeBatch(wholes, true); err != nil {
			return diags.Sort(), err
		}
		// A packet's pages, compressed, go once its whole file is handed over.
		for _, p := range ps {
			p.joined = nil
		}
	}
	return diags.Sort(), nil
}

// batchPages is about how many pages of files a render writes at once,
// in at least two files for every core: every file of a short book (the
// bundled companion's 330 pages) in one batch, and a few megabytes of a
// long one's.
const batchPages = 512

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
// page number: it is laid out in each setting, then again.
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
				es = append(es, contentsEntry{title: a.title, covers: a.covers, short: a.short, group: group, page: a.first(page), pos: h.b.ManifestPos, link: a.anchor})
			}
			page += a.pages
		}
		return es
	}
	// The most open setting that takes the fewest pages.
	var set contentsSet
	pages := 0
	for _, s := range contentsSets {
		if n := len(paginate(h.coverPage(edition, entries(1), s), h.g)); pages == 0 || n < pages {
			set, pages = s, n
		}
	}
	return h.coverPage(edition, entries(pages), set)
}
