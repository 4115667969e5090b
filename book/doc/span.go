package doc

import (
	"strings"

	"golang.org/x/text/language"
)

// Span is text in another language than the book's, written as pandoc
// writes a bracketed span: [la belle dame]{lang=fr}. Layouts mark it with
// its language, so that a screen reader pronounces it and a hyphenator
// leaves it alone.
type Span struct {
	Node
	Lang    string // a BCP 47 tag, as written
	Inlines []Inline
}

func (*Span) isInline() {}

// langSpans reads the spans among inlines: a "[" in a text node, a "]"
// followed by {lang=xx} in the same or a later text node of the same
// level, and whatever stands between them. Brackets without a language
// stay text. It reads in one pass, a frame per open bracket, so that a
// paragraph of brackets costs no more than its length.
func (c *converter) langSpans(in []Inline) []Inline {
	if !hasSpanClose(in) {
		return in
	}
	type frame struct {
		open *Text // the text node that holds the "["
		at   int   // the "["'s byte in it
		out  []Inline
	}
	stack := []*frame{{}}
	top := func() *frame { return stack[len(stack)-1] }
	// unopen gives back a frame that no span closed: its bracket and its
	// inlines, as text, to the frame below.
	unopen := func(f *frame, close string) {
		below := top()
		below.out = c.textFrom(f.open, f.at, f.at+1, below.out)
		below.out = append(below.out, f.out...)
		if close != "" {
			below.out = append(below.out, &Text{Node: Node{At: -1}, Text: close})
		}
	}
	for _, n := range c.mergeTexts(in) {
		t, ok := n.(*Text)
		if !ok {
			top().out = append(top().out, n)
			continue
		}
		from := 0
		for i := 0; i < len(t.Text); i++ {
			switch t.Text[i] {
			case '[':
				top().out = c.textFrom(t, from, i, top().out)
				stack = append(stack, &frame{open: t, at: i})
				from = i + 1
			case ']':
				if len(stack) == 1 {
					continue
				}
				top().out = c.textFrom(t, from, i, top().out)
				f := top()
				stack = stack[:len(stack)-1]
				lang, size, ok := spanLang(t.Text[i+1:])
				if !ok {
					unopen(f, "]")
					from = i + 1
					continue
				}
				span := &Span{Node: Node{At: c.at(f.open, f.at)}, Lang: lang, Inlines: c.mergeTexts(f.out)}
				if _, err := language.Parse(lang); err != nil {
					c.diags.Errorf(c.pos(int(span.At)), "%q is not a language tag", lang)
					c.diags.Hintf("write a BCP 47 tag such as fr, de-AT or la: [texte]{lang=fr}")
				}
				top().out = append(top().out, span)
				i += size
				from = i + 1
			}
		}
		top().out = c.textFrom(t, from, len(t.Text), top().out)
	}
	for len(stack) > 1 {
		f := top()
		stack = stack[:len(stack)-1]
		unopen(f, "")
	}
	return c.mergeTexts(stack[0].out)
}

// hasSpanClose reports whether a text node holds "]{", the only way a
// span can end.
func hasSpanClose(in []Inline) bool {
	for _, n := range in {
		if t, ok := n.(*Text); ok && strings.Contains(t.Text, "]{") {
			return true
		}
	}
	return false
}

// spanLang reads {lang=xx} (the value may be quoted) at the start of s and
// returns the tag and the bytes it takes.
func spanLang(s string) (lang string, size int, ok bool) {
	end := strings.IndexByte(s, '}')
	if end < 0 || !strings.HasPrefix(s, "{lang=") {
		return "", 0, false
	}
	lang = strings.Trim(s[len("{lang="):end], "\"'“”‘’ ")
	return lang, end + 1, lang != ""
}

// textFrom appends the text of t from byte i to j, if any, as a text node
// at its place in the source.
func (c *converter) textFrom(t *Text, i, j int, out []Inline) []Inline {
	if i >= j {
		return out
	}
	return append(out, &Text{Node: Node{At: c.at(t, i)}, Text: t.Text[i:j]})
}

// at is the source offset of byte i of t: exact where t is as written,
// else t's own.
func (c *converter) at(t *Text, i int) int32 {
	if c.asWritten(t) {
		return t.At + int32(i)
	}
	return t.At
}
