package doc

import (
	"regexp"
	"strings"
)

// spaced reads the images and links whose destination holds a space
// (![A map](images/salinas river.png)), which CommonMark does not read
// as one and leaves as text, brackets and all: each becomes the image or
// link it means, its description kept with whatever markup it has, and a
// warning says how to write it. Anything else is returned as it is.
func (c *converter) spaced(in []Inline) []Inline {
	if !c.hasUnread(in) {
		return in
	}
	out := c.mergeTexts(in)
	for k := 0; k < len(out); k++ {
		t, ok := out[k].(*Text)
		if !ok {
			continue
		}
		for p := strings.IndexByte(t.Text, '['); p >= 0; {
			if r, ok := c.readSpaced(out, k, p); ok {
				out = r
				break
			}
			next := strings.IndexByte(t.Text[p+1:], '[')
			if next < 0 {
				break
			}
			p += 1 + next
		}
	}
	return out
}

// readSpaced reads an image or link that opens at byte p of the text
// node in[k] and closes with ](destination with a space) in a text node
// at or after it, brackets between balanced, as CommonMark allows in a
// description. It returns the inlines with it read.
func (c *converter) readSpaced(in []Inline, k, p int) ([]Inline, bool) {
	open := in[k].(*Text)
	depth := 0
	for m := k; m < len(in); m++ {
		t, ok := in[m].(*Text)
		if !ok {
			continue
		}
		from := 0
		if m == k {
			from = p + 1
		}
		seg := t.Text[from:]
		if i := closingBracket(seg, &depth); i >= 0 {
			if !strings.HasPrefix(seg[i:], "](") {
				return nil, false
			}
			end := strings.IndexAny(seg[i+2:], "()\n")
			if end < 0 || seg[i+2+end] != ')' {
				return nil, false
			}
			dest := strings.TrimSpace(seg[i+2 : i+2+end])
			if !strings.ContainsAny(dest, " \t") {
				return nil, false
			}
			// the ! of an image may end the text node before
			before, start := k, p
			image := p > 0 && open.Text[p-1] == '!'
			if image {
				start--
			} else if prev, ok := prevText(in, k); ok && p == 0 && strings.HasSuffix(prev.Text, "!") {
				image, before = true, k-1
			}
			// the description: the rest of the opening text, the inlines
			// between, the start of the closing text
			var inner []Inline
			if m == k {
				inner = c.cutText(t, p+1, from+i)
			} else {
				inner = append(inner, c.cutText(open, p+1, len(open.Text))...)
				inner = append(inner, in[k+1:m]...)
				inner = append(inner, c.cutText(t, 0, i)...)
			}
			var lead []Inline // the text before the image or link
			node := Node{At: c.textAt(open, start)}
			if before < k {
				prev := in[before].(*Text)
				lead = c.cutText(prev, 0, len(prev.Text)-1)
				node.At = c.textAt(prev, len(prev.Text)-1)
			} else {
				lead = c.cutText(open, 0, start)
			}
			var read Inline
			alt := strings.TrimSpace(PlainText(inner))
			if image {
				read = &Image{Node: node, Dest: dest, Alt: inner}
				c.diags.Warnf(c.pos(int(node.At)), "the image path %q has a space, which ends a destination in Markdown", dest)
				c.diags.Hintf("it is read as one path; write it in angle brackets, ![%s](<%s>), or rename the file without spaces", alt, dest)
			} else {
				read = &Link{Node: node, Dest: dest, Inlines: inner}
				c.diags.Warnf(c.pos(int(node.At)), "the link destination %q has a space, which ends a destination in Markdown", dest)
				c.diags.Hintf("it is read as one destination; write it in angle brackets, [%s](<%s>)", alt, dest)
			}
			out := make([]Inline, 0, len(in)+2)
			out = append(out, in[:before]...)
			out = append(out, lead...)
			out = append(out, read)
			out = append(out, c.cutText(t, from+i+2+end+1, len(t.Text))...)
			return append(out, in[m+1:]...), true
		}
	}
	return nil, false
}

// hasUnread reports whether the text among in holds "](", what is left of
// an image or link that was not read, within a text node or across two.
func (c *converter) hasUnread(in []Inline) bool {
	var prev *Text
	for _, i := range in {
		t, ok := i.(*Text)
		if !ok {
			prev = nil
			continue
		}
		if strings.Contains(t.Text, "](") || prev != nil && strings.HasSuffix(prev.Text, "]") && strings.HasPrefix(t.Text, "(") {
			return true
		}
		prev = t
	}
	return false
}

// mergeTexts joins adjacent text nodes (goldmark splits text at every
// bracket it tries), sharing the source where they are as written.
func (c *converter) mergeTexts(in []Inline) []Inline {
	out := make([]Inline, 0, len(in))
	for _, i := range in {
		t, ok := i.(*Text)
		prev, prevOK := prevText(out, len(out))
		if !ok || !prevOK {
			out = append(out, i)
			continue
		}
		merged := &Text{Node: prev.Node, Text: prev.Text + t.Text}
		if c.asWritten(prev) && c.asWritten(t) && int(prev.At)+len(prev.Text) == int(t.At) {
			merged.Text = c.text[prev.At : int(t.At)+len(t.Text)]
		}
		out[len(out)-1] = merged
	}
	return out
}

// prevText is the text node before in[k], if that is one.
func prevText(in []Inline, k int) (*Text, bool) {
	if k == 0 {
		return nil, false
	}
	t, ok := in[k-1].(*Text)
	return t, ok
}

// closingBracket is the index in s of the ] that closes a description
// depth brackets deep, or -1; depth carries across text nodes.
func closingBracket(s string, depth *int) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			*depth++
		case ']':
			if *depth == 0 {
				return i
			}
			*depth--
		}
	}
	return -1
}

// cutText is t.Text[from:to] as a text node in its place, or nothing when
// that is empty.
func (c *converter) cutText(t *Text, from, to int) []Inline {
	if from >= to {
		return nil
	}
	return []Inline{&Text{Node: Node{At: c.textAt(t, from)}, Text: t.Text[from:to]}}
}

// textAt is the source offset of byte i of a text node: exact where the
// text is as written. Text resolved at parse (escapes, entities, curly
// quotes) differs from its source, so there the few bytes from i are
// looked for in the source near the node, and the match nearest to where
// byte i would be is taken; the node's own offset if none is found.
func (c *converter) textAt(t *Text, i int) int32 {
	if c.asWritten(t) {
		return t.At + int32(i)
	}
	from := int(t.At)
	if i < 0 || i >= len(t.Text) || from < 0 || from > len(c.text) {
		return t.At
	}
	want := t.Text[i:min(len(t.Text), i+8)]
	window := c.text[from:min(len(c.text), from+2*len(t.Text)+16)]
	best, guess := -1, i
	for j := 0; ; {
		k := strings.Index(window[j:], want)
		if k < 0 {
			break
		}
		j += k
		if best < 0 || abs(j-guess) < abs(best-guess) {
			best = j
		}
		j++
	}
	if best < 0 {
		return t.At
	}
	return int32(from + best)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// asWritten reports whether a text node is the source at its offset.
func (c *converter) asWritten(t *Text) bool {
	return t.At >= 0 && int(t.At)+len(t.Text) <= len(c.text) && c.text[int(t.At):int(t.At)+len(t.Text)] == t.Text
}

// unread warns about text that still looks like an image or a link that
// Markdown could not read (brackets inside its description, say), at the
// place it starts, so that nothing prints as raw Markdown without a word.
func (c *converter) unread(block Node, is []Inline) {
	var b strings.Builder
	type piece struct {
		start int
		t     *Text
	}
	var pieces []piece
	var add func(is []Inline)
	add = func(is []Inline) {
		for _, i := range is {
			switch i := i.(type) {
			case *Text:
				pieces = append(pieces, piece{b.Len(), i})
				b.WriteString(i.Text)
			case *Code, *Link, *Image, *AutoLink, *Citation, *NoteRef, *RawHTML:
				b.WriteString("\x00") // their text is read as it should be
			case *Break:
				b.WriteByte(' ')
			default:
				add(Children(i))
			}
		}
	}
	add(is)
	if !strings.Contains(b.String(), "](") {
		return // what unreadLink needs, found at a fraction of its cost
	}
	loc := unreadLink.FindStringIndex(b.String())
	if loc == nil {
		return
	}
	at := block.At
	for _, p := range pieces {
		if p.start <= loc[0] {
			at = c.textAt(p.t, loc[0]-p.start)
		}
	}
	c.diags.Warnf(c.pos(int(at)), "%q looks like an image or a link that Markdown could not read; it prints as written", b.String()[loc[0]:loc[1]])
	c.diags.Hintf("check the brackets and parentheses; write a destination with spaces in angle brackets: [text](<a path>)")
}

// unreadLink is the start of an image or link left as text, whatever
// markup its description holds.
var unreadLink = regexp.MustCompile(`!?\[[^\x00]*?\]\([^)\x00]*\)?`)
