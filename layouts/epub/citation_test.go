package epub

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// openRich opens the project whose own style uses every look CSL has
// (testdata/citations at the repository's root, shared with the PDF's and
// refs' tests).
func openRich(t *testing.T) *book.Book { t.Helper(); return openRichIn(t, "") }

// openRichIn opens it in another of its styles (styles/heading.csl).
func openRichIn(t testing.TB, style string) *book.Book {
	t.Helper()
	return booktest.MustOpen(t, booktest.Fixture(t, filepath.Join("..", "..", "testdata", "citations", "rich.txtar")), book.Options{Style: style})
}

// TestRichGolden pins the citations' markup: small caps, bold, the
// superscript number, and the works cited in its numbered column with the
// subscript and underline of its data and style.
func TestRichGolden(t *testing.T) {
	data, _, err := renderEdition(context.Background(), openRich(t), layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	files := unzipped(t, data)
	for _, name := range []string{"EPUB/xhtml/ch01-looks.xhtml", "EPUB/xhtml/works-cited.xhtml"} {
		got, ok := files[name]
		if !ok {
			t.Fatalf("the EPUB has no %s", name)
		}
		booktest.Golden(t, filepath.Join("testdata", "golden", "rich-student", filepath.FromSlash(name)), got)
	}
	// the parts of each entry styles/heading.csl sets apart
	data, _, err = renderEdition(context.Background(), openRichIn(t, "styles/heading.csl"), layouts.Student, options(layouts.Student, false))
	if err != nil {
		t.Fatal(err)
	}
	booktest.Golden(t, filepath.Join("testdata", "golden", "rich-student", "heading-works-cited.xhtml"), unzipped(t, data)["EPUB/xhtml/works-cited.xhtml"])
}

// TestTitlePageNamesTheStyle: the title page's colophon names the style
// the references follow by its title, a project's own as a built-in one.
func TestTitlePageNamesTheStyle(t *testing.T) {
	for _, tc := range []struct{ style, want string }{
		{"", "References follow Rich looks, a Citation Style Language style (citationstyles.org, CC BY-SA 3.0)."},
		{"apa", "References follow APA Style 7th edition, a Citation Style Language style (citationstyles.org, CC BY-SA 3.0)."},
	} {
		data, _, err := renderEdition(context.Background(), openRichIn(t, tc.style), layouts.Student, options(layouts.Student, false))
		if err != nil {
			t.Fatal(err)
		}
		if page := string(unzipped(t, data)["EPUB/xhtml/title-page.xhtml"]); !strings.Contains(page, "<p>"+tc.want+"</p>") {
			t.Errorf("style %q: the title page does not say %q:\n%s", tc.style, tc.want, page)
		}
	}
}
