package book

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// toolkit checks the teacher's toolkit and resolves its references:
// ids unique, every theme, character, rubric, chapter and question named
// exists, every work chapter lies in the work's parts, every rubric is a
// full table.
func (c *checker) toolkit() {
	b := c.book
	themes := map[string]*Theme{}
	c.uniqueIn(ThemesFile, "theme", len(b.Themes), func(i int) (string, diag.Pos) { return b.Themes[i].ID, b.Themes[i].Pos })
	for _, t := range b.Themes {
		if themes[t.ID] == nil {
			themes[t.ID] = t
		}
	}
	resolve := func(refs []ref) []*Theme {
		var out []*Theme
		for _, r := range refs {
			t, ok := themes[r.id]
			switch {
			case ok:
				if !slices.Contains(out, t) {
					out = append(out, t)
				}
			case c.toolkitUnread(ThemesFile):
			case len(b.Themes) == 0:
				c.diags.Errorf(r.pos, "theme %q does not exist: the project has no %s", r.id, ThemesFile)
				c.diags.Hintf("list the work's themes in %s (book/FORMAT.md, section 7): `- {id: %s, name: …}`", ThemesFile, r.id)
			default:
				c.diags.Errorf(r.pos, "theme %q does not exist in %s", r.id, ThemesFile)
				c.hintNear(r.id, mapKeys(themes))
			}
		}
		return out
	}
	rubricIDs := make([]string, len(b.Rubrics))
	for i, r := range b.Rubrics {
		rubricIDs[i] = r.ID
	}
	terms := map[string]*Term{}
	forms := map[string]*Term{} // the term each form links to, by its lower case
	for _, ch := range b.Chapters {
		ch.Themes = resolve(ch.themeRefs)
		for _, q := range ch.Quotes {
			q.Themes = resolve(q.themeRefs)
		}
		for _, q := range ch.Questions {
			q.Themes = resolve(q.themeRefs)
			c.rubricOf(q, rubricIDs)
		}
		for _, t := range ch.Vocabulary {
			key := strings.ToLower(t.Term)
			if first, dup := terms[key]; dup {
				c.diags.Errorf(t.Pos, "the term %q is already in the vocabulary of %s", t.Term, first.Chapter.Path)
				c.diags.Hintf("first at %s; a term is defined once, where students first meet it", first.Pos)
				continue
			}
			terms[key] = t
			for _, f := range t.linkedForms() {
				key := strings.ToLower(f.form)
				if other, dup := forms[key]; dup && other != t {
					c.diags.Errorf(f.pos, "%q already links to the term %q, so it cannot link to %q too", f.form, other.Term, t.Term)
					c.diags.Hintf("the term %q is at %s; give one of them other forms with `matches:`, or `match: false`", other.Term, other.Pos)
					continue
				}
				forms[key] = t
			}
			c.citeItems(t.Cite, t.CitePos)
			c.markdown(ch, t.Definition)
		}
	}
	c.characters()
	c.timeline()
	c.rubrics()
	c.schedules()
	rubricsInQuestionOrder(b)
}

// rubricsInQuestionOrder orders the rubrics as the companion's questions
// first name them, in reading order, and those no question names after
// them by file name, so that the teacher's toolkit lists them in the
// order the handouts print them, never in two orders.
func rubricsInQuestionOrder(b *Book) {
	first := map[*Rubric]int{}
	for _, ch := range b.Chapters {
		for _, q := range ch.Questions {
			if _, seen := first[q.Rubric]; q.Rubric != nil && !seen {
				first[q.Rubric] = len(first)
			}
		}
	}
	place := func(r *Rubric) int {
		if i, ok := first[r]; ok {
			return i
		}
		return len(first)
	}
	slices.SortStableFunc(b.Rubrics, func(x, y *Rubric) int { return place(x) - place(y) })
}

// uniqueIn reports ids of one file used twice or not valid ids.
func (c *checker) uniqueIn(file, what string, n int, at func(i int) (string, diag.Pos)) {
	seen := map[string]diag.Pos{}
	for i := range n {
		id, pos := at(i)
		if !validID(id) {
			c.diags.Errorf(pos, "%s id %q is not a valid id", what, id)
			c.diags.Hintf("use letters, digits, - and _ only, starting with a letter, e.g. %s", slugExample(what))
			continue
		}
		if n := len([]rune(id)); n > doc.MaxIDLength {
			c.diags.Errorf(pos, "%s id %q is %d characters long; an id has at most %d", what, string([]rune(id)[:24])+"…", n, doc.MaxIDLength)
			c.diags.Hintf("shorten it: ids name the outputs' anchors")
		}
		if first, dup := seen[id]; dup {
			c.diags.Errorf(pos, "%s id %q is already used in %s", what, id, file)
			c.diags.Hintf("first used at %s", first)
			continue
		}
		seen[id] = pos
	}
}

func slugExample(what string) string {
	switch what {
	case "theme":
		return "memory-and-loss"
	case "character":
		return "kathy"
	}
	return "literary-essay"
}

// toolkitUnread reports whether a reference into the toolkit file name
// cannot be checked because the file could not be read.
func (c *checker) toolkitUnread(name string) bool {
	return slices.ContainsFunc(c.book.unread.toolkit, func(f string) bool {
		return f == name || strings.HasPrefix(f, name+"/")
	})
}

func (c *checker) rubricOf(q *Question, ids []string) {
	r := q.rubricRef
	if r.id == "" {
		return
	}
	if q.Rubric = c.book.Rubric(r.id); q.Rubric != nil || c.toolkitUnread(RubricsDir) {
		return
	}
	c.diags.Errorf(r.pos, "question %s names the rubric %q, which does not exist", q.ID, r.id)
	if len(ids) == 0 {
		c.diags.Hintf("write the rubric in %s/%s.yaml (book/FORMAT.md, section 7)", RubricsDir, r.id)
	} else if near, ok := diag.Near(r.id, ids); ok {
		c.diags.Hintf("did you mean %q? a rubric's id is its file name in %s/", near, RubricsDir)
	} else {
		c.diags.Hintf("the rubrics are %s: each is named by its file in %s/", strings.Join(ids, ", "), RubricsDir)
	}
}

// workChapter reports a work chapter that lies in none of the work's
// parts, when the parts give their chapters.
func (c *checker) workChapter(n int, pos diag.Pos, what string) {
	if n == 0 {
		return
	}
	last, ranged := 0, false
	for _, wp := range c.book.WorkParts {
		if _, hi, ok := wp.Range(); ok {
			ranged = true
			last = max(last, hi)
		}
	}
	if !ranged || c.book.WorkPartOf(n) != nil {
		return
	}
	c.diags.Errorf(pos, "%s %d is in none of the work-parts in companion.yaml", what, n)
	c.diags.Hintf("the work-parts hold chapters up to %d; give a chapter of the work, or add the part that holds it", last)
}

func (c *checker) characters() {
	b := c.book
	c.uniqueIn(CharactersFile, "character", len(b.Characters), func(i int) (string, diag.Pos) { return b.Characters[i].ID, b.Characters[i].Pos })
	byID := map[string]*Character{}
	for _, ch := range b.Characters {
		if byID[ch.ID] == nil {
			byID[ch.ID] = ch
		}
	}
	for _, ch := range b.Characters {
		c.workChapter(ch.FirstAppears, ch.firstPos, "first-appears: chapter")
		for _, r := range ch.Relationships {
			other, ok := byID[r.with.id]
			switch {
			case !ok:
				c.diags.Errorf(r.with.pos, "%s's relationship is with %q, who is not in %s", ch.ID, r.with.id, CharactersFile)
				c.hintNear(r.with.id, mapKeys(byID))
			case other == ch:
				c.diags.Errorf(r.with.pos, "%s's relationship is with %s, the character itself", ch.ID, ch.ID)
				c.diags.Hintf("name the other character's id")
			default:
				r.With = other
				if name, ok := namedIn(r.Relation, other); ok {
					c.diags.Warnf(r.relPos, "%s's relationship with %s names %s, so it reads the wrong way round: a relation says what %s is to %s", ch.ID, other.ID, name, other.ID, ch.ID)
					c.diags.Hintf("the list prints %q under %s; write what %s is to %s, in words that do not name %s (book/FORMAT.md, section 7)", other.Name+": "+r.Relation, ch.Name, other.Name, ch.Name, name)
				}
			}
		}
	}
}

// namedIn reports the name by which a relation's text names the other
// character, the one the list prints it beside: the relation says what
// that person is to this character, so it has no reason to name them, and
// one that does ("cared for by Kathy" under Ruth) has been written from the
// other side. A name is the character's name without a trailing
// parenthesis ("Madame (Marie-Claude)") and, when the rest of it is initials
// ("Kathy H."), its first word, matched as whole words.
func namedIn(relation string, who *Character) (string, bool) {
	name := strings.TrimSpace(who.Name)
	if i := strings.Index(name, "("); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	names := []string{name}
	if words := strings.Fields(name); len(words) > 1 && allInitials(words[1:]) {
		names = append(names, words[0])
	}
	for _, n := range names {
		if n != "" && hasWords(relation, n) {
			return n, true
		}
	}
	return "", false
}

// allInitials reports whether every word is an initial such as "H.".
func allInitials(words []string) bool {
	for _, w := range words {
		r := []rune(w)
		if len(r) != 2 || r[1] != '.' || !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

// hasWords reports whether text holds phrase at word boundaries.
func hasWords(text, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func (c *checker) timeline() {
	ordered := 0
	for _, e := range c.book.Timeline {
		c.markdown(nil, e.Event)
		c.workChapter(e.Chapter, e.chPos, "chapter")
		if e.Order != 0 {
			ordered++
		}
	}
	if ordered == 0 || ordered == len(c.book.Timeline) {
		return
	}
	for _, e := range c.book.Timeline {
		if e.Order == 0 {
			c.diags.Errorf(e.Pos, "this event has no order, though other events of the timeline have one")
			c.diags.Hintf("give every event an `order:`, or none and list them in story order")
		}
	}
}

func (c *checker) rubrics() {
	for _, r := range c.book.Rubrics {
		if !validID(r.ID) {
			c.diags.Errorf(r.Pos, "the rubric's file name %q is not a valid id", r.ID)
			c.diags.Hintf("rename the file with letters, digits, - and _ only, starting with a letter, e.g. %s/literary-essay.yaml", RubricsDir)
		}
		if len(r.Levels) == 0 || len(r.Criteria) == 0 {
			continue // the loader said what is missing
		}
		names := map[string]diag.Pos{}
		first := r.Levels[0]
		for _, lv := range r.Levels {
			if at, dup := names[strings.ToLower(lv.Name)]; dup {
				c.diags.Errorf(lv.Pos, "the rubric has two levels named %q", lv.Name)
				c.diags.Hintf("first at %s; give each level its own name", at)
			}
			names[strings.ToLower(lv.Name)] = lv.Pos
			switch k, firstK := worthKind(lv), worthKind(first); {
			case k == firstK:
			case k == "":
				c.diags.Errorf(lv.Pos, "level %q gives neither points nor marks, but the first level, %q, gives %s", lv.Name, first.Name, firstK)
				c.diags.Hintf("give every level `%s:`, or none of them, when each descriptor says its own marks", firstK)
			case firstK == "":
				c.diags.Errorf(lv.Pos, "level %q gives %s, but the first level, %q, gives neither points nor marks", lv.Name, k, first.Name)
				c.diags.Hintf("give every level `%s:`, or none of them, when each descriptor says its own marks", k)
			case k == "points":
				c.diags.Errorf(lv.Pos, "level %q gives points, but the first level, %q, gives marks", lv.Name, first.Name)
				c.diags.Hintf("give every level `marks:` (a band, e.g. 9-12), or every level `points:`")
			default:
				c.diags.Errorf(lv.Pos, "level %q gives marks, but the first level, %q, gives points", lv.Name, first.Name)
				c.diags.Hintf("give every level `points:`, or every level `marks:` (a band, e.g. 9-12)")
			}
		}
		criteria := map[string]diag.Pos{}
		for _, cr := range r.Criteria {
			if first, dup := criteria[strings.ToLower(cr.Name)]; dup {
				c.diags.Errorf(cr.Pos, "the rubric has two criteria named %q", cr.Name)
				c.diags.Hintf("first at %s; merge them or name them apart", first)
			}
			criteria[strings.ToLower(cr.Name)] = cr.Pos
			c.standards(cr.Standards)
			if n := len(cr.Descriptors); n != len(r.Levels) {
				c.diags.Errorf(cr.Pos, "criterion %q has %s for the rubric's %d levels", cr.Name, howMany(n, "descriptor", "descriptors"), len(r.Levels))
				c.diags.Hintf("give one descriptor for each level, best first: %s", levelNames(r))
			}
			for _, m := range cr.Descriptors {
				c.markdown(nil, m)
			}
		}
	}
}

// worthKind is what a level gives: "points", "marks" or "" for neither.
func worthKind(lv *Level) string {
	switch {
	case lv.Marks != "":
		return "marks"
	case lv.scored:
		return "points"
	}
	return ""
}

func levelNames(r *Rubric) string {
	names := make([]string, len(r.Levels))
	for i, lv := range r.Levels {
		names[i] = lv.Name
	}
	return strings.Join(names, ", ")
}

func (c *checker) schedules() {
	b := c.book
	chapters := map[string]*Chapter{}
	questions := map[string]*Question{}
	for _, ch := range b.Chapters {
		chapters[ch.ID] = ch
		for _, q := range ch.Questions {
			questions[q.ID] = q
		}
	}
	for _, s := range b.Schedules {
		if !validID(s.ID) {
			c.diags.Errorf(s.Pos, "the schedule's file name %q is not a valid id", s.ID)
			c.diags.Hintf("rename the file with letters, digits, - and _ only, starting with a letter, e.g. %s/ten-lessons.yaml", SchedulesDir)
		}
		for _, ls := range s.Lessons {
			if first, last, ok := chapterRange(ls.Read); ok {
				if first > last {
					c.diags.Errorf(ls.readPos, "read %q runs backwards", ls.Read)
					c.diags.Hintf("write the first chapter first: read: %d-%d", last, first)
				}
				c.workChapter(first, ls.readPos, "read: chapter")
				if last != first {
					c.workChapter(last, ls.readPos, "read: chapter")
				}
			}
			for _, r := range ls.chapterRefs {
				if ch, ok := chapters[r.id]; ok {
					ls.Chapters = append(ls.Chapters, ch)
				} else if !c.quoteUnchecked() {
					c.diags.Errorf(r.pos, "lesson %d names the chapter %q, which is not a chapter of the companion", ls.Number, r.id)
					c.hintNear(r.id, mapKeys(chapters))
				}
			}
			for _, r := range ls.questionRefs {
				if q, ok := questions[r.id]; ok {
					ls.Questions = append(ls.Questions, q)
				} else if !c.quoteUnchecked() {
					c.diags.Errorf(r.pos, "lesson %d names the question %q, which does not exist", ls.Number, r.id)
					c.hintNear(r.id, mapKeys(questions))
				}
			}
		}
	}
}

// teacherLinks are the links of a piece of Markdown that stand in its
// teacher-only text, which may lead to the teacher edition's own
// headings.
func teacherLinks(m *Markdown) map[*doc.Link]bool {
	var out map[*doc.Link]bool
	doc.Walk(m.Doc, func(n any) bool {
		t, ok := n.(*doc.TeacherOnly)
		if !ok {
			return true
		}
		doc.Walk(&doc.Document{Blocks: t.Blocks}, func(n any) bool {
			if l, ok := n.(*doc.Link); ok {
				if out == nil {
					out = map[*doc.Link]bool{}
				}
				out[l] = true
			}
			return true
		})
		return false
	})
	return out
}

// teacherAnchor reports a link that students see to a heading only the
// teacher edition has: a dead link in every student output.
func (c *checker) teacherAnchor(target *Chapter, m *Markdown, n *doc.Link, frag string, teacherText bool) {
	if teacherText || !target.TeacherOnlyAnchor(frag) {
		return
	}
	c.diags.Errorf(m.NodePos(n), "link %q leads to a heading in teacher-only text, which the student edition does not have", n.Dest)
	c.diags.Hintf("link to a heading outside the ::: %s block, or put this link inside one", doc.TeacherName)
}

// ThemeUse is where the companion tags one theme.
type ThemeUse struct {
	Theme     *Theme
	Chapters  []*Chapter // tagged themselves, or through a quotation or question
	Quotes    []*Quote
	Questions []*Question
}

// Tagged reports whether a question tags the theme; coverage counts
// questions, as it does for standards.
func (u *ThemeUse) Tagged() bool { return len(u.Questions) > 0 }

// ThemeUses returns, for every theme in themes.yaml order, where the
// companion tags it. It needs a checked book.
func (b *Book) ThemeUses() []*ThemeUse {
	var out []*ThemeUse
	for _, t := range b.Themes {
		u := &ThemeUse{Theme: t}
		for _, ch := range b.Chapters {
			in := slices.Contains(ch.Themes, t)
			for _, q := range ch.Quotes {
				if slices.Contains(q.Themes, t) {
					u.Quotes = append(u.Quotes, q)
					in = true
				}
			}
			for _, q := range ch.Questions {
				if slices.Contains(q.Themes, t) {
					u.Questions = append(u.Questions, q)
					in = true
				}
			}
			if in {
				u.Chapters = append(u.Chapters, ch)
			}
		}
		out = append(out, u)
	}
	return out
}

// themeCoverage reports the themes no question tags: a warning (an error
// when strict) at the theme, since a class meets a theme through the
// questions.
func themeCoverage(b *Book, strict bool) diag.List {
	var d diag.List
	report := d.Warnf
	if strict {
		report = d.Errorf
	}
	for _, u := range b.ThemeUses() {
		if u.Tagged() {
			continue
		}
		if len(u.Chapters) == 0 {
			report(u.Theme.Pos, "theme %s is tagged by no chapter, quotation or question", u.Theme.ID)
		} else {
			ids := make([]string, len(u.Chapters))
			for i, ch := range u.Chapters {
				ids[i] = ch.ID
			}
			in := "chapter"
			if len(ids) > 1 {
				in = "chapters"
			}
			report(u.Theme.Pos, "theme %s is tagged by no question, only in %s %s", u.Theme.ID, in, strings.Join(ids, ", "))
		}
		d.Hintf("tag a question that explores it: `themes: [%s]`", u.Theme.ID)
	}
	return d
}
