package toolkit

import (
	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The sections of the back matter, by name. The EPUB and the site name a
// section's file after it (glossary.xhtml, glossary.html); the first six
// are the toolkit's documents, which Writer writes.
const (
	Glossary       = "glossary"
	Characters     = "characters"
	Timeline       = "timeline"
	ThemeTracker   = "theme-tracker"
	Rubrics        = "rubrics"
	Pacing         = "pacing"
	AnswerKey      = "answer-key"
	CurriculumMap  = "curriculum-map"
	QuotationIndex = "quotation-index"
	WorksCited     = "works-cited"
)

// Section is one section of an edition's back matter: its name, its
// title and what it gives away of the work.
type Section struct {
	Name, Title string
	// Covers says, as a handout says which parts it covers, that the
	// section follows the story to its end (the characters, the
	// timeline), for its page's top and its line in the contents: a
	// reader halfway through is one tap from the ending. "" for the
	// others, and in a book that names no parts, whose handouts say
	// nothing of the kind either.
	Covers string
}

// Toolkit reports whether the section is one of the toolkit's documents,
// which Writer writes; the others are xhtml.Pages' in HTML.
func (s Section) Toolkit() bool {
	switch s.Name {
	case Glossary, Characters, Timeline, ThemeTracker, Rubrics, Pacing:
		return true
	}
	return false
}

// sections are every section an edition's back matter may have, in the
// order every format sets them (EPUB, site, PDF packet). The student
// edition's are in the teacher's order too, so that a section is as far
// along in either; the teacher's own go between the toolkit the students
// share and the quotation index.
var sections = []struct {
	name string
	// key is the label of its title, teacherKey the teacher edition's
	// where it differs; the works cited are headed in the citation
	// style's words (book.WorksCitedHeading).
	key, teacherKey string
	teacherOnly     bool
	// has reports whether the book has what the section lists.
	has func(*book.Book) bool
}{
	{Glossary, "glossary", "vocabulary-by-chapter", false, func(b *book.Book) bool { return len(b.Vocabulary()) > 0 }},
	{Characters, "characters", "", false, func(b *book.Book) bool { return len(b.Characters) > 0 }},
	{Timeline, "timeline", "", false, func(b *book.Book) bool { return len(b.Timeline) > 0 }},
	{ThemeTracker, "theme-tracker", "", true, func(b *book.Book) bool { return len(b.Themes) > 0 }},
	{Rubrics, "rubrics", "", true, func(b *book.Book) bool { return len(b.Rubrics) > 0 }},
	{Pacing, "pacing-calendars", "", true, func(b *book.Book) bool { return len(b.Schedules) > 0 }},
	// when a question has an answer to give
	{AnswerKey, "answer-key", "", true, func(b *book.Book) bool { return len(xhtml.KeyedChapters(b)) > 0 }},
	// the map is the teacher's in every format
	{CurriculumMap, "curriculum-map", "", true, func(b *book.Book) bool { return len(b.Frameworks) > 0 }},
	{QuotationIndex, "quotation-index", "", false, func(b *book.Book) bool { return len(b.AllQuotes()) > 0 }},
	{WorksCited, "", "", false, func(b *book.Book) bool { return len(b.WorksCited()) > 0 }},
}

// BackMatter is what an edition ends with after its chapters, in order:
// each section only when the book has what it lists. Every format builds
// its back matter, and its contents' lines for it, from this list.
func BackMatter(b *book.Book, teacher bool) []Section {
	var out []Section
	for _, s := range sections {
		if (s.teacherOnly && !teacher) || !s.has(b) {
			continue
		}
		key := s.key
		if teacher && s.teacherKey != "" {
			key = s.teacherKey
		}
		sec := Section{Name: s.name}
		if key != "" {
			sec.Title = b.Labels.Get(key)
		} else {
			sec.Title = b.WorksCitedHeading()
		}
		if (s.name == Characters || s.name == Timeline) && len(b.WorkParts) > 0 {
			sec.Covers = b.Labels.Get("covers-whole")
		}
		out = append(out, sec)
	}
	return out
}
