package doc

import (
	"github.com/yuin/goldmark/ast"
)

// slabs hold a document's most numerous nodes (text, emphasis, citations)
// and its inline lists in a few arrays, sized by counting goldmark's tree
// before converting it, instead of one object each: a book holds millions
// of them, all alive for the whole build, and the collector marks a few
// large objects much faster than as many small ones as they hold
// (issue #14: the book's live heap is what a long build collects most).
// The nodes are the model's own types; only where they sit changes. When
// a slab runs out (a few nodes the count cannot foresee, made by the
// passes after conversion), nodes are allocated one by one as before.
type slabs struct {
	texts     []Text
	strongs   []Strong
	emphases  []Emphasis
	citations []Citation
	inlines   []Inline
}

// count sizes the slabs for the tree under root.
func (s *slabs) count(root ast.Node) {
	var texts, strongs, emphases, citations, inlines int
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeInline {
			inlines++
		}
		switch n := n.(type) {
		case *ast.Text:
			texts++
			if n.SoftLineBreak() || n.HardLineBreak() {
				inlines++
			}
		case *ast.String:
			texts++
		case *ast.Emphasis:
			if n.Level >= 2 {
				strongs++
			} else {
				emphases++
			}
		case *citation:
			citations++
		}
		return ast.WalkContinue, nil
	})
	s.texts = make([]Text, texts)
	s.strongs = make([]Strong, strongs)
	s.emphases = make([]Emphasis, emphases)
	s.citations = make([]Citation, citations)
	s.inlines = make([]Inline, inlines)
}

// take is the next node of slab, or a new one where the slab has run
// out.
func take[T any](slab *[]T) *T {
	if len(*slab) == 0 {
		return new(T)
	}
	t := &(*slab)[0]
	*slab = (*slab)[1:]
	return t
}

func (s *slabs) newText(at int32, v string) *Text {
	t := take(&s.texts)
	t.At, t.Text = at, v
	return t
}

func (s *slabs) newStrong(at Node, is []Inline) *Strong {
	t := take(&s.strongs)
	t.Node, t.Inlines = at, is
	return t
}

func (s *slabs) newEmphasis(at Node, is []Inline) *Emphasis {
	t := take(&s.emphases)
	t.Node, t.Inlines = at, is
	return t
}

func (s *slabs) newCitation() *Citation { return take(&s.citations) }

// inlineList is an empty list with room for size inlines; appending past
// that room moves the list out of the slab, never over its neighbour.
func (s *slabs) inlineList(size int) []Inline {
	if len(s.inlines) < size {
		return make([]Inline, 0, size)
	}
	out := s.inlines[:0:size]
	s.inlines = s.inlines[size:]
	return out
}
