package epub

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestPromptNotesNumberOn: in an in-text style a question prompt's
// footnotes, and in the teacher edition its guidance's, number on from
// the chapter's own notes, as the handout numbers them, so that a
// chapter's document never shows two notes "1"; every id on it is
// unique.
func TestPromptNotesNumberOn(t *testing.T) {
	fsys := booktest.Fixture(t, "testdata/full.txtar")
	const ch = "chapters/01-introduction.md"
	booktest.Edit(t, fsys, ch, "    prompt: What does the word *complicated* promise about Odysseus?\n",
		"    prompt: |\n      What does the word *complicated* promise about Odysseus?[^tr]\n\n      [^tr]: Wilson's word for polytropos.\n")
	booktest.Edit(t, fsys, ch, "      older versions say *of many turns*.\n",
		"      older versions say *of many turns*.[^old]\n\n      [^old]: Fagles and Lattimore.\n")
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	ids := regexp.MustCompile(` id="([^"]+)"`)
	for _, tc := range []struct {
		ed   layouts.Edition
		want []string
		last int // the last note's number
	}{
		{layouts.Student, []string{
			`Odysseus?<a class="noteref" id="q-intro-man-fnref-1" href="#q-intro-man-fn-1" epub:type="noteref" role="doc-noteref">2</a>`,
			`<a class="note-number" href="#q-intro-man-fnref-1" role="doc-backlink" title="Back to the text">2.</a> Wilson’s word`,
		}, 2},
		{layouts.Teacher, []string{
			`Odysseus?<a class="noteref" id="q-intro-man-fnref-1" href="#q-intro-man-fn-1" epub:type="noteref" role="doc-noteref">2</a>`,
			`<em>of many turns</em>.<a class="noteref" id="g-intro-man-fnref-1" href="#g-intro-man-fn-1" epub:type="noteref" role="doc-noteref">3</a>`,
			`<a class="note-number" href="#g-intro-man-fnref-1" role="doc-backlink" title="Back to the text">3.</a> Fagles`,
		}, 3},
	} {
		data, _, err := renderEdition(context.Background(), b, tc.ed, options(tc.ed, true))
		if err != nil {
			t.Fatal(err)
		}
		page := unzipped(t, data)["EPUB/xhtml/ch01-introduction.xhtml"]
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s edition: no %q in\n%s", tc.ed, w, page)
			}
		}
		for n := 1; n <= tc.last; n++ {
			if label := ">" + strconv.Itoa(n) + ".</a> "; strings.Count(page, label) != 1 {
				t.Errorf("%s edition: %d notes numbered %d, want one", tc.ed, strings.Count(page, label), n)
			}
		}
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s edition: id %q twice", tc.ed, m[1])
			}
			seen[m[1]] = true
		}
	}
}
