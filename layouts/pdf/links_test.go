package pdf

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// fileLink is a link annotation read back from a file.
type fileLink struct {
	page     int        // 1-based page it is on
	rect     [4]float64 // points, PDF coordinates
	uri      string     // a web link's address
	dest     int        // a jump's page, 1-based; 0 for a web link
	contents string
}

// readLinks reads every link annotation of a file with pdfobj.
func readLinks(t *testing.T, data []byte) []fileLink {
	t.Helper()
	f, err := pdfobj.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := f.Get(f.Trailer, "Root").(pdfobj.Dict)
	pages, _ := f.Get(root, "Pages").(pdfobj.Dict)
	kids, _ := pages.Get("Kids").(pdfobj.Array)
	pageNo := map[int]int{}
	for i, k := range kids {
		pageNo[k.(pdfobj.Ref).Num] = i + 1
	}
	num := func(o pdfobj.Object) float64 {
		switch v := o.(type) {
		case pdfobj.Integer:
			return float64(v)
		case pdfobj.Real:
			return float64(v)
		}
		t.Fatalf("%v is not a number", o)
		return 0
	}
	var out []fileLink
	for i, k := range kids {
		pd, _ := f.Resolve(k)
		annots, _ := f.Get(pd.(pdfobj.Dict), "Annots").(pdfobj.Array)
		for _, a := range annots {
			ad, _ := f.Resolve(a)
			d := ad.(pdfobj.Dict)
			if d.Get("Subtype") != pdfobj.Name("Link") {
				continue
			}
			l := fileLink{page: i + 1}
			r := d.Get("Rect").(pdfobj.Array)
			for j := range l.rect {
				l.rect[j] = num(r[j])
			}
			if c, ok := d.Get("Contents").(pdfobj.String); ok {
				l.contents = c.Text()
			}
			if dest, ok := d.Get("Dest").(pdfobj.Array); ok {
				l.dest = pageNo[dest[0].(pdfobj.Ref).Num]
				if l.dest == 0 {
					t.Errorf("page %d: a link to %v, which is no page of the file", i+1, dest[0])
				}
			} else if act, ok := d.Get("A").(pdfobj.Dict); ok && act.Get("S") == pdfobj.Name("URI") {
				l.uri = string(act.Get("URI").(pdfobj.String))
			} else {
				t.Errorf("page %d: a link that leads nowhere: %v", i+1, d)
			}
			out = append(out, l)
		}
	}
	return out
}

// TestLinks checks that the contents, the cross-references and the web
// addresses are links, each where its words are printed.
func TestLinks(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	for _, paper := range []string{"letter", "a4"} {
		files, _, _ := renderFiles(t, b, options(layouts.All, paper, true))
		for _, path := range []string{"elodie-s-odyssey-handouts.pdf", "elodie-s-odyssey-teacher.pdf"} {
			data := files[path].Data
			links := readLinks(t, data)
			starts := map[string]int{} // bookmark title → page
			for _, line := range strings.Split(outline(t, data), "\n") {
				if title, page, ok := strings.Cut(line, " → page "); ok && !strings.HasPrefix(title, " ") {
					starts[title], _ = strconv.Atoi(page)
				}
			}
			// The contents: every entry's title, number and page lead to
			// its first page.
			want := map[string]int{}
			for _, c := range b.Chapters {
				want[c.Title] = starts[fmt.Sprintf("%d. %s", c.Number, c.Title)]
			}
			if strings.Contains(path, "teacher") {
				for _, a := range []string{"Curriculum map", "Quotation index", "Works cited"} {
					want[a] = starts[a]
				}
			}
			for title, page := range want {
				if page == 0 {
					t.Fatalf("%s: no bookmark for %q", path, title)
				}
				found := slices.ContainsFunc(links, func(l fileLink) bool { return l.page == 1 && l.contents == title && l.dest == page })
				if !found {
					t.Errorf("%s (%s): the contents entry %q is no link to page %d; links on page 1: %v", path, paper, title, page, onPage(links, 1))
				}
			}
			// A cross-reference to another chapter jumps to its handout
			// (a link that wraps is an annotation for each of its lines).
			voyage := starts["2. The Voyage"]
			if !slices.ContainsFunc(links, func(l fileLink) bool {
				return l.page > 1 && l.dest == voyage && strings.Contains(l.contents, "voyage")
			}) {
				t.Errorf("%s (%s): “the voyage chapter” is no link to page %d: %v", path, paper, voyage, links)
			}
			// Web addresses in the text.
			for _, uri := range []string{"https://example.org/xenia", "https://example.org/glossary"} {
				if !slices.ContainsFunc(links, func(l fileLink) bool { return l.uri == uri }) {
					t.Errorf("%s (%s): no link to %s", path, paper, uri)
				}
			}
			checkLinksOverWords(t, path, data, links)
		}
		teacher := readLinks(t, files["elodie-s-odyssey-teacher.pdf"].Data)
		if !slices.ContainsFunc(teacher, func(l fileLink) bool {
			return l.uri == "https://example.org/dupont-2019" && l.contents == "https://example.org/dupont-2019"
		}) {
			t.Errorf("(%s) the works cited do not link Dupont's URL: %v", paper, teacher)
		}
		// A single handout keeps its web links and drops jumps to pages it
		// does not have.
		single := readLinks(t, files["handouts/01-introduction.pdf"].Data)
		for _, l := range single {
			if l.uri == "" && l.dest == 0 {
				t.Errorf("(%s) handouts/01-introduction.pdf: a link that leads nowhere: %+v", paper, l)
			}
		}
		if slices.ContainsFunc(single, func(l fileLink) bool { return strings.Contains(l.contents, "voyage chapter") }) {
			t.Errorf("(%s) handouts/01-introduction.pdf links to the voyage handout, which it does not hold", paper)
		}
	}
}

var bboxPageRE = regexp.MustCompile(`height="([\d.]+)"`)

// bboxWordX is a word as pdftotext -bbox places it, in points from the
// page's top left corner.
type bboxWordX struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	pageH                  float64
	text                   string
}

func bboxWordsX(t *testing.T, data []byte) []bboxWordX {
	out := pdftotext(t, data, "-bbox")
	var words []bboxWordX
	for i, page := range strings.Split(out, "<page ")[1:] {
		h := 0.0
		if m := bboxPageRE.FindStringSubmatch(page); m != nil {
			h, _ = strconv.ParseFloat(m[1], 64)
		}
		for _, m := range bboxWordRE.FindAllStringSubmatch(page, -1) {
			w := bboxWordX{page: i + 1, pageH: h, text: html.UnescapeString(m[5])}
			w.xMin, _ = strconv.ParseFloat(m[1], 64)
			w.yMin, _ = strconv.ParseFloat(m[2], 64)
			w.xMax, _ = strconv.ParseFloat(m[3], 64)
			w.yMax, _ = strconv.ParseFloat(m[4], 64)
			words = append(words, w)
		}
	}
	return words
}

func onPage(links []fileLink, page int) []fileLink {
	var out []fileLink
	for _, l := range links {
		if l.page == page {
			out = append(out, l)
		}
	}
	return out
}

// checkLinksOverWords checks that each link's area covers the words it
// names, as pdftotext places them.
func checkLinksOverWords(t *testing.T, path string, data []byte, links []fileLink) {
	t.Helper()
	words := bboxWordsX(t, data)
	hPt := 0.0
	if len(words) > 0 {
		hPt = words[0].pageH
	}
	for _, l := range links {
		first := strings.Fields(l.contents)
		if len(first) == 0 {
			t.Errorf("%s page %d: a link without /Contents", path, l.page)
			continue
		}
		// The link's first word lies inside its area (pdftotext measures
		// from the top of the page, PDF from the bottom).
		inside := slices.ContainsFunc(words, func(w bboxWordX) bool {
			if w.page != l.page || !strings.HasPrefix(w.text, first[0]) {
				return false
			}
			cx, cy := (w.xMin+w.xMax)/2, hPt-(w.yMin+w.yMax)/2
			return cx >= l.rect[0] && cx <= l.rect[2] && cy >= l.rect[1] && cy <= l.rect[3]
		})
		if !inside {
			t.Errorf("%s page %d: the link %q is not over its words (area %v)", path, l.page, l.contents, l.rect)
		}
	}
}
