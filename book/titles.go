package book

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// WorkTitles cuts s, prose of companion.yaml that the outputs print (its
// rights and description), at each mention of the work studied by its
// title, so that a layout sets the title in italics as the titles of works
// are set everywhere else. The pieces alternate, text then title, and
// begin with text ("" when s begins with the title). A mention is the
// title whole, as written or with smart punctuation (Smart), not part of
// a longer word ("Go" is not in "Gone").
func (b *Book) WorkTitles(s string) []string {
	r := b.WorkReference()
	if r == nil || r.Title == "" {
		return []string{s}
	}
	titles := []string{r.Title}
	if smart := b.Smart(r.Title); smart != r.Title {
		titles = append(titles, smart)
	}
	var out []string
	start := 0
	for from := 0; from < len(s); {
		i, title := -1, ""
		for _, t := range titles {
			if k := strings.Index(s[from:], t); k >= 0 && (i < 0 || k < i) {
				i, title = k, t
			}
		}
		if i < 0 {
			break
		}
		i += from
		end := i + len(title)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if i > 0 && isWordRune(before) || end < len(s) && isWordRune(after) {
			from = i + 1
			continue
		}
		out = append(out, s[start:i], s[i:end])
		start, from = end, end
	}
	return append(out, s[start:])
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
