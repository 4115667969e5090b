package pdfua

import (
	"fmt"
	"strings"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// standard is the standard structure types of ISO 32000-1 §14.8.4.
var standard = map[pdfobj.Name]bool{}

func init() {
	for _, t := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure
		Formula Form`) {
		standard[pdfobj.Name(t)] = true
	}
}

// structTree is the structure tree as read: its elements in document
// order and what they claim.
type structTree struct {
	roleMap pdfobj.Dict
	elems   []*elem
	// mcids is the element each marked-content sequence belongs to, by
	// page object and MCID; objrs the element of each annotation.
	mcids map[mcKey]*elem
	// reading is each marked-content sequence's place in the tree's
	// reading order (its elements' kids in order, depth first), by page
	// object and MCID.
	reading    map[mcKey]int
	objrs      map[int]*elem
	parentTree map[int]pdfobj.Object
}

type mcKey struct{ page, mcid int }

// mcid records that sequence k belongs to e, next in reading order (the
// first place of a sequence the tree names twice).
func (t *structTree) mcid(k mcKey, e *elem) {
	t.mcids[k] = e
	if _, ok := t.reading[k]; !ok {
		t.reading[k] = len(t.reading)
	}
}

// elem is a structure element.
type elem struct {
	num    int         // its object number; 0 if it is a direct object
	typ    pdfobj.Name // /S as written
	std    pdfobj.Name // the standard type it maps to; "" if none
	dict   pdfobj.Dict
	parent *elem
	kids   []*elem
	page   int  // the object number of its /Pg, or its parent's
	lang   bool // it or an ancestor has /Lang
	holds  bool // it holds content: an MCID or an object
}

// structure reads the structure tree and checks the rules about it alone;
// the pages are checked against it after.
func (c *checker) structure() {
	root, ok := c.f.Get(c.catalog, "StructTreeRoot").(pdfobj.Dict)
	if !ok {
		c.report("01-005", 0, "The file has no structure tree (/StructTreeRoot): it is untagged, so none of its content is tagged as real content; tag it, and mark running heads, rules and lines as artifacts.")
		return
	}
	t := &structTree{mcids: map[mcKey]*elem{}, reading: map[mcKey]int{}, objrs: map[int]*elem{}, parentTree: map[int]pdfobj.Object{}}
	c.tree = t
	t.roleMap, _ = c.f.Get(root, "RoleMap").(pdfobj.Dict)
	for _, e := range t.roleMap {
		if standard[e.Key] {
			c.report("02-004", 0, "The role map remaps the standard structure type /%s; remove its entry.", e.Key)
		}
	}
	c.numberTree(root.Get("ParentTree"), t.parentTree, map[int]bool{}, 0)
	seen := map[int]bool{}
	_, catalogLang := c.f.Get(c.catalog, "Lang").(pdfobj.String)
	c.kids(root.Get("K"), nil, 0, catalogLang, seen, 0)

	reported := map[pdfobj.Name]bool{}
	langMissing := false
	for _, e := range t.elems {
		if e.std == "" && !reported[e.typ] {
			reported[e.typ] = true
			if c.circular(e.typ) {
				c.report("02-003", c.pageOf(e), "The role map of the structure type /%s is circular; map it to a standard type.", e.typ)
			} else {
				c.report("02-001", c.pageOf(e), "The structure type /%s is not standard and the role map does not map it to a standard type; add it to /RoleMap or use a standard type.", e.typ)
			}
		}
		if e.holds && !e.lang && !langMissing {
			langMissing = true
			c.report("11-001", c.pageOf(e), "The natural language of the content of a /%s element cannot be determined: neither it, its ancestors nor the catalog have /Lang; set /Lang on the catalog.", e.typ)
		}
		switch e.std {
		case "Figure":
			if !hasText(c.f.Get(e.dict, "Alt")) && !hasText(c.f.Get(e.dict, "ActualText")) {
				c.report("13-004", c.pageOf(e), "A Figure has no alternative text (/Alt); give it one that says what the figure shows.")
			}
		case "Formula":
			if !hasText(c.f.Get(e.dict, "Alt")) && !hasText(c.f.Get(e.dict, "ActualText")) {
				c.report("17-002", c.pageOf(e), "A Formula has no alternative text (/Alt); give it one that reads the formula out.")
			}
		case "Table":
			c.table(e)
		case "TR":
			c.parentIs(e, "09-004", "Table", "THead", "TBody", "TFoot")
		case "THead", "TBody", "TFoot":
			c.parentIs(e, "09-004", "Table")
		case "TH", "TD":
			c.parentIs(e, "09-004", "TR")
		case "L":
			c.kidsAre(e, "09-005", "LI", "Caption")
		case "LI":
			c.parentIs(e, "09-005", "L")
			c.kidsAre(e, "09-005", "Lbl", "LBody")
		case "Lbl", "LBody":
			c.parentIs(e, "09-005", "LI")
		case "TOC":
			c.kidsAre(e, "09-006", "TOCI", "TOC", "Caption")
		case "TOCI":
			c.parentIs(e, "09-006", "TOC")
		}
	}
	c.headings()
	c.notes()
}

// kids reads the children in o of parent p (nil for the tree's root).
func (c *checker) kids(o pdfobj.Object, p *elem, pg int, lang bool, seen map[int]bool, depth int) {
	if depth > 256 {
		return
	}
	// Every object is read once: a tree whose arrays refer to themselves
	// would otherwise be walked without end.
	num := 0
	if r, ok := o.(pdfobj.Ref); ok {
		if seen[r.Num] {
			return
		}
		seen[r.Num] = true
		num = r.Num
	}
	if a, ok := c.resolve(o).(pdfobj.Array); ok {
		for _, k := range a {
			c.kids(k, p, pg, lang, seen, depth+1)
		}
		return
	}
	t := c.tree
	switch v := c.resolve(o).(type) {
	case pdfobj.Integer:
		if p != nil {
			p.holds = true
			t.mcid(mcKey{pg, int(v)}, p)
		}
	case pdfobj.Dict:
		if r, ok := v.Get("Pg").(pdfobj.Ref); ok {
			pg = r.Num
		}
		switch v.Get("Type") {
		case pdfobj.Name("MCR"):
			if id, ok := c.f.Get(v, "MCID").(pdfobj.Integer); ok && p != nil {
				p.holds = true
				t.mcid(mcKey{pg, int(id)}, p)
			}
			return
		case pdfobj.Name("OBJR"):
			if r, ok := v.Get("Obj").(pdfobj.Ref); ok && p != nil {
				p.holds = true
				t.objrs[r.Num] = p
			}
			return
		}
		s, ok := c.f.Get(v, "S").(pdfobj.Name)
		if !ok {
			return
		}
		_, own := c.f.Get(v, "Lang").(pdfobj.String)
		e := &elem{num: num, typ: s, std: c.standardType(s), dict: v, parent: p, page: pg, lang: lang || own}
		if p != nil {
			p.kids = append(p.kids, e)
		}
		t.elems = append(t.elems, e)
		c.kids(v.Get("K"), e, pg, e.lang, seen, depth+1)
	}
}

// standardType follows the role map from t to a standard type, or "".
func (c *checker) standardType(t pdfobj.Name) pdfobj.Name {
	for range 32 {
		if standard[t] {
			return t
		}
		next, ok := c.f.Get(c.tree.roleMap, t).(pdfobj.Name)
		if !ok {
			return ""
		}
		t = next
	}
	return ""
}

// circular reports whether the role map leads from t back to t.
func (c *checker) circular(t pdfobj.Name) bool {
	seen := map[pdfobj.Name]bool{}
	for !seen[t] {
		seen[t] = true
		next, ok := c.f.Get(c.tree.roleMap, t).(pdfobj.Name)
		if !ok {
			return false
		}
		t = next
	}
	return true
}

// numberTree flattens a number tree (§7.9.7) into out.
func (c *checker) numberTree(o pdfobj.Object, out map[int]pdfobj.Object, seen map[int]bool, depth int) {
	if r, ok := o.(pdfobj.Ref); ok {
		if seen[r.Num] {
			return
		}
		seen[r.Num] = true
	}
	d, ok := c.resolve(o).(pdfobj.Dict)
	if !ok || depth > 32 {
		return
	}
	nums, _ := c.f.Get(d, "Nums").(pdfobj.Array)
	for i := 0; i+1 < len(nums); i += 2 {
		if k, ok := nums[i].(pdfobj.Integer); ok {
			out[int(k)] = nums[i+1]
		}
	}
	kids, _ := c.f.Get(d, "Kids").(pdfobj.Array)
	for _, k := range kids {
		c.numberTree(k, out, seen, depth+1)
	}
}

func (c *checker) pageOf(e *elem) int { return c.pageNum[e.page] }

func hasText(o pdfobj.Object) bool {
	s, ok := o.(pdfobj.String)
	return ok && strings.TrimSpace(s.Text()) != ""
}

func (c *checker) parentIs(e *elem, checkpoint string, types ...pdfobj.Name) {
	for _, t := range types {
		if e.parent != nil && e.parent.std == t {
			return
		}
	}
	parent := pdfobj.Name("the structure tree root")
	if e.parent != nil {
		parent = "/" + e.parent.typ
	}
	c.report(checkpoint, c.pageOf(e), "A /%s element is a child of %s; it belongs in %s.", e.typ, parent, names(types))
}

func (c *checker) kidsAre(e *elem, checkpoint string, types ...pdfobj.Name) {
	for _, k := range e.kids {
		ok := false
		for _, t := range types {
			ok = ok || k.std == t
		}
		if !ok {
			c.report(checkpoint, c.pageOf(k), "A /%s element holds a /%s; it may hold only %s.", e.typ, k.typ, names(types))
		}
	}
}

func names(types []pdfobj.Name) string {
	var b strings.Builder
	for i, t := range types {
		switch {
		case i == 0:
		case i == len(types)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "/%s", t)
	}
	return b.String()
}

// table checks a table's rows and, unless its cells name their headers
// (/Headers), that every header cell has a /Scope.
func (c *checker) table(t *elem) {
	c.kidsAre(t, "09-004", "TR", "THead", "TBody", "TFoot", "Caption")
	var cells []*elem
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, k := range e.kids {
			switch k.std {
			case "TH", "TD":
				cells = append(cells, k)
			case "Table":
			default:
				walk(k)
			}
		}
	}
	walk(t)
	for _, cell := range cells {
		if c.attribute(cell, "Headers") != nil {
			return
		}
	}
	for _, cell := range cells {
		if cell.std == "TH" && c.attribute(cell, "Scope") == nil {
			c.report("15-003", c.pageOf(cell), "A table header cell (TH) has no /Scope and the table's cells do not name their headers; give it /A << /O /Table /Scope /Column >> (or /Row, /Both).")
		}
	}
}

// attribute is a Table attribute of e (§14.8.5.7), from /A.
func (c *checker) attribute(e *elem, key pdfobj.Name) pdfobj.Object {
	var list pdfobj.Array
	switch a := c.f.Get(e.dict, "A").(type) {
	case pdfobj.Dict:
		list = pdfobj.Array{a}
	case pdfobj.Array:
		list = a
	}
	for _, o := range list {
		if d, ok := c.resolve(o).(pdfobj.Dict); ok && d.Get("O") == pdfobj.Name("Table") {
			if v := c.f.Get(d, key); v != nil {
				return v
			}
		}
	}
	return nil
}

// headings checks that numbered headings start at H1 and go down a level
// at a time, and that H and H1–H6 are not mixed.
func (c *checker) headings() {
	prev, plain, numbered := 0, false, false
	for _, e := range c.tree.elems {
		if e.std == "H" {
			plain = true
			continue
		}
		if len(e.std) != 2 || e.std[0] != 'H' || e.std[1] < '1' || e.std[1] > '6' {
			continue
		}
		level := int(e.std[1] - '0')
		switch {
		case prev == 0 && level != 1:
			c.report("14-002", c.pageOf(e), "The first heading is /%s, not /H1; start the headings at H1.", e.typ)
		case prev > 0 && level > prev+1:
			c.report("14-003", c.pageOf(e), "A /%s follows an H%d: heading level %d is skipped.", e.typ, prev, prev+1)
		}
		prev, numbered = level, true
	}
	if plain && numbered {
		c.report("14-007", 0, "The structure tree uses both H and numbered headings (H1–H6); use one kind.")
	}
}

// notes checks that every Note has an ID of its own.
func (c *checker) notes() {
	ids := map[string]bool{}
	for _, e := range c.tree.elems {
		if e.std != "Note" {
			continue
		}
		id, ok := c.f.Get(e.dict, "ID").(pdfobj.String)
		switch {
		case !ok:
			c.report("19-003", c.pageOf(e), "A Note has no /ID; give each note a unique ID.")
		case ids[string(id)]:
			c.report("19-004", c.pageOf(e), "Two Notes have the ID %q; give each note a unique ID.", id.Text())
		}
		ids[string(id)] = true
	}
}
