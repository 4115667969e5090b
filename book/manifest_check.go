package book

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/companion-dev/companion/book/diag"
)

// A flow list, subjects: [Ishiguro, Kazuo. Never Let Me Go, …], splits a
// catalogue heading at its comma, and EPUB readers, library catalogues
// and the PDF's keywords then index "Ishiguro" and "Kazuo. Never Let Me
// Go" apart. A single word followed by an entry that starts with one
// capitalised word and a full stop is such a split: a surname and the
// given name or initial after it.
var (
	oneWordRE  = regexp.MustCompile(`^\p{Lu}[\p{L}'’-]*$`)
	givenDotRE = regexp.MustCompile(`^\p{Lu}[\p{L}'’-]*\.(?:\s|$)`)
)

// splitSubjects warns at each subject of a flow list that YAML's comma
// cut from the entry after it.
func splitSubjects(d *diag.List, subjects []string, at []diag.Pos) {
	for i := 0; i+1 < len(subjects); i++ {
		if oneWordRE.MatchString(subjects[i]) && givenDotRE.MatchString(subjects[i+1]) {
			whole := subjects[i] + ", " + subjects[i+1]
			d.Warnf(at[i], "the subjects %q and %q read as one entry, %q, that the comma of the [list] split in two", subjects[i], subjects[i+1], whole)
			d.Hintf("quote it, subjects: [%q, …], or list the subjects one a line", whole)
			i++
		}
	}
}

// accessDates warns where a reference was accessed after the companion's
// date: a works cited entry that says "Accessed 1 Dec. 2026" in a book
// dated 21 November 2026 tells a reader that one of them is wrong.
func (c *checker) accessDates() {
	b := c.book
	if b.Date == "" {
		return
	}
	published := dateParts(b.Date)
	for _, r := range b.References {
		if r.Accessed.Year == 0 {
			continue
		}
		accessed := []int{r.Accessed.Year, r.Accessed.Month, r.Accessed.Day}
		if !later(accessed, published) {
			continue
		}
		pos, ok := r.FieldPos["accessed"]
		if !ok {
			pos = r.Pos
		}
		c.diags.Warnf(pos, "%s was accessed on %s, after the companion's date, %s", r.ID, dateString(accessed), b.Date)
		c.diags.Hintf("give the date the page was read, on or before the date in companion.yaml (%s), or move that date on", b.datePos)
	}
}

// dateParts reads YYYY, YYYY-MM or YYYY-MM-DD (checked by the loader) as
// year, month and day, 0 for a part not given.
func dateParts(s string) []int {
	out := make([]int, 3)
	for i, p := range strings.SplitN(s, "-", 3) {
		fmt.Sscan(p, &out[i])
	}
	return out
}

// later reports whether date a is after date b, compared as far as both
// give their parts: 2026-11-25 is not after 2026-11.
func later(a, b []int) bool {
	for i := range 3 {
		if a[i] == 0 || b[i] == 0 {
			return false
		}
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

// dateString prints a date as ISO 8601 does, as far as it is given.
func dateString(d []int) string {
	s := fmt.Sprintf("%04d", d[0])
	for _, p := range d[1:] {
		if p == 0 {
			break
		}
		s += fmt.Sprintf("-%02d", p)
	}
	return s
}
