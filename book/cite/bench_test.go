package cite

import "testing"

// BenchmarkBuild does what a companion build asks of the processor: one
// processor per style over the test references, every cite of cites.txt and
// the works cited.
func BenchmarkBuild(b *testing.B) {
	refs := loadRefs(b, "refs.json")
	var items [][]Item
	for _, r := range refs {
		items = append(items, []Item{{Key: r.ID}}, []Item{{Key: r.ID, Label: "page", Locator: "23-25"}})
	}
	for b.Loop() {
		for _, s := range Styles {
			p := New(s, refs)
			for _, it := range items {
				p.Cite(it)
			}
			p.WorksCited()
		}
	}
}

// BenchmarkCheckStyle does, from cold, what checking a book asks of its
// built-in style and locale, once per companion check: the style's header
// read (is it dependent, which locale does it ask for), the locale
// settled, the style compiled over it, and nothing formatted.
func BenchmarkCheckStyle(b *testing.B) {
	for b.Loop() {
		forgetBuiltins()
		checkPath(b)
	}
}

// forgetBuiltins empties the caches of built-in styles and locales, as a
// new process starts.
func forgetBuiltins() {
	builtinMu.Lock()
	defer builtinMu.Unlock()
	clear(builtinStyles)
	clear(compiled)
	clear(builtinLocales)
}

// checkPath asks of MLA in en-GB what book's check does.
func checkPath(tb testing.TB) *CSL {
	f := MLA.File()
	if _, _, dependent := f.Parent(); dependent {
		tb.Fatal("MLA is a dependent style")
	}
	f.DefaultLocale()
	loc, ok := BuiltinLocale("en-GB")
	if !ok {
		tb.Fatal("no built-in en-GB")
	}
	c, d := f.Compile(nil, loc)
	if c == nil || d.HasErrors() {
		tb.Fatal(d)
	}
	return c
}
