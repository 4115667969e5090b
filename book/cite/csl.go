package cite

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/companion-dev/companion/book/diag"
)

// CSL is a CSL 1.0 style compiled with the locale that gives it its terms
// and date formats: what NewCSL formats with. It is read once and may be
// shared by any number of processors.
type CSL struct {
	builtin Style // the built-in style it is, "" for a style read from a file
	// a built-in style is compiled when a processor first needs it, so
	// that checking a book that names one costs nothing (see Style.CSL)
	once    sync.Once
	compile func() *cslStyle
	st      *cslStyle
}

// style is the compiled style, compiling a built-in one the first time.
func (c *CSL) style() *cslStyle {
	c.once.Do(func() {
		if c.compile != nil {
			c.st, c.compile = c.compile(), nil
		}
	})
	return c.st
}

// Builtin is the built-in style the style is, or, for a dependent style,
// takes after; "" for an independent style read from a file.
func (c *CSL) Builtin() Style { return c.builtin }

// Locale is a CSL locale: the terms ("edited by", "and", "ibid."), date
// formats and punctuation rules of one language.
type Locale struct {
	// a built-in locale, and a locale over another, is read when a
	// style is first compiled over it: a book's check reads none
	once sync.Once
	load func() *locale
	l    *locale
	// builtin: one of BuiltinLocale's, which lives as long as the
	// program, so that its versions with other quotation marks may too
	builtin bool
}

// locale is the locale read, reading it the first time.
func (l *Locale) locale() *locale {
	l.once.Do(func() {
		if l.load != nil {
			l.l, l.load = l.load(), nil
		}
	})
	return l.l
}

// ReadLocale reads a locale file (locales-xx-XX.xml, as the CSL project
// publishes them).
func ReadLocale(file string, data []byte) (*Locale, diag.List) {
	l, warns, err := parseLocale(data)
	if err != nil {
		return nil, readError(file, "locale", err)
	}
	return &Locale{l: l}, warnings(file, warns)
}

// Over is the locale with what it lacks taken from base, as CSL
// processors fill a locale's gaps from en-US.
func (l *Locale) Over(base *Locale) *Locale {
	return &Locale{load: func() *locale {
		top := l.locale()
		m := base.locale().clone()
		m.lang = top.lang
		m.punctInQuote = top.punctInQuote
		m.limitDayOrdinals = top.limitDayOrdinals
		maps.Copy(m.terms, top.terms)
		maps.Copy(m.dates, top.dates)
		return m
	}}
}

// Quotes are the four quotation marks a locale puts round a title or a
// quotation: outer open and close, inner open and close.
type Quotes [4]string

// WithQuotes is the locale with the book's own quotation marks in place
// of its terms open-quote, close-quote, open-inner-quote and
// close-inner-quote, so that a title in the works cited is quoted as the
// book's text quotes (en-GB's locale has ‘single’ marks, where a book may
// use “double” ones). For a built-in locale the same marks give the same
// locale, so a style compiled over it is compiled once.
func (l *Locale) WithQuotes(q Quotes) *Locale {
	builtinMu.Lock()
	defer builtinMu.Unlock()
	key := quotedKey{l, q}
	if w, ok := quoted[key]; ok {
		return w
	}
	w := &Locale{builtin: l.builtin, load: func() *locale {
		m := l.locale().clone()
		for i, name := range [...]string{"open-quote", "close-quote", "open-inner-quote", "close-inner-quote"} {
			m.terms[termKey{name, "long", ""}] = term{single: q[i], multiple: q[i]}
		}
		return m
	}}
	if l.builtin {
		quoted[key] = w
	}
	return w
}

type quotedKey struct {
	l *Locale
	q Quotes
}

// quoted holds the built-in locales with other quotation marks, under
// builtinMu.
var quoted = map[quotedKey]*Locale{}

// ReadCSL compiles an independent style (a .csl file) over a locale, as
// ReadStyle and Compile do.
func ReadCSL(file string, style []byte, loc *Locale) (*CSL, diag.List) {
	f, diags := ReadStyle(file, style)
	if diags.HasErrors() {
		return nil, diags
	}
	c, more := f.Compile(nil, loc)
	diags.Append(more)
	return c, diags
}

// StyleFile is a .csl file read and checked but not yet compiled: its
// cs:info tells the locale it asks for and, for a dependent style, the
// style whose citations and bibliography it takes.
type StyleFile struct {
	file    string
	data    []byte
	root    *node
	builtin Style // the built-in style it is, if it is one
	parent  *node // cs:link rel="independent-parent", nil for an independent style
	warns   []*posError
}

// ReadStyle reads a .csl file: a CSL 1.0 <style>, independent (with a
// <citation>) or dependent (with a cs:link to its parent). An element or
// attribute CSL does not have is a warning at its line, and is ignored, as
// other processors ignore it.
func ReadStyle(file string, data []byte) (*StyleFile, diag.List) {
	root, warns, err := parseXML(data)
	if err == nil && root.name != "style" {
		err = root.errorf("the root element is <%s>, not <style>", root.name)
	}
	if err == nil && root.version != "1.0" {
		err = root.errorf("the style is CSL %q, and companion reads CSL 1.0", root.version)
		if root.version == "" {
			err = root.errorf("the style gives no CSL version (version=\"1.0\" on <style>)")
		}
	}
	if err != nil {
		return nil, readError(file, "style", err)
	}
	f := &StyleFile{file: file, data: data, root: root, warns: warns}
	for _, link := range root.child("info").kidsOrNil() {
		if link.name == "link" && link.rel == "independent-parent" {
			f.parent = link
		}
	}
	if f.parent == nil && root.child("citation") == nil {
		return nil, readError(file, "style", root.errorf("the style has no <citation>"))
	}
	return f, nil
}

// Parent is the id of the style a dependent style takes its citations and
// bibliography from ("http://www.zotero.org/styles/apa"), and where the
// file names it; ok is false for an independent style.
func (f *StyleFile) Parent() (id string, at diag.Pos, ok bool) {
	if f.parent == nil {
		return "", diag.Pos{}, false
	}
	return f.parent.href, f.pos(f.parent), true
}

// ID is the style's own id, from its cs:info.
func (f *StyleFile) ID() string {
	return strings.TrimSpace(textOf(f.root.child("info").child("id")))
}

// Title is the style's name as its cs:info gives it ("MLA Handbook 9th
// edition (in-text citations)"), for a colophon to credit; "" when it
// gives none.
func (f *StyleFile) Title() string {
	return strings.Join(strings.Fields(textOf(f.root.child("info").child("title"))), " ")
}

// DefaultLocale is the locale the style asks for when the user asks for
// none ("en-GB"), and where the file says so; "" when it asks for none.
func (f *StyleFile) DefaultLocale() (string, diag.Pos) {
	return f.root.defaultLocale, f.pos(f.root)
}

func textOf(n *node) string {
	if n == nil {
		return ""
	}
	return n.text
}

func (f *StyleFile) pos(n *node) diag.Pos {
	return diag.Pos{File: f.file, Line: n.line, Col: n.col}
}

// BuiltinParent is the built-in style a dependent style's parent id names.
func BuiltinParent(id string) (Style, bool) { return styleByID(id) }

// Compile compiles the style over a locale. A dependent style is compiled
// as its parent, which the caller has found and read, with the dependent
// style's own <locale> terms over the parent's.
func (f *StyleFile) Compile(parent *StyleFile, loc *Locale) (*CSL, diag.List) {
	if f.builtin != "" && parent == nil {
		// compiled once per locale and shared
		return f.builtin.CSL(loc), nil
	}
	return f.compile(parent, loc)
}

func (f *StyleFile) compile(parent *StyleFile, loc *Locale) (*CSL, diag.List) {
	if f.parent != nil && parent == nil {
		var l diag.List
		l.Errorf(f.pos(f.parent), "the style depends on %s, which is not given", f.parent.href)
		return nil, l
	}
	src := f
	if parent != nil {
		src = parent
	}
	st, warns, err := compileStyle(src.data, loc.locale())
	if err != nil {
		return nil, readError(src.file, "style", err)
	}
	if parent != nil {
		st.mergeLocales(f.root)
	}
	var diags diag.List
	if parent != nil {
		diags = warnings(f.file, f.warns)
	}
	diags.Append(warnings(src.file, warns))
	return &CSL{st: st, builtin: src.builtin}, diags
}

// readError reports a file that could not be read, at the line and column
// where reading stopped.
func readError(file, what string, err error) diag.List {
	var l diag.List
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	var pe *posError
	if errors.As(err, &pe) {
		pos.Line, pos.Col = pe.line, pe.col
	}
	l.Errorf(pos, "cannot read the %s: %v", what, err)
	if what == "style" {
		l.Hintf("a style is a CSL 1.0 XML file with a <style> root holding a <citation>, as the styles at citationstyles.org are")
	} else {
		l.Hintf("a locale is a CSL locale file with a <locale> root, as locales-en-GB.xml at citationstyles.org is")
	}
	return l
}

// warnings turns what the reader left out into diagnostics, with the
// attribute meant where a misspelling is likely.
func warnings(file string, warns []*posError) diag.List {
	var l diag.List
	// macros are checked after the whole style is read: put them in place
	slices.SortStableFunc(warns, func(a, b *posError) int { return cmp.Or(a.line-b.line, a.col-b.col) })
	for _, w := range warns {
		l.Warnf(diag.Pos{File: file, Line: w.line, Col: w.col}, "%s; it is ignored", w.msg)
		switch {
		case w.attr != "":
			if near, ok := diag.Near(w.attr, knownAttrs[w.elem]); ok {
				l.Hintf("did you mean %s?", near)
			} else {
				l.Hintf("<%s> takes: %s", w.elem, strings.Join(knownAttrs[w.elem], ", "))
			}
		case w.elem != "":
			var els []string
			for el := range elementAttrs {
				els = append(els, el)
			}
			if near, ok := diag.Near(w.elem, els); ok {
				l.Hintf("did you mean <%s>?", near)
			}
		}
	}
	return l
}

// Position is where a cite stands among the cites of the same work in a
// document, as CSL styles test it (<if position="…">). The values are
// citeproc-js's, which the CSL test suite writes as numbers.
type Position int

// The positions. The zero value is the first cite of a work.
const (
	First           Position = iota // the work is cited for the first time
	Subsequent                      // cited before
	Ibid                            // cited by the cite just before, at the same place
	IbidWithLocator                 // cited just before, at another place
)

// Citation is one citation of a document: the cites between one pair of
// brackets and, in a note style, the number of the note it stands in (0 in
// the running text).
type Citation struct {
	Items []Item
	Note  int
}

// Citations formats a document's citations in their order, setting each
// cite's Position, NearNote and FirstNote as CSL defines them: ibid when the cite just
// before (in the same citation, or a previous citation of only this work;
// for the first citation of a note, the whole note before) cites the same
// work, with or without a new locator, citations in the running text (Note
// 0) following only each other; near note when the
// work was last cited at most the style's near-note-distance notes before
// (5 by default).
func (p *Processor) Citations(cs []Citation) []Text {
	out := make([]Text, len(cs))
	for i, items := range p.Positions(cs) {
		out[i] = p.Cite(items)
	}
	return out
}

// Positions returns the items of each of a document's citations with
// their Position, NearNote and FirstNote set as Citations sets them, for a
// caller that formats each with Cite itself: a book keeps what it has
// formatted, since the same cite at the same position reads the same in
// every chapter.
func (p *Processor) Positions(cs []Citation) [][]Item {
	distance := p.st.citation.nearNoteDistance.or(5)
	lastNote := map[string]int{}
	firstNote := map[string]int{}
	seen := map[string]bool{}
	// the cites an ibid can refer back to, apart for the citations in
	// the running text and those in notes (a note style's in-text
	// citations make their own sequence, as in citeproc-js): the
	// previous citation's, and the previous note's all together
	type track struct {
		prev, prevNote, note []Item
		noteNo               int
	}
	var inText, inNotes track
	out := make([][]Item, len(cs))
	for i, c := range cs {
		tr := &inNotes
		if c.Note == 0 {
			tr = &inText
		}
		back := tr.prev
		if c.Note > 0 && c.Note != tr.noteNo {
			// the first citation of a note refers back to the whole
			// note before: two works cited there, and no ibid
			tr.prevNote, tr.note, tr.noteNo = tr.note, nil, c.Note
			back = tr.prevNote
		}
		items := append([]Item(nil), c.Items...)
		for j := range items {
			it := &items[j]
			var before *Item
			switch {
			case j > 0:
				before = &items[j-1]
			case len(back) > 0 && allSameKey(back):
				before = &back[len(back)-1]
			}
			it.Position, it.NearNote = Subsequent, false
			switch {
			case !seen[it.Key]:
				it.Position = First
			case before != nil && before.Key == it.Key:
				it.Position = ibidPosition(*before, *it)
			}
			if n, ok := lastNote[it.Key]; ok && it.Position != First && c.Note > 0 && c.Note-n <= distance {
				it.NearNote = true
			}
			if !seen[it.Key] {
				firstNote[it.Key] = c.Note
			}
			it.FirstNote = firstNote[it.Key]
			seen[it.Key] = true
			lastNote[it.Key] = c.Note
		}
		out[i] = items
		tr.prev = items
		if c.Note > 0 { // what the next note's first citation refers back to
			tr.note = append(tr.note, items...)
		}
	}
	return out
}

func allSameKey(items []Item) bool {
	for _, it := range items {
		if it.Key != items[0].Key {
			return false
		}
	}
	return true
}

// ibidPosition tells ibid from ibid with locator: a cite without a locator
// after one with a locator is only subsequent, as it refers to the whole.
func ibidPosition(before, cur Item) Position {
	switch {
	case cur.Locator == "" && before.Locator == "":
		return Ibid
	case cur.Locator == "":
		return Subsequent
	case cur.Locator == before.Locator && locLabel(&cur) == locLabel(&before):
		return Ibid
	}
	return IbidWithLocator
}

// CiteprocHTML returns the text as citeproc-js writes HTML, the form the
// CSL test suite expects: "&", "<" and ">" as numeric entities, the
// formatting as HTML does it.
func (t Text) CiteprocHTML() string {
	spans := t.mergedBy(true)
	if !slices.ContainsFunc(spans, func(s Span) bool { return s.normal != Look{} }) {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Look.wrap(citeprocEscaper.Replace(s.Text)))
		}
		return b.String()
	}
	return nestedHTML(spans, 0, 0)
}

// nestable is the formatting that can be turned off inside a run, with
// citeproc-js's tags for it on and off, outermost first as Look.wrap nests
// them.
var nestable = []struct {
	on, off, close, offClose string
	level                    func(s Span) int
}{
	{"<b>", `<span style="font-weight:normal;">`, "</b>", "</span>", func(s Span) int { return level(s.Bold, s.normal.Bold) }},
	{`<span style="font-variant:small-caps;">`, `<span style="font-variant:normal;">`, "</span>", "</span>", func(s Span) int { return level(s.SmallCaps, s.normal.SmallCaps) }},
	{"<i>", `<span style="font-style:normal;">`, "</i>", "</span>", func(s Span) int { return level(s.Italic, s.normal.Italic) }},
}

// level is how deep a span sits in one formatting: 0 outside it, 1 in it,
// 2 set normal inside it, 3 in it again inside that.
func level(on, normal bool) int {
	switch {
	case on && normal:
		return 3
	case normal:
		return 2
	case on:
		return 1
	}
	return 0
}

// nestedHTML writes spans of which some turn formatting off inside a run,
// as citeproc-js does: "<i>My <span style="font-style:normal;">Amazing</span>
// Title</i>". It takes the formatting in nestable from formatting k on,
// inside depth levels of formatting k; the rest of a span's look (underline,
// superscript, subscript) is set span by span.
func nestedHTML(spans []Span, k, depth int) string {
	if k == len(nestable) {
		var b strings.Builder
		for _, s := range spans {
			l := Look{Underline: s.Underline, Superscript: s.Superscript, Subscript: s.Subscript}
			b.WriteString(l.wrap(citeprocEscaper.Replace(s.Text)))
		}
		return b.String()
	}
	f := nestable[k]
	var b strings.Builder
	for i := 0; i < len(spans); {
		deeper := f.level(spans[i]) > depth
		j := i + 1
		for j < len(spans) && (f.level(spans[j]) > depth) == deeper {
			j++
		}
		if !deeper {
			b.WriteString(nestedHTML(spans[i:j], k+1, 0))
		} else if depth%2 == 0 {
			b.WriteString(f.on + nestedHTML(spans[i:j], k, depth+1) + f.close)
		} else {
			b.WriteString(f.off + nestedHTML(spans[i:j], k, depth+1) + f.offClose)
		}
		i = j
	}
	return b.String()
}

var citeprocEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;")

// BibliographyHTML returns the entries as citeproc-js writes a
// bibliography: a csl-bib-body div holding a csl-entry div for each, with
// csl-left-margin and csl-right-inline divs when the first field is set
// apart, and a div for each part the style displays apart.
func BibliographyHTML(entries []Entry) string {
	var b strings.Builder
	b.WriteString("<div class=\"csl-bib-body\">\n")
	for _, e := range entries {
		if e.Margin != nil {
			b.WriteString("  <div class=\"csl-entry\">\n    <div class=\"csl-left-margin\">" + e.Margin.CiteprocHTML() +
				"</div><div class=\"csl-right-inline\">" + e.Text.CiteprocHTML() + "</div>\n  </div>\n")
			continue
		}
		if e.Blocks != nil {
			b.WriteString("  <div class=\"csl-entry\">" + blockHTML(e.Blocks) + "</div>\n")
			continue
		}
		b.WriteString("  <div class=\"csl-entry\">" + e.Text.CiteprocHTML() + "</div>\n")
	}
	b.WriteString("</div>")
	return b.String()
}
