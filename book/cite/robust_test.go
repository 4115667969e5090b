package cite

import (
	"reflect"
	"testing"
)

// TestNoPanics formats every test reference with each field removed in
// turn, in every style, to make sure odd shapes never crash the processor.
func TestNoPanics(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var refs []*Reference
	for _, f := range []string{"refs.json", "heldout.json", "probe.json", "disamb.json"} {
		refs = append(refs, loadRefs(t, f)...)
	}
	items := [][]Item{{{}}, {{Locator: "3-5"}}, {{Label: "chapter", Locator: "2", SuppressAuthor: true}}}
	for _, r := range refs {
		v := reflect.ValueOf(r).Elem()
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Kind() != reflect.String && f.Kind() != reflect.Slice && f.Type() != reflect.TypeFor[Date]() {
				continue
			}
			if v.Type().Field(i).Name == "ID" || f.IsZero() {
				continue // a field already empty: the reference itself
			}
			c := *r
			reflect.ValueOf(&c).Elem().Field(i).Set(reflect.Zero(f.Type()))
			for _, s := range Styles {
				p := New(s, []*Reference{&c, r})
				p.WorksCited()
				for _, it := range items {
					it[0].Key = c.ID
					p.Cite(it)
				}
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	refs := loadRefs(t, "refs.json")
	p := New(APA, refs)
	want := p.Cite([]Item{{Key: "smith2015b"}, {Key: "ishiguro2005"}}).Plain()
	done := make(chan string)
	for range 8 {
		go func() {
			p.WorksCited()
			done <- p.Cite([]Item{{Key: "smith2015b"}, {Key: "ishiguro2005"}}).Plain()
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
