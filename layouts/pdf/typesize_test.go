package pdf

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// largePrintFloor is the least size large print sets any text at, in
// points on the paper: UKAAF's floor for large print, which the running
// heads, footers and page numbers keep; everything else is set at the
// body's size at least, largePrintText; largePrintSpacing is its least
// line spacing, in multiples of the size: #15's 1.5, read to 0.05 pt
// (the layout sets a hair under, largePrintLeading).
const (
	largePrintFloor   = 16.0
	largePrintText    = 18.0
	largePrintSpacing = 1.5
)

// TestLargePrintSmallestType: no text of any large-print PDF, of the
// bundled companion and of the fixtures, prints below 18 pt, the body's
// size: the "Evidence" pointers, metadata lines, teacher's guidance,
// table and mark-scheme cells, answer keys, captions, list markers and
// figures' labels included; page furniture (running heads, footers and
// page numbers: artifacts) not below 16 pt; and the body stays at 18 pt.
// Every line is also set at 1.5 line spacing at least (tightLines), the
// tables' cells, the guidance's head and its Standards line as much as
// the body.
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
				for _, s := range drawnText(t, files[p].Data) {
					if math.Abs(s.size-18) < 0.01 {
						body++
					}
					floor := largePrintText
					if s.artifact {
						floor = largePrintFloor
					}
					if s.size >= floor-0.005 || strings.TrimSpace(s.text) == "" {
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
					t.Errorf("%s: %d strings at %s, below large print's %.0f pt (%.0f for page furniture)", p, small[key], f, largePrintText, largePrintFloor)
				}
				if tight := tightLines(drawnText(t, files[p].Data), largePrintSpacing); len(tight) > 0 {
					t.Errorf("%s: %d lines closer than %.1f times their size to the line above, the first %s", p, len(tight), largePrintSpacing, tight[0])
				}
			}
			if body == 0 {
				t.Error("no text at 18 pt: the body is not set at large print's size, or the sizes are misread")
			}
		})
	}
}

// tightLines finds the lines of ds, in drawing order, whose baseline is
// less than leading times their size under the baseline of the line drawn
// before them, at the same size on the same page: the next line of the
// same paragraph, cell or box. A string on the same baseline (the next
// fragment of a line) or more than two lines down is not the next line;
// page furniture and figures' labels, which the figure places, are not
// read.
func tightLines(ds []drawn, leading float64) []string {
	var out []string
	for i := 1; i < len(ds); i++ {
		a, b := ds[i-1], ds[i]
		if a.artifact || b.artifact || a.tag == "Figure" || b.tag == "Figure" || a.page != b.page || math.Abs(a.size-b.size) > 0.01 ||
			strings.TrimSpace(a.text) == "" || strings.TrimSpace(b.text) == "" {
			continue
		}
		if dy := a.y - b.y; dy > a.size/2 && dy < 2*a.size && dy < leading*a.size-0.05 {
			out = append(out, fmt.Sprintf("p. %d: %q under %q, %.1f pt on %.1f pt type", b.page, b.text, a.text, dy, b.size))
		}
	}
	return out
}
