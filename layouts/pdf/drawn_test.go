package pdf

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// drawn is a string a page of a file draws: the font it is drawn in (its
// /BaseFont without the subset tag, the font's PostScript name) and the
// size it prints at on the paper, its font size scaled by the text
// matrix and every cm around it.
type drawn struct {
	page int // from 1
	font string
	size float64
	text string
	// artifact is text marked as an artifact: page furniture (a running
	// head, a footer, a page number, a table's header drawn again).
	artifact bool
	// tag is the marked-content tag the string is drawn in, innermost
	// (P, TD, Figure, …).
	tag pdfobj.Name
	// x and y are where the string starts on its baseline, in points
	// from the page's lower left.
	x, y float64
}

// drawnText reads every string every page of a file draws, in drawing
// order: running heads, footers, page numbers and figures' labels
// included.
func drawnText(t *testing.T, data []byte) []drawn {
	t.Helper()
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	pages := f.Pages()
	var out []drawn
	for i, page := range pages {
		res, _ := f.Get(page, "Resources").(pdfobj.Dict)
		fontDict, _ := f.Get(res, "Font").(pdfobj.Dict)
		fonts := map[pdfobj.Name]string{}
		for _, e := range fontDict {
			o, _ := f.Resolve(e.Value)
			fd, _ := o.(pdfobj.Dict)
			base, _ := f.Get(fd, "BaseFont").(pdfobj.Name)
			// A subset tag, "+" and the PostScript name.
			_, fonts[e.Key], _ = strings.Cut(string(base), "+")
		}
		content, err := f.PageContent(page)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, contentText(t, i+1, fonts, content)...)
	}
	return out
}

// contentText reads the strings of one page's content, its fonts by
// their resource names.
func contentText(t *testing.T, page int, fonts map[pdfobj.Name]string, content []byte) []drawn {
	t.Helper()
	ctm, tm := identity, identity
	var stack []matrix
	font, size := "", 0.0
	var out []drawn
	var marked []pdfobj.Name // the tags of the marked-content sequences open
	artifact := func() bool { return slices.Contains(marked, "Artifact") }
	inner := func() pdfobj.Name {
		if len(marked) == 0 {
			return ""
		}
		return marked[len(marked)-1]
	}
	s := pdfobj.NewScanner(content)
	for {
		op, ok, err := s.NextOperation()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		switch op.Operator {
		case "q":
			stack = append(stack, ctm)
		case "Q":
			ctm, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case "cm":
			ctm = operandMatrix(t, op.Operands).times(ctm)
		case "BMC", "BDC":
			tag, _ := op.Operands[0].(pdfobj.Name)
			marked = append(marked, tag)
		case "EMC":
			marked = marked[:len(marked)-1]
		case "BT":
			tm = identity
		case "Tm":
			tm = operandMatrix(t, op.Operands)
		case "Td":
			tm = matrix{1, 0, 0, 1, number(op.Operands[0]), number(op.Operands[1])}.times(tm)
		case "Tf":
			font, size = fonts[op.Operands[0].(pdfobj.Name)], number(op.Operands[1])
		case "Tj", "TJ", "'", "\"":
			var b strings.Builder
			for _, o := range op.Operands {
				switch v := o.(type) {
				case pdfobj.String:
					b.WriteString(utf16BE(v))
				case pdfobj.Array:
					for _, e := range v {
						if s, ok := e.(pdfobj.String); ok {
							b.WriteString(utf16BE(s))
						}
					}
				}
			}
			at := tm.times(ctm)
			out = append(out, drawn{page, font, size * at.scale(), b.String(), artifact(), inner(), at[4], at[5]})
		}
	}
}

// matrix is a PDF transformation [a b c d e f]; only its scale matters
// here.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// times is m then n: m × n.
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// scale is how much m magnifies an area's side.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

func operandMatrix(t *testing.T, ops []pdfobj.Object) matrix {
	t.Helper()
	if len(ops) != 6 {
		t.Fatalf("a matrix of %d operands", len(ops))
	}
	var m matrix
	for i := range m {
		m[i] = number(ops[i])
	}
	return m
}

func number(o pdfobj.Object) float64 {
	switch v := o.(type) {
	case pdfobj.Integer:
		return float64(v)
	case pdfobj.Real:
		return float64(v)
	}
	return math.NaN()
}

// utf16BE reads a string of gofpdf's UTF-8 fonts: Unicode code points,
// two bytes each.
func utf16BE(s pdfobj.String) string {
	var u []uint16
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// drawnPacket renders the packet of ed (layouts.Teacher or
// layouts.Student) of b in printing p and reads what its pages draw: the
// file's name, its shapes and its text, each by page.
func drawnPacket(t *testing.T, b *book.Book, ed layouts.Edition, p printing) (name string, shapes map[int][]shape, text map[int][]drawn) {
	t.Helper()
	opt := options(ed, p.paper, false)
	opt.Profile = p.profile
	files, _, _ := renderFiles(t, b, opt)
	packet := "-handouts"
	if ed == layouts.Teacher {
		packet = "-teacher"
	}
	name = b.Slug() + packet + p.profile.Suffix() + ".pdf"
	file, ok := files[name]
	if !ok {
		t.Fatalf("no %s among the files", name)
	}
	text = map[int][]drawn{}
	for _, d := range drawnText(t, file.Data) {
		text[d.page] = append(text[d.page], d)
	}
	return name, drawnShapes(t, file.Data), text
}
