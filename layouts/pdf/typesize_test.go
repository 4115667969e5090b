package pdf

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// sizedText is a string a page draws at the size it prints at on the
// paper: its font size scaled by the text matrix and every cm around it.
type sizedText struct {
	page int // from 1
	size float64
	text string
}

// printedSizes reads every string every page of a file draws (running
// heads, footers, page numbers and figures' labels included), with the
// size it prints at.
func printedSizes(t *testing.T, data []byte) []sizedText {
	t.Helper()
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := f.Get(f.Trailer, "Root").(pdfobj.Dict)
	var pages []pdfobj.Dict
	var walk func(node pdfobj.Dict)
	walk = func(node pdfobj.Dict) {
		kids, ok := f.Get(node, "Kids").(pdfobj.Array)
		if !ok {
			pages = append(pages, node)
			return
		}
		for _, k := range kids {
			kid, _ := f.Resolve(k)
			walk(kid.(pdfobj.Dict))
		}
	}
	tree, _ := f.Get(root, "Pages").(pdfobj.Dict)
	walk(tree)
	var out []sizedText
	for i, page := range pages {
		content, err := f.PageContent(page)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, contentSizes(t, i+1, content)...)
	}
	return out
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

// contentSizes reads the strings of one page's content.
func contentSizes(t *testing.T, page int, content []byte) []sizedText {
	t.Helper()
	ctm, tm := identity, identity
	var stack []matrix
	size := 0.0
	var out []sizedText
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
		case "BT":
			tm = identity
		case "Tm":
			tm = operandMatrix(t, op.Operands)
		case "Tf":
			size = number(op.Operands[1])
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
			out = append(out, sizedText{page, size * tm.times(ctm).scale(), b.String()})
		}
	}
}

// largePrintFloor is the least size large print sets any text at, in
// points on the paper: UKAAF's floor for large print.
const largePrintFloor = 16.0

// TestLargePrintSmallestType: no text of any large-print PDF, of the
// bundled companion and of the fixtures, prints below 16 pt: running
// heads, footers and page numbers, the "Evidence" pointers, metadata
// lines, table and mark-scheme cells, answer keys, captions, list
// markers and figures' labels included; and the body stays at 18 pt.
func TestLargePrintSmallestType(t *testing.T) {
	books := []struct {
		name  string
		open  func() *book.Book
		paper string
	}{
		{"full", func() *book.Book { return booktest.OpenFixture(t, "full", true) }, "letter"},
		{"full a4", func() *book.Book { return booktest.OpenFixture(t, "full", true) }, "a4"},
		{"emoji", func() *book.Book { return booktest.OpenFixture(t, "emoji", true) }, "letter"},
		{"rich citations", func() *book.Book { return openRich(t) }, "letter"},
		{"vector figure", func() *book.Book { return figureProject(t, mapSVG) }, "letter"},
		{"figure with small labels", func() *book.Book {
			return figureProject(t, strings.Replace(mapSVG, "font-size: 9px", "font-size: 3px", 1))
		}, "letter"},
	}
	if !testing.Short() {
		books = append(books, struct {
			name  string
			open  func() *book.Book
			paper string
		}{"bundled", func() *book.Book { return booktest.SharedBundled(t) }, "letter"})
	}
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			opt := options(layouts.All, bk.paper, true)
			opt.Profile = layouts.LargePrint
			files, order, _ := renderFiles(t, bk.open(), opt)
			body := 0
			for _, p := range order {
				small := map[string]int{}
				var first []string
				for _, s := range printedSizes(t, files[p].Data) {
					if math.Abs(s.size-18) < 0.01 {
						body++
					}
					if s.size >= largePrintFloor-0.005 || strings.TrimSpace(s.text) == "" {
						continue
					}
					key := fmt.Sprintf("%.2f pt", s.size)
					if small[key] == 0 {
						first = append(first, fmt.Sprintf("%s (first on p. %d: %q)", key, s.page, s.text))
					}
					small[key]++
				}
				for _, f := range first {
					key, _, _ := strings.Cut(f, " (")
					t.Errorf("%s: %d strings at %s, below large print's %.0f pt", p, small[key], f, largePrintFloor)
				}
			}
			if body == 0 {
				t.Error("no text at 18 pt: the body is not set at large print's size, or the sizes are misread")
			}
		})
	}
}
