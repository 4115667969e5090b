package book

import (
	"strings"

	"github.com/companion-dev/companion/book/diag"
)

// Coverage returns the curriculum maps Open counted coverage on (see
// Mappings), or nil when errors came first: a standard that does not
// resolve would only count as unserved.
func (b *Book) Coverage() []*Mapping {
	if !b.counted {
		return nil
	}
	return b.Mappings()
}

// ThemeCoverage returns where the companion tags each theme (see
// ThemeUses), or nil when errors came first.
func (b *Book) ThemeCoverage() []*ThemeUse {
	if !b.counted {
		return nil
	}
	return b.ThemeUses()
}

// Unserved returns the selected standards no question serves, in framework
// order.
func (m *Mapping) Unserved() []*Standard {
	var out []*Standard
	for _, r := range m.Rows {
		if !r.Served() {
			out = append(out, r.Standard)
		}
	}
	return out
}

// coverage reports, for each selected framework, the standards no question
// serves: a warning (an error when strict) at the framework's place in
// companion.yaml, since a class works through the questions.
func coverage(b *Book, strict bool) diag.List {
	var d diag.List
	for _, m := range b.Mappings() {
		unserved := m.Unserved()
		if len(unserved) == 0 {
			continue
		}
		codes := make([]string, len(unserved))
		for i, s := range unserved {
			codes[i] = s.Code
		}
		f := m.Selection.Framework
		report := d.Warnf
		if strict {
			report = d.Errorf
		}
		report(m.Selection.Pos, "%s: %d of %d selected standards are served by no question: %s", f.ID, len(unserved), len(m.Rows), strings.Join(codes, ", "))
		d.Hintf("add questions that serve them, or narrow the selection in companion.yaml: frameworks: [{id: %s, standards: [...]}]", f.ID)
	}
	return d
}
