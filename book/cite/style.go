package cite

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// kidsOrNil is the element's children, none for a missing element.
func (n *node) kidsOrNil() []*node {
	if n == nil {
		return nil
	}
	return n.kids
}

func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// parseXML reads a style or locale. A syntax error is an error; an element
// or attribute that CSL does not have, or a value it cannot take, is a
// problem in warns, and the element or attribute is left out.
func parseXML(data []byte) (root *node, warns []*posError, err error) {
	return parseXMLUntil(data, "")
}

// parseXMLUntil reads as parseXML does, but only as far as the end of the
// root's first child named until ("info": a style's header), when until
// is not "".
func parseXMLUntil(data []byte, until string) (root *node, warns []*posError, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	inInfo := 0 // depth inside cs:info, whose children describe the style
	for {
		// the decoder's position before a token is where the token starts
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = "not well-formed XML: " + se.Msg
			}
			return nil, nil, &posError{line: line, col: col, msg: msg}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{line: line, col: col, name: t.Name.Local}
			_, known := elementAttrs[n.name]
			switch {
			case inInfo > 0:
				inInfo++
				if n.name == "link" {
					for _, a := range t.Attr {
						switch a.Name.Local {
						case "rel":
							n.rel = a.Value
						case "href":
							n.href = a.Value
						}
					}
				}
			case n.name == "info":
				inInfo = 1
			case !known:
				w := n.errorf("CSL has no element <%s>", n.name)
				w.elem = n.name
				warns = append(warns, w)
			}
			if inInfo == 0 && known {
				for _, a := range t.Attr {
					k := a.Name.Local
					switch a.Name.Space {
					case "xmlns":
						continue
					case "xml", "http://www.w3.org/XML/1998/namespace":
						k = "xml:" + k
					}
					if k == "xmlns" {
						continue
					}
					if err := n.setAttr(k, a.Value); err != nil {
						w := n.errorf("%v", err)
						if !slices.Contains(knownAttrs[n.name], k) {
							w.elem, w.attr = n.name, k
						}
						warns = append(warns, w)
					}
				}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if inInfo > 0 {
				inInfo--
			}
			if until != "" && len(stack) == 1 && t.Name.Local == until {
				return root, warns, nil
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, nil, &posError{line: 1, col: 1, msg: "the file holds no XML element"}
	}
	return root, warns, nil
}

// posError is a problem at a line and column of a style or locale file.
type posError struct {
	line, col  int
	msg        string
	elem, attr string // what was ignored: an unknown element, or an attribute of elem
}

func (e *posError) Error() string { return e.msg }

func (n *node) errorf(format string, args ...any) *posError {
	return &posError{line: n.line, col: n.col, msg: fmt.Sprintf(format, args...)}
}

// termKey finds a term: its name, form, and for an ordinal the gender it
// is the form for ("" for the neuter form, and for other terms).
type termKey struct{ name, form, gender string }

// term is a term's text; gender is a noun's gender ("feminine" for the
// French édition), match which numbers an ordinal term is for.
type term struct{ single, multiple, gender, match string }

type locale struct {
	lang         string // "en-US"
	terms        map[termKey]term
	dates        map[string]*node // "text", "numeric"
	punctInQuote bool
	// only the first of the month takes an ordinal ("1er", but "2")
	limitDayOrdinals bool
}

func (l *locale) merge(n *node) {
	for _, k := range n.kids {
		switch k.name {
		case "style-options":
			l.punctInQuote = k.punctuationInQuote.or(l.punctInQuote)
			l.limitDayOrdinals = k.limitDayOrdinals.or(l.limitDayOrdinals)
		case "date":
			l.dates[k.form] = k
		case "terms":
			// ordinal terms given here replace the whole set (CSL
			// 1.0.1): "ordinal-01" alone must not mix with the
			// base locale's "ordinal-02"
			for _, t := range k.kids {
				if strings.HasPrefix(t.partName, "ordinal") {
					maps.DeleteFunc(l.terms, func(k termKey, _ term) bool { return strings.HasPrefix(k.name, "ordinal") })
					break
				}
			}
			for _, t := range k.kids {
				form := t.form
				if form == "" {
					form = "long"
				}
				var tm term
				if s, m := t.child("single"), t.child("multiple"); s != nil || m != nil {
					if s != nil {
						tm.single = s.text
					}
					if m != nil {
						tm.multiple = m.text
					}
				} else {
					tm.single, tm.multiple = t.text, t.text
				}
				// a straight apostrophe in a term ("à l'adresse") prints
				// as the typographic one, as citeproc-js prints it
				tm.single = strings.ReplaceAll(tm.single, "'", "’")
				tm.multiple = strings.ReplaceAll(tm.multiple, "'", "’")
				tm.gender, tm.match = t.gender, t.match
				l.terms[termKey{t.partName, form, t.genderForm}] = tm
			}
		}
	}
}

// term looks a term up, falling back through the forms as CSL prescribes.
func (l *locale) term(name, form string, plural bool) (string, bool) {
	if form == "" {
		form = "long"
	}
	for _, f := range formFallback(form) {
		if t, ok := l.terms[termKey{name, f, ""}]; ok {
			if plural {
				return t.multiple, true
			}
			return t.single, true
		}
	}
	return "", false
}

func formFallback(form string) []string {
	switch form {
	case "verb-short":
		return []string{"verb-short", "verb", "long"}
	case "symbol":
		return []string{"symbol", "short", "long"}
	case "short":
		return []string{"short", "long"}
	}
	return []string{form, "long"}
}

// cslStyle is a parsed style with its locale.
type cslStyle struct {
	root         *node
	macros       map[string]*node
	citation     *node
	bibliography *node
	loc          *locale
	// the name options the style and each area set, for names without a
	// cs:name (sort keys by a name variable)
	areaNames [2]nameOptions
	// the style places the year-suffix itself; else the processor adds it
	// to the first year a cite or entry prints, as citeproc-js does
	printsYearSuffix bool
	// the bibliography sets parts of an entry apart (display="…")
	displays bool
}

// parseLocale reads a locale file (locales-xx-XX.xml).
func parseLocale(data []byte) (*locale, []*posError, error) {
	root, warns, err := parseXML(data)
	if err != nil {
		return nil, nil, err
	}
	if root.name != "locale" {
		return nil, nil, root.errorf("the root element is <%s>, not <locale>", root.name)
	}
	l := &locale{lang: root.lang, terms: map[termKey]term{}, dates: map[string]*node{}}
	l.merge(root)
	return l, warns, nil
}

// clone copies a locale so that a style's own terms can be merged into it.
func (l *locale) clone() *locale {
	c := *l
	c.terms = maps.Clone(l.terms)
	c.dates = maps.Clone(l.dates)
	return &c
}

// compileStyle reads a style over a locale: the style's own <locale>
// elements for the locale's language (or for any language) override the
// locale's terms and dates. Macros are looked up and name options
// inherited here, once, so rendering follows pointers and reads fields.
func compileStyle(styleXML []byte, loc *locale) (*cslStyle, []*posError, error) {
	root, warns, err := parseXML(styleXML)
	if err != nil {
		return nil, nil, err
	}
	if root.name != "style" {
		return nil, nil, root.errorf("the root element is <%s>, not <style>", root.name)
	}
	st := &cslStyle{root: root, macros: map[string]*node{}, loc: loc.clone()}
	for _, k := range root.kids {
		switch k.name {
		case "macro":
			st.macros[k.partName] = k
		case "citation":
			st.citation = k
		case "bibliography":
			st.bibliography = k
		}
	}
	st.mergeLocales(root)
	if st.citation == nil {
		return nil, nil, root.errorf("the style has no <citation>")
	}
	var link func(n *node)
	link = func(n *node) {
		if n.display != "" {
			st.displays = true
		}
		if slices.Contains(n.variables, "year-suffix") {
			st.printsYearSuffix = true
		}
		for _, t := range n.conds {
			if t.attr == "variable" && slices.Contains(t.values, "year-suffix") {
				st.printsYearSuffix = true
			}
		}
		if n.macroName != "" {
			if n.macro = st.macros[n.macroName]; n.macro == nil {
				warns = append(warns, n.errorf("there is no macro %q", n.macroName))
			}
		}
		for _, k := range n.kids {
			link(k)
		}
	}
	link(root)
	for area, el := range []*node{st.citation, st.bibliography} {
		if el != nil {
			st.inherit(el, area, el.names.over(root.names))
		}
	}
	return st, warns, nil
}

// mergeLocales merges a style's own <locale> elements for the locale's
// language into its terms and dates: least specific first, so that
// "en-US" overrides "en", which overrides a <locale> without a language.
func (st *cslStyle) mergeLocales(root *node) {
	base, _, _ := strings.Cut(st.loc.lang, "-")
	for _, want := range []string{"", base, st.loc.lang} {
		for _, k := range root.kids {
			if k.name == "locale" && k.lang == want {
				st.loc.merge(k)
			}
		}
		if want == st.loc.lang {
			break
		}
	}
}

// The areas of a style, which set name options for the names they hold.
const (
	inCitation = iota
	inBibliography
)

// inherit sets the name options in force on every cs:name under n in one
// area, following macros (once each, so a recursive macro ends).
func (st *cslStyle) inherit(n *node, area int, opts nameOptions) {
	seen := map[*node]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if n.name == "name" {
			n.resolved[area] = n.names.over(opts)
		}
		for _, k := range n.kids {
			walk(k)
		}
		if m := n.macro; m != nil && !seen[m] {
			seen[m] = true
			walk(m)
		}
	}
	walk(n)
	st.areaNames[area] = opts
}
