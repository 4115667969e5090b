package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/extension"
)

// Smarten gives plain text written outside Markdown (a title, a quotation,
// a speaker in front matter) the smart punctuation a Markdown body gets
// from goldmark's typographer: straight quotes become the language's
// curly ones, an apostrophe inside or after a word ’, -- and --- dashes,
// ... an ellipsis; in French, the narrow spaces before ; : ! ? » and after
// « that Markdown text gets (FrenchSpacing). Text already typographic is
// returned unchanged.
func (p Punctuation) Smarten(s string) string {
	s = p.smarten(s)
	if p.FrenchSpacing {
		s = FrenchSpacing(s, false)
	}
	return s
}

func (p Punctuation) smarten(s string) string {
	if !strings.ContainsAny(s, "'\"-.") {
		return s
	}
	mark := func(k extension.TypographicPunctuation, i int) string {
		if p.Quotes[i] != "" {
			return p.Quotes[i]
		}
		return typography[k]
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' ' // what precedes the text: a quote at its start opens
	singleOpen := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		rest := s[i+n:]
		out := ""
		switch {
		case r == '"':
			if opensQuote(prev) {
				out = mark(extension.LeftDoubleQuote, 0)
			} else {
				out = mark(extension.RightDoubleQuote, 1)
			}
		case r == '\'':
			next, _ := utf8.DecodeRuneInString(rest)
			switch {
			case opensQuote(prev) && unicode.IsDigit(next): // the ’90s
				out = typography[extension.Apostrophe]
			case opensQuote(prev) && next != utf8.RuneError && !unicode.IsSpace(next):
				out, singleOpen = mark(extension.LeftSingleQuote, 2), true
			case singleOpen && !isWordRune(next):
				out, singleOpen = mark(extension.RightSingleQuote, 3), false
			default: // Creature's, students'
				out = typography[extension.Apostrophe]
			}
		case strings.HasPrefix(s[i:], "---"):
			out, n = typography[extension.EmDash], 3
		case strings.HasPrefix(s[i:], "--"):
			out, n = typography[extension.EnDash], 2
		case strings.HasPrefix(s[i:], "..."):
			out, n = typography[extension.Ellipsis], 3
		}
		if out == "" {
			b.WriteString(s[i : i+n])
		} else {
			b.WriteString(out)
		}
		prev, _ = utf8.DecodeLastRuneInString(s[i : i+n])
		i += n
	}
	return b.String()
}

// opensQuote reports whether a quote after r opens: at the start, after a
// space, an opening bracket or a dash.
func opensQuote(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/“‘«", r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
