package richtext

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// Color is an RGB colour, 0–255 per channel.
type Color struct{ R, G, B uint8 }

// Span is a run of text in one style. A "\n" in Text forces a line break.
type Span struct {
	Text  string
	Style Style
	Size  float64 // points
	Color Color
	Rise  float64 // points above the baseline, for superscripts
	// Underline asks the layout to draw a rule under the text (a style's
	// underlined title); it measures nothing.
	Underline bool
	// Tag is the structure element the span is part of when it is not
	// its paragraph's (a note's number is a Reference); nil for the
	// paragraph's own.
	Tag *tagged.Elem
	// Link is where the text leads when clicked: a web address, or a
	// place in the document that the layout names; "" for none.
	Link string
	// Actual is what the span reads as when its glyphs spell another
	// text: capitals drawn for small caps or an upper-case label
	// ("SHIGURO" for "shiguro"). The PDF gives it as the span's
	// ActualText, so that copied text, search and screen readers have the
	// true case. Such a span is one word, laid out whole: never split at
	// a dash or hyphenated, and joined to no other ("" for none).
	Actual string
	// NoHyphen keeps the span's words whole at a line's end: a label
	// ("(correct)") or an attribution ("— Miss Lucy") reads as one.
	NoHyphen bool
	// Held, when set, is what the layout draws in the span's place once
	// it knows it (a cross-reference's page number, known only once the
	// pages are): Text is then a stand-in as wide as the widest text it
	// may be, measured, kept as one piece of its word (never split at
	// its spaces, hyphenated or joined to other text), and not drawn.
	// Held is the layout's own; the lines only carry it.
	Held any
}

// same reports whether two spans draw alike, so their text can be joined.
// A span read as other text joins none: its text and what it reads as
// would part.
func (s Span) same(o Span) bool {
	return s.Style == o.Style && s.Size == o.Size && s.Color == o.Color && s.Rise == o.Rise && s.Underline == o.Underline && s.Tag == o.Tag && s.Link == o.Link &&
		s.NoHyphen == o.NoHyphen && s.Actual == "" && o.Actual == "" && s.Held == nil && o.Held == nil
}

// Fragment is a span placed on a line, X millimetres from the line's start.
type Fragment struct {
	Span
	X, Width float64
	// Dx moves a combining mark over its letter: the mark is drawn Dx
	// millimetres from X (marks.go). It is zero for all other text.
	Dx   float64
	mark bool
	// Word is set on the head of a word a line break hyphenated (its text
	// ends in SoftHyphen) or broke after a hyphen of its own ("half-"
	// "noticing", no hyphen added): the whole word, which the PDF gives as the
	// head's text (ActualText), so that copied text, search and screen
	// readers find the word whole and without the hyphen. Its Tail, on
	// the next line, is then given no text (as are the parts after the
	// first of a word read as other text, Actual, cut at characters).
	// Neither joins other text.
	Word string
	Tail bool
	// Spaced is set on a line's last fragment when the line breaks at a
	// space or a forced break inside a paragraph: its text ends in that
	// space, drawn at no width (Width leaves it out), so that the text a
	// structure element reads as has a word break where the line breaks
	// (ISO 32000-1, 14.8.2.5), not "look after thestudents". A fragment
	// that reads as other text (ActualText) would hide the space: the
	// space is then a fragment of its own, Text " " and no width.
	Spaced bool
}

// BreakSpace reports a fragment that is only the space a line broke at
// (Spaced): it draws nothing a reader sees and leads nowhere.
func (fr Fragment) BreakSpace() bool { return fr.Spaced && fr.Text == " " && fr.Width == 0 }

// Unspaced is the line without the space it broke at (Spaced), for a
// line set as if it ended there (an ellipsis after it).
func (l Line) Unspaced() Line {
	n := len(l.Fragments)
	if n == 0 || !l.Fragments[n-1].Spaced {
		return l
	}
	l.Fragments = slices.Clone(l.Fragments)
	if l.Fragments[n-1].BreakSpace() {
		l.Fragments = l.Fragments[:n-1]
		return l
	}
	fr := &l.Fragments[n-1]
	fr.Text, fr.Spaced = strings.TrimSuffix(fr.Text, " "), false
	return l
}

// hyphenated reports whether the fragment is part of a hyphenated word.
func (fr Fragment) hyphenated() bool { return fr.Word != "" || fr.Tail }

// ActualText is the text the PDF gives the fragment in place of its
// glyphs' and whether it has one: a hyphenated word's head reads as the
// whole word and its tail as nothing; a span read as other text (Actual)
// reads as that.
func (fr Fragment) ActualText() (string, bool) {
	switch {
	case fr.hyphenated():
		return fr.Word, true
	case fr.Actual != "":
		return fr.Actual, true
	}
	return "", false
}

// joins reports whether o can be drawn as part of fr's text.
func (fr Fragment) joins(o Span) bool { return !fr.mark && !fr.hyphenated() && fr.same(o) }

// Line is one laid-out line.
type Line struct {
	Fragments []Fragment
	Width     float64 // from the line's start to the end of its last glyph, mm
	Size      float64 // the largest type size on the line, points
	// Ascent and Descent of the largest type on the line, in millimetres.
	Ascent, Descent float64
	// Cut is set on a line that ends in a word cut between letters,
	// without a hyphen, because neither it nor its hyphenated parts fit
	// the measure: the caller may set the text smaller instead.
	Cut bool
	// Stretch is the room justification added after each space of the
	// line, mm (0 for a line set ragged): a layout that draws part of the
	// line again elsewhere finds its spaces by it.
	Stretch float64
}

// Options shape a paragraph.
type Options struct {
	Width   float64 // the measure, mm
	Indent  float64 // first line, mm
	Hanging float64 // every line but the first, mm (works cited entries)
	Justify bool    // stretch spaces so lines but the last fill the measure
	// Hyphenate, when set, says where a word may take a hyphen (package
	// hyphen): a word that does not fit at a line's end is split there.
	Hyphenate func(word string) []int
	// HyphenateLong, when Hyphenate is nil, hyphenates only words wider
	// than the measure, which would otherwise be cut between letters: a
	// table's narrow column keeps its other words whole.
	HyphenateLong func(word string) []int
	// Compounds, where Hyphenate is nil, still breaks a compound after a
	// hyphen of its own where a line would be left loose, as Hyphenate
	// does: a heading or a prompt, whose words take no hyphen, parts
	// "half-" "noticing" all the same, adding none.
	Compounds bool
	// NoRunt keeps the paragraph's last line from being one short word
	// ("…the staff they | see."): the word before it goes down with it,
	// where the line it leaves stays long enough (runt).
	NoRunt bool
	// ShrinkLong, when set, sets a word that no line holds, even broken
	// at its hyphens and its patterns' points, smaller: that word alone,
	// its neighbours keep their size. It gives a span's size step steps
	// down from size, or false where the word may not be set smaller
	// still; a word too wide at the last size is cut (Line.Cut).
	ShrinkLong func(size float64, step int) (float64, bool)
}

// unit is what the breaker never splits unless it is wider than a line: a
// word, which may change style midway (*Never Let Me Go*’s).
type unit struct {
	pieces []Fragment // X is unused here; Width is set
	width  float64
	// after the unit: a space (glue) in the style of glue, none (a break
	// opportunity after a dash), or a forced line break.
	glue    *Span
	glueW   float64
	newline bool
	// addr is set on a part of a web or e-mail address cut after a
	// slash ("…/news/" "max-and-keira-…"): its hyphens are the
	// address's, no place for a line to end.
	addr bool
}

// Break lays spans out in lines no wider than opt.Width.
func (f *Fonts) Break(spans []Span, opt Options) []Line {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	units := f.units(spans, sc)
	if len(units) == 0 {
		return nil
	}
	lines, last := f.breakUnits(units, opt)
	if opt.NoRunt {
		lines = f.unrunt(units, lines, last, opt)
	}
	return lines
}

// breakUnits lays units out in lines, first fit, and says how many
// units the last line holds (a hyphenated word's tail counts none).
func (f *Fonts) breakUnits(units []unit, opt Options) (lines []Line, last int) {
	var cur []placedUnit
	lineStart := func() float64 {
		if len(lines) == 0 {
			return opt.Indent
		}
		return opt.Hanging
	}
	var text []byte // scratch for line's joined text
	// emit ends a line; last if it is the paragraph's or a forced
	// break's (it is not justified), end if the paragraph ends with it.
	// A line that ends at a space or a forced break before the
	// paragraph's end keeps that space as text (Fragment.Spaced).
	emit := func(final, end bool) {
		spaced := false
		if n := len(cur); n > 0 && !end {
			lu := cur[n-1].u
			spaced = lu.glue != nil || lu.newline
		}
		lines = append(lines, f.line(cur, lineStart(), opt, final, spaced, &text))
		last = 0
		for _, p := range cur {
			if len(p.u.pieces) > 0 && !p.u.pieces[0].Tail {
				last++
			}
		}
		cur = cur[:0] // line keeps none of it
	}
	x := lineStart()
	var glue *Span
	var glueW float64
	lastHyphenated := false
	for i := range units {
		u := &units[i]
		switch {
		case len(cur) > 0 && x+glueW+u.width <= opt.Width+1e-9:
			cur = append(cur, placedUnit{u: u, glueW: glueW, glue: glue})
			x += glueW + u.width
		default:
			if len(cur) > 0 {
				// Hyphenate where the line would otherwise be left loose,
				// and never two lines running, nor the paragraph's last
				// word, whose tail would stand alone as its last line.
				// A compound breaks so after a hyphen of its own
				// (wordBreaks): where words take hyphens, and at the
				// same cost, as TeX's \exhyphenpenalty is its
				// \hyphenpenalty; and it counts as hyphenated, for the
				// next line and the page's end alike.
				avail := opt.Width - x - glueW
				hyphenated := false
				if (opt.Hyphenate != nil || opt.Compounds) && !lastHyphenated && avail > opt.Width*looseLine && i < len(units)-1 && !u.newline {
					var head, tail unit
					if head, tail, hyphenated = f.hyphenate(u, avail, opt.Hyphenate, false); hyphenated {
						cur = append(cur, placedUnit{u: &head, glueW: glueW, glue: glue})
						u = &tail
					}
				}
				lastHyphenated = hyphenated
				emit(false, false)
			}
			x = lineStart()
			if x+u.width <= opt.Width+1e-9 {
				cur = append(cur, placedUnit{u: u})
				x += u.width
				break
			}
			// Wider than a whole line: a word breaks after a hyphen of
			// its own ("well-" "structured") and takes hyphens where its
			// patterns allow, as many lines running as it needs, since
			// the alternative is a cut no reader expects; a word that
			// still does not fit is set smaller, where the caller allows.
			long := opt.Hyphenate
			if long == nil {
				long = opt.HyphenateLong
			}
			if opt.ShrinkLong != nil {
				u = f.shrunk(u, opt.Width-x, long, opt.ShrinkLong)
			}
			for x+u.width > opt.Width+1e-9 {
				head, tail, ok := f.hyphenate(u, opt.Width-x, long, true)
				if !ok {
					break
				}
				cur = append(cur, placedUnit{u: &head})
				emit(false, false)
				u, x, lastHyphenated = &tail, lineStart(), true
			}
			if x+u.width <= opt.Width+1e-9 {
				cur = append(cur, placedUnit{u: u})
				x += u.width
				break
			}
			// What is left (a long address, a word without patterns) is
			// cut by characters, without a hyphen: those lines say so.
			for j, part := range f.splitUnit(u, opt.Width-x) {
				if j > 0 {
					emit(false, false)
					lines[len(lines)-1].Cut = true
					x = lineStart()
				}
				cur = append(cur, placedUnit{u: &part})
				x += part.width
			}
		}
		glue, glueW = u.glue, u.glueW
		if u.newline {
			emit(true, i == len(units)-1)
			x, glue, glueW = lineStart(), nil, 0
		}
	}
	if len(cur) > 0 {
		emit(true, true)
	}
	return lines, last
}

// Runts: a paragraph's last line of one word of fewer than runtLetters
// letters and figures reads as a mistake. The word before it goes down
// with it (the two are broken as one unit) where the line it leaves is
// still runtKeep of the measure or more and the paragraph no longer:
// a first-fit breaker's penalty for a runt, without reweighing the
// lines above.
const (
	runtLetters = 8
	runtKeep    = 0.75
)

// unrunt is lines, the first fit of units, broken again with the last
// two words tied where its last line is a runt and tying them costs
// neither a line nor a loose one.
func (f *Fonts) unrunt(units []unit, lines []Line, last int, opt Options) []Line {
	n := len(units)
	if len(lines) < 2 || last != 1 || n < 2 {
		return lines
	}
	a, b := &units[n-2], &units[n-1]
	if a.glue == nil || a.newline || b.newline || a.addr || b.addr {
		return lines
	}
	k := 0
	for _, pc := range b.pieces {
		if pc.Held != nil {
			return lines
		}
		k += letters(cmp.Or(pc.Actual, pc.Text))
	}
	if k == 0 || k >= runtLetters {
		return lines
	}
	pair := unit{width: a.width + a.glueW + b.width, glue: b.glue, glueW: b.glueW}
	if pair.width > opt.Width-opt.Hanging+1e-9 {
		return lines
	}
	pair.pieces = make([]Fragment, 0, len(a.pieces)+1+len(b.pieces))
	pair.pieces = append(pair.pieces, a.pieces...)
	pair.pieces = append(pair.pieces, Fragment{Span: withText(*a.glue, " "), Width: a.glueW})
	pair.pieces = append(pair.pieces, b.pieces...)
	tied := append(slices.Clone(units[:n-2]), pair)
	again, _ := f.breakUnits(tied, opt)
	if len(again) != len(lines) {
		return lines
	}
	m := len(again) - 2
	start := opt.Hanging
	if m == 0 {
		start = opt.Indent
	}
	if again[m].Width-start < runtKeep*(opt.Width-start) {
		return lines
	}
	return again
}

// letters counts the letters and figures of s.
func letters(s string) int {
	k := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			k++
		}
	}
	return k
}

type placedUnit struct {
	u     *unit
	glueW float64 // the space before this unit
	glue  *Span
}

// line turns placed units into fragments, joining neighbours that draw
// alike so the PDF holds whole phrases, not single words. The text of
// the joined fragments is gathered in scratch and made one string per
// line, not one per word joined.
func (f *Fonts) line(ps []placedUnit, start float64, opt Options, last, spaced bool, scratch *[]byte) Line {
	natural := start
	glues, glueTotal := 0, 0.0
	for i, p := range ps {
		if i > 0 {
			natural += p.glueW
			if p.glueW > 0 {
				glues++
				glueTotal += p.glueW
			}
		}
		natural += p.u.width
	}
	extra := 0.0
	if opt.Justify && !last && glues > 0 {
		extra = (opt.Width - natural) / float64(glues)
		// A line of a few long words would gape: leave it ragged instead.
		if extra < 0 || extra > 3*(glueTotal/float64(glues)) {
			extra = 0
		}
	}
	ln := Line{}
	x := start
	var frags []Fragment
	// joined are the fragments that took others' text, each with where
	// its text starts in buf; it runs to the next one's start.
	type joinedText struct{ frag, start int }
	var joined []joinedText
	buf := (*scratch)[:0]
	add := func(fr Fragment) {
		if n := len(frags); n > 0 && !fr.mark && !fr.hyphenated() && frags[n-1].joins(fr.Span) && abs(frags[n-1].X+frags[n-1].Width-fr.X) < 1e-9 {
			if k := len(joined); k == 0 || joined[k-1].frag != n-1 {
				joined = append(joined, joinedText{n - 1, len(buf)})
				buf = append(buf, frags[n-1].Text...)
			}
			buf = append(buf, fr.Text...)
			frags[n-1].Width += fr.Width
			return
		}
		frags = append(frags, fr)
	}
	for i, p := range ps {
		if i > 0 && p.glue != nil {
			// The space is drawn (so text extraction sees it) in the style it
			// was written in; justification widens the gap after it.
			add(Fragment{Span: withText(*p.glue, " "), X: x, Width: p.glueW})
			x += p.glueW
			if p.glueW > 0 {
				x += extra
			}
		}
		for _, pc := range p.u.pieces {
			pc.X = x
			add(pc)
			x += pc.Width
		}
	}
	// The space a line breaks at ends the last fragment's text, or is a
	// fragment of its own where that text is read as other text.
	if n := len(frags); spaced && n > 0 {
		if end := &frags[n-1]; !end.mark && !end.hyphenated() && end.Actual == "" && end.Held == nil {
			if k := len(joined); k > 0 && joined[k-1].frag == n-1 {
				buf = append(buf, ' ')
			} else {
				end.Text += " "
			}
			end.Spaced = true
		} else {
			sp := withText(end.Span, " ")
			sp.Actual, sp.Underline, sp.Held = "", false, nil
			frags = append(frags, Fragment{Span: sp, X: x, Spaced: true})
		}
	}
	if len(joined) > 0 {
		all := string(buf)
		for k, j := range joined {
			end := len(all)
			if k+1 < len(joined) {
				end = joined[k+1].start
			}
			frags[j.frag].Text = all[j.start:end]
		}
	}
	*scratch = buf
	ln.Fragments = frags
	ln.Width = x
	ln.Stretch = extra
	for _, fr := range frags {
		if fr.Size > ln.Size {
			ln.Size = fr.Size
		}
	}
	if ln.Size == 0 && len(ps) > 0 && len(ps[0].u.pieces) > 0 {
		ln.Size = ps[0].u.pieces[0].Size
	}
	face := f.Face(Roman)
	ln.Ascent = float64(face.Ascent) * ln.Size / 1000 * PtToMM
	ln.Descent = float64(face.Descent) * ln.Size / 1000 * PtToMM
	return ln
}

func withText(s Span, t string) Span { s.Text = t; return s }

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// scratch is the memory units lays a paragraph's words out in, reused from
// paragraph to paragraph: the words are garbage once the lines are made
// (a line copies the pieces it draws), and making them afresh for every
// paragraph was a sixth of the bytes a render allocated.
type scratch struct {
	units  []unit
	pieces []Fragment
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// units splits spans into words, the spaces between them, break chances
// after dashes and slashes, and forced breaks. The words' pieces are cut
// from one growing slice, and a span's spaces share one glue: a
// paragraph costs a few allocations, not a few for every word. The units
// are made in sc, and last until sc is used again.
func (f *Fonts) units(spans []Span, sc *scratch) []unit {
	// About a word and a piece for every space, and one more for each
	// span: most words are one piece.
	size := 0
	for _, sp := range spans {
		size += strings.Count(sp.Text, " ") + 1
	}
	out := slices.Grow(sc.units[:0], size)
	var cur unit
	// pieces holds the current word's pieces from first on, after the
	// words before it; a word's are capped where it ends, so that no
	// later append writes over them.
	pieces := slices.Grow(sc.pieces[:0], size)
	defer func() { sc.units, sc.pieces = out[:0], pieces[:0] }()
	first := 0
	open := false
	flushWord := func() {
		if open {
			cur.pieces = pieces[first:len(pieces):len(pieces)]
			out = append(out, cur)
		}
		cur = unit{}
		first = len(pieces)
		open = false
	}
	// last is the current word's last piece, if it has one.
	last := func() *Fragment {
		if len(pieces) > first {
			return &pieces[len(pieces)-1]
		}
		return nil
	}
	addRun := func(sp Span, text string) {
		if hasMark(text) {
			for _, pc := range f.markPieces(sp, text) {
				if l := last(); l != nil && !pc.mark && l.joins(pc.Span) {
					l.Text += pc.Text
					l.Width += pc.Width
				} else {
					pieces = append(pieces, pc)
				}
				cur.width += pc.Width
			}
			open = true
			return
		}
		w := f.Width(sp.Style, text, sp.Size)
		if l := last(); l != nil && l.joins(sp) {
			l.Text += text
			l.Width += w
		} else {
			pieces = append(pieces, Fragment{Span: withText(sp, text), Width: w})
		}
		cur.width += w
		open = true
	}
	// Each run in the face that draws it (Fallback).
	addText := func(sp Span, text string) {
		if text == "" {
			return
		}
		f.split(sp.Style, text, func(st Style, run string) {
			sp.Style = st
			addRun(sp, run)
		})
	}
	// A tie may hold a space next to a span's edge: "(ch" and ". 22)"
	// are two spans where the typographer parts the text, and the space
	// in "(ch. 22)" holds all the same. So ties are asked of the text of
	// all the spans, at at[k] for the k-th.
	var all string
	var at []int
	if len(spans) > 1 {
		var b strings.Builder
		for _, sp := range spans {
			at = append(at, b.Len())
			b.WriteString(norm.NFC.String(sp.Text))
		}
		all = b.String()
	}
	for k, sp := range spans {
		// Precomposed letters where Unicode has them: the font draws
		// those whole, and the rest of the marks are placed (marks.go).
		text := norm.NFC.String(sp.Text)
		holds := func(i int) bool {
			if at == nil {
				return tie.Holds(text[:i], text[i+1:])
			}
			return tie.Holds(all[:at[k]+i], all[at[k]+i+1:])
		}
		if sp.Held != nil {
			// A stand-in, one piece of the word it is part of.
			w := f.Width(sp.Style, text, sp.Size)
			pieces = append(pieces, Fragment{Span: withText(sp, text), Width: w})
			cur.width += w
			open = true
			continue
		}
		if sp.Actual != "" {
			// One word, a piece for each face that draws it: the first
			// reads as the word, the rest as nothing, as a hyphenated
			// word's tail does.
			first := true
			f.split(sp.Style, text, func(st Style, run string) {
				pc := withText(sp, run)
				pc.Style = st
				fr := Fragment{Span: pc, Width: f.Width(st, run, sp.Size)}
				if !first {
					fr.Actual, fr.Tail = "", true
				}
				first = false
				pieces = append(pieces, fr)
				cur.width += fr.Width
			})
			open = true
			continue
		}
		// The span's space, made at its first.
		var space *Span
		var spaceW float64
		glue := func() (*Span, float64) {
			if space == nil {
				g := withText(sp, " ")
				space, spaceW = &g, f.Width(sp.Style, " ", sp.Size)
			}
			return space, spaceW
		}
		start := 0
		for i, r := range text {
			switch {
			case r == ' ' && holds(i):
				// A no-break space: the word goes on with it.
			case r == ' ' || r == '\t' || r == '\r':
				addText(sp, text[start:i])
				start = i + utf8.RuneLen(r)
				if !open {
					// Leading or repeated spaces collapse, as in HTML.
					if n := len(out); n > 0 && out[n-1].glue == nil && !out[n-1].newline && !endsWithBreakChar(&out[n-1]) {
						out[n-1].glue, out[n-1].glueW = glue()
					}
					continue
				}
				cur.glue, cur.glueW = glue()
				flushWord()
			case r == '\n':
				addText(sp, text[start:i])
				start = i + 1
				if !open {
					if n := len(out); n > 0 && !out[n-1].newline {
						out[n-1].newline = true
						out[n-1].glue, out[n-1].glueW = nil, 0
						continue
					}
					// A break with nothing before it on the line: keep an
					// empty line.
					open = true
					pieces = append(pieces, Fragment{Span: withText(sp, "")})
				}
				cur.newline = true
				flushWord()
			case isBreakAfter(r):
				end := i + utf8.RuneLen(r)
				// Break only between two letters' worth of word: "self-
				// conscious", "Part One—Hailsham", not a lone dash.
				if start < i || open {
					next, _ := utf8.DecodeRuneInString(text[end:])
					prev, _ := utf8.DecodeLastRuneInString(text[:i])
					// Not inside a number range (pp. 211–30).
					numeric := isDigit(prev) && isDigit(next)
					// Not between the slashes of "https://", a break
					// that reads as two addresses, nor after them: a
					// web address breaks past its host, its scheme
					// never alone at a line's end.
					scheme := r == '/' && strings.HasSuffix(text[:i], ":/")
					if end < len(text) && next != ' ' && next != '\n' && next != '/' && !numeric && !scheme {
						addText(sp, text[start:end])
						start = end
						flushWord()
					}
				}
			}
		}
		addText(sp, text[start:])
	}
	flushWord()
	markAddresses(out)
	return out
}

// markAddresses marks the parts of a web or e-mail address that the
// units cut after its slashes (unit.addr): a word of several units,
// none parted by a space, that reads as an address.
func markAddresses(us []unit) {
	for i := 0; i < len(us); {
		j := i
		for j < len(us)-1 && us[j].glue == nil && !us[j].newline {
			j++
		}
		if j > i {
			var b strings.Builder
			for _, u := range us[i : j+1] {
				for _, pc := range u.pieces {
					b.WriteString(pc.Text)
				}
			}
			if isAddress(b.String()) {
				for k := i; k <= j; k++ {
					us[k].addr = true
				}
			}
		}
		i = j + 1
	}
}

// isAddress reports a web or e-mail address: a scheme's "://", a host's
// "www.", an "@", or a host with a dot before the first slash
// ("example.org/news").
func isAddress(s string) bool {
	if strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "@") {
		return true
	}
	if k := strings.IndexByte(s, '/'); k > 0 {
		host := s[:k]
		return strings.Contains(host, ".") && !strings.ContainsAny(host, " \u00A0")
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isBreakAfter reports a break chance after a dash or slash. Not after a
// hyphen: text extraction (pdftotext, copy and paste) takes a hyphen at a
// line's end for a soft one and joins "barbed-" "wire" into "barbedwire".
// A compound breaks after its hyphen where it would be hyphenated
// (hyphenate), its head read as the whole word (Fragment.Word).
func isBreakAfter(r rune) bool {
	return r == '–' || r == '—' || r == '/'
}

func endsWithBreakChar(u *unit) bool {
	if len(u.pieces) == 0 {
		return false
	}
	t := u.pieces[len(u.pieces)-1].Text
	r, _ := utf8.DecodeLastRuneInString(t)
	return isBreakAfter(r)
}

// looseLine is the share of the measure a line must have left empty
// before its next word is hyphenated: less, and justification closes the
// gap at no cost.
const looseLine = 0.06

// SoftHyphen is the hyphen a line break adds: a soft hyphen (ISO 32000-1,
// 14.8.2.2.3), which Gentium draws as a hyphen; the PDF gives the word's
// head the whole word as its text (Fragment.Word).
const SoftHyphen = "\u00AD"

// Hyphenated reports whether the line ends in a word hyphenated by the
// breaker, or broken after a hyphen of its own.
func (l Line) Hyphenated() bool {
	n := len(l.Fragments)
	return n > 0 && l.Fragments[n-1].Word != ""
}

// hyphenate splits a word of one style where its head fits in width:
// the head ends the line, the tail (with the word's glue) starts the
// next. With compounds, it breaks after the last hyphen of the word's
// own that fits ("well-" "structured"), and only where none does at the
// last of its patterns' points that fits, adding a hyphen; without, at
// its patterns' points only. Punctuation around the word stays with it
// ("(hyphen-" "ation),").
func (f *Fonts) hyphenate(u *unit, width float64, points func(string) []int, compounds bool) (head, tail unit, ok bool) {
	if width <= 0 {
		return unit{}, unit{}, false
	}
	brks := wordBreaks(u, points, compounds)
	pc := u.pieces[0]
	for _, own := range []bool{true, false} {
		for i := len(brks) - 1; i >= 0; i-- {
			b := brks[i]
			if b.soft == own {
				continue
			}
			h := string(b.rs[:b.at])
			if b.soft {
				h += SoftHyphen
			}
			hw := f.Width(pc.Style, h, pc.Size)
			if hw > width {
				continue
			}
			t := string(b.rs[b.at:])
			tw := f.Width(pc.Style, t, pc.Size)
			// The head of a tail hyphenated again reads as nothing: the
			// word's first head already reads as all of it.
			hf := Fragment{Span: withText(pc.Span, h), Width: hw, Word: pc.Text}
			if pc.Tail {
				hf.Word, hf.Tail = "", true
			}
			head = unit{pieces: []Fragment{hf}, width: hw}
			tail = unit{pieces: []Fragment{{Span: withText(pc.Span, t), Width: tw, Tail: true}}, width: tw,
				glue: u.glue, glueW: u.glueW, newline: u.newline}
			return head, tail, true
		}
	}
	return unit{}, unit{}, false
}

// wordBreak is where a word may break: before rune at of rs, the word's
// runes, adding a hyphen (soft: a pattern's point) or after a hyphen of
// its own.
type wordBreak struct {
	rs   []rune
	at   int
	soft bool
}

// wordBreaks are where a unit's word may break at a line's end, in
// order. With compounds (a word wider than the line): the place after
// each hyphen it holds between two letters' worth of word and a letter
// or figure ("well-" "structured", "late-" "1990s", not "W.9-" "10.1"),
// with its parts' patterns' points (points, nil for none). Without (a
// line left loose): a plain word's points, and a compound's hyphens
// alone, each with two letters before it and three letters or figures
// of the word after ("half-" "noticing", "re-" "enter", not "well-to-"
// "do" nor "x-" "ray"), none in a word tied to its neighbour by a
// no-break space ("pp. 20-odd") or in an address cut at its slashes.
// None for a word of several styles, a combining mark, a word read as
// other text, a label (NoHyphen), a held place or an address. A
// capitalised word (or part) takes no pattern's hyphen, as TeX's
// \uchyph=0 has it: a name or a term of the work ("Ger-aldine",
// "Ex-changes") reads as nonsense in two pieces.
func wordBreaks(u *unit, points func(string) []int, compounds bool) []wordBreak {
	if len(u.pieces) != 1 || u.pieces[0].mark || u.pieces[0].Actual != "" || u.pieces[0].NoHyphen || u.pieces[0].Held != nil {
		return nil
	}
	pc := u.pieces[0]
	if strings.ContainsAny(pc.Text, "/@") {
		return nil
	}
	rs := []rune(pc.Text)
	// The word is rs[from:to], without the punctuation around it; a
	// compound's last part may be a figure ("late-1990s") and end at end.
	from, to := 0, len(rs)
	for from < to && !unicode.IsLetter(rs[from]) {
		from++
	}
	end := to
	for to > from && !unicode.IsLetter(rs[to-1]) {
		to--
	}
	for end > to && !isDigit(rs[end-1]) {
		end--
	}
	var out []wordBreak
	// soft adds the points of the part rs[a:b].
	soft := func(a, b int) {
		if points == nil || a == b || !plainWord(rs[a:b]) || unicode.IsUpper(rs[a]) {
			return
		}
		for _, p := range points(string(rs[a:b])) {
			out = append(out, wordBreak{rs: rs, at: a + p, soft: true})
		}
	}
	if !compounds {
		if u.addr || strings.ContainsAny(pc.Text, " \u00A0\u202F\u2007\u2060") {
			return nil
		}
		tail := 0 // letters and figures after rs[k]
		for k := end - 1; k >= from; k-- {
			switch {
			case isHyphen(rs[k]) && k-from >= 2 && tail >= 3 && unicode.IsLetter(rs[k-1]) && unicode.IsLetter(rs[k-2]) &&
				(unicode.IsLetter(rs[k+1]) || isDigit(rs[k+1])):
				out = append(out, wordBreak{rs: rs, at: k + 1})
			case unicode.IsLetter(rs[k]) || isDigit(rs[k]):
				tail++
			}
		}
		if len(out) == 0 {
			soft(from, to)
		}
		slices.Reverse(out)
		return out
	}
	part := from
	for k := from; k < end; k++ {
		if isHyphen(rs[k]) && k-part >= 2 && unicode.IsLetter(rs[k-1]) && unicode.IsLetter(rs[k-2]) &&
			k+1 < end && (unicode.IsLetter(rs[k+1]) || isDigit(rs[k+1])) {
			soft(part, k)
			out = append(out, wordBreak{rs: rs, at: k + 1})
			part = k + 1
		}
	}
	soft(part, max(part, to))
	return out
}

// isHyphen reports a hyphen a compound is written with.
func isHyphen(r rune) bool { return r == '-' || r == '\u2010' }

// shrunk is u set smaller, step by step as shrink allows, until breaking
// it at its hyphens and points (points) gives lines no wider than width;
// u itself where it fits already or may not be set smaller.
func (f *Fonts) shrunk(u *unit, width float64, points func(string) []int, shrink func(size float64, step int) (float64, bool)) *unit {
	if f.breaksWithin(u, width, points) {
		return u
	}
	for step := 1; ; step++ {
		smaller := *u
		smaller.pieces = make([]Fragment, len(u.pieces))
		smaller.width = 0
		for i, pc := range u.pieces {
			if pc.Tail || pc.Actual != "" {
				return u // a part of a word already laid out
			}
			size, ok := shrink(pc.Size, step)
			if !ok {
				return u
			}
			k := size / pc.Size
			pc.Size, pc.Width, pc.Dx = size, pc.Width*k, pc.Dx*k
			smaller.pieces[i] = pc
			smaller.width += pc.Width
		}
		if f.breaksWithin(&smaller, width, points) {
			return &smaller
		}
	}
}

// breaksWithin reports whether u, broken as a line too narrow for it
// breaks it (hyphenate, compounds too), gives lines no wider than width.
func (f *Fonts) breaksWithin(u *unit, width float64, points func(string) []int) bool {
	for u.width > width+1e-9 {
		_, tail, ok := f.hyphenate(u, width, points, true)
		if !ok {
			return false
		}
		u = &tail
	}
	return true
}

// plainWord reports whether a word is letters (and apostrophes) only, the
// only words hyphenation patterns are made for: never a web address
// ("ht-tps://"), a number, or a word already holding a hyphen.
func plainWord(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// splitUnit cuts a unit wider than the measure at characters.
func (f *Fonts) splitUnit(u *unit, width float64) []unit {
	var out []unit
	var cur unit
	for _, pc := range u.pieces {
		if pc.mark { // stays with its letter
			cur.pieces = append(cur.pieces, pc)
			continue
		}
		if pc.Held != nil { // a stand-in stays whole
			cur.pieces = append(cur.pieces, pc)
			cur.width += pc.Width
			continue
		}
		face := f.Face(pc.Style)
		start := 0
		w := 0.0
		// A word read as other text reads so from its first part; the
		// rest are given no text, as a hyphenated word's tail is.
		head, tail := pc.Actual, false
		part := func(text string) Fragment {
			sp := withText(pc.Span, text)
			sp.Actual = head
			fr := Fragment{Span: sp, Width: w, Tail: tail}
			if head != "" {
				head, tail = "", true
			}
			return fr
		}
		size := f.SizeOf(pc.Style, pc.Size)
		for i, r := range pc.Text {
			rw := float64(face.Advance(r)) * size / 1000 * PtToMM
			if cur.width+w+rw > width && (cur.width+w > 0) {
				if i > start {
					cur.pieces = append(cur.pieces, part(pc.Text[start:i]))
					cur.width += w
				}
				out = append(out, cur)
				cur = unit{}
				start, w = i, 0
			}
			w += rw
		}
		if start < len(pc.Text) {
			cur.pieces = append(cur.pieces, part(pc.Text[start:]))
			cur.width += w
		}
	}
	cur.glue, cur.glueW, cur.newline = u.glue, u.glueW, u.newline
	out = append(out, cur)
	return out
}

// NaturalWidth is the width of spans on one line, without breaking.
func (f *Fonts) NaturalWidth(spans []Span) float64 {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	w := 0.0
	for _, u := range f.units(spans, sc) {
		w += u.width + u.glueW
	}
	return w
}

// MinWidth is the width of the widest word: no measure narrower than it
// avoids cutting words.
func (f *Fonts) MinWidth(spans []Span) float64 {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	w := 0.0
	for _, u := range f.units(spans, sc) {
		w = max(w, u.width)
	}
	return w
}

// MinBrokenWidth is the narrowest measure whose lines hold every word of
// spans, a word wider than the measure broken as the breaker breaks it:
// after its own hyphens and, with points, at its patterns' points, with
// a hyphen. It is MinWidth less what such breaks save; a word that
// cannot break counts whole.
func (f *Fonts) MinBrokenWidth(spans []Span, points func(string) []int) float64 {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	w := 0.0
	for _, u := range f.units(spans, sc) {
		brks := wordBreaks(&u, points, true)
		if len(brks) == 0 {
			w = max(w, u.width)
			continue
		}
		pc := u.pieces[0]
		rs, at := brks[0].rs, 0
		for _, b := range brks {
			head := string(rs[at:b.at])
			if b.soft {
				head += SoftHyphen
			}
			w = max(w, f.Width(pc.Style, head, pc.Size))
			at = b.at
		}
		w = max(w, f.Width(pc.Style, string(rs[at:]), pc.Size))
	}
	return w
}
