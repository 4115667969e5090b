package pdf

import (
	"encoding/binary"
	"math"
	"sync"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// lineMemo keeps the lines paragraphs were broken into, for a render that
// breaks the same paragraphs again: the teacher packet sets every
// handout the student packet sets, with the same text at the same
// measure, and the two are laid out at the same time. Line breaking is
// a pure function of the spans and the options, so a paragraph found
// here is the lines Break would return. The lines are shared, never
// changed: the rows copy what they draw.
type lineMemo struct {
	mu    sync.Mutex
	lines map[string][]richtext.Line
}

func newLineMemo() *lineMemo { return &lineMemo{lines: map[string][]richtext.Line{}} }

// breakLines is s.fonts.Break(spans, opt), where opt.Hyphenate is nil or
// s.hyphenate, from the memo when s has one and has broken the same spans
// with the same options before.
func (s *setter) breakLines(spans []richtext.Span, opt richtext.Options) []richtext.Line {
	m := s.memo
	if m == nil {
		return s.fonts.Break(spans, opt)
	}
	key, ok := memoKey(spans, opt)
	if !ok || opt.HyphenateLong != nil || opt.ShrinkLong != nil {
		return s.fonts.Break(spans, opt)
	}
	m.mu.Lock()
	lines, found := m.lines[string(key)]
	m.mu.Unlock()
	if found {
		return lines
	}
	lines = s.fonts.Break(spans, opt)
	m.mu.Lock()
	m.lines[string(key)] = lines
	m.mu.Unlock()
	return lines
}

// memoKey is every field of the spans and options that shapes the lines,
// or false for spans a key cannot tell apart: one that is part of a
// structure element of its own (a note's number), which is each
// document's, or that holds a place for a page number (Held).
func memoKey(spans []richtext.Span, opt richtext.Options) ([]byte, bool) {
	n := 4*8 + 3
	for _, sp := range spans {
		if sp.Tag != nil || sp.Held != nil {
			return nil, false
		}
		n += len(sp.Text) + len(sp.Link) + len(sp.Actual) + 3*4 + 2*8 + 6
	}
	key := make([]byte, 0, n)
	num := func(v float64) { key = binary.LittleEndian.AppendUint64(key, math.Float64bits(v)) }
	str := func(s string) { key = append(binary.AppendUvarint(key, uint64(len(s))), s...) }
	flag := func(b bool) {
		if b {
			key = append(key, 1)
		} else {
			key = append(key, 0)
		}
	}
	num(opt.Width)
	num(opt.Indent)
	num(opt.Hanging)
	flag(opt.Justify)
	flag(opt.Hyphenate != nil)
	flag(opt.NoRunt)
	flag(opt.Compounds)
	for _, sp := range spans {
		str(sp.Text)
		str(sp.Link)
		str(sp.Actual)
		key = append(key, byte(sp.Style), sp.Color.R, sp.Color.G, sp.Color.B)
		num(sp.Size)
		num(sp.Rise)
		flag(sp.Underline)
		flag(sp.NoHyphen)
	}
	return key, true
}
