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
	// byWord lists the terms that begin with a word by that word, in the
	// order of terms; others are those that begin with anything else.
	// A term that begins with a word stands as a whole word only where a
	// word begins, and there only if it begins with that very word, so a
	// run of text is read once, a lookup a word, rather than searched
	// for every term (4% of a bundled build's CPU when it was searched).
	byWord map[string][]int
	others []int
	starts [256]bool // the first bytes of byWord's words
}

type term struct{ lower, href string }

// NewTerms links each form of a term (a key of hrefs, book.Term.Forms)
// to its href; the forms of one term share an href.
func NewTerms(hrefs map[string]string) *Terms {
	t := &Terms{linked: map[string]bool{}, byWord: map[string][]int{}}
	for word, href := range hrefs {
		t.terms = append(t.terms, term{strings.ToLower(word), href})
	}
	slices.SortFunc(t.terms, func(a, b term) int {
		if n := len(b.lower) - len(a.lower); n != 0 {
			return n
		}
		return strings.Compare(a.lower, b.lower)
	})
	for k, tm := range t.terms {
		if w := wordAt(tm.lower, 0); w != "" {
			t.byWord[w] = append(t.byWord[w], k)
			t.starts[w[0]] = true
		} else {
			t.others = append(t.others, k)
		}
	}
	return t
}

// wordAt is the word (a run of letters and digits) that begins at byte i
// of s, or "".
func wordAt(s string, i int) string {
	end := i
	for end < len(s) {
		n := wordRuneLen(s[end:])
		if n == 0 {
			break
		}
		end += n
	}
	return s[i:end]
}

// wordRuneLen is the length of the rune s begins with if it is a letter
// or a digit, else 0; s is not empty.
func wordRuneLen(s string) int {
	if c := s[0]; c < utf8.RuneSelf {
		if 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' {
			return 1
		}
		return 0
	}
	if r, n := utf8.DecodeRuneInString(s); wordRune(r) {
		return n
	}
	return 0
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
		at, k := t.first(lower)
		if at < 0 {
			x.words(s)
			return
		}
		n, href := len(t.terms[k].lower), t.terms[k].href
		t.linked[href] = true
		x.words(s[:at])
		x.w.WriteString(`<a class="term" href="` + attr(href) + `">`)
		x.words(s[at : at+n])
		x.w.WriteString("</a>")
		s, lower = s[at+n:], lower[at+n:]
	}
}

// first is where in lower the first whole-word use of a term not yet
// linked stands, and which term it is (the first in order of those that
// stand there), or -1.
func (t *Terms) first(lower string) (at, k int) {
	at, k = -1, -1
	for _, j := range t.others {
		tm := t.terms[j]
		if t.linked[tm.href] {
			continue
		}
		if i := wordIndex(lower, tm.lower); i >= 0 && (at < 0 || i < at) {
			at, k = i, j
		}
	}
	// Each word of lower in turn, up to the term found: a word rune after
	// what is not one begins a word, which the loop then steps over.
	for i := 0; i < len(lower) && (at < 0 || i < at); {
		if wordRuneLen(lower[i:]) == 0 {
			n := 1
			if lower[i] >= utf8.RuneSelf {
				_, n = utf8.DecodeRuneInString(lower[i:])
			}
			i += n
			continue
		}
		w := wordAt(lower, i)
		if !t.starts[w[0]] {
			i += len(w)
			continue
		}
		for _, j := range t.byWord[w] {
			tm := t.terms[j]
			if t.linked[tm.href] || !strings.HasPrefix(lower[i:], tm.lower) {
				continue
			}
			if after, _ := utf8.DecodeRuneInString(lower[i+len(tm.lower):]); wordRune(after) {
				continue
			}
			return i, j // before any other: no term of others begins with a word
		}
		i += len(w)
	}
	return at, k
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
