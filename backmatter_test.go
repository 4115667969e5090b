package companion

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
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
