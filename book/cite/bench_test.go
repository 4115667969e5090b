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
