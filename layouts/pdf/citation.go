package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// How superscripts, subscripts and small caps are set, as fractions of the
// surrounding type: a superscript's top near the capitals', a subscript
// just below the baseline, small capitals a little taller than the
// x-height, as typefaces' own small caps are.
const (
	scriptScale    = 0.7
	superRise      = 0.33
	subDrop        = 0.12
	smallCapsScale = 0.78
)

// citeSpans sets formatted citation text in the size, colour, style, rise,
// tag and link of base: an italic run toggles italics (a title inside an
// italic quotation reads roman), bold adds weight, a superscript or
// subscript is set smaller and raised or lowered, small caps are
// synthesised (Gentium has them, but gofpdf draws only the glyph a
// character maps to: see smallCaps), and underline asks for its rule.
// clean makes the text drawable in a style, as its call site cleans text.
func citeSpans(t cite.Text, base richtext.Span, clean func(text string, st richtext.Style) string) []richtext.Span {
	var out []richtext.Span
	for _, s := range t {
		if s.Text == "" {
			continue
		}
		sp := base
		if s.Italic {
			sp.Style ^= richtext.Italic
		}
		if s.Bold {
			sp.Style |= richtext.Bold
		}
		sp.Underline = sp.Underline || s.Underline
		switch {
		case s.Superscript:
			sp.Size, sp.Rise = base.Size*scriptScale, base.Rise+base.Size*superRise
		case s.Subscript:
			sp.Size, sp.Rise = base.Size*scriptScale, base.Rise-base.Size*subDrop
		}
		sp.Text = clean(s.Text, sp.Style)
		if s.SmallCaps {
			out = append(out, smallCaps(sp)...)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// smallCaps sets sp's text in small capitals: capitals stay, and each run
// of lower-case letters becomes capitals at smallCapsScale of the size,
// read as the letters it was written in (Actual), so that the text layer
// has "Ishiguro" where the page shows "ISHIGURO".
func smallCaps(sp richtext.Span) []richtext.Span {
	var out []richtext.Span
	text := sp.Text
	for text != "" {
		lower := isLower(text)
		n := 0
		for n < len(text) {
			r, w := utf8.DecodeRuneInString(text[n:])
			if isLowerRune(r) != lower {
				break
			}
			n += w
		}
		run := sp
		run.Text = text[:n]
		if lower {
			run.Text, run.Actual = upper(run.Text), run.Text
			run.Size = sp.Size * smallCapsScale
		}
		out = append(out, run)
		text = text[n:]
	}
	return out
}

// capitals sets sp's text in capitals (a label set as a kicker), each
// word read as it was written (Actual): a screen reader says "Student
// handouts", not a string of letters, and copied text keeps its case.
func capitals(sp richtext.Span) []richtext.Span {
	var out []richtext.Span
	for i, w := range strings.Split(sp.Text, " ") {
		space, word := sp, sp
		if i > 0 {
			space.Text = " "
			out = append(out, space)
		}
		if w == "" {
			continue
		}
		word.Text = upper(w)
		if word.Text != w {
			word.Actual = w
		}
		out = append(out, word)
	}
	return out
}

func isLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isLowerRune(r)
}

// isLowerRune reports whether r is a lower-case letter with a capital.
func isLowerRune(r rune) bool { return unicode.IsLower(r) && unicode.ToUpper(r) != r }
