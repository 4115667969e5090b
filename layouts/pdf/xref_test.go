package pdf

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// withoutPages is the text of spans without the pages their
// cross-references give, as the EPUB and the site, which have no pages,
// read them.
func withoutPages(spans []richtext.Span) string {
	var b strings.Builder
	for _, sp := range spans {
		if ref, ok := sp.Held.(*crossRef); ok {
			b.WriteString(ref.without)
			continue
		}
		b.WriteString(sp.Text)
	}
	return b.String()
}

// pageGiven is the page a link's text gives: "Handout 5 (p. 29): Q1",
// "(see Handout 2, p. 5)".
var pageGiven = regexp.MustCompile(`p\.[ \x{00A0}](\d+)\)`)

// handoutGiven is a link to a place in a handout that gives its page
// ("Handout 5 (p. 29)"), as the theme tracker, the toolkit and the
// quotation index print it.
var handoutGiven = regexp.MustCompile(`^\(?(?:see )?Handout[ \x{00A0}](\d+)(?:[ \x{00A0}]\(|, )p\.`)

// printedPage is a page as pdftotext reads it in a file's text.
var printedPage = regexp.MustCompile(`\(p\.\s*\d+\)`)

// TestCrossReferencesGivePages: in every PDF of the bundled companion,
// both profiles, each cross-reference to a place in its file gives the
// page the place is on, in the file's own numbering: the link's text
// ends in the page (a packet's from its cover, a handout's own file from
// 1), pdftotext reads that number where the link is, and the link jumps
// to that page; a reference to a handout gives the page its bookmark
// opens. Every kind of reference gives it: the evidence under a question,
// a Markdown link to another handout, the toolkit's theme tracker and
// mark schemes, the quotation index, an answer key's question. In a
// single handout or answer key, a reference to a place in another file
// prints no page and is no link, and every page it prints is a link's.
func TestCrossReferencesGivePages(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "qpdf")
	for _, profile := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		t.Run(cmp.Or(string(profile), "standard"), func(t *testing.T) {
			var files map[string]layouts.File
			if profile == layouts.Standard {
				_, files = bundledFiles(t)
			} else {
				opt := options(layouts.All, "letter", false)
				opt.Profile = profile
				files, _, _ = renderFiles(t, booktest.SharedBundled(t), opt)
			}
			suffix := profile.Suffix() + ".pdf"
			for _, path := range []string{"never-let-me-go-handouts" + suffix, "never-let-me-go-teacher" + suffix, "handouts/09-themes" + suffix, "handouts/14-essay-prompts" + suffix, "teacher/03-hailsham-plot-answer-key" + suffix} {
				data := files[path].Data
				if data == nil {
					t.Fatalf("no %s among %d files", path, len(files))
				}
				starts := map[int]int{} // handout number → its first page
				for _, line := range strings.Split(outline(t, data), "\n") {
					title, page, ok := strings.Cut(line, " → page ")
					if n, _, numbered := strings.Cut(title, ". "); ok && numbered && !strings.HasPrefix(title, " ") {
						if k, err := strconv.Atoi(n); err == nil {
							starts[k], _ = strconv.Atoi(page)
						}
					}
				}
				words := bboxWordsX(t, data)
				given, handouts, questions := 0, 0, 0
				for _, l := range readLinks(t, data) {
					m := pageGiven.FindStringSubmatch(l.contents)
					if m == nil {
						continue
					}
					given++
					if strings.Contains(l.contents, " · Q") {
						questions++ // an answer key's "Handout 3 · Q11 (p. 19)"
					}
					page, _ := strconv.Atoi(m[1])
					if l.dest != page {
						t.Errorf("%s page %d: %q gives page %d but leads to page %d", path, l.page, l.contents, page, l.dest)
					}
					// What pdftotext reads inside the link's area.
					var read []string
					for _, w := range words {
						cx, cy := (w.xMin+w.xMax)/2, w.pageH-(w.yMin+w.yMax)/2
						if w.page == l.page && cx >= l.rect[0] && cx <= l.rect[2] && cy >= l.rect[1] && cy <= l.rect[3] {
							read = append(read, w.text)
						}
					}
					if got := strings.Join(read, " "); !strings.Contains(got, fmt.Sprintf("%d)", page)) {
						t.Errorf("%s page %d: the link %q reads %q", path, l.page, l.contents, got)
					}
					// A place in handout n is on its pages; the handout
					// itself (the tracker's items) on its first.
					if h := handoutGiven.FindStringSubmatch(l.contents); h != nil && starts[1] > 0 {
						n, _ := strconv.Atoi(h[1])
						end := cmp.Or(starts[n+1], 1<<30)
						if page < starts[n] || page >= end {
							t.Errorf("%s page %d: %q, but Handout %d is on pages %d to %d", path, l.page, l.contents, n, starts[n], end-1)
						}
						if page == starts[n] {
							handouts++
						}
					}
				}
				printed := len(printedPage.FindAllString(strings.ReplaceAll(pdftotext(t, data), "\u00A0", " "), -1))
				switch {
				case strings.HasPrefix(path, "never-let-me-go-") && (given < 40 || handouts < 20):
					t.Errorf("%s: %d links give their page, %d of them a handout's; want many", path, given, handouts)
				case strings.HasPrefix(path, "never-let-me-go-teacher") && questions == 0:
					t.Errorf("%s: no answer key gives its question's page", path)
				case path == "handouts/09-themes"+suffix && given == 0:
					t.Errorf("%s: no reference to its own key quotations gives their page", path)
				case !strings.HasPrefix(path, "never-let-me-go-") && printed != given:
					// Here, nothing else prints "(p. N)".
					t.Errorf("%s prints %d pages but %d links give one: a page printed for a place it lacks?", path, printed, given)
				}
			}
		})
	}
}

// TestLinksLeadToTheirPlace: a link into a chapter leads to the place its
// fragment names where the handout prints it (a heading, a key quotation,
// a question), and to the handout for anything else; the handout's rows
// carry those places, in either edition.
func TestLinksLeadToTheirPlace(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	p := h.prose(h.b.Chapters[0].Body, sizeBody)
	for _, c := range []struct{ dest, want string }{
		{"chapters/02-voyage.md", handoutAnchor("voyage")},
		{"chapters/02-voyage.md#the-map", sectionAnchor("voyage", "the-map")},
		{"chapters/02-voyage.md#quote-no-one", quoteAnchor("voyage", 1)},
		{"chapters/02-voyage.md#question-voyage-map", questionAnchor("voyage", 2)},
		{"chapters/02-voyage.md#discussion-questions", handoutAnchor("voyage")},
		{"chapters/02-voyage.md#no-such-place", handoutAnchor("voyage")},
		{"https://example.org/xenia", "https://example.org/xenia"},
		{"images/sea.jpg", ""},
	} {
		if got := p.linkDest(c.dest); got != c.want {
			t.Errorf("a link to %s leads to %q, want %q", c.dest, got, c.want)
		}
	}
	for _, teacher := range []bool{false, true} {
		placed := map[anchorName]bool{}
		for _, r := range h.handout(h.b.Chapters[1], teacher).rows {
			for _, a := range r.anchors {
				placed[a] = true
			}
		}
		for _, a := range []anchorName{handoutAnchor("voyage"), sectionAnchor("voyage", "the-map"), quoteAnchor("voyage", 1), questionAnchor("voyage", 1), questionAnchor("voyage", 2)} {
			if !placed[a] {
				t.Errorf("teacher %v: the handout places no %s", teacher, a)
			}
		}
	}
}
