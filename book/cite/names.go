package cite

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

func (c *ctx) renderNames(n *node) *blob {
	vars := n.variables
	src := n
	if c.inherit != nil && len(n.kids) == 0 {
		src = c.inherit
	}
	nameEl := src.child("name")
	labelEl := src.child("label")
	etalEl := src.child("et-al")
	labelFirst := false
	for _, k := range src.kids {
		if k.name == "label" {
			labelFirst = true
			break
		}
		if k.name == "name" {
			break
		}
	}
	delim := n.delimiter.over(c.st.areaNames[c.area].namesDelimiter).v

	type part struct {
		v     string
		names []Name
	}
	var parts []part
	for _, v := range vars {
		if c.suppressed[v] {
			continue
		}
		if ns := c.ref.namesVar(v); len(ns) > 0 {
			parts = append(parts, part{v, ns})
		}
	}
	// editor and translator the same people: one list, "editortranslator"
	// (unless the locale leaves the term empty)
	labelForm := ""
	if labelEl != nil {
		labelForm = labelEl.form
	}
	if len(parts) == 2 && parts[0].v == "editor" && parts[1].v == "translator" && sameNames(parts[0].names, parts[1].names) &&
		c.term("editortranslator", labelForm, false) != "" {
		parts = []part{{"editortranslator", parts[0].names}}
	}
	c.varsCalled++
	var out []*blob
	for _, p := range parts {
		nb := c.formatNames(p.names, nameEl, etalEl)
		if nb.empty() {
			continue
		}
		nb = &blob{kids: []*blob{nb}, role: "namelist"}
		if nameEl != nil && !c.sorting {
			nb = &blob{kids: []*blob{nb}, prefix: nameEl.prefix, suffix: nameEl.suffix}
			nb.format(nameEl)
		}
		if labelEl != nil && !c.sorting && (nameEl == nil || nameEl.form != "count") {
			plural := len(p.names) > 1
			switch labelEl.plural {
			case "always":
				plural = true
			case "never":
				plural = false
			}
			t := c.term(p.v, labelEl.form, plural)
			if lw := c.decorate(labelEl, &blob{text: t}); lw != nil {
				if labelFirst {
					nb = &blob{kids: []*blob{lw, nb}}
				} else {
					nb = &blob{kids: []*blob{nb, lw}}
				}
			}
		}
		out = append(out, nb)
		c.rendered = append(c.rendered, p.v)
		if p.v == "editortranslator" {
			c.rendered = append(c.rendered, "editor", "translator")
		}
	}
	if len(out) > 0 && c.nameOpts(nameEl).form.v == "count" {
		// one count of all the variables' names
		total := 0
		for _, b := range out {
			n, _ := strconv.Atoi(leavesText(b))
			total += n
		}
		out = []*blob{leaf(strconv.Itoa(total))}
	}
	if len(out) > 0 {
		c.varsFound++
		res := &blob{kids: out, delim: delim}
		// the key subsequent-author-substitute compares: the whole list,
		// so "Smith, Adam, et al." is the same author only when the names
		// hidden behind et al. are the same too (MLA 2.1.3: three hyphens
		// stand for exactly the same names). Not the role: the same names
		// as author and then as editor take the substitute and keep the
		// label ("---, editor"; MLA 2.1.3, CMOS 14.67 and 15.17), as
		// citeproc-js does.
		for _, p := range parts {
			res.key += fmt.Sprint(p.names) + ";"
		}
		if !c.namesDone {
			c.namesDone = true
			res.role = "names"
			if c.suppressAuthor {
				c.suppressAuthor = false
				return nil
			}
		}
		return res
	}
	// substitute
	sub := n.child("substitute")
	if sub == nil {
		return nil
	}
	for _, k := range c.substitutes(sub.kids) {
		saveInherit, saveRendered := c.inherit, c.rendered
		c.inherit = n
		c.rendered = nil
		called, found := c.varsCalled, c.varsFound
		savedDone := c.namesDone
		c.namesDone = true
		b := c.render(k)
		c.namesDone = savedDone
		got := c.rendered
		c.inherit = saveInherit
		c.rendered = append(saveRendered, got...)
		if !b.empty() {
			for _, v := range got {
				c.suppressed[v] = true
			}
			c.varsFound = found + 1
			c.varsCalled = called
			if !c.namesDone {
				c.namesDone = true
				if c.suppressAuthor {
					c.suppressAuthor = false
					return nil
				}
				if k.name == "names" {
					// an editor standing in for the author compares by
					// its names, as the author would
					b = &blob{kids: []*blob{b}, role: "names", key: firstKey(b)}
				} else if k.macroName == "" {
					// a variable standing in for the author is
					// substituted as the author is; a macro (MLA's
					// title, in quotation marks or italics) prints in
					// full, as citeproc-js prints it
					b = &blob{kids: []*blob{b}, role: "subst"}
				}
			}
			return b
		}
		c.varsCalled, c.varsFound = called, found
		if k.name == "text" && k.term != "" {
			// a term is the substitute whatever it prints: one the
			// locale leaves empty ends the search, as in citeproc-js
			return nil
		}
	}
	return nil
}

// leavesText is the text of a blob's leaves, without affixes.
func leavesText(b *blob) string {
	var sb strings.Builder
	eachLeaf(b, func(l *blob) { sb.WriteString(l.text) })
	return sb.String()
}

// firstKey is the names key of the first names list in b.
func firstKey(b *blob) string {
	if b == nil {
		return ""
	}
	if b.key != "" {
		return b.key
	}
	for _, k := range b.kids {
		if s := firstKey(k); s != "" {
			return s
		}
	}
	return ""
}

func sameNames(a, b []Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameOpts are the name options in force for a cs:name (nil: names
// without one, as in a sort key by a name variable).
func (c *ctx) nameOpts(nameEl *node) nameOptions {
	if nameEl != nil {
		return nameEl.resolved[c.area]
	}
	return c.st.areaNames[c.area]
}

func (c *ctx) formatNames(names []Name, nameEl, etalEl *node) *blob {
	if c.collect != nil {
		// citeproc-js registers every names list it renders, in any form
		c.collect.add(names)
	}
	o := c.nameOpts(nameEl)
	form := o.form.v
	if form == "" {
		form = "long"
	}
	delim := o.delimiter.or(", ")
	etAlMin, etAlFirst := o.etAlMin.v, o.etAlUseFirst.v
	if c.area == inCitation && c.item != nil && c.item.Position != First {
		// a work cited before may show fewer names
		etAlMin = o.etAlSubsequentMin.or(etAlMin)
		etAlFirst = o.etAlSubsequentUseFirst.or(etAlFirst)
	}
	useLast := o.etAlUseLast.v
	if c.sorting && c.sortMin > 0 {
		etAlMin, etAlFirst = c.sortMin, c.sortUse
	}
	show := len(names)
	etal := false
	if etAlMin > 0 && etAlFirst == 0 && o.etAlUseFirst.ok && len(names) >= etAlMin && !c.sorting {
		// et-al-use-first="0": no names at all, nor "et al."
		return nil
	}
	if etAlMin > 0 && etAlFirst > 0 && len(names) >= etAlMin {
		show = min(etAlFirst+c.addNames, len(names))
		etal = show < len(names)
	}
	if form == "count" {
		return leaf(strconv.Itoa(show))
	}
	sortOrder := o.nameAsSortOrder.v
	if c.sorting {
		sortOrder = "all"
	}
	hasInit := o.initializeWith.ok
	var parts []string
	var inverted []bool
	for i := 0; i < show; i++ {
		inv := sortOrder == "all" || (sortOrder == "first" && i == 0)
		f := form
		level := 0
		if c.givenLevel > 0 && (c.givenRule != "primary-name" && c.givenRule != "primary-name-with-initials" || i == 0) {
			level = c.givenLevel
		}
		if i < len(c.givenLevels) && c.givenLevels[i] > level && c.area == inCitation {
			level = c.givenLevels[i]
		}
		if c.area == inCitation {
			// global given-name rules: the registry decides, whatever the
			// cite's own disambiguation asked for (see nameReg)
			level = max(level, c.names.level(names[i], i, c.givenRule, hasInit))
		}
		parts = append(parts, c.formatName(names[i], nameEl, inv, f, level))
		inverted = append(inverted, inv && names[i].Literal == "" && names[i].Given != "")
	}
	andTerm := ""
	switch o.and.v {
	case "text":
		andTerm = c.term("and", "", false)
	case "symbol":
		andTerm = "&"
	}
	if c.sorting {
		if etal && (useLast || c.sortUseLast) {
			// "Roe, Doe, … Aogh" sorts by the last name too
			parts = append(parts, c.formatName(names[len(names)-1], nameEl, true, form, 0))
		}
		return leaf(strings.Join(parts, " "))
	}
	var b strings.Builder
	if etal {
		b.WriteString(strings.Join(parts, delim))
		if useLast && len(names)-show >= 2 {
			b.WriteString(delim + "… ")
			b.WriteString(c.formatName(names[len(names)-1], nameEl, sortOrder == "all", form, 0))
			return c.nameMarkup(nameEl, b.String())
		}
		term := "et-al"
		if etalEl != nil && etalEl.term != "" {
			term = etalEl.term
		}
		sep := delimiterPrecedes(o.delimiterPrecedesEtAl.v, delim, show > 0 && inverted[show-1], show >= 2)
		t := c.term(term, "", false)
		nb := &blob{kids: []*blob{c.nameMarkup(nameEl, b.String())}}
		if t != "" {
			eb := &blob{text: t}
			if etalEl != nil {
				eb = &blob{kids: []*blob{eb}}
				eb.format(etalEl)
			}
			nb.kids = append(nb.kids, &blob{text: sep}, eb)
		}
		return nb
	}
	for i, p := range parts {
		if i > 0 {
			if i == len(parts)-1 && andTerm != "" {
				sep := delimiterPrecedes(o.delimiterPrecedesLast.v, delim, inverted[i-1], len(parts) >= 3)
				if names[i].Literal != "" && len(parts) == 2 {
					// citeproc-js joins an institution after one other name
					// with the "and" alone: "Murphy, Kira and BBC News"
					sep = " "
				}
				b.WriteString(sep)
				b.WriteString(andTerm + " ")
			} else {
				b.WriteString(delim)
			}
		}
		b.WriteString(p)
	}
	return c.nameMarkup(nameEl, b.String())
}

// Name parts that a cs:name-part formats are marked in the formatted
// names while they are strings: partStart, the index of the name-part
// element under cs:name (a private-use character), the text, partEnd.
const (
	partStart = '\uE001'
	partEnd   = '\uE002'
)

// namePart marks s as the given or family part of a name, when the name
// element formats that part.
func namePart(nameEl *node, part, s string) string {
	if nameEl == nil || s == "" {
		return s
	}
	for i, k := range nameEl.kids {
		if k.name == "name-part" && k.partName == part {
			return string(partStart) + string(rune('0'+i)) + s + string(partEnd)
		}
	}
	return s
}

// nameMarkup is a list of names as a blob: any markup in the names
// ("<b>Doe</b>") set as formatting, and the marked name parts formatted
// as their cs:name-part says.
func (c *ctx) nameMarkup(nameEl *node, s string) *blob {
	if !strings.ContainsRune(s, partStart) {
		if strings.Contains(s, "<") {
			return richText(s)
		}
		return leaf(s)
	}
	out := &blob{kids: []*blob{}}
	for s != "" {
		i := strings.IndexRune(s, partStart)
		if i < 0 {
			out.kids = append(out.kids, c.nameMarkup(nil, s))
			break
		}
		out.kids = append(out.kids, c.nameMarkup(nil, s[:i]))
		s = s[i+len(string(partStart)):]
		el := nameEl.kids[s[0]-'0']
		j := strings.IndexRune(s, partEnd)
		out.kids = append(out.kids, c.decorate(el, c.nameMarkup(nil, s[1:j])))
		s = s[j+len(string(partEnd)):]
	}
	return out
}

// formatName renders one name. level is the given-name expansion added for
// disambiguation: 1 initials, 2 full given names.
func (c *ctx) formatName(nm Name, nameEl *node, inverted bool, form string, level int) string {
	return strings.ReplaceAll(c.formatName1(nm, nameEl, inverted, form, level), "'", "’")
}

func (c *ctx) formatName1(nm Name, nameEl *node, inverted bool, form string, level int) string {
	if nm.Literal != "" {
		return nm.Literal
	}
	if nm.Given == "" && nm.Family == "" {
		return ""
	}
	if nm.Family == "" {
		// a mononym written as a given name: citeproc-js prints it whole
		return joinNonEmpty(" ", nm.Given, nm.Suffix)
	}
	if isCJK(nm.Family) && isCJK(nm.Given) {
		// Chinese, Japanese and Korean names: family name first, no space
		if form == "short" && level == 0 {
			return nm.Family
		}
		return nm.Family + nm.Given
	}
	if len(nm.Family) > 2 && strings.HasPrefix(nm.Family, `"`) && strings.HasSuffix(nm.Family, `"`) {
		// a family name in quotes is kept whole from particle parsing
		// ("van Happel"); the quotes are not part of it
		nm.Family = nm.Family[1 : len(nm.Family)-1]
	}
	ndpFamily := joinParticle(nm.NonDroppingParticle, nm.Family)
	o := c.nameOpts(nameEl)
	initWith, hasInit := o.initializeWith.v, o.initializeWith.ok
	initialize := o.initialize.or(true)
	if form == "short" {
		switch level {
		case 0:
			if c.sorting {
				break
			}
			return ndpFamily
		case 1:
			if !hasInit {
				return ndpFamily
			}
			form = "long"
		case 2:
			form = "long"
			hasInit = false
		}
	} else if level == 2 {
		hasInit = false
	}
	given := nm.Given
	if hasInit && given != "" {
		given = initials(given, initWith, initialize, c.st.root.initializeWithHyphen.or(true))
	}
	if c.sorting {
		// sort keys: family (with particle unless demoted), then given
		demote := c.st.demoteParticle()
		fam := ndpFamily
		rest := joinNonEmpty(" ", given, nm.DroppingParticle)
		if demote == "sort-only" || demote == "display-and-sort" {
			fam = nm.Family
			rest = joinNonEmpty(" ", given, nm.DroppingParticle, nm.NonDroppingParticle)
		}
		return joinNonEmpty(" ", fam, rest, nm.Suffix)
	}
	if !inverted {
		fam := namePart(nameEl, "family", ndpFamily)
		if nm.DroppingParticle != "" {
			// "d’Aubignac", "van Gogh": the particle before the family name
			fam = joinParticle(nm.DroppingParticle, fam)
		}
		s := joinNonEmpty(" ", namePart(nameEl, "given", given), fam)
		if suf, comma := strings.CutPrefix(nm.Suffix, "!"); comma {
			// citeproc-js's mark for a suffix set off by a comma
			s += ", " + strings.TrimSpace(suf)
		} else if nm.Suffix != "" {
			s += " " + nm.Suffix
		}
		return s
	}
	sep := o.sortSeparator.or(", ")
	fam := ndpFamily
	rest := joinNonEmpty(" ", given, nm.DroppingParticle)
	if c.st.demoteParticle() == "display-and-sort" {
		fam = nm.Family
		rest = joinNonEmpty(" ", given, nm.DroppingParticle, nm.NonDroppingParticle)
	}
	fam, rest = namePart(nameEl, "family", fam), namePart(nameEl, "given", rest)
	s := fam
	if rest != "" {
		s += sep + rest
	}
	if nm.Suffix != "" {
		s += sep + strings.TrimSpace(strings.TrimPrefix(nm.Suffix, "!"))
	}
	return s
}

// isCJK reports whether s is written in Han, Kana or Hangul (and not empty).
func isCJK(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return s != ""
}

func joinParticle(p, family string) string {
	if p == "" {
		return family
	}
	if strings.HasSuffix(p, "'") || strings.HasSuffix(p, "’") || strings.HasSuffix(p, "-") {
		return p + family
	}
	return p + " " + family
}

// initials shortens given names as citeproc-js does: "Cynthia F." → "C. F.",
// "Jean-Paul" → "J.-P.", "Wai-chew" → "W."; without hyphen (the style's
// initialize-with-hyphen="false") "Jean-Paul" → "J. P.".
// capsAfterInitial is what a given name's initial keeps of the capitals
// that follow it, as citeproc-js does: "TSerendorjiin" is "Ts.", a
// digraph written in capitals; a name all in capitals ("JB") keeps only
// its first letter.
func capsAfterInitial(rest []rune) string {
	n := 0
	for n < len(rest) && unicode.IsUpper(rest[n]) {
		n++
	}
	if n == len(rest) {
		return ""
	}
	return strings.ToLower(string(rest[:n]))
}

func initials(given, with string, initialize, hyphen bool) string {
	var out strings.Builder
	// the words, and whether a period came after each
	type word struct {
		text   string
		period bool
	}
	var words []word
	for _, f := range strings.FieldsFunc(given, func(r rune) bool { return r == ' ' }) {
		parts := strings.Split(f, ".")
		for i, p := range parts {
			if p == "" {
				continue
			}
			words = append(words, word{p, i < len(parts)-1})
		}
	}
	spaced := strings.HasSuffix(with, " ")
	for _, w := range words {
		r := []rune(w.text)
		switch {
		case !unicode.IsUpper(r[0]):
			// a particle within the given names ("J.B. de C.M."),
			// spaced from the initials before it
			if o := out.String(); o != "" && !strings.HasSuffix(o, " ") {
				out.WriteString(" ")
			}
			out.WriteString(w.text + " ")
		case len(r) == 1:
			out.WriteString(w.text + with)
		case w.period:
			// an abbreviation as written ("Ph."), kept
			out.WriteString(w.text + with)
		case !initialize:
			out.WriteString(w.text + " ")
		case strings.Contains(w.text, "-"):
			// "Jean-Paul": "J.-P."
			var ps []string
			for i, h := range strings.Split(w.text, "-") {
				hr := []rune(h)
				switch {
				case len(hr) == 0:
				case unicode.IsUpper(hr[0]):
					ps = append(ps, string(hr[0])+strings.TrimRight(with, " "))
				case i == 0:
					ps = append(ps, h)
				}
			}
			join := "-"
			if !hyphen {
				join = ""
				if spaced {
					join = " "
				}
			}
			out.WriteString(strings.Join(ps, join))
			if spaced {
				out.WriteString(" ")
			}
		default:
			out.WriteString(string(r[0]) + capsAfterInitial(r[1:]) + with)
		}
	}
	return strings.TrimRight(out.String(), " ")
}

// delimiterPrecedes is what goes before "et al." or before the "and" of
// the last name (CSL's delimiter-precedes-et-al and -last): the names'
// delimiter or a space. afterInverted says whether the name before is
// inverted; contextual is the default's answer ("contextual"), which
// counts names differently for the two attributes.
func delimiterPrecedes(option, delim string, afterInverted, contextual bool) string {
	switch option {
	case "always":
		return delim
	case "never":
		return " "
	case "after-inverted-name":
		if afterInverted {
			return delim
		}
		return " "
	}
	if contextual {
		return delim
	}
	return " "
}

// demoteParticle is the style's demote-non-dropping-particle: where a
// particle such as "van" in "van Gogh" moves after the given name when the
// name is inverted. CSL's default is display-and-sort ("Gogh, Vincent van").
func (st *cslStyle) demoteParticle() string {
	if d := st.root.demoteParticle; d != "" {
		return d
	}
	return "display-and-sort"
}

// substitutes are the candidates of a cs:substitute in order: a cs:choose
// stands for the elements of the branch it takes, each a candidate of its
// own, so that of an editor and a translator only the first is put in the
// author's place, as citeproc-js does.
func (c *ctx) substitutes(kids []*node) []*node {
	var out []*node
	for _, k := range kids {
		if k.name != "choose" {
			out = append(out, k)
		} else if br := c.branch(k); br != nil {
			out = append(out, c.substitutes(br.kids)...)
		}
	}
	return out
}
