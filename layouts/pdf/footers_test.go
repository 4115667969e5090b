package pdf

import (
	"sort"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestFootersUncut: no footer nor running head of any PDF of the bundled
// companion, in either profile, cuts a word with an ellipsis. In large
// print, where the citation of the work and the section's name do not
// fit on one line ("Ishiguro, Never Let… (2005) · Curriculum map"), the
// citation stands on a line of its own above the name and page number;
// where a handout's title does not fit beside the book's and the
// right-hand head ("Never Let Me Go · 3. Part One…"), the heads leave
// out the book's title.
func TestFootersUncut(t *testing.T) {
	tool(t, "pdftotext")
	_, standard := bundledFiles(t)
	opt := options(layouts.All, "letter", false)
	opt.Profile = layouts.LargePrint
	large, _, _ := renderFiles(t, booktest.SharedBundled(t), opt)
	checked := 0
	for _, files := range []map[string]layouts.File{standard, large} {
		paths := make([]string, 0, len(files))
		for p := range files {
			if strings.HasSuffix(p, ".pdf") {
				paths = append(paths, p)
			}
		}
		sort.Strings(paths)
		for _, p := range paths {
			for i, page := range strings.Split(pdftotext(t, files[p].Data, "-layout"), "\f") {
				lines := strings.Split(strings.TrimRight(page, " \n"), "\n")
				// The footer is the page's last two lines: the citation
				// and the page number, on one line or stacked; the first
				// line is the running head (or a band's kicker).
				for _, l := range lines[max(0, len(lines)-2):] {
					if strings.Contains(l, "…") {
						t.Errorf("%s, page %d: the footer is cut: %q", p, i+1, strings.TrimSpace(l))
					}
				}
				if strings.Contains(lines[0], "…") {
					t.Errorf("%s, page %d: the running head is cut: %q", p, i+1, strings.TrimSpace(lines[0]))
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no page checked")
	}
}
