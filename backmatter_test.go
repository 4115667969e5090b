package companion

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/internal/needs"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/epub"
	"github.com/companion-dev/companion/layouts/pdf"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/site"
	"github.com/companion-dev/companion/layouts/toolkit"
)

// TestBackMatterAgrees: the EPUB's navigation, the site's contents and
// the PDF packet's bookmarks list the same back matter, the sections
// toolkit.BackMatter gives, in the same order, in both editions of the
// bundled companion and of a fixture that lacks most sections. The
// formats once decided it apart, and the teacher packet set its
// sections in an order of its own and printed an empty curriculum map,
// quotation index and works cited where the book had none.
func TestBackMatterAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the bundled companion in three formats")
	}
	sparse := booktest.MustOpen(t, booktest.Fixture(t, "testdata/backmatter/sparse.txtar"), book.Options{})
	bundled := booktest.Bundled(t, book.Options{})
	if a, b := len(toolkit.BackMatter(sparse, true)), len(toolkit.BackMatter(bundled, true)); a < 3 || a > b-4 {
		t.Fatalf("the fixture's teacher back matter has %d sections, the bundled companion's %d: the fixture should lack some and keep some", a, b)
	}
	for _, b := range []*book.Book{bundled, sparse} {
		opt := layouts.Options{Edition: layouts.All, Paper: "letter", Date: booktest.Date}
		files := map[string][]byte{}
		for _, l := range []layouts.Layout{epub.New(), site.New(), pdf.New()} {
			out, _, err := layouts.Collect(context.Background(), l, b, opt)
			if err != nil {
				t.Fatalf("%s: %s: %v", b.Title, l.Name(), err)
			}
			for _, f := range out {
				files[f.Path] = f.Data
			}
		}
		for _, ed := range []struct {
			teacher                  bool
			epub, site, pdf, edition string
		}{
			{false, b.Slug() + ".epub", b.Slug() + "-site/index.html", b.Slug() + "-handouts.pdf", "student"},
			{true, b.Slug() + "-teacher.epub", b.Slug() + "-teacher-site/index.html", b.Slug() + "-teacher.pdf", "teacher"},
		} {
			var want []string
			for _, s := range toolkit.BackMatter(b, ed.teacher) {
				want = append(want, s.Title)
			}
			for format, got := range map[string][]string{
				"EPUB": epubBackMatter(t, files[ed.epub]),
				"site": siteBackMatter(t, files[ed.site]),
				"PDF":  pdfBackMatter(t, files[ed.pdf], len(b.Chapters), b.Labels.Get("answer-key")),
			} {
				if !slices.Equal(got, want) {
					t.Errorf("%s, %s edition: the %s's back matter is\n%q, want\n%q", b.Title, ed.edition, format, got, want)
				}
			}
		}
	}
}

// epubBackMatter is the titles of the EPUB's navigation entries after
// its chapters and parts: those with no number and no entries under
// them.
func epubBackMatter(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("EPUB/xhtml/contents.xhtml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var nav struct {
		Navs []struct {
			ID    string `xml:"id,attr"`
			Items []struct {
				A struct {
					Text  string `xml:",chardata"`
					Spans []struct {
						Class string `xml:"class,attr"`
					} `xml:"span"`
				} `xml:"a"`
				Sub []struct{} `xml:"ol"`
			} `xml:"ol>li"`
		} `xml:"body>nav"`
	}
	d := xml.NewDecoder(f)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&nav); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	var out []string
	for _, n := range nav.Navs {
		if n.ID != "toc" {
			continue
		}
		for _, li := range n.Items {
			if len(li.Sub) == 0 && !slices.ContainsFunc(li.A.Spans, func(s struct {
				Class string `xml:"class,attr"`
			}) bool {
				return s.Class == "number"
			}) {
				out = append(out, strings.TrimSpace(li.A.Text))
			}
		}
	}
	return out
}

var backMatterList = regexp.MustCompile(`(?s)<ul class="back-matter">(.*?)</ul>`)
var backMatterLink = regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a>`)

// siteBackMatter is the titles of the site's contents under its back
// matter's heading.
func siteBackMatter(t *testing.T, page []byte) []string {
	t.Helper()
	m := backMatterList.FindSubmatch(page)
	if m == nil {
		t.Fatalf("the site's landing page has no back matter list:\n%s", page)
	}
	var out []string
	for _, l := range backMatterLink.FindAllSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(string(l[1])))
	}
	return out
}

// pdfBackMatter is the titles of the packet's bookmarks after its cover's
// and its handouts', a handout's answer key ("Answer key · 3. Arrival")
// counted once as the answer key.
func pdfBackMatter(t *testing.T, data []byte, handouts int, answerKey string) []string {
	t.Helper()
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := f.Get(f.Trailer, "Root").(pdfobj.Dict)
	outlines, _ := f.Get(root, "Outlines").(pdfobj.Dict)
	var titles []string
	for item, _ := f.Get(outlines, "First").(pdfobj.Dict); item != nil; item, _ = f.Get(item, "Next").(pdfobj.Dict) {
		title, _ := f.Get(item, "Title").(pdfobj.String)
		titles = append(titles, title.Text())
	}
	if len(titles) < 1+handouts {
		t.Fatalf("the packet has %d bookmarks, fewer than its cover and %d handouts: %q", len(titles), handouts, titles)
	}
	var out []string
	for _, title := range titles[1+handouts:] {
		if strings.HasPrefix(title, answerKey+" · ") {
			title = answerKey
		}
		if len(out) == 0 || out[len(out)-1] != title {
			out = append(out, title)
		}
	}
	return out
}

// TestQuotationIndexAgrees: the quotation index of the EPUB, the site and
// the PDF packet names the handouts that discuss each quotation alike, in
// the PDF's short form ("Discussed in: Handouts 2, 3", the
// handout-numbers label), and in the EPUB and on the site each number
// links to the quotation in its handout, the handout's title the link's.
// The EPUB and the site once gave
// each handout's title too ("Handout 2, The Voyage; Handout 3,
// Homecoming").
func TestQuotationIndexAgrees(t *testing.T) {
	needs.Tool(t, "pdftotext", "apt-get install poppler-utils")
	fsys := booktest.Fixture(t, "layouts/pdf/testdata/full.txtar")
	// “My name is Nobody.” a key quotation of handout 3 as well as of 2
	booktest.Edit(t, fsys, "chapters/03-homecoming.md", "questions:\n", `  - id: nobody-again
    text: My name is Nobody.
    speaker: Odysseus
    cite: "@homer-odyssey, p. 243"
    verified: false
questions:
`)
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	opt := layouts.Options{Edition: layouts.Teacher, Paper: "letter", Date: booktest.Date}
	files := map[string][]byte{}
	for _, l := range []layouts.Layout{epub.New(), site.New(), pdf.New()} {
		out, _, err := layouts.Collect(context.Background(), l, b, opt)
		if err != nil {
			t.Fatalf("%s: %v", l.Name(), err)
		}
		for _, f := range out {
			files[f.Path] = f.Data
		}
	}
	l := b.Labels
	var want []string // each entry's line, as the PDF prints it
	for _, en := range b.QuotationIndex() {
		var numbers []string
		for _, q := range en.Quotes {
			numbers = append(numbers, strconv.Itoa(q.Chapter.Number))
		}
		where := l.Format("handout-number", "n", numbers[0])
		if len(numbers) > 1 {
			where = l.Format("handout-numbers", "n", strings.Join(numbers, l.Get("list-separator")))
		}
		want = append(want, l.Get("discussed-in")+" "+where)
	}
	if !slices.ContainsFunc(want, func(s string) bool { return strings.Contains(s, ",") }) {
		t.Fatal("no quotation of the fixture is discussed in two handouts")
	}

	epubIndex := string(zipEntry(t, files[b.Slug()+"-teacher.epub"], "EPUB/xhtml/"+toolkit.QuotationIndex+".xhtml"))
	siteIndex := string(files[b.Slug()+"-teacher-site/"+toolkit.QuotationIndex+".html"])
	for format, page := range map[string]string{"EPUB": epubIndex, "site": siteIndex} {
		var got []string
		for _, m := range whereLine.FindAllStringSubmatch(page, -1) {
			got = append(got, spaced(html.UnescapeString(markupTag.ReplaceAllString(m[1], ""))))
		}
		if !slices.Equal(got, want) {
			t.Errorf("the %s's index names the handouts\n%q\nwant the PDF's\n%q", format, got, want)
		}
	}
	for format, tc := range map[string]struct{ page, chapter string }{
		"EPUB": {epubIndex, "ch03-homecoming.xhtml"},
		"site": {siteIndex, "chapters/homecoming.html"},
	} {
		if link := `<a href="` + tc.chapter + `#quote-nobody-again" title="Handout 3 · Homecoming">3</a>`; !strings.Contains(tc.page, link) {
			t.Errorf("the %s's index has no %s, the number linked to the quotation in its handout, its title the handout's:\n%s", format, link, tc.page)
		}
	}

	// The PDF gives each handout's page as well ("Handouts 2 (p. 3), 3
	// (p. 5)", which layouts/pdf's TestCrossReferencesGivePages checks),
	// left out here.
	var got []string
	for _, line := range strings.Split(pdfToText(t, files[b.Slug()+"-teacher.pdf"]), "\n") {
		if strings.HasPrefix(line, l.Get("discussed-in")+" ") {
			got = append(got, spaced(pdfPage.ReplaceAllString(line, "")))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the PDF's index names the handouts\n%q\nwant\n%q", got, want)
	}
}

// whereLine is the line of an index entry of the EPUB or the site that
// names its handouts, label and all.
var whereLine = regexp.MustCompile(`<span class="where">((?:<span[^>]*>[^<]*</span>|[^<]|<a [^>]*>[^<]*</a>)*)</span>`)

var markupTag = regexp.MustCompile(`<[^>]*>`)

// pdfPage is the page a PDF's cross-reference gives, and the space
// before it.
var pdfPage = regexp.MustCompile(`\s\(p\.\s\d+\)`)

// spaced is s with every run of spaces, no-break ones too, one space.
func spaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// zipEntry is the entry name of a zip archive.
func zipEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pdfToText is a PDF's text as pdftotext reads it, a line of the page a
// line of text: in reading order, not content-stream order (-raw), which
// reads a cross-reference's page where each file draws it, at the page's
// end.
func pdfToText(t *testing.T, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
