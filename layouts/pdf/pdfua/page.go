package pdfua

import (
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// paints is the operators that put marks on the page (§8.2): text, path
// painting, shadings, XObjects and inline images. Path construction and
// the graphics state draw nothing and may stand outside marked content.
var paints = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
	"sh": true, "Do": true, "BI": true,
}

// marked is one open marked-content sequence.
type marked struct {
	artifact bool
	mcid     int // -1 for none
}

// page checks one page: its content against the structure tree, its
// annotations and its fonts.
func (c *checker) page(n int, p page) {
	content, err := c.f.PageContent(p.dict)
	if err != nil {
		c.report("UA1:7.1", n, "The page's content cannot be read (%v), so whether it is tagged cannot be told.", err)
		return
	}
	var (
		stack                 []marked
		unmarked, artInTagged int
		taggedInArt           int
		mcids                 []int
		inArtifact, inTagged  int // how many open sequences are artifacts, have an MCID
	)
	props, _ := c.f.Get(p.resources, "Properties").(pdfobj.Dict)
	text := c.newWords(p)
	s := pdfobj.NewScanner(content)
	for {
		op, ok, err := s.NextOperation()
		if err != nil {
			c.report("UA1:7.1", n, "The page's content is malformed (%v), so whether it is tagged cannot be told.", err)
			break
		}
		if !ok {
			break
		}
		switch op.Operator {
		case "BMC", "BDC":
			m := marked{mcid: -1}
			if len(op.Operands) > 0 {
				m.artifact = op.Operands[0] == pdfobj.Name("Artifact")
			}
			var d pdfobj.Dict
			if op.Operator == "BDC" && len(op.Operands) > 1 {
				d, _ = c.resolve(op.Operands[1]).(pdfobj.Dict)
				if name, ok := op.Operands[1].(pdfobj.Name); ok {
					d, _ = c.f.Get(props, name).(pdfobj.Dict)
				}
				if id, ok := c.f.Get(d, "MCID").(pdfobj.Integer); ok {
					m.mcid = int(id)
				}
			}
			var e *elem
			order := -1
			if m.mcid >= 0 && c.tree != nil && !m.artifact {
				k := mcKey{p.ref.Num, m.mcid}
				if e = c.tree.mcids[k]; e != nil {
					order = c.tree.reading[k]
				}
			}
			text.begin(e, m.artifact, d, order)
			switch {
			case m.artifact && inTagged > 0:
				artInTagged++
			case m.mcid >= 0 && inArtifact > 0:
				taggedInArt++
			}
			if m.artifact {
				inArtifact++
			}
			if m.mcid >= 0 {
				inTagged++
				mcids = append(mcids, m.mcid)
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				continue
			}
			text.end()
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if m.artifact {
				inArtifact--
			}
			if m.mcid >= 0 {
				inTagged--
			}
		default:
			if paints[op.Operator] && inArtifact == 0 && inTagged == 0 {
				unmarked++
			}
			text.operation(op)
		}
	}
	text.report(n)
	if unmarked > 0 {
		c.report("01-005", n, "%d drawing operators are neither in an Artifact nor in marked content with an MCID; mark running heads, page numbers, rules and lines as /Artifact and tag the rest.", unmarked)
	}
	if artInTagged > 0 {
		c.report("01-003", n, "%d Artifact sequences are inside tagged content; close the tagged sequence (EMC) before the artifact.", artInTagged)
	}
	if taggedInArt > 0 {
		c.report("01-004", n, "%d tagged sequences (with an MCID) are inside an Artifact; close the artifact (EMC) before the tagged content.", taggedInArt)
	}
	c.parentTree(n, p, mcids)
	c.annotations(n, p)
	c.fonts(n, p.resources, map[int]bool{}, 0)
}

// parentTree checks that every MCID of the page belongs to a structure
// element, and that the ParentTree leads back to it.
func (c *checker) parentTree(n int, p page, mcids []int) {
	if len(mcids) == 0 || c.tree == nil {
		if len(mcids) > 0 {
			c.report("01-005", n, "The page has marked content with MCIDs but the file has no structure tree for them to belong to.")
		}
		return
	}
	var parents pdfobj.Array
	sp, hasSP := c.f.Get(p.dict, "StructParents").(pdfobj.Integer)
	if hasSP {
		parents, _ = c.resolve(c.tree.parentTree[int(sp)]).(pdfobj.Array)
	}
	orphans, unlisted := 0, 0
	for _, id := range mcids {
		e := c.tree.mcids[mcKey{p.ref.Num, id}]
		if e == nil {
			orphans++
			continue
		}
		if id >= len(parents) {
			unlisted++
			continue
		}
		if r, ok := parents[id].(pdfobj.Ref); !ok || r.Num != e.num {
			unlisted++
		}
	}
	if orphans > 0 {
		c.report("01-005", n, "%d marked-content sequences have an MCID that no structure element refers to, so they are not tagged; list each MCID in the /K of its element.", orphans)
	}
	switch {
	case !hasSP:
		c.report("UA1:7.1", n, "The page has marked content with MCIDs but no /StructParents, so a reader cannot find the structure element of its content; give the page /StructParents and an entry in the ParentTree.")
	case unlisted > 0:
		c.report("UA1:7.1", n, "%d MCIDs of the page are missing from its ParentTree entry or lead to another element than the one that refers to them; entry %d of the ParentTree should list, at each MCID, its element.", unlisted, sp)
	}
}

// annotations checks the page's annotations: each in the structure tree,
// with a description, and the page's tab order following the structure.
func (c *checker) annotations(n int, p page) {
	annots, _ := c.f.Get(p.dict, "Annots").(pdfobj.Array)
	tabbed := false
	for _, o := range annots {
		a, ok := c.resolve(o).(pdfobj.Dict)
		if !ok {
			continue
		}
		sub, _ := c.f.Get(a, "Subtype").(pdfobj.Name)
		flags, _ := c.f.Get(a, "F").(pdfobj.Integer)
		if sub == "Popup" || sub == "PrinterMark" || flags&2 != 0 { // hidden
			continue
		}
		tabbed = true
		var e *elem
		if r, ok := o.(pdfobj.Ref); ok && c.tree != nil {
			e = c.tree.objrs[r.Num]
		}
		described := hasText(c.f.Get(a, "Contents"))
		switch sub {
		case "Link":
			if e == nil || e.std != "Link" {
				c.report("28-011", n, "A link annotation is not in a Link structure element; add a Link element whose /K holds an OBJR to the annotation.")
			}
			if !described {
				c.report("28-012", n, "A link annotation has no /Contents; describe where the link goes.")
			}
		case "Widget":
			if e == nil || e.std != "Form" {
				c.report("28-010", n, "A form field's widget annotation is not in a Form structure element; add one whose /K holds an OBJR to it.")
			}
		default:
			if e == nil || e.std != "Annot" {
				c.report("28-002", n, "A /%s annotation is not in an Annot structure element; add one whose /K holds an OBJR to it.", sub)
			}
			if !described && (e == nil || !hasText(c.f.Get(e.dict, "Alt"))) {
				c.report("28-004", n, "A /%s annotation has neither /Contents nor an /Alt on its structure element; describe it.", sub)
			}
		}
		if e != nil {
			sp, ok := c.f.Get(a, "StructParent").(pdfobj.Integer)
			r, isRef := c.tree.parentTree[int(sp)].(pdfobj.Ref)
			if !ok || !isRef || r.Num != e.num {
				c.report("UA1:7.1", n, "A /%s annotation's /StructParent does not lead through the ParentTree to its structure element.", sub)
			}
		}
	}
	if !tabbed {
		return
	}
	switch tabs, _ := c.f.Get(p.dict, "Tabs").(pdfobj.Name); tabs {
	case "S":
	case "":
		c.report("28-008", n, "The page has annotations but no /Tabs; set /Tabs /S so that the tab order follows the structure.")
	default:
		c.report("28-009", n, "The page's /Tabs is /%s; set it to /S so that the tab order follows the structure.", tabs)
	}
}

// adobeCollections are the character collections whose CIDs readers map
// to Unicode without a ToUnicode CMap.
var adobeCollections = map[pdfobj.String]bool{"Japan1": true, "GB1": true, "CNS1": true, "Korea1": true}

// fonts checks, once each, the fonts of resources and of the forms in them:
// embedded, and their character codes mappable to Unicode.
func (c *checker) fonts(n int, res pdfobj.Dict, seen map[int]bool, depth int) {
	if depth > 16 {
		return
	}
	if c.fontSeen == nil {
		c.fontSeen = map[int]bool{}
	}
	fonts, _ := c.f.Get(res, "Font").(pdfobj.Dict)
	for _, e := range fonts {
		r, isRef := e.Value.(pdfobj.Ref)
		if isRef && c.fontSeen[r.Num] {
			continue
		}
		if isRef {
			c.fontSeen[r.Num] = true
		}
		font, ok := c.resolve(e.Value).(pdfobj.Dict)
		if !ok {
			continue
		}
		c.font(n, font)
	}
	xobjects, _ := c.f.Get(res, "XObject").(pdfobj.Dict)
	for _, e := range xobjects {
		r, isRef := e.Value.(pdfobj.Ref)
		if isRef && seen[r.Num] {
			continue
		}
		if isRef {
			seen[r.Num] = true
		}
		if st, ok := c.resolve(e.Value).(*pdfobj.Stream); ok && st.Dict.Get("Subtype") == pdfobj.Name("Form") {
			inner, _ := c.f.Get(st.Dict, "Resources").(pdfobj.Dict)
			c.fonts(n, inner, seen, depth+1)
		}
	}
}

func (c *checker) font(n int, font pdfobj.Dict) {
	sub, _ := c.f.Get(font, "Subtype").(pdfobj.Name)
	base, _ := c.f.Get(font, "BaseFont").(pdfobj.Name)
	if sub == "Type3" { // drawn by content streams in the file
		return
	}
	program := font
	if sub == "Type0" {
		desc, _ := c.f.Get(font, "DescendantFonts").(pdfobj.Array)
		if len(desc) > 0 {
			program, _ = c.resolve(desc[0]).(pdfobj.Dict)
		}
	}
	fd, _ := c.f.Get(program, "FontDescriptor").(pdfobj.Dict)
	if !fd.Has("FontFile") && !fd.Has("FontFile2") && !fd.Has("FontFile3") {
		c.report("31-009", n, "The font /%s is not embedded; embed it.", base)
	}
	if font.Has("ToUnicode") {
		return
	}
	mappable := false
	switch enc := c.f.Get(font, "Encoding").(type) {
	case pdfobj.Name:
		if sub == "Type0" {
			info, _ := c.f.Get(program, "CIDSystemInfo").(pdfobj.Dict)
			ordering, _ := c.f.Get(info, "Ordering").(pdfobj.String)
			mappable = enc != "Identity-H" && enc != "Identity-V" && adobeCollections[ordering]
		} else {
			mappable = enc == "WinAnsiEncoding" || enc == "MacRomanEncoding" || enc == "MacExpertEncoding"
		}
	case pdfobj.Dict:
		mappable = sub != "Type0" // glyph names, which readers map to Unicode
	case nil:
		mappable = sub == "Type1" || sub == "MMType1" // the font's standard encoding
	}
	if !mappable {
		c.report("10-001", n, "The font /%s has no ToUnicode CMap, so its character codes cannot be mapped to Unicode; add one.", base)
	}
}
