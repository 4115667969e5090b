package pdfua

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// words follows the text a page shows, element by element, for the rule
// that a line break inside an element is also a word break in its text
// (ISO 32000-1, 14.8.2.5): a screen reader, reflow and copied text read an
// element's content as one string, so "look after the" drawn above
// "students" with no space in either reads "thestudents", though the page
// looks right and a text extractor working from positions sees two words.
// The content is read in the structure tree's order, as those readers
// read it, which need not be the order the page draws it in (a line's end
// drawn by a content stream of its own after the rest of the page).
//
// A line break is text shown lower than the element's text before it by
// more than half its size (a superscript's drop is less); the element is
// the nearest block around the text (a Link or Span reads as part of its
// paragraph); a figure's text is not read (its Alt is). A sequence with
// an ActualText reads as that, once. A break is flagged when the text
// before it ends in a letter, figure or closing punctuation and the text
// after begins with a letter or figure; not after a dash, hyphen or slash,
// nor inside a web address cut between lines.
type words struct {
	c     *checker
	fonts map[pdfobj.Name]*fontText // by resource name
	res   pdfobj.Dict               // the page's /Font

	font        *fontText
	size        float64
	y, lineY    float64 // the text line's start, as Td and Tm move it
	leading     float64
	stack       []wordsMark
	read        []shown // the text read, in the page's order
	fused       int
	first       string // the first fused pair, as an example
	actualShown bool   // the open ActualText has been read
}

// wordsMark is an open marked-content sequence: its element (nil for an
// artifact or a sequence without an MCID), its place in reading order
// and its ActualText, if any.
type wordsMark struct {
	e         *elem
	order     int
	actual    string
	hasActual bool
}

// shown is text read, with the block it belongs to, where, and the
// reading order of its sequence.
type shown struct {
	block *elem
	y     float64
	size  float64
	text  string
	order int
}

// fontText maps a font's character codes to Unicode.
type fontText struct {
	twoByte bool
	uni     map[uint32]string
}

func (c *checker) newWords(p page) *words {
	res, _ := c.f.Get(p.resources, "Font").(pdfobj.Dict)
	return &words{c: c, fonts: map[pdfobj.Name]*fontText{}, res: res}
}

// begin opens a marked-content sequence of e (nil: none), an artifact or
// not, with the properties d, order in the tree's reading order.
func (w *words) begin(e *elem, artifact bool, d pdfobj.Dict, order int) {
	m := wordsMark{e: e, order: order}
	if s, ok := w.c.f.Get(d, "ActualText").(pdfobj.String); ok {
		m.actual, m.hasActual = s.Text(), true
	}
	if n := len(w.stack); n > 0 && e == nil && !artifact {
		// Nested in tagged content, not tagged itself.
		m.e, m.order = w.stack[n-1].e, w.stack[n-1].order
	}
	w.stack = append(w.stack, m)
	w.actualShown = false
}

func (w *words) end() {
	if n := len(w.stack); n > 0 {
		w.stack = w.stack[:n-1]
	}
	w.actualShown = false
}

// operation follows one text operator. A malformed one (an operand
// missing or of another type) counts as zero or nothing shown.
func (w *words) operation(op pdfobj.Operation) {
	operand := func(i int) pdfobj.Object {
		if i < 0 || i >= len(op.Operands) {
			return nil
		}
		return op.Operands[i]
	}
	num := func(i int) float64 {
		v, _ := toFloat(operand(i))
		return v
	}
	last := len(op.Operands) - 1
	switch op.Operator {
	case "BT":
		w.y, w.lineY = 0, 0
	case "Tf":
		if name, ok := operand(0).(pdfobj.Name); ok {
			w.font, w.size = w.fontNamed(name), num(1)
		}
	case "TL":
		w.leading = num(0)
	case "Td", "TD":
		w.lineY += num(1)
		w.y = w.lineY
		if op.Operator == "TD" {
			w.leading = -num(1)
		}
	case "Tm":
		w.lineY = num(5)
		w.y = w.lineY
	case "T*":
		w.lineY -= w.leading
		w.y = w.lineY
	case "'", `"`:
		w.lineY -= w.leading
		w.y = w.lineY
		if s, ok := operand(last).(pdfobj.String); ok {
			w.show(w.decode(s))
		}
	case "Tj":
		if s, ok := operand(0).(pdfobj.String); ok {
			w.show(w.decode(s))
		}
	case "TJ":
		a, _ := operand(0).(pdfobj.Array)
		var b strings.Builder
		for _, o := range a {
			switch v := o.(type) {
			case pdfobj.String:
				b.WriteString(w.decode(v))
			case pdfobj.Integer, pdfobj.Real:
				// A kern of a third of an em or more reads as a space, as
				// text extractors read it.
				if k, _ := toFloat(v); k <= -333 {
					b.WriteByte(' ')
				}
			}
		}
		w.show(b.String())
	}
}

func toFloat(o pdfobj.Object) (float64, bool) {
	switch v := o.(type) {
	case pdfobj.Integer:
		return float64(v), true
	case pdfobj.Real:
		return float64(v), true
	}
	return 0, false
}

// show reads text shown at the current position.
func (w *words) show(text string) {
	n := len(w.stack)
	if n == 0 || w.stack[n-1].e == nil {
		return // an artifact or untagged: other rules report it
	}
	top := w.stack[n-1]
	if top.hasActual {
		if w.actualShown {
			return
		}
		w.actualShown = true
		text = top.actual
	}
	if text == "" {
		return
	}
	block := blockOf(top.e)
	if block == nil {
		return
	}
	w.read = append(w.read, shown{block: block, y: w.y, size: w.size, text: text, order: top.order})
}

// report reads the page's text in reading order and gives its finding,
// if any.
func (w *words) report(n int) {
	slices.SortStableFunc(w.read, func(a, b shown) int { return cmp.Compare(a.order, b.order) })
	var p shown // the text read before
	for _, cur := range w.read {
		// A line break drops by more than half the larger size; a
		// superscript's return to its line by less.
		if p.block == cur.block && cur.y < p.y-max(p.size, cur.size)/2 && fusedAt(p.text, cur.text) {
			w.fused++
			if w.first == "" {
				w.first = fmt.Sprintf("%q at a line's end and %q below it", tail(p.text), head(cur.text))
			}
		}
		p = cur
	}
	what := "A line break inside a structure element has"
	switch {
	case w.fused == 0:
		return
	case w.fused > 1:
		what = fmt.Sprintf("%d line breaks inside structure elements have", w.fused)
	}
	w.c.report("UA1:7.1", n, "%s no word break in the element's text (%s read as one word), so a screen reader, reflow and copied text run the words together (ISO 32000-1, 14.8.2.5); end the line's text in the space it breaks at (it may be drawn at no width), or give the break an ActualText.", what, w.first)
}

// inline are the structure types that are read as part of the block
// around them.
var inline = map[pdfobj.Name]bool{
	"Span": true, "Link": true, "Quote": true, "Reference": true, "BibEntry": true,
	"Code": true, "Annot": true, "Ruby": true, "RB": true, "RT": true, "RP": true,
	"Warichu": true, "WT": true, "WP": true,
}

// blockOf is the block e's text is read in: e, or the nearest ancestor
// that is not inline; nil for text inside a figure or formula, read by
// its Alt.
func blockOf(e *elem) *elem {
	var block *elem
	for a := e; a != nil; a = a.parent {
		t := a.std
		if t == "" {
			t = a.typ
		}
		if t == "Figure" || t == "Formula" {
			return nil
		}
		if block == nil && !inline[t] {
			block = a
		}
	}
	return block
}

// fusedAt reports whether before, read straight on into after across a
// line break, runs two words together.
func fusedAt(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	if !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
		return false
	}
	if !(unicode.IsLetter(last) || unicode.IsDigit(last) || strings.ContainsRune(".,;:!?)]”’\"'", last)) {
		return false // a space, a dash, a hyphen, a slash, a soft hyphen
	}
	// A web address or e-mail cut between lines reads whole.
	word := tail(before)
	return !strings.Contains(word, "://") && !strings.HasPrefix(word, "www.") && !strings.ContainsAny(word, "/@")
}

// tail is the last word of s, head the first.
func tail(s string) string { return s[strings.LastIndexAny(s, " \u00A0")+1:] }

func head(s string) string {
	if i := strings.IndexAny(s, " \u00A0"); i >= 0 {
		return s[:i]
	}
	return s
}

// fontNamed reads the font the page's resources name: once a file for a
// font object the pages share (its ToUnicode is most of the reading),
// once a page for a direct one.
func (w *words) fontNamed(name pdfobj.Name) *fontText {
	if f, ok := w.fonts[name]; ok {
		return f
	}
	ref, shared := w.res.Get(name).(pdfobj.Ref)
	if f, ok := w.c.fontText[ref.Num]; shared && ok {
		w.fonts[name] = f
		return f
	}
	font, _ := w.c.f.Get(w.res, name).(pdfobj.Dict)
	sub, _ := w.c.f.Get(font, "Subtype").(pdfobj.Name)
	f := &fontText{twoByte: sub == "Type0"}
	if st, ok := w.c.f.Get(font, "ToUnicode").(*pdfobj.Stream); ok {
		if data, err := w.c.f.Decode(st); err == nil {
			f.uni = readCMap(data)
		}
	}
	w.fonts[name] = f
	if shared {
		if w.c.fontText == nil {
			w.c.fontText = map[int]*fontText{}
		}
		w.c.fontText[ref.Num] = f
	}
	return f
}

// decode maps a shown string to Unicode through its font's ToUnicode;
// without one, a simple font's codes are read as Latin-1.
func (w *words) decode(s pdfobj.String) string {
	f := w.font
	if f == nil {
		f = &fontText{}
	}
	var b strings.Builder
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		code := uint32(s[i])
		if step == 2 {
			code = code<<8 | uint32(s[i+1])
		}
		if u, ok := f.uni[code]; ok {
			b.WriteString(u)
		} else if !f.twoByte {
			b.WriteRune(rune(code))
		}
	}
	return b.String()
}

// readCMap reads the bfchar and bfrange mappings of a ToUnicode CMap
// (ISO 32000-1, 9.10.3).
func readCMap(data []byte) map[uint32]string {
	out := map[uint32]string{}
	s := pdfobj.NewScanner(data)
	var operands []pdfobj.Object
	for {
		op, ok, err := s.NextOperation()
		if err != nil || !ok {
			return out
		}
		operands = append(operands[:0], op.Operands...)
		switch op.Operator {
		case "endbfchar":
			for i := 0; i+1 < len(operands); i += 2 {
				src, _ := operands[i].(pdfobj.String)
				dst, _ := operands[i+1].(pdfobj.String)
				out[codeOf(src)] = utf16Text(dst)
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands); i += 3 {
				lo, _ := operands[i].(pdfobj.String)
				hi, _ := operands[i+1].(pdfobj.String)
				from, to := codeOf(lo), codeOf(hi)
				if to < from || to-from > 0xFFFF {
					continue
				}
				switch dst := operands[i+2].(type) {
				case pdfobj.String:
					// Each code maps to the first's text with its last
					// character counted on.
					u := []rune(utf16Text(dst))
					if len(u) == 0 {
						continue
					}
					last := u[len(u)-1]
					for c := from; c <= to; c++ {
						u[len(u)-1] = last + rune(c-from)
						out[c] = string(u)
					}
				case pdfobj.Array:
					for k, d := range dst {
						if ds, ok := d.(pdfobj.String); ok && from+uint32(k) <= to {
							out[from+uint32(k)] = utf16Text(ds)
						}
					}
				}
			}
		}
	}
}

func codeOf(s pdfobj.String) uint32 {
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Text(s pdfobj.String) string {
	b := []byte(s)
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
