package epub

import (
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
)

// bundled opens the bundled Never Let Me Go companion, or skips the test
// while it does not open cleanly.
func bundled(t *testing.T) *book.Book { return booktest.Bundled(t, book.Options{}) }
