package book

import (
	"crypto/sha1"
	"fmt"
	"regexp"

	"golang.org/x/text/language"

	"github.com/companion-dev/companion/book/doc"
)

func validLanguage(tag string) bool {
	_, err := language.Parse(tag)
	return err == nil && tag != ""
}

var dateRE = regexp.MustCompile(`^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$`)

func validDate(s string) bool { return dateRE.MatchString(s) }

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
