package site

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

func options() layouts.Options {
	return layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(1763683200, 0).UTC(), Version: "test"}
}

func build(t *testing.T, b *book.Book, ed layouts.Edition) Site {
	t.Helper()
	s, _, err := Build(context.Background(), b, options(), ed)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pages are a site's HTML files.
func pages(s Site) []string {
	var out []string
	for _, p := range s.Paths() {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	return out
}

// TestGolden keeps every page of both editions of the fixture, the search
// index and the cover.
func TestGolden(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		for _, p := range s.Paths() {
			if strings.HasSuffix(p, ".html") || p == indexFile || p == coverFile {
				booktest.Golden(t, path.Join("testdata/golden", string(ed), p), string(s[p]))
			}
		}
	}
}

// TestStudentSiteHasNoGuidance: no word of any question's guidance, nor
// its heading, nor the fixture's ::: teacher text, is anywhere in the
// student site, search index included; the teacher site has them all.
func TestStudentSiteHasNoGuidance(t *testing.T) {
	for _, b := range []*book.Book{booktest.OpenFixture(t, "full", true), booktest.Bundled(t, book.Options{})} {
		student, teacher := build(t, b, layouts.Student), build(t, b, layouts.Teacher)
		all := func(s Site) string {
			var w strings.Builder
			for _, p := range s.Paths() {
				w.Write(s[p])
			}
			return w.String()
		}
		st, te := all(student), all(teacher)
		probes := 0
		for _, c := range b.Chapters {
			for _, q := range c.Questions {
				words := strings.Fields(bodyText(q.Guidance))
				if len(words) < 6 {
					continue
				}
				probe := strings.Join(words[:6], " ")
				probes++
				if strings.Contains(st, probe) || strings.Contains(st, esc(probe)) {
					t.Errorf("%s: the student site shows %s's guidance %q", b.Title, q.ID, probe)
				}
				if !strings.Contains(te, esc(probe)) {
					t.Errorf("%s: the teacher site lacks %s's guidance %q", b.Title, q.ID, probe)
				}
			}
		}
		// The fixture's ::: teacher text.
		if line := "Spend the first lesson on the proem alone"; strings.Contains(te, line) {
			probes++
			if strings.Contains(st, line) {
				t.Errorf("%s: the student site shows the teacher-only text %q", b.Title, line)
			}
		}
		if probes == 0 {
			t.Errorf("%s: no guidance to look for", b.Title)
		}
		if h := esc(b.Labels.Get("teacher-guidance")); strings.Contains(st, h) {
			t.Errorf("%s: the student site says %q", b.Title, h)
		}
	}
}

var (
	attrRE = regexp.MustCompile(`\s(href|src|action)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestEveryLinkLeadsInsideTheSite: each page is well-formed (XHTML syntax,
// so it reads as XML and as HTML), every href, src and form action is a
// web address or a file of the site, every fragment names an id of its
// page, and each page carries the policy that keeps requests on the page.
func TestEveryLinkLeadsInsideTheSite(t *testing.T) {
	for _, b := range []*book.Book{booktest.OpenFixture(t, "full", true), booktest.Bundled(t, book.Options{})} {
		for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
			s := build(t, b, ed)
			ids := map[string]map[string]bool{}
			for _, p := range pages(s) {
				ids[p] = map[string]bool{}
				for _, m := range idRE.FindAllStringSubmatch(string(s[p]), -1) {
					ids[p][m[1]] = true
				}
			}
			for _, p := range pages(s) {
				page := string(s[p])
				if err := wellFormed(s[p]); err != nil {
					t.Errorf("%s %s: %v", ed, p, err)
				}
				if !strings.Contains(page, `http-equiv="Content-Security-Policy" content="`+csp+`"`) {
					t.Errorf("%s %s: no Content-Security-Policy", ed, p)
				}
				for _, m := range attrRE.FindAllStringSubmatch(page, -1) {
					ref := strings.ReplaceAll(m[2], "&amp;", "&")
					u, err := url.Parse(ref)
					if err != nil {
						t.Errorf("%s %s: %s=%q: %v", ed, p, m[1], ref, err)
						continue
					}
					if u.Scheme != "" {
						if m[1] != "href" || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") {
							t.Errorf("%s %s: %s=%q leads off the site", ed, p, m[1], ref)
						}
						continue
					}
					target := p
					if u.Path != "" {
						target = path.Join(path.Dir(p), u.Path)
					}
					if _, ok := s[target]; !ok {
						t.Errorf("%s %s: %s=%q: no file %s in the site", ed, p, m[1], ref, target)
						continue
					}
					if u.Fragment != "" && !ids[target][u.Fragment] {
						t.Errorf("%s %s: %s=%q: %s has no id %q", ed, p, m[1], ref, target, u.Fragment)
					}
				}
			}
		}
	}
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestSameBytes: two builds of a book give the same files.
func TestSameBytes(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	one, two := build(t, b, layouts.Teacher), build(t, b, layouts.Teacher)
	if len(one) != len(two) {
		t.Fatalf("%d files, then %d", len(one), len(two))
	}
	for p, data := range one {
		if !bytes.Equal(data, two[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestRenderPlacesEachEdition: the html format writes each edition's site
// in its own folder, and only the editions asked for.
func TestRenderPlacesEachEdition(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	opt := options()
	opt.Edition = layouts.Student
	files, _, err := layouts.Collect(context.Background(), New(), b, opt)
	if err != nil {
		t.Fatal(err)
	}
	slug := b.Slug()
	for _, f := range files {
		if !strings.HasPrefix(f.Path, slug+"-site/") || f.Edition != layouts.Student {
			t.Errorf("%s (%s) in a student build", f.Path, f.Edition)
		}
	}
	if len(files) != len(build(t, b, layouts.Student)) {
		t.Errorf("%d files, want the student site's", len(files))
	}
}

// TestStudentSiteHasNoTeacherOnlyText: a ::: teacher block, its heading
// and the footnote only it calls are on the teacher site and nowhere in
// the student site, search index included.
func TestStudentSiteHasNoTeacherOnlyText(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "../epub/testdata/toolkit.txtar"), book.Options{})
	student, teacher := build(t, b, layouts.Student), build(t, b, layouts.Teacher)
	for _, secret := range []string{"TEACHER-ONLY-TEXT", "TEACHER-ONLY-NOTE", "Handling loss"} {
		inTeacher := false
		for _, p := range student.Paths() {
			if strings.Contains(string(student[p]), secret) {
				t.Errorf("the student site's %s has %q", p, secret)
			}
		}
		for _, p := range teacher.Paths() {
			inTeacher = inTeacher || strings.Contains(string(teacher[p]), secret)
		}
		if !inTeacher {
			t.Errorf("the teacher site lacks %q", secret)
		}
	}
}

// TestRoomToAnswer: on both editions of the bundled site, an open or
// short-answer question leaves room to write its answer (which prints),
// and a multiple-choice or true-false question none: its choices are
// where it is answered.
func TestRoomToAnswer(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	formats := map[string]int{}
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		for _, c := range b.Chapters {
			page := string(s[chapterPage(c)])
			for _, q := range c.Questions {
				start := strings.Index(page, `<li id="question-`+q.ID+`">`)
				if start < 0 {
					t.Fatalf("%s: no question %s", chapterPage(c), q.ID)
				}
				item := page[start+1:]
				if end := regexp.MustCompile(`<li id="question-|</ol>\n</section>`).FindStringIndex(item); end != nil {
					item = item[:end[0]]
				}
				want := q.Format != book.AnswerMultipleChoice && q.Format != book.AnswerTrueFalse
				if got := strings.Contains(item, `class="answer-space`); got != want {
					t.Errorf("%s, %s question %s: room to answer is %v, want %v", ed, q.Format, q.ID, got, want)
				}
				formats[q.Format]++
			}
		}
	}
	for _, f := range []string{book.AnswerOpen, book.AnswerMultipleChoice, book.AnswerTrueFalse} {
		if formats[f] == 0 {
			t.Errorf("the bundled companion has no %s question: the test proves nothing about them", f)
		}
	}
}

// TestToolkitGolden keeps the toolkit fixture's toolkit pages, its landing
// page and a chapter page whose terms link to the glossary, both
// editions.
func TestToolkitGolden(t *testing.T) {
	b := booktest.OpenFixture(t, "toolkit", false)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		for _, p := range []string{landingPage, "chapters/arrival.html", "glossary.html", "characters.html", "timeline.html",
			"theme-tracker.html", "rubrics.html", "pacing.html"} {
			if data, ok := s[p]; ok {
				booktest.Golden(t, path.Join("testdata/golden/toolkit", string(ed), p), string(data))
			}
		}
	}
}

// TestToolkitPages: the student site has the glossary, the characters and
// the timeline; the teacher site also the theme tracker, the rubrics and
// the pacing calendars; each is linked from the landing page's contents,
// under a heading of its own (Reference, For the teacher) that keeps them
// apart from the handouts, and found by the search, and a chapter's
// first use of a term links to its entry in the glossary.
func TestToolkitPages(t *testing.T) {
	b := booktest.OpenFixture(t, "toolkit", false)
	all := []string{"glossary.html", "characters.html", "timeline.html", "theme-tracker.html", "rubrics.html", "pacing.html"}
	for _, tc := range []struct {
		ed      layouts.Edition
		want    int // how many of all the edition has
		heading string
	}{{layouts.Student, 3, "Reference"}, {layouts.Teacher, 6, "For the teacher"}} {
		s := build(t, b, tc.ed)
		landing, index := string(s[landingPage]), string(s[indexFile])
		if want := "</ol>\n<h3>" + tc.heading + "</h3>\n<ul class=\"back-matter\">\n<li><a href=\"glossary.html\">"; !strings.Contains(landing, want) {
			t.Errorf("%s site: the landing page's contents lack %q", tc.ed, want)
		}
		for i, p := range all {
			_, has := s[p]
			if has != (i < tc.want) {
				t.Errorf("%s site: has %s is %v, want %v", tc.ed, p, has, i < tc.want)
			}
			if !has {
				continue
			}
			if !strings.Contains(landing, `href="`+p+`"`) {
				t.Errorf("%s site: the landing page does not link to %s", tc.ed, p)
			}
			if !strings.Contains(index, `"u":"`+p+`"`) {
				t.Errorf("%s site: the search index has no entry for %s", tc.ed, p)
			}
		}
		if !regexp.MustCompile(`<a class="term" href="\.\./glossary\.html#term-[a-z-]+">`).MatchString(string(s["chapters/arrival.html"])) {
			t.Errorf("%s site: chapters/arrival.html links no term to the glossary", tc.ed)
		}
		if !regexp.MustCompile(`<dt><dfn id="term-`).MatchString(string(s["glossary.html"])) {
			t.Errorf("%s site: the glossary has no dfn with an id", tc.ed)
		}
	}
}

// TestRenderHandsOverEachFileOnce: the html format hands over the same
// files as Build, each once, even when the project's cover is also a
// chapter's picture.
func TestRenderHandsOverEachFileOnce(t *testing.T) {
	var pic bytes.Buffer
	png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 4)))
	fsys := fstest.MapFS{
		"companion.yaml":   {Data: []byte("title: T\nwork: w\nauthors: [A]\ncover: images/c.png\ncontents: [chapters/01-a.md]\n")},
		"references.yaml":  {Data: []byte("- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], issued: \"1900\"}\n")},
		"chapters/01-a.md": {Data: []byte("---\ntitle: A\n---\n![The cover](images/c.png)\n\nText [@w].\n")},
		"images/c.png":     {Data: pic.Bytes()},
	}
	b, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		t.Fatal(d)
	}
	files, _, err := layouts.Collect(context.Background(), New(), b, options())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f.Path] {
			t.Errorf("%s handed over twice", f.Path)
		}
		seen[f.Path] = true
	}
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		for _, p := range s.Paths() {
			if !seen[Folder(b, ed)+"/"+p] {
				t.Errorf("%s/%s is in the %s site but was not handed over", Folder(b, ed), p, ed)
			}
		}
		if !seen[Folder(b, ed)+"/images/c.png"] {
			t.Errorf("the %s site has no cover", ed)
		}
	}
}

// TestBackPagesPaged: each page of the back matter (the toolkit's, the
// answer key, the curriculum map, the quotation index, the works cited)
// links to the one before and after it in the contents' order, as a
// chapter's pager does; the first has no previous, the last no next.
func TestBackPagesPaged(t *testing.T) {
	toolkit := []string{"glossary.html", "characters.html", "timeline.html", "theme-tracker.html", "rubrics.html", "pacing.html"}
	for _, tc := range []struct {
		name  string
		b     *book.Book
		pages []string
	}{
		{"toolkit", booktest.OpenFixture(t, "toolkit", false), slices.Concat(toolkit, []string{mapPage, quotesPage, worksPage})}, // no answers to key
		{"bundled", booktest.Bundled(t, book.Options{}), slices.Concat(toolkit, []string{keyPage, mapPage, quotesPage, worksPage})},
	} {
		s, pages := build(t, tc.b, layouts.Teacher), tc.pages
		for i, p := range pages {
			page := string(s[p])
			if got := strings.Contains(page, `rel="prev"`); got != (i > 0) || i > 0 && !strings.Contains(page, `<a href="`+pages[i-1]+`" rel="prev">`) {
				t.Errorf("%s %s: its previous page is not %v", tc.name, p, pages[max(i-1, 0)])
			}
			if got := strings.Contains(page, `rel="next"`); got != (i+1 < len(pages)) || i+1 < len(pages) && !strings.Contains(page, `<a href="`+pages[i+1]+`" rel="next">`) {
				t.Errorf("%s %s: its next page is not %v", tc.name, p, pages[min(i+1, len(pages)-1)])
			}
		}
	}
}

// TestAnswerKeyPage: the bundled companion's teacher site has the answer
// key the teacher EPUB has, listed with the back matter, opening by
// saying which handouts it answers, naming and linking each question and
// giving its answer in the keys' one pattern ("Answer: B. …"); the student
// site has none.
func TestAnswerKeyPage(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	s := build(t, b, layouts.Teacher)
	key := string(s[keyPage])
	if key == "" {
		t.Fatal("the teacher site has no " + keyPage)
	}
	if !strings.Contains(string(s[landingPage]), `<li><a href="`+keyPage+`">Answer key</a></li>`) {
		t.Error("the landing page does not list the answer key")
	}
	if want := "<h1>Answer key</h1>\n<p class=\"key-covers\">Answers to the questions of Handouts\u00A03–5</p>"; !strings.Contains(key, want) {
		t.Errorf("the answer key does not open with %q", want)
	}
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			link := fmt.Sprintf(`<p class="key-question"><a href="chapters/%s.html#question-%s">Handout %d · Q%d</a></p>`, c.ID, q.ID, c.Number, q.Number)
			if got := strings.Contains(key, link); got != q.HasAnswer() {
				t.Errorf("%s: %s %v, want %v", q.ID, link, got, q.HasAnswer())
			}
			if !q.HasAnswer() || q.Answer != nil {
				continue
			}
			item, _, _ := strings.Cut(key[strings.Index(key, link)+len(link):], "</li>")
			if want := `<p class="key-answer"><span class="detail-label">Answer:</span> <strong>`; !strings.Contains(item, want) {
				t.Errorf("%s: the answer does not start %q:\n%s", q.ID, want, item)
			}
		}
	}
	if _, ok := build(t, b, layouts.Student)[keyPage]; ok {
		t.Error("the student site has an answer key")
	}
}

// TestChapterSaysWhatItCovers: under a chapter's title, as a paragraph
// and not a heading, each site says which parts of the novel the chapter
// discusses in the words of its printed handout (and of the EPUB), and
// again where its questions start.
func TestChapterSaysWhatItCovers(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		for _, tc := range []struct{ page, covers string }{
			{"chapters/author-and-novel.html", "Spoiler-free: covers none of the story’s events"},
			{"chapters/hailsham-plot.html", "Covers Part One"},
			{"chapters/cottages-plot.html", "Covers Part One and Part Two"},
		} {
			page := string(s[tc.page])
			line := `<p class="spoiler-level">` + tc.covers + "</p>\n"
			if !strings.Contains(page, "</h1>\n"+line+"</header>") {
				t.Errorf("%s %s: no %q under its title", ed, tc.page, line)
			}
			if !strings.Contains(page, `<h2 id="discussion-questions">Discussion questions</h2>`+"\n"+line) {
				t.Errorf("%s %s: no %q opening its questions", ed, tc.page, line)
			}
		}
	}
}

// TestStyleSheetURLsServed: every file the style sheets name (the book
// face's @font-face sources) is in each site, and the font's licence
// beside it.
func TestStyleSheetURLsServed(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		urls := 0
		for _, css := range []string{readingFile, styleFile} {
			for _, m := range cssURL.FindAllStringSubmatch(string(s[css]), -1) {
				urls++
				if _, ok := s[path.Join(path.Dir(css), m[1])]; !ok {
					t.Errorf("%s %s names %s, which is not in the site", ed, css, m[1])
				}
			}
		}
		if urls != 4 {
			t.Errorf("%s: the style sheets name %d files, want the 4 styles of the book face", ed, urls)
		}
		if !strings.Contains(string(s[fontsDir+"OFL.txt"]), "SIL Open Font License") {
			t.Errorf("%s: no licence beside the fonts", ed)
		}
	}
}

var cssURL = regexp.MustCompile(`url\("([^"]+)"\)`)

// TestCurriculumMapTeacherOnly: the curriculum map is the teacher's, on
// the site as in the PDF: the teacher's site has the page and links to
// it; the student's has neither.
func TestCurriculumMapTeacherOnly(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		s := build(t, b, ed)
		page, linked := false, false
		for _, p := range s.Paths() {
			if p == "curriculum-map.html" {
				page = true
			}
		}
		for _, p := range pages(s) {
			if strings.Contains(string(s[p]), `href="curriculum-map.html"`) {
				linked = true
			}
		}
		if want := ed == layouts.Teacher; page != want || linked != want {
			t.Errorf("%s site: curriculum map page %v, linked %v; want %v", ed, page, linked, want)
		}
	}
}
