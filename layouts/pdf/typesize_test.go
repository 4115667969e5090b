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
// body's size at least, largePrintText.
const (
	largePrintFloor = 16.0
	largePrintText  = 18.0
)

// TestLargePrintSmallestType: no text of any large-print PDF, of the
// bundled companion and of the fixtures, prints below 18 pt, the body's
// size: the "Evidence" pointers, metadata lines, teacher's guidance,
// table and mark-scheme cells, answer keys, captions, list markers and
// figures' labels included; page furniture (running heads, footers and
// page numbers: artifacts) not below 16 pt; and the body stays at 18 pt.
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
			}
			if body == 0 {
				t.Error("no text at 18 pt: the body is not set at large print's size, or the sizes are misread")
			}
		})
	}
}
