package cite

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Entry is one formatted entry of the works cited.
type Entry struct {
	Key string
	// Margin is the first field, when the style sets it apart
	// (second-field-align: "[1]" in a numbered list); Text is the rest.
	Margin Text
	Text   Text
	// Blocks is the entry in the parts its style displays apart, when
	// it does (CSL's display attribute, without second-field-align);
	// Text is then the whole entry.
	Blocks []Block
}

// Line is the entry on one line, to paste into a syllabus: its first field
// and the parts its style sets apart each parted from the rest by a space.
func (e Entry) Line() Text {
	parts := e.Blocks
	if parts == nil {
		parts = []Block{{Display: "left-margin", Text: e.Margin}, {Text: e.Text}}
	}
	var out Text
	for i, b := range parts {
		if len(b.Text) == 0 {
			continue
		}
		if len(out) > 0 && (b.Display != "" || parts[i-1].Display != "") && !startsApart(b.Text) && !strings.HasSuffix(out.Plain(), " ") {
			out = append(out, Span{Text: " "})
		}
		out = append(out, b.Text...)
	}
	return out
}

// startsApart reports whether t starts with a space or with punctuation
// that closes what comes before (the entry's final period).
func startsApart(t Text) bool {
	r, _ := utf8.DecodeRuneInString(t.Plain())
	return unicode.IsSpace(r) || strings.ContainsRune(".,;:)]", r)
}

// Block is a part of an entry as its style displays it: Display is
// "block" (a line of its own), "left-margin" (in the margin, as a
// hanging year), "right-inline" (the rest of the line beside it),
// "indent" (an indented paragraph), or "" for text that runs on.
type Block struct {
	Display string
	Text    Text
}

// BibliographyOptions are how a style asks for its works cited to be set
// (CSL's whitespace options of cs:bibliography), for a layout to follow.
type BibliographyOptions struct {
	// HangingIndent: every line of an entry but its first is indented.
	HangingIndent bool
	// SecondFieldAlign is "flush" or "margin" when an entry's first
	// field (Entry.Margin, "[1]") stands in a column of its own before
	// the rest, "flush" starting at the text's edge and "margin" hung
	// out in the margin; "" when the style does not set it apart.
	SecondFieldAlign string
	// LineSpacing is the spacing of an entry's lines, in lines (2:
	// double-spaced); EntrySpacing the space between two entries, in
	// lines (0: none). Both are 1 unless the style says otherwise.
	LineSpacing, EntrySpacing int
}

// dstate is what disambiguation decided for one reference's cites.
type dstate struct {
	addNames, givenLevel int
	givenLevels          []int // by name position, for the by-cite rule
	disamb               bool
	yearSuffix           string
	number               int // the citation-number
}

// sortsByNumber reports whether the works cited is sorted by citation-number.
func sortsByNumber(bib *node) bool {
	for _, k := range bib.child("sort").kidsOrNil() {
		if k.variable == "citation-number" {
			return true
		}
	}
	return false
}

// Processor formats citations and the works cited of one set of references
// in one style. After New it is safe for concurrent use.
type Processor struct {
	style Style
	st    *cslStyle
	refs  []*Reference // in bibliography order
	byID  map[string]*Reference
	ds    map[*Reference]*dstate
	// names: the registry of the global given-name rules (nil for by-cite)
	names *nameReg
	// collect: the registry being filled, during New only
	collect *nameReg
	mu      sync.Mutex // guards coll, which keeps buffers
	coll    *collate.Collator
}

// New prepares a built-in style in en-US over exactly the references that
// will appear in the works cited, so that disambiguation (the same author
// twice, the same author and year) is computed over them. An unknown
// style means MLA.
func New(style Style, refs []*Reference) *Processor {
	if s, ok := ParseStyle(string(style)); ok {
		style = s
	} else {
		style = MLA
	}
	c := style.CSL(defaultLocale())
	return newProcessor(style, c.style(), refs)
}

// NewCSL prepares a compiled style over the references, as New does for a
// built-in style.
func NewCSL(s *CSL, refs []*Reference) *Processor { return newProcessor(s.builtin, s.style(), refs) }

func newProcessor(style Style, st *cslStyle, refs []*Reference) *Processor {
	p := &Processor{style: style, st: st, byID: map[string]*Reference{}, ds: map[*Reference]*dstate{}}
	p.coll = collate.New(language.AmericanEnglish, collate.IgnoreCase, collate.IgnoreDiacritics, collate.Numeric)
	for _, r := range refs {
		if r == nil {
			continue
		}
		if _, dup := p.byID[r.ID]; dup {
			continue
		}
		p.byID[r.ID] = r
		p.refs = append(p.refs, r)
		p.ds[r] = &dstate{}
	}
	for i, r := range p.refs {
		p.ds[r].number = i + 1
	}
	p.refs = p.sortRefs(p.refs, p.st.bibliography, nil)
	if !sortsByNumber(p.st.bibliography) {
		// the numbers follow the works cited, unless it is itself
		// ordered by them (then they are the order of the references)
		for i, r := range p.refs {
			p.ds[r].number = i + 1
		}
	}
	p.disambiguate()
	return p
}

// Style returns the processor's built-in style, "" for a compiled one.
func (p *Processor) Style() Style { return p.style }

// Has reports whether the processor knows the reference key.
func (p *Processor) Has(key string) bool { _, ok := p.byID[key]; return ok }

func (p *Processor) newCtx(ref *Reference, item *Item, el *node) *ctx {
	c := &ctx{st: p.st, ref: ref, item: item, el: el, suppressed: map[string]bool{}}
	if el == p.st.bibliography {
		c.area = inBibliography
	}
	if el == p.st.citation {
		if d := p.ds[ref]; d != nil {
			c.addNames, c.givenLevel, c.disambiguate = d.addNames, d.givenLevel, d.disamb
			c.givenLevels = d.givenLevels
		}
		c.givenRule = givennameRule(el)
	}
	if d := p.ds[ref]; d != nil {
		c.yearSuffix, c.number = d.yearSuffix, d.number
	}
	c.names, c.collect = p.names, p.collect
	return c
}

// BibliographyOptions are the style's options for setting its works
// cited; CSL's defaults when the style has no bibliography.
func (p *Processor) BibliographyOptions() BibliographyOptions {
	bib := p.st.bibliography
	if bib == nil {
		return BibliographyOptions{LineSpacing: 1, EntrySpacing: 1}
	}
	return BibliographyOptions{
		HangingIndent:    bib.hangingIndent,
		SecondFieldAlign: bib.secondFieldAlign,
		LineSpacing:      bib.lineSpacing.or(1),
		EntrySpacing:     bib.entrySpacing.or(1),
	}
}

// WorksCited formats every reference, sorted as the style sorts.
func (p *Processor) WorksCited() []Entry { return p.worksCited(nil) }

// WorksCitedOf formats the references keys name (those one handout
// cites) as WorksCited does, in its order and with its numbers, so that
// each reads as it does in the whole list but for the style's substitute
// for a repeated author ("---"), which stands only under an entry of
// these by the same author. A key without a reference is left out.
func (p *Processor) WorksCitedOf(keys []string) []Entry {
	of := make(map[string]bool, len(keys))
	for _, k := range keys {
		of[k] = true
	}
	return p.worksCited(of)
}

// worksCited formats the references whose ids are in of (every one when
// of is nil), sorted as the style sorts.
func (p *Processor) worksCited(of map[string]bool) []Entry {
	bib := p.st.bibliography
	if bib == nil {
		return nil
	}
	layout := bib.child("layout")
	var out []Entry
	prevNames := ""
	sub, hasSub := bib.authorSubstitute.v, bib.authorSubstitute.ok
	for _, r := range p.refs {
		if of != nil && !of[r.ID] {
			continue
		}
		c := p.newCtx(r, nil, bib)
		b := c.render(layout)
		if b.empty() {
			continue
		}
		if hasSub {
			nb := findRole(b, "names")
			if nb == nil {
				nb = findRole(b, "subst")
			}
			if nb != nil {
				txt := leafText(nb)
				if nb.key != "" {
					txt = nb.key
				}
				if txt == prevNames {
					substitute(nb, sub)
				}
				prevNames = txt
			} else {
				prevNames = ""
			}
		}
		out = append(out, p.entry(r, b))
	}
	return out
}

// Entry formats one reference as the works cited would, but standing
// alone: never with the style's substitute for a repeated author ("---"),
// which only means something under the entry before it. A handout's
// footer names the work studied this way. ok is false when the style has
// no bibliography or the key no reference.
func (p *Processor) Entry(key string) (e Entry, ok bool) {
	bib := p.st.bibliography
	r := p.byID[key]
	if bib == nil || r == nil {
		return Entry{}, false
	}
	b := p.newCtx(r, nil, bib).render(bib.child("layout"))
	if b.empty() {
		return Entry{}, false
	}
	return p.entry(r, b), true
}

// entry makes the rendered layout b of r an Entry: its first field apart
// when the style aligns the second, its display blocks when it sets some.
func (p *Processor) entry(r *Reference, b *blob) Entry {
	e := Entry{Key: r.ID}
	switch {
	case p.st.bibliography.secondFieldAlign != "":
		e.Margin, e.Text = p.st.marginText(b)
	case p.st.displays:
		blocks := splitBlocks(p.st.toText(b))
		for _, bl := range blocks {
			e.Text = append(e.Text, bl.Text...)
		}
		e.Text = e.Text.mergedBy(true)
		if displaysApart(blocks) {
			e.Blocks = blocks
		}
	default:
		e.Text = p.st.toText(b)
	}
	return e
}

// fieldEnd marks the end of an entry's first field while it is flattened
// (a private-use character, which no reference holds).
const fieldEnd = '\uE000'

// marginText splits an entry whose style aligns the second field into the
// first field, set in the margin ("[1]"), and the rest. The split is made
// after punctuation is settled, so that the rest keeps the space it starts
// with, as citeproc-js does.
func (st *cslStyle) marginText(b *blob) (margin, rest Text) {
	// b is the layout: affixes around the group of its fields
	if len(b.kids) == 1 && len(b.kids[0].kids) > 0 {
		fields := b.kids[0]
		for i, k := range fields.kids {
			if !k.empty() {
				fields.kids[i] = &blob{kids: []*blob{k, {text: string(fieldEnd)}}}
				break
			}
		}
	}
	t := st.toText(b)
	for i, sp := range t {
		if j := strings.IndexRune(sp.Text, fieldEnd); j >= 0 {
			before, after := sp, sp
			before.Text, after.Text = sp.Text[:j], sp.Text[j+len(string(fieldEnd)):]
			margin = append(slices.Clone(t[:i]), before)
			rest = append(Text{after}, t[i+1:]...)
			return margin.mergedBy(true), rest.mergedBy(true)
		}
	}
	return nil, t
}

// leafText is the text of b without affixes, quotes or delimiters: what
// subsequent-author-substitute compares.
func leafText(b *blob) string {
	var sb strings.Builder
	eachLeaf(b, func(l *blob) { sb.WriteString(l.text); sb.WriteByte(0) })
	// before text case: a title standing in for the author compares as
	// written, whatever case the style sets it in
	return strings.ToLower(sb.String())
}

// substitute puts the subsequent-author-substitute ("---") in place of the
// author's names (or the title standing in for them), keeping the italics
// or quotation marks the title had, and a names label ("---, editors").
func substitute(b *blob, sub string) {
	if nl := findRole(b, "namelist"); nl != nil {
		first := true
		var walk func(x *blob)
		walk = func(x *blob) {
			if x.role == "namelist" {
				if first {
					*x = blob{text: sub}
					first = false
				} else {
					*x = blob{}
				}
				return
			}
			for _, k := range x.kids {
				walk(k)
			}
		}
		walk(b)
		return
	}
	first := true
	eachLeaf(b, func(l *blob) {
		if first && l.text != "" {
			l.text = sub
			first = false
		} else {
			l.text = ""
		}
	})
}

func findRole(b *blob, role string) *blob {
	if b == nil {
		return nil
	}
	if b.role == role {
		return b
	}
	for _, k := range b.kids {
		if r := findRole(k, role); r != nil {
			return r
		}
	}
	return nil
}

// Cite formats an in-text citation with its parentheses, as
// "(Ishiguro, ch. 7)". Unknown keys are rendered as the key itself in
// question marks, so a draft shows where a reference is missing.
func (p *Processor) Cite(items []Item) Text {
	el := p.st.citation
	layout := el.child("layout")
	type cite struct {
		ref   *Reference
		item  Item
		b     *blob
		names string
	}
	var cites []cite
	var refs []*Reference
	for _, it := range items {
		r := p.byID[it.Key]
		if r == nil {
			cites = append(cites, cite{item: it, b: leaf("???" + it.Key + "???")})
			continue
		}
		refs = append(refs, r)
		cites = append(cites, cite{ref: r, item: it})
	}
	if el.child("sort") != nil && len(refs) == len(cites) && len(cites) > 1 {
		sorted := p.sortRefs(slices.Clone(refs), el, items)
		pos := map[*Reference]int{}
		for i, r := range sorted {
			if _, ok := pos[r]; !ok {
				pos[r] = i
			}
		}
		slices.SortStableFunc(cites, func(a, b cite) int { return pos[a.ref] - pos[b.ref] })
	}
	for i := range cites {
		cc := &cites[i]
		if cc.ref == nil {
			continue
		}
		it := cc.item
		c := p.newCtx(cc.ref, &it, el)
		c.suppressAuthor = it.SuppressAuthor
		if it.LocatorOnly && it.Locator != "" {
			cc.b = c.locatorOnly()
		} else {
			cc.b = c.renderKids(layout.kids, "")
		}
		if nb := findRole(cc.b, "names"); nb != nil {
			cc.names = p.st.toText(nb).Plain()
		} else if nb := findRole(cc.b, "subst"); nb != nil {
			cc.names = "\x00" + p.st.toText(nb).Plain()
		}
	}
	collapse := el.collapse == "year" || el.collapse == "year-suffix" || el.collapse == "year-suffix-ranged"
	grouping := collapse || el.citeGroupDelimiter.ok
	if grouping && el.child("sort") != nil {
		// once sorted, cites of one author are gathered at the first of
		// them ("Smith 2003, 2010; Jones 2005"), keeping their order
		first := map[string]int{}
		group := make([]int, len(cites))
		for i, cc := range cites {
			group[i] = i
			if cc.names == "" {
				continue
			}
			if f, ok := first[cc.names]; ok {
				group[i] = f
			} else {
				first[cc.names] = i
			}
		}
		idx := make([]int, len(cites))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return group[a] - group[b] })
		sorted := make([]cite, len(cites))
		for i, k := range idx {
			sorted[i] = cites[k]
		}
		cites = sorted
	}
	layoutDelim := layout.delimiter.v
	// between cites of one author: the style's cite-group-delimiter, or
	// what citeproc-js puts there without one: ", ", but the layout's
	// delimiter in a note style or when the style sets
	// after-collapse-delimiter (Chicago's "(Ishiguro 1989b; 2005b)" under
	// delimiter="; ", and collapse_ChicagoAfterCollapse's "(Whittaker
	// 1967, 1975; …)" under delimiter=", ")
	inGroup := el.citeGroupDelimiter.or(", ")
	if !el.citeGroupDelimiter.ok && (el.afterCollapseDelimiter.ok || p.st.root.class == "note") {
		inGroup = layoutDelim
	}
	afterCollapse := el.afterCollapseDelimiter.or(layoutDelim)
	root := &blob{prefix: layout.prefix, suffix: layout.suffix, layout: true}
	root.format(layout)
	var parts []*blob
	var delims []string
	var partItems []Item
	suffixes := el.collapse == "year-suffix" || el.collapse == "year-suffix-ranged"
	var suffixRun []int         // the parts that are a cite and the year-suffixes collapsed onto it
	partSuffix := map[int]int{} // the year-suffix (one letter) of the parts in a run
	collapsed := map[int]bool{} // the parts that are a year-suffix alone
	partNumber := map[int]int{} // the citation-number of each part
	plain := map[int]bool{}     // the parts that are a cite alone, without locator or affixes
	for i := 0; i < len(cites); i++ {
		cc := cites[i]
		b := cc.b
		if b.empty() {
			continue
		}
		d := layoutDelim
		// cites without names are by the same nobody for year-suffix
		// collapsing: "(1965a,b)"
		sameAuthor := i > 0 && cc.names == cites[i-1].names && (cc.names != "" || suffixes)
		if len(parts) > 0 && collapse && sameAuthor && !cc.item.SuppressAuthor && cc.item.Prefix == "" {
			// same author as the cite before: drop the names
			it := cc.item
			c := p.newCtx(cc.ref, &it, el)
			c.suppressAuthor = true
			b = c.renderKids(layout.kids, "")
			d = inGroup
			if cites[i-1].item.Locator != "" && el.afterCollapseDelimiter.ok {
				// a locator closes the cites before it, for citeproc-js,
				// when the style sets a delimiter after collapsed cites:
				// "(Wong 1999, 328; 2000, 475)"
				d = afterCollapse
			}
			if suffixes && len(suffixRun) > 0 && p.sameButSuffix(cites[i-1].ref, cites[i-1].item, cc.ref, cc.item) {
				// same author and year: only the letter ("2000a, b")
				b = leaf(p.ds[cc.ref].yearSuffix)
				d = el.yearSuffixDelimiter.or(el.citeGroupDelimiter.or(layoutDelim))
				suffixRun = append(suffixRun, len(parts))
			} else {
				if len(suffixRun) > 1 {
					// after "2000a, b", the next year of the author
					d = afterCollapse
				}
				suffixRun = suffixRun[:0]
			}
		} else if len(parts) > 0 && grouping && i > 0 && cites[i-1].names == cc.names && cc.names != "" {
			d = inGroup
		} else if len(parts) > 0 && grouping && i > 1 && cites[i-1].names == cites[i-2].names && cites[i-1].names != "" {
			d = afterCollapse
		} else if len(parts) > 0 && collapse && el.afterCollapseDelimiter.ok && p.ds[cc.ref] != nil && p.ds[cc.ref].yearSuffix != "" {
			// a year told apart by its letter counts as collapsed for
			// citeproc-js, and takes the delimiter after collapsed cites
			// before it: "(Whittaker 1967; Wiens 1989b)"
			d = afterCollapse
		}
		if len(suffixRun) == 0 || suffixRun[len(suffixRun)-1] != len(parts) {
			// a cite that can start a run of year-suffixes
			suffixRun = append(suffixRun[:0], len(parts))
			if p.ds[cc.ref] == nil || p.ds[cc.ref].yearSuffix == "" || cc.item.Locator != "" {
				suffixRun = suffixRun[:0]
			}
		}
		if cc.ref != nil {
			partNumber[len(parts)] = p.ds[cc.ref].number
			plain[len(parts)] = cc.item.Locator == "" && cc.item.Prefix == "" && cc.item.Suffix == ""
		}
		if len(suffixRun) > 0 && suffixRun[len(suffixRun)-1] == len(parts) {
			if l := []rune(p.ds[cc.ref].yearSuffix); len(l) == 1 {
				partSuffix[len(parts)] = int(l[0])
			}
			if len(suffixRun) > 1 {
				collapsed[len(parts)] = true
			}
		}
		parts = append(parts, p.withAffixes(b, cc.item))
		delims = append(delims, d)
		partItems = append(partItems, cc.item)
	}
	switch el.collapse {
	case "year-suffix-ranged":
		collapseRuns(parts, delims, partSuffix, func(j int) bool { return collapsed[j+1] })
	case "citation-number":
		collapseRuns(parts, delims, partNumber, func(j int) bool { return plain[j] && plain[j+1] })
	}
	for i, b := range parts {
		if b == nil {
			continue
		}
		if i > 0 {
			root.kids = append(root.kids, &blob{text: affixDelimiter(delims[i], partItems[i-1].Suffix, partItems[i].Prefix)})
		}
		root.kids = append(root.kids, b)
	}
	if len(root.kids) == 0 {
		return nil
	}
	if p.st.root.class == "note" {
		capitalizeTerm(root)
	}
	return p.st.toText(root)
}

// endsSentence reports whether a cite's prefix is a sentence of more than
// one word, after which a term starts a sentence too; citeproc-js leaves
// a one-word prefix ("Nocapsafter.") alone.
func endsSentence(prefix string) bool {
	s := strings.TrimRight(prefix, " ”’\"'")
	return strings.ContainsAny(strings.TrimSpace(s), " ") && strings.HasSuffix(s, ".") ||
		strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// capitalizeTerm sets the first letter of a note in capitals when the note
// starts with a term: "Ibid.", as citeproc-js does.
func capitalizeTerm(b *blob) {
	first := true
	eachLeaf(b, func(l *blob) {
		if first && l.text != "" {
			first = false
			if l.role == "term" {
				l.text = capFirst(l.text)
			}
		}
	})
}

// withAffixes puts the writer's prefix and suffix around a cite, as in
// [see @key, p. 3, emphasis added]; their own markup is set, not escaped.
func (p *Processor) withAffixes(b *blob, it Item) *blob {
	if it.Prefix == "" && it.Suffix == "" {
		return b
	}
	pre := it.Prefix
	if pre != "" && !strings.HasSuffix(pre, " ") {
		pre += " "
	}
	// punctuation that opens the suffix follows the cite directly, as the
	// style's own would, and so moves inside closing quotes:
	// “The Title.” And so on
	suf := strings.TrimLeft(it.Suffix, ".,;:!?")
	punct := it.Suffix[:len(it.Suffix)-len(suf)]
	if suf != "" && punct == "" && !strings.HasPrefix(suf, " ") {
		suf = " " + suf
	}
	if p.st.root.class == "note" && endsSentence(pre) {
		// "He said it. Ibid."
		capitalizeTerm(b)
	}
	if punct != "" {
		b = &blob{kids: []*blob{b}, suffix: punct}
	}
	return &blob{kids: []*blob{richText(pre), b, richText(suf)}}
}

// affixDelimiter is the delimiter between two cites, given the writer's
// affixes around it: a prefix that starts with punctuation (", cited in")
// takes its place, and after a suffix that ends with punctuation ("is one
// source,") only its space is left, as citeproc-js joins them.
func affixDelimiter(delim, suffix, prefix string) string {
	if r, _ := utf8.DecodeRuneInString(prefix); prefix != "" && strings.ContainsRune(",;:.", r) {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(suffix); suffix != "" && strings.ContainsRune(",;:.", r) {
		return strings.TrimLeft(delim, ",;:.")
	}
	return delim
}

// sameButSuffix reports whether two cites print the same once their
// authors and year-suffixes are left out: the cites year-suffix collapsing
// joins ("Smith 2000a, b").
func (p *Processor) sameButSuffix(r1 *Reference, it1 Item, r2 *Reference, it2 Item) bool {
	if it1.Locator != "" || it2.Locator != "" {
		return false
	}
	key := func(r *Reference, it Item) string {
		c := p.newCtx(r, &it, p.st.citation)
		c.suppressAuthor, c.yearSuffix = true, ""
		return p.st.toText(c.renderKids(p.st.citation.child("layout").kids, "")).Plain()
	}
	return key(r1, it1) == key(r2, it2)
}

// collapseRuns prints three or more parts in a row that count up by one
// as a range: year-suffixes "2000a, c, d, e" as "2000a, c–e", citation
// numbers "[1], [2], [3]" as "[1]–[3]". joins tells whether part j+1 may
// join part j in a run.
func collapseRuns(parts []*blob, delims []string, key map[int]int, joins func(j int) bool) {
	for i := 0; i < len(parts); {
		j := i
		for j+1 < len(parts) && joins(j) && key[j+1] == key[j]+1 {
			j++
		}
		if j-i >= 2 {
			for k := i + 1; k < j; k++ {
				parts[k] = nil
			}
			delims[j] = "–"
		}
		i = j + 1
	}
}

// citeString renders the cite of a reference as disambiguation sees it.
func (p *Processor) citeString(r *Reference, d dstate) string {
	el := p.st.citation
	// in the form of a later cite, as citeproc-js compares them: in a
	// note style, two works are ambiguous when their short notes are
	c := p.newCtx(r, &Item{Key: r.ID, Position: Subsequent}, el)
	c.addNames, c.givenLevel, c.disambiguate, c.yearSuffix = d.addNames, d.givenLevel, d.disamb, d.yearSuffix
	c.givenLevels = d.givenLevels
	// the date a web page was read tells no works apart, for citeproc-js
	c.suppressed["accessed"] = true
	b := c.renderKids(el.child("layout").kids, "")
	// as citeproc-js, compare text without formatting: a title in quotes
	// and the same title in italics are ambiguous
	f := &flattener{open: "“", close: "”", iopen: "‘", iclos: "’"}
	f.walk(b, Look{}, Look{}, 0)
	var sb strings.Builder
	for _, ch := range f.out {
		if !ch.q {
			sb.WriteRune(ch.r)
		}
	}
	return sb.String()
}

func (p *Processor) disambiguate() {
	el := p.st.citation
	addNames, addGiven, yearSuffix := el.addNames, el.addGivenname, el.addYearSuffix
	hasCond := strings.Contains(p.condDisambig(), "x")
	clashGroups := func(set []*Reference) [][]*Reference {
		by := map[string][]*Reference{}
		var order []string
		for _, r := range set {
			s := p.citeString(r, *p.ds[r])
			if _, ok := by[s]; !ok {
				order = append(order, s)
			}
			by[s] = append(by[s], r)
		}
		var out [][]*Reference
		for _, s := range order {
			if len(by[s]) > 1 {
				out = append(out, by[s])
			}
		}
		return out
	}
	clashes := func(g []*Reference) int {
		n := 0
		for _, grp := range clashGroups(g) {
			n += len(grp) * (len(grp) - 1)
		}
		return n
	}
	rule := givennameRule(el)
	// global rules expand ambiguous names everywhere, from the registry;
	// by-cite only in ambiguous cites (in the search below)
	if addGiven && rule != "by-cite" {
		p.registerNames(rule)
	}
	for _, g := range clashGroups(p.refs) {
		// as citeproc-js: show one more name at a time, and at each count
		// try initials, then full given names, keeping the first setting
		// that tells the most cites apart
		maxAdd := 0
		if addNames {
			maxAdd = 20
		}
		// under the global rules the registry alone sets given names:
		// citeproc-js's evalname overrides what the search asks for
		maxLevel, positions := 0, 1<<30
		if addGiven && rule == "by-cite" {
			maxLevel = 2
		}
		g := slices.Clone(g)
		best, bestA := clashes(g), 0
		var bestLv []int
		setAll := func(a int, lv []int) {
			for _, r := range g {
				p.ds[r].addNames = a
				p.ds[r].givenLevels = slices.Clone(lv)
			}
		}
		// settle keeps the cites a step has told apart as they are and
		// goes on with the rest only, as citeproc-js registers a cite as
		// soon as it no longer clashes: "G. Garcia et al." stays so while
		// two K. J. Garcias need a second name
		settle := func() {
			still := map[*Reference]bool{}
			for _, grp := range clashGroups(g) {
				for _, r := range grp {
					still[r] = true
				}
			}
			g = slices.DeleteFunc(g, func(r *Reference) bool { return !still[r] })
		}
	search:
		for a := 0; a <= maxAdd && best > 0; a++ {
			lv := slices.Clone(bestLv)
			setAll(a, lv)
			if n := clashes(g); n < best {
				best, bestA, bestLv = n, a, slices.Clone(lv)
				if n == 0 {
					break
				}
				settle()
			}
			// expand given names one name at a time: initials, then full
			for i := 0; i < min(positions, p.shownNames(g, a)) && maxLevel > 0; i++ {
				for len(lv) <= i {
					lv = append(lv, 0)
				}
				keep := lv[i]
				for l := 1; l <= maxLevel; l++ {
					lv[i] = l
					setAll(a, lv)
					if n := clashes(g); n < best {
						best, bestA, bestLv = n, a, slices.Clone(lv)
						keep = l
						if n == 0 {
							break search
						}
						settle()
					}
				}
				lv[i] = keep
			}
			if a > 0 && !p.moreNames(g, a) {
				break
			}
		}
		setAll(bestA, bestLv)
		for _, sub := range clashGroups(g) {
			if hasCond {
				for _, r := range sub {
					p.ds[r].disamb = true
				}
			}
		}
		if yearSuffix {
			for _, sub := range clashGroups(g) {
				// sub is in bibliography order already
				for i, r := range sub {
					p.ds[r].yearSuffix = suffixLetters(i)
				}
			}
		}
	}
}

// givennameRule is the citation's givenname-disambiguation-rule.
func givennameRule(el *node) string {
	if el.givennameRule == "" {
		return "by-cite"
	}
	return el.givennameRule
}

// shownNames is how many names the cites of g show with a added.
func (p *Processor) shownNames(g []*Reference, a int) int {
	first, etMin := p.st.citation.names.etAlUseFirst.v, p.st.citation.names.etAlMin.v
	most := 1
	for _, r := range g {
		for _, v := range []string{"author", "editor", "translator", "director"} {
			if ns := r.namesVar(v); len(ns) > 0 {
				n := len(ns)
				if etMin > 0 && first > 0 && n >= etMin {
					n = min(n, first+a)
				}
				most = max(most, n)
				break
			}
		}
	}
	return most
}

// moreNames reports whether showing a more names than et-al-use-first
// still shows more names for some reference of g.
func (p *Processor) moreNames(g []*Reference, a int) bool {
	for _, r := range g {
		for _, v := range []string{"author", "editor", "translator", "director"} {
			if ns := r.namesVar(v); len(ns) > 0 {
				if len(ns) > a {
					return true
				}
				break
			}
		}
	}
	return false
}

// registerNames fills the name registry of the global given-name rules as
// citeproc-js does while it processes the references: with the names that
// every reference's cite and sort keys render (see nameReg).
func (p *Processor) registerNames(rule string) {
	reg := newNameReg(rule, p.st.demoteParticle())
	p.collect = reg
	for _, r := range p.refs {
		p.citeString(r, dstate{})
		for _, el := range []*node{p.st.bibliography, p.st.citation} {
			if so := el.child("sort"); so != nil {
				for _, k := range so.kids {
					p.sortKeyOf(r, el, k)
				}
			}
		}
	}
	p.collect = nil
	p.names = reg
}

// condDisambig reports whether the citation layout tests disambiguate="true".
func (p *Processor) condDisambig() string {
	var found bool
	var walk func(n *node)
	walk = func(n *node) {
		for _, t := range n.conds {
			if t.attr == "disambiguate" && slices.Equal(t.values, []string{"true"}) {
				found = true
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
		if n.name == "text" && n.macro != nil && !found {
			walk(n.macro)
		}
	}
	walk(p.st.citation)
	if found {
		return "x"
	}
	return ""
}

func suffixLetters(i int) string {
	s := ""
	i++
	for i > 0 {
		i--
		s = string(rune('a'+i%26)) + s
		i /= 26
	}
	return s
}

// --- sorting ---

type sortKey struct {
	s     string
	empty bool
}

func (p *Processor) sortRefs(refs []*Reference, el *node, items []Item) []*Reference {
	so := el.child("sort")
	if so == nil {
		return refs
	}
	keys := map[*Reference][]sortKey{}
	english := p.st.loc.lang == "" || strings.HasPrefix(p.st.loc.lang, "en")
	for _, r := range refs {
		var ks []sortKey
		for i, k := range so.kids {
			key := p.sortKeyOf(r, el, k)
			if i < 2 && english {
				// the English handbooks file an entry by its author or
				// title without a leading article ("The Clone Wars"
				// under C); the later keys only break ties, compared as
				// printed. Other languages' "A" is no article (Danish
				// "A Hansen").
				key.s = stripArticle(key.s)
			}
			ks = append(ks, key)
		}
		keys[r] = ks
	}
	out := slices.Clone(refs)
	slices.SortStableFunc(out, func(a, b *Reference) int {
		ka, kb := keys[a], keys[b]
		for i, k := range so.kids {
			x, y := ka[i], kb[i]
			var c int
			switch {
			case x.empty && y.empty:
				c = 0
			case x.empty:
				c = 1
			case y.empty:
				c = -1
			default:
				c = p.compare(x.s, y.s)
				if k.descending {
					c = -c
				}
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	return out
}

func (p *Processor) sortKeyOf(r *Reference, el *node, k *node) sortKey {
	c := p.newCtx(r, nil, el)
	c.sorting = true
	c.yearSuffix = ""
	c.addNames = 0
	if k.namesMin.ok {
		c.sortMin = k.namesMin.v
		c.sortUse = k.namesUseFirst.v
		c.sortUseLast = k.namesUseLast
	}
	var b *blob
	if v := k.variable; v != "" {
		switch {
		case v == "citation-number":
			return sortKey{s: fmt.Sprintf("%08d", p.ds[r].number)}
		case v == "citation-label" && r.textVar(v) == "":
			return sortKey{s: trigraph(r)}
		case dateVars[v] != nil:
			if d := r.dateVar(v); d != nil {
				k := dateSortKey(d)
				if d.End != nil && !d.End.IsZero() {
					// a range sorts by its start, then by its end
					k += dateSortKey(d.End)
				}
				return sortKey{s: k}
			}
			return sortKey{empty: true}
		case nameVars[v] != nil:
			b = c.formatNames(r.namesVar(v), nil, nil)
		default:
			s := r.textVar(v)
			b = richText(s)
		}
	} else if m := k.macro; m != nil {
		b = c.renderKids(m.kids, " ")
	}
	if b.empty() {
		return sortKey{empty: true}
	}
	return sortKey{s: p.st.toText(b).Plain()}
}

// stripArticle drops a leading English article, as MLA, APA and Chicago all
// ask when alphabetizing ("The Remains of the Day" files under R).
func stripArticle(s string) string {
	l := strings.ToLower(s)
	for _, a := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(l, a) && len(s) > len(a) {
			return strings.TrimLeft(s[len(a):], " ")
		}
	}
	return s
}

// compare orders sort keys as citeproc-js does: punctuation and case are
// ignored, a space sorts before any letter ("Dale" before "Dalebout"),
// numbers compare by value.
func (p *Processor) compare(a, b string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.coll.CompareString(sortFold(a), sortFold(b))
}

func sortFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
