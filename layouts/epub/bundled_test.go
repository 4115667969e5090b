package epub

import (
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/sources"
)

// bundled loads the bundled Never Let Me Go companion, or skips the test
// while it does not load cleanly (its chapters are still being written).
func bundled(t *testing.T) *book.Book {
	t.Helper()
	b, d := book.Load(sources.FS())
	d.Append(book.Check(b, book.CheckOptions{}))
	if d.HasErrors() {
		n, _ := d.Count()
		t.Skipf("the bundled companion has %d errors, so it cannot be rendered yet; first: %s", n, d.Sort()[0])
	}
	return b
}
