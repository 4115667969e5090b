package doc

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Teacher-only text is a fenced div as pandoc and Quarto write one:
//
//	::: teacher
//	Text for the teacher edition only.
//	:::
//
// `::: {.teacher}` is read the same. The div holds any blocks; a line of
// three or more colons closes the innermost open one. Another name is
// reported, and its text kept out of the student edition all the same,
// so that a misspelt fence never leaks a teacher's note to students.

// TeacherOnly is text for the teacher edition only: never in a student
// output. Name is the fence's name as written ("teacher" when the check
// passes).
type TeacherOnly struct {
	Node
	Name   string
	Blocks []Block
}

func (*TeacherOnly) isBlock() {}

// TeacherName is the one kind of fenced div companion knows.
const TeacherName = "teacher"

var (
	kindTeacherDiv = ast.NewNodeKind("CompanionTeacherDiv")
	// divOpenRE is an opening fence: at least three colons and a name,
	// bare or as a pandoc class; colons may follow.
	divOpenRE = regexp.MustCompile(`^ {0,3}:{3,}[ \t]*(?:\{[ \t]*\.([^\s{}]+)[ \t]*\}|([^\s:{}]+))[ \t]*:*[ \t]*\r?\n?$`)
	// divCloseRE is a closing fence: colons alone.
	divCloseRE = regexp.MustCompile(`^ {0,3}:{3,}[ \t]*\r?\n?$`)
)

// teacherDiv is the goldmark node of a fenced div while parsing.
type teacherDiv struct {
	ast.BaseBlock
	name   string
	at     int // the opening fence's offset
	closed bool
}

func (*teacherDiv) Kind() ast.NodeKind           { return kindTeacherDiv }
func (n *teacherDiv) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// divParser reads fenced divs.
type divParser struct{}

func (divParser) Trigger() []byte { return []byte{':'} }

func (divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := divOpenRE.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	name := string(m[1]) + string(m[2])
	reader.AdvanceToEOL()
	return &teacherDiv{name: name, at: seg.Start}, parser.HasChildren
}

func (divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if divCloseRE.Match(line) {
		reader.AdvanceToEOL()
		node.(*teacherDiv).closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (divParser) CanInterruptParagraph() bool                                { return true }
func (divParser) CanAcceptIndentedLine() bool                                { return false }

// teacher converts a fenced div, reporting a name other than teacher and
// a div never closed.
func (c *converter) teacher(n *teacherDiv, depth int) Block {
	t := &TeacherOnly{Node: Node{At: int32(n.at)}, Name: n.name, Blocks: c.blocks(n, depth)}
	if n.name != TeacherName {
		c.diags.Errorf(c.pos(n.at), "::: %s is not a kind of block companion knows; the only one is ::: %s", n.name, TeacherName)
		c.diags.Hintf("write ::: %s to keep text out of the student edition; for anything else, write plain Markdown", TeacherName)
	}
	if !n.closed {
		c.diags.Errorf(c.pos(n.at), "the ::: %s block that starts here is never closed", n.name)
		c.diags.Hintf("end it with a line holding only :::, where the teacher-only text ends")
	}
	return t
}

// Student is the document as students see it: every TeacherOnly block
// left out, wherever it stands. It shares every unchanged block with d,
// and is d itself when d has no teacher-only text.
func (d *Document) Student() *Document {
	blocks, changed := studentBlocks(d.Blocks)
	if !changed {
		return d
	}
	s := &Document{Blocks: blocks}
	// Only the notes the student text still calls remain, with their
	// numbers: a note called only from teacher-only text leaves a gap.
	calls := map[int]int{}
	walkBlocks(s.Blocks, func(n any) bool {
		if r, ok := n.(*NoteRef); ok {
			calls[r.Index]++
		}
		return true
	})
	for _, note := range d.Notes {
		if calls[note.Index] > 0 {
			s.Notes = append(s.Notes, note)
		}
	}
	return s
}

// studentBlocks leaves out the teacher-only blocks of bs, copying only
// the containers that change.
func studentBlocks(bs []Block) ([]Block, bool) {
	var out []Block
	changed := false
	for i, b := range bs {
		nb, drop, ch := studentBlock(b)
		if ch && !changed {
			changed = true
			out = append(make([]Block, 0, len(bs)), bs[:i]...)
		}
		if changed && !drop {
			out = append(out, nb)
		}
	}
	if !changed {
		return bs, false
	}
	return out, true
}

func studentBlock(b Block) (nb Block, drop, changed bool) {
	switch b := b.(type) {
	case *TeacherOnly:
		return nil, true, true
	case *BlockQuote:
		if bs, ch := studentBlocks(b.Blocks); ch {
			return &BlockQuote{Node: b.Node, Blocks: bs}, false, true
		}
	case *List:
		var items []*Item
		changed := false
		for i, it := range b.Items {
			bs, ch := studentBlocks(it.Blocks)
			if ch && !changed {
				changed = true
				items = append([]*Item{}, b.Items[:i]...)
			}
			if changed {
				items = append(items, &Item{Node: it.Node, Blocks: bs})
			}
		}
		if changed {
			l := *b
			l.Items = items
			return &l, false, true
		}
	}
	return b, false, false
}
