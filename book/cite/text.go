package cite

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// Span is a run of text in one style.
type Span struct {
	Text string
	Look
	// normal is the formatting a style or the data turned off inside a
	// run that had it ("Amazing" in an italic "My <i>Amazing</i> Title"),
	// which citeproc-js writes as a nested normal span (CiteprocHTML)
	normal Look
	// raised: the text of one character written as a Unicode
	// superscript ("1ʳᵉ", numbered in its output), which citeproc-js
	// writes in a <sup> of its own; 0 for other text
	raised int
}

// Look is how a span is set: the formatting CSL styles ask for.
type Look struct {
	Italic, Bold, SmallCaps, Underline bool
	Superscript, Subscript             bool
}

// Text is formatted output: runs of text in one look each, so that the
// EPUB and PDF layouts can set italics as italics.
type Text []Span

// TrimLeft returns the text without the spaces it starts with: the rest
// of an entry whose first field a layout sets in a column of its own.
func (t Text) TrimLeft() Text {
	for len(t) > 0 {
		s := t[0]
		s.Text = strings.TrimLeft(s.Text, " ")
		if s.Text != "" {
			return append(Text{s}, t[1:]...)
		}
		t = t[1:]
	}
	return t
}

// Plain returns the text without markup.
func (t Text) Plain() string {
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Markdown returns the text in pandoc's Markdown, ready to paste into a
// Markdown document: italics as *…*, bold as **…**, superscript as ^…^ and
// subscript as ~…~, small caps as […]{.smallcaps} and underline as
// […]{.underline}. Only what Markdown would read as markup is
// backslash-escaped: "[Interview]" and "Faber & Faber" stay as they are,
// "[x](y)", "<b>", "_x_" and a line that would start a list do not.
// Spaces at the edges of a marked run are moved outside its marks.
func (t Text) Markdown() string {
	var b strings.Builder
	for _, s := range t.merged() {
		txt := mdEscape(s.Text)
		if s.Look == (Look{}) || strings.TrimSpace(s.Text) == "" {
			b.WriteString(txt)
			continue
		}
		core := strings.TrimLeft(txt, " ")
		lead := txt[:len(txt)-len(core)]
		trimmed := strings.TrimRight(core, " ")
		trail := core[len(trimmed):]
		b.WriteString(lead + s.Look.markdown(trimmed) + trail)
	}
	out := b.String()
	// a line starting "1984. " or "2001) " would read as a list item
	if m := mdListStart.FindStringIndex(out); m != nil {
		out = out[:m[1]-2] + `\` + out[m[1]-2:]
	}
	return out
}

// markdown puts pandoc's marks for the look around s, escaped text with
// no space at either end.
func (l Look) markdown(s string) string {
	if l.Superscript || l.Subscript {
		// pandoc ends a superscript at a space unless it is escaped
		s = strings.ReplaceAll(s, " ", `\ `)
	}
	if l.Italic {
		s = "*" + s + "*"
	}
	if l.Bold {
		s = "**" + s + "**"
	}
	if l.SmallCaps {
		s = "[" + s + "]{.smallcaps}"
	}
	if l.Underline {
		s = "[" + s + "]{.underline}"
	}
	if l.Superscript {
		s = "^" + s + "^"
	}
	if l.Subscript {
		s = "~" + s + "~"
	}
	return s
}

// mdListStart is a line start Markdown reads as a list item, a heading or
// a quotation: "1984. ", "2001) ", "# ", "- ", "+ ", "> ".
var mdListStart = regexp.MustCompile(`^(\d{1,9}[.)]|[#>]|[-+]) `)

// mdEscape escapes what Markdown would read as markup in literal text:
// emphasis marks, superscript and subscript marks, code spans, a bracket that would open a link, a < that
// would open a tag or an autolink, an entity, a backslash before
// punctuation.
func mdEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next, prev byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		if i > 0 {
			prev = s[i-1]
		}
		escape := false
		switch c {
		case '*', '`':
			escape = true
		case '^', '~':
			// two with no space between mark a superscript or a
			// subscript (pandoc), or a strikethrough: one alone is text
			stop := func(r rune) bool { return r == rune(c) || unicode.IsSpace(r) }
			after, before := strings.IndexFunc(s[i+1:], stop), strings.LastIndexFunc(s[:i], stop)
			escape = after >= 0 && s[i+1+after] == c || before >= 0 && s[before] == c
		case '_':
			// inside a word ("snake_case") an underscore is no emphasis
			escape = !isAlnum(prev) || !isAlnum(next)
		case '\\':
			escape = next == 0 || isASCIIPunct(next)
		case '[':
			// "[Interview]" is text; "[x](y)", "[x][y]" and "[x]: y" are links
			if j := strings.IndexByte(s[i:], ']'); j > 0 && i+j+1 < len(s) {
				escape = strings.IndexByte("([:", s[i+j+1]) >= 0
			}
		case '<':
			escape = isAlnum(next) || next == '/' || next == '!' || next == '?'
		case '&':
			escape = mdEntity.MatchString(s[i:])
		}
		if escape {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

var mdEntity = regexp.MustCompile(`^&#?[A-Za-z0-9]+;`)

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// HTML returns XHTML-safe markup: escaped text with italics as <i>…</i>,
// bold as <b>, superscript and subscript as <sup> and <sub>, small caps and
// underline as styled spans.
func (t Text) HTML() string {
	var b strings.Builder
	for _, s := range t.merged() {
		b.WriteString(s.Look.wrap(html.EscapeString(s.Text)))
	}
	return b.String()
}

// wrap puts HTML markup for the look around s, in the order citeproc-js
// nests it, small caps and underline as inline styles.
func (l Look) wrap(s string) string {
	return l.WrapHTML(s, func(look string) string {
		if look == "small-caps" {
			return `<span style="font-variant:small-caps;">`
		}
		return `<span style="text-decoration:underline;">`
	})
}

// WrapHTML puts HTML markup for the look around s, in the order citeproc-js
// nests it: italic, bold, superscript and subscript as <i>, <b>, <sup> and
// <sub>; small caps and underline in a span whose opening tag span gives
// for "small-caps" or "underline" (an inline style, or a stylesheet's
// class where a Content-Security-Policy refuses inline styles).
func (l Look) WrapHTML(s string, span func(look string) string) string {
	if l.Italic {
		s = "<i>" + s + "</i>"
	}
	if l.SmallCaps {
		s = span("small-caps") + s + "</span>"
	}
	if l.Bold {
		s = "<b>" + s + "</b>"
	}
	if l.Underline {
		s = span("underline") + s + "</span>"
	}
	if l.Superscript {
		s = "<sup>" + s + "</sup>"
	}
	if l.Subscript {
		s = "<sub>" + s + "</sub>"
	}
	return s
}

// underscored marks italics as _x_, the way the oracle prints them (tests).
func (t Text) underscored() string {
	var b strings.Builder
	for _, s := range t.merged() {
		if s.Italic {
			b.WriteString("_" + s.Text + "_")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// merged joins adjacent spans of the same look and drops empty ones.
func (t Text) merged() Text { return t.mergedBy(false) }

// mergedBy joins adjacent spans of the same look, and, with normal, the
// same formatting turned off inside a run.
func (t Text) mergedBy(normal bool) Text {
	var out Text
	for _, s := range t {
		if s.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Look == s.Look && (!normal || out[n-1].normal == s.normal && out[n-1].raised == s.raised) {
			out[n-1].Text += s.Text
			continue
		}
		out = append(out, s)
	}
	return out
}
