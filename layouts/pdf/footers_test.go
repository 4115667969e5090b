package pdf

import (
	"slices"
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

// TestSharedPagesNameBoth: where a section starts on a page another
// section began (an appendix run on under the one before, its band in
// mid-page), the page's footer names it, not only the one the page
// starts with, which the running head names: both, in their order,
// where they fit beside the footer's citation ("Character list · Theme
// tracker · 117"), else the first and the last ("Curriculum map – Works
// cited"), else the one that starts on the page. In every PDF of
// the bundled companion in either profile; and the layout's own record
// agrees on every paper (pageName), both named on some page of each.
func TestSharedPagesNameBoth(t *testing.T) {
	tool(t, "pdftotext")
	b, standard := bundledFiles(t)
	opt := options(layouts.All, "letter", false)
	opt.Profile = layouts.LargePrint
	large, _, _ := renderFiles(t, booktest.SharedBundled(t), opt)
	kicker := strings.ToUpper(b.Title)
	shared := 0
	for _, files := range []map[string]layouts.File{standard, large} {
		for p, f := range files {
			if !strings.HasSuffix(p, ".pdf") {
				continue
			}
			for i, page := range strings.Split(pdftotext(t, f.Data, "-layout"), "\f") {
				lines := strings.Split(strings.TrimRight(page, " \n"), "\n")
				foot := strings.Join(strings.Fields(lines[len(lines)-1]), " ")
				// A band below the page's first line opens a section there;
				// its title is the next line with text.
				for j := 1; j < len(lines)-1; j++ {
					if !strings.HasPrefix(strings.TrimSpace(lines[j]), kicker) {
						continue
					}
					k := j + 1
					for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
						k++
					}
					title := strings.Join(strings.Fields(lines[k]), " ")
					shared++
					if !strings.Contains(foot, " "+title+" · ") && !strings.Contains(foot, " – "+title+" · ") {
						t.Errorf("%s, page %d: %q starts on the page, but its footer reads %q", p, i+1, title, foot)
					}
				}
			}
		}
	}
	if shared == 0 {
		t.Fatal("no page of the bundled companion's PDFs is shared by two sections")
	}
	// The layout's own record, every part on a shared page named in
	// order by its footer and its running head (review14 #7: "Mark
	// schemes · 110" on a page mostly the theme tracker's), on some page
	// of some printing at least: large print's packets may share none.
	both := 0
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			_, sections := packetSections(h, teacher)
			pages, _ := flow(sections, h.g)
			all := pageRowsOf(pages)
			for i, p := range pages {
				if len(p.opens) == 0 {
					continue
				}
				names := []string{p.sec.folio.name}
				for _, s := range p.opens {
					names = append(names, s.folio.name)
				}
				want := strings.Join(names, " · ")
				if p.sec.folio.fits(want) {
					both++
				} else if want = names[0] + " – " + names[len(names)-1]; !p.sec.folio.fits(want) {
					want = names[len(names)-1]
				}
				if got := pageName(p); got != want {
					t.Errorf("page %d (teacher %v): the footer names %q, want %q", i+1, teacher, got, want)
				}
				var foot string
				for _, r := range all[i].foot {
					foot += rowTextOf(r)
				}
				if c := h.footLine(want); !strings.Contains(foot, lineText(c)) {
					t.Errorf("page %d (teacher %v): the footer's citation %q is not the one beside %q", i+1, teacher, foot, want)
				}
				if p.no > 1 && p.sec.headNamed != nil {
					var head string
					for _, r := range all[i].rows[:len(p.sec.head())] {
						head += rowTextOf(r)
					}
					if !strings.Contains(strings.ReplaceAll(head, "\u00A0", " "), want) {
						t.Errorf("page %d (teacher %v): the running head reads %q, the footer %q", i+1, teacher, head, want)
					}
				}
			}
		}
	})
	if both == 0 {
		t.Error("no page of the packets names two sections")
	}
}

// TestFooterNamesItsSections: the footer of every page of both packets
// of the bundled companion, on both papers and in both profiles, names
// exactly the sections whose rows are on the page: the one it starts
// with and each that opens on it (pageName), none whose rows all went to
// another page, none left out where its rows run on to the page.
func TestFooterNamesItsSections(t *testing.T) {
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			names, sections := packetSections(h, teacher)
			of := map[*row]int{}
			for i, s := range sections {
				for _, r := range s.rows {
					of[r] = i
				}
			}
			pages, _ := flow(sections, h.g)
			for n, p := range pages {
				var on []int // the sections with drawn rows on the page, in order
				for _, r := range p.rows {
					if i, ok := of[r]; ok && len(r.ops)+len(r.fills) > 0 && !slices.Contains(on, i) {
						on = append(on, i)
					}
				}
				var named []int
				for _, s := range append([]*section{p.sec}, p.opens...) {
					named = append(named, slices.Index(sections, s))
				}
				if !slices.Equal(on, named) {
					var a, b []string
					for _, i := range on {
						a = append(a, names[i])
					}
					for _, i := range named {
						b = append(b, names[i])
					}
					t.Errorf("teacher %v, page %d: the rows of %q, the footer names %q (%q)", teacher, n+1, a, b, pageName(p))
				}
			}
		}
	})
}
