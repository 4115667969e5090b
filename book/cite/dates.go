package cite

import (
	"strconv"
	"strings"
)

func (c *ctx) renderDate(n *node) *blob {
	v := n.variable
	d := c.ref.dateVar(v)
	if c.suppressed[v] {
		d = nil
	}
	c.markVar(v, d != nil)
	if d == nil {
		return nil
	}
	if d.Literal != "" && !c.sorting {
		return leaf(d.Literal)
	}
	// which parts, in which order, with which formatting
	var parts []*node
	delim := n.delimiter.v
	if form := n.form; form != "" {
		loc := c.st.loc.dates[form]
		if loc == nil {
			return nil
		}
		want := n.dateParts
		if want == "" {
			want = "year-month-day"
		}
		allowed := map[string]bool{"year": true}
		if want != "year" {
			allowed["month"] = true
		}
		if want == "year-month-day" {
			allowed["day"] = true
		}
		overrides := map[string]*node{}
		for _, k := range n.kids {
			overrides[k.partName] = k
		}
		for _, p := range loc.kids {
			if p.name != "date-part" || !allowed[p.partName] {
				continue
			}
			if o := overrides[p.partName]; o != nil {
				p = o.overLocale(p)
			}
			parts = append(parts, p)
		}
		delim = loc.delimiter.v
	} else {
		for _, k := range n.kids {
			if k.name == "date-part" {
				parts = append(parts, k)
			}
		}
	}
	one := func(d *Date) []*blob {
		var out []*blob
		for _, p := range parts {
			s := c.datePart(d, p)
			if s == "" {
				continue
			}
			if p.partName == "year" && !c.st.printsYearSuffix && !c.suffixDone {
				s += c.yearSuffix
				c.suffixDone = true
			}
			if w := c.decorate(p, &blob{text: s}); w != nil {
				out = append(out, w)
			}
		}
		return out
	}
	if c.sorting {
		// only the parts the style asks for count
		k := Date{Literal: d.Literal}
		for _, p := range parts {
			switch p.partName {
			case "year":
				k.Year = d.Year
			case "month":
				k.Month, k.Season = d.Month, d.Season
			case "day":
				k.Day = d.Day
			}
		}
		return leaf(dateSortKey(&k))
	}
	start := one(d)
	if len(start) == 0 {
		return nil
	}
	res := &blob{kids: start, delim: delim}
	if d.End != nil && !d.End.IsZero() {
		end := one(d.End)
		if len(end) > 0 {
			res = &blob{kids: []*blob{res, {kids: end, delim: delim}}, delim: "–"}
		}
	}
	return res
}

func (c *ctx) datePart(d *Date, p *node) string {
	form := p.form
	switch p.partName {
	case "year":
		if d.Year == 0 {
			return ""
		}
		y := d.Year
		// "250 BC", "54 AD": the era for years before 1000, as
		// citeproc-js marks them
		if y < 0 {
			return joinNonEmpty(" ", strconv.Itoa(-y), c.term("bc", "", false))
		}
		if y < 1000 && form != "short" {
			return joinNonEmpty(" ", strconv.Itoa(y), c.term("ad", "", false))
		}
		if form == "short" {
			return pad2(y % 100)
		}
		return strconv.Itoa(y)
	case "month":
		if d.Month == 0 {
			if d.Season > 0 {
				return c.term("season-"+pad2(d.Season), "", false)
			}
			return ""
		}
		switch form {
		case "numeric":
			return strconv.Itoa(d.Month)
		case "numeric-leading-zeros":
			return pad2(d.Month)
		}
		if form == "" {
			form = "long"
		}
		s := c.term("month-"+pad2(d.Month), form, false)
		if p.stripPeriods {
			s = strings.ReplaceAll(s, ".", "")
		}
		return s
	case "day":
		if d.Day == 0 || d.Month == 0 {
			return ""
		}
		switch form {
		case "numeric-leading-zeros":
			return pad2(d.Day)
		case "ordinal":
			if d.Day == 1 || c.st.loc.terms[termKey{"ordinal", "long"}].single != "" {
				return strconv.Itoa(d.Day) + c.ordinal(d.Day)
			}
		}
		return strconv.Itoa(d.Day)
	}
	return ""
}

func dateSortKey(d *Date) string {
	if d.Literal != "" && d.Year == 0 {
		return d.Literal
	}
	m := d.Month
	if m == 0 && d.Season > 0 {
		m = 12 + d.Season
	}
	y := d.Year + 10000
	return strconv.Itoa(y) + pad2(m) + pad2(d.Day)
}

// overLocale is a localized date's part (p, from the locale) with what the
// style's own date-part o sets for it: the style may change the form, the
// formatting and the text case, but not the affixes, which the locale keeps
// (CSL 1.0.2, localized date formats).
func (o *node) overLocale(p *node) *node {
	m := *p
	if o.form != "" {
		m.form = o.form
	}
	m.rangeDelimiter = o.rangeDelimiter.over(p.rangeDelimiter)
	m.stripPeriods = o.stripPeriods || p.stripPeriods
	for _, f := range []struct {
		dst *string
		src string
	}{{&m.fontStyle, o.fontStyle}, {&m.fontVariant, o.fontVariant},
		{&m.fontWeight, o.fontWeight}, {&m.textDecor, o.textDecor}, {&m.verticalAlign, o.verticalAlign}, {&m.textCase, o.textCase}} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return &m
}
