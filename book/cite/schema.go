package cite

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// node is one element of a CSL style or locale, with its attributes read
// into typed fields when the file is read (setAttr), so that rendering
// never looks an attribute up by name and a misspelt one is reported
// instead of silently ignored.
type node struct {
	line, col int    // where the element starts in its file
	name      string // the element: "text", "names", "date-part", …
	kids      []*node
	text      string // character data: a term's text, an info title
	// cs:info's cs:link: rel="independent-parent" names a dependent
	// style's parent by its id in href
	rel, href string

	// what the element prints
	variable  string   // variable=, as written
	variables []string // variable=, split (names, conditions)
	form      string
	term      string
	value     opt[string] // cs:text value= ("" is a value)
	macroName string      // cs:text and cs:key macro=
	macro     *node       // the macro it names, once the style is read
	plural    string      // cs:text "true"; cs:label and cs:names' label: "contextual", "always", "never"
	partName  string      // cs:date-part and cs:macro and cs:term name=
	// a term's gender (a noun's: "feminine"), the gender an ordinal
	// term is the form for, and the numbers it matches (CSL 1.0.1)
	gender, genderForm string
	dateParts          string // cs:date date-parts=

	// formatting and affixes
	prefix, suffix         string
	delimiter              opt[string]
	fontStyle, fontVariant string
	fontWeight, textDecor  string
	verticalAlign, display string
	textCase               string
	quotes, stripPeriods   bool
	rangeDelimiter         opt[string]

	// cs:if and cs:else-if
	match string // "all" (default), "any", "none"
	conds []condTest

	// cs:key
	descending              bool
	namesMin, namesUseFirst opt[int]
	namesUseLast            bool

	// the name options an element sets (cs:style, citation, bibliography,
	// name) and, on cs:name, those in force: in the citation and in the
	// bibliography, which may share the name through a macro
	names              nameOptions
	resolved           [2]nameOptions
	citationOpts                 // cs:style, citation, bibliography options
	lang               string    // cs:locale xml:lang
	punctuationInQuote opt[bool] // cs:style-options
	limitDayOrdinals   opt[bool] // cs:style-options limit-day-ordinals-to-day-1
}

// citationOpts are the options of cs:style, cs:citation and cs:bibliography.
type citationOpts struct {
	class          string // "in-text" or "note"
	version        string // cs:style version=, "1.0" for CSL 1.0
	defaultLocale  string // cs:style default-locale=
	demoteParticle string // demote-non-dropping-particle
	// initialize-with-hyphen: "J.-P." for Jean-Paul, or "J.P." when false
	initializeWithHyphen opt[bool]
	pageRangeFormat      string

	addGivenname, addNames, addYearSuffix bool
	givennameRule                         string
	nearNoteDistance                      opt[int]
	collapse                              string
	citeGroupDelimiter                    opt[string]
	yearSuffixDelimiter                   opt[string]
	afterCollapseDelimiter                opt[string]

	authorSubstitute opt[string] // subsequent-author-substitute
	secondFieldAlign string      // "flush" or "margin"
	// the bibliography's layout: hanging-indent, line-spacing,
	// entry-spacing (BibliographyOptions)
	hangingIndent             bool
	lineSpacing, entrySpacing opt[int]
}

// opt is an attribute that may be absent, where absent differs from empty.
type opt[T any] struct {
	v  T
	ok bool
}

func some[T any](v T) opt[T] { return opt[T]{v, true} }

// or is the value, or d when the attribute is absent.
func (o opt[T]) or(d T) T {
	if o.ok {
		return o.v
	}
	return d
}

// over is o where given, else base: the inheritance of CSL options.
func (o opt[T]) over(base opt[T]) opt[T] {
	if o.ok {
		return o
	}
	return base
}

// nameOptions are the options of cs:name, which cs:style, cs:citation and
// cs:bibliography set for all the names they hold (the inheritable name
// options, with name-form, name-delimiter and names-delimiter).
type nameOptions struct {
	and                            opt[string]
	delimiterPrecedesEtAl          opt[string]
	delimiterPrecedesLast          opt[string]
	etAlMin, etAlUseFirst          opt[int]
	etAlSubsequentMin              opt[int]
	etAlSubsequentUseFirst         opt[int]
	etAlUseLast                    opt[bool]
	initialize                     opt[bool]
	initializeWith                 opt[string]
	nameAsSortOrder, sortSeparator opt[string]
	form, delimiter                opt[string] // name-form and name-delimiter above cs:name
	namesDelimiter                 opt[string]
}

// over is o with what o leaves unset taken from base.
func (o nameOptions) over(base nameOptions) nameOptions {
	return nameOptions{
		and:                    o.and.over(base.and),
		delimiterPrecedesEtAl:  o.delimiterPrecedesEtAl.over(base.delimiterPrecedesEtAl),
		delimiterPrecedesLast:  o.delimiterPrecedesLast.over(base.delimiterPrecedesLast),
		etAlMin:                o.etAlMin.over(base.etAlMin),
		etAlUseFirst:           o.etAlUseFirst.over(base.etAlUseFirst),
		etAlSubsequentMin:      o.etAlSubsequentMin.over(base.etAlSubsequentMin),
		etAlSubsequentUseFirst: o.etAlSubsequentUseFirst.over(base.etAlSubsequentUseFirst),
		etAlUseLast:            o.etAlUseLast.over(base.etAlUseLast),
		initialize:             o.initialize.over(base.initialize),
		initializeWith:         o.initializeWith.over(base.initializeWith),
		nameAsSortOrder:        o.nameAsSortOrder.over(base.nameAsSortOrder),
		sortSeparator:          o.sortSeparator.over(base.sortSeparator),
		form:                   o.form.over(base.form),
		delimiter:              o.delimiter.over(base.delimiter),
		namesDelimiter:         o.namesDelimiter.over(base.namesDelimiter),
	}
}

// condTest is one attribute of cs:if: "type", "variable", "is-numeric",
// "is-uncertain-date", "locator", "position" or "disambiguate", with its
// values.
type condTest struct {
	attr   string
	values []string
}

// setCond reads an attribute of cs:if or cs:else-if.
func (n *node) setCond(k, v string) error {
	if k == "match" {
		if v != "all" && v != "any" && v != "none" {
			return fmt.Errorf("match=%q: the value is all, any or none", v)
		}
		n.match = v
		return nil
	}
	n.conds = append(n.conds, condTest{k, strings.Fields(v)})
	slices.SortStableFunc(n.conds, func(a, b condTest) int {
		return slices.Index(condOrder, a.attr) - slices.Index(condOrder, b.attr)
	})
	return nil
}

// condOrder is the order in which cs:if tests its attributes.
var condOrder = []string{"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate"}

// The attributes each element may carry (CSL 1.0.2), beyond the groups
// below. The children of cs:info are not checked: they describe the style.
const (
	formatting   = " font-style font-variant font-weight text-decoration vertical-align"
	affixes      = " prefix suffix"
	inheritNames = " and delimiter-precedes-et-al delimiter-precedes-last et-al-min et-al-use-first et-al-use-last" +
		" et-al-subsequent-min et-al-subsequent-use-first initialize initialize-with name-as-sort-order sort-separator"
	aboveNames = inheritNames + " name-form name-delimiter names-delimiter"
)

var elementAttrs = map[string]string{
	"style": "class version default-locale demote-non-dropping-particle initialize-with-hyphen page-range-format" + aboveNames,
	"citation": "disambiguate-add-givenname disambiguate-add-names disambiguate-add-year-suffix givenname-disambiguation-rule" +
		" near-note-distance collapse cite-group-delimiter year-suffix-delimiter after-collapse-delimiter" + aboveNames,
	"bibliography": "hanging-indent second-field-align line-spacing entry-spacing subsequent-author-substitute" +
		" subsequent-author-substitute-rule" + aboveNames,
	"info": "", "macro": "name", "layout": "delimiter" + affixes + formatting,
	"text":       "variable form macro term plural value display quotes strip-periods text-case" + affixes + formatting,
	"number":     "variable form display text-case" + affixes + formatting,
	"label":      "variable form plural strip-periods text-case" + affixes + formatting,
	"names":      "variable delimiter display" + affixes + formatting,
	"name":       "form delimiter" + inheritNames + affixes + formatting,
	"name-part":  "name text-case" + affixes + formatting,
	"et-al":      "term" + formatting,
	"substitute": "",
	"date":       "variable form date-parts delimiter display text-case" + affixes + formatting,
	"date-part":  "name form range-delimiter strip-periods text-case" + affixes + formatting,
	"group":      "delimiter display" + affixes + formatting,
	"choose":     "", "else": "",
	"if":      "disambiguate is-numeric is-uncertain-date locator position type variable match",
	"else-if": "disambiguate is-numeric is-uncertain-date locator position type variable match",
	"sort":    "", "key": "variable macro names-min names-use-first names-use-last sort",
	"locale": "xml:lang version", "style-options": "punctuation-in-quote limit-day-ordinals-to-day-1",
	"terms": "", "term": "name form gender gender-form match", "single": "", "multiple": "",
}

// knownAttrs holds every attribute of every element, for "did you mean".
var knownAttrs = func() map[string][]string {
	m := map[string][]string{}
	for el, as := range elementAttrs {
		m[el] = strings.Fields(as)
	}
	return m
}()

// setAttr reads one attribute into its field; an attribute the element
// does not take, or a value it cannot have, is an error.
func (n *node) setAttr(k, v string) error {
	if !slices.Contains(knownAttrs[n.name], k) {
		return fmt.Errorf("<%s> has no attribute %s", n.name, k)
	}
	boolean := func(dst *bool) error {
		switch v {
		case "true":
			*dst = true
		case "false":
			*dst = false
		default:
			return fmt.Errorf("%s=%q: the value is true or false", k, v)
		}
		return nil
	}
	optBool := func(dst *opt[bool]) error {
		var b bool
		err := boolean(&b)
		*dst = some(b)
		return err
	}
	optInt := func(dst *opt[int]) error {
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 {
			return fmt.Errorf("%s=%q: the value is a whole number", k, v)
		}
		*dst = some(i)
		return nil
	}
	if n.name == "if" || n.name == "else-if" {
		return n.setCond(k, v)
	}
	if n.name == "term" {
		switch k {
		case "gender":
			n.gender = v
			return nil
		case "gender-form":
			n.genderForm = v
			return nil
		case "match":
			n.match = v
			return nil
		}
	}
	o := &n.names
	switch k {
	case "variable":
		n.variable, n.variables = v, strings.Fields(v)
	case "form":
		n.form = v
		if n.name == "name" {
			o.form = some(v)
		}
	case "term":
		n.term = v
	case "value":
		n.value = some(v)
	case "macro":
		n.macroName = v
	case "plural":
		n.plural = v
	case "name":
		n.partName = v
	case "date-parts":
		n.dateParts = v
	case "prefix":
		n.prefix = v
	case "suffix":
		n.suffix = v
	case "delimiter":
		n.delimiter = some(v)
		if n.name == "name" {
			o.delimiter = some(v)
		}
	case "font-style":
		n.fontStyle = v
	case "font-variant":
		n.fontVariant = v
	case "font-weight":
		n.fontWeight = v
	case "text-decoration":
		n.textDecor = v
	case "vertical-align":
		n.verticalAlign = v
	case "display":
		n.display = v
	case "text-case":
		n.textCase = v
	case "quotes":
		return boolean(&n.quotes)
	case "strip-periods":
		return boolean(&n.stripPeriods)
	case "range-delimiter":
		n.rangeDelimiter = some(v)
	case "sort":
		n.descending = v == "descending"
	case "names-min":
		return optInt(&n.namesMin)
	case "names-use-first":
		return optInt(&n.namesUseFirst)
	case "names-use-last":
		return boolean(&n.namesUseLast)
	case "and":
		o.and = some(v)
	case "delimiter-precedes-et-al":
		o.delimiterPrecedesEtAl = some(v)
	case "delimiter-precedes-last":
		o.delimiterPrecedesLast = some(v)
	case "et-al-min":
		return optInt(&o.etAlMin)
	case "et-al-use-first":
		return optInt(&o.etAlUseFirst)
	case "et-al-subsequent-min":
		return optInt(&o.etAlSubsequentMin)
	case "et-al-subsequent-use-first":
		return optInt(&o.etAlSubsequentUseFirst)
	case "et-al-use-last":
		return optBool(&o.etAlUseLast)
	case "initialize":
		return optBool(&o.initialize)
	case "initialize-with":
		o.initializeWith = some(v)
	case "name-as-sort-order":
		o.nameAsSortOrder = some(v)
	case "sort-separator":
		o.sortSeparator = some(v)
	case "name-form":
		o.form = some(v)
	case "name-delimiter":
		o.delimiter = some(v)
	case "names-delimiter":
		o.namesDelimiter = some(v)
	case "class":
		n.class = v
	case "version":
		n.version = v
	case "default-locale":
		n.defaultLocale = v
	case "demote-non-dropping-particle":
		n.demoteParticle = v
	case "initialize-with-hyphen":
		return optBool(&n.initializeWithHyphen)
	case "page-range-format":
		n.pageRangeFormat = v
	case "disambiguate-add-givenname":
		return boolean(&n.addGivenname)
	case "disambiguate-add-names":
		return boolean(&n.addNames)
	case "disambiguate-add-year-suffix":
		return boolean(&n.addYearSuffix)
	case "givenname-disambiguation-rule":
		n.givennameRule = v
	case "near-note-distance":
		return optInt(&n.nearNoteDistance)
	case "collapse":
		n.collapse = v
	case "cite-group-delimiter":
		n.citeGroupDelimiter = some(v)
	case "year-suffix-delimiter":
		n.yearSuffixDelimiter = some(v)
	case "after-collapse-delimiter":
		n.afterCollapseDelimiter = some(v)
	case "second-field-align":
		n.secondFieldAlign = v
	case "subsequent-author-substitute":
		n.authorSubstitute = some(v)
	case "hanging-indent":
		return boolean(&n.hangingIndent)
	case "line-spacing":
		return optInt(&n.lineSpacing)
	case "entry-spacing":
		return optInt(&n.entrySpacing)
	case "xml:lang":
		n.lang = v
	case "punctuation-in-quote":
		return optBool(&n.punctuationInQuote)
	case "limit-day-ordinals-to-day-1":
		return optBool(&n.limitDayOrdinals)
	}
	// the rest are valid CSL that the processor does not act on yet:
	// subsequent-author-substitute-rule and a term's gender
	return nil
}
