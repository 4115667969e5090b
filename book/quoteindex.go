package book

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// IndexEntry is one quotation of the quotation index: the same words,
// speaker and citation, however many chapters set them out.
type IndexEntry struct {
	// Quotes are the chapters' quotes with these words, in reading order;
	// the first stands for them all.
	Quotes []*Quote
}

// QuotationIndex is every key quotation once, in alphabetical order for
// the book's language (ignoring case and any opening quotation mark or
// ellipsis), with every chapter that quotes it. Every output's index is
// this one, so the EPUB's and the handouts' agree.
func (b *Book) QuotationIndex() []IndexEntry {
	var entries []IndexEntry
	at := map[string]int{}
	for _, q := range b.AllQuotes() {
		k := strings.Join([]string{strings.Join(strings.Fields(q.Text), " "), q.Speaker, b.Cite(q.Cite).Plain()}, "\x00")
		if i, ok := at[k]; ok {
			entries[i].Quotes = append(entries[i].Quotes, q)
			continue
		}
		at[k] = len(entries)
		entries = append(entries, IndexEntry{Quotes: []*Quote{q}})
	}
	col := collate.New(language.Make(b.Language), collate.IgnoreCase, collate.Loose)
	key := func(q *Quote) string { return strings.TrimLeft(q.Text, "“”‘’\"'«»—–-…. ") }
	slices.SortStableFunc(entries, func(a, c IndexEntry) int { return col.CompareString(key(a.Quotes[0]), key(c.Quotes[0])) })
	return entries
}
