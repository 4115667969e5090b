package toolkit

import (
	"slices"

	"github.com/companion-dev/companion/book"
)

// ThemeHandout is a handout that takes a theme up, as the theme tracker
// lists it in every format: the handout, then its questions that tag the
// theme and its key quotations that do ("Handout 3: Q2, Q8; key
// quotations 1, 5"), so that a teacher planning a lesson on the theme
// reads what to set. A handout whose notes alone take it up has no
// questions or quotations.
type ThemeHandout struct {
	Chapter   *book.Chapter
	Questions []*book.Question // in number order, as the chapter holds them
	Quotes    []*book.Quote    // in the handout's order
}

// ThemeHandouts are the handouts that take up the theme of u, in the
// order of the work.
func ThemeHandouts(u *book.ThemeUse) []ThemeHandout {
	out := make([]ThemeHandout, len(u.Chapters))
	for i, c := range u.Chapters {
		out[i].Chapter = c
		for _, q := range u.Questions {
			if q.Chapter == c {
				out[i].Questions = append(out[i].Questions, q)
			}
		}
		for _, q := range u.Quotes {
			if q.Chapter == c {
				out[i].Quotes = append(out[i].Quotes, q)
			}
		}
	}
	return out
}

// QuoteNumber is a key quotation's number in its handout, from 1, as the
// handout numbers it.
func QuoteNumber(q *book.Quote) int { return slices.Index(q.Chapter.Quotes, q) + 1 }
