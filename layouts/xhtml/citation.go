package xhtml

import (
	"html"
	"strings"

	"github.com/companion-dev/companion/book/cite"
)

// Citation writes formatted citation text as XHTML: italics as <i> and
// bold as <b> (the conventional typography of a title or a volume, not
// emphasis), superscript and subscript as <sup> and <sub>, small caps and
// underline as spans of reading.css's classes smallcaps and underline
// (pandoc's names), since the site's Content-Security-Policy refuses
// inline styles. Nested in the order cite.Text.HTML nests its markup.
func Citation(t cite.Text) string {
	var b strings.Builder
	for i := 0; i < len(t); {
		// adjacent spans in one look are one element
		j := i + 1
		for j < len(t) && t[j].Look == t[i].Look {
			j++
		}
		var run strings.Builder
		for _, s := range t[i:j] {
			run.WriteString(s.Text)
		}
		if run.Len() > 0 {
			b.WriteString(wrapLook(t[i].Look, html.EscapeString(run.String())))
		}
		i = j
	}
	return b.String()
}

func wrapLook(l cite.Look, s string) string {
	if l.Italic {
		s = "<i>" + s + "</i>"
	}
	if l.SmallCaps {
		s = `<span class="smallcaps">` + s + "</span>"
	}
	if l.Bold {
		s = "<b>" + s + "</b>"
	}
	if l.Underline {
		s = `<span class="underline">` + s + "</span>"
	}
	if l.Superscript {
		s = "<sup>" + s + "</sup>"
	}
	if l.Subscript {
		s = "<sub>" + s + "</sub>"
	}
	return s
}

// worksCitedList writes the works cited as a list set as the style asks
// (reading.css): each entry hanging when the style's hanging-indent says
// so, its first field ("[1]") in a column of its own when the style sets
// it apart (flush and margin alike: a reading system's margin may be
// none), and space between entries when the entry-spacing asks for any.
// The style's line-spacing is a manuscript's double spacing, which a book
// does not copy (pandoc leaves it out too).
func worksCitedList(entries []cite.Entry, opt cite.BibliographyOptions) string {
	class := "works-cited"
	if opt.HangingIndent {
		class += " hanging"
	}
	if opt.SecondFieldAlign != "" {
		class += " aligned"
	}
	if opt.EntrySpacing > 0 {
		class += " spaced"
	}
	var w strings.Builder
	w.WriteString(`<ul class="` + class + "\">\n")
	for _, e := range entries {
		w.WriteString("<li>")
		if len(e.Margin) > 0 {
			// the space between the field and the rest belongs to the
			// field's column, where it takes no width at the column's end
			rest := e.Text
			if len(rest) > 0 && strings.HasPrefix(rest[0].Text, " ") {
				rest = append(cite.Text{{Text: strings.TrimLeft(rest[0].Text, " "), Look: rest[0].Look}}, rest[1:]...)
			}
			w.WriteString(`<span class="first-field">` + Citation(e.Margin) + " </span>" + Citation(rest))
		} else {
			w.WriteString(Citation(e.Text))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n")
	return w.String()
}
