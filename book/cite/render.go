package cite

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// blob is the output tree of rendering one cite or entry, before
// punctuation is settled and it is flattened into spans.
type blob struct {
	text                  string // a leaf when kids is nil
	kids                  []*blob
	prefix, suffix, delim string
	italic                int8 // 0 inherit, 1 italic, 2 normal
	bold, smallCaps       int8 // 0 inherit, 1 on, 2 off
	underline             int8
	valign                int8 // 0 inherit, 1 superscript, 2 subscript, 3 baseline
	layout                bool // a citation's layout: the affixes take the formatting
	quotes                bool
	markup                bool   // formatting markup in the data (<b>, <sc>), which flips within the same formatting
	role                  string // "names": the first names output (subsequent-author-substitute, collapse)
	key                   string // for "names": every name, to compare authors in full
}

func (b *blob) empty() bool {
	if b == nil {
		return true
	}
	if b.kids == nil {
		return b.text == ""
	}
	for _, k := range b.kids {
		if !k.empty() {
			return false
		}
	}
	return true
}

func leaf(s string) *blob {
	if s == "" {
		return nil
	}
	return &blob{text: s}
}

// ctx is the state of rendering one reference.
type ctx struct {
	st      *cslStyle
	ref     *Reference
	item    *Item
	el      *node // citation or bibliography
	area    int   // inCitation or inBibliography
	sorting bool  // rendering a sort key
	sortMin int   // names-min / names-use-first of a sort key
	sortUse int
	// names-use-last of a sort key
	sortUseLast bool

	// disambiguation
	addNames     int // extra names shown beyond et-al-use-first
	givenLevel   int // 1: initials, 2: full given names
	givenRule    string
	givenLevels  []int
	names        *nameReg // the global name registry, for the given-name rules
	collect      *nameReg // while registering: where the names rendered go
	disambiguate bool
	yearSuffix   string
	suffixDone   bool // the year-suffix is added (styles that do not place it)
	number       int  // the citation-number

	suppressAuthor bool
	suppressed     map[string]bool
	varsCalled     int
	varsFound      int
	rendered       []string // variables rendered non-empty, for substitute suppression
	namesDone      bool     // the first names element has been marked
	inherit        *node    // the names element a substitute inherits from
}

func (c *ctx) term(name, form string, plural bool) string {
	s, _ := c.st.loc.term(name, form, plural)
	return s
}

func (c *ctx) renderKids(kids []*node, delim string) *blob {
	out := c.renderEach(kids, nil)
	if len(out) == 0 {
		return nil
	}
	return &blob{kids: out, delim: delim}
}

// renderEach appends what each element prints to out. A cs:choose stands
// for the elements of the branch it takes, so that the delimiter of the
// group around it falls between them, as citeproc-js does ("3rd ed." from
// a group of a choose's number and label).
func (c *ctx) renderEach(kids []*node, out []*blob) []*blob {
	for _, k := range kids {
		if k.name == "choose" {
			if br := c.branch(k); br != nil {
				out = c.renderEach(br.kids, out)
			}
			continue
		}
		if b := c.render(k); !b.empty() {
			out = append(out, b)
		}
	}
	return out
}

// branch is the branch of a cs:choose whose test holds, nil for none.
func (c *ctx) branch(n *node) *node {
	for _, br := range n.kids {
		if br.name == "else" || c.test(br) {
			return br
		}
	}
	return nil
}

func (c *ctx) render(n *node) *blob {
	var b *blob
	switch n.name {
	case "layout":
		b = c.renderKids(n.kids, n.delimiter.v)
	case "group":
		called, found := c.varsCalled, c.varsFound
		b = c.renderKids(n.kids, n.delimiter.v)
		calledAny := c.varsCalled > called
		if calledAny && c.varsFound == found {
			b = nil
		}
		// a nested group that renders counts, for the groups around it,
		// as a variable that rendered (CSL 1.0.2, cs:group); one that
		// called variables and printed nothing, as an empty variable
		c.varsCalled, c.varsFound = called, found
		switch {
		case !b.empty():
			c.varsCalled++
			c.varsFound++
		case calledAny:
			c.varsCalled++
		}
	case "choose":
		if br := c.branch(n); br != nil {
			return c.renderKids(br.kids, "")
		}
		return nil
	case "text":
		b = c.renderText(n)
	case "number":
		b = c.renderNumber(n)
	case "label":
		b = c.renderLabel(n)
	case "names":
		b = c.renderNames(n)
	case "date":
		b = c.renderDate(n)
	default:
		return nil
	}
	return c.decorate(n, b)
}

// decorate applies formatting, text case, quotes and affixes.
func (c *ctx) decorate(n *node, b *blob) *blob {
	if b.empty() {
		return nil
	}
	if n.name == "layout" {
		out := &blob{kids: []*blob{b}, prefix: n.prefix, suffix: n.suffix, layout: true}
		out.format(n)
		return out
	}
	if tc := n.textCase; tc != "" && !c.sorting && !(tc == "title" && b.role == "cased") {
		applyCase(b, tc, c.ref, c.st.loc.lang)
	}
	if n.stripPeriods {
		stripPeriods(b)
	}
	if c.sorting {
		return b
	}
	out := &blob{kids: []*blob{b}, prefix: n.prefix, suffix: n.suffix}
	out.format(n)
	out.quotes = n.quotes
	if n.display != "" && c.area == inBibliography {
		out = &blob{kids: []*blob{{text: string(blockStart) + n.display + string(blockText)}, out, {text: string(blockEnd)}}}
	}
	return out
}

// format sets the blob's formatting from the element's attributes.
func (out *blob) format(n *node) {
	switch n.fontStyle {
	case "italic", "oblique":
		out.italic = 1
	case "normal":
		out.italic = 2
	}
	out.bold = onOff(n.fontWeight, "bold", "normal", "light")
	out.smallCaps = onOff(n.fontVariant, "small-caps", "normal")
	out.underline = onOff(n.textDecor, "underline", "none")
	switch n.verticalAlign {
	case "sup":
		out.valign = 1
	case "sub":
		out.valign = 2
	case "baseline":
		out.valign = 3
	}
}

// onOff reads a formatting attribute as a blob's three-way setting.
func onOff(v, on string, offs ...string) int8 {
	switch {
	case v == on:
		return 1
	case slices.Contains(offs, v):
		return 2
	}
	return 0
}

func stripPeriods(b *blob) {
	if b == nil {
		return
	}
	if b.kids == nil {
		b.text = strings.ReplaceAll(b.text, ".", "")
		return
	}
	for _, k := range b.kids {
		stripPeriods(k)
	}
}

// --- conditions ---

func (c *ctx) test(n *node) bool {
	var results []bool
	for _, t := range n.conds {
		if t.attr == "disambiguate" {
			results = append(results, c.disambiguate == slices.Equal(t.values, []string{"true"}))
			continue
		}
		for _, x := range t.values {
			results = append(results, c.cond(t.attr, x))
		}
	}
	switch n.match {
	case "any":
		for _, r := range results {
			if r {
				return true
			}
		}
		return false
	case "none":
		for _, r := range results {
			if r {
				return false
			}
		}
		return true
	}
	for _, r := range results {
		if !r {
			return false
		}
	}
	return true
}

func (c *ctx) cond(attr, x string) bool {
	switch attr {
	case "type":
		return c.ref.Type == x
	case "variable":
		return c.hasVar(x)
	case "is-numeric":
		return isNumeric(c.varText(x))
	case "is-uncertain-date":
		d := c.ref.dateVar(x)
		return d != nil && d.Circa
	case "locator":
		return c.item != nil && c.item.Locator != "" && locLabel(c.item) == x
	case "position":
		return c.position(x)
	}
	return false
}

// position tests a cite's position; the works cited has none.
func (c *ctx) position(x string) bool {
	if c.item == nil || c.el != c.st.citation {
		return false
	}
	switch x {
	case "first":
		return c.item.Position == First
	case "subsequent":
		return c.item.Position != First
	case "ibid":
		return c.item.Position == Ibid || c.item.Position == IbidWithLocator
	case "ibid-with-locator":
		return c.item.Position == IbidWithLocator
	case "near-note":
		return c.item.Position != First && c.item.NearNote
	}
	return false
}

func locLabel(it *Item) string {
	if it.Label == "" {
		return "page"
	}
	// "sub verbo", as Zotero once wrote the term's name
	return strings.ReplaceAll(it.Label, " ", "-")
}

// hasVar reports whether the item has the variable, as a condition tests
// it: a variable already printed as the author's substitute still counts
// (Chicago quotes the title of an unsigned article whose periodical stands
// for the author), as citeproc-js counts it.
func (c *ctx) hasVar(v string) bool {
	switch v {
	case "locator":
		return c.item != nil && c.item.Locator != ""
	case "year-suffix":
		return c.yearSuffix != ""
	case "citation-number":
		return c.number > 0
	case "page-first", "citation-label", "first-reference-note-number":
		return c.varText(v) != ""
	}
	if _, ok := dateVars[v]; ok {
		return c.ref.dateVar(v) != nil
	}
	if _, ok := nameVars[v]; ok || c.ref.OtherNames[v] != nil {
		return len(c.ref.namesVar(v)) > 0
	}
	return c.ref.textVar(v) != ""
}

func (c *ctx) varText(v string) string {
	if c.suppressed[v] {
		return ""
	}
	switch v {
	case "locator":
		if c.item != nil {
			return strings.TrimSpace(c.item.Locator)
		}
		return ""
	case "year-suffix":
		return c.yearSuffix
	case "citation-number":
		if c.number > 0 {
			return strconv.Itoa(c.number)
		}
		return ""
	case "citation-label":
		if s := c.ref.textVar(v); s != "" {
			return s
		}
		return trigraph(c.ref)
	case "first-reference-note-number":
		// a first cite has no earlier note to refer to, even in a note
		if c.item != nil && c.item.FirstNote > 0 && c.item.Position != First && c.area == inCitation {
			return strconv.Itoa(c.item.FirstNote)
		}
		return ""
	case "page-first":
		if s := c.ref.textVar(v); s != "" {
			return s
		}
		// the first page of the page range, as citeproc-js derives it
		p, _, _ := strings.Cut(c.ref.Page, ",")
		p, _, _ = strings.Cut(p, "&")
		p, _, _ = strings.Cut(strings.ReplaceAll(p, "–", "-"), "-")
		return strings.TrimSpace(p)
	}
	return c.ref.textVar(v)
}

// isNumeric follows citeproc-js: numbers, optionally with letters, joined
// by range or list separators ("12", "2nd", "3-5", "1, 3 & 5").
func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, part := range splitNumList(s) {
		if !numToken(part) {
			return false
		}
	}
	return true
}

func splitNumList(s string) []string {
	f := func(r rune) bool { return r == '-' || r == '–' || r == ',' || r == '&' || r == ' ' }
	return strings.FieldsFunc(strings.ReplaceAll(s, " and ", " & "), f)
}

func numToken(t string) bool {
	digits := 0
	for _, r := range t {
		if unicode.IsDigit(r) {
			digits++
		} else if !unicode.IsLetter(r) {
			return false
		}
	}
	if digits == 0 {
		return false
	}
	// letters only before or after the digits, not around: "2nd", "A12", "12a"
	return true
}

// --- text, number, label ---

func (c *ctx) markVar(v string, found bool) {
	if v == "year-suffix" && !found {
		// citeproc-js does not let a missing year-suffix suppress a group
		return
	}
	c.varsCalled++
	if found {
		c.varsFound++
		c.rendered = append(c.rendered, v)
	}
}

func (c *ctx) renderText(n *node) *blob {
	switch {
	case n.variable != "":
		v := n.variable
		s := ""
		if n.form == "short" {
			s = c.varText(v + "-short")
		}
		if s == "" {
			s = c.varText(v)
		}
		c.markVar(v, s != "")
		if s == "" {
			return nil
		}
		if v == "citation-label" && !c.st.printsYearSuffix && !c.suffixDone && !c.sorting {
			// the label is what tells works apart: "Doe65a"
			s += c.yearSuffix
			c.suffixDone = true
		}
		switch v {
		case "page":
			s = c.numberList(s, c.st.root.pageRangeFormat)
		case "locator":
			if locLabel(c.item) == "page" {
				s = c.numberList(s, c.st.root.pageRangeFormat)
			} else {
				s = c.numberList(s, "")
			}
		default:
			if numericVars[v] && isNumeric(s) {
				s = c.numberList(s, "")
			}
		}
		switch v {
		case "URL", "DOI", "ISBN", "ISSN":
			return leaf(s)
		case "year-suffix":
			return leaf(s)
		}
		if n.textCase == "title" && !c.sorting {
			if isEnglish(c.ref, c.st.loc.lang) {
				s = titleCaseRaw(s)
			}
			b := richText(s)
			if b != nil {
				b = &blob{kids: []*blob{b}, role: "cased"}
			}
			return b
		}
		return richText(s)
	case n.macro != nil:
		// a macro is suppressed as a group is: when it calls variables
		// and none of them prints ("in" before a missing container)
		called, found := c.varsCalled, c.varsFound
		b := c.renderKids(n.macro.kids, "")
		if c.varsCalled > called && c.varsFound == found {
			return nil
		}
		if !b.empty() && c.varsCalled == called {
			// one that prints only terms or values counts, for the
			// groups around it, as a variable that printed, as in
			// citeproc-js, where a macro is a group: Vancouver's
			// "n.d." for an undated web page
			c.varsCalled++
			c.varsFound++
		}
		return b
	case n.term != "":
		if c.sorting {
			return nil
		}
		b := leaf(c.term(n.term, n.form, n.plural == "true"))
		if b != nil {
			b.role = "term"
		}
		return b
	case n.value.ok:
		// values count in sort keys: APA sorts undated works first by
		// a macro printing "0"
		// a value may hold markup and quotes, as a field does
		return richText(n.value.v)
	}
	return nil
}

func (c *ctx) renderNumber(n *node) *blob {
	v := n.variable
	s := c.varText(v)
	c.markVar(v, s != "")
	if s == "" {
		return nil
	}
	if !isNumeric(s) {
		return richText(s)
	}
	form := n.form
	if form == "roman" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if num, err := strconv.Atoi(s[:i]); err == nil && num > 0 && num < 4000 {
			return leaf(roman(num) + s[i:])
		}
	}
	if form == "ordinal" || form == "long-ordinal" {
		// the first number gets the ordinal suffix
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i == len(s) {
			num, _ := strconv.Atoi(s)
			if form == "long-ordinal" && num >= 1 && num <= 10 {
				if t := c.term("long-ordinal-"+pad2(num), "", false); t != "" {
					return leaf(t)
				}
			}
			// in the gender of the variable's noun: "1re éd." for the
			// French édition, feminine
			return leaf(s + c.ordinal(num, c.st.loc.terms[termKey{v, "long", ""}].gender))
		}
		return leaf(s)
	}
	return leaf(strings.ReplaceAll(s, "-", "–"))
}

// trigraph is the citation-label a reference gets when it has none, as
// citeproc-js makes it (CSL's "Aaaa00:AaAa00:AaAA00"): four letters of
// one author's family name, two of each of two, two then one of three, one
// of each of the first four; then the year's last two digits.
func trigraph(r *Reference) string {
	names := r.Author
	if len(names) == 0 {
		names = r.Editor
	}
	var fams []string
	for _, n := range names {
		f := n.Family
		if f == "" {
			f = n.Literal
		}
		if f != "" {
			fams = append(fams, f)
		}
	}
	take := map[int][]int{1: {4}, 2: {2, 2}, 3: {2, 1, 1}}[min(len(fams), 4)]
	if len(fams) >= 4 {
		take = []int{1, 1, 1, 1}
	}
	var b strings.Builder
	for i, n := range take {
		rs := []rune(fams[i])
		b.WriteString(string(rs[:min(n, len(rs))]))
	}
	if r.Issued.Year != 0 {
		b.WriteString(pad2(abs(r.Issued.Year) % 100))
	}
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// roman is n in lower-case roman numerals, as CSL's form="roman" prints.
func roman(n int) string {
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
		{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= d.v {
			b.WriteString(d.s)
			n -= d.v
		}
	}
	return b.String()
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (c *ctx) ordinal(n int, gender string) string {
	terms := c.st.loc.terms
	// the term for the gender, else the neuter one
	find := func(name string) (term, bool) {
		if t, ok := terms[termKey{name, "long", gender}]; ok && gender != "" {
			return t, true
		}
		t, ok := terms[termKey{name, "long", ""}]
		return t, ok
	}
	// ordinal-10 to -99 are for the last two digits, ordinal-00 to -09
	// for the last digit, unless match says otherwise (CSL 1.0.1)
	matches := func(t term, x int, def string) bool {
		match := t.match
		if match == "" {
			match = def
		}
		switch match {
		case "whole-number":
			return n == x
		case "last-two-digits":
			return n%100 == x
		}
		return n%10 == x
	}
	if x := n % 100; x >= 10 {
		if t, ok := find("ordinal-" + pad2(x)); ok && matches(t, x, "last-two-digits") {
			return t.single
		}
	}
	for _, x := range []int{n % 100, n % 10} {
		if x >= 10 {
			continue
		}
		if t, ok := find("ordinal-" + pad2(x)); ok && matches(t, x, "last-digit") {
			return t.single
		}
	}
	t, _ := find("ordinal")
	return t.single
}

func (c *ctx) renderLabel(n *node) *blob {
	if c.sorting {
		return nil
	}
	v := n.variable
	s := c.varText(v)
	if s == "" {
		return nil
	}
	name := v
	if v == "locator" {
		name = locLabel(c.item)
	}
	plural := false
	switch n.plural {
	case "always":
		plural = true
	case "never":
	default:
		// "213 et 235": the locale's "and" joins a list too
		and := c.term("and", "", false)
		plural = isPlural(s) || and != "" && strings.Contains(s, " "+and+" ")
		if v == "number-of-pages" || v == "number-of-volumes" {
			num, err := strconv.Atoi(strings.TrimSpace(s))
			plural = err == nil && num > 1
		}
	}
	t := c.term(name, n.form, plural)
	return leaf(t)
}

func isPlural(s string) bool {
	s = strings.ReplaceAll(s, `\-`, "")
	if strings.ContainsAny(s, ",&") || strings.Contains(s, " and ") {
		return true
	}
	// a range of numbers ("1-2", "i–ix"), not a hyphenated word
	// ("Michaelson-Morely")
	from, to, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	return ok && numberLike(strings.TrimSpace(from)) && numberLike(strings.TrimSpace(to))
}

// numberLike reports whether s holds a digit or is a roman numeral.
func numberLike(s string) bool {
	return strings.ContainsAny(s, "0123456789") || s != "" && strings.Trim(strings.ToLower(s), "ivxlcdm") == ""
}

// numberList sets a list or range of numbers ("213 & 235", "3-8") in the
// locale's words: its range delimiter, and its "and" symbol for "&", as
// citeproc-js does.
func (c *ctx) numberList(s, format string) string {
	s = formatPageRange(s, format, c.term("page-range-delimiter", "", false))
	if amp := c.term("and", "symbol", false); amp != "" && amp != "&" {
		s = strings.ReplaceAll(s, "&", amp)
	}
	return s
}

// formatPageRange applies a CSL page-range-format to each range in a list
// ("321-28, 401-3") and sets the range delimiter, as citeproc-js does:
// ranges of numbers (optionally with a common letter prefix, "S12-S15") and
// of roman numerals; anything else ("12A-12C", "N110 - 5") keeps its
// numbers as written, joined by a plain hyphen.
func formatPageRange(s, format, delim string) string {
	if delim == "" {
		delim = "–"
	}
	if strings.Contains(s, `\-`) {
		// an escaped hyphen is part of the number ("3\-B"), not a range
		return strings.ReplaceAll(s, `\-`, "-")
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '&' })
	seps := listSeparators(s)
	for i, p := range parts {
		lead := p[:len(p)-len(strings.TrimLeft(p, " "))]
		trail := p[len(strings.TrimRight(p, " ")):]
		p = strings.TrimSpace(p)
		if m := numRangeRE().FindStringSubmatch(p); m != nil && m[3] == m[1] {
			pre, a, b := m[1], m[2], m[4]
			end := b
			if ai, err1 := strconv.Atoi(a); err1 == nil {
				// without a page-range-format the range stays as written
				// ("110-5"), as citeproc-js leaves it
				if bi, err2 := strconv.Atoi(b); err2 == nil && format != "" && (bi > ai || len(b) < len(a)) {
					end = rangeEnd(a, b, format)
				}
			}
			if format == "" || format == "expanded" {
				end = m[3] + end
				if m[3] == "" && format == "expanded" {
					end = pre + end
				}
			}
			parts[i] = lead + pre + a + delim + end + trail
			continue
		}
		if m := romanRangeRE().FindStringSubmatch(p); m != nil {
			parts[i] = lead + m[1] + delim + m[2] + trail
			continue
		}
		// not a range of numbers ("N110 - 5", "110 - N6"): a plain hyphen
		parts[i] = lead + hyphenRE().ReplaceAllString(p, "-") + trail
	}
	return joinWith(parts, seps)
}

// The expressions of page ranges are compiled when a citation is first
// formatted, which check never does.
var hyphenRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*-\s*`) })

// listSeparators are the "," and "&" between the items of a list of pages.
func listSeparators(s string) []string {
	var seps []string
	for _, r := range s {
		if r == ',' || r == '&' {
			seps = append(seps, string(r))
		}
	}
	return seps
}

func joinWith(parts, seps []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 && i-1 < len(seps) {
			b.WriteString(seps[i-1])
		}
		b.WriteString(p)
	}
	return b.String()
}

var (
	numRangeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z]*)(\d+)\s*[-–—]+\s*([A-Za-z]*)(\d+)$`)
	})
	romanRangeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([ivxlcdmIVXLCDM]+)\s*[-–—]+\s*([ivxlcdmIVXLCDM]+)$`)
	})
)

// numericVars are the variables citeproc-js treats as numbers: a range in
// them gets an en dash ("vol. 1–2").
var numericVars = map[string]bool{"volume": true, "issue": true, "number": true, "edition": true,
	"collection-number": true, "chapter-number": true, "number-of-volumes": true, "number-of-pages": true,
	"part-number": true, "supplement-number": true, "printing-number": true}

func rangeEnd(a, b, format string) string {
	// expand first
	if len(b) < len(a) {
		b = a[:len(a)-len(b)] + b
	}
	if len(a) != len(b) {
		return b
	}
	minimal := func(keep int) string {
		i := 0
		for i < len(a)-1 && a[i] == b[i] {
			i++
		}
		if len(b)-i < keep {
			i = max(0, len(b)-keep)
		}
		return b[i:]
	}
	switch format {
	case "minimal":
		return minimal(1)
	case "minimal-two":
		return minimal(2)
	case "chicago", "chicago-15", "chicago-16":
		ai, _ := strconv.Atoi(a)
		switch {
		case ai < 100 || ai%100 == 0:
			return b
		case ai%100 < 10:
			return minimal(1)
		case len(a) == 4 && format != "chicago-16":
			// the 15th edition's rule, which the 16th dropped: "1496–1504"
			m := minimal(2)
			if len(m) >= 3 {
				return b
			}
			return m
		default:
			return minimal(2)
		}
	}
	return b
}

// --- rich text from the data ---

// richText turns a field value into blobs: the markup CSL processors read
// (markupTag) is set as formatting, other tags are dropped, straight
// quotes become typographic.
// markupTag is the formatting an opening tag in a field sets: <i> and
// <em> italic, <b> and <strong> bold, <sc> small caps, <sup>, <sub>, and
// <span> with class="nocase" (kept from text case) or a CSS style.
func markupTag(tag string) (*blob, bool) {
	nb := &blob{kids: []*blob{}, markup: true}
	switch {
	case tag == "i" || tag == "em":
		nb.italic = 1
	case tag == "b" || tag == "strong":
		nb.bold = 1
	case tag == "sc":
		nb.smallCaps = 1
	case tag == "sup":
		nb.valign = 1
	case tag == "sub":
		nb.valign = 2
	case strings.HasPrefix(tag, "span"):
		style := strings.ReplaceAll(tag, " ", "")
		switch {
		case strings.Contains(tag, "nocase"):
			nb.role = "nocase"
		case strings.Contains(tag, "nodecor"):
			// no decoration: the formatting around it is set normal,
			// and, as citeproc-js does, the text case left alone
			nb.italic, nb.bold, nb.smallCaps = 2, 2, 2
			nb.role = "nocase"
		case strings.Contains(style, "font-variant:small-caps"):
			nb.smallCaps = 1
		case strings.Contains(style, "font-style:normal"):
			nb.italic = 2
		case strings.Contains(style, "font-weight:normal"):
			nb.bold = 2
		case strings.Contains(style, "font-variant:normal"):
			nb.smallCaps = 2
		}
	default:
		return nil, false
	}
	return nb, true
}

// markupNames are the tags markupTag reads.
var markupNames = map[string]bool{"i": true, "em": true, "b": true, "strong": true, "sc": true, "sup": true, "sub": true, "span": true}

func richText(s string) *blob {
	if !strings.ContainsAny(s, "<'\"‘’“”") {
		return leaf(s)
	}
	root := &blob{kids: []*blob{}}
	stack := []*blob{root}
	cur := func() *blob { return stack[len(stack)-1] }
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			p := cur()
			p.kids = append(p.kids, &blob{text: buf.String()})
			buf.Reset()
		}
	}
	// open starts a nested run; closeQuote ends the innermost quotation
	// and anything left open inside it.
	open := func(nb *blob) {
		flush()
		cur().kids = append(cur().kids, nb)
		stack = append(stack, nb)
	}
	closeQuote := func() {
		flush()
		for len(stack) > 1 {
			top := cur()
			stack = stack[:len(stack)-1]
			if top.quotes {
				break
			}
		}
	}
	tagOf := map[*blob]string{} // the tag that opened a run of markup
	dq := false
	var dqRun *blob // the quotation that the last opening double quote began
	var dqMark rune // and the mark that began it
	sq := 0
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				buf.WriteRune(r)
				i += sz
				continue
			}
			raw := s[i : i+j+1]
			tag := strings.ToLower(s[i+1 : i+j])
			i += j + 1
			name, _, _ := strings.Cut(tag, " ")
			closer, isClose := strings.CutPrefix(name, "/")
			switch nb, ok := markupTag(tag); {
			case ok:
				open(nb)
				tagOf[nb] = name
			case isClose && len(stack) > 1 && tagOf[cur()] == closer:
				flush()
				stack = stack[:len(stack)-1]
			case isClose && markupNames[closer]:
				// the end of markup that never began ("One</i> Two"):
				// citeproc-js prints it as it stands
				buf.WriteString(raw)
			}
			continue
		case r == '\'' || r == '‘' || (r == '’' && sq > 0):
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+sz:])
			opening := (i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '"' || prev == '“' || prev == '—') &&
				i+sz < len(s) && !unicode.IsSpace(next)
			closing := sq > 0 && i > 0 && !unicode.IsSpace(prev) &&
				(i+sz == len(s) || unicode.IsSpace(next) || unicode.IsPunct(next))
			switch {
			case r != '’' && opening && strings.ContainsAny(s[i+sz:], "'’"):
				open(&blob{kids: []*blob{}, quotes: true, role: "sq"})
				sq++
			case closing:
				closeQuote()
				sq--
			default:
				buf.WriteRune('’')
			}
		case r == '"' || r == '“' || r == '”':
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			switch {
			case !dq && r != '”':
				dqRun, dqMark = &blob{kids: []*blob{}, quotes: true}, r
				open(dqRun)
				dq = true
			case dq && !unicode.IsSpace(prev):
				closeQuote()
				dq = false
			default:
				// a quotation mark after a space closes nothing
				buf.WriteRune(r)
			}
		default:
			buf.WriteRune(r)
		}
		i += sz
	}
	flush()
	if dq {
		// a quotation never closed is no quotation: its mark is
		// printed as written, as citeproc-js does
		dqRun.quotes = false
		dqRun.kids = append([]*blob{{text: string(dqMark)}}, dqRun.kids...)
	}
	return root
}
