package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/internal/needs"
	"github.com/companion-dev/companion/layouts"
)

// options are a test render's: every field set, as layouts.Resolve sets them.
func options(ed layouts.Edition, paper string, draft bool) layouts.Options {
	return layouts.Options{Edition: ed, Paper: paper, Draft: draft, Date: booktest.Date, Version: "test"}
}

// renderFiles renders a book and returns its files by path.
func renderFiles(t testing.TB, b *book.Book, opt layouts.Options) (map[string]layouts.File, []string, diag.List) {
	t.Helper()
	files, diags, err := layouts.Collect(context.Background(), New(), b, opt)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]layouts.File{}
	var order []string
	for _, f := range files {
		byPath[f.Path] = f
		order = append(order, f.Path)
	}
	return byPath, order, diags
}

// bundled is the bundled companion and every file it renders to on
// letter paper, drawn once for the tests that only read them (a render
// of it is among the slowest steps of the package's tests).
var bundled struct {
	once  sync.Once
	b     *book.Book
	files map[string]layouts.File
}

// bundledFiles renders the bundled companion, or returns the render an
// earlier test made. The files are shared: a test must not change them.
func bundledFiles(t *testing.T) (*book.Book, map[string]layouts.File) {
	t.Helper()
	if testing.Short() {
		t.Skip("renders the bundled companion")
	}
	bundled.once.Do(func() {
		b := booktest.SharedBundled(t)
		files, _, _ := renderFiles(t, b, options(layouts.All, "letter", false))
		bundled.b, bundled.files = b, files
	})
	if bundled.files == nil {
		t.Fatal("the bundled companion did not render (see the first test that asked for it)")
	}
	return bundled.b, bundled.files
}

// printing is a paper in a profile, as a test lays pages out.
type printing struct {
	paper   string
	profile layouts.Profile
}

func (p printing) String() string { return p.paper + p.profile.Suffix() }

var (
	// letterOnly is letter paper in the standard profile.
	letterOnly = []printing{{"letter", layouts.Standard}}
	// bothPapers is letter and A4 in the standard profile.
	bothPapers = []printing{{"letter", layouts.Standard}, {"a4", layouts.Standard}}
	// bothProfiles is letter, standard and in large print.
	bothProfiles = []printing{{"letter", layouts.Standard}, {"letter", layouts.LargePrint}}
	// everyPrinting is both papers in both profiles.
	everyPrinting = []printing{{"letter", layouts.Standard}, {"a4", layouts.Standard}, {"letter", layouts.LargePrint}, {"a4", layouts.LargePrint}}
)

// testHandouts is the handouts of b printed on paper in profile p, set up
// as a render sets them up (its images, the footer's citation of its
// work), without hyphenation unless the test sets it.
func testHandouts(t *testing.T, b *book.Book, paper string, p layouts.Profile) *handouts {
	t.Helper()
	g := pageGeometry(paper, p)
	fonts := g.fonts
	opt := options(layouts.All, paper, true)
	opt.Profile = p
	h := &handouts{
		setter: &setter{fonts: fonts, g: g},
		b:      b, opt: opt,
		gl: &glyphs{fonts: fonts, diags: &diag.List{}, seen: map[string]bool{}},
	}
	var err error
	if h.images, err = prepareImages(b, g.measure()*g.scale); err != nil {
		t.Fatal(err)
	}
	h.useWorkCite(h.workEntry())
	h.untitledHeads = [2]bool{h.untitled(false), h.untitled(true)}
	h.headH = h.headsDepth()
	h.footH = height(h.foot(h.label("handout-number", "n", "1"))())
	return h
}

// fixtureCiting is the full fixture's handouts on letter paper
// (fixtureHandouts) with the reference of its work changed by edit
// before they are set up, so that the footers cite the work as edited.
func fixtureCiting(t *testing.T, edit func(r *cite.Reference)) *handouts {
	t.Helper()
	b := booktest.OpenFixture(t, "full", true)
	edit(b.WorkReference())
	return testHandouts(t, b, "letter", layouts.Standard)
}

// forBundledHandouts runs f, as a subtest named for each printing, on the
// bundled companion's handouts in each of prints. The book is shared by
// the package's tests (booktest.SharedBundled): f must not change it; a
// test that does opens its own and calls testHandouts.
func forBundledHandouts(t *testing.T, prints []printing, f func(t *testing.T, h *handouts)) {
	t.Helper()
	b := booktest.SharedBundled(t)
	for _, p := range prints {
		t.Run(p.String(), func(t *testing.T) { f(t, testHandouts(t, b, p.paper, p.profile)) })
	}
}

// pageIndex is the page each row of pages is on, by its index in pages.
func pageIndex(pages []*pageLayout) map[*row]int {
	on := map[*row]int{}
	for i, p := range pages {
		for _, r := range p.rows {
			on[r] = i
		}
	}
	return on
}

// flat is s with each run of white space one space, as text pulled from
// a PDF is compared with its source.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// tool is the path of a PDF tool; CI installs them all (poppler-utils,
// qpdf), and there a missing one fails the test.
func tool(t testing.TB, name string) string {
	t.Helper()
	return needs.Tool(t, name, "apt-get install poppler-utils qpdf")
}

// run runs a validator on PDF data and returns its standard output.
func runTool(t testing.TB, data []byte, name string, args ...string) string {
	t.Helper()
	bin := tool(t, name)
	f := filepath.Join(t.TempDir(), "file.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, append(args, f)...)
	if name == "pdftotext" {
		cmd = exec.Command(bin, append(append(args, f), "-")...)
	}
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// pdftotext extracts the text layer as UTF-8.
func pdftotext(t testing.TB, data []byte, args ...string) string {
	return runTool(t, data, "pdftotext", append([]string{"-enc", "UTF-8"}, args...)...)
}

// outline is a file's bookmarks as qpdf reads them: one line per entry,
// indented by depth, with the page it opens.
func outline(t testing.TB, data []byte) string {
	out := runTool(t, data, "qpdf", "--json=2", "--json-key=outlines")
	var doc struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func([]outlineJSON, int)
	walk = func(list []outlineJSON, depth int) {
		for _, o := range list {
			fmt.Fprintf(&b, "%s%s → page %d\n", strings.Repeat("  ", depth), o.Title, o.Page)
			walk(o.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	return b.String()
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}

// golden compares got with testdata/golden/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	booktest.Golden(t, filepath.Join("testdata", "golden", name), got)
}

// forBundledPackets runs each on both packets of the bundled companion,
// the students' and then the teacher's, as the sections they lay out
// (packetSections), in each printing of prints.
func forBundledPackets(t *testing.T, prints []printing, each func(t *testing.T, h *handouts, teacher bool, names []string, sections []*section)) {
	t.Helper()
	forBundledHandouts(t, prints, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			names, sections := packetSections(h, teacher)
			each(t, h, teacher, names, sections)
		}
	})
}
