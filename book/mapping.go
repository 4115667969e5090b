package book

// Mapping is the curriculum map of one selected framework: for each selected
// standard, the chapters and questions that serve it.
type Mapping struct {
	Selection *Selection
	Rows      []*MappingRow
}

// MappingRow is one standard and where the companion serves it.
type MappingRow struct {
	Standard *Standard
	// Chapters serve the standard through their notes (front matter
	// standards) or through at least one of their questions.
	Chapters  []*Chapter
	Questions []*Question // in reading order
}

// Served reports whether any question serves the standard; coverage counts
// questions, since a question is what a class actually does.
func (r *MappingRow) Served() bool { return len(r.Questions) > 0 }

// ServesChapter reports whether the chapter serves the standard.
func (r *MappingRow) ServesChapter(c *Chapter) bool {
	for _, x := range r.Chapters {
		if x == c {
			return true
		}
	}
	return false
}

// Mappings returns the curriculum map of each selected framework, in the
// order of b.Frameworks. It needs a checked book (standards resolved).
func (b *Book) Mappings() []*Mapping {
	var out []*Mapping
	for _, sel := range b.Frameworks {
		m := &Mapping{Selection: sel}
		for _, s := range sel.Standards {
			row := &MappingRow{Standard: s}
			for _, c := range b.Chapters {
				serves := false
				for _, r := range c.Standards {
					serves = serves || r.Standard == s
				}
				for _, q := range c.Questions {
					for _, r := range q.Standards {
						if r.Standard == s {
							row.Questions = append(row.Questions, q)
							serves = true
							break
						}
					}
				}
				if serves {
					row.Chapters = append(row.Chapters, c)
				}
			}
			m.Rows = append(m.Rows, row)
		}
		out = append(out, m)
	}
	return out
}
