package xhtml

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book"
)

// Terms links the first use of each vocabulary term in one piece (a
// chapter's text) to the term's entry in a glossary: the first of its
// forms to stand as a whole word, in any case, within one run of text,
// never in a heading, a link or a block quotation. Make one for each
// piece: it remembers which terms it linked.
type Terms struct {
	terms  []term          // longest first, so that "lamp room" wins over "lamp"
	linked map[string]bool // by href: once one form of a term is linked, no other is
}

type term struct{ lower, href string }

// NewTerms links each form of a term (a key of hrefs, book.Term.Forms)
// to its href; the forms of one term share an href.
func NewTerms(hrefs map[string]string) *Terms {
	t := &Terms{linked: map[string]bool{}}
	for word, href := range hrefs {
		t.terms = append(t.terms, term{strings.ToLower(word), href})
	}
	slices.SortFunc(t.terms, func(a, b term) int {
		if n := len(b.lower) - len(a.lower); n != 0 {
			return n
		}
		return strings.Compare(a.lower, b.lower)
	})
	return t
}

// GlossaryTerms links the forms of each term (book.Term.Forms) to its
// entry in the glossary at glossary, ids (toolkit.TermIDs) naming the
// entries; nil when the book has no vocabulary.
func GlossaryTerms(ids map[*book.Term]string, glossary string) *Terms {
	if len(ids) == 0 {
		return nil
	}
	hrefs := map[string]string{}
	for t, id := range ids {
		for _, form := range t.Forms() {
			hrefs[form] = glossary + "#" + id
		}
	}
	return NewTerms(hrefs)
}

// write writes s, its first uses of terms as links.
func (t *Terms) write(x *Writer, s string) {
	lower := strings.ToLower(s)
	if len(lower) != len(s) { // a case change moved the bytes: leave it as written
		x.words(s)
		return
	}
	for s != "" {
		at, n, href := -1, 0, ""
		for _, tm := range t.terms {
			if t.linked[tm.href] {
				continue
			}
			if i := wordIndex(lower, tm.lower); i >= 0 && (at < 0 || i < at) {
				at, n, href = i, len(tm.lower), tm.href
			}
		}
		if at < 0 {
			x.words(s)
			return
		}
		t.linked[href] = true
		x.words(s[:at])
		x.w.WriteString(`<a class="term" href="` + attr(href) + `">`)
		x.words(s[at : at+n])
		x.w.WriteString("</a>")
		s, lower = s[at+n:], lower[at+n:]
	}
}

// wordIndex is the first place word stands in s as a whole word, or -1.
func wordIndex(s, word string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !wordRune(before) && !wordRune(after) {
			return i
		}
		off = i + 1
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
