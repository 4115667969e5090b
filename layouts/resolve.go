package layouts

import (
	"time"

	"github.com/companion-dev/companion/book"
)

// FallbackDate is the build date when neither the caller nor the project
// gives one: fixed, never the wall clock, so that the same input always
// gives the same bytes.
var FallbackDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Resolve is the one place a render's defaults are decided: it returns opt
// with what the caller left unset taken from the project, else the
// defaults. No edition means every edition; no paper, the manifest's
// (letter unless it says a4); no date, the manifest's publication date,
// else FallbackDate. The driver resolves once and every layout renders
// with the result.
func Resolve(b *book.Book, opt Options) Options {
	if opt.Edition == "" {
		opt.Edition = All
	}
	if opt.Paper == "" {
		opt.Paper = b.Paper
	}
	if opt.Date.IsZero() {
		opt.Date = projectDate(b.Date)
	}
	return opt
}

// projectDate reads the manifest's date, written YYYY-MM-DD, YYYY-MM or
// YYYY; FallbackDate when there is none.
func projectDate(s string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return FallbackDate
}
