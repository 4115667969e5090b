package cite

// TestCSLSuite runs the official CSL processor test suite (vendored in
// testdata/csl-suite, see its README) through the public API, as any
// processor's test runner would: the style and locale from XML, the items
// from CSL-JSON, the citations as clusters, the output as citeproc-js's
// HTML. Fixtures that do not pass yet are named in csl-suite-failures.txt
// with the reason; the test fails when one of them starts passing (so the
// list stays true) or when any other fixture fails. Run with
// -update-csl-failures to rewrite the list after a fix, and review the diff
// like code.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var updateFailures = flag.Bool("update-csl-failures", false, "rewrite testdata/csl-suite-failures.txt from this run")

const failuresFile = "testdata/csl-suite-failures.txt"

// fixtureTimeout catches a fixture that hangs. A fixture takes about a
// millisecond; the margin is for a machine busy with other work, where
// wall time is many times CPU time.
const fixtureTimeout = 10 * time.Second

// fixture is one test of the suite: its sections by name.
type fixture struct {
	name     string
	sections map[string]string
}

var sectionRE = regexp.MustCompile(`(?ms)^>>=+ ([A-Z-]+) =+>>\n(.*?)\n?<<=+ ([A-Z-]+) =+<<`)

func readFixture(path string) (fixture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return fixture{}, err
	}
	data = bytes.TrimPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\uFEFF"))
	f := fixture{name: strings.TrimSuffix(filepath.Base(path), ".txt"), sections: map[string]string{}}
	for _, m := range sectionRE.FindAllStringSubmatch(string(data), -1) {
		f.sections[m[1]] = m[2]
	}
	for _, s := range []string{"MODE", "RESULT", "CSL", "INPUT"} {
		if _, ok := f.sections[s]; !ok {
			return f, fmt.Errorf("%s: no %s section", path, s)
		}
	}
	return f, nil
}

// suiteItem is a cite as the suite writes it (citeproc-js's citation item).
type suiteItem struct {
	ID             any    `json:"id"` // a string, or a number in a few fixtures
	Locator        any    `json:"locator"`
	Label          string `json:"label"`
	Prefix         string `json:"prefix"`
	Suffix         string `json:"suffix"`
	SuppressAuthor bool   `json:"suppress-author"`
	Position       int    `json:"position"`
	NearNote       bool   `json:"near-note"`
}

func (s suiteItem) item() Item {
	loc := ""
	if s.Locator != nil {
		loc = fmt.Sprint(s.Locator)
	}
	return Item{Key: fmt.Sprint(s.ID), Locator: loc, Label: s.Label, Prefix: s.Prefix, Suffix: s.Suffix,
		SuppressAuthor: s.SuppressAuthor, Position: Position(s.Position), NearNote: s.NearNote}
}

// suiteCitation is the first part of an entry of a CITATIONS section;
// the entry goes on with the citations before and after it in the
// document, each as [citationID, noteIndex].
type suiteCitation struct {
	ID    string      `json:"citationID"`
	Items []suiteItem `json:"citationItems"`
	Props struct {
		NoteIndex int `json:"noteIndex"`
	} `json:"properties"`
}

// withIDs gives an id to each input item that has none, "ITEM-1" for the
// first, as the suite's own runner does.
func withIDs(input []byte) []byte {
	var items []map[string]any
	if json.Unmarshal(input, &items) != nil {
		return input
	}
	changed := false
	for i, it := range items {
		if _, ok := it["id"]; !ok {
			it["id"] = fmt.Sprintf("ITEM-%d", i+1)
			changed = true
		}
	}
	if !changed {
		return input
	}
	out, err := json.Marshal(items)
	if err != nil {
		return input
	}
	return out
}

// runCitations plays a CITATIONS section as citeproc-js's
// processCitationCluster does: each entry adds (or replaces) a citation
// at its place among the others, and the processor sees only the works
// the document cites. The result is the document's citations after the
// last entry, ">>" marking those the last entry changed: in text, or in
// what citeproc-js would re-render them for (see citeAll).
func runCitations(style *CSL, firstNotes, numbers bool, refs []*Reference, src string) (string, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(src), &raw); err != nil {
		return "", fmt.Errorf("CITATIONS: %v", err)
	}
	byID := map[string]Citation{}
	var order []string
	var before map[string]string // the outputs before the last entry
	var outputs map[string]string
	var stateBefore, state map[string]string
	var last string
	for _, r := range raw {
		var sc suiteCitation
		var pre, post [][]any
		if len(r) != 3 || json.Unmarshal(r[0], &sc) != nil || json.Unmarshal(r[1], &pre) != nil || json.Unmarshal(r[2], &post) != nil {
			return "", fmt.Errorf("CITATIONS: malformed entry")
		}
		c := Citation{Note: sc.Props.NoteIndex}
		for _, it := range sc.Items {
			c.Items = append(c.Items, it.item())
		}
		byID[sc.ID] = c
		order = order[:0]
		for _, p := range pre {
			id := fmt.Sprint(p[0])
			order = append(order, id)
			setNote(byID, id, p)
		}
		order = append(order, sc.ID)
		for _, p := range post {
			id := fmt.Sprint(p[0])
			order = append(order, id)
			setNote(byID, id, p)
		}
		before, stateBefore, last = outputs, state, sc.ID
		outputs, state = citeAll(style, firstNotes, numbers, refs, byID, order)
	}
	var lines []string
	for i, id := range order {
		mark := ".."
		if id == last || before != nil && (before[id] != outputs[id] || stateBefore[id] != state[id]) {
			mark = ">>"
		}
		lines = append(lines, fmt.Sprintf("%s[%d] %s", mark, i, outputs[id]))
	}
	return strings.Join(lines, "\n"), nil
}

func setNote(byID map[string]Citation, id string, p []any) {
	if c, ok := byID[id]; ok && len(p) > 1 {
		if n, ok := p[1].(float64); ok {
			c.Note = int(n)
			byID[id] = c
		}
	}
}

// citeAll formats the document's citations over the works it cites. With
// each citation's output it gives its state: its note and what the
// processor decided for each of its works (citation number, names added,
// year suffix), which citeproc-js compares to know which citations to
// update, even when their text comes out the same. The note counts only
// in a style that prints first-reference-note-number (firstNotes), the
// citation number only in one that prints it (numbers).
func citeAll(style *CSL, firstNotes, numbers bool, refs []*Reference, byID map[string]Citation, order []string) (outputs, states map[string]string) {
	byKey := map[string]*Reference{}
	for _, r := range refs {
		byKey[r.ID] = r
	}
	// the works in the order first cited, as citeproc-js registers them
	var cs []Citation
	var used []*Reference
	seen := map[string]bool{}
	for _, id := range order {
		cs = append(cs, byID[id])
		for _, it := range byID[id].Items {
			if r := byKey[it.Key]; r != nil && !seen[it.Key] {
				seen[it.Key] = true
				used = append(used, r)
			}
		}
	}
	outputs, states = map[string]string{}, map[string]string{}
	p := NewCSL(style, used)
	for i, t := range p.Citations(cs) {
		id := order[i]
		outputs[id] = t.CiteprocHTML()
		st := ""
		if firstNotes {
			st = fmt.Sprint(cs[i].Note)
		}
		for _, it := range cs[i].Items {
			if d := p.ds[byKey[it.Key]]; d != nil {
				st += fmt.Sprintf(" %d/%d/%v/%v/%s", d.addNames, d.givenLevel, d.givenLevels, d.disamb, d.yearSuffix)
				if numbers {
					st += fmt.Sprint("/", d.number)
				}
			}
		}
		states[id] = st
	}
	return outputs, states
}

// runFixture formats a fixture as the suite expects its RESULT.
func runFixture(f fixture, locales *suiteLocales) (string, error) {
	mode := strings.TrimSpace(f.sections["MODE"])
	if mode != "citation" && mode != "bibliography" {
		return "", fmt.Errorf("mode %q is not supported", mode)
	}
	locale, err := locales.For(f.sections["CSL"])
	if err != nil {
		return "", err
	}
	style, diags := ReadCSL(f.name+".csl", []byte(f.sections["CSL"]), locale)
	if diags.HasErrors() {
		return "", diags
	}
	refs, _ := Parse(f.name+".json", withIDs([]byte(f.sections["INPUT"])))
	p := NewCSL(style, refs)
	if mode == "bibliography" {
		if cited, ok := citedIn(f, refs); ok {
			// as citeproc-js's runner: the works the citations cite
			p = NewCSL(style, cited)
		}
		return BibliographyHTML(p.WorksCited()), nil
	}
	if src, ok := f.sections["CITATIONS"]; ok {
		uses := func(v string) bool { return strings.Contains(f.sections["CSL"], v) }
		return runCitations(style, uses("first-reference-note-number"), uses("citation-number"), refs, src)
	}
	var clusters [][]Item
	if src, ok := f.sections["CITATION-ITEMS"]; ok {
		var raw [][]suiteItem
		if err := json.Unmarshal([]byte(src), &raw); err != nil {
			return "", fmt.Errorf("CITATION-ITEMS: %v", err)
		}
		for _, r := range raw {
			var items []Item
			for _, it := range r {
				items = append(items, it.item())
			}
			clusters = append(clusters, items)
		}
	} else {
		var items []Item
		for _, r := range refs {
			items = append(items, Item{Key: r.ID})
		}
		clusters = [][]Item{items}
	}
	var lines []string
	for _, items := range clusters {
		lines = append(lines, p.Cite(items).CiteprocHTML())
	}
	return strings.Join(lines, "\n"), nil
}

// citedIn is the references a fixture's CITATIONS or CITATION-ITEMS
// cite, in the order first cited; ok is false when it has neither.
func citedIn(f fixture, refs []*Reference) (cited []*Reference, ok bool) {
	var ids []string
	if src, has := f.sections["CITATIONS"]; has {
		// the document after the last entry: the citations it names
		// before and after itself, each as last set
		var raw [][]json.RawMessage
		if json.Unmarshal([]byte(src), &raw) != nil {
			return nil, false
		}
		byID := map[string][]suiteItem{}
		var order []string
		for _, r := range raw {
			var sc suiteCitation
			var pre, post [][]any
			if len(r) != 3 || json.Unmarshal(r[0], &sc) != nil || json.Unmarshal(r[1], &pre) != nil || json.Unmarshal(r[2], &post) != nil {
				return nil, false
			}
			byID[sc.ID] = sc.Items
			order = order[:0]
			for _, p := range pre {
				order = append(order, fmt.Sprint(p[0]))
			}
			order = append(order, sc.ID)
			for _, p := range post {
				order = append(order, fmt.Sprint(p[0]))
			}
		}
		for _, id := range order {
			for _, it := range byID[id] {
				ids = append(ids, fmt.Sprint(it.ID))
			}
		}
	} else if src, has := f.sections["CITATION-ITEMS"]; has {
		var raw [][]suiteItem
		if json.Unmarshal([]byte(src), &raw) != nil {
			return nil, false
		}
		for _, c := range raw {
			for _, it := range c {
				ids = append(ids, fmt.Sprint(it.ID))
			}
		}
	} else {
		return nil, false
	}
	byID := map[string]*Reference{}
	for _, r := range refs {
		byID[r.ID] = r
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if r := byID[id]; r != nil && !seen[id] {
			seen[id] = true
			cited = append(cited, r)
		}
	}
	return cited, true
}

// suiteLocales are the locales the fixtures ask for (vendored in
// testdata/csl-suite/locales), each over en-US, as citeproc-js reads them.
type suiteLocales struct {
	mu      sync.Mutex
	byLang  map[string]*Locale
	dialect map[string]string // "fr": "fr-FR"
}

func newSuiteLocales() (*suiteLocales, error) {
	data, err := os.ReadFile("testdata/csl-suite/locales/locales.json")
	if err != nil {
		return nil, err
	}
	var index struct {
		Primary map[string]string `json:"primary-dialects"`
	}
	if err := json.Unmarshal(data, &index); err != nil {
		return nil, err
	}
	return &suiteLocales{byLang: map[string]*Locale{}, dialect: index.Primary}, nil
}

var defaultLocaleRE = regexp.MustCompile(`<style[^>]*\sdefault-locale="([^"]+)"`)

// For is the locale of a style: its default-locale (a language alone means
// its primary dialect), else (or when there is no such locale) en-US.
func (s *suiteLocales) For(style string) (*Locale, error) {
	lang := "en-US"
	if m := defaultLocaleRE.FindStringSubmatch(style); m != nil {
		lang = m[1]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	base, err := s.read("en-US")
	if err != nil {
		return nil, err
	}
	if l, err := s.read(lang); err == nil {
		return l.Over(base), nil
	}
	tag, _, _ := strings.Cut(lang, "-")
	if l, err := s.read(s.dialect[tag]); err == nil {
		return l.Over(base), nil
	}
	if l, err := s.read(tag); err == nil {
		return l.Over(base), nil
	}
	// a locale that does not exist: citeproc-js goes on in en-US
	return base, nil
}

func (s *suiteLocales) read(lang string) (*Locale, error) {
	if l, ok := s.byLang[lang]; ok {
		return l, nil
	}
	name := "locales-" + lang + ".xml"
	data, err := os.ReadFile(filepath.Join("testdata/csl-suite/locales", name))
	if err != nil {
		return nil, err
	}
	l, diags := ReadLocale(name, data)
	if diags.HasErrors() {
		return nil, diags
	}
	s.byLang[lang] = l
	return l, nil
}

// outcome is what became of one fixture: "" when it passed, else why not.
func outcome(f fixture, locales *suiteLocales) (why string) {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v", r)
			}
		}()
		got, err := runFixture(f, locales)
		switch {
		case err != nil:
			done <- strings.ReplaceAll(err.Error(), "\n", " ")
		case got != strings.TrimSpace(f.sections["RESULT"]):
			done <- "differs:\n got: " + got + "\nwant: " + strings.TrimSpace(f.sections["RESULT"])
		default:
			done <- ""
		}
	}()
	select {
	case why := <-done:
		return why
	case <-time.After(fixtureTimeout):
		return fmt.Sprintf("timeout: the fixture took over %v", fixtureTimeout)
	}
}

func TestCSLSuite(t *testing.T) {
	locales, err := newSuiteLocales()
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("testdata/csl-suite/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/csl-suite: %v", err)
	}
	expected := readFailures(t)
	start := time.Now()
	passed := 0
	failures := map[string]string{}
	for _, path := range paths {
		f, err := readFixture(path)
		if err != nil {
			t.Error(err)
			continue
		}
		why := outcome(f, locales)
		if why == "" {
			passed++
			if _, listed := expected[f.name]; listed && !*updateFailures {
				t.Errorf("%s passes now: remove it from %s", f.name, failuresFile)
			}
			continue
		}
		if strings.HasPrefix(why, "panic") || strings.HasPrefix(why, "timeout") {
			t.Errorf("%s: %s", f.name, why)
			continue
		}
		failures[f.name] = why
		if _, listed := expected[f.name]; !listed && !*updateFailures {
			t.Errorf("%s fails and is not in %s: %s", f.name, failuresFile, why)
		}
	}
	t.Logf("CSL suite: %d of %d fixtures pass (%.1f%%) in %v", passed, len(paths),
		100*float64(passed)/float64(len(paths)), time.Since(start).Round(time.Millisecond))
	if *updateFailures {
		writeFailures(t, failures, expected)
	}
}

// readFailures reads the expected failures: one fixture a line, its name
// and, after a tab, the reason.
func readFailures(t *testing.T) map[string]string {
	data, err := os.ReadFile(failuresFile)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, reason, ok := strings.Cut(l, "\t")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s: %q has no reason after a tab", failuresFile, l)
		}
		m[name] = reason
	}
	return m
}

// writeFailures rewrites the list, keeping the reasons already written and
// giving new failures the reason failureReason finds.
func writeFailures(t *testing.T, failures map[string]string, old map[string]string) {
	var names []string
	for n := range failures {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("# CSL suite fixtures (testdata/csl-suite) that do not pass yet: name, tab, reason.\n")
	b.WriteString("# TestCSLSuite fails when one of them passes or another fails.\n")
	for _, n := range names {
		reason := old[n]
		if reason == "" {
			f, _ := readFixture(filepath.Join("testdata/csl-suite", n+".txt"))
			reason = failureReason(f, failures[n])
		}
		b.WriteString(n + "\t" + reason + "\n")
	}
	if err := os.WriteFile(failuresFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// failureReason names what a failing fixture needs that the processor
// lacks, from the features its style, input and expected result use; the
// first that applies is given. A failure none of them explains is "output
// differs" in the fixture's area, not analysed yet.
func failureReason(f fixture, why string) string {
	style, want, input := f.sections["CSL"], f.sections["RESULT"], f.sections["INPUT"]
	has := func(s string) bool { return strings.Contains(style, s) }
	if !strings.HasPrefix(why, "differs") {
		return why
	}
	for _, c := range []struct {
		ok     bool
		reason string
	}{
		{strings.Contains(want, "csl-block") || strings.Contains(want, "csl-indent") || strings.Contains(want, "csl-left-margin") && !has("second-field-align"),
			"display=\"block\", \"indent\" and \"left-margin\" are not implemented"},
		{has("citation-label") || strings.Contains(want, "Aalt02") || strings.Contains(want, "Asth00"), "citation labels (trigraphs) are not implemented"},
		{strings.Contains(input, "isInstitution"), "isInstitution names are not read from the input"},
		{strings.Contains(input, "comma-suffix"), "comma-suffix is not read from the input"},
		{regexp.MustCompile(`"date-parts":\s*\[\],\s*"(raw|literal)"`).MatchString(input),
			"a date with empty date-parts and a raw or literal string is not read from the input"},
		{strings.Contains(input, "author-only"), "author-only cites are not implemented"},
		{has("subsequent-author-substitute-rule"), "subsequent-author-substitute-rule is not implemented"},
		{f.sections["CITATIONS"] != "", "citations in a document (CITATIONS): output differs"},
		{has("position="), "note positions: output differs"},
		{has("year-suffix"), "year-suffix: output differs"},
		{has("disambiguate"), "disambiguation: output differs"},
		{has("collapse="), "cite collapsing: output differs"},
	} {
		if c.ok {
			return c.reason
		}
	}
	area, _, _ := strings.Cut(f.name, "_")
	return "output differs (" + area + "; not analysed yet)"
}
