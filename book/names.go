package book

import (
	"crypto/sha1"
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/companion-dev/companion/book/doc"
)

func validLanguage(tag string) bool {
	_, err := language.Parse(tag)
	return err == nil && tag != ""
}

// validDate reports whether s is a calendar date written YYYY-MM-DD, YYYY-MM
// or YYYY, in years 0001 to 9999: a pattern alone would let 2026-02-30
// through, which no layout can then date its outputs by.
func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Year() >= 1
		}
	}
	return false
}

// derivedIdentifier is a name-based UUID (version 5 layout) of the title and
// the work, so a companion keeps its identifier across builds and machines.
func derivedIdentifier(title, work string) string {
	sum := sha1.Sum([]byte("companion\x00" + title + "\x00" + work))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// Slugify makes a file-name-safe slug of a book's title: "Never Let Me Go"
// → never-let-me-go; a title with no usable letters gives "companion".
func Slugify(s string) string {
	if slug := Slug(s); slug != "" {
		return slug
	}
	return "companion"
}

// Slug lowercases s, drops accents (not the letters: Élodie → elodie) and
// joins runs of ASCII letters and digits with hyphens (see doc.Slug, which
// makes heading ids the same way).
func Slug(s string) string { return doc.Slug(s) }
