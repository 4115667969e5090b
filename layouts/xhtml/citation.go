package xhtml

import (
	"html"
	"regexp"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/layouts/internal/tie"
)

// Citation writes formatted citation text as XHTML: italics as <i> and
// bold as <b> (the conventional typography of a title or a volume, not
// emphasis), superscript and subscript as <sup> and <sub>, small caps and
// underline as spans of reading.css's classes smallcaps and underline
// (pandoc's names), since the site's Content-Security-Policy refuses
// inline styles. Nested in the order cite.Text.HTML nests its markup.
// Its spaces are tied as running text's are ("ch. 1", "pp. 211–30"), so
// a narrow screen never starts a line with a citation's number.
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
			b.WriteString(wrapLook(t[i].Look, linked(html.EscapeString(tie.Spaces(run.String())))))
		}
		i = j
	}
	return b.String()
}

// CitationAfter is a citation set after what it cites (a term's
// definition, a quotation in the index): a space and the citation in its
// span; "" for one that prints nothing (an author's name suppressed,
// [-@key], where the style has no page to give), which would leave a
// stray space and an empty span, as a chapter's text drops it
// (book.Citations.Inlines).
func CitationAfter(t cite.Text) string {
	if t.Plain() == "" {
		return ""
	}
	return ` <span class="citation">` + Citation(t) + `</span>`
}

// StyleCredit is the colophon's line that names the citation style the
// references follow, by its title, and credits the Citation Style
// Language, whose styles ask for it (CC BY-SA 3.0); escaped.
func StyleCredit(b *book.Book) string {
	if b.StyleTitle == "" {
		return Escape(b.Labels.Get("citation-style-credit"))
	}
	return Escape(b.Labels.Format("citation-style-credit-named", "style", b.StyleTitle))
}

func wrapLook(l cite.Look, s string) string {
	return l.WrapHTML(s, func(look string) string {
		if look == "small-caps" {
			return `<span class="smallcaps">`
		}
		return `<span class="underline">`
	})
}

// entryBlocks writes an entry in the parts its style sets apart: a line
// of its own (block), an indented one (indent), the first field's column
// (left-margin) and the rest beside it. Where lines of their own come
// too, the text between them is a div of its own, so that its first line
// hangs as an entry's first line does.
func entryBlocks(bs []cite.Block) string {
	lines := false
	for _, b := range bs {
		lines = lines || b.Display == "block" || b.Display == "indent"
	}
	var w strings.Builder
	open := false // the div of text between lines
	for i, b := range bs {
		switch b.Display {
		case "block", "indent":
			if open {
				w.WriteString("</div>")
				open = false
			}
			w.WriteString(`<div class="display-` + b.Display + `">` + Citation(b.Text) + "</div>")
			continue
		}
		if lines && !open {
			w.WriteString(`<div class="display-line">`)
			open = true
		}
		t := b.Text
		if i > 0 && bs[i-1].Display == "left-margin" {
			t = t.TrimLeft()
		}
		if b.Display == "left-margin" {
			w.WriteString(`<span class="first-field">` + Citation(t) + " </span>")
		} else {
			w.WriteString(Citation(t))
		}
	}
	if open {
		w.WriteString("</div>")
	}
	return w.String()
}

// hasDisplay reports whether an entry has a part set apart as display says.
func hasDisplay(entries []cite.Entry, display string) bool {
	for _, e := range entries {
		for _, b := range e.Blocks {
			if b.Display == display {
				return true
			}
		}
	}
	return false
}

// worksCitedList writes the works cited as a list set as the style asks
// (reading.css): each entry hanging when the style's hanging-indent says
// so, its first field ("[1]") in a column of its own when the style sets
// it apart (flush and margin alike: a reading system's margin may be
// none), and space between entries when the entry-spacing asks for any.
// The parts of an entry its style's display attributes set apart are a
// line of their own (block), an indented one (indent) or the first
// field's column (left-margin, the rest beside it: right-inline).
// The style's line-spacing is a manuscript's double spacing, which a book
// does not copy (pandoc leaves it out too).
func worksCitedList(entries []cite.Entry, opt cite.BibliographyOptions) string {
	class := "works-cited"
	if opt.HangingIndent {
		class += " hanging"
	}
	if opt.SecondFieldAlign != "" || hasDisplay(entries, "left-margin") {
		class += " aligned"
	}
	if opt.EntrySpacing > 0 {
		class += " spaced"
	}
	var w strings.Builder
	w.WriteString(`<ul class="` + class + "\">\n")
	for _, e := range entries {
		w.WriteString("<li>")
		switch {
		case len(e.Margin) > 0:
			// the space between the field and the rest belongs to the
			// field's column, where it takes no width at the column's end
			w.WriteString(`<span class="first-field">` + Citation(e.Margin) + " </span>" + Citation(e.Text.TrimLeft()))
		case e.Blocks != nil:
			w.WriteString(entryBlocks(e.Blocks))
		default:
			w.WriteString(Citation(e.Text))
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ul>\n")
	return w.String()
}

// webAddress is a web address in escaped text, up to a space or markup.
var webAddress = regexp.MustCompile(`https?://[^\s<>"]+`)

// linked makes each web address in escaped text a link, as the PDF's works
// cited does: a reader follows it rather than typing it. Punctuation
// that ends a sentence or an entry after the address stays outside.
func linked(escaped string) string {
	return webAddress.ReplaceAllStringFunc(escaped, func(u string) string {
		addr := strings.TrimRight(u, ".,;:)]")
		return `<a href="` + addr + `">` + addr + `</a>` + u[len(addr):]
	})
}
