package pdf

import (
	"html"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/toolkit"
)

// bundledBackMatter is the bundled companion's teacher sections after the
// handouts, laid out as the packet flows them, on paper in profile p.
func bundledBackMatter(t *testing.T, paper string, p layouts.Profile) (*handouts, []*pageLayout) {
	t.Helper()
	h := testHandouts(t, booktest.Bundled(t, book.Options{}), paper, p)
	var sections []*section
	ends, _, _ := h.backMatter(true)
	for _, mk := range ends {
		sections = append(sections, mk())
	}
	pages, _ := flow(sections, h.g)
	return h, pages
}

// TestBandsOpenHigh: every section of the teacher's back matter that
// runs on opens in the top half of a page, never in its bottom third or
// near it (the quotation index's band under the curriculum map's last
// rows, two-thirds down, with one quotation beneath it), in either
// profile, on letter and A4: a section that would open lower starts a
// page.
func TestBandsOpenHigh(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		for _, paper := range []string{"letter", "a4"} {
			_, pages := bundledBackMatter(t, paper, p)
			for k, pg := range pages {
				top := 0.0
				for i, r := range pg.rows {
					if i > 0 && len(r.anchors) > 0 && strings.HasPrefix(r.anchors[0], appendixAnchor("")) {
						// Its band's top, under the space above it, is in
						// the page's top half.
						if room := pg.sec.room(pageGeometry(paper, p), pg.no); top > room/2+runOnSpace+1e-6 {
							t.Errorf("%s %s page %d: %s opens %.0f mm down a page of %.0f mm, under its top half", name(p), paper, k+1, r.marks[0].title, top, room)
						}
					}
					top += r.h
				}
			}
		}
	}
}

// TestSchemeTitleKeepsItsTable: every mark scheme's title and note share
// a page with its first criterion's first level (the table's first row),
// in Handout 14 and the toolkit, in either profile, on letter and A4: a
// page that ends in a title leaves the next a scheme without one.
func TestSchemeTitleKeepsItsTable(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		for _, paper := range []string{"letter", "a4"} {
			h, pages := bundledBackMatter(t, paper, p)
			for _, c := range h.b.Chapters {
				if len(c.Rubrics()) > 0 {
					pages = append(pages, paginate(h.handout(c, false), h.g)...)
					pages = append(pages, paginate(h.handout(c, true), h.g)...)
				}
			}
			titles := map[string]bool{}
			for _, r := range h.b.Rubrics {
				titles[h.gl.clean(r.Title, 0, r.Pos)] = true
				titles[h.label("rubric-for", "title", h.gl.clean(r.Title, 0, r.Pos))] = true
			}
			var open string // the scheme whose title is on an earlier page, its first row not yet seen
			for k, pg := range pages {
				if open != "" {
					t.Errorf("%s %s page %d: the mark scheme %q starts on the page before, its table on this one", name(p), paper, k+1, open)
					open = ""
				}
				for _, r := range pg.rows {
					switch {
					case len(r.marks) > 0 && titles[r.marks[0].title]:
						open = r.marks[0].title
					case r.table != nil && !r.head:
						open = ""
					}
				}
			}
			if open != "" {
				t.Errorf("%s %s: the mark scheme %q ends the last page", name(p), paper, open)
			}
		}
	}
}

// TestMarkSchemesPrintedOnce: the teacher packet prints each bundled mark
// scheme once, in Handout 14, whose essays it marks, under an anchor;
// the toolkit's "Mark schemes" names each with a link to it there
// ("GCSE essay (AQA-style, indicative): see Handout 14") and sets no
// scheme of its own. A scheme no handout names is printed in the toolkit
// in full.
func TestMarkSchemesPrintedOnce(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	h.b = booktest.Bundled(t, book.Options{})
	anchors := map[anchorName]bool{}
	for _, c := range h.b.Chapters {
		for _, r := range h.handout(c, true).rows {
			for _, a := range r.anchors {
				anchors[a] = true
			}
		}
	}
	var lines, links []string
	for _, r := range h.rubricsAppendix().rows {
		if r.table != nil {
			t.Fatalf("the toolkit prints a mark scheme the handouts print")
		}
		var line []string
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok {
				if ref, ok := tx.frag.Held.(*crossRef); ok {
					// The scheme's page (TestCrossReferencesGivePages).
					line = append(line, ref.without)
					continue
				}
				line = append(line, tx.frag.Text)
				if tx.frag.Link != "" {
					links = append(links, tx.frag.Link)
				}
			}
		}
		lines = append(lines, strings.Join(line, ""))
	}
	text := nospace(strings.Join(lines, ""))
	var want []string
	for _, r := range h.b.Rubrics {
		in := h.rubricHandouts(r)
		if len(in) != 1 || in[0].Number != 14 {
			t.Fatalf("%s is printed in %d handouts, want Handout 14 alone", r.Title, len(in))
		}
		if see := nospace(h.b.Smart(r.Title) + ": see Handout 14"); !strings.Contains(text, see) {
			t.Errorf("the toolkit does not read %q: %s", see, text)
		}
		a := rubricAnchor(in[0].ID, r.ID)
		if !anchors[a] {
			t.Errorf("Handout 14 has no anchor %s for %s", a, r.Title)
		}
		want = append(want, a)
	}
	if !slices.Equal(links, want) {
		t.Errorf("the toolkit links to %q, want %q", links, want)
	}

	// A scheme no handout names: in full in the toolkit.
	fsys := booktest.Fixture(t, "../epub/testdata/toolkit.txtar")
	fsys["rubrics/spare.yaml"] = &fstest.MapFile{Data: []byte("title: Spare scheme\nlevels:\n  - {name: Good, marks: 2}\n  - {name: Fair, marks: 1}\ncriteria:\n  - name: Argument\n    descriptors: [A case., Some case.]\n")}
	h = fixtureHandouts(t, "letter")
	h.b = booktest.MustOpen(t, fsys, book.Options{})
	spare, see := false, false
	for _, r := range h.rubricsAppendix().rows {
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok {
				spare = spare || r.table != nil && strings.ReplaceAll(tx.frag.Text, "\u00A0", " ") == "Some case." // a cell's last words are tied
				see = see || tx.frag.Link == rubricAnchor(h.b.Chapters[1].ID, "literary-essay")
			}
		}
	}
	if !spare || !see {
		t.Errorf("the toolkit prints the spare scheme: %v; links to the literary essay's in its handout: %v", spare, see)
	}
}

// TestThemeTrackerLists: the theme tracker lists, beside each theme, the
// handouts that take it up with the questions that tag it and the key
// quotations that do, each line a link to its handout, not counts of a
// part's tags: a teacher reads what to set.
func TestThemeTrackerLists(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	h.b = toolkitBook(t)
	s := h.themesAppendix()
	var themes, lines, links []string
	for _, r := range s.rows[s.opening:] {
		if r.table == nil || r.head {
			continue
		}
		var line []string
		link := ""
		for _, o := range r.ops {
			tx, ok := o.(textOp)
			ref, held := tx.frag.Held.(*crossRef)
			switch {
			case !ok:
			case held:
				// A handout's page, which TestCrossReferencesGivePages
				// checks, read as the EPUB has it.
				line = append(line, ref.without)
			case tx.frag.Style == richtext.Bold:
				themes = append(themes, strings.ReplaceAll(tx.frag.Text, "\u00A0", " ")) // a cell's last words are tied
			default:
				line, link = append(line, tx.frag.Text), tx.frag.Link
			}
		}
		if len(line) > 0 {
			lines, links = append(lines, nospace(strings.Join(line, ""))), append(links, link)
		}
	}
	want := []string{"Handout1:Q1;keyquotation1", "Handout2:Q2;keyquotation1", "Handout2:Q1,Q2"}
	if !slices.Equal(lines, want) {
		t.Errorf("the tracker reads %q, want %q", lines, want)
	}
	if wantLinks := []string{handoutAnchor("arrival"), handoutAnchor("departure"), handoutAnchor("departure")}; !slices.Equal(links, wantLinks) {
		t.Errorf("the tracker links to %q, want %q", links, wantLinks)
	}
	if want := []string{"Memory and consolation", "Told and not told", "Hope deferred"}; !slices.Equal(themes, want) {
		t.Errorf("the tracker's themes are %q, want %q", themes, want)
	}
}

// TestThemeTrackerAgrees: the PDF's theme tracker and the EPUB's and the
// site's (toolkit.Writer) list the same lines for every theme of the
// bundled companion, word for word.
func TestThemeTrackerAgrees(t *testing.T) {
	forBundledHandouts(t, letterOnly, func(t *testing.T, h *handouts) {
		w := toolkit.Writer{Book: h.b, Teacher: true, TermIDs: toolkit.TermIDs(h.b),
			Chapter: func(c *book.Chapter) string { return c.ID + ".html" },
			Inline:  func(*book.Markdown, string, int) (string, string) { return "", "" },
			Prompt:  func(q *book.Question) string { return q.ID },
		}
		rows := trackerRow.FindAllStringSubmatch(w.Body(toolkit.ThemeTracker), -1)
		uses := h.b.ThemeUses()
		if len(rows) != len(uses) || len(uses) < 5 {
			t.Fatalf("the HTML tracker has %d themes, the book %d", len(rows), len(uses))
		}
		plain := strings.NewReplacer("\u00A0", " ", "\u2060", "")
		for i, u := range uses {
			var pdf, web []string
			for _, item := range h.themeUses(u) {
				pdf = append(pdf, plain.Replace(withoutPages(item)))
			}
			for _, li := range trackerItem.FindAllStringSubmatch(rows[i][2], -1) {
				web = append(web, plain.Replace(html.UnescapeString(tags.ReplaceAllString(li[1], ""))))
			}
			if rows[i][1] != html.EscapeString(u.Theme.Name) || !slices.Equal(web, pdf) || len(pdf) == 0 {
				t.Errorf("%s: the HTML lists\n%q, the PDF\n%q", u.Theme.Name, web, pdf)
			}
		}
	})
}

var (
	trackerRow  = regexp.MustCompile(`(?s)<tr><th scope="row">([^<]*)</th><td>(.*?)</td></tr>`)
	trackerItem = regexp.MustCompile(`<li>(.*?)</li>`)
	tags        = regexp.MustCompile(`<[^>]*>`)
)

// TestThemeTrackerOneHandoutALine: in the bundled teacher packet, both
// profiles, letter and A4, each theme of the tracker is one row that no
// page parts, its name beside it ("Identity, copies and originals" lost
// its name on the page its row went on to), and its cell sets one
// handout a line, each line opening with the handout's label at the
// cell's left edge, so that a teacher scans down for a handout (run in,
// parted by dots, a label broke from its items at line ends); every
// piece links to its handout, and a handout whose notes alone take the
// theme up says so ("Handout 9 (p. 58): notes"), not its label alone.
func TestThemeTrackerOneHandoutALine(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	label := regexp.MustCompile(`^Handout[ \x{00A0}]\d+$`)
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		s := h.themesAppendix()
		rows, notes := 0, 0
		for _, r := range s.rows[s.opening:] {
			if r.table == nil || r.head {
				continue
			}
			rows++
			named := false
			left := math.Inf(1)
			var labels []textOp
			handouts := 0
			for _, o := range r.ops {
				tx, ok := o.(textOp)
				switch {
				case !ok:
					continue
				case tx.frag.Style == richtext.Bold:
					named = true
					continue
				case tx.frag.Link == "":
					t.Errorf("%q links nowhere", tx.frag.Text)
				}
				left = min(left, tx.x+tx.frag.X)
				if label.MatchString(strings.TrimSpace(tx.frag.Text)) {
					labels = append(labels, tx)
				}
				if strings.Contains(tx.frag.Text, "·") {
					t.Errorf("%q: the handouts run in, parted by dots", tx.frag.Text)
				}
			}
			for _, l := range labels {
				handouts++
				if at := l.x + l.frag.X; math.Abs(at-left) > 0.01 {
					t.Errorf("%q stands %.1f pt into its cell, not at the start of a line", l.frag.Text, (at-left)*72/25.4)
				}
			}
			if !named {
				t.Errorf("a piece of a theme's row stands without the theme's name")
			}
			if handouts == 0 {
				t.Errorf("a theme's row names no handout")
			}
		}
		if want := len(h.b.ThemeUses()); rows != want {
			t.Errorf("the tracker has %d pieces of rows for %d themes: a row goes on from page to page", rows, want)
		}
		for _, u := range h.b.ThemeUses() {
			for _, item := range h.themeUses(u) {
				text := withoutPages(item)
				if !strings.Contains(text, ": ") {
					t.Errorf("%s: %q says nothing of what the handout has", u.Theme.Name, text)
				}
				if strings.HasSuffix(text, ": notes") {
					notes++
				}
			}
		}
		if notes == 0 {
			t.Error("no handout takes a theme up in its notes alone: the case is not tested")
		}
	})
}

// TestMarkSchemePointersTucked: where the handouts print every mark
// scheme, the back matter's "Mark schemes" part is a heading over a line
// for each scheme, not a band over four pointers (a page of its own in
// large print, 60 % empty: review13 #18): whole on one page, and in the
// standard profile on the page of the part before; it still carries the
// contents' anchor and its bookmark.
func TestMarkSchemePointersTucked(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		for _, paper := range []string{"letter", "a4"} {
			h := testHandouts(t, booktest.SharedBundled(t), paper, p)
			var sections []*section
			ends, _, _ := h.backMatter(true)
			at := -1
			for _, mk := range ends {
				s := mk()
				if r := openingRow(s); r != nil && len(r.anchors) > 0 && r.anchors[0] == appendixAnchor("rubrics") {
					at = len(sections)
					if len(r.marks) == 0 || r.marks[0].title != h.label("rubrics") {
						t.Errorf("%s %s: the mark schemes' heading carries no bookmark", name(p), paper)
					}
				}
				sections = append(sections, s)
			}
			if at < 0 {
				t.Fatalf("%s %s: no mark schemes part", name(p), paper)
			}
			for _, r := range sections[at].rows {
				if r.frame != nil {
					t.Errorf("%s %s: the mark schemes' part opens with a band", name(p), paper)
					break
				}
			}
			_, laid := flow(sections, h.g)
			d := laid[at]
			if d.shared && d.pages > 0 || !d.shared && d.pages > 1 {
				t.Errorf("%s %s: the mark schemes' pointers run over %d pages", name(p), paper, d.pages+1)
			}
			if p == layouts.Standard && !d.shared {
				t.Errorf("%s %s: the mark schemes' pointers take a page of their own", name(p), paper)
			}
		}
	}
}
