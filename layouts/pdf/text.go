package pdf

import (
	"slices"

	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// The handouts' palette: near-black text, one navy accent, a warm tint for
// boxes.
var (
	inkText   = richtext.Color{R: 30, G: 30, B: 30}
	inkAccent = richtext.Color{R: 27, G: 54, B: 93}
	inkMuted  = richtext.Color{R: 80, G: 80, B: 80} // 7.6:1 on white, for small print
	inkWhite  = richtext.Color{R: 255, G: 255, B: 255}
	inkAlert  = richtext.Color{R: 178, G: 34, B: 34}
	inkPale   = richtext.Color{R: 200, G: 214, B: 232}

	fillAccent = props.Color{Red: 27, Green: 54, Blue: 93}
	fillTint   = props.Color{Red: 248, Green: 245, Blue: 238}
	fillTeach  = props.Color{Red: 236, Green: 243, Blue: 250}
	fillHead   = props.Color{Red: 226, Green: 233, Blue: 243}
	fillNotes  = props.Color{Red: 243, Green: 245, Blue: 247} // a student's writing area
	ruleColor  = props.Color{Red: 160, Green: 160, Blue: 160}
	lightRule  = props.Color{Red: 205, Green: 205, Blue: 205}
	boxBorder  = props.Color{Red: 196, Green: 184, Blue: 160}
	teachEdge  = props.Color{Red: 150, Green: 178, Blue: 212}
	barColor   = props.Color{Red: 150, Green: 170, Blue: 198}
)

// cellFill is a maroto cell style that only shades.
func cellFill(c props.Color) *props.Cell { return &props.Cell{BackgroundColor: &c} }

// Type sizes in points: body text at 11, and nothing a reader needs
// (a question's standards, a footer) below 8.5.
const (
	sizeBody     = 11.0
	sizeSmall    = 9.0
	sizeTiny     = 8.5
	sizeFootnote = 9.5
	leadBody     = 1.4
	leadTight    = 1.3
)

// block shapes a run of text into rows.
type block struct {
	x, w    float64 // from the text block's left edge
	indent  float64 // first line
	hanging float64 // other lines
	justify bool
	leading float64
	// keepAll keeps every line with the next row (headings, prompts);
	// otherwise only widows and orphans are prevented.
	keepAll bool
	frame   *frame
	fills   []fill // drawn on every line (a quotation's bar)
	marker  []richtext.Span
	markerX float64 // where the marker starts, from the block's x
	align   int     // 0 left/justified, 1 centre, 2 right
	// tag is the structure element the text is part of (nil: an
	// artifact), and markerTag the marker's when it is another (a list
	// item's Lbl). In prose, tag is the element blocks are added to.
	tag, markerTag *tagged.Elem
}

// setter turns spans into rows with the font's own metrics.
type setter struct {
	fonts *richtext.Fonts
	g     geometry
	// hyphenate says where a word of the book's language may break (nil:
	// nowhere); headings and prompts (keepAll blocks) are never hyphenated.
	hyphenate func(string) []int
	// memo, when set, keeps the lines of paragraphs broken before, for
	// packets laid out together (lineMemo).
	memo *lineMemo
}

// Underlines sit this far below the baseline and are this thick, in ems
// (Gentium's own underline is about as low and as thick).
const (
	underlineDrop  = 0.14
	underlineThick = 0.05
)

// textOps draws a fragment whose baseline is base millimetres below the
// row's top, x from the row's left; an underlined fragment gets its rule,
// an artifact like every rule.
func textOps(f richtext.Fragment, x, base float64, tag *tagged.Elem) []op {
	t := textOp{frag: f, x: x, y: base, tag: tag}
	if !f.Underline {
		return []op{t}
	}
	em := f.Size * richtext.PtToMM
	y := base - f.Rise*richtext.PtToMM + underlineDrop*em
	c := props.Color{Red: int(f.Color.R), Green: int(f.Color.G), Blue: int(f.Color.B)}
	return []op{t, lineOp{x1: x + f.X, y1: y, x2: x + f.X + f.Width, y2: y, width: underlineThick * em, color: c}}
}

// markRefLine ties together the ops of a line that holds the place of a
// cross-reference's page (Span.Held), its text and their underlines, for
// each file to draw what follows the page where the page it prints ends
// (heldOf); it leaves other lines' ops as they are.
// stretch is what justification added after each of its spaces
// (richtext.Line.Stretch).
func markRefLine(ops []op, stretch float64) {
	if !slices.ContainsFunc(ops, func(o op) bool { t, ok := o.(textOp); return ok && t.frag.Held != nil }) {
		return
	}
	l := &refLine{stretch: stretch}
	for i, o := range ops {
		switch o := o.(type) {
		case textOp:
			o.line = l
			ops[i] = o
		case lineOp:
			o.line = l
			ops[i] = o
		}
	}
}

// lineHeight is the height of a line of size points at a leading.
func lineHeight(size, leading float64) float64 { return size * leading * richtext.PtToMM }

// rows lays spans out as one row per line.
func (s *setter) rows(spans []richtext.Span, b block) []*row {
	if b.leading == 0 {
		b.leading = leadBody
	}
	b.leading = s.g.lead(b.leading)
	// A paragraph, a prompt or a heading does not end on a line of one
	// short word. Words take hyphens (not a heading's or a prompt's), and
	// compounds break after their own, where the setting is not ragged
	// (large print keeps words whole).
	opt := richtext.Options{Width: b.w, Indent: b.indent, Hanging: b.hanging, Justify: b.justify && !s.g.ragged, NoRunt: true, Compounds: !s.g.ragged}
	if !b.keepAll && !s.g.ragged {
		opt.Hyphenate = s.hyphenate
	}
	spans = s.g.sized(spans)
	lines := s.breakLines(spans, opt)
	out := make([]*row, 0, len(lines))
	var link linkTags
	for i, ln := range lines {
		size := ln.Size
		if size == 0 {
			size = sizeBody
		}
		h := lineHeight(size, b.leading)
		base := (h-(ln.Ascent+ln.Descent))/2 + ln.Ascent
		r := &row{h: h, frame: b.frame, fills: b.fills, base: base}
		dx := b.x
		switch b.align {
		case 1:
			dx += (b.w - ln.Width) / 2
		case 2:
			dx += b.w - ln.Width
		}
		// The marker is drawn first: the text reads in drawing order.
		if i == 0 && len(b.marker) > 0 {
			mt := b.markerTag
			if mt == nil {
				mt = b.tag
			}
			x := b.x + b.markerX
			for _, m := range b.marker {
				m.Size = s.g.typeSize(m.Size)
				w := s.fonts.Width(m.Style, m.Text, m.Size)
				r.ops = append(r.ops, textOp{frag: richtext.Fragment{Span: m, Width: w}, x: x, y: base, tag: link.of(mt, m.Link)})
				x += w
			}
			markRefLine(r.ops, 0) // a list's label set ragged, "Handout 3 · Q14 (p. 17)"
		}
		start := len(r.ops)
		for _, f := range ln.Fragments {
			tag := b.tag
			if f.Tag != nil {
				tag = f.Tag
			}
			r.ops = append(r.ops, textOps(f, dx, base, link.of(tag, f.Link))...)
		}
		markRefLine(r.ops[start:], ln.Stretch)
		out = append(out, r)
	}
	n := len(out)
	for i, r := range out {
		switch {
		case b.keepAll:
			r.keep = true
		case i == 0 && n > 1, i == n-2 && n > 2:
			// No orphan at a page's foot, no widow at its head.
			r.keep = true
		case lines[i].Hyphenated():
			// No word parted across pages.
			r.keep = true
		}
	}
	return out
}

// space is vertical space, dropped at the head of a page.
func space(h float64) *row { return &row{h: h, space: true} }

// spaceBefore is space that opens a block: it stays with the block, so a
// heading kept with "what follows" keeps the block, not just the space.
func spaceBefore(h float64) *row { return &row{h: h, space: true, keep: true} }

// plain is one span of text.
func plain(text string, size float64, st richtext.Style, c richtext.Color) []richtext.Span {
	return []richtext.Span{{Text: text, Size: size, Style: st, Color: c}}
}

// rule is a horizontal line across the block, in a row of its own.
func rule(x, w, h, at, thick float64, c props.Color) *row {
	return &row{h: h, ops: []op{lineOp{x1: x, y1: at, x2: x + w, y2: at, width: thick, color: c}}}
}
