package book

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/internal/yamlsrc"
	"github.com/companion-dev/companion/book/parallel"
)

// The teacher's toolkit: what a teacher writes once and companion places
// wherever it belongs. Vocabulary lives in a chapter's front matter; the
// themes, characters and timeline in a file each; rubrics and schedules in
// a folder each, one a file (book/FORMAT.md, section 7).

// Term is a word of a chapter's vocabulary.
type Term struct {
	Term         string
	PartOfSpeech string    // in the project's own words; may be empty
	Definition   *Markdown // inline Markdown
	Cite         []cite.Item
	CiteText     string // the cite field as written; empty when absent
	Chapter      *Chapter
	Pos          diag.Pos
	CitePos      diag.Pos
	// matches are the forms `matches:` gives, linked instead of the
	// term itself; unlinked is `match: false`, which links none.
	matches  []termForm
	unlinked bool
}

// termForm is a form of a term that a chapter's text links, where the
// vocabulary gives it.
type termForm struct {
	form string
	pos  diag.Pos
}

// Forms are the words of a chapter's text that link to the term's
// glossary entry, each matched whole and in any case: the forms its
// `matches:` lists (a noun's plural, say, where the singular is also an
// adjective), none with `match: false`, or else the term itself.
func (t *Term) Forms() []string {
	var out []string
	for _, f := range t.linkedForms() {
		out = append(out, f.form)
	}
	return out
}

// linkedForms are Forms with where each is written.
func (t *Term) linkedForms() []termForm {
	switch {
	case t.unlinked:
		return nil
	case t.matches != nil:
		return t.matches
	}
	return []termForm{{t.Term, t.Pos}}
}

// Theme is a theme of the work, which chapters, quotations and questions
// tag.
type Theme struct {
	ID          string
	Name        string
	Description string
	Pos         diag.Pos
}

// Character is a character of the work.
type Character struct {
	ID            string
	Name          string
	Description   string
	FirstAppears  int // the work chapter where the character first appears; 0 when not given
	Relationships []*Relationship
	Pos           diag.Pos
	firstPos      diag.Pos
}

// Relationship is how a character stands to another.
type Relationship struct {
	With     *Character // set by Open
	Relation string     // what With is to this character: "her closest friend"
	Pos      diag.Pos
	with     ref
	relPos   diag.Pos
}

// Event is one event of the story's timeline.
type Event struct {
	Event   *Markdown // inline Markdown, so a title can be in italics
	When    string    // a date or an age, as printed; may be empty
	Chapter int       // the work chapter that narrates it; 0 when not given
	Order   int       // its place in story order, when given; 0 keeps the file's
	Pos     diag.Pos
	chPos   diag.Pos
}

// Rubric is a marking rubric: criteria, each described at every level.
type Rubric struct {
	ID    string // the file name without .yaml
	Title string
	// Note says what the scheme is and is not ("points are not board
	// marks"), printed under the title; empty when there is none.
	Note     string
	Levels   []*Level // best first
	Criteria []*Criterion
	Path     string
	Pos      diag.Pos
}

// Level is one level of a rubric: its name and what it is worth, in
// points or as a band of marks, or nothing where the marks differ from
// criterion to criterion and each descriptor gives its own.
type Level struct {
	Name   string
	Points float64 // 0 when the rubric gives marks or no worth
	Marks  string  // a band as written ("9-12"); empty when it gives points
	Pos    diag.Pos
	scored bool // it gives points
}

// Worth is the level's points or mark band as printed; empty when it
// gives neither.
func (l *Level) Worth() string {
	switch {
	case l.Marks != "":
		return strings.Replace(strings.Join(strings.Fields(l.Marks), ""), "-", "–", 1)
	case l.scored:
		return strconv.FormatFloat(l.Points, 'f', -1, 64)
	}
	return ""
}

// Heading is the level as its column is headed, and as each criterion
// heads it where a scheme is set as a list: its name and its worth
// ("Level 6 (26–30)"), or its name alone when it gives none ("Band 5").
// A band of marks is the whole answer's, the criteria read together,
// and the same band heads the level on every criterion: printed on the
// first only, the others' levels read as unmarked and the first's as
// out of 30 alone (review13 #23).
func (l *Level) Heading() string {
	if w := l.Worth(); w != "" {
		return l.Name + " (" + w + ")"
	}
	return l.Name
}

// Criterion is one row of a rubric.
type Criterion struct {
	Name        string
	Standards   []*StandardRef
	Descriptors []*Markdown // one a level, in the order of the levels
	Pos         diag.Pos
}

// Schedule is a pacing calendar: the lessons of one plan.
type Schedule struct {
	ID      string // the file name without .yaml
	Title   string
	Lessons []*Lesson
	Path    string
	Pos     diag.Pos
}

// Lesson is one lesson of a schedule.
type Lesson struct {
	Number    int    // 1-based in its schedule
	Title     string // may be empty: layouts print "Lesson N"
	Read      string // the work chapters to read, as written ("1-3"); may be empty
	Chapters  []*Chapter
	Questions []*Question
	Pos       diag.Pos

	readPos      diag.Pos
	chapterRefs  []ref
	questionRefs []ref
}

// ReadRange is the work chapters to read as printed: spaces dropped and
// the range's hyphen an en dash ("1–3"); empty when none is given.
func (ls *Lesson) ReadRange() string {
	return strings.Replace(strings.Join(strings.Fields(ls.Read), ""), "-", "–", 1)
}

// The toolkit's files.
const (
	ThemesFile     = "themes.yaml"
	CharactersFile = "characters.yaml"
	TimelineFile   = "timeline.yaml"
	RubricsDir     = "rubrics"
	SchedulesDir   = "schedules"
)

// toolkit reads the project's themes, characters, timeline, rubrics and
// schedules, each file when it exists.
func (l *loader) toolkit() {
	b := l.book
	rubrics, schedules := l.folderFiles(RubricsDir), l.folderFiles(SchedulesDir)
	var names []string
	for _, n := range []string{ThemesFile, CharactersFile, TimelineFile} {
		if _, err := fs.Stat(l.fsys, n); err == nil {
			names = append(names, n)
		}
	}
	files := l.parseToolkit(append(append(names, rubrics...), schedules...))
	l.listFile(files[ThemesFile], "themes.yaml", func(d *decoder, it *yaml.Node) {
		t := &Theme{Pos: d.pos(it)}
		d.mapping(it, "a theme",
			field{"id", true, func(v *yaml.Node) { d.str(v, "id", &t.ID); t.Pos = d.pos(v) }},
			field{"name", true, func(v *yaml.Node) { d.text(v, "name", &t.Name) }},
			field{"description", false, func(v *yaml.Node) { d.text(v, "description", &t.Description) }},
		)
		if t.ID != "" {
			b.Themes = append(b.Themes, t)
		}
	})
	l.listFile(files[CharactersFile], "characters.yaml", func(d *decoder, it *yaml.Node) {
		ch := &Character{Pos: d.pos(it)}
		d.mapping(it, "a character",
			field{"id", true, func(v *yaml.Node) { d.str(v, "id", &ch.ID); ch.Pos = d.pos(v) }},
			field{"name", true, func(v *yaml.Node) { d.text(v, "name", &ch.Name) }},
			field{"description", false, func(v *yaml.Node) { d.text(v, "description", &ch.Description) }},
			field{"first-appears", false, func(v *yaml.Node) {
				d.integer(v, "first-appears", 1, maxWorkChapter, &ch.FirstAppears)
				ch.firstPos = d.pos(v)
			}},
			field{"relationships", false, func(v *yaml.Node) {
				d.list(v, "relationships", func(it *yaml.Node) {
					r := &Relationship{Pos: d.pos(it)}
					d.mapping(it, "a relationship",
						field{"with", true, func(v *yaml.Node) { d.str(v, "with", &r.with.id); r.with.pos = d.pos(v) }},
						field{"relation", true, func(v *yaml.Node) { d.text(v, "relation", &r.Relation); r.relPos = d.pos(v) }},
					)
					if r.with.id != "" {
						ch.Relationships = append(ch.Relationships, r)
					}
				})
			}},
		)
		if ch.ID != "" {
			b.Characters = append(b.Characters, ch)
		}
	})
	l.listFile(files[TimelineFile], "timeline.yaml", func(d *decoder, it *yaml.Node) {
		e := &Event{Pos: d.pos(it)}
		d.mapping(it, "an event",
			field{"event", true, func(v *yaml.Node) {
				var s string
				d.text(v, "event", &s)
				if strings.TrimSpace(s) != "" {
					e.Event = d.markdown(v, s)
				}
			}},
			field{"when", false, func(v *yaml.Node) { d.text(v, "when", &e.When) }},
			field{"chapter", false, func(v *yaml.Node) {
				d.integer(v, "chapter", 1, maxWorkChapter, &e.Chapter)
				e.chPos = d.pos(v)
			}},
			field{"order", false, func(v *yaml.Node) { d.integer(v, "order", 1, 1_000_000, &e.Order) }},
		)
		if e.Event != nil {
			l.parseLater(e.Event)
			b.Timeline = append(b.Timeline, e)
		}
	})
	// Story order: the file's, or the events' order: (check reports an
	// event without one when others have it).
	slices.SortStableFunc(b.Timeline, func(x, y *Event) int { return x.Order - y.Order })
	for _, name := range rubrics {
		if r := l.rubric(files[name]); r != nil {
			b.Rubrics = append(b.Rubrics, r)
		}
	}
	for _, name := range schedules {
		if s := l.schedule(files[name]); s != nil {
			b.Schedules = append(b.Schedules, s)
		}
	}
}

// maxWorkChapter bounds a work chapter number: far above any novel's.
const maxWorkChapter = 9999

// listFile reads a file that is a list, calling each for every item;
// a file that is absent (nil) is no list.
func (l *loader) listFile(f *parsedFile, what string, each func(d *decoder, it *yaml.Node)) {
	if f == nil {
		return
	}
	root, d := l.toolkitFile(f)
	if root == nil {
		return
	}
	if root.Kind != yaml.SequenceNode {
		l.diags.Errorf(d.pos(root), "%s must be a list, one item a `- ` line, not %s", what, yamlsrc.Describe(root))
		l.diags.Hintf("book/FORMAT.md, section 7, shows one")
		l.book.unread.toolkit = append(l.book.unread.toolkit, f.name)
		return
	}
	d.list(root, what, func(it *yaml.Node) { each(d, it) })
}

// toolkitFile is one file of the toolkit, parsed. root is nil when it is
// empty or cannot be read, which is then recorded, so that check does not
// report references into it.
func (l *loader) toolkitFile(f *parsedFile) (*yaml.Node, *decoder) {
	d := &decoder{file: f.name, diags: &l.diags}
	if !f.read {
		l.book.unread.toolkit = append(l.book.unread.toolkit, f.name)
		return nil, d
	}
	root, parsed := d.parsed(f.data, f.root, f.errs)
	if !parsed {
		l.book.unread.toolkit = append(l.book.unread.toolkit, f.name)
		return nil, d
	}
	return root, d
}

// parsedFile is a file read and its YAML parsed, waiting to be decoded.
type parsedFile struct {
	name string
	data []byte
	read bool // false when the file could not be read (an error says why)
	root *yaml.Node
	errs []yamlsrc.Error
}

// parseToolkit reads the toolkit's files, in order, and parses them at
// once on every core: decoded one by one, as toolkit does, their YAML
// was a tenth of a check's time on one core. A toolkit is a few small
// files, so their trees are held together.
func (l *loader) parseToolkit(names []string) map[string]*parsedFile {
	files := make([]parsedFile, len(names))
	for i, n := range names {
		files[i].name = n
		files[i].data, files[i].read = l.readText(n, diag.Pos{File: n})
	}
	parallel.ForEach(context.Background(), len(files), func(i int) error {
		if files[i].read {
			files[i].root, files[i].errs = yamlsrc.Parse(files[i].data, 1)
		}
		return nil
	})
	out := make(map[string]*parsedFile, len(names))
	for i, n := range names {
		out[n] = &files[i]
	}
	return out
}

// folderFiles are the YAML files of a folder of the project, sorted.
func (l *loader) folderFiles(dir string) []string {
	names, _ := fs.Glob(l.fsys, dir+"/*.yaml")
	yml, _ := fs.Glob(l.fsys, dir+"/*.yml")
	names = append(names, yml...)
	slices.Sort(names)
	return names
}

// fileID is the id a rubric or schedule takes from its file name.
func fileID(name string) string {
	return strings.TrimSuffix(path.Base(name), path.Ext(name))
}

func (l *loader) rubric(f *parsedFile) *Rubric {
	name := f.name
	root, d := l.toolkitFile(f)
	if root == nil {
		return nil
	}
	r := &Rubric{ID: fileID(name), Path: name, Pos: diag.Pos{File: name, Line: 1, Col: 1}}
	d.mapping(root, "a rubric",
		field{"title", true, func(v *yaml.Node) { d.text(v, "title", &r.Title) }},
		field{"note", false, func(v *yaml.Node) { d.text(v, "note", &r.Note) }},
		field{"levels", true, func(v *yaml.Node) {
			d.list(v, "levels", func(it *yaml.Node) {
				lv := &Level{Pos: d.pos(it)}
				d.mapping(it, "a level",
					field{"name", true, func(v *yaml.Node) { d.text(v, "name", &lv.Name) }},
					field{"points", false, func(v *yaml.Node) { d.worth(v, &lv.Points); lv.scored = true }},
					field{"marks", false, func(v *yaml.Node) {
						d.str(v, "marks", &lv.Marks)
						if lv.Marks != "" && !chapterRangeRE.MatchString(lv.Marks) {
							d.diags.Errorf(d.pos(v), "marks %q is not a mark or a band of marks", lv.Marks)
							d.diags.Hintf("write a number or a band, e.g. `marks: 9-12`")
						}
					}},
				)
				if lv.Name != "" {
					r.Levels = append(r.Levels, lv)
				}
			})
		}},
		field{"criteria", true, func(v *yaml.Node) {
			d.list(v, "criteria", func(it *yaml.Node) {
				c := &Criterion{Pos: d.pos(it)}
				d.mapping(it, "a criterion",
					field{"name", true, func(v *yaml.Node) { d.text(v, "name", &c.Name) }},
					field{"standards", false, func(v *yaml.Node) { c.Standards = l.standardRefs(d, v) }},
					field{"descriptors", true, func(v *yaml.Node) {
						d.list(v, "descriptors", func(it *yaml.Node) {
							var s string
							d.text(it, "a descriptor", &s)
							m := d.markdown(it, s)
							c.Descriptors = append(c.Descriptors, m)
							l.parseLater(m)
						})
					}},
				)
				if c.Name != "" {
					r.Criteria = append(r.Criteria, c)
				}
			})
		}},
	)
	return r
}

// worth decodes a level's points: a number from 0 up, whole or not.
func (d *decoder) worth(n *yaml.Node, dst *float64) {
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
		d.diags.Errorf(d.pos(n), "points must be a number, not %s", yamlsrc.Describe(n))
		d.diags.Hintf("write e.g. `points: 4`; for a band of marks, write `marks: 9-12` instead")
		return
	}
	if v < 0 || v > MaxPoints {
		d.diags.Errorf(d.pos(n), "points must be from 0 to %d, not %s", MaxPoints, n.Value)
		return
	}
	*dst = v
}

func (l *loader) schedule(f *parsedFile) *Schedule {
	name := f.name
	root, d := l.toolkitFile(f)
	if root == nil {
		return nil
	}
	s := &Schedule{ID: fileID(name), Path: name, Pos: diag.Pos{File: name, Line: 1, Col: 1}}
	refs := func(v *yaml.Node, what string, into *[]ref) {
		d.list(v, what, func(it *yaml.Node) {
			var id string
			d.str(it, "an id", &id)
			if id != "" {
				*into = append(*into, ref{id, d.pos(it)})
			}
		})
	}
	d.mapping(root, "a schedule",
		field{"title", true, func(v *yaml.Node) { d.text(v, "title", &s.Title) }},
		field{"lessons", true, func(v *yaml.Node) {
			d.list(v, "lessons", func(it *yaml.Node) {
				ls := &Lesson{Pos: d.pos(it)}
				d.mapping(it, "a lesson",
					field{"title", false, func(v *yaml.Node) { d.text(v, "title", &ls.Title) }},
					field{"read", false, func(v *yaml.Node) {
						d.str(v, "read", &ls.Read)
						ls.readPos = d.pos(v)
						if ls.Read != "" && !chapterRangeRE.MatchString(ls.Read) {
							d.diags.Errorf(d.pos(v), "read %q is not a chapter or a range of chapters of the work", ls.Read)
							d.diags.Hintf("write a number or a range, e.g. `read: 1-3`")
							ls.Read = ""
						}
					}},
					field{"chapters", false, func(v *yaml.Node) { refs(v, "chapters", &ls.chapterRefs) }},
					field{"questions", false, func(v *yaml.Node) { refs(v, "questions", &ls.questionRefs) }},
				)
				s.Lessons = append(s.Lessons, ls)
				ls.Number = len(s.Lessons)
			})
		}},
	)
	return s
}

// vocabulary decodes a chapter's vocabulary.
func (l *loader) vocabulary(d *decoder, c *Chapter, v *yaml.Node) {
	d.list(v, "vocabulary", func(it *yaml.Node) {
		t := &Term{Chapter: c, Pos: d.pos(it)}
		var matchPos diag.Pos // where `match:` stands
		d.mapping(it, "a term",
			field{"term", true, func(v *yaml.Node) { d.text(v, "term", &t.Term); t.Pos = d.pos(v) }},
			field{"part-of-speech", false, func(v *yaml.Node) { d.text(v, "part-of-speech", &t.PartOfSpeech) }},
			field{"definition", true, func(v *yaml.Node) {
				var s string
				d.text(v, "definition", &s)
				t.Definition = d.markdown(v, s)
			}},
			field{"cite", false, func(v *yaml.Node) {
				d.str(v, "cite", &t.CiteText)
				t.CitePos = d.pos(v)
				t.Cite = l.citation(t.CiteText, t.CitePos)
			}},
			field{"matches", false, func(v *yaml.Node) { t.matches = d.termForms(v) }},
			field{"match", false, func(v *yaml.Node) {
				link := true
				d.boolean(v, "match", &link)
				t.unlinked, matchPos = !link, d.pos(v)
			}},
		)
		if t.unlinked && t.matches != nil {
			d.diags.Errorf(matchPos, "a term with match: false links no form, but this one lists matches too")
			d.diags.Hintf("remove `matches:` to never link the term, or `match: false` to link the forms it lists")
		}
		t.Term = strings.Join(strings.Fields(t.Term), " ")
		if t.Term == "" || t.Definition == nil {
			return
		}
		l.parseLater(t.Definition)
		c.Vocabulary = append(c.Vocabulary, t)
	})
}

// termForms decodes a term's `matches:`, the forms of it a chapter's
// text links; nil when it lists none that can be linked.
func (d *decoder) termForms(v *yaml.Node) []termForm {
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 || v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		d.diags.Errorf(d.pos(v), "matches lists no form of the term to link")
		d.diags.Hintf("list the forms the chapters use, e.g. `matches: [possibles]`, or write `match: false` to never link the term")
		return nil
	}
	var out []termForm
	seen := map[string]diag.Pos{}
	d.list(v, "matches", func(it *yaml.Node) {
		reported := len(*d.diags)
		var form string
		d.str(it, "a form in matches", &form)
		if len(*d.diags) > reported { // not text: str said so
			return
		}
		form = strings.Join(strings.Fields(form), " ")
		pos := d.pos(it)
		if form == "" {
			d.diags.Errorf(pos, "a form in matches is empty")
			d.diags.Hintf("write a word as the chapters use it, e.g. `matches: [possibles]`, or remove the empty one")
			return
		}
		key := strings.ToLower(form)
		if first, dup := seen[key]; dup {
			d.diags.Errorf(pos, "matches lists %q twice", form)
			d.diags.Hintf("first at %s; a form is matched in any case, so list it once", first)
			return
		}
		seen[key] = pos
		out = append(out, termForm{form, pos})
	})
	return out
}

// themeRefs decodes a list of theme ids, checked later.
func themeRefs(d *decoder, v *yaml.Node) []ref {
	var out []ref
	d.list(v, "themes", func(it *yaml.Node) {
		var id string
		d.str(it, "a theme id", &id)
		if id != "" {
			out = append(out, ref{id, d.pos(it)})
		}
	})
	return out
}

// Range is the first and last chapter of the work the part holds; ok is
// false when the part gives no chapters.
func (wp *WorkPart) Range() (first, last int, ok bool) {
	return chapterRange(wp.Chapters)
}

// chapterRange reads "7" or "1-9" (or "1–9").
func chapterRange(s string) (first, last int, ok bool) {
	if !chapterRangeRE.MatchString(s) {
		return 0, 0, false
	}
	lo, hi, isRange := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	first, _ = strconv.Atoi(strings.TrimSpace(lo))
	last = first
	if isRange {
		last, _ = strconv.Atoi(strings.TrimSpace(hi))
	}
	return first, last, true
}

// WorkPartOf is the part of the work that holds the work chapter n, or
// nil.
func (b *Book) WorkPartOf(n int) *WorkPart {
	for _, wp := range b.WorkParts {
		if lo, hi, ok := wp.Range(); ok && lo <= n && n <= hi {
			return wp
		}
	}
	return nil
}

// Vocabulary is every term of the companion, in reading order.
func (b *Book) Vocabulary() []*Term {
	var out []*Term
	for _, c := range b.Chapters {
		out = append(out, c.Vocabulary...)
	}
	return out
}

// Rubric is the rubric of the given id, or nil.
func (b *Book) Rubric(id string) *Rubric {
	for _, r := range b.Rubrics {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// QuestionsHeading is the label key of the heading over the chapter's
// questions: "prompts" where every one is an essay or a project, which
// are written or made rather than discussed, else "discussion-questions".
func (c *Chapter) QuestionsHeading() string {
	for _, q := range c.Questions {
		if q.Phase != "essay" && q.Phase != "project" {
			return "discussion-questions"
		}
	}
	return "prompts"
}

// Rubrics are the rubrics the chapter's questions name, each once, in
// the order of the questions.
func (c *Chapter) Rubrics() []*Rubric {
	var out []*Rubric
	for _, q := range c.Questions {
		if q.Rubric != nil && !slices.Contains(out, q.Rubric) {
			out = append(out, q.Rubric)
		}
	}
	return out
}
