package book

import (
	"fmt"
	"regexp"

	"github.com/companion-dev/companion/book/diag"
)

// unreadFiles are the files of a project that the loader could not read or
// parse: a chapter's front matter, the references, a curriculum. Their
// contents are unknown, so check does not report a reference into them as
// missing: one mistake gives one error, the file's own, not one more per
// citation or quote link in the project. Instead a note at the file's
// error says how many references were left unchecked.
type unreadFiles struct {
	references *unreadFile  // nil when the references were read
	chapters   []unreadFile // whose quotes are unknown
	curricula  []unreadFile
	// toolkit are the toolkit files (themes.yaml, rubrics/…) not read;
	// references to what they would define are not checked.
	toolkit []string
}

// unreadFile is where a file's error is, so that the note sorts under it.
type unreadFile struct {
	err diag.Pos
	// framework is a curriculum's id when its id: line can still be
	// read, so that only references to it go unchecked; "" for any id.
	framework string
}

// firstErrorSince returns the position of the first error added to l
// after its first n diagnostics.
func firstErrorSince(l diag.List, n int) (diag.Pos, bool) {
	for _, d := range l[n:] {
		if d.Severity == diag.Error {
			return d.Pos, true
		}
	}
	return diag.Pos{}, false
}

var frameworkIDRE = regexp.MustCompile(`(?m)^id:[ \t]*["']?([A-Za-z0-9._-]+)["']?[ \t]*(?:#.*)?$`)

// unreadCurriculum records a curriculum that did not load, with its id if
// its id: line is still legible.
func (u *unreadFiles) unreadCurriculum(at diag.Pos, data []byte) {
	f := unreadFile{err: at}
	if m := frameworkIDRE.FindSubmatch(data); m != nil {
		f.framework = string(m[1])
	}
	u.curricula = append(u.curricula, f)
}

// unchecked counts the references check left alone, by the unread file
// they may point into.
type unchecked struct {
	citations, quotes int
	frameworks        []int // by unreadFiles.curricula
}

// citationUnchecked reports whether a citation cannot be checked, because
// the references could not be read, and counts it.
func (c *checker) citationUnchecked() bool {
	if c.book.unread.references == nil {
		return false
	}
	c.unchecked.citations++
	return true
}

// quoteUnchecked reports whether a link to a quote that no chapter has
// may point into a chapter whose front matter could not be read, and
// counts it.
func (c *checker) quoteUnchecked() bool {
	if len(c.book.unread.chapters) == 0 {
		return false
	}
	c.unchecked.quotes++
	return true
}

// frameworkUnchecked reports whether a reference to a framework that does
// not exist may point into a curriculum that could not be read, and
// counts it there.
func (c *checker) frameworkUnchecked(id string) bool {
	u := c.book.unread.curricula
	for i, f := range u {
		if f.framework == "" || f.framework == id {
			if c.unchecked.frameworks == nil {
				c.unchecked.frameworks = make([]int, len(u))
			}
			c.unchecked.frameworks[i]++
			return true
		}
	}
	return false
}

// uncheckedNotes adds to each unread file's error how many references
// into it were not checked.
func (c *checker) uncheckedNotes() {
	u, n := c.book.unread, c.unchecked
	if n.citations > 0 {
		c.diags.Notef(u.references.err, "%s not checked, because the references could not be read",
			howMany(n.citations, "citation was", "citations were"))
	}
	if n.quotes > 0 {
		c.diags.Notef(u.chapters[0].err, "%s not checked, because this front matter could not be read and the quotes may be in it",
			howMany(n.quotes, "link to a quote was", "links to quotes were"))
	}
	for i, k := range n.frameworks {
		switch f := u.curricula[i]; {
		case k == 0:
		case f.framework != "":
			c.diags.Notef(f.err, "%s not checked, because this curriculum could not be read",
				howMany(k, "reference to its standards was", "references to its standards were"))
		default:
			c.diags.Notef(f.err, "%s not checked, because this curriculum could not be read and they may be in it",
				howMany(k, "reference to an unknown framework was", "references to unknown frameworks were"))
		}
	}
}

func howMany(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
