// Package hyphen finds where a word may be hyphenated, by Liang's
// algorithm over TeX's hyphenation patterns (patterns/, with their
// licences in patterns/README.md): the PDF's line breaker uses it so that a
// justified line need not gape and a ragged one stays even.
package hyphen

import (
	"embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed patterns/*.txt
var files embed.FS

// Patterns are one language's hyphenation patterns and exceptions.
type Patterns struct {
	// values maps a pattern's letters to its inter-letter digits: "a1b"
	// is "ab" → [0 1 0].
	values      map[string][]uint8
	longest     int // letters in the longest pattern
	exceptions  map[string][]int
	left, right int // the fewest letters before and after a hyphen
}

var (
	mu     sync.Mutex
	loaded = map[string]*Patterns{}
)

// patternSets are the languages with patterns: each file's name and the
// fewest letters it lets stand before and after a hyphen.
var patternSets = map[string]struct {
	name        string
	left, right int
}{
	"en-us": {"en-us", 2, 3},
	"en-gb": {"en-gb", 2, 3},
	"fr":    {"fr", 2, 2},
	"de":    {"de-1996", 2, 2},
	"es":    {"es", 2, 2},
	"it":    {"it", 2, 2},
	"pt":    {"pt", 2, 3},
}

// For returns the patterns of a BCP 47 language, or nil when there are
// none: British English for en-GB (and the other regions that spell as
// Britain does), American English for the rest of English, and French,
// German (reformed spelling), Spanish, Italian and Portuguese for every
// region of theirs.
func For(lang string) *Patterns {
	lang = strings.ToLower(lang)
	base, region, _ := strings.Cut(lang, "-")
	key := base
	if base == "en" {
		key = "en-us"
		switch region {
		case "gb", "au", "nz", "ie", "za", "in":
			key = "en-gb"
		}
	}
	set, ok := patternSets[key]
	if !ok {
		return nil
	}
	mu.Lock()
	defer mu.Unlock()
	if p, ok := loaded[set.name]; ok {
		return p
	}
	pat, err := files.ReadFile("patterns/hyph-" + set.name + ".pat.txt")
	if err != nil {
		panic("hyphen: the embedded patterns of " + set.name + " are missing") // part of the program
	}
	hyp, _ := files.ReadFile("patterns/hyph-" + set.name + ".hyp.txt") // most languages have no exceptions
	p := Parse(string(pat), string(hyp), set.left, set.right)
	loaded[set.name] = p
	return p
}

// Parse reads patterns (one a line or separated by spaces, as
// hyph-utf8's .pat.txt files) and exceptions (words with their hyphens,
// as its .hyp.txt), with the fewest letters allowed before and after a
// hyphen.
func Parse(patterns, exceptions string, left, right int) *Patterns {
	p := &Patterns{values: map[string][]uint8{}, exceptions: map[string][]int{}, left: left, right: right}
	for _, pat := range strings.Fields(patterns) {
		var letters []rune
		digits := []uint8{0}
		for _, r := range pat {
			if r >= '0' && r <= '9' {
				digits[len(digits)-1] = uint8(r - '0')
				continue
			}
			letters = append(letters, r)
			digits = append(digits, 0)
		}
		p.values[string(letters)] = digits
		p.longest = max(p.longest, len(letters))
	}
	for _, w := range strings.Fields(exceptions) {
		var points []int
		n := 0
		for _, r := range w {
			if r == '-' {
				points = append(points, n)
				continue
			}
			n++
		}
		p.exceptions[strings.ReplaceAll(w, "-", "")] = points
	}
	return p
}

// Points returns where word may take a hyphen: each point k means
// between its k-th and k+1-th letters (counting runes). A word with
// anything but letters has none.
func (p *Patterns) Points(word string) []int {
	if p == nil {
		return nil
	}
	lower := strings.ToLower(word)
	letters := 0
	for _, r := range lower {
		if !unicode.IsLetter(r) { // U+FFFD, for bytes that are not UTF-8, is not
			return nil
		}
		letters++
	}
	if letters < p.left+p.right {
		return nil
	}
	if pts, ok := p.exceptions[lower]; ok {
		return pts
	}
	// The patterns are looked up by substrings of the word between dots,
	// cut at its letters' byte offsets (at[i] is where letter i starts),
	// so that no lookup makes a string: a line's last word is hyphenated
	// for nearly every line set.
	w := "." + lower + "."
	at := make([]int, 0, letters+3)
	for i := range w {
		at = append(at, i)
	}
	at = append(at, len(w))
	n := len(at) - 1 // letters and dots
	levels := make([]uint8, n+1)
	for i := range n {
		for j := i + 1; j <= min(n, i+p.longest); j++ {
			if v, ok := p.values[w[at[i]:at[j]]]; ok {
				for k, d := range v {
					levels[i+k] = max(levels[i+k], d)
				}
			}
		}
	}
	var out []int
	// The gap before the word's k-th letter is the gap before w's k+1-th.
	for k := p.left; k <= letters-p.right; k++ {
		if levels[k+1]%2 == 1 {
			out = append(out, k)
		}
	}
	return out
}
