package book

import (
	"sync"
	"testing"

	"github.com/companion-dev/companion/book/cite"
)

func TestItemsKeyTellsItemsApart(t *testing.T) {
	lists := [][]cite.Item{
		nil,
		{{Key: "ab"}},
		{{Key: "a", Label: "b"}},
		{{Key: "a", Locator: "b"}},
		{{Key: "a"}, {Key: "b"}},
		{{Key: "a", Prefix: "b"}},
		{{Key: "a", Suffix: "b"}},
		{{Key: "a", SuppressAuthor: true}},
		{{Key: "a", LocatorOnly: true}},
		{{Key: "a", Locator: "1:", Prefix: "2"}},
		{{Key: "a", Locator: "1", Prefix: ":2"}},
	}
	seen := map[string]int{}
	for i, l := range lists {
		k := string(appendItemsKey(nil, l))
		if j, ok := seen[k]; ok {
			t.Errorf("lists %d and %d share the key %q", j, i, k)
		}
		seen[k] = i
	}
}

// The kept answers are the processor's own, also when asked for at once
// from many goroutines (run with -race).
func TestCiterKeepsTheProcessorsAnswers(t *testing.T) {
	refs, d := cite.Parse("references.yaml", []byte("references:\n"+
		"- {id: a, type: book, title: One, author: [{family: Doe, given: Jane}], issued: \"2001\"}\n"+
		"- {id: b, type: book, title: Two, author: [{family: Doe, given: Jane}], issued: \"2001\"}\n"))
	if d.HasErrors() {
		t.Fatal(d)
	}
	p := cite.New(cite.APA, refs)
	c := newCiter(func() *cite.Processor { return p })
	asks := [][]cite.Item{
		{{Key: "a"}},
		{{Key: "a", Locator: "4"}},
		{{Key: "b", Label: "chapter", Locator: "2"}},
		{{Key: "a"}, {Key: "b", SuppressAuthor: true}},
	}
	var wg sync.WaitGroup
	for range 8 {
		for _, items := range asks {
			wg.Go(func() {
				if got, want := c.Cite(items).Plain(), p.Cite(items).Plain(); got != want {
					t.Errorf("Cite(%v) = %q, want %q", items, got, want)
				}
			})
		}
		wg.Go(func() {
			if got, want := len(c.WorksCited()), len(p.WorksCited()); got != want || got != 2 {
				t.Errorf("WorksCited: %d entries, want %d", got, want)
			}
		})
		for _, keys := range [][]string{{"a"}, {"b"}, {"a", "b"}} {
			wg.Go(func() {
				got, want := c.WorksCitedOf(keys), p.WorksCitedOf(keys)
				if len(got) != len(want) || len(got) != len(keys) {
					t.Errorf("WorksCitedOf(%q): %d entries, want %d", keys, len(got), len(want))
					return
				}
				for i := range got {
					if got[i].Text.Plain() != want[i].Text.Plain() {
						t.Errorf("WorksCitedOf(%q)[%d] = %q, want %q", keys, i, got[i].Text.Plain(), want[i].Text.Plain())
					}
				}
			})
		}
		wg.Go(func() {
			e, ok := c.Entry("b")
			want, _ := p.Entry("b")
			if !ok || e.Text.Plain() != want.Text.Plain() {
				t.Errorf("Entry(b) = %q, %v; want %q", e.Text.Plain(), ok, want.Text.Plain())
			}
		})
	}
	wg.Wait()
}

// The work studied stands alone in a handout's footer: in full, even where
// the works cited prints it as "———" after another work by its author.
func TestWorkEntryStandsAlone(t *testing.T) {
	refs, d := cite.Parse("references.yaml", []byte("references:\n"+
		"- {id: essay, type: article-newspaper, title: Future Imperfect, container-title: The Guardian, author: [{family: Ishiguro, given: Kazuo}], issued: \"2006\"}\n"+
		"- {id: novel, type: book, title: Never Let Me Go, publisher: Faber and Faber, author: [{family: Ishiguro, given: Kazuo}], issued: \"2005\"}\n"))
	if d.HasErrors() {
		t.Fatal(d)
	}
	c := newCiter(func() *cite.Processor { return cite.New(cite.MLA, refs) })
	var listed string
	for _, e := range c.WorksCited() {
		if e.Key == "novel" {
			listed = e.Text.Plain()
		}
	}
	if want := "———. Never Let Me Go. Faber and Faber, 2005."; listed != want {
		t.Fatalf("the works cited lists the novel as %q, want %q (the case this test is about)", listed, want)
	}
	e, ok := c.Entry("novel")
	if got, want := e.Text.Plain(), "Ishiguro, Kazuo. Never Let Me Go. Faber and Faber, 2005."; !ok || got != want {
		t.Errorf("Entry(novel) = %q, %v; want %q", got, ok, want)
	}
	if _, ok := c.Entry("missing"); ok {
		t.Error("Entry(missing) found an entry")
	}
}

// The processor is made when a citation is first formatted, and once:
// check, which formats none, never parses the style.
func TestCiterMakesTheProcessorWhenFirstAsked(t *testing.T) {
	refs, d := cite.Parse("references.yaml", []byte("references:\n"+
		"- {id: a, type: book, title: One, author: [{family: Doe, given: Jane}], issued: \"2001\"}\n"))
	if d.HasErrors() {
		t.Fatal(d)
	}
	made := 0
	c := newCiter(func() *cite.Processor { made++; return cite.New(cite.MLA, refs) })
	if made != 0 {
		t.Fatalf("the processor was made %d times before any citation was asked for", made)
	}
	c.Cite([]cite.Item{{Key: "a"}})
	c.WorksCited()
	if made != 1 {
		t.Errorf("the processor was made %d times, want once", made)
	}
}
