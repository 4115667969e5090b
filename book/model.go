// Package book is companion's model of a study companion and the one place
// that reads a project: Open turns a project folder (companion.yaml, chapter
// files, references, curricula) into a *Book whose every value remembers its
// file, line and column, checked against the rules of the project format,
// with every problem found. Layouts only ever see an opened Book: they never
// read the disk or the project's YAML themselves.
package book

import (
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/labels"
	"github.com/companion-dev/companion/book/svg"
)

// Book is a whole companion: its manifest, its chapters in reading order, and
// everything they refer to.
//
// A Book is read-only once Open returns it: every layout, edition and
// chapter renders from the same Book at once, so no reader may change a
// field, or a slice, map or value it points to. The methods return fresh
// slices (WorksCited, AllQuotes, Mappings) that callers may keep.
type Book struct {
	Title    string
	Subtitle string
	Work     string // the reference key of the work studied
	Authors  []Person
	Language string // BCP 47
	// Labels are the words the layouts print, in the book's language: the
	// language's built-in table with the project's own labels over it.
	Labels      *labels.Table
	Identifier  string // stable: given, or derived from title and work
	Publisher   string
	Date        string // publication date as written (YYYY, YYYY-MM or YYYY-MM-DD), may be empty
	Rights      string
	Description string
	Subjects    []string
	Cover       *Image // nil: layouts generate a typographic cover
	// Style is the built-in style the citations are in (the project's or
	// Options.Style), or the one a project's dependent style takes after;
	// "" for a project's own independent style.
	Style cite.Style
	// StyleTitle is the title of the style the citations follow, as its
	// cs:info gives it (a dependent style's own), which the colophons
	// credit; "" when it gives none.
	StyleTitle string
	Paper      string // "letter" or "a4"; unset, the language's (PaperFor)
	// NotesArea ends a student handout's last page in ruled lines under
	// a Notes label, where three lines at least fit in what it leaves
	// (pdf.notes-area; true unless the project says false).
	NotesArea bool
	// WorkCitations is how a chapter cites the work studied once it has
	// cited it in full: WorkCitationsFull again, or WorkCitationsShort,
	// by the locator alone ("(ch. 5)").
	WorkCitations string

	WorkParts []*WorkPart
	// Contents is the reading order as the table of contents shows it: each
	// entry is a chapter on its own or a part grouping chapters.
	Contents []*Entry
	// Chapters is every chapter in reading order, parts flattened.
	Chapters []*Chapter

	References []*cite.Reference // every reference in the project file, in file order
	// Frameworks are the curriculum frameworks the mapping matrix shows, in
	// manifest order (or, by default, every framework a chapter or question uses).
	Frameworks []*Selection

	Images map[string]*Image // every image the project uses, by project path

	// The teacher's toolkit (toolkit.go), each in its file's order; the
	// timeline in story order.
	Themes     []*Theme
	Characters []*Character
	Timeline   []*Event
	Rubrics    []*Rubric   // by file name
	Schedules  []*Schedule // by file name

	// available holds every framework the project could use, by id, for
	// check to resolve against: the built-in ones (each parsed once, when
	// first asked for, and shared by every book of the process) and the
	// project's curricula/*.yaml.
	available frameworks
	// csl is the citations' style compiled over their locale; nil when
	// the style could not be read (the book then has errors)
	csl *cite.CSL

	// citer formats citations and the works cited; set by check.
	citer *citer
	// chapterCites are each chapter's Citations, by chapter number - 1,
	// formatted on first use; set by check with citer.
	chapterCites []chapterCites
	// counted is set when Open counted coverage (no errors came first).
	counted bool
	// selected is the manifest's frameworks key as written; nil when absent.
	selected []frameworkSel
	// unread are the files the loader could not read, which check does
	// not look into.
	unread unreadFiles

	ManifestPos diag.Pos
	workPos     diag.Pos // where companion.yaml names the work
	datePos     diag.Pos // where companion.yaml gives the date
}

// The values of the manifest's work-citations.
const (
	WorkCitationsFull  = "full"
	WorkCitationsShort = "short"
)

// Person is an author of the companion.
type Person struct {
	Name string
	Role string // optional: "editor", "illustrator"… (default author)
	Pos  diag.Pos
}

// WorkPart is one division of the studied work (Part One, chapters 1–9),
// used to keep handouts free of spoilers.
type WorkPart struct {
	ID       string
	Title    string
	Chapters string // as written, e.g. "1-9"
	Pos      diag.Pos
}

// Entry is one line of the contents: a Chapter or a Part.
type Entry struct {
	Chapter *Chapter
	Part    *Part
}

// Part groups chapters in the table of contents.
type Part struct {
	Title    string
	Chapters []*Chapter
	Pos      diag.Pos
}

// Chapter is one Markdown file of the project.
type Chapter struct {
	Path      string // project path, e.g. chapters/03-hailsham.md
	ID        string
	Title     string
	Number    int   // 1-based position in reading order
	Part      *Part // nil when the chapter stands on its own
	Covers    []*WorkPart
	Standards []*StandardRef
	Quotes    []*Quote
	Questions []*Question
	// Vocabulary is the chapter's terms, in front-matter order.
	Vocabulary []*Term
	Themes     []*Theme
	// Body is the chapter's text as written, teacher-only blocks included;
	// a layout prints Body.Edition(teacher).
	Body *Markdown

	Pos       diag.Pos // where the chapter is listed in companion.yaml
	idPos     diag.Pos // where its id is given: the front matter's id:, or the file
	coverRefs []ref
	themeRefs []ref
	anchors   map[string]bool // every id a link may name with #, see anchors
	// teacherAnchors are the anchors only the teacher edition has: the
	// headings inside teacher-only text.
	teacherAnchors map[string]bool
}

// anchors are the ids of a chapter's document that a link's #fragment may
// name: its headings', its quotations' (quote-ID) and its questions'
// (question-ID), and the document's own parts (ReservedIDs).
func anchors(c *Chapter) map[string]bool {
	ids := map[string]bool{}
	for _, id := range ReservedIDs {
		ids[id] = true
	}
	for _, q := range c.Quotes {
		ids["quote-"+q.ID] = true
	}
	for _, q := range c.Questions {
		ids["question-"+q.ID] = true
	}
	if c.Body != nil {
		for _, h := range c.Body.Doc.Headings() {
			ids[h.ID] = true
		}
	}
	return ids
}

// teacherOnlyAnchors are the ids of the headings in a chapter's
// teacher-only text.
func teacherOnlyAnchors(c *Chapter) map[string]bool {
	if c.Body == nil || c.Body.Edition(false) == c.Body {
		return nil
	}
	ids := map[string]bool{}
	for _, h := range c.Body.Doc.Headings() {
		ids[h.ID] = true
	}
	for _, h := range c.Body.Edition(false).Doc.Headings() {
		delete(ids, h.ID)
	}
	return ids
}

// HasAnchor reports whether a link may point at #id in the chapter.
func (c *Chapter) HasAnchor(id string) bool { return c.anchors[id] }

// Sections are the chapter's level-2 headings, which the contents lists.
func (c *Chapter) Sections() []*doc.Heading {
	if c.Body == nil {
		return nil
	}
	return c.Body.Doc.Sections()
}

// SectionsFor are the sections of the chapter in one edition: the
// student edition has none of the teacher-only text's.
func (c *Chapter) SectionsFor(teacher bool) []*doc.Heading {
	if c.Body == nil {
		return nil
	}
	return c.Body.Edition(teacher).Doc.Sections()
}

// TeacherOnlyAnchor reports whether #id names a heading of the chapter's
// teacher-only text, which the student edition does not have.
func (c *Chapter) TeacherOnlyAnchor(id string) bool { return c.teacherAnchors[id] }

// Quote is a quotation of the studied work (or another source) with its
// citation.
type Quote struct {
	ID       string
	Text     string
	Speaker  string
	Cite     []cite.Item // parsed from the cite field
	CiteText string      // the cite field as written
	Verified bool
	Themes   []*Theme
	Chapter  *Chapter
	Pos      diag.Pos
	CitePos  diag.Pos

	textPos   diag.Pos // where the text is written
	themeRefs []ref
}

// Question is a discussion question of a chapter.
type Question struct {
	ID     string
	Prompt *Markdown // inline Markdown
	Type   string    // comprehension | inferential | analytical | evaluative | creative | personal
	Bloom  string    // remember | understand | apply | analyze | evaluate | create
	Phase  string    // pre | during | post | essay
	// Exam is the exam style a prompt is written in, as printed
	// ("GCSE-style"): a quiet tag in both editions; empty when none.
	Exam      string
	Lines     int // answer lines on a handout
	Standards []*StandardRef
	Quotes    []*Quote
	Guidance  *Markdown // teacher edition only; nil when absent
	Themes    []*Theme
	Rubric    *Rubric // the rubric that marks it; nil when it names none

	// How students answer, for the learning platforms (see answers.go).
	// Only the fields of Format are set.
	Format  string    // open (the default) | multiple-choice | true-false | short-answer
	Points  float64   // the question's worth in a platform's gradebook; 0 when not given
	Answer  *Markdown // open: a model answer for the key; nil when absent
	Choices []*Choice // multiple-choice: at least two, one or more correct
	True    bool      // true-false: whether the statement is true
	Accept  []string  // short-answer: every answer accepted, as a student types it

	Chapter   *Chapter
	Number    int // 1-based within its chapter
	Pos       diag.Pos
	quoteRefs []ref
	themeRefs []ref
	rubricRef ref
	acceptPos []diag.Pos // where each of Accept is written
}

// The answer formats of a question.
const (
	AnswerOpen           = "open"
	AnswerMultipleChoice = "multiple-choice"
	AnswerTrueFalse      = "true-false"
	AnswerShort          = "short-answer"
)

// Choice is one choice of a multiple-choice question.
type Choice struct {
	Text     *Markdown // inline Markdown
	Correct  bool
	Feedback *Markdown // shown to a student who picks it; nil when absent
	Pos      diag.Pos
}

// HasAnswer reports whether an answer key has something to give for the
// question: its choices, true or false, the answers it accepts, or a model
// answer.
func (q *Question) HasAnswer() bool {
	switch q.Format {
	case AnswerMultipleChoice, AnswerTrueFalse:
		return true
	case AnswerShort:
		return len(q.Accept) > 0
	}
	return q.Answer != nil
}

// CorrectChoices counts the question's correct choices.
func (q *Question) CorrectChoices() int {
	n := 0
	for _, c := range q.Choices {
		if c.Correct {
			n++
		}
	}
	return n
}

// StandardRef is a FRAMEWORK:CODE reference, resolved by Open.
type StandardRef struct {
	Framework string
	Code      string
	Standard  *Standard // set by Open
	Pos       diag.Pos
}

func (r *StandardRef) String() string { return r.Framework + ":" + r.Code }

// Label is the standard as readers see it: its own label where the
// framework gives one ("IB concept: identity"), else the framework's
// label and the code ("GCSE AO1"), never the id a project writes
// ("uk-gcse:AO1").
func (r *StandardRef) Label() string {
	if r.Standard == nil {
		return r.Framework + " " + r.Code
	}
	if r.Standard.Label != "" {
		return r.Standard.Label
	}
	return r.Standard.Framework.Label() + " " + r.Code
}

// Framework is a curriculum framework: built in or from curricula/*.yaml.
type Framework struct {
	ID        string
	Title     string
	Short     string // short label for table headings; falls back to Title
	URL       string
	Source    string
	Notice    string
	Standards []*Standard
	Builtin   bool
	Pos       diag.Pos
}

// Label is the framework's short name.
func (f *Framework) Label() string {
	if f.Short != "" {
		return f.Short
	}
	return f.Title
}

// Standard is one outcome of a framework.
type Standard struct {
	Framework *Framework
	Code      string
	Group     string
	Grades    string
	Text      string
	URL       string
	// Label names the standard beside a question where the framework's
	// short name and the code would not read as one ("IB concept:
	// identity", not "IB Literature identity"); empty: those two.
	Label string
	Pos   diag.Pos
}

// Ref returns the standard as FRAMEWORK:CODE.
func (s *Standard) Ref() string { return s.Framework.ID + ":" + s.Code }

// DisplayCode is the standard as a curriculum map heads its row: its
// code ("RL.11-12.1", "AO2"), or its label where the code is only an id a
// project writes, not a code teachers know: one without a number, as the
// IB's areas of exploration and concepts have ("readers-writers-texts"
// prints as "IB area of exploration: readers, writers and texts").
func (s *Standard) DisplayCode() string {
	if s.Label != "" && !strings.ContainsAny(s.Code, "0123456789") {
		return s.Label
	}
	return s.Code
}

// Selection is a framework as the manifest selects it: all of its standards,
// or the listed ones.
type Selection struct {
	Framework *Framework
	Standards []*Standard // the selected standards, in framework order
	Pos       diag.Pos
}

// Image is an image file of the project, read in full and within the
// pixel budget (MaxImagePixels).
type Image struct {
	Path string
	// Data is the file; for an SVG, the checked drawing's safe bytes
	// (svg.Image.Data).
	Data      []byte
	MediaType string // image/png, image/jpeg or image/svg+xml
	Width     int    // pixels (PNG, JPEG) or user units (SVG); 0 if unknown
	Height    int
	SVG       *svg.Image // the drawing, for image/svg+xml
}

// Cite formats an in-text citation in the book's citation style.
func (b *Book) Cite(items []cite.Item) cite.Text { return b.citer.Cite(items) }

// Locator is the place a cite gives, its locator and the locale's short
// term as the style names it ("ch. 5"), without the citation around it:
// the same form in every style, a note style's too (cite.Processor.Locator).
func (b *Book) Locator(it cite.Item) cite.Text { return b.citer.Locator(it) }

// WorksCited returns the works cited: every cited work and the work studied,
// formatted and sorted in the book's style.
func (b *Book) WorksCited() []cite.Entry { return b.citer.WorksCited() }

// WorksCitedIn returns the works chapter c cites in the teacher's or the
// students' edition, as WorksCited formats them, for a handout that ends
// with its own works cited; none when it cites none.
func (b *Book) WorksCitedIn(c *Chapter, teacher bool) []cite.Entry {
	return b.citer.WorksCitedOf(b.Citations(c, teacher).works)
}

// WorksCitedOptions are how the book's style sets its works cited:
// hanging indents, a numbered style's column, the space between entries.
func (b *Book) WorksCitedOptions() cite.BibliographyOptions { return b.citer.BibliographyOptions() }

// WorkEntry is the works-cited entry of the work studied standing alone:
// in full, never as the "---" that follows another work by the same author
// in the works cited. ok is false when the style gives none.
func (b *Book) WorkEntry() (cite.Entry, bool) { return b.citer.Entry(b.Work) }

// Edition is the work studied's entry on one line, as a footer or a
// colophon names the edition the book quotes: without a numbered style's
// number, which means nothing there, and with the parts a style displays
// apart run together. ok is false when the style gives none.
func (b *Book) Edition() (cite.Text, bool) {
	e, ok := b.WorkEntry()
	if !ok {
		return nil, false
	}
	if e.Blocks != nil {
		return e.Line(), true
	}
	return e.Text, true
}

// WorksCitedHeading is the heading of the works cited in the book's
// language: "Works cited" in MLA style, References in the others.
func (b *Book) WorksCitedHeading() string {
	if b.Style == cite.MLA {
		return b.Labels.Get("works-cited")
	}
	return b.Labels.Get("references")
}

// HandoutWorksCitedHeading is the heading of a handout's own works cited
// (WorksCitedIn), as WorksCitedHeading words the book's: "Works cited in
// this handout" in MLA style, "References in this handout" in the others.
func (b *Book) HandoutWorksCitedHeading() string {
	if b.Style == cite.MLA {
		return b.Labels.Get("works-cited-in-handout")
	}
	return b.Labels.Get("references-in-handout")
}

// WorkReference returns the reference of the work studied.
func (b *Book) WorkReference() *cite.Reference {
	for _, r := range b.References {
		if r.ID == b.Work {
			return r
		}
	}
	return nil
}

// AllQuotes returns every quote in reading order.
func (b *Book) AllQuotes() []*Quote {
	var out []*Quote
	for _, c := range b.Chapters {
		out = append(out, c.Quotes...)
	}
	return out
}

// Slug is the base name of output files, derived from the title.
func (b *Book) Slug() string { return Slugify(b.Title) }

// ref is a reference by id to something checked later.
type ref struct {
	id  string
	pos diag.Pos
}
