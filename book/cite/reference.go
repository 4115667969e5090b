package cite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/companion-dev/companion/book/diag"
)

// Name is a person or organisation, with the CSL name parts.
type Name struct {
	Family, Given, DroppingParticle, NonDroppingParticle, Suffix, Literal string
}

// IsZero reports whether the name has no parts at all.
func (n Name) IsZero() bool { return n == Name{} }

// String gives the name in display order, "Vincent van Gogh", for messages.
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	return joinNonEmpty(" ", n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix)
}

// Date is a CSL date: year, month and day as far as known, or a literal
// that is printed as it is. Season (1-4: spring, summer, autumn, winter)
// stands in for a month; Circa marks an approximate date; End, if set, is
// the last date of a range.
type Date struct {
	Year, Month, Day int
	Literal          string
	Season           int
	Circa            bool
	End              *Date
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool {
	return d.Year == 0 && d.Month == 0 && d.Day == 0 && d.Literal == "" && d.Season == 0
}

// String gives the date as YYYY-MM-DD (as far as known) or its literal.
func (d Date) String() string {
	if d.Literal != "" {
		return d.Literal
	}
	s := fmt.Sprintf("%04d", d.Year)
	if d.Month > 0 {
		s += fmt.Sprintf("-%02d", d.Month)
		if d.Day > 0 {
			s += fmt.Sprintf("-%02d", d.Day)
		}
	}
	return s
}

// Reference is one entry of a bibliography, with CSL variables. Text
// fields may hold the markup CSL processors read: <i>…</i> for italics
// (Parse turns pandoc's *…* into it) and <span class="nocase">…</span> to
// protect words from title case; PlainText strips it.
type Reference struct {
	ID, Type string

	Title, TitleShort, ContainerTitle, ContainerTitleShort, CollectionTitle, CollectionNumber string
	Publisher, PublisherPlace, EventTitle, EventPlace                                         string
	Edition, Volume, Issue, Page, NumberOfPages, NumberOfVolumes, Number, Version, Section    string
	URL, DOI, ISBN, ISSN, Medium, Genre, Note, Language, Status, Source                       string
	Archive, ArchivePlace, ArchiveLocation, Abstract                                          string

	Author, Editor, Translator, Director, Interviewer, ContainerAuthor, CollectionEditor []Name
	Illustrator, Composer, Recipient, EditorialDirector, Performer, Producer, Host       []Name

	Issued, Accessed, OriginalDate, EventDate Date

	// Other holds any other CSL text variable, by its CSL name;
	// OtherNames any other name variable ("reviewed-author").
	Other      map[string]string
	OtherNames map[string][]Name

	Pos diag.Pos // where the entry starts in its file
	// FieldPos holds where each field's value starts, by CSL name.
	FieldPos map[string]diag.Pos
}

// textVars maps CSL text and number variables to their field.
var textVars = map[string]func(r *Reference) *string{
	"title":                 func(r *Reference) *string { return &r.Title },
	"title-short":           func(r *Reference) *string { return &r.TitleShort },
	"container-title":       func(r *Reference) *string { return &r.ContainerTitle },
	"container-title-short": func(r *Reference) *string { return &r.ContainerTitleShort },
	"collection-title":      func(r *Reference) *string { return &r.CollectionTitle },
	"collection-number":     func(r *Reference) *string { return &r.CollectionNumber },
	"publisher":             func(r *Reference) *string { return &r.Publisher },
	"publisher-place":       func(r *Reference) *string { return &r.PublisherPlace },
	"event-title":           func(r *Reference) *string { return &r.EventTitle },
	"event-place":           func(r *Reference) *string { return &r.EventPlace },
	"edition":               func(r *Reference) *string { return &r.Edition },
	"volume":                func(r *Reference) *string { return &r.Volume },
	"issue":                 func(r *Reference) *string { return &r.Issue },
	"page":                  func(r *Reference) *string { return &r.Page },
	"number-of-pages":       func(r *Reference) *string { return &r.NumberOfPages },
	"number-of-volumes":     func(r *Reference) *string { return &r.NumberOfVolumes },
	"number":                func(r *Reference) *string { return &r.Number },
	"version":               func(r *Reference) *string { return &r.Version },
	"section":               func(r *Reference) *string { return &r.Section },
	"URL":                   func(r *Reference) *string { return &r.URL },
	"DOI":                   func(r *Reference) *string { return &r.DOI },
	"ISBN":                  func(r *Reference) *string { return &r.ISBN },
	"ISSN":                  func(r *Reference) *string { return &r.ISSN },
	"medium":                func(r *Reference) *string { return &r.Medium },
	"genre":                 func(r *Reference) *string { return &r.Genre },
	"note":                  func(r *Reference) *string { return &r.Note },
	"language":              func(r *Reference) *string { return &r.Language },
	"status":                func(r *Reference) *string { return &r.Status },
	"source":                func(r *Reference) *string { return &r.Source },
	"archive":               func(r *Reference) *string { return &r.Archive },
	"archive-place":         func(r *Reference) *string { return &r.ArchivePlace },
	"archive_location":      func(r *Reference) *string { return &r.ArchiveLocation },
	"abstract":              func(r *Reference) *string { return &r.Abstract },
}

// otherTextVars are the remaining CSL 1.0.2 text and number variables, kept in Other.
var otherTextVars = []string{
	"annote", "archive_collection", "authority", "call-number", "chapter-number", "citation-key",
	"citation-label", "collection-title-short", "dimensions", "division", "event", "first-reference-note-number",
	"issue-title", "jurisdiction", "keyword", "locator", "original-publisher", "original-publisher-place",
	"original-title", "part", "part-title", "PMCID", "PMID", "printing", "references", "reviewed-genre",
	"reviewed-title", "scale", "supplement", "volume-title", "year-suffix", "number-of-volumes-short",
	"printing-number", "part-number", "supplement-number",
}

var nameVars = map[string]func(r *Reference) *[]Name{
	"author":             func(r *Reference) *[]Name { return &r.Author },
	"editor":             func(r *Reference) *[]Name { return &r.Editor },
	"translator":         func(r *Reference) *[]Name { return &r.Translator },
	"director":           func(r *Reference) *[]Name { return &r.Director },
	"interviewer":        func(r *Reference) *[]Name { return &r.Interviewer },
	"container-author":   func(r *Reference) *[]Name { return &r.ContainerAuthor },
	"collection-editor":  func(r *Reference) *[]Name { return &r.CollectionEditor },
	"illustrator":        func(r *Reference) *[]Name { return &r.Illustrator },
	"composer":           func(r *Reference) *[]Name { return &r.Composer },
	"recipient":          func(r *Reference) *[]Name { return &r.Recipient },
	"editorial-director": func(r *Reference) *[]Name { return &r.EditorialDirector },
	"performer":          func(r *Reference) *[]Name { return &r.Performer },
	"producer":           func(r *Reference) *[]Name { return &r.Producer },
	"host":               func(r *Reference) *[]Name { return &r.Host },
}

// otherNameVars are the remaining CSL name variables, kept in OtherNames.
var otherNameVars = []string{"chair", "compiler", "contributor", "curator", "executive-producer", "guest",
	"narrator", "organizer", "original-author", "reviewed-author", "script-writer", "series-creator", "author-short"}

var dateVars = map[string]func(r *Reference) *Date{
	"issued":        func(r *Reference) *Date { return &r.Issued },
	"accessed":      func(r *Reference) *Date { return &r.Accessed },
	"original-date": func(r *Reference) *Date { return &r.OriginalDate },
	"event-date":    func(r *Reference) *Date { return &r.EventDate },
}

var otherDateVars = []string{"available-date", "submitted"}

// Types lists the CSL item types Parse accepts.
var Types = []string{"article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
	"broadcast", "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
	"entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
	"manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
	"performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
	"review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"}

func (r *Reference) textVar(v string) string {
	if f, ok := textVars[v]; ok {
		return *f(r)
	}
	return r.Other[v]
}

func (r *Reference) namesVar(v string) []Name {
	if f, ok := nameVars[v]; ok {
		return *f(r)
	}
	return r.OtherNames[v]
}

func (r *Reference) dateVar(v string) *Date {
	if f, ok := dateVars[v]; ok {
		d := f(r)
		if d.IsZero() {
			return nil
		}
		return d
	}
	return nil
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

var markupRE = regexp.MustCompile(`</?(?:i|em|b|strong|sup|sub|sc|span)(?:\s[^>]*)?>`)

// PlainText strips CSL markup from a field value, for display outside a
// citation: PlainText(r.Title).
func PlainText(s string) string { return markupRE.ReplaceAllString(s, "") }
