package epub

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// bundled opens the bundled Never Let Me Go companion, or skips the test
// while it does not open cleanly.
func bundled(t *testing.T) *book.Book { return booktest.Bundled(t, book.Options{}) }

// TestTableHeadersAreSentenceCase: every column and row header of the
// bundled companion's tables, the chapters' own and the generated ones
// (curriculum map, quotation index, toolkit), begins with a capital, as
// the sentence case of its headings has it; the PDF and the site print
// the same words.
func TestTableHeadersAreSentenceCase(t *testing.T) {
	b := bundled(t)
	ep, _, err := renderEdition(context.Background(), b, layouts.Teacher, options(layouts.Teacher, false))
	if err != nil {
		t.Fatal(err)
	}
	th := regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)
	tag := regexp.MustCompile(`<[^>]+>`)
	code := regexp.MustCompile(`<span class="standard-code">.*?</span>`) // an identifier: RL.11-12.1, perspective
	checked := 0
	for name, doc := range unzipped(t, ep) {
		for _, m := range th.FindAllStringSubmatch(doc, -1) {
			text := strings.TrimSpace(html.UnescapeString(tag.ReplaceAllString(code.ReplaceAllString(m[1], ""), "")))
			first, _ := utf8.DecodeRuneInString(text)
			if !unicode.IsLetter(first) {
				continue // a number, a symbol or nothing
			}
			checked++
			if !unicode.IsUpper(first) {
				t.Errorf("%s: header %q does not begin with a capital", name, text)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no table header found")
	}
}

// The container is written into a buffer made once, to about its size: a
// buffer grown as it fills would be up to twice the book, and each growth
// a copy into fresh memory.
func TestContainerBufferFitsTheBook(t *testing.T) {
	b := bundled(t)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		ep, _, err := renderEdition(context.Background(), b, ed, options(ed, false))
		if err != nil {
			t.Fatal(err)
		}
		if slack := cap(ep) - len(ep); slack > len(ep)/20 {
			t.Errorf("%s: %d bytes written into a buffer of %d", ed, len(ep), cap(ep))
		}
	}
}
