package book

import (
	"slices"
	"strconv"
	"sync"

	"github.com/companion-dev/companion/book/cite"
)

// citer is the book's citation processor with its answers kept. Every
// format and edition asks for the same citations and the same works cited
// (a build renders the student EPUB, the teacher EPUB and the PDFs from one
// book), and formatting them is a large share of a citation-heavy render.
// The processor's answers depend only on the items asked for, so keeping
// them cannot change the output. It is safe for concurrent use: formats
// and chapters render at once, and each answer is formatted outside the
// lock, so that a chapter's works cited being formatted holds up only
// those asking for that same list, not every format's other chapters.
type citer struct {
	// p makes the processor when a citation is first formatted: parsing
	// the style and its locale is most of a check's time, and check never
	// formats one.
	p func() *cite.Processor

	mu    sync.Mutex
	cites map[string]cite.Text
	works func() []cite.Entry
	// entries and worksOf are the entries standing alone, by key, and
	// the works cited of a few references (a handout's), by the
	// references' keys (each led by its length)
	entries map[string]*kept[entryOf]
	worksOf map[string]*kept[[]cite.Entry]
}

// kept is one answer of the processor, formatted by the first to ask for
// it while any other asker waits.
type kept[T any] struct {
	once sync.Once
	v    T
}

type entryOf struct {
	e  cite.Entry
	ok bool
}

// keep is the answer kept under key in m, formatted by format if no one
// asked for it before.
func keep[T any](c *citer, m *map[string]*kept[T], key string, format func() T) T {
	c.mu.Lock()
	if *m == nil {
		*m = map[string]*kept[T]{}
	}
	k, ok := (*m)[key]
	if !ok {
		k = &kept[T]{}
		(*m)[key] = k
	}
	c.mu.Unlock()
	k.once.Do(func() { k.v = format() })
	return k.v
}

func newCiter(p func() *cite.Processor) *citer {
	c := &citer{p: sync.OnceValue(p), cites: map[string]cite.Text{}}
	c.works = sync.OnceValue(func() []cite.Entry { return c.p().WorksCited() })
	return c
}

// Cite formats an in-text citation. The result is shared: callers must not
// modify it.
func (c *citer) Cite(items []cite.Item) cite.Text {
	var buf [256]byte
	k := appendItemsKey(buf[:0], items)
	c.mu.Lock()
	t, ok := c.cites[string(k)] // a lookup by bytes copies nothing
	c.mu.Unlock()
	if ok {
		return t
	}
	t = c.p().Cite(items)
	c.mu.Lock()
	c.cites[string(k)] = t
	c.mu.Unlock()
	return t
}

// WorksCited returns the formatted works cited, in the style's order.
func (c *citer) WorksCited() []cite.Entry {
	if es := c.works(); es != nil {
		return slices.Clone(es)
	}
	return []cite.Entry{}
}

// WorksCitedOf returns the works cited of the references keys name, in
// the style's order; none for no keys. Each list is formatted once: every
// layout and edition of a handout asks for the same one.
func (c *citer) WorksCitedOf(keys []string) []cite.Entry {
	if len(keys) == 0 {
		return nil
	}
	var k []byte
	for _, key := range keys {
		k = strconv.AppendInt(k, int64(len(key)), 10)
		k = append(append(k, ':'), key...)
	}
	es := keep(c, &c.worksOf, string(k), func() []cite.Entry { return c.p().WorksCitedOf(keys) })
	return slices.Clone(es)
}

// BibliographyOptions are the style's options for setting the works cited.
func (c *citer) BibliographyOptions() cite.BibliographyOptions { return c.p().BibliographyOptions() }

// Locator is an item's locator and its short term, as the style names
// it, outside a citation's layout (cite.Processor.Locator).
func (c *citer) Locator(it cite.Item) cite.Text { return c.p().Locator(it) }

// Entry formats one reference standing alone, as the works cited would
// without its repeated-author substitute; ok is false when there is none.
func (c *citer) Entry(key string) (cite.Entry, bool) {
	e := keep(c, &c.entries, key, func() entryOf {
		e, ok := c.p().Entry(key)
		return entryOf{e, ok}
	})
	return e.e, e.ok
}

// appendItemsKey appends to b every field of the items, each string led
// by its length, so that no two different lists of items share a key.
func appendItemsKey(b []byte, items []cite.Item) []byte {
	for _, it := range items {
		for _, s := range [...]string{it.Key, it.Label, it.Locator, it.Prefix, it.Suffix} {
			b = strconv.AppendInt(b, int64(len(s)), 10)
			b = append(b, ':')
			b = append(b, s...)
		}
		// the flags and numbers, each ended by a comma
		for _, f := range [...]bool{it.SuppressAuthor, it.LocatorOnly, it.NearNote} {
			b = strconv.AppendBool(b, f)
			b = append(b, ',')
		}
		for _, n := range [...]int{int(it.Position), it.FirstNote} {
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, ',')
		}
		b = append(b, ';')
	}
	return b
}
