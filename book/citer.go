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
// and chapters render at once.
type citer struct {
	// p makes the processor when a citation is first formatted: parsing
	// the style and its locale is most of a check's time, and check never
	// formats one.
	p func() *cite.Processor

	mu      sync.Mutex
	cites   map[string]cite.Text
	works   []cite.Entry // nil until first asked for
	entries map[string]cite.Entry
	// worksOf are the works cited of a few references (a handout's), by
	// the references' keys (each led by its length)
	worksOf map[string][]cite.Entry
}

func newCiter(p func() *cite.Processor) *citer {
	return &citer{p: sync.OnceValue(p), cites: map[string]cite.Text{}}
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.works == nil {
		c.works = c.p().WorksCited()
		if c.works == nil {
			c.works = []cite.Entry{}
		}
	}
	return slices.Clone(c.works)
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if es, ok := c.worksOf[string(k)]; ok {
		return slices.Clone(es)
	}
	es := c.p().WorksCitedOf(keys)
	if c.worksOf == nil {
		c.worksOf = map[string][]cite.Entry{}
	}
	c.worksOf[string(k)] = es
	return slices.Clone(es)
}

// BibliographyOptions are the style's options for setting the works cited.
func (c *citer) BibliographyOptions() cite.BibliographyOptions { return c.p().BibliographyOptions() }

// Entry formats one reference standing alone, as the works cited would
// without its repeated-author substitute; ok is false when there is none.
func (c *citer) Entry(key string) (cite.Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		return e, true
	}
	e, ok := c.p().Entry(key)
	if ok {
		if c.entries == nil {
			c.entries = map[string]cite.Entry{}
		}
		c.entries[key] = e
	}
	return e, ok
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
