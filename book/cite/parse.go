package cite

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/internal/yamlsrc"
)

// Parse reads a bibliography: CSL-YAML (.yaml, .yml: a list of references,
// or a `references:` key holding the list, as pandoc reads it) or CSL-JSON
// (.json, as Zotero exports it), decided by the file name. Every problem is
// a diagnostic at file:line:col; references with errors are still returned
// when they have an id, so later stages can check citations against them.
func Parse(file string, data []byte) ([]*Reference, diag.List) {
	var l diag.List
	isJSON := strings.EqualFold(filepath.Ext(file), ".json")
	if isJSON {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			line, col := 1, 1
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			off := int64(len(data))
			if errors.As(err, &se) {
				off = se.Offset
			} else if errors.As(err, &te) {
				off = te.Offset
			}
			line, col = lineCol(data, int(off))
			msg := strings.TrimPrefix(err.Error(), "json: ")
			l.Errorf(diag.Pos{File: file, Line: line, Col: col}, "invalid JSON: %s", msg)
			l.Hintf("%s", jsonHint)
			return nil, l
		}
	}
	var doc yaml.Node
	if isJSON {
		d, err := jsonNode(data)
		if err != nil {
			l.Errorf(diag.Pos{File: file}, "invalid JSON: %v", err)
			l.Hintf("%s", jsonHint)
			return nil, l
		}
		doc = *d
	} else {
		root, errs := yamlsrc.Parse(data, 1)
		for _, e := range errs {
			l.Errorf(diag.Pos{File: file, Line: e.Line, Col: e.Col}, "%s", e.Message)
			l.Hintf("%s", e.Hint)
		}
		if len(errs) > 0 {
			return nil, l
		}
		if root != nil {
			doc.Kind, doc.Content = yaml.DocumentNode, []*yaml.Node{root}
		}
	}
	p := &parser{file: file, src: data, l: &l, markdown: !isJSON}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.Warnf(diag.Pos{File: file}, "the bibliography is empty")
		return nil, l
	}
	root := doc.Content[0]
	list := root
	if root.Kind == yaml.MappingNode {
		list = nil
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Value == "references" {
				list = v
				continue
			}
			if isJSON {
				continue
			}
			l.Warnf(p.pos(k), "%q ignored: a bibliography file holds a list of references, or a references: key", k.Value)
		}
		if list == nil {
			l.Errorf(p.pos(root), "expected a list of references, or a references: key holding the list")
			return nil, l
		}
	}
	if list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
		return nil, l
	}
	if list.Kind != yaml.SequenceNode {
		l.Errorf(p.pos(list), "expected a list of references, found %s", yamlsrc.Describe(list))
		return nil, l
	}
	var refs []*Reference
	seen := map[string]*Reference{}
	for _, n := range list.Content {
		r := p.reference(n)
		if r == nil {
			continue
		}
		if first, dup := seen[r.ID]; dup {
			l.Errorf(r.FieldPos["id"], "duplicate id %q", r.ID)
			l.Hintf("the first %q is at line %d; ids must be unique", r.ID, first.Pos.Line)
			continue
		}
		seen[r.ID] = r
		refs = append(refs, r)
	}
	return refs, l
}

// jsonHint is what to do about CSL-JSON that does not parse: it is
// usually exported, so exporting again beats editing by hand.
const jsonHint = "export the references from Zotero again (Export Library…, format CSL JSON), or fix the JSON here: a comma before } or ] and a missing comma are the usual slips"

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, r := range string(data[:off]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	// encoding/json reports the offset after the offending byte
	if col > 1 {
		col--
	}
	return line, col
}

type parser struct {
	file     string
	src      []byte
	l        *diag.List
	markdown bool // CSL-YAML: pandoc reads text fields as Markdown
}

// markdownFields are the fields where pandoc users write *italics*.
var markdownFields = map[string]bool{"title": true, "title-short": true, "container-title": true,
	"collection-title": true, "note": true, "original-title": true, "volume-title": true}

var mdItalicRE = regexp.MustCompile(`(^|[\s(“"'‘-])(\*([^*\s](?:[^*]*[^*\s])?)\*|_([^_\s](?:[^_]*[^_\s])?)_)($|[\s).,;:!?”"'’-])`)

// mdItalics turns Markdown *italics* and _italics_ into the <i> markup CSL
// processors read, as pandoc does for CSL-YAML.
func mdItalics(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	for range 8 {
		t := mdItalicRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdItalicRE.FindStringSubmatch(m)
			inner := sub[3]
			if inner == "" {
				inner = sub[4]
			}
			return sub[1] + "<i>" + inner + "</i>" + sub[5]
		})
		if t == s {
			break
		}
		s = t
	}
	return s
}

func (p *parser) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: p.file, Line: n.Line, Col: n.Column}
}

// noteFields reads the variables Zotero users write in a note (Zotero's
// Extra field), one "name: value" a line, as citeproc-js reads them:
// "reviewed-title: Decrease of Deaf potential", "event-date:
// 2004-10-01/2004-10-14", a name as "reviewed-author: Hall||W.C.". A
// variable the reference gives itself is left as it is; a line that names
// no CSL variable, or a value that cannot be read, is only note.
func (p *parser) noteFields(r *Reference, keys map[string]*yaml.Node) {
	at := keys["note"]
	// a line that cannot be read stays only note, without a
	// diagnostic: it is prose as much as data
	saved := p.l
	p.l = &diag.List{}
	defer func() { p.l = saved }()
	for _, line := range strings.Split(r.Note, "\n") {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || value == "" || keys[name] != nil || name == "id" || name == "type" || !slices.Contains(allKeys, name) {
			continue
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: name, Line: at.Line, Column: at.Column}
		v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Line: at.Line, Column: at.Column}
		if nameVars[name] != nil || slices.Contains(otherNameVars, name) {
			family, given, _ := strings.Cut(value, "||")
			v = &yaml.Node{Kind: yaml.SequenceNode, Line: at.Line, Column: at.Column, Content: []*yaml.Node{{
				Kind: yaml.MappingNode, Line: at.Line, Column: at.Column, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Value: "family"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.TrimSpace(family)},
					{Kind: yaml.ScalarNode, Value: "given"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.TrimSpace(given)},
				}}}}
		}
		keys[name] = k
		p.field(r, name, k, v)
	}
}

// aliases are keys other tools write for a CSL variable.
var aliases = map[string]string{
	"journalAbbreviation": "container-title-short",
	"shortTitle":          "title-short",
	"event":               "event-title",
	"url":                 "URL",
	"doi":                 "DOI",
	"isbn":                "ISBN",
	"issn":                "ISSN",
	"pmid":                "PMID",
	"pmcid":               "PMCID",
}

// pandocKeys are accepted and ignored.
var ignoredKeys = map[string]bool{"categories": true, "custom": true, "citation-key": true, "keyword": true,
	"license": true, "system_id": true, "nocite": true}

func knownKeys() []string {
	var ks []string
	ks = append(ks, "id", "type")
	for k := range textVars {
		ks = append(ks, k)
	}
	ks = append(ks, otherTextVars...)
	for k := range nameVars {
		ks = append(ks, k)
	}
	ks = append(ks, otherNameVars...)
	for k := range dateVars {
		ks = append(ks, k)
	}
	ks = append(ks, otherDateVars...)
	slices.Sort(ks)
	return ks
}

var allKeys = knownKeys()

func (p *parser) reference(n *yaml.Node) *Reference {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		p.l.Errorf(p.pos(n), "expected a reference (a mapping with id, type, title, …), found %s", yamlsrc.Describe(n))
		return nil
	}
	r := &Reference{Pos: p.pos(n), FieldPos: map[string]diag.Pos{}}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		key := k.Value
		if a, ok := aliases[key]; ok {
			key = a
		}
		if prev, dup := keys[key]; dup {
			msg, hint := yamlsrc.DuplicateKey(k.Value, "a reference", prev.Line)
			p.l.Errorf(p.pos(k), "%s", msg)
			p.l.Hintf("%s", hint)
			continue
		}
		keys[key] = k
		r.FieldPos[key] = p.pos(v)
		p.field(r, key, k, v)
	}
	if v := keys["note"]; v != nil {
		p.noteFields(r, keys)
	}
	if r.ID == "" {
		if _, had := keys["id"]; !had {
			p.l.Errorf(r.Pos, "reference without an id")
			p.l.Hintf("add id: a short key such as ishiguro2005, used to cite it as [@ishiguro2005]")
		}
		return nil
	}
	if _, had := keys["type"]; !had {
		p.l.Errorf(r.FieldPos["id"], "reference %q has no type", r.ID)
		p.l.Hintf("add type: book, chapter, article-journal, article-newspaper, article-magazine, motion_picture, webpage or interview")
	}
	p.required(r, keys)
	return r
}

// required reports fields a style cannot do without.
func (p *parser) required(r *Reference, keys map[string]*yaml.Node) {
	at := r.FieldPos["id"]
	if t, ok := keys["type"]; ok {
		at = p.pos(t)
	}
	need := []string{"title"}
	switch r.Type {
	case "interview", "personal_communication":
		need = nil
	case "chapter", "article-journal", "article-magazine", "article-newspaper", "entry-encyclopedia", "entry-dictionary", "paper-conference":
		need = append(need, "container-title")
	}
	for _, f := range need {
		if r.textVar(f) == "" {
			what := strings.ReplaceAll(r.Type, "_", " ")
			if f == "container-title" {
				p.l.Errorf(at, "%s %q has no container-title", articleFor(what), r.ID)
				p.l.Hintf("container-title names the %s it appears in", containerOf(r.Type))
			} else {
				p.l.Errorf(at, "%s %q has no title", articleFor(what), r.ID)
			}
		}
	}
	if r.Type == "webpage" && r.URL == "" {
		p.l.Warnf(at, "webpage %q has no URL", r.ID)
	}
}

func articleFor(w string) string {
	if w == "" {
		return "reference"
	}
	return w
}

func containerOf(t string) string {
	switch t {
	case "chapter":
		return "book"
	case "article-journal":
		return "journal"
	case "article-newspaper":
		return "newspaper"
	case "article-magazine":
		return "magazine"
	}
	return "work"
}

func (p *parser) scalar(k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.l.Errorf(p.pos(v), "%s must be text, found %s", k.Value, yamlsrc.Describe(v))
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(v.Value), true
}

func (p *parser) field(r *Reference, key string, k, v *yaml.Node) {
	switch {
	case key == "id":
		s, ok := p.scalar(k, v)
		if !ok {
			return
		}
		if s == "" {
			p.l.Errorf(p.pos(v), "empty id")
			return
		}
		if strings.ContainsAny(s, " \t;,[]{}") || strings.HasPrefix(s, "@") {
			p.l.Warnf(p.pos(v), "id %q cannot be cited as [@%s]: use letters, digits and _ - : . only", s, s)
		}
		r.ID = s
	case key == "type":
		s, ok := p.scalar(k, v)
		if !ok {
			return
		}
		if !slices.Contains(Types, s) {
			p.l.Errorf(p.pos(v), "unknown type %q", s)
			if near, ok := diag.Near(s, Types); ok {
				p.l.Hintf("did you mean %q?", near)
			} else {
				p.l.Hintf("types: book, chapter, article-journal, article-newspaper, article-magazine, motion_picture, webpage, interview, … (CSL item types)")
			}
			return
		}
		r.Type = s
	case textVars[key] != nil || slices.Contains(otherTextVars, key):
		s, ok := p.scalar(k, v)
		if !ok {
			return
		}
		if p.markdown && markdownFields[key] {
			s = mdItalics(s)
			// the titles a reader sees in the works cited
			if line, col, msg, hint, ok := yamlsrc.CommentInValue(p.src, v); ok {
				p.l.Warnf(diag.Pos{File: p.file, Line: line, Col: col}, "%s", msg)
				p.l.Hintf("%s", hint)
			}
		}
		if f := textVars[key]; f != nil {
			*f(r) = s
		} else {
			if r.Other == nil {
				r.Other = map[string]string{}
			}
			r.Other[key] = s
		}
	case nameVars[key] != nil || slices.Contains(otherNameVars, key):
		names := p.names(k, v)
		if f := nameVars[key]; f != nil {
			*f(r) = names
		} else if len(names) > 0 {
			if r.OtherNames == nil {
				r.OtherNames = map[string][]Name{}
			}
			r.OtherNames[key] = names
		}
	case dateVars[key] != nil || slices.Contains(otherDateVars, key):
		d, ok := p.date(k, v)
		if f := dateVars[key]; f != nil && ok {
			*f(r) = d
		}
	case ignoredKeys[key]:
	default:
		// CSL has more variables than anyone lists; a key near none of
		// them is someone else's extension, and is let through
		msg, hint, near := yamlsrc.UnknownKey(k.Value, "a reference", allKeys)
		if near {
			p.l.Errorf(p.pos(k), "%s", msg)
			p.l.Hintf("%s", hint)
			return
		}
		p.l.Warnf(p.pos(k), "%s; it is ignored", msg)
	}
}

var nameKeys = []string{"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal",
	"comma-suffix", "static-ordering", "parse-names", "isInstitution"}

func (p *parser) names(k, v *yaml.Node) []Name {
	items := v.Content
	switch v.Kind {
	case yaml.SequenceNode:
	case yaml.MappingNode:
		items = []*yaml.Node{v}
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		p.l.Errorf(p.pos(v), "%s must be a list of names, found %s", k.Value, yamlsrc.Describe(v))
		p.l.Hintf("write - {family: Ishiguro, given: Kazuo}, or - {literal: British Film Institute} for an organisation")
		return nil
	default:
		p.l.Errorf(p.pos(v), "%s must be a list of names", k.Value)
		return nil
	}
	var out []Name
	for _, it := range items {
		if it.Kind == yaml.AliasNode && it.Alias != nil {
			it = it.Alias
		}
		if it.Kind != yaml.MappingNode {
			p.l.Errorf(p.pos(it), "a name must be a mapping such as {family: Ishiguro, given: Kazuo}, found %s", yamlsrc.Describe(it))
			if it.Kind == yaml.ScalarNode {
				p.l.Hintf("for an organisation write {literal: %s}", it.Value)
			}
			continue
		}
		var nm Name
		parse, institution, commaSuffix := true, false, false
		for i := 0; i+1 < len(it.Content); i += 2 {
			nk, nv := it.Content[i], it.Content[i+1]
			s, ok := p.scalar(nk, nv)
			if !ok {
				continue
			}
			switch nk.Value {
			case "family":
				nm.Family = s
			case "given":
				nm.Given = s
			case "dropping-particle":
				nm.DroppingParticle = s
			case "non-dropping-particle":
				nm.NonDroppingParticle = s
			case "suffix":
				nm.Suffix = s
			case "literal":
				nm.Literal = s
			case "parse-names":
				parse = s != "false"
			case "isInstitution":
				// CSL-JSON from Zotero: an organisation in family
				institution = s == "true"
			case "comma-suffix":
				commaSuffix = s == "true"
			case "static-ordering":
			default:
				msg, hint, near := yamlsrc.UnknownKey(nk.Value, "a name", nameKeys)
				if !near {
					hint = "the parts of a name are family, given, dropping-particle, non-dropping-particle and suffix, or literal"
				}
				p.l.Errorf(p.pos(nk), "%s", msg)
				p.l.Hintf("%s", hint)
			}
		}
		if nm.IsZero() {
			p.l.Errorf(p.pos(it), "empty name: give family and given, or literal")
			continue
		}
		if nm.Literal != "" && (nm.Family != "" || nm.Given != "") {
			p.l.Warnf(p.pos(it), "a name has both literal and family/given: literal is used")
			nm = Name{Literal: nm.Literal}
		}
		if institution && nm.Literal == "" {
			nm = Name{Literal: joinNonEmpty(" ", nm.Given, nm.Family)}
		}
		if parse {
			nm = parseParticles(nm)
		}
		if commaSuffix && nm.Suffix != "" && !strings.HasPrefix(nm.Suffix, "!") {
			// citeproc-js's mark for a suffix set off by a comma
			nm.Suffix = "!" + nm.Suffix
		}
		out = append(out, nm)
	}
	return out
}

// parseParticles splits particles and suffixes out of family and given
// names as citeproc-js does: {family: "van Gogh"} has the non-dropping
// particle "van", {given: "Simone de"} the dropping particle "de", and
// {given: "Martin Luther, Jr."} the suffix "Jr.".
func parseParticles(nm Name) Name {
	if nm.Literal != "" {
		return nm
	}
	if nm.NonDroppingParticle == "" && nm.DroppingParticle == "" {
		if m := hyphenParticle.FindStringSubmatch(nm.Family); m != nil {
			// Arabic "al-One": the particle joined by its hyphen
			nm.NonDroppingParticle, nm.Family = m[1], m[2]
			return parseGiven(nm)
		}
		fs := strings.Fields(nm.Family)
		i := 0
		for i < len(fs)-1 && isLowerWord(fs[i]) {
			i++
		}
		if i > 0 {
			nm.NonDroppingParticle = strings.Join(fs[:i], " ")
			nm.Family = strings.Join(fs[i:], " ")
		}
	}
	return parseGiven(nm)
}

// hyphenParticle is a short lowercase particle hyphenated to the family
// name ("al-One", "el-Amin"), as citeproc-js splits it.
var hyphenParticle = regexp.MustCompile(`^(\p{Ll}{1,3}-)(\p{Lu}\S*)$`)

// parseGiven splits a suffix and a dropping particle out of the given
// names: "Martin Luther, Jr.", "Simone de".
func parseGiven(nm Name) Name {
	if nm.Suffix == "" {
		if g, s, ok := strings.Cut(nm.Given, ","); ok && strings.TrimSpace(s) != "" {
			nm.Given, nm.Suffix = strings.TrimSpace(g), strings.TrimSpace(s)
		}
	}
	if nm.DroppingParticle == "" {
		fs := strings.Fields(nm.Given)
		j := len(fs)
		for j > 1 && isLowerWord(fs[j-1]) {
			j--
		}
		if j < len(fs) {
			nm.DroppingParticle = strings.Join(fs[j:], " ")
			nm.Given = strings.Join(fs[:j], " ")
		}
	}
	return nm
}

func isLowerWord(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

var dateKeys = []string{"date-parts", "season", "circa", "literal", "raw", "year", "month", "day"}

var isoDate = regexp.MustCompile(`^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([~?%]?)$`)

func (p *parser) date(k, v *yaml.Node) (Date, bool) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
			return Date{}, false
		}
		return p.dateString(k, v, v.Value, false)
	case yaml.MappingNode:
		var d Date
		ok, hasParts := true, false
		var raw *yaml.Node // read only when there are no date-parts
		for i := 0; i+1 < len(v.Content); i += 2 {
			dk, dv := v.Content[i], v.Content[i+1]
			switch dk.Value {
			case "date-parts":
				if dv.Kind == yaml.SequenceNode && len(dv.Content) == 0 {
					// Zotero's form of a date it only has as text:
					// no parts, and a literal or raw beside them
					continue
				}
				parts := p.dateParts(k, dv)
				if parts == nil {
					ok = false
					continue
				}
				hasParts = true
				start := parts[0]
				d.Year, d.Month, d.Day = start.Year, start.Month, start.Day
				if start.Season != 0 {
					d.Season = start.Season
				}
				if len(parts) > 1 {
					e := parts[1]
					d.End = &e
				}
			case "season":
				s, _ := p.scalar(dk, dv)
				n, err := strconv.Atoi(s)
				if err != nil {
					switch strings.ToLower(s) {
					case "spring":
						n = 1
					case "summer":
						n = 2
					case "autumn", "fall":
						n = 3
					case "winter":
						n = 4
					}
				}
				if n < 1 || n > 4 {
					p.l.Errorf(p.pos(dv), "season must be 1-4 (spring, summer, autumn, winter), found %q", s)
					ok = false
					continue
				}
				d.Season = n
			case "circa":
				s, _ := p.scalar(dk, dv)
				d.Circa = s != "" && s != "false" && s != "0"
			case "literal":
				s, _ := p.scalar(dk, dv)
				d.Literal = s
			case "raw":
				raw = dv
			case "year", "month", "day":
				s, _ := p.scalar(dk, dv)
				n, err := strconv.Atoi(s)
				if err != nil {
					p.l.Errorf(p.pos(dv), "%s must be a number, found %q", dk.Value, s)
					ok = false
					continue
				}
				switch dk.Value {
				case "year":
					d.Year = n
				case "month":
					d.Month = n
				case "day":
					d.Day = n
				}
			default:
				msg, hint, near := yamlsrc.UnknownKey(dk.Value, "a date", dateKeys)
				if !near {
					hint = `write a date as {date-parts: [[2005, 4, 4]]} or "2005-04-04"`
				}
				p.l.Errorf(p.pos(dk), "%s", msg)
				p.l.Hintf("%s", hint)
			}
		}
		if raw != nil && !hasParts {
			s, _ := p.scalar(k, raw)
			if rd, rok := p.dateString(k, raw, s, true); rok {
				d.Year, d.Month, d.Day, d.Season, d.End = rd.Year, rd.Month, rd.Day, rd.Season, rd.End
				if d.Literal == "" {
					d.Literal = rd.Literal
				}
				d.Circa = d.Circa || rd.Circa
			}
		}
		if ok && !p.checkDate(v, k.Value, d) {
			return Date{}, false
		}
		return d, ok && !d.IsZero()
	}
	if v.Kind == yaml.SequenceNode && len(v.Content) > 0 && v.Content[0].Kind == yaml.MappingNode {
		// pandoc-citeproc's older form: [{year: 2005, month: 4}, {year: 2006}]
		var out Date
		for i, it := range v.Content {
			d, ok := p.date(k, it)
			if !ok {
				return Date{}, false
			}
			if i == 0 {
				out = d
			} else if i == 1 {
				e := d
				out.End = &e
			}
		}
		return out, true
	}
	p.l.Errorf(p.pos(v), `%s must be a date such as "2005-04-04" or {date-parts: [[2005, 4, 4]]}, found %s`, k.Value, yamlsrc.Describe(v))
	return Date{}, false
}

func (p *parser) checkDate(at *yaml.Node, field string, d Date) bool {
	for _, x := range []*Date{&d, d.End} {
		if x == nil {
			continue
		}
		if x.Month != 0 && (x.Month < 1 || x.Month > 12) {
			p.l.Errorf(p.pos(at), "%s: month %d does not exist (1-12)", field, x.Month)
			return false
		}
		if x.Day != 0 {
			if x.Month == 0 {
				p.l.Errorf(p.pos(at), "%s: a day without a month", field)
				return false
			}
			if x.Day < 1 || x.Day > daysIn(x.Year, x.Month) {
				p.l.Errorf(p.pos(at), "%s: day %d does not exist in month %d", field, x.Day, x.Month)
				return false
			}
		}
	}
	return true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	}
	return 31
}

func (p *parser) dateParts(k, v *yaml.Node) []Date {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		p.l.Errorf(p.pos(v), "date-parts must be a list of lists, as [[2005, 4, 4]]")
		return nil
	}
	var out []Date
	for _, row := range v.Content {
		if row.Kind != yaml.SequenceNode {
			p.l.Errorf(p.pos(row), "date-parts must be a list of lists, as [[2005, 4, 4]]")
			return nil
		}
		if len(row.Content) == 0 || len(row.Content) > 3 {
			p.l.Errorf(p.pos(row), "a date-parts entry holds year, month and day: [2005, 4, 4]")
			return nil
		}
		var nums [3]int
		for i, c := range row.Content {
			if c.Kind != yaml.ScalarNode {
				p.l.Errorf(p.pos(c), "date-parts must hold numbers, found %s", yamlsrc.Describe(c))
				return nil
			}
			n, err := strconv.Atoi(strings.TrimSpace(c.Value))
			if strings.TrimSpace(c.Value) == "" {
				// ["2000", "", ""]: the parts not known
				n, err = 0, nil
			}
			if err != nil {
				p.l.Errorf(p.pos(c), "date-parts must hold numbers, found %q", c.Value)
				return nil
			}
			nums[i] = n
		}
		d := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
		if d.Month >= 13 && d.Month <= 24 {
			if d.Month <= 20 {
				// most likely a typo, so an error; the date is still
				// read as citeproc-js reads it (13-16 and 17-20 are
				// spring to winter, as 21-24 are), for a caller that
				// goes on with the diagnostics
				p.l.Errorf(p.pos(row.Content[1]), "%s: month %d does not exist (1-12)", k.Value, d.Month)
				p.l.Hintf("write a season as 21-24 (spring to winter) or as season: spring")
			}
			// a season has no day
			d.Season, d.Month, d.Day = (d.Month-13)%4+1, 0, 0
		}
		if d.Month > 12 || d.Month < 0 {
			p.l.Errorf(p.pos(row.Content[1]), "%s: month %d does not exist (1-12)", k.Value, d.Month)
			return nil
		}
		if d.Day != 0 && (d.Day < 1 || d.Day > daysIn(d.Year, d.Month) || d.Month == 0) {
			p.l.Errorf(p.pos(row.Content[2]), "%s: day %d does not exist in month %d", k.Value, d.Day, d.Month)
			return nil
		}
		out = append(out, d)
	}
	return out
}

var monthNames = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// dateString reads "2005-04-04", "2005-04", "2005", EDTF ranges
// ("2005/2006") and uncertainty ("2005~", "2005?"). A raw date may also be
// written out ("April 4, 2005", "4 April 2005"); what cannot be read is
// kept as a literal with a warning.
func (p *parser) dateString(k, v *yaml.Node, s string, raw bool) (Date, bool) {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, "/"); ok && a != "" && b != "" {
		d1, ok1 := p.dateString(k, v, a, raw)
		d2, ok2 := p.dateString(k, v, b, raw)
		if !ok1 || !ok2 {
			return Date{}, false
		}
		d1.End = &d2
		return d1, true
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		var d Date
		d.Year, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			d.Month, _ = strconv.Atoi(m[2])
		}
		if m[3] != "" {
			d.Day, _ = strconv.Atoi(m[3])
		}
		d.Circa = m[4] != ""
		if d.Month >= 21 && d.Month <= 24 {
			d.Season, d.Month = d.Month-20, 0
		}
		if !p.checkDate(v, k.Value, d) {
			return Date{}, false
		}
		return d, true
	}
	if raw {
		if d, ok := proseDate(s); ok {
			return d, true
		}
		p.l.Warnf(p.pos(v), "%s: cannot read %q as a date; it is printed as written", k.Value, s)
		return Date{Literal: s}, true
	}
	p.l.Errorf(p.pos(v), "%s: malformed date %q", k.Value, s)
	p.l.Hintf(`write "2005-04-04", "2005-04" or "2005", or {literal: %s} to print it as it is`, s)
	return Date{}, false
}

func proseDate(s string) (Date, bool) {
	fs := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(strings.ToLower(s)))
	var d Date
	for _, f := range fs {
		if m, ok := monthNames[f]; ok && d.Month == 0 {
			d.Month = m
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return Date{}, false
		}
		if n > 31 && d.Year == 0 {
			d.Year = n
		} else if d.Day == 0 && n >= 1 && n <= 31 {
			d.Day = n
		} else {
			return Date{}, false
		}
	}
	if d.Year == 0 || (d.Day != 0 && d.Month == 0) {
		return Date{}, false
	}
	return d, true
}
