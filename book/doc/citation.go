package doc

import (
	"bytes"
	"sync"

	"github.com/companion-dev/companion/book/cite"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var kindCitation = ast.NewNodeKind("Citation")

// citation is a pandoc-style citation in goldmark's tree: the text
// between its brackets, as the offsets of that text in the source when it
// is on one line, else as a copy with its lines joined by spaces.
type citation struct {
	ast.BaseInline
	start, stop int
	joined      string
}

func (*citation) Kind() ast.NodeKind { return kindCitation }

func (c *citation) Dump(source []byte, level int) {
	ast.DumpHelper(c, source, level, map[string]string{"Joined": c.joined}, nil)
}

// citationParser turns [@key…] and [-@key…] into citations. It runs
// before the link parser; anything followed by ( or [ stays a link.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[@")) && !bytes.HasPrefix(line, []byte("[-@")) {
		return nil
	}
	_, start := block.Position()
	block.Advance(1)
	segs, ok := block.FindClosure('[', ']', text.FindClosureOptions{Newline: true, Advance: true})
	if !ok {
		return nil
	}
	if c := block.Peek(); c == '(' || c == '[' {
		return nil // a link whose text starts with @
	}
	node := &citation{start: -1}
	if segs.Len() == 1 {
		seg := segs.At(0)
		v := bytes.TrimRight(seg.Value(block.Source()), "\r\n")
		node.start, node.stop = seg.Start, seg.Start+len(v)
	} else {
		var raw []byte
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			if i > 0 {
				raw = append(raw, ' ')
			}
			raw = append(raw, bytes.TrimRight(seg.Value(block.Source()), "\r\n")...)
		}
		node.joined = string(raw)
	}
	node.SetPos(start.Start)
	return node
}

func (citationParser) CloseBlock(parent ast.Node, pc parser.Context) {}

// Citations are the citations parsed for a set of documents (a book's),
// by their text, so that those that read the same share what they say
// (Options.Citations). Keep them only while parsing: once every document
// is parsed, the documents hold what they cite. Safe for concurrent use.
type Citations struct {
	mu     sync.Mutex
	parsed map[string]*Parsed
}

// parse is what src says, parsed once for every document sharing cs; a
// nil cs parses it afresh.
func (cs *Citations) parse(src string) *Parsed {
	if cs == nil {
		p := &Parsed{}
		p.Items, p.Err = cite.ParseCitation(src)
		return p
	}
	cs.mu.Lock()
	p, ok := cs.parsed[src]
	cs.mu.Unlock()
	if ok {
		return p
	}
	p = &Parsed{}
	p.Items, p.Err = cite.ParseCitation(src)
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if q, ok := cs.parsed[src]; ok {
		return q // parsed at once by another document: share the first
	}
	if cs.parsed == nil {
		cs.parsed = map[string]*Parsed{}
	}
	cs.parsed[src] = p
	return p
}
