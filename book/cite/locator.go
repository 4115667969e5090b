package cite

import "strings"

// locatorOnly is what a cite marked LocatorOnly prints in place of the
// style's whole cite: its locator with the locale's short term for it,
// "ch. 5" or "p. 23" ("chap. 5" in French). The citation's layout around
// it (brackets, the delimiter between cites, a note's closing period)
// stays the style's.
func (c *ctx) locatorOnly() *blob {
	label := locLabel(c.item)
	format := ""
	if label == "page" {
		format = c.st.root.pageRangeFormat
	}
	loc := c.item.Locator
	and := c.term("and", "", false)
	plural := isPlural(loc) || and != "" && strings.Contains(loc, " "+and+" ")
	num := leaf(c.numberList(loc, format))
	term := c.term(label, "short", plural)
	if term == "" {
		return num
	}
	// a term, so that a note starting with it is capitalised: "Ch. 5."
	return &blob{kids: []*blob{{text: term, role: "term"}, num}, delim: " "}
}

// Locator is an item's locator with the locale's short term for it, as
// the style names it ("ch. 5", "chap. 5", "p. 23"), outside any
// citation's layout: no brackets, and in a note style neither the
// capital nor the period that open and close a note. A page that gives
// places in the work studied in one form whatever the style (the
// quotation index) sets it; nil for an unknown key or no locator.
func (p *Processor) Locator(it Item) Text {
	r := p.byID[it.Key]
	if r == nil || it.Locator == "" {
		return nil
	}
	return p.st.toText(p.newCtx(r, &it, p.st.citation).locatorOnly())
}
