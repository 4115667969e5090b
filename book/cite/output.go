package cite

// ch is one output character with its style; q marks quotation marks the
// processor added (as opposed to apostrophes in the data).
type ch struct {
	r  rune
	lk Look
	// normal: the formatting turned off inside a run that had it
	normal Look
	q      bool
	raised int // written as a Unicode superscript character: which (Span.raised)
	// the style's own punctuation (an affix or delimiter), which moves
	// into quotation marks; punctuation written in the data stays put
	style bool
}

type flattener struct {
	out          []ch
	raised       int // the Unicode superscript characters written so far
	open, close  string
	iopen, iclos string
}

func (f *flattener) write(s string, lk, normal Look, q bool) {
	f.put(s, ch{lk: lk, normal: normal, q: q})
}

// writeStyle writes an affix or a delimiter.
func (f *flattener) writeStyle(s string, lk, normal Look) {
	f.put(s, ch{lk: lk, normal: normal, style: true})
}

// put writes s character by character in the look and marks of c; a
// superscript character becomes its base character raised.
func (f *flattener) put(s string, c ch) {
	for _, r := range s {
		base, ok := superscripts[r]
		if !ok {
			c.r = r
			f.out = append(f.out, c)
			continue
		}
		f.raised++
		up := c
		up.lk.Superscript, up.lk.Subscript, up.raised = true, false, f.raised
		for _, b := range base {
			up.r = b
			f.out = append(f.out, up)
		}
	}
}

// set applies a three-way formatting setting: 0 inherits, 1 sets, 2 unsets.
func set(dst *bool, v int8) {
	switch v {
	case 1:
		*dst = true
	case 2:
		*dst = false
	}
}

// walk writes b in the look it inherits; normal is the formatting turned
// off inside a run that had it, inherited too.
func (f *flattener) walk(b *blob, it, normal Look, qdepth int) {
	if b.empty() {
		return
	}
	cit := it
	switch b.italic {
	case 1:
		// italics within italics are set roman, as citeproc-js does
		cit.Italic = !it.Italic
	case 2:
		cit.Italic = false
	}
	set(&cit.Bold, b.bold)
	set(&cit.SmallCaps, b.smallCaps)
	if b.markup {
		// bold and small caps in the data flip too, within bold or
		// small caps: citeproc-js sets them normal
		cit.Bold = cit.Bold != (it.Bold && b.bold == 1)
		cit.SmallCaps = cit.SmallCaps != (it.SmallCaps && b.smallCaps == 1)
	}
	set(&cit.Underline, b.underline)
	cnormal := normal
	cnormal.Italic = normal.Italic || it.Italic && !cit.Italic
	cnormal.Bold = normal.Bold || it.Bold && !cit.Bold
	cnormal.SmallCaps = normal.SmallCaps || it.SmallCaps && !cit.SmallCaps
	switch b.valign {
	case 1:
		cit.Superscript, cit.Subscript = true, false
	case 2:
		cit.Superscript, cit.Subscript = false, true
	case 3:
		cit.Superscript, cit.Subscript = false, false
	}
	affix, anormal := it, normal
	if b.layout {
		// citeproc-js sets a layout's affixes in its formatting
		affix, anormal = cit, cnormal
	}
	f.writeStyle(b.prefix, affix, anormal)
	if b.quotes {
		if qdepth%2 == 0 {
			f.write(f.open, cit, cnormal, true)
		} else {
			f.write(f.iopen, cit, cnormal, true)
		}
		qdepth++
	}
	if b.kids == nil {
		f.write(b.text, cit, cnormal, false)
	} else {
		first := true
		for _, k := range b.kids {
			if k.empty() {
				continue
			}
			if !first {
				f.writeStyle(b.delim, cit, cnormal)
			}
			first = false
			f.walk(k, cit, cnormal, qdepth)
		}
	}
	if b.quotes {
		qdepth--
		if qdepth%2 == 0 {
			f.write(f.close, cit, cnormal, true)
		} else {
			f.write(f.iclos, cit, cnormal, true)
		}
	}
	f.writeStyle(b.suffix, affix, anormal)
}

// toText flattens a blob and settles punctuation the way citeproc-js does:
// no doubled periods or spaces, commas and periods inside closing quotes
// (American style).
func (st *cslStyle) toText(b *blob) Text {
	f := &flattener{
		open: st.loc.termOr("open-quote", "“"), close: st.loc.termOr("close-quote", "”"),
		iopen: st.loc.termOr("open-inner-quote", "‘"), iclos: st.loc.termOr("close-inner-quote", "’"),
	}
	f.walk(b, Look{}, Look{}, 0)
	cs := settle(f.out, st.loc.punctInQuote)
	frenchSpacing(cs)
	var t Text
	for _, c := range cs {
		if n := len(t); n > 0 && t[n-1].Look == c.lk && t[n-1].normal == c.normal && t[n-1].raised == c.raised {
			t[n-1].Text += string(c.r)
			continue
		}
		t = append(t, Span{Text: string(c.r), Look: c.lk, normal: c.normal, raised: c.raised})
	}
	return t
}

func (l *locale) termOr(name, def string) string {
	if s, ok := l.term(name, "", false); ok && s != "" {
		return s
	}
	return def
}

func settle(in []ch, punctInQuote bool) []ch {
	// collapse runs of spaces; a space at either end stays, as
	// citeproc-js leaves it (" (2006)" for a work without an author)
	var out []ch
	for _, c := range in {
		// a newline is the style's own (a delimiter of "&#x0A;"), and
		// stays, as citeproc-js keeps it
		if c.r == '\t' {
			c.r = ' '
		}
		if c.r == ' ' {
			// a no-break space already parts the words ("John&#160;"
			// from a name-part's suffix)
			if len(out) > 0 && (out[len(out)-1].r == ' ' || out[len(out)-1].r == '\u00a0') {
				continue
			}
		}
		out = append(out, c)
	}
	// doubled punctuation, then punctuation into closing quotes: a
	// colon after "Why?" is dropped before the question mark moves in
	var res []ch
	for _, c := range out {
		// marks within one field's text are the data's own ("What?!")
		if k := prevNonQuote(res); k >= 0 && (c.style || res[k].style) &&
			(k == len(res)-1 || c.r == '.' && allQuotes(res[k+1:])) {
			switch punctMerge(res[k].r, c.r) {
			case dropSecond:
				continue
			case replaceFirst:
				res[k].r = c.r
				continue
			}
		}
		res = append(res, c)
	}
	if punctInQuote {
		for i := 1; i < len(res); i++ {
			if movesIntoQuote(res[i].r) && res[i].style && res[i-1].q && isCloseQuote(res[i-1].r) {
				j := i - 1
				for j > 0 && res[j-1].q && isCloseQuote(res[j-1].r) {
					j--
				}
				p := res[i]
				// it takes the look of the quotation it moves into:
				// <i>“Book A.”</i>, as citeproc-js sets it
				p.lk, p.normal = res[j].lk, res[j].normal
				copy(res[j+1:i+1], res[j:i])
				res[j] = p
			}
		}
	}
	return res
}

// movesIntoQuote reports whether the style's punctuation r goes inside
// closing quotation marks in a locale that puts it there (American
// English): periods, commas, exclamation and question marks, not colons
// or semicolons.
func movesIntoQuote(r rune) bool { return r == '.' || r == ',' || r == '!' || r == '?' }

// A merge is what becomes of two punctuation marks that meet.
type merge int

const (
	keepBoth     merge = iota // "period.:" as written
	dropSecond                // "semicolon;" for ";" then ":"
	replaceFirst              // "colon!" for ":" then "!"
)

// punctMerge is citeproc-js's table for the mark a after b meeting:
// a stronger mark (! ?) replaces a colon or semicolon, a period or colon
// after a stronger or equal stop is dropped, and a mark meeting itself is
// written once. A comma is kept before anything but another comma.
func punctMerge(a, b rune) merge {
	strong := a == '!' || a == '?'
	switch b {
	case '.':
		if a == '.' || a == ':' || a == ';' || strong {
			return dropSecond
		}
	case ':':
		if a == ':' || a == ';' || strong {
			return dropSecond
		}
	case ';', ',':
		if a == b {
			return dropSecond
		}
	case '!', '?':
		switch {
		case a == b:
			return dropSecond
		case a == ':' || a == ';':
			return replaceFirst
		}
	}
	return keepBoth
}

// frenchSpacing sets the space inside guillemets that a field's text
// writes as an ordinary one (« Anonymous ») as the narrow no-break space
// French typesetting puts there, as citeproc-js does in any locale.
func frenchSpacing(cs []ch) {
	for i := range cs {
		if cs[i].r != ' ' {
			continue
		}
		if i > 0 && cs[i-1].r == '«' || i+1 < len(cs) && cs[i+1].r == '»' {
			cs[i].r = '\u202f'
		}
	}
}

func isCloseQuote(r rune) bool { return r == '”' || r == '’' || r == '"' || r == '\'' }

// prevNonQuote is the last character written but closing quotes and the
// ends of parts displayed apart, which punctuation meets across.
func prevNonQuote(res []ch) int {
	for k := len(res) - 1; k >= 0; k-- {
		if !res[k].q && res[k].r != blockEnd {
			return k
		}
	}
	return -1
}

func allQuotes(cs []ch) bool {
	for _, c := range cs {
		if c.r == blockEnd {
			continue // "Hailsham." ending an indented part, then the entry's "."
		}
		if !c.q || !isCloseQuote(c.r) {
			return false
		}
	}
	return true
}
