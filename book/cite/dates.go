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
	if d == nil {
		c.markVar(v, false)
		return nil
	}
	// a date none of whose asked-for parts it has ("day" of a year)
	// counts as empty, for the group around it
	b := c.renderDateParts(n, d)
	c.markVar(v, !b.empty())
	return b
}

func (c *ctx) renderDateParts(n *node, d *Date) *blob {
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
	// one renders the parts of a date; a range leaves out the prefix of
	// its end's first part and the suffix of its start's last part
	one := func(d *Date, parts []*node, noPrefix, noSuffix bool) []*blob {
		type printed struct {
			p *node
			s string
		}
		var ps []printed
		for _, p := range parts {
			s := c.datePart(d, p)
			if s == "" {
				continue
			}
			if p.partName == "year" && !c.st.printsYearSuffix && !c.suffixDone {
				s += c.yearSuffix
				c.suffixDone = true
			}
			ps = append(ps, printed{p, s})
		}
		var out []*blob
		for i, x := range ps {
			p := x.p
			if noPrefix && i == 0 || noSuffix && i == len(ps)-1 {
				q := *p
				if noPrefix && i == 0 {
					q.prefix = ""
				}
				if noSuffix && i == len(ps)-1 {
					q.suffix = ""
				}
				p = &q
			}
			if w := c.decorate(p, &blob{text: x.s}); w != nil {
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
	if d.End == nil || d.End.IsZero() {
		start := one(d, parts, false, false)
		if len(start) == 0 {
			return nil
		}
		b := &blob{kids: start, delim: delim}
		if d.End != nil && d.End.Year == 0 && d.Year != 0 {
			// an open range ([[1987], [0]]): "1987–"
			rangeDelim := "–"
			for _, p := range parts {
				if p.partName == "year" {
					rangeDelim = p.rangeDelimiter.or(rangeDelim)
				}
			}
			b = &blob{kids: []*blob{b, leaf(rangeDelim)}}
		}
		return b
	}
	return c.dateRange(d, parts, delim, one)
}

// dateRange renders a range as citeproc-js does: the parts both ends share
// once ("3 August–23 October 2003", "10–23 August 2003"), the others on
// each side of the range-delimiter of the largest part that differs.
func (c *ctx) dateRange(d *Date, parts []*node, delim string,
	one func(*Date, []*node, bool, bool) []*blob) *blob {
	e := d.End
	differs := ""
	switch {
	case d.Year != e.Year:
		differs = "year"
	case d.Month != e.Month || d.Season != e.Season:
		differs = "month"
	case d.Day != e.Day:
		differs = "day"
	default:
		return &blob{kids: one(d, parts, false, false), delim: delim}
	}
	rank := map[string]int{"day": 0, "month": 1, "year": 2}
	first, last := -1, -1 // the parts that vary
	rangeDelim := "–"
	for i, p := range parts {
		if rank[p.partName] <= rank[differs] {
			if first < 0 {
				first = i
			}
			last = i
		}
		if p.partName == differs {
			rangeDelim = p.rangeDelimiter.or("–")
		}
	}
	if first < 0 {
		return &blob{kids: one(d, parts, false, false), delim: delim}
	}
	var kids []*blob
	if before := one(d, parts[:first], false, false); len(before) > 0 {
		kids = append(kids, &blob{kids: before, delim: delim})
	}
	from := one(d, parts[first:last+1], false, true)
	to := one(e, parts[first:last+1], true, false)
	mid := &blob{kids: []*blob{{kids: from, delim: delim}}}
	if len(to) > 0 {
		mid.kids = append(mid.kids, &blob{text: rangeDelim}, &blob{kids: to, delim: delim})
	}
	kids = append(kids, mid)
	if after := one(d, parts[last+1:], false, false); len(after) > 0 {
		kids = append(kids, &blob{kids: after, delim: delim})
	}
	return &blob{kids: kids, delim: delim}
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
			if c.st.loc.limitDayOrdinals && d.Day != 1 {
				break
			}
			if d.Day == 1 || c.st.loc.terms[termKey{"ordinal", "long", ""}].single != "" {
				// the day takes the gender of its month's name
				return strconv.Itoa(d.Day) + c.ordinal(d.Day, c.st.loc.terms[termKey{"month-" + pad2(d.Month), "long", ""}].gender)
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
