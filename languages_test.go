package companion_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion"
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/labels"
	"github.com/companion-dev/companion/internal/needs"
	"github.com/companion-dev/companion/layouts"
)

// The companions in other languages: testdata/languages holds one fixture
// per language, written in it.
// prints lists text each prints, in an output whose path ends as given: its
// quotation marks and spacing, its dates and page furniture.
var languageFixtures = []struct {
	file, language string
	prints         [][2]string
}{
	{"testdata/languages/la-parure.txtar", "fr", [][2]string{
		{"ch01-le-bal.xhtml", "«\u202fC’était une de ces jolies et charmantes filles, nées, comme par une …\u202f»"},
		{"ch01-le-bal.xhtml", "Compétences\u202f:"},
		{"ch01-le-bal.xhtml", "«\u202ferreur du destin\u202f»\u202f: le narrateur"}, // the project's Markdown, spaced the French way
		// The teacher's box begins alike in every output, in one name.
		{"ch01-le-bal.xhtml", "Conseils au professeur · Pendant la lecture · Analyse · Bloom\u202f: analyser"},
		{"title-page.xhtml", "Publié par Éditions de l’Atelier, 21 novembre 2025."},
		{"title-page.xhtml", "Guide de lecture de Contes du jour et de la nuit de Guy de Maupassant"},
		// Spaced as the PDF spaces it (book.Book.Smart).
		{"quotation-index.xhtml", "«\u202fOh\u202f! ma pauvre Mathilde\u202f! Mais la mienne était fausse.\u202f» —\u00A0Mme\u00A0Forestier"},
		{"toc.ncx", "« La Parure » en classe\u202f: Guide de lecture"}, // the project's own spaces, the label's
		{"01-le-bal.pdf", "« C’était une de ces jolies"},               // pdftotext reads U+202F as a space
		{"01-le-bal.pdf", "Page 1 sur 2"},
		{"handouts.pdf", "Éditions de l’Atelier · 21 novembre 2025"},
		{"teacher.pdf", "Conseils au professeur · Pendant la lecture · Analyse · Bloom : analyser"},
	}},
	{"testdata/languages/die-verwandlung.txtar", "de", [][2]string{
		{"ch01-erwachen.xhtml", "„Als Gregor Samsa eines Morgens aus unruhigen Träumen erwachte, fand er sich …“"},
		{"title-page.xhtml", "Erschienen bei Schulverlag Wien, November 2025."},
		{"title-page.xhtml", "Jonas Weber und Lea Hartmann"},
		{"01-erwachen.pdf", "„Als Gregor Samsa"},
		{"01-erwachen.pdf", "Seite 1 von 1"},
	}},
}

// TestNoEnglishLabels builds each fixture in its own language and finds no
// English label in any output's text (EPUB, PDF and site pages): no word of an English label that the
// language's own labels and the project do not also use.
func TestNoEnglishLabels(t *testing.T) {
	for _, fx := range languageFixtures {
		t.Run(fx.language, func(t *testing.T) {
			fsys := booktest.Fixture(t, fx.file)
			b := booktest.MustOpen(t, fsys, book.Options{})
			if b.Labels.Language != fx.language {
				t.Fatalf("the book's labels are %s, want %s", b.Labels.Language, fx.language)
			}
			own, _ := labels.Lookup(fx.language)
			texts := checkNoEnglish(t, fsys, b, own)
			for _, p := range fx.prints {
				found := false
				for path, text := range texts {
					found = found || strings.HasSuffix(path, p[0]) && strings.Contains(lineBreaks.ReplaceAllString(text, " "), p[1])
				}
				if !found {
					t.Errorf("no output *%s prints %q", p[0], p[1])
				}
			}
		})
	}
}

// TestPseudoLanguage builds each fixture with labels that are all ⟦key⟧:
// any English word left in an output is one a layout writes itself rather
// than take from the book's labels.
func TestPseudoLanguage(t *testing.T) {
	for _, fx := range languageFixtures {
		t.Run(fx.language, func(t *testing.T) {
			fsys := booktest.Fixture(t, fx.file)
			b := booktest.MustOpen(t, fsys, book.Options{})
			b.Labels = pseudo // before any layout reads the book
			checkNoEnglish(t, fsys, b, b.Labels)
		})
	}
}

var pseudo = labels.Pseudo()

// checkNoEnglish renders b in every format, both editions, and reports each
// English label word in the outputs' text, which it returns by output path
// (and document, in an EPUB).
func checkNoEnglish(t *testing.T, project fstest.MapFS, b *book.Book, own *labels.Table) map[string]string {
	t.Helper()
	allowed := map[string]bool{}
	for _, k := range labels.Keys() {
		for _, w := range words(own.Get(k)) {
			allowed[w] = own != pseudo // whose words are the keys, in English
		}
	}
	for _, f := range project {
		for _, w := range words(string(f.Data)) {
			allowed[w] = true
		}
	}
	// The colophon names the citation style by its own title, in the
	// style's language: a name, not a label.
	for _, w := range words(b.StyleTitle) {
		allowed[w] = true
	}
	english := map[string]bool{}
	for _, tag := range []string{"en", "en-GB"} {
		tb, _ := labels.Lookup(tag)
		for _, k := range labels.Keys() {
			for _, w := range words(tb.Get(k)) {
				if len([]rune(w)) >= 3 && !allowed[w] {
					english[w] = true
				}
			}
		}
	}
	opt := layouts.Resolve(b, layouts.Options{Date: time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)})
	texts := map[string]string{}
	for _, format := range companion.Formats {
		files, d, err := layouts.Collect(context.Background(), format(), b, opt)
		if err != nil {
			t.Fatal(err)
		}
		// The pseudo-language's brackets are not in the PDF font.
		d = slices.DeleteFunc(d, func(x diag.Diagnostic) bool { return own == pseudo && strings.Contains(x.Message, "U+27E") })
		if len(d) > 0 {
			t.Errorf("%s: %s", format().Name(), d.Error())
		}
		for _, f := range files {
			switch filepath.Ext(f.Path) {
			case ".epub":
				epubText(t, f, b.Language, texts)
			case ".pdf":
				texts[f.Path] = pdfText(t, f.Data)
			case ".html":
				texts[f.Path] = htmlText(f.Data)
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no output text")
	}
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range texts {
			if !yield(p) {
				return
			}
		}
	})
	for _, p := range paths {
		var found []string
		text := texts[p]
		if own == pseudo { // the PDF prints its brackets as □
			text = pseudoLabel.ReplaceAllString(text, " ")
		}
		for _, w := range wordRE.FindAllString(text, -1) {
			if english[strings.ToLower(w)] && !slices.Contains(found, w) {
				found = append(found, w)
			}
		}
		if len(found) > 0 {
			t.Errorf("%s prints English label words: %s", p, strings.Join(found, ", "))
		}
	}
	return texts
}

var (
	wordRE      = regexp.MustCompile(`\p{L}+`)
	lineBreaks  = regexp.MustCompile(`[ \t\r\n]+`)               // and spaces, but no other
	pseudoLabel = regexp.MustCompile(`(?i)[⟦□][a-z0-9\n-]+[⟧□]`) // upper-cased on covers, broken across lines in narrow cells
)

// words are the lower-cased words of s, without {placeholders}.
func words(s string) []string {
	s = regexp.MustCompile(`\{[a-z]+\}`).ReplaceAllString(s, " ")
	var out []string
	for _, w := range wordRE.FindAllString(s, -1) {
		out = append(out, strings.ToLower(w))
	}
	return out
}

// epubText adds the text of each document of an EPUB as a reader meets
// it: element text and the alt, title and aria-label attributes of every
// XHTML, SVG and NCX file, and the package's Dublin Core metadata and
// accessibility summary (not its vocabulary: accessModes, hazards). It
// checks that every XHTML document declares the book's language.
func epubText(t *testing.T, f layouts.File, lang string, texts map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		ext := filepath.Ext(zf.Name)
		if !slices.Contains([]string{".xhtml", ".svg", ".ncx", ".opf"}, ext) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		var w strings.Builder
		dec := xml.NewDecoder(bytes.NewReader(data))
		dec.Strict = false
		keep, root := ext != ".opf", true
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if root && ext == ".xhtml" {
					root = false
					if attr(tok, "", "lang") != lang || attr(tok, "xml", "lang") != lang {
						t.Errorf("%s:%s: the html element has lang %q and xml:lang %q, want %q", f.Path, zf.Name, attr(tok, "", "lang"), attr(tok, "xml", "lang"), lang)
					}
				}
				if ext == ".opf" { // the program's name, the producer, is no label
					keep = tok.Name.Space == "http://purl.org/dc/elements/1.1/" && attr(tok, "", "id") != "producer" ||
						attr(tok, "", "property") == "schema:accessibilitySummary"
				}
				for _, a := range tok.Attr {
					if a.Name.Local == "alt" || a.Name.Local == "title" || a.Name.Local == "aria-label" {
						w.WriteString(a.Value + "\n")
					}
				}
			case xml.EndElement:
				if ext == ".opf" {
					keep = false
				}
			case xml.CharData:
				if keep {
					w.Write(tok)
					w.WriteString(" ")
				}
			}
		}
		texts[f.Path+":"+zf.Name] = w.String()
	}
}

func attr(e xml.StartElement, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == space || space == "xml" && a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			return a.Value
		}
	}
	return ""
}

// pdfText is a PDF's text as pdftotext reads it, with its title, subject
// and bookmarks as pdfinfo and qpdf show them.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		needs.Tool(t, tool, "apt-get install poppler-utils")
	}
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", "-enc", "UTF-8", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	var meta []string
	for _, line := range strings.Split(string(info), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && (k == "Title" || k == "Subject") {
			meta = append(meta, v)
		}
	}
	outline, _ := exec.Command("pdfinfo", "-outline", "-enc", "UTF-8", file).Output()
	return string(text) + "\n" + strings.Join(meta, "\n") + "\n" + string(outline)
}

// TestLangSpan: a phrase the source marks as in another language,
// [*The Necklace*]{lang=en} in the French fixture, carries its language in
// the EPUB (lang and xml:lang) and on the site (lang).
func TestLangSpan(t *testing.T) {
	b := booktest.MustOpen(t, booktest.Fixture(t, "testdata/languages/la-parure.txtar"), book.Options{})
	opt := layouts.Resolve(b, layouts.Options{Date: time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)})
	want := map[string]string{
		"epub": `<span lang="en" xml:lang="en"><em>The Necklace</em></span>`,
		"html": `<span lang="en"><em>The Necklace</em></span>`,
	}
	for _, format := range companion.Formats {
		l := format()
		w, ok := want[l.Name()]
		if !ok {
			continue
		}
		files, _, err := layouts.Collect(context.Background(), l, b, opt)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range files {
			data := f.Data
			if strings.HasSuffix(f.Path, ".epub") {
				zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
				if err != nil {
					t.Fatal(err)
				}
				for _, zf := range zr.File {
					if strings.HasSuffix(zf.Name, "ch01-le-bal.xhtml") {
						rc, _ := zf.Open()
						data, _ = io.ReadAll(rc)
						rc.Close()
					}
				}
			}
			found = found || bytes.Contains(data, []byte(w))
		}
		if !found {
			t.Errorf("%s: no output holds %s", l.Name(), w)
		}
	}
}

// TestPseudoLanguageToolkit: every word the teacher's toolkit prints (the
// glossary, timeline, characters, theme tracker, rubrics, calendars, the
// handouts' vocabulary and phases) comes from the labels too.
func TestPseudoLanguageToolkit(t *testing.T) {
	fsys := booktest.Fixture(t, "layouts/epub/testdata/toolkit.txtar")
	b := booktest.MustOpen(t, fsys, book.Options{})
	b.Labels = pseudo
	checkNoEnglish(t, fsys, b, b.Labels)
}

// htmlText is a site page's text as a reader meets it: the text between its
// tags and the alt, title and aria-label attributes, without its scripts
// and styles.
func htmlText(data []byte) string {
	var w strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	skip := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "script" || tok.Name.Local == "style" {
				skip++
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "alt" || a.Name.Local == "title" || a.Name.Local == "aria-label" || a.Name.Local == "placeholder" {
					w.WriteString(a.Value + "\n")
				}
			}
		case xml.EndElement:
			if (tok.Name.Local == "script" || tok.Name.Local == "style") && skip > 0 {
				skip--
			}
		case xml.CharData:
			if skip == 0 {
				w.Write(tok)
				w.WriteString(" ")
			}
		}
	}
	return w.String()
}

// TestFrontMatterPunctuation: text typed in front matter (here a key
// quotation's, "The Creature's name", and a chapter's title, "The
// Creature's Voyage") prints with the typographic punctuation the Markdown
// gets, in the EPUB (its chapter and its contents), on the site (its
// chapter page and landing page) and in the PDF.
func TestFrontMatterPunctuation(t *testing.T) {
	fsys := booktest.Fixture(t, "layouts/pdf/testdata/full.txtar")
	ch := fsys["chapters/02-voyage.md"]
	ch.Data = []byte(strings.NewReplacer("text: My name is Nobody.", "text: The Creature's name is Nobody.",
		"title: The Voyage", "title: The Creature's Voyage").Replace(string(ch.Data)))
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	opt := layouts.Resolve(b, layouts.Options{Date: time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)})
	for _, format := range companion.Formats {
		l := format()
		var files []layouts.File
		_, err := l.Render(context.Background(), b, opt, func(f layouts.File) error {
			files = append(files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			var texts []string
			switch {
			case strings.HasSuffix(f.Path, ".epub"):
				zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
				if err != nil {
					t.Fatal(err)
				}
				for _, zf := range zr.File {
					if strings.HasSuffix(zf.Name, "voyage.xhtml") || strings.HasSuffix(zf.Name, "nav.xhtml") || strings.HasSuffix(zf.Name, "toc.ncx") {
						rc, _ := zf.Open()
						data, _ := io.ReadAll(rc)
						rc.Close()
						texts = append(texts, string(data))
					}
				}
				texts = []string{strings.Join(texts, "\n")} // the chapter and the contents
			case strings.HasSuffix(f.Path, "voyage.html"):
				texts = append(texts, string(f.Data))
			case strings.HasSuffix(f.Path, "site/index.html"):
				if !strings.Contains(string(f.Data), "Creature’s Voyage") {
					t.Errorf("%s: the contents do not print “Creature’s Voyage”", f.Path)
				}
				continue
			case strings.HasSuffix(f.Path, "voyage.pdf"):
				texts = append(texts, pdfText(t, f.Data))
			default:
				continue
			}
			if len(texts) == 0 {
				t.Errorf("%s: no chapter of the voyage", f.Path)
			}
			for _, s := range texts {
				for _, want := range []string{"Creature’s name", "Creature’s Voyage"} {
					if !strings.Contains(s, want) {
						t.Errorf("%s: no %q", f.Path, want)
					}
				}
				if strings.Contains(s, "Creature's") || strings.Contains(s, "Creature&#39;s") {
					t.Errorf("%s: a straight apostrophe in “Creature’s”", f.Path)
				}
			}
		}
	}
}
