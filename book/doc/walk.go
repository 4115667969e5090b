package doc

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Walk calls visit for every node of the document in reading order: each
// block, list item, table cell and inline, the notes last (each *Note,
// then its blocks). When visit returns false, the node's children are
// skipped.
func Walk(d *Document, visit func(n any) bool) {
	walkBlocks(d.Blocks, visit)
	for _, n := range d.Notes {
		if visit(n) {
			walkBlocks(n.Blocks, visit)
		}
	}
}

func walkBlocks(bs []Block, visit func(n any) bool) {
	for _, b := range bs {
		if !visit(b) {
			continue
		}
		switch b := b.(type) {
		case *Paragraph:
			walkInlines(b.Inlines, visit)
		case *Plain:
			walkInlines(b.Inlines, visit)
		case *Heading:
			walkInlines(b.Inlines, visit)
		case *BlockQuote:
			walkBlocks(b.Blocks, visit)
		case *TeacherOnly:
			walkBlocks(b.Blocks, visit)
		case *List:
			for _, it := range b.Items {
				if visit(it) {
					walkBlocks(it.Blocks, visit)
				}
			}
		case *Table:
			for _, row := range append([][]*Cell{b.Header}, b.Rows...) {
				for _, c := range row {
					if visit(c) {
						walkInlines(c.Inlines, visit)
					}
				}
			}
		}
	}
}

func walkInlines(is []Inline, visit func(n any) bool) {
	for _, i := range is {
		if visit(i) {
			walkInlines(Children(i), visit)
		}
	}
}

// Children are the inlines inside an inline: the text of emphasis, a
// link, an image's description; nil for the others.
func Children(i Inline) []Inline {
	switch i := i.(type) {
	case *Emphasis:
		return i.Inlines
	case *Strong:
		return i.Inlines
	case *Strike:
		return i.Inlines
	case *Span:
		return i.Inlines
	case *Link:
		return i.Inlines
	case *Image:
		return i.Alt
	}
	return nil
}

// PlainText is the text of inlines without their markup: text, code and
// addresses as written, a line break as a space; citations and footnote
// calls say nothing (how a citation reads depends on the book's style).
func PlainText(is []Inline) string {
	var b strings.Builder
	var add func(is []Inline)
	add = func(is []Inline) {
		for _, i := range is {
			switch i := i.(type) {
			case *Text:
				b.WriteString(i.Text)
			case *Break:
				b.WriteByte(' ')
			case *Code:
				b.WriteString(i.Text)
			case *AutoLink:
				b.WriteString(i.URL)
			default:
				add(Children(i))
			}
		}
	}
	add(is)
	return b.String()
}

// Images are the document's images in reading order.
func (d *Document) Images() []*Image {
	var out []*Image
	Walk(d, func(n any) bool {
		if img, ok := n.(*Image); ok {
			out = append(out, img)
		}
		return true
	})
	return out
}

// Headings are the document's headings in reading order, those inside
// block quotes, lists and notes included.
func (d *Document) Headings() []*Heading {
	var out []*Heading
	Walk(d, func(n any) bool {
		if h, ok := n.(*Heading); ok {
			out = append(out, h)
			return false
		}
		_, isInline := n.(Inline)
		return !isInline
	})
	return out
}

// Sections are the document's level-2 headings that say something: the
// chapter's own sections, which a contents lists.
func (d *Document) Sections() []*Heading {
	var out []*Heading
	for _, h := range d.Headings() {
		if h.Level == 2 && !empty(h.Inlines) {
			out = append(out, h)
		}
	}
	return out
}

// empty reports whether inlines show nothing: no text, no citation.
func empty(is []Inline) bool {
	if strings.TrimSpace(PlainText(is)) != "" {
		return false
	}
	for _, i := range is {
		if _, ok := i.(*Citation); ok || !empty(Children(i)) {
			return false
		}
	}
	return true
}

// MaxIDLength is the longest id: a chapter's, a quotation's or a
// question's, as written, and a heading's, which is cut to it. Ids name
// files and anchors in the outputs, and a long one can exceed what a file
// system allows in a name.
const MaxIDLength = 64

// assignHeadingIDs gives every heading an id made from its text the way
// GitHub and pandoc do (so a link written as #the-exchanges finds its
// heading), restricted to ASCII so that every reader resolves it;
// duplicates get -2, -3. A slug that could be taken for an id of the
// layouts' own (a footnote's fn…, a quotation's quote-…, a question's
// question-…) or that starts with a digit (not an XML name) gets "s-"; a
// heading with no ASCII letters is section-N, N its place among the
// headings; an id is cut to MaxIDLength. A citation in a heading adds
// nothing to its id, so that the citation style cannot change an anchor.
func assignHeadingIDs(d *Document, reserved []string) {
	used := map[string]bool{}
	for _, id := range reserved {
		used[id] = true
	}
	for n, h := range d.Headings() {
		base := Slug(strings.Join(strings.Fields(PlainText(h.Inlines)), " "))
		switch {
		case base == "":
			base = "section-" + strconv.Itoa(n+1)
		case base[0] >= '0' && base[0] <= '9', strings.HasPrefix(base, "fn"), strings.HasPrefix(base, "quote-"), strings.HasPrefix(base, "question-"):
			base = "s-" + base
		}
		id := cut(base, MaxIDLength)
		for i := 2; used[id]; i++ {
			suffix := "-" + strconv.Itoa(i)
			id = cut(base, MaxIDLength-len(suffix)) + suffix
		}
		used[id] = true
		h.ID = id
	}
}

// cut shortens an ASCII slug to at most n bytes, not ending in a hyphen.
func cut(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	return strings.TrimRight(slug[:n], "-")
}

// Slug lowercases s, drops accents (not the letters: Élodie → elodie) and
// joins runs of ASCII letters and digits with hyphens. Letters outside ASCII
// (Greek) drop out, so the result may be empty. File names and XML ids are
// made from it.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}
