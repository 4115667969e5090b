package doc

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Punctuation is how the book's language writes what smart punctuation
// makes of straight quotes, and whether it spaces its punctuation the
// French way. The zero value is English: “double” and ‘single’.
type Punctuation struct {
	// Quotes are the double opening and closing and the single opening
	// and closing marks, each with any space the language puts inside
	// it (French: "«\u202F" and "\u202F»"). Empty means English's.
	Quotes [4]string
	// FrenchSpacing puts a narrow no-break space before ; : ! ? and »,
	// and after «, where the author typed an ordinary space or none.
	FrenchSpacing bool
}

// flavour is the goldmark configuration companion parses with, for one
// Punctuation: GFM tables, strikethrough, footnotes (footnote.go), smart
// punctuation as UTF-8, citations (citation.go), teacher-only divs
// (teacher.go), and link definitions read
// in linear time (linkdef.go). marks holds each typographic replacement
// once, for the text nodes that hold one (a book has hundreds of
// thousands).
type flavour struct {
	md    goldmark.Markdown
	marks map[string]string
}

// flavours caches one flavour per Punctuation: a book uses one or two,
// and building goldmark's parsers per piece would cost more than parsing.
var flavours sync.Map // Punctuation → *flavour

func flavourOf(p Punctuation) *flavour {
	if f, ok := flavours.Load(p); ok {
		return f.(*flavour)
	}
	subs := map[extension.TypographicPunctuation]string{}
	for k, v := range typography {
		subs[k] = v
	}
	for i, k := range []extension.TypographicPunctuation{extension.LeftDoubleQuote, extension.RightDoubleQuote, extension.LeftSingleQuote, extension.RightSingleQuote} {
		if p.Quotes[i] != "" {
			subs[k] = p.Quotes[i]
		}
	}
	f := &flavour{marks: map[string]string{}}
	for _, s := range subs {
		f.marks[s] = s
	}
	f.md = goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(),
			extension.Strikethrough,
			footnotes{},
			extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(citationParser{}, 100)),
			parser.WithBlockParsers(util.Prioritized(linkDefParser{}, 50), util.Prioritized(divParser{}, 90)),
		),
	)
	actual, _ := flavours.LoadOrStore(p, f)
	return actual.(*flavour)
}

// narrowNBSP is the space French sets before ; : ! ? » and after «: it
// does not break, so the mark never starts a line.
const narrowNBSP = '\u202F'

// frenchSpaced spaces the punctuation of a run of inlines the French way.
// A text that follows another inline on the same line (a mark right after
// *emphasis*) is joined to it.
func frenchSpaced(in []Inline) {
	for k, n := range in {
		t, ok := n.(*Text)
		if !ok {
			continue
		}
		joined := k > 0
		if k > 0 {
			if _, br := in[k-1].(*Break); br {
				joined = false
			}
		}
		t.Text = FrenchSpacing(t.Text, joined)
	}
}

// FrenchSpacing returns s with a narrow no-break space before each ; : !
// ? and », and after each «, in place of the ordinary or no-break space
// typed there, or added where none was. It adds none where the mark is
// part of a word or an address ("10:30", "https://", "?q=1") or follows
// another mark ("?!"). joined says s continues text on its line, so that
// a mark at its start follows a word. It returns s itself when nothing
// changes.
func FrenchSpacing(s string, joined bool) string {
	if !strings.ContainsAny(s, ";:!?«»") {
		return s
	}
	out := make([]rune, 0, len(s)+8)
	changed := false
	before := func() rune { // the rune before the one being read; -1 at a line's start
		if len(out) == 0 {
			if joined {
				return 'x'
			}
			return -1
		}
		return out[len(out)-1]
	}
	for i, r := range s {
		switch p := before(); {
		case takesSpaceBefore(r) && endsMark(s, i):
			switch {
			case p == ' ' || p == '\u00A0':
				out[len(out)-1] = narrowNBSP
				changed = true
			case p == -1 || p == narrowNBSP || p == '«' || unicode.IsSpace(p) || takesSpaceBefore(p):
			default:
				out = append(out, narrowNBSP)
				changed = true
			}
		case p == '«' && (r == ' ' || r == '\u00A0'):
			r = narrowNBSP
			changed = true
		case p == '«' && r != narrowNBSP && !unicode.IsSpace(r):
			out = append(out, narrowNBSP)
			changed = true
		}
		out = append(out, r)
	}
	if !changed {
		return s
	}
	return string(out)
}

// takesSpaceBefore reports whether French sets a narrow space before r.
func takesSpaceBefore(r rune) bool {
	switch r {
	case ';', ':', '!', '?', '»':
		return true
	}
	return false
}

// endsMark reports whether the mark at s[i:] stands as punctuation: it
// ends the text or is followed by a space, a closing mark or more of the
// same marks, and is not part of a word or an address ("10:30", "?q=1").
func endsMark(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == '»' {
		return true
	}
	for j := i + n; j < len(s); {
		next, m := utf8.DecodeRuneInString(s[j:])
		switch {
		case unicode.IsSpace(next) || next == narrowNBSP:
			return true
		case takesSpaceBefore(next), next == ')', next == ']', next == '”', next == '’', next == '"', next == '\'', next == '.', next == ',', next == '…':
			j += m
			continue
		}
		return false
	}
	return true
}
