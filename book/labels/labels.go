// Package labels holds the words a companion prints that are not the
// project's own — headings such as "Key quotations", page furniture,
// question types, dates and quotation marks — as one table per language
// (assets/labels, one flat YAML file each, in the manner of Quarto's).
// For picks the table of a BCP 47 tag, falling back from region to
// language (fr-CA → fr) and then to English; a project's own labels
// override single words. Layouts never write a word of their own: every
// one comes from the book's table.
package labels

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/companion-dev/companion/assets"
)

// English is the language every table is checked against and the last
// fallback.
const English = "en"

// Table is the words of one language. It is read-only once made, so a
// book's table is shared by layouts rendering at the same time.
type Table struct {
	Language string // the tag of the table's file, e.g. fr or en-GB
	words    map[string]string
}

// builtIn is the embedded tables by lower-case tag, each parsed once per
// process when first looked up: a build needs English and its book's
// language, and parsing all seven was a tenth of a check.
var builtIn = sync.OnceValue(func() map[string]builtInTable {
	tables := map[string]builtInTable{}
	files, err := fs.Glob(assets.Labels(), "*.yaml")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		tag := strings.TrimSuffix(path.Base(f), ".yaml")
		tables[strings.ToLower(tag)] = builtInTable{tag, sync.OnceValue(func() *Table {
			data, err := fs.ReadFile(assets.Labels(), f)
			if err != nil {
				panic(err)
			}
			words := map[string]string{}
			if err := yaml.Unmarshal(data, &words); err != nil {
				panic(fmt.Sprintf("labels: %s: %v", f, err)) // embedded data; TestTables reads each
			}
			return &Table{Language: tag, words: words}
		})}
	}
	return tables
})

// builtInTable is an embedded table's tag and, once parsed, its words.
type builtInTable struct {
	tag   string
	parse func() *Table
}

// english is the table every other is checked against and falls back to.
func english() *Table { return builtIn()[English].parse() }

// Languages lists the tags that have a table of their own, sorted.
func Languages() []string {
	var out []string
	for _, t := range builtIn() {
		out = append(out, t.tag)
	}
	slices.Sort(out)
	return out
}

// Keys lists every label's key, sorted: those of the English table.
func Keys() []string {
	return slices.Sorted(maps.Keys(english().words))
}

// renamed are the keys of labels that were renamed, each with its new
// key, so that a project's `labels:` that still gives an old one is told
// which key holds those words now.
var renamed = map[string]string{
	"chapter":                  "discussed-in-heading",
	"curriculum-mapping":       "curriculum-map",
	"curriculum-mapping-intro": "curriculum-map-subtitle",
}

// RenamedTo is the key that the label key old was renamed to, if it was.
func RenamedTo(old string) (key string, ok bool) {
	key, ok = renamed[old]
	return key, ok
}

// Lookup returns the built-in table of exactly tag (en-GB, fr), if there is
// one; For is what a book uses.
func Lookup(tag string) (*Table, bool) {
	t, ok := builtIn()[strings.ToLower(tag)]
	if !ok {
		return nil, false
	}
	return t.parse(), true
}

// For returns the table for a BCP 47 tag: the tag's own, else its
// language's (fr-CA → fr), else English. fellBack reports the last case for
// a language other than English, which a book warns about.
func For(tag string) (t *Table, fellBack bool) {
	if t, ok := Lookup(tag); ok {
		return t, false
	}
	base, _ := language.Make(tag).Base()
	if t, ok := Lookup(base.String()); ok {
		return t, false
	}
	return english(), base.String() != English
}

// With returns a copy of t in which the given keys have the given words:
// a project's own labels. Every key must be one of Keys.
func (t *Table) With(words map[string]string) *Table {
	if len(words) == 0 {
		return t
	}
	out := &Table{Language: t.Language, words: maps.Clone(t.words)}
	maps.Copy(out.words, words)
	return out
}

// Pseudo is a table whose every label is ⟦key⟧, for tests: a build with it
// shows which words of an output did not come from a table.
func Pseudo() *Table {
	t := &Table{Language: "x-pseudo", words: map[string]string{}}
	for _, k := range Keys() {
		t.words[k] = "⟦" + k + "⟧"
	}
	return t
}

// Get returns the label of key. A key missing from every table is a bug in
// the program, not in the project (TestTables checks each table has every
// key), so it panics.
func (t *Table) Get(key string) string {
	if s, ok := t.words[key]; ok {
		return s
	}
	if s, ok := english().words[key]; ok {
		return s
	}
	panic("labels: no label " + strconv.Quote(key))
}

// Of is the label of a value of the book's data, e.g. Of("phase", "pre")
// is the phase-pre label, Before reading; no value has no label.
func (t *Table) Of(kind, value string) string {
	if value == "" {
		return ""
	}
	return t.Get(kind + "-" + value)
}

// Format returns the label of key with each {name} replaced by its value,
// given as name, value pairs.
func (t *Table) Format(key string, pairs ...string) string {
	s := t.Get(key)
	if len(pairs)%2 != 0 {
		panic("labels: Format needs name, value pairs")
	}
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// Quote puts s in the language's quotation marks, turning the quotation
// marks it already has into the inner ones.
func (t *Table) Quote(s string) string {
	in := strings.NewReplacer(t.Get("quote-open"), t.Get("quote-inner-open"), t.Get("quote-close"), t.Get("quote-inner-close"),
		"“", t.Get("quote-inner-open"), "”", t.Get("quote-inner-close"))
	return t.Get("quote-open") + in.Replace(s) + t.Get("quote-close")
}

// And joins items as "A", "A and B", "A, B and C", in the language's words.
func (t *Table) And(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], t.Get("list-separator")) + " " + t.Get("and") + " " + items[len(items)-1]
}

// Date writes a date given as YYYY, YYYY-MM or YYYY-MM-DD (the manifest's
// form) in words: "2026", "November 2026", "21 novembre 2026".
func (t *Table) Date(s string) string {
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "-")
	var m, d int
	if len(parts) > 1 {
		m, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		d, _ = strconv.Atoi(parts[2])
	}
	if m < 1 || m > 12 {
		return parts[0]
	}
	month := t.Get("month-" + strconv.Itoa(m))
	if d > 0 {
		return t.Format("date-day-month-year", "day", strconv.Itoa(d), "month", month, "year", parts[0])
	}
	return t.Format("date-month-year", "month", month, "year", parts[0])
}
