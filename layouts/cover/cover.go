// Package cover draws the typographic cover a book without a cover image
// gets, the same in every output: the title, the subtitle, the work and
// its author, and the companion's authors on a framed 2:3 page.
package cover

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
)

// Typographic cover: a 2:3 page with the title, the subtitle, the work and
// its author, and the companion's authors. SVG wraps no text, so lines are
// broken here by an estimate of the serif's average advance (half an em),
// which keeps every line inside the frame for ordinary titles.
const (
	// Width and Height are the cover's size in CSS pixels.
	Width, Height = coverW, coverH

	coverW, coverH = 600, 900
	coverText      = 480 // the width lines must fit in
	coverInk       = "#1f3a4d"
	coverPaper     = "#f4efe4"
	coverFont      = "'Gentium Book Plus', Georgia, 'Times New Roman', serif"
)

// text is one line of the cover, centred at y (its baseline).
type text struct {
	y, size float64
	style   string // "", "italic" or "caps" (upper case, letter-spaced)
	s       string
}

// design is the cover's text and the rule under the title, laid out once
// for the SVG and the PNG.
type design struct {
	lines []text
	ruleY float64
}

func layout(b *book.Book, teacher bool) design {
	var d design
	add := func(y, size float64, style, s string) {
		if style == "caps" {
			s = strings.ToUpper(s)
		}
		d.lines = append(d.lines, text{y, size, style, s})
	}
	if teacher {
		add(95, 18, "caps", b.Labels.Get("teacher-edition"))
	}
	// Title: as large as fits in three lines.
	size := 64.0
	lines := wrap(b.Title, size)
	for len(lines) > 3 && size > 36 {
		size -= 4
		lines = wrap(b.Title, size)
	}
	y := 250.0 - float64(len(lines)-1)*size*0.55
	for _, l := range lines {
		add(y, size, "", l)
		y += size * 1.15
	}
	d.ruleY = y - size*0.4
	y += 30
	if b.Subtitle != "" {
		for _, l := range wrap(b.Subtitle, 30) {
			add(y, 30, "italic", l)
			y += 38
		}
	}
	if r := b.WorkReference(); r != nil && r.Title != "" {
		y = max(y+40, 600)
		// The label's words before the work head the lines of its
		// title; those after it follow them, with the work's authors.
		before, after := workLabel(b, r)
		add(y, 20, "caps", before)
		y += 44
		for _, l := range wrap(r.Title, 32) {
			add(y, 32, "italic", l)
			y += 40
		}
		if after != "" {
			add(y, 24, "", after)
		}
	}
	var names []string
	for _, a := range b.Authors {
		names = append(names, a.Name)
	}
	add(coverH-75, 20, "", b.Labels.And(names))
	return d
}

// SVG is the typographic cover of b, for its teacher edition if teacher.
func SVG(b *book.Book, teacher bool) []byte {
	esc := html.EscapeString
	d := layout(b, teacher)
	var w strings.Builder
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" xml:lang="%s" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n",
		esc(b.Language), coverW, coverH, coverW, coverH)
	fmt.Fprintf(&w, "<title>%s</title>\n", esc(b.Labels.Format("cover-of", "title", FullTitle(b))))
	fmt.Fprintf(&w, `<rect width="%d" height="%d" fill="%s"/>`+"\n", coverW, coverH, coverPaper)
	fmt.Fprintf(&w, `<rect x="30" y="30" width="%d" height="%d" fill="none" stroke="%s" stroke-width="2"/>`+"\n", coverW-60, coverH-60, coverInk)
	fmt.Fprintf(&w, `<rect x="40" y="40" width="%d" height="%d" fill="none" stroke="%s" stroke-width="0.75"/>`+"\n", coverW-80, coverH-80, coverInk)
	fmt.Fprintf(&w, `<g font-family="%s" fill="%s" text-anchor="middle">`+"\n", coverFont, coverInk)
	rule := false
	for _, t := range d.lines {
		if !rule && t.y > d.ruleY {
			fmt.Fprintf(&w, `<line x1="%d" y1="%.0f" x2="%d" y2="%.0f" stroke="%s" stroke-width="1.5"/>`+"\n", coverW/2-60, d.ruleY, coverW/2+60, d.ruleY, coverInk)
			rule = true
		}
		attrs := ""
		switch t.style {
		case "italic":
			attrs = ` font-style="italic"`
		case "caps":
			attrs = ` letter-spacing="3"`
		}
		fmt.Fprintf(&w, `<text x="%d" y="%.0f" font-size="%.0f"%s>%s</text>`+"\n", coverW/2, t.y, t.size, attrs, esc(t.s))
	}
	w.WriteString("</g>\n</svg>\n")
	return []byte(w.String())
}

// wrap breaks s into lines that fit the cover's text width at a font size.
func wrap(s string, size float64) []string {
	limit := int(coverText / (size * 0.5))
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= limit:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// workLabel splits the label "A companion to {work} by {by}" around the
// work's title: the words before it and, trimmed, those after.
func workLabel(b *book.Book, r *cite.Reference) (before, after string) {
	key, by := "a-companion-to", Creators(b, r)
	if by != "" {
		key = "a-companion-to-by"
	}
	before, after, _ = strings.Cut(b.Labels.Format(key, "by", by), "{work}")
	return strings.TrimSpace(before), strings.TrimSpace(after)
}

// FullTitle is "Title: Subtitle" in the book's words.
func FullTitle(b *book.Book) string {
	if b.Subtitle == "" {
		return b.Title
	}
	return b.Labels.Format("title-subtitle", "title", b.Title, "subtitle", b.Subtitle)
}

// Creators names who made a work: its authors, else its directors or
// editors, in display order.
func Creators(b *book.Book, r *cite.Reference) string {
	names := r.Author
	if len(names) == 0 {
		names = r.Director
	}
	if len(names) == 0 {
		names = r.Editor
	}
	var s []string
	for _, n := range names {
		s = append(s, n.String())
	}
	return b.Labels.And(s)
}
