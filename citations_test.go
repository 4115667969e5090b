package companion_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts"
)

// renderText renders b in every format and returns the text of each
// output a reader meets a chapter in, by path: an EPUB's documents (as
// EPUB:DOCUMENT), a site's pages and each PDF, spaces collapsed.
func renderText(t *testing.T, b *book.Book) map[string]string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil && os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed, and CI needs it", tool)
		}
	}
	opt := layouts.Resolve(b, layouts.Options{Date: booktest.Date})
	texts := map[string]string{}
	for _, format := range companion.Formats {
		files, d, err := layouts.Collect(context.Background(), format(), b, opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(d) > 0 {
			t.Errorf("%s: %s", format().Name(), d.Error())
		}
		for _, f := range files {
			switch filepath.Ext(f.Path) {
			case ".epub":
				zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
				if err != nil {
					t.Fatal(err)
				}
				for _, zf := range zr.File {
					if filepath.Ext(zf.Name) != ".xhtml" {
						continue
					}
					rc, err := zf.Open()
					if err != nil {
						t.Fatal(err)
					}
					data, _ := io.ReadAll(rc)
					rc.Close()
					texts[f.Path+":"+zf.Name] = markupText(data)
				}
			case ".pdf":
				texts[f.Path] = collapse(pdfText(t, f.Data))
			case ".html":
				texts[f.Path] = markupText(f.Data)
			}
		}
	}
	return texts
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// markupText is the text of a page of (X)HTML with its tags taken out,
// so that a citation's italic title runs on with its comma.
func markupText(data []byte) string {
	return collapse(html.UnescapeString(tags.ReplaceAllString(string(data), "")))
}

var tags = regexp.MustCompile(`<[^>]*>`)

// citationTexts are a chapter's citations as book.Citations formats them,
// in the order the layouts print them: body, key quotations, prompts,
// guidance, and the footnotes last.
func citationTexts(b *book.Book, c *book.Chapter, teacher bool) []string {
	cs := b.Citations(c, teacher)
	var out, notes []string
	walk := func(bs []doc.Block, to *[]string) {
		doc.Walk(&doc.Document{Blocks: bs}, func(n any) bool {
			if x, ok := n.(*doc.Citation); ok {
				*to = append(*to, cs.Text(x).Plain())
			}
			return true
		})
	}
	piece := func(m *book.Markdown) {
		if m == nil {
			return
		}
		d := m.Edition(teacher).Doc
		walk(d.Blocks, &out)
		for _, n := range d.Notes {
			walk(n.Blocks, &notes)
		}
	}
	piece(c.Body)
	for _, q := range c.Quotes {
		out = append(out, cs.Quote(q).Plain())
	}
	for _, q := range c.Questions {
		piece(q.Prompt)
		if teacher {
			piece(q.Guidance)
		}
	}
	return append(out, notes...)
}

// noteTexts are a chapter's notes in a note style, each with its number
// when numbers is set: a citation's text, or the citations a footnote
// holds.
func noteTexts(b *book.Book, c *book.Chapter, teacher, numbers bool) []string {
	cs := b.Citations(c, teacher)
	var out []string
	for _, n := range cs.Notes() {
		if numbers {
			out = append(out, strconv.Itoa(n.Number)+". ")
		}
		if n.Footnote == nil {
			out = append(out, n.Citation.Plain())
			continue
		}
		doc.Walk(&doc.Document{Blocks: n.Footnote.Blocks}, func(n any) bool {
			if x, ok := n.(*doc.Citation); ok {
				out = append(out, cs.Text(x).Plain())
			}
			return true
		})
	}
	return out
}

// inOrder reports the first of want that text does not hold after the
// ones before it; "" when it holds them all in order.
func inOrder(text string, want []string) string {
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return w
		}
		at += i + len(w)
	}
	return ""
}

// TestCitationsReadTheSameEverywhere: in a note style, the EPUB's chapter,
// the site's page and the PDF's handout of each edition print a chapter's
// citations as book.Citations counts them: the first cite of a work in
// full, the later ones short, afresh in the next chapter; the teacher's
// copy counts its own text as well. Each is a note, numbered with the
// chapter's footnotes, at the chapter's (or handout's) end.
func TestCitationsReadTheSameEverywhere(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("layouts", "epub", "testdata", "notes.txtar")), book.Options{})
	first := "Kazuo Ishiguro, Never Let Me Go (Faber and Faber, 2005), chap. "
	for _, tc := range []struct {
		chapter int
		teacher bool
		want    []string
	}{
		{1, false, []string{first + "1.", "Ishiguro, Never Let Me Go, chap. 1.",
			"James Wood, “The Human Difference,” The New Republic 232 (May 2005): 36.", "Ishiguro, Never Let Me Go, chap. 4.",
			"Ishiguro, Never Let Me Go, chap. 2.", "Ishiguro, Never Let Me Go, chap. 3.", "Wood, “The Human Difference,” 38."}},
		{1, true, []string{first + "1.", "Ishiguro, Never Let Me Go, chap. 1.",
			"James Wood, “The Human Difference,” The New Republic 232 (May 2005): 36.", "Ishiguro, Never Let Me Go, chap. 5.",
			"Ishiguro, Never Let Me Go, chap. 4.", "Ishiguro, Never Let Me Go, chap. 2.",
			"Ishiguro, Never Let Me Go, chap. 3.", "Wood, “The Human Difference,” 37.", "Wood, “The Human Difference,” 38."}},
		{2, false, []string{first + "6.", "Ishiguro, Never Let Me Go, chap. 7."}},
	} {
		got := citationTexts(b, b.Chapters[tc.chapter-1], tc.teacher)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("chapter %d, teacher %v: book.Citations gives\n%s\nwant\n%s", tc.chapter, tc.teacher, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}

	texts := renderText(t, b)
	for _, teacher := range []bool{false, true} {
		var packet []string // the handouts' notes, one after the other
		for _, c := range b.Chapters {
			want := noteTexts(b, c, teacher, true)
			// pdftotext reads a column of note numbers apart from the notes
			onPaper := noteTexts(b, c, teacher, false)
			packet = append(packet, onPaper...)
			outputs := []string{"citing-in-notes.epub:EPUB/xhtml/ch%02d-%s.xhtml", "citing-in-notes-site/chapters/%[2]s.html"}
			if teacher {
				outputs = []string{"citing-in-notes-teacher.epub:EPUB/xhtml/ch%02d-%s.xhtml", "citing-in-notes-teacher-site/chapters/%[2]s.html"}
			} else {
				checkInOrder(t, texts, fmt.Sprintf("handouts/%02d-%s.pdf", c.Number, c.ID), onPaper)
			}
			for _, o := range outputs {
				checkInOrder(t, texts, fmt.Sprintf(o, c.Number, c.ID), want)
			}
		}
		if teacher {
			checkInOrder(t, texts, "citing-in-notes-teacher.pdf", packet)
		} else {
			checkInOrder(t, texts, "citing-in-notes-handouts.pdf", packet)
		}
	}
}

// checkInOrder fails the test unless the output at path prints want in
// order.
func checkInOrder(t *testing.T, texts map[string]string, path string, want []string) {
	t.Helper()
	text, ok := texts[path]
	if !ok {
		t.Errorf("no output %s", path)
		return
	}
	if miss := inOrder(text, want); miss != "" {
		t.Errorf("%s does not print %q where book.Citations puts it; it prints:\n%s", path, miss, text)
	}
}

// TestShortWorkCitations: with work-citations: short, once a chapter has
// cited the work studied in full, it cites the work by its locator alone,
// in the style's brackets and the locale's terms, through a citation of
// another work, in the EPUB, the site and the PDF alike; the next chapter
// cites it in full again.
func TestShortWorkCitations(t *testing.T) {
	for _, tc := range []struct {
		style, language string
		first, second   []string // each chapter's citations, in order
	}{
		{"mla", "en",
			[]string{"(Ishiguro, ch. 1)", "(Wood 36)", "(ch. 3)", "(ch. 4)", "(p. 23)"},
			[]string{"(Ishiguro, ch. 6)", "(ch. 7)"}},
		{"apa", "en",
			[]string{"(Ishiguro, 2005, Chapter 1)", "(Wood, 2005, p. 36)", "(chap. 3)", "(chap. 4)", "(p. 23)"},
			[]string{"(Ishiguro, 2005, Chapter 6)", "(chap. 7)"}},
		{"mla", "fr",
			[]string{"(Ishiguro, chap. 1)", "(Wood 36)", "(chap. 3)", "(chap. 4)", "(p. 23)"},
			[]string{"(Ishiguro, chap. 6)", "(chap. 7)"}},
		{"apa", "fr",
			[]string{"(Ishiguro, 2005, Chapitre 1)", "(Wood, 2005, p. 36)", "(chap. 3)", "(chap. 4)", "(p. 23)"},
			[]string{"(Ishiguro, 2005, Chapitre 6)", "(chap. 7)"}},
	} {
		t.Run(tc.style+"-"+tc.language, func(t *testing.T) {
			fsys := booktest.Fixture(t, filepath.Join("layouts", "epub", "testdata", "short.txtar"))
			m := string(fsys["companion.yaml"].Data)
			m = strings.Replace(m, "citation-style: mla", "citation-style: "+tc.style, 1)
			m = strings.Replace(m, "language: en", "language: "+tc.language, 1)
			fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(m)}
			b := booktest.MustOpen(t, fsys, book.Options{})
			texts := renderText(t, b)
			for _, o := range []string{"citing-short.epub:EPUB/xhtml/ch%02d-%s.xhtml", "citing-short-site/chapters/%[2]s.html", "handouts/%02d-%s.pdf"} {
				for i, want := range [][]string{tc.first, tc.second} {
					c := b.Chapters[i]
					checkInOrder(t, texts, fmt.Sprintf(o, c.Number, c.ID), want)
				}
			}
		})
	}
}
