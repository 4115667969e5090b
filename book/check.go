package book

import (
	"context"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/parallel"
)

// check enforces the cross-references of the project format on a loaded
// book: ids are unique; citations, quotes, standards and work parts exist;
// images have alt text; no raw HTML; quotes are verified. It resolves the
// references it checks, so layouts can follow pointers, and prepares the
// citation formatter. Every problem is reported. Open runs it once, before
// anyone else sees the book.
func check(b *Book, opt Options) diag.List {
	c := &checker{book: b, opt: opt, refs: map[string]*cite.Reference{}}
	c.run()
	return c.diags
}

type checker struct {
	book  *Book
	opt   Options
	diags diag.List
	refs  map[string]*cite.Reference
	cited []string // keys in order of first citation

	unchecked unchecked // references into files the loader could not read
}

func (c *checker) run() {
	b := c.book
	for _, r := range b.References {
		c.refs[r.ID] = r
	}
	if b.Work != "" {
		if _, ok := c.refs[b.Work]; !ok && !c.citationUnchecked() {
			c.diags.Errorf(b.workPos, "the work studied, %q, is not in the references", b.Work)
			if len(b.References) == 0 {
				c.diags.Hintf("add references.yaml (CSL-YAML) with an entry `id: %s`", b.Work)
			} else {
				c.hintNear(b.Work, c.refKeys())
			}
		}
	}
	c.uniqueIDs()
	quotes := map[string]*Quote{}
	for _, q := range b.AllQuotes() {
		quotes[q.ID] = q
	}
	for _, ch := range b.Chapters {
		c.covers(ch)
		c.standards(ch.Standards)
		for _, q := range ch.Quotes {
			c.quote(q)
		}
		for _, q := range ch.Questions {
			c.standards(q.Standards)
			for _, r := range q.quoteRefs {
				if quote, ok := quotes[r.id]; ok {
					q.Quotes = append(q.Quotes, quote)
				} else if !c.quoteUnchecked() {
					c.diags.Errorf(r.pos, "question %s points to the quote %q, which does not exist", q.ID, r.id)
					c.hintNear(r.id, mapKeys(quotes))
				}
			}
			c.markdown(ch, q.Prompt)
			c.teacherMarkdown(ch, q.Guidance)
			c.teacherMarkdown(ch, q.Answer)
			for _, choice := range q.Choices {
				c.markdown(ch, choice.Text)
				c.markdown(ch, choice.Feedback)
			}
			c.distinctChoices(q)
		}
		c.markdown(ch, ch.Body)
	}
	c.toolkit()
	c.accessDates()
	c.proseRules()
	c.frameworks()
	c.uncheckedNotes()
	if !c.diags.HasErrors() {
		keys := c.cited
		if b.Work != "" && !slices.Contains(keys, b.Work) {
			keys = append([]string{b.Work}, keys...)
		}
		var refs []*cite.Reference
		for _, k := range keys {
			refs = append(refs, c.refs[k])
		}
		csl := b.csl
		if csl == nil {
			// the style could not be read and the book has errors;
			// the checks still want citations to count
			en, _ := cite.BuiltinLocale("en-US")
			csl = cite.MLA.CSL(en)
		}
		b.citer = newCiter(func() *cite.Processor { return cite.NewCSL(csl, refs) })
		b.chapterCites = make([]chapterCites, len(b.Chapters))
	}
}

// proseRules runs the rules that read what students read and change
// nothing: questions that point to a place on the page, spoilers and
// giveaways. They are most of check's time, so the chapters are read at
// once on every core, each into its own list, appended in their order.
func (c *checker) proseRules() {
	chapters := c.book.Chapters
	found := make([]diag.List, len(chapters))
	parallel.ForEach(context.Background(), len(chapters), func(i int) error {
		r := &checker{book: c.book, opt: c.opt, refs: c.refs}
		for _, q := range chapters[i].Questions {
			r.standalone(q)
		}
		r.spoilers(chapters[i])
		r.giveaways(chapters[i])
		found[i] = r.diags
		return nil
	})
	for _, d := range found {
		c.diags.Append(d)
	}
}

func (c *checker) refKeys() []string {
	keys := make([]string, 0, len(c.refs))
	for _, r := range c.book.References {
		keys = append(keys, r.ID)
	}
	return keys
}

func (c *checker) hintNear(word string, candidates []string) {
	if near, ok := diag.Near(word, candidates); ok {
		c.diags.Hintf("did you mean %q?", near)
	}
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// uniqueIDs reports chapter, quote and question ids used twice; each id
// space is the whole project, since links and the quotation index cross
// chapters.
func (c *checker) uniqueIDs() {
	chapters, quotes, questions := map[string]diag.Pos{}, map[string]diag.Pos{}, map[string]diag.Pos{}
	unique := func(seen map[string]diag.Pos, what, id string, pos diag.Pos) {
		if n := len([]rune(id)); n > doc.MaxIDLength {
			c.diags.Errorf(pos, "%s id %q is %d characters long; an id has at most %d", what, string([]rune(id)[:24])+"…", n, doc.MaxIDLength)
			c.diags.Hintf("shorten it: ids name the outputs' files and anchors")
		}
		if first, dup := seen[id]; dup {
			c.diags.Errorf(pos, "%s id %q is already used", what, id)
			c.diags.Hintf("first used at %s; ids must be unique in the project", first)
			return
		}
		seen[id] = pos
	}
	for _, ch := range c.book.Chapters {
		if !validID(ch.ID) {
			c.diags.Errorf(ch.idPos, "chapter id %q is not a valid id", ch.ID)
			c.diags.Hintf("use letters, digits, - and _ only, starting with a letter, e.g. hailsham-plot")
		}
		unique(chapters, "chapter", ch.ID, ch.idPos)
		for _, q := range ch.Quotes {
			unique(quotes, "quote", q.ID, q.Pos)
		}
		for _, q := range ch.Questions {
			unique(questions, "question", q.ID, q.Pos)
		}
	}
}

func validID(id string) bool {
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func (c *checker) covers(ch *Chapter) {
	var ids []string
	for _, wp := range c.book.WorkParts {
		ids = append(ids, wp.ID)
	}
	for _, r := range ch.coverRefs {
		i := slices.IndexFunc(c.book.WorkParts, func(wp *WorkPart) bool { return wp.ID == r.id })
		if i < 0 {
			c.diags.Errorf(r.pos, "covers names %q, which is not one of the work-parts in companion.yaml", r.id)
			if len(ids) == 0 {
				c.diags.Hintf("declare the work's parts under work-parts: in companion.yaml")
			} else {
				c.hintNear(r.id, ids)
			}
			continue
		}
		ch.Covers = append(ch.Covers, c.book.WorkParts[i])
	}
}

func (c *checker) standards(refs []*StandardRef) {
	for _, r := range refs {
		f, ok := c.book.available.get(r.Framework)
		if !ok && c.frameworkUnchecked(r.Framework) {
			continue
		}
		if !ok {
			c.diags.Errorf(r.Pos, "standard %s names the framework %q, which does not exist", r, r.Framework)
			if near, ok := diag.Near(r.Framework, mapKeys(c.book.available)); ok {
				c.diags.Hintf("did you mean %q? frameworks: %s", near, strings.Join(mapKeys(c.book.available), ", "))
			} else {
				c.diags.Hintf("frameworks: %s (add your own in curricula/)", strings.Join(mapKeys(c.book.available), ", "))
			}
			continue
		}
		for _, s := range f.Standards {
			if s.Code == r.Code {
				r.Standard = s
			}
		}
		if r.Standard == nil {
			c.diags.Errorf(r.Pos, "standard %s does not exist: %s has no code %q", r, f.ID, r.Code)
			codes := make([]string, len(f.Standards))
			for i, s := range f.Standards {
				codes[i] = s.Code
			}
			c.hintNear(r.Code, codes)
		}
	}
}

func (c *checker) quote(q *Quote) {
	if strings.TrimSpace(q.Text) == "" {
		c.diags.Errorf(q.Pos, "quote %s has no text", q.ID)
	}
	c.citeItems(q.Cite, q.CitePos)
	if !q.Verified {
		if c.opt.Draft {
			c.diags.Warnf(q.Pos, "quote %s is not verified; the draft marks it as unverified", q.ID)
		} else {
			c.diags.Errorf(q.Pos, "quote %s is not verified", q.ID)
			c.diags.Hintf("check it word for word against the cited edition, then set `verified: true`; or build with --draft")
		}
	}
}

func (c *checker) citeItems(items []cite.Item, pos diag.Pos) {
	for _, it := range items {
		if _, ok := c.refs[it.Key]; !ok {
			if c.citationUnchecked() {
				continue
			}
			c.diags.Errorf(pos, "citation of @%s, which is not in the references", it.Key)
			c.hintNear(it.Key, c.refKeys())
			continue
		}
		if !slices.Contains(c.cited, it.Key) {
			c.cited = append(c.cited, it.Key)
		}
	}
}

// markdown checks one parsed piece of a chapter's Markdown: citations
// (and, in MLA style, an author they repeat), raw HTML, images and links.
func (c *checker) markdown(ch *Chapter, m *Markdown) { c.markdownFor(ch, m, false) }

// teacherMarkdown checks Markdown only the teacher edition prints
// (guidance, model answers), which may link to teacher-only headings.
func (c *checker) teacherMarkdown(ch *Chapter, m *Markdown) { c.markdownFor(ch, m, true) }

func (c *checker) markdownFor(ch *Chapter, m *Markdown, teacher bool) {
	if m == nil {
		return
	}
	c.authorNamed(m)
	inTeacherText := teacherLinks(m)
	doc.Walk(m.Doc, func(n any) bool {
		switch n := n.(type) {
		case *doc.Citation:
			pos := m.NodePos(n)
			if n.Err != nil {
				c.diags.Errorf(pos, "[%s] is not a citation: %v", n.Source, n.Err)
				c.diags.Hintf("write [@key], [@key, ch. 7] or [@key1; @key2, p. 4]")
			} else {
				c.citeItems(n.Items, pos)
			}
		case *doc.RawHTML:
			c.rawHTML(m, n, n.Text)
		case *doc.HTMLBlock:
			c.rawHTML(m, n, n.Text)
		case *doc.Image:
			if strings.TrimSpace(doc.PlainText(n.Alt)) == "" {
				shown := n.Path
				if shown == "" {
					shown = n.Dest
				}
				c.diags.Errorf(m.NodePos(n), "image %s has no alt text", shown)
				c.diags.Hintf("describe the image for readers who cannot see it: ![A map of Norfolk](%s)", shown)
			}
		case *doc.Link:
			c.link(ch, m, n, teacher || inTeacherText[n])
		}
		return true
	})
}

// rawHTML refuses HTML in the Markdown, which would break the EPUB and is
// lost in the PDF.
func (c *checker) rawHTML(m *Markdown, n interface{ Offset() int }, text string) {
	s := strings.TrimSpace(text)
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	c.diags.Errorf(m.NodePos(n), "raw HTML is not allowed: %q", s)
	c.diags.Hintf("write Markdown instead (HTML would break the EPUB and is lost in the PDF); for a literal <, write \\<")
}

// link allows web and mail links (never fetched) and links to chapters of
// the project and to the ids in them; anything else would be a dead link
// in the outputs.
func (c *checker) link(here *Chapter, m *Markdown, n *doc.Link, teacherText bool) {
	dest := n.Dest
	u, err := url.Parse(dest)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") {
		return
	}
	pos := m.NodePos(n)
	p, frag, _ := strings.Cut(dest, "#")
	target := here
	if p != "" || !strings.HasPrefix(dest, "#") {
		if isURL(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(path.Clean(p), "..") {
			c.diags.Errorf(pos, "link %q leads outside the project", dest)
			if ch := c.chapterFromFile(pos.File, p); ch != nil {
				c.diags.Hintf("paths are relative to the project folder, not to %s: write %s", pos.File, ch.Path)
			} else {
				c.diags.Hintf("link to a web page with https://, or to another chapter by its path, e.g. chapters/03-hailsham.md")
			}
			return
		}
		target = c.chapterByPath(path.Clean(p))
		if target == nil {
			c.diags.Errorf(pos, "link %q points to no chapter of the project", dest)
			if ch := c.chapterFromFile(pos.File, p); ch != nil {
				c.diags.Hintf("paths are relative to the project folder, not to %s: write %s", pos.File, ch.Path)
			} else {
				c.diags.Hintf("link to a chapter by its path from the project folder, e.g. chapters/03-hailsham.md")
			}
			return
		}
	}
	if target == nil { // "#id" in text outside any chapter (a rubric, the timeline)
		c.diags.Errorf(pos, "link %q has no chapter to point into", dest)
		c.diags.Hintf("name the chapter before the #, e.g. chapters/03-hailsham.md%s", dest)
		return
	}
	if frag == "" {
		return
	}
	if target.HasAnchor(frag) {
		c.teacherAnchor(target, m, n, frag, teacherText)
		return
	}
	c.diags.Warnf(pos, "link %q: %s has no heading or quotation with the id %q; the EPUB links to the chapter instead", dest, target.Path, frag)
	var ids []string
	for _, s := range target.Sections() {
		ids = append(ids, s.ID)
	}
	switch near, ok := diag.Near(frag, ids); {
	case ok:
		c.diags.Hintf("did you mean \"#%s\"? its sections are #%s", near, strings.Join(ids, ", #"))
	case len(ids) > 0:
		c.diags.Hintf("its sections are #%s", strings.Join(ids, ", #"))
	}
}

// chapterFromFile is the chapter a link names when read relative to the
// file that writes it, as a Markdown editor's preview reads it (see
// relativeToFile), or nil.
func (c *checker) chapterFromFile(file, p string) *Chapter {
	if fromFile, ok := relativeToFile(file, p); ok {
		return c.chapterByPath(fromFile)
	}
	return nil
}

func (c *checker) chapterByPath(p string) *Chapter {
	for _, ch := range c.book.Chapters {
		if ch.Path == p {
			return ch
		}
	}
	return nil
}

// frameworks resolves the manifest's framework selections, or, by default,
// selects every framework the chapters and questions use.
func (c *checker) frameworks() {
	b := c.book
	for _, sel := range c.selections() {
		f, ok := b.available.get(sel.id)
		if !ok && c.frameworkUnchecked(sel.id) {
			continue
		}
		if !ok {
			c.diags.Errorf(sel.pos, "framework %q does not exist", sel.id)
			if near, ok := diag.Near(sel.id, mapKeys(b.available)); ok {
				c.diags.Hintf("did you mean %q?", near)
			} else {
				c.diags.Hintf("frameworks: %s (add your own in curricula/)", strings.Join(mapKeys(b.available), ", "))
			}
			continue
		}
		s := &Selection{Framework: f, Pos: sel.pos}
		if sel.codes == nil {
			s.Standards = f.Standards
		} else {
			var codes []string
			for _, st := range f.Standards {
				codes = append(codes, st.Code)
			}
			for _, r := range sel.codes {
				i := slices.Index(codes, r.id)
				if i < 0 {
					c.diags.Errorf(r.pos, "framework %s has no standard %q", f.ID, r.id)
					c.hintNear(r.id, codes)
					continue
				}
				s.Standards = append(s.Standards, f.Standards[i])
			}
			slices.SortStableFunc(s.Standards, func(a, b *Standard) int {
				return slices.Index(f.Standards, a) - slices.Index(f.Standards, b)
			})
			s.Standards = slices.Compact(s.Standards)
		}
		b.Frameworks = append(b.Frameworks, s)
	}
}

func (c *checker) selections() []frameworkSel {
	if c.book.selected != nil {
		return c.book.selected
	}
	var out []frameworkSel
	seen := map[string]bool{}
	for _, ch := range c.book.Chapters {
		refs := slices.Clone(ch.Standards)
		for _, q := range ch.Questions {
			refs = append(refs, q.Standards...)
		}
		for _, r := range refs {
			if _, ok := c.book.available[r.Framework]; ok && !seen[r.Framework] {
				seen[r.Framework] = true
				out = append(out, frameworkSel{id: r.Framework, pos: r.Pos})
			}
		}
	}
	return out
}

// distinctChoices reports a choice of a multiple-choice question that reads
// as an earlier one does: the same words, whatever their case, spacing or
// markup (*Ruth* and Ruth), which a student could not tell apart.
func (c *checker) distinctChoices(q *Question) {
	seen := map[string]diag.Pos{}
	for _, choice := range q.Choices {
		var words []string
		for _, b := range choice.Text.Doc.Blocks {
			switch b := b.(type) {
			case *doc.Paragraph:
				words = append(words, strings.Fields(doc.PlainText(b.Inlines))...)
			case *doc.Plain:
				words = append(words, strings.Fields(doc.PlainText(b.Inlines))...)
			}
		}
		key := strings.ToLower(strings.Join(words, " "))
		pos := choice.Text.Pos(0)
		if first, dup := seen[key]; dup {
			c.diags.Errorf(pos, "question %s offers the choice %q twice (first on line %d)", q.ID, strings.Join(words, " "), first.Line)
			c.diags.Hintf("remove one of them, or word them apart")
			continue
		}
		seen[key] = pos
	}
}
