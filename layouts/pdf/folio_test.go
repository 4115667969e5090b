package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// contentsLine is a line of a cover's contents as pdftotext -layout reads
// it: the handout's number, if any, its title and its page.
var contentsLine = regexp.MustCompile(`^\s*(\d+)?\s+(\S.*?)\s{3,}(\d+)\s*$`)

// TestPageNumbers checks that a packet's pages run on from its cover, that
// the contents give the page each handout and appendix starts on, and
// that a single handout numbers its own pages.
func TestPageNumbers(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	for _, paper := range []string{"letter", "a4"} {
		files, order, _ := renderFiles(t, b, options(layouts.All, paper, true))
		for _, path := range []string{"elodie-s-odyssey-handouts.pdf", "elodie-s-odyssey-teacher.pdf"} {
			pages := strings.Split(pdftotext(t, files[path].Data, "-layout"), "\f")
			pages = pages[:len(pages)-1]
			// Every page but the cover ends with its folio: the handout
			// or appendix it belongs to, and its number in the packet.
			folio := make([]string, len(pages)+1)
			for i, p := range pages[1:] {
				no := i + 2
				m := regexp.MustCompile(`(?m)^.* · ` + strconv.Itoa(no) + `\s*$`).FindString(p)
				if m == "" {
					t.Errorf("%s (%s) page %d: no page number %d in the footer:\n%s", path, paper, no, no, p)
					continue
				}
				// The citation of the work, then the folio at the right.
				fields := regexp.MustCompile(`\s{3,}`).Split(strings.TrimSpace(m), -1)
				folio[no] = strings.TrimSuffix(fields[len(fields)-1], " · "+strconv.Itoa(no))
			}
			entries := 0
			for _, line := range strings.Split(pages[0], "\n") {
				m := contentsLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				entries++
				start, _ := strconv.Atoi(m[3])
				name := m[2]
				if m[1] != "" {
					name = "Handout " + m[1]
				}
				if start < 2 || start >= len(folio) || folio[start] != name {
					t.Errorf("%s (%s): the contents put %q on page %d, whose footer names %q", path, paper, m[2], start, folio[min(max(start, 0), len(folio)-1)])
					continue
				}
				if folio[start-1] == name {
					t.Errorf("%s (%s): %q starts before page %d, where the contents put it", path, paper, m[2], start)
				}
			}
			if entries < len(b.Chapters) {
				t.Errorf("%s (%s): %d contents entries read, want at least %d", path, paper, entries, len(b.Chapters))
			}
		}
		for _, path := range order {
			if !strings.HasPrefix(path, "handouts/") {
				continue
			}
			f := files[path]
			pages := strings.Split(pdftotext(t, f.Data), "\f")
			for i, p := range pages[:len(pages)-1] {
				if want := fmt.Sprintf("Page %d of %d", i+1, f.Pages); !strings.Contains(p, want) {
					t.Errorf("%s (%s) page %d does not say %q:\n%s", path, paper, i+1, want, p)
				}
			}
		}
	}
}
