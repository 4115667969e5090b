package pdf

import (
	"context"
	"fmt"
	"slices"

	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// A packet (the cover, a handout per chapter, the teacher's appendices) is
// drawn in runs: a few handouts at a time, each run a maroto document of
// its own, laid out just before it is drawn and dropped once its pages are
// compressed. However long the book, a render holds the layouts and gofpdf
// buffers of at most GOMAXPROCS runs at once; drawing a packet whole held
// every one of its pages, uncompressed, at the same time (over a gigabyte
// for a thousand chapters).
//
// The runs' pages become one file because gofpdf writes text as Unicode
// code points (Identity-H): a page's content does not depend on which
// glyphs its document's font subset holds, and any subset holding them
// serves. After the runs, one more document draws the packet's cover (whose
// contents need every handout's length) and then the font sheet: every
// character the packet's pages draw, in each style. Its fonts serve every
// run's pages (a run's own file has no fonts: gofpdffont.Unembed), and
// joinRuns numbers the cover, the pages of the runs, those
// fonts and the images (each once) as one file, which finish.go writes
// whole or a handout at a time. The teacher's appendices end its last run.
// Which handouts share a run, and where a run's documents begin, change
// no byte of the output (TestRunsDoNotChangeOutput).

// runChapters is how many handouts a run draws: enough that a document's
// fixed cost is spread thin, few enough that a run's pages are a few
// megabytes.
var runChapters = 16

// pageChunk is the most pages a document draws: a run's pages are drawn
// as documents of pageChunk pages, side by side, and joined. A run is
// laid out one section after another, and a packet short enough to be
// one run (the bundled teacher packet, 120 pages) was otherwise drawn
// on one core, at the end of the build; and however long a handout (a
// chapter of megabytes is thousands of pages), what gofpdf and maroto
// hold while drawing, every page uncompressed and a component for every
// row, stays bounded. The documents start where the pages fall, so the
// files are the same bytes whatever the number of cores (a page is the
// same bytes whichever document draws it: pageEnd).
var pageChunk = 32

// run is sections laid out one after another and drawn as documents of
// pageChunk pages.
type run struct {
	sections []func() *section // dropped once laid out
	rs       []*rendered
	drawn    []sectionPages // each section's length and first bookmark
	glyphs   glyphSet       // the characters its pages draw, by style
	// laidOut is called once drawn and glyphs are known, before the
	// pages are drawn: its packet's cover and font sheet need no more.
	laidOut func()
}

// sectionPages is a drawn section's length, first bookmark and anchor.
type sectionPages struct {
	// pages is how many pages the section adds: its last page and those
	// before it to the first, or to the page it shares with the section
	// before, which that section counts.
	pages  int
	shared bool // the section starts on the last page of the one before
	title  string
	covers string // section.covers
	short  string // section.short
	anchor anchorName
}

// first is the page the section starts on, of the page that follows the
// sections before it.
func (d sectionPages) first(next int) int {
	if d.shared {
		return next - 1
	}
	return next
}

// span is pages [from, to) of a drawn document.
type span struct {
	r        *rendered
	from, to int
}

// draw makes the run's sections, in parallel, lays them out and draws
// them, pageChunk pages to a document, the documents in parallel,
// calling ru.laidOut (if set) in between. Making a section (its lines
// broken, its tables measured) is most of laying it out, and a packet's
// run (the bundled teacher packet is one) was otherwise made one section
// after another; paginating them is what must be serial. Only the
// compressed pages, the images and the characters drawn are kept.
func (ru *run) draw(ctx context.Context, g geometry) error {
	made := make([]*section, len(ru.sections))
	err := parallel.ForEach(ctx, len(made), func(i int) error {
		made[i] = ru.sections[i]()
		return nil
	})
	if err != nil {
		return err
	}
	ru.sections = nil
	var pages []*pageLayout
	pages, ru.drawn = flow(made, g)
	// The page each header row is first drawn on: one drawn again (a
	// table's header on the next page) is an artifact, also when another
	// document drew it first.
	first := map[*row]int{}
	for i, p := range pages {
		for _, r := range p.rows {
			if _, ok := first[r]; r.head && !ok {
				first[r] = i
			}
		}
	}
	type chunk struct {
		from   int
		pages  []*pageLayout
		glyphs glyphSet
	}
	chunks := make([]chunk, (len(pages)+pageChunk-1)/pageChunk)
	err = parallel.ForEach(ctx, len(chunks), func(i int) error {
		from := i * pageChunk
		c := pages[from:min(len(pages), from+pageChunk)]
		chunks[i] = chunk{from: from, pages: c, glyphs: drawnGlyphs(g, c)}
		return nil
	})
	if err != nil {
		return err
	}
	ru.glyphs = glyphSet{}
	for _, c := range chunks {
		ru.glyphs.add(c.glyphs)
	}
	if ru.laidOut != nil {
		ru.laidOut()
	}
	ru.rs = make([]*rendered, len(chunks))
	return parallel.ForEach(ctx, len(chunks), func(i int) error {
		c := chunks[i]
		before := func(r *row) bool {
			p, ok := first[r]
			return ok && p < c.from
		}
		r, err := renderDrawing(g, c.pages, c.glyphs, true, before)
		if err != nil {
			return err
		}
		ru.rs[i] = r
		clear(c.pages) // the drawn layouts may go, but for their sections
		return nil
	})
}

// sheetLine is how many characters the font sheet draws on a line.
const sheetLine = 64

// drawWithFontSheet draws pages followed by the font sheet: every
// character of gs and of the pages, in its style, so that the fonts of the
// document hold every glyph of the runs gs was gathered from as well as
// its own. The sheet's pages are drawn but never written out.
func drawWithFontSheet(g geometry, pages []*pageLayout, gs glyphSet) (*rendered, error) {
	all := glyphSet{}
	all.add(gs)
	for _, pr := range pageRowsOf(pages) {
		all.addRows(g.fonts, pr.rows)
		all.addRows(g.fonts, pr.notes)
		all.addRows(g.fonts, pr.foot)
	}
	var rows []*row
	for _, st := range faceStyles {
		var chars []rune
		if set := all[st]; set != nil {
			chars = set.sorted()
		}
		for len(chars) > 0 {
			k := min(len(chars), sheetLine)
			frag := richtext.Fragment{Span: richtext.Span{Text: string(chars[:k]), Style: st, Size: 10}}
			rows = append(rows, &row{h: 6, ops: []op{textOp{frag: frag, y: 5}}})
			chars = chars[k:]
		}
	}
	sheet := paginate(&section{rows: rows}, g)
	return render(g, append(slices.Clip(pages), sheet...), false)
}

// joinRuns numbers the pages of the spans, in order, the fonts of the font
// sheet's document and the images of the spans' documents, each once, as
// one file.
func joinRuns(sheet *rendered, spans []span) (*rendered, error) {
	sf := sheet.file
	j := &gofpdfFile{header: sf.header, mediaBox: sf.mediaBox, fontKeys: sf.fontKeys, objects: map[int]*template{}}
	out := &rendered{file: j}
	next := 3 // 1 and 2 are the page tree and the resources
	type image struct {
		f *gofpdfFile
		x xobject
	}
	images := map[pdfobj.Name]image{}
	// Everything but fonts and images a run's resources may list must be
	// what the sheet's list: the joined file has the sheet's resources.
	rest := func(res pdfobj.Dict) string {
		var d pdfobj.Dict
		for _, e := range res {
			switch e.Key {
			case "Font":
			case "XObject":
				d = append(d, pdfobj.Entry{Key: e.Key, Value: pdfobj.Dict{}})
			default:
				d = append(d, e)
			}
		}
		return string(pdfobj.Append(nil, d))
	}
	for _, sp := range spans {
		f := sp.r.file
		if rest(f.resources) != rest(sf.resources) {
			return nil, fmt.Errorf("pdf: a run's resources differ from the font sheet's: %s", pdfobj.Append(nil, f.resources))
		}
		for i := sp.from; i < sp.to; i++ {
			t, err := f.objects[f.kids[i]].renumber(map[int]int{1: 1, 2: 2, f.contents[i]: next + 1})
			if err != nil {
				return nil, fmt.Errorf("pdf: page %d of a run: %w", i+1, err)
			}
			j.objects[next] = t
			j.kids = append(j.kids, next)
			j.contents = append(j.contents, next+1)
			next += 2
		}
		j.packed = append(j.packed, f.packed[sp.from:sp.to]...)
		j.uses = append(j.uses, f.uses[sp.from:sp.to]...)
		j.marked = append(j.marked, f.marked[sp.from:sp.to]...)
		for _, m := range sp.r.marks {
			if m.page >= sp.from && m.page < sp.to {
				m.page += out.pages - sp.from
				out.marks = append(out.marks, m)
			}
		}
		for _, a := range sp.r.anchors {
			if a.page >= sp.from && a.page < sp.to {
				a.page += out.pages - sp.from
				out.anchors = append(out.anchors, a)
			}
		}
		out.folios = append(out.folios, sp.r.folios[sp.from:sp.to]...)
		out.links = append(out.links, sp.r.links[sp.from:sp.to]...)
		out.held = append(out.held, sp.r.held[sp.from:sp.to]...)
		out.pages += sp.to - sp.from
		for _, x := range f.images {
			if _, ok := images[x.name]; !ok {
				images[x.name] = image{f, x}
			}
		}
	}
	// copy adds objects of another file, renumbered, to the shared ones.
	copyObjs := func(f *gofpdfFile, objs []int) (map[int]int, error) {
		num := map[int]int{}
		for _, n := range objs {
			num[n] = next
			next++
		}
		for _, n := range objs {
			t, err := f.objects[n].renumber(num)
			if err != nil {
				return nil, err
			}
			j.objects[num[n]] = t
			j.shared = append(j.shared, num[n])
		}
		return num, nil
	}
	fontNum, err := copyObjs(sf, sf.shared)
	if err != nil {
		return nil, fmt.Errorf("pdf: the font sheet: %w", err)
	}
	var entries pdfobj.Dict
	names := make([]pdfobj.Name, 0, len(images))
	for name := range images {
		names = append(names, name)
	}
	slices.Sort(names) // as gofpdf lists them: by name
	for _, name := range names {
		im := images[name]
		num, err := copyObjs(im.f, im.x.objs)
		if err != nil {
			return nil, fmt.Errorf("pdf: image %s: %w", name, err)
		}
		x := xobject{name: name}
		for _, n := range im.x.objs {
			x.objs = append(x.objs, num[n])
		}
		j.images = append(j.images, x)
		entries = append(entries, pdfobj.Entry{Key: name, Value: pdfobj.Ref{Num: num[im.x.objs[0]]}})
	}
	res, missing, ok := renumbered(sf.resources, fontNum)
	if !ok {
		return nil, fmt.Errorf("pdf: the font sheet's resources refer to %d 0 R, which is not copied", missing)
	}
	j.resources = res.(pdfobj.Dict)
	xobjects, ok := j.resources.Get("XObject").(pdfobj.Dict)
	if !ok {
		return nil, fmt.Errorf("pdf: the font sheet's resources have no /XObject dictionary")
	}
	j.resources = j.resources.Set("XObject", append(entries, xobjects...))
	return out, nil
}
