package cite

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Item is one work cited within a citation.
type Item struct {
	Key            string // the reference id
	Label          string // CSL locator label: page, chapter, part, section, paragraph, line, …; "" with a locator means page
	Locator        string // "7", "81-85"
	Prefix, Suffix string // free text before and after, as in [see @key, p. 3, emphasis added]
	SuppressAuthor bool   // -@key
	// LocatorOnly prints the locator alone with its term ("ch. 5"), in
	// the citation's brackets: a work the reader knows is being cited.
	// Without a locator the cite is printed whole.
	LocatorOnly bool

	// Where the cite stands among the document's cites of the work, for
	// styles that print "ibid." or a short form: Processor.Citations sets
	// them; Cite takes them as given (the zero value: a first cite).
	Position Position
	NearNote bool // the work was cited a few notes before
	// FirstNote is the note in which the work was first cited (0: none,
	// or in the running text), for "supra note 2".
	FirstNote int
}

// CitationError is a malformed citation; Offset is the byte offset of the
// problem in the text given to ParseCitation.
type CitationError struct {
	Offset int
	Msg    string
}

func (e *CitationError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// locatorTerms maps what a writer types before a locator to its CSL label.
var locatorTerms = map[string]string{
	"p.": "page", "pp.": "page", "p": "page", "pp": "page", "page": "page", "pages": "page",
	"ch.": "chapter", "chs.": "chapter", "chap.": "chapter", "chaps.": "chapter", "chapter": "chapter", "chapters": "chapter",
	"pt.": "part", "pts.": "part", "part": "part", "parts": "part",
	"sec.": "section", "secs.": "section", "section": "section", "sections": "section", "§": "section", "§§": "section",
	"para.": "paragraph", "paras.": "paragraph", "par.": "paragraph", "pars.": "paragraph", "¶": "paragraph", "¶¶": "paragraph",
	"paragraph": "paragraph", "paragraphs": "paragraph",
	"l.": "line", "ll.": "line", "line": "line", "lines": "line",
	"v.": "verse", "vv.": "verse", "verse": "verse", "verses": "verse",
	"bk.": "book", "bks.": "book", "book": "book",
	"vol.": "volume", "vols.": "volume", "volume": "volume",
	"fig.": "figure", "figs.": "figure", "figure": "figure",
	"n.": "note", "nn.": "note", "note": "note",
	"col.": "column", "cols.": "column", "column": "column",
	"sc.": "scene", "scene": "scene", "act": "act",
}

// ParseCitation parses what sits inside [ ] in Markdown, pandoc style:
// "@ishiguro2005, ch. 7; -@romanek2010, pp. 3-5" or "see @key, p. 3,
// emphasis added". A locator without a term is a page.
func ParseCitation(s string) ([]Item, error) {
	var items []Item
	start := 0
	for _, part := range splitTop(s) {
		it, err := parseItem(s[part[0]:part[1]], part[0])
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		start = part[1]
	}
	_ = start
	if len(items) == 0 {
		return nil, &CitationError{0, "empty citation: expected @key"}
	}
	return items, nil
}

// splitTop splits at semicolons outside braces, giving byte ranges.
func splitTop(s string) [][2]int {
	var out [][2]int
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ';':
			if depth == 0 {
				out = append(out, [2]int{from, i})
				from = i + 1
			}
		}
	}
	return append(out, [2]int{from, len(s)})
}

func isKeyRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || strings.ContainsRune(":.#$%&-+?<>~/", r)
}

func parseItem(s string, base int) (Item, error) {
	var it Item
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '@' && (i == 0 || s[i-1] == ' ' || s[i-1] == '-' || s[i-1] == '\t' || s[i-1] == '\n') {
			at = i
			break
		}
	}
	trimmed := strings.TrimSpace(s)
	if trimmed == "" {
		off := base
		return it, &CitationError{off, "empty citation item: expected @key"}
	}
	if at < 0 {
		lead := len(s) - len(strings.TrimLeft(s, " \t\n"))
		return it, &CitationError{base + lead, fmt.Sprintf("expected @key in %q", trimmed)}
	}
	prefix := s[:at]
	if strings.HasSuffix(prefix, "-") {
		pre := strings.TrimSuffix(prefix, "-")
		if pre == "" || strings.HasSuffix(pre, " ") || strings.HasSuffix(pre, "\t") {
			it.SuppressAuthor = true
			prefix = pre
		}
	}
	it.Prefix = strings.TrimSpace(prefix)
	i := at + 1
	if i < len(s) && s[i] == '{' {
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return it, &CitationError{base + i, "unclosed { in citation key"}
		}
		it.Key = s[i+1 : i+end]
		i += end + 1
		if it.Key == "" {
			return it, &CitationError{base + at, "empty citation key"}
		}
	} else {
		j := i
		for j < len(s) {
			r, sz := utf8.DecodeRuneInString(s[j:])
			if !isKeyRune(r) {
				break
			}
			j += sz
		}
		// trailing punctuation is not part of the key
		for j > i && strings.ContainsRune(":.#$%&-+?<>~/", rune(s[j-1])) {
			j--
		}
		it.Key = s[i:j]
		if it.Key == "" {
			return it, &CitationError{base + at, "@ must be followed by a citation key"}
		}
		i = j
	}
	rest := s[i:]
	if strings.TrimSpace(rest) == "" {
		return it, nil
	}
	if strings.Contains(rest, "@") {
		k := strings.Index(rest, "@")
		return it, &CitationError{base + i + k, "two keys in one citation item: separate them with ;"}
	}
	if !strings.HasPrefix(strings.TrimLeft(rest, " "), ",") {
		it.Suffix = strings.TrimSpace(rest)
		return it, nil
	}
	comma := strings.Index(rest, ",")
	restOff := i + comma + 1
	rest = rest[comma+1:]
	lead := len(rest) - len(strings.TrimLeft(rest, " "))
	rest = strings.TrimLeft(rest, " ")
	restOff += lead
	label, loc, suffix, ok := parseLocator(rest)
	if !ok {
		if label != "" {
			return it, &CitationError{base + restOff, fmt.Sprintf("locator term %q needs a number after it", strings.Fields(rest)[0])}
		}
		it.Suffix = ", " + rest
		it.Suffix = strings.TrimRight(it.Suffix, " ")
		return it, nil
	}
	it.Label, it.Locator = label, loc
	if suffix != "" {
		it.Suffix = suffix
	}
	return it, nil
}

// parseLocator reads "ch. 7", "pp. 81-85", "81", "§ 3" from the start of s.
// ok is false when s does not start with a locator; label is then set if
// a term stood there without a number.
func parseLocator(s string) (label, loc, suffix string, ok bool) {
	label = "page"
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return "", "", "", false
	}
	rest := s
	if l, found := locatorTerms[strings.ToLower(fs[0])]; found {
		label = l
		rest = strings.TrimLeft(rest[len(fs[0]):], " ")
	} else if r, _ := utf8.DecodeRuneInString(fs[0]); (r == '§' || r == '¶') && len(fs[0]) > utf8.RuneLen(r) {
		// "§3"
		label = locatorTerms[string(r)]
		rest = s[utf8.RuneLen(r):]
	} else if !startsNumeric(fs[0]) {
		return "", "", "", false
	} else {
		label = "page"
	}
	// the locator: numeric tokens joined by - – , &
	end := 0
	toks := 0
	for end < len(rest) {
		j := end
		for j < len(rest) && rest[j] == ' ' {
			j++
		}
		k := j
		for k < len(rest) && !strings.ContainsRune(" ,", rune(rest[k])) {
			k++
		}
		tok := rest[j:k]
		if tok == "" || !locToken(tok) {
			break
		}
		toks++
		end = k
		// a comma continues the locator only if a numeric token follows
		if end < len(rest) && rest[end] == ',' {
			m := end + 1
			for m < len(rest) && rest[m] == ' ' {
				m++
			}
			n := m
			for n < len(rest) && !strings.ContainsRune(" ,", rune(rest[n])) {
				n++
			}
			if n > m && locToken(rest[m:n]) && startsNumeric(rest[m:n]) {
				end++
				continue
			}
			break
		}
	}
	if toks == 0 {
		if label != "" && rest != s {
			return label, "", "", false
		}
		return "", "", "", false
	}
	loc = strings.TrimSpace(rest[:end])
	suffix = strings.TrimSpace(rest[end:])
	if strings.HasPrefix(suffix, ",") {
		suffix = ", " + strings.TrimSpace(suffix[1:])
	} else if suffix != "" {
		suffix = " " + suffix
	}
	if suffix == ", " {
		suffix = ""
	}
	return label, loc, suffix, true
}

func startsNumeric(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsDigit(r) {
		return true
	}
	return isRoman(strings.TrimRight(strings.ToLower(t), ".,"))
}

// romanRE: a well-formed roman numeral up to 399, as front matter and
// acts use ("xii", "iv"); "civil" or "mix" are words, not numbers.
var romanRE = regexp.MustCompile(`^(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$`)

func isRoman(t string) bool {
	return t != "" && romanRE.MatchString(t)
}

// locToken: a number, roman numeral, or range of them ("81", "81-85",
// "xii", "12a", "3:4").
func locToken(t string) bool {
	t = strings.TrimRight(t, ".")
	if t == "" {
		return false
	}
	for _, p := range strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '–' || r == ':' || r == '.' }) {
		if isRoman(strings.ToLower(p)) {
			continue
		}
		digits := false
		for _, r := range p {
			if unicode.IsDigit(r) {
				digits = true
			} else if !unicode.IsLetter(r) {
				return false
			}
		}
		if !digits {
			return false
		}
	}
	return true
}
