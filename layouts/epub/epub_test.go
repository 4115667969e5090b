package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// unzipped returns the files of an EPUB by name.
func unzipped(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func buildFixture(t *testing.T, fixture string, draft bool, ed layouts.Edition) []byte {
	t.Helper()
	b := booktest.OpenFixture(t, fixture, draft)
	data, _, err := renderEdition(context.Background(), b, ed, options(ed, draft))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goldens are the text parts of the EPUB reviewed like code: the package
// document, the navigation document, the NCX and chapters.
var goldens = []struct {
	fixture string
	draft   bool
	edition layouts.Edition
	files   []string
}{
	{"full", true, layouts.Student, []string{"EPUB/package.opf", "EPUB/toc.ncx", "EPUB/xhtml/contents.xhtml",
		"EPUB/xhtml/ch01-introduction.xhtml", "EPUB/xhtml/ch02-voyage.xhtml", "EPUB/xhtml/title-page.xhtml",
		"EPUB/xhtml/quotation-index.xhtml", "EPUB/xhtml/works-cited.xhtml", "EPUB/images/cover.svg"}},
	{"full", true, layouts.Teacher, []string{"EPUB/package.opf", "EPUB/xhtml/ch02-voyage.xhtml", "EPUB/xhtml/curriculum-map.xhtml"}},
	{"small", false, layouts.Student, []string{"EPUB/package.opf", "EPUB/xhtml/contents.xhtml", "EPUB/xhtml/ch01-only.xhtml"}},
	{"cover", false, layouts.Student, []string{"EPUB/package.opf", "EPUB/toc.ncx", "EPUB/xhtml/contents.xhtml", "EPUB/xhtml/cover.xhtml",
		"EPUB/xhtml/title-page.xhtml", "EPUB/xhtml/ch01-chase.xhtml"}},
	{"toolkit", false, layouts.Student, []string{"EPUB/xhtml/contents.xhtml", "EPUB/xhtml/ch01-arrival.xhtml", "EPUB/xhtml/glossary.xhtml",
		"EPUB/xhtml/characters.xhtml", "EPUB/xhtml/timeline.xhtml"}},
	{"toolkit", false, layouts.Teacher, []string{"EPUB/xhtml/contents.xhtml", "EPUB/xhtml/ch01-arrival.xhtml", "EPUB/xhtml/glossary.xhtml",
		"EPUB/xhtml/theme-tracker.xhtml", "EPUB/xhtml/rubrics.xhtml", "EPUB/xhtml/pacing.xhtml"}},
	{"notes", false, layouts.Student, []string{"EPUB/xhtml/ch01-first.xhtml", "EPUB/xhtml/ch02-second.xhtml"}},
	{"notes", false, layouts.Teacher, []string{"EPUB/xhtml/ch01-first.xhtml"}},
	{"short", false, layouts.Student, []string{"EPUB/xhtml/ch01-first.xhtml", "EPUB/xhtml/ch02-second.xhtml"}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.fixture+"-"+string(g.edition), func(t *testing.T) {
			files := unzipped(t, buildFixture(t, g.fixture, g.draft, g.edition))
			for _, name := range g.files {
				got, ok := files[name]
				if !ok {
					t.Errorf("the EPUB has no %s", name)
					continue
				}
				booktest.Golden(t, filepath.Join("testdata", "golden", g.fixture+"-"+string(g.edition), filepath.FromSlash(name)), got)
			}
		})
	}
}

// TestDeterministic renders each fixture twice, in both editions, and
// wants the same bytes; it also checks what makes the container stable.
// With EPUB_TEST_OUT=DIR it leaves the books in DIR.
func TestDeterministic(t *testing.T) {
	for _, f := range fixtures {
		b := booktest.OpenFixture(t, f.name, f.draft)
		opt := options(layouts.All, f.draft)
		first, _, err := layouts.Collect(context.Background(), New(), b, opt)
		if err != nil {
			t.Fatal(err)
		}
		second, _, err := layouts.Collect(context.Background(), New(), b, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) != 2 || len(second) != 2 {
			t.Fatalf("%s: want two files, got %d and %d", f.name, len(first), len(second))
		}
		for i := range first {
			if dir := os.Getenv("EPUB_TEST_OUT"); dir != "" { // keep the books, to look at them
				if err := os.WriteFile(filepath.Join(dir, f.name+"-"+first[i].Path), first[i].Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(first[i].Data, second[i].Data) {
				t.Errorf("%s: two renders of %s differ", f.name, first[i].Path)
			}
			checkContainerAt(t, first[i].Data, booktest.Date)
		}
	}
}

func TestFileNames(t *testing.T) {
	b := booktest.OpenFixture(t, "small", false)
	for _, tc := range []struct {
		ed   layouts.Edition
		want []string
	}{
		{layouts.All, []string{"a-small-companion.epub", "a-small-companion-teacher.epub"}},
		{layouts.Student, []string{"a-small-companion.epub"}},
		{layouts.Teacher, []string{"a-small-companion-teacher.epub"}},
	} {
		files, _, err := layouts.Collect(context.Background(), New(), b, options(tc.ed, false))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("edition %s: got %v, want %v", tc.ed, got, tc.want)
		}
	}
	if New().Name() != "epub" {
		t.Errorf("Name() = %q", New().Name())
	}
}

// TestStudentHasNoGuidance: teacher guidance, and the question details
// that belong with it, appear only in the teacher edition.
func TestStudentHasNoGuidance(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		draft   bool
		secrets []string
	}{
		{"full", true, []string{"TEACHER-ONLY", "older versions say", "Teacher guidance", `class="guidance"`, "Bloom", "Inferential", "answer key drawn"}},
		{"small", false, []string{"Secret teacher note", "Teacher guidance", `class="guidance"`}},
	} {
		student := unzipped(t, buildFixture(t, tc.fixture, tc.draft, layouts.Student))
		teacher := unzipped(t, buildFixture(t, tc.fixture, tc.draft, layouts.Teacher))
		for _, secret := range tc.secrets {
			for name, text := range student {
				if strings.Contains(text, secret) {
					t.Errorf("%s student edition: %s contains %q", tc.fixture, name, secret)
				}
			}
			found := false
			for _, text := range teacher {
				found = found || strings.Contains(text, secret)
			}
			if !found {
				t.Errorf("%s teacher edition: nothing contains %q", tc.fixture, secret)
			}
		}
	}
}

// TestUnverifiedMarked: a draft marks an unverified quotation wherever it
// appears: its box, the evidence of a question, the quotation index.
func TestUnverifiedMarked(t *testing.T) {
	files := unzipped(t, buildFixture(t, "full", true, layouts.Student))
	for _, name := range []string{"EPUB/xhtml/ch02-voyage.xhtml", "EPUB/xhtml/quotation-index.xhtml"} {
		if n := strings.Count(files[name], ">unverified<"); n == 0 {
			t.Errorf("%s does not mark the unverified quotation", name)
		}
	}
	if n := strings.Count(files["EPUB/xhtml/ch02-voyage.xhtml"], ">unverified<"); n != 2 {
		t.Errorf("the voyage chapter marks %d places unverified, want 2 (the box and the evidence)", n)
	}
	if strings.Contains(files["EPUB/xhtml/ch01-introduction.xhtml"], "unverified") {
		t.Errorf("a verified quotation is marked unverified")
	}
}

// TestConcurrentRenders renders one book many times at once, as the driver
// renders the EPUB beside the PDF; with -race it proves no render writes
// into the shared book, whose documents every render reads.
func TestConcurrentRenders(t *testing.T) {
	b := booktest.OpenFixture(t, "full", true)
	var wg sync.WaitGroup
	out := make([][]layouts.File, 4)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			files, _, err := layouts.Collect(context.Background(), New(), b, options(layouts.All, true))
			if err != nil {
				t.Error(err)
			}
			out[i] = files
		}()
	}
	wg.Wait()
	for i := 1; i < len(out); i++ {
		for j := range out[0] {
			if !bytes.Equal(out[0][j].Data, out[i][j].Data) {
				t.Errorf("concurrent render %d of %s differs", i, out[0][j].Path)
			}
		}
	}
}

// The fonts bypass go-epub (see packedFonts): they must still reach the
// book whole, listed in the manifest where the style sheet looks for them.
func TestFontsEmbeddedWhole(t *testing.T) {
	files := unzipped(t, buildFixture(t, "small", false, layouts.Student))
	opf := files["EPUB/package.opf"]
	for _, style := range fontStyles {
		name := assets.Deflated(style).File
		got, ok := files["EPUB/fonts/"+name]
		if !ok {
			t.Errorf("%s is not in the container", name)
			continue
		}
		if got != string(assets.Font(style)) {
			t.Errorf("%s: %d bytes in the book, not the %d of the font", name, len(got), len(assets.Font(style)))
		}
		if !strings.Contains(opf, `href="fonts/`+name+`" media-type="font/ttf"`) {
			t.Errorf("%s is not in the manifest", name)
		}
		if !strings.Contains(string(styleSheet), `url("../fonts/`+name+`")`) {
			t.Errorf("the style sheet does not use %s", name)
		}
	}
}

// TestTeacherOnlyText: a ::: teacher block, its heading (in the contents
// too) and the footnote only it calls are in the teacher edition and in
// no document of the student edition.
func TestTeacherOnlyText(t *testing.T) {
	student := unzipped(t, buildFixture(t, "toolkit", false, layouts.Student))
	teacher := unzipped(t, buildFixture(t, "toolkit", false, layouts.Teacher))
	for _, secret := range []string{"TEACHER-ONLY-TEXT", "TEACHER-ONLY-NOTE", "Handling loss", `class="teacher-only"`} {
		for name, text := range student {
			if strings.Contains(text, secret) {
				t.Errorf("student edition: %s contains %q", name, secret)
			}
		}
		if !strings.Contains(teacher["EPUB/xhtml/ch01-arrival.xhtml"], secret) {
			t.Errorf("teacher edition: the chapter lacks %q", secret)
		}
	}
	if !strings.Contains(teacher["EPUB/xhtml/contents.xhtml"], "Handling loss") {
		t.Errorf("teacher edition: the contents lack the teacher-only section")
	}
}

// TestStyleForcesNoColour: the style sheet sets no colour and no
// background, so a reading system's night or sepia theme meets no pale
// box with pale text; borders take the text's colour, and so do links
// ("inherit", where the reading system's default would be blue).
func TestStyleForcesNoColour(t *testing.T) {
	forced := regexp.MustCompile(`(?m)(^|[{;\s])(color|background(-color|-image)?)\s*:\s*([^;}]*)`)
	for i, line := range strings.Split(string(styleSheet), "\n") {
		if slices.ContainsFunc(forced.FindAllStringSubmatch(line, -1), func(m []string) bool { return strings.TrimSpace(m[4]) != "inherit" }) {
			t.Errorf("style sheet line %d forces a colour: %s", i+1, strings.TrimSpace(line))
		}
	}
	for _, want := range []string{"text-align: left", "hyphens: auto", "overflow-wrap: break-word"} {
		if !strings.Contains(string(styleSheet), want) {
			t.Errorf("the style sheet lacks %q (ragged, hyphenated text; long addresses that wrap)", want)
		}
	}
}

// TestToolkitDocuments: the student edition has the glossary, characters
// and timeline and links a chapter's first use of each term (never in a
// heading or a link); the teacher edition adds the theme tracker, the
// rubrics and the pacing calendars, and lists its vocabulary by chapter.
func TestToolkitDocuments(t *testing.T) {
	student := unzipped(t, buildFixture(t, "toolkit", false, layouts.Student))
	teacher := unzipped(t, buildFixture(t, "toolkit", false, layouts.Teacher))
	for _, f := range []string{"glossary", "characters", "timeline", "theme-tracker", "rubrics", "pacing"} {
		_, inStudent := student["EPUB/xhtml/"+f+".xhtml"]
		_, inTeacher := teacher["EPUB/xhtml/"+f+".xhtml"]
		want := f == "glossary" || f == "characters" || f == "timeline"
		if inStudent != want || !inTeacher {
			t.Errorf("%s: in the student edition %v (want %v), in the teacher's %v", f, inStudent, want, inTeacher)
		}
	}
	ch := student["EPUB/xhtml/ch01-arrival.xhtml"]
	for _, want := range []string{
		`Ann climbs to the <a class="term" href="glossary.xhtml#term-lamp-room">lamp room</a> every night. The Lamp Room is cold`,
		`<a class="term" href="glossary.xhtml#term-keeper">keeper</a>’s log`,
		`<a href="#key-quotations">A link about the lamp room</a>`,
		`>The lamp room at night</h2>`,
		`The keeper is Ann now.`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter 1 lacks %q", want)
		}
	}
	if g := student["EPUB/xhtml/glossary.xhtml"]; !strings.Contains(g, `epub:type="glossary"`) || !strings.Contains(g, `<dt><dfn id="term-keeper">keeper</dfn>`) ||
		strings.Index(g, "term-keeper") > strings.Index(g, "term-lamp-room") {
		t.Errorf("the glossary is not an alphabetical dl of dfn:\n%s", g)
	}
	if !strings.Contains(student["EPUB/xhtml/contents.xhtml"], `epub:type="glossary" href="glossary.xhtml"`) {
		t.Errorf("the landmarks lack the glossary")
	}
}

// TestAnswerKey: the teacher EPUB of the bundled companion has an answer
// key, in its navigation, that opens by saying which handouts it answers,
// links each question by its handout and number and gives its answer in
// the pattern of the PDF keys ("Answer: B. …", "Answer: False"); the
// student EPUB has none.
func TestAnswerKey(t *testing.T) {
	b := bundled(t)
	teacher, _, err := renderEdition(context.Background(), b, layouts.Teacher, options(layouts.Teacher, false))
	if err != nil {
		t.Fatal(err)
	}
	files := unzipped(t, teacher)
	key, ok := files["EPUB/xhtml/answer-key.xhtml"]
	if !ok {
		t.Fatal("the teacher EPUB has no answer-key.xhtml")
	}
	if !strings.Contains(files["EPUB/xhtml/contents.xhtml"], `href="answer-key.xhtml"`) {
		t.Error("the contents do not list the answer key")
	}
	// The bundled companion's plot handouts, 3 to 5, end in quizzes.
	if want := `<h1 id="key-title">Answer key</h1>` + "\n" + "<p class=\"key-covers\">Answers to the questions of Handouts\u00A03–5</p>"; !strings.Contains(key, want) {
		t.Errorf("the answer key does not open with %q:\n%s", want, key)
	}
	answered := 0
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			if !q.HasAnswer() {
				continue
			}
			answered++
			link := fmt.Sprintf(`<p class="key-question"><a href="%s#question-%s">Handout %d · Q%d</a></p>`, fmt.Sprintf("ch%02d-%s.xhtml", c.Number, c.ID), q.ID, c.Number, q.Number)
			if !strings.Contains(key, link) {
				t.Errorf("the answer key does not name and link question %s: no %s", q.ID, link)
			}
			item, _, _ := strings.Cut(key[strings.Index(key, link)+len(link):], "</li>")
			if want := keyAnswerStart(q); !strings.Contains(item, want) {
				t.Errorf("question %s's answer does not start %q:\n%s", q.ID, want, item)
			}
		}
	}
	if answered == 0 {
		t.Fatal("the bundled companion has no question with an answer")
	}
	student, _, err := renderEdition(context.Background(), b, layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	for name := range unzipped(t, student) {
		if strings.Contains(name, "answer-key") {
			t.Errorf("the student EPUB has %s", name)
		}
	}
}

// keyAnswerStart is how an answer key's line for q starts, the answer's
// label and the start of the answer in bold: "Answer: <strong>B. ".
func keyAnswerStart(q *book.Question) string {
	label, answer := "Answer:", ""
	switch q.Format {
	case book.AnswerMultipleChoice:
		for i, c := range q.Choices {
			if c.Correct {
				answer = string(rune('A'+i)) + ". "
				break
			}
		}
	case book.AnswerTrueFalse:
		answer = map[bool]string{true: "True", false: "False"}[q.True] + "</strong>"
	case book.AnswerShort:
		if len(q.ShownAnswers()) > 1 {
			label = "Accepted answers:"
		}
		answer = q.ShownAnswers()[0]
	default:
		return `<p class="detail-label">Model answer</p>`
	}
	return `<p class="key-answer"><span class="detail-label">` + label + `</span> <strong>` + answer
}

// TestContentsNumbered: the contents and a part's page number each
// chapter as the printed contents and the site do ("2 The Voyage"), as the
// schemes of work and the curriculum map point to handouts by number; a
// part's page gives the part's name alone, never "Part I", which a reader
// takes for the work's own Part One.
func TestContentsNumbered(t *testing.T) {
	files := unzipped(t, buildFixture(t, "full", true, layouts.Student))
	for _, tc := range []struct{ file, want string }{
		{"EPUB/xhtml/contents.xhtml", `<a href="ch02-voyage.xhtml"><span class="number">2</span> The Voyage</a>`},
		{"EPUB/toc.ncx", `<text>2 The Voyage</text>`},
		{"EPUB/xhtml/part-1.xhtml", `<a href="ch02-voyage.xhtml"><span class="number">2</span> The Voyage</a>`},
		{"EPUB/xhtml/part-1.xhtml", `<h1 id="part-title">Reading the Poem</h1>`},
	} {
		if !strings.Contains(files[tc.file], tc.want) {
			t.Errorf("%s lacks %q:\n%s", tc.file, tc.want, files[tc.file])
		}
	}
	if p := files["EPUB/xhtml/part-1.xhtml"]; strings.Contains(p, "Part I") || strings.Contains(p, "part-number") {
		t.Errorf("the part's page numbers the part:\n%s", p)
	}
}

// TestChapterSaysWhatItCovers: under a chapter's title, as a paragraph
// and not a heading, each edition says which parts of the novel it
// discusses in the words of its printed handout, and again where its
// questions start.
func TestChapterSaysWhatItCovers(t *testing.T) {
	b := booktest.Bundled(t, book.Options{})
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		data, _, err := renderEdition(context.Background(), b, ed, options(ed, false))
		if err != nil {
			t.Fatal(err)
		}
		files := unzipped(t, data)
		for _, tc := range []struct{ file, covers string }{
			{"ch02-author-and-novel.xhtml", "Spoiler-free: covers none of the story’s events"},
			{"ch03-hailsham-plot.xhtml", "Covers Part One"},
			{"ch04-cottages-plot.xhtml", "Covers Part One and Part Two"},
		} {
			page := files["EPUB/xhtml/"+tc.file]
			line := `<p class="spoiler-level">` + tc.covers + "</p>\n"
			if !strings.Contains(page, "</h1>\n"+line+"</header>") {
				t.Errorf("%s %s: no %q under its title:\n%.600s", ed, tc.file, line, page)
			}
			if !strings.Contains(page, `<h2 id="discussion-questions">Discussion questions</h2>`+"\n"+line) {
				t.Errorf("%s %s: no %q opening its questions", ed, tc.file, line)
			}
		}
	}
}

// TestCurriculumMapTeacherOnly: the curriculum map is the teacher's, in
// the EPUB as in the PDF: the teacher's EPUB has it, in its spine and its
// navigation; the student's has neither the document nor an entry.
func TestCurriculumMapTeacherOnly(t *testing.T) {
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		files := unzipped(t, buildFixture(t, "full", true, ed))
		_, doc := files["EPUB/xhtml/curriculum-map.xhtml"]
		inNav := strings.Contains(files["EPUB/xhtml/contents.xhtml"], "curriculum-map.xhtml")
		inSpine := strings.Contains(files["EPUB/package.opf"], "curriculum-map.xhtml")
		if want := ed == layouts.Teacher; doc != want || inNav != want || inSpine != want {
			t.Errorf("%s EPUB: curriculum map document %v, in the navigation %v, in the package %v; want %v",
				ed, doc, inNav, inSpine, want)
		}
	}
}
