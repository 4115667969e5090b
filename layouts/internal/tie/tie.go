// Package tie says where a line must not end: at a space between a word
// and the number it goes with ("(chapter 1)", "p. 12", "ch. 5") or between
// initials ("J. K. Rowling"), so that no line begins with "1)" or
// "Rowling" parted from its initials, and at the dash of a range of
// numbers ("ch. 10–14", "Q10–18"). The PDF's line breaker keeps such a
// space (Holds); the EPUB and the site write it as a no-break space
// (Spaces), which every reading system keeps, and bind a range's dash to
// its numbers with word joiners (Ranges).
package tie

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// beforeNumber are the abbreviations a number is never parted from: "p.
// 12", "ch. 5", whatever follows the number.
var beforeNumber = map[string]bool{
	"p.": true, "pp.": true, "ch.": true, "chs.": true, "chap.": true, "l.": true, "ll.": true,
	"vol.": true, "vols.": true, "no.": true, "nos.": true, "fig.": true, "para.": true, "sec.": true,
	"s.": true, "S.": true, "Ch.": true, "Vol.": true, "No.": true, "Fig.": true,
	// the work's chapters in the other languages' labels (work-chapter,
	// work-chapters)
	"Kap.": true, "cap.": true, "caps.": true, "capp.": true,
}

// Holds reports whether the space between before and after does not
// break: after an abbreviation of beforeNumber and before a number; after
// a word and before the number that ends its phrase ("chapter 1)",
// "chapters 8–9,", "Lesson 3"), in any language; or after an initial
// ("J.") and before a capital. A number that goes on to other words
// ("in 2005 the") leaves the space free.
func Holds(before, after string) bool {
	next, _ := utf8.DecodeRuneInString(after)
	// Most spaces come before a small letter: the line breaker asks of
	// every space, so they are let go before the word before is found,
	// unless a number ends before (a date's "25 mars").
	digit := isDigit(next)
	if !digit && !unicode.IsUpper(next) && (before == "" || !isDigit(rune(before[len(before)-1])) && !strings.HasSuffix(before, ".")) &&
		!strings.HasSuffix(before, " de") && !strings.HasSuffix(before, " di") && !strings.HasPrefix(after, "de ") {
		return false
	}
	word := lastWord(before)
	if dateHolds(before, word, after, digit) {
		return true
	}
	if !digit && !unicode.IsUpper(next) {
		return false
	}
	if digit {
		return beforeNumber[word] || isWord(word) && endsPhrase(after)
	}
	if !strings.HasSuffix(word, ".") {
		return false
	}
	initial, n := utf8.DecodeRuneInString(word)
	return n+1 == len(word) && unicode.IsUpper(initial)
}

// lastWord is the word that ends before.
func lastWord(before string) string {
	if k := strings.LastIndexAny(before, " \t\n(["); k >= 0 {
		return before[k+1:]
	}
	return before
}

// months are the names of the months and their abbreviations, in small
// letters, as the CSL locales of the seven languages write them
// (book/cite/styles/locales-*.xml: month-01 … month-12, long and short).
var months = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		january february march april may june july august september october november december
		jan. feb. mar. apr. aug. sept. oct. nov. dec.
		januar februar märz mai juni juli oktober dezember sep. okt. dez.
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		ene. abr. jun. jul. ago. dic.
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		janv. févr. avr. juill. déc.
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
		gen. mag. giu. lug. set. ott.
		janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
		fev. mai. out.`) {
		m[w] = true
	}
	return m
}()

// isMonth reports whether w (a word, perhaps with the comma after it) names
// a month.
func isMonth(w string) bool {
	return months[strings.ToLower(strings.TrimSuffix(w, ","))]
}

// isDay reports whether w is a day of the month: one or two digits, with
// the point German puts after it or the comma of "Mar. 25,".
func isDay(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "."), ",")
	if w == "" || len(w) > 2 {
		return false
	}
	for _, r := range w {
		if !isDigit(r) {
			return false
		}
	}
	return w != "0" && w != "00" && (len(w) == 1 || w <= "31")
}

// firstWord is the word that begins after.
func firstWord(after string) string {
	if k := strings.IndexAny(after, " \t\n)]"); k >= 0 {
		return after[:k]
	}
	return after
}

// isYear reports whether w begins with a year of four digits.
func isYear(w string) bool {
	if len(w) < 4 {
		return false
	}
	for _, r := range w[:4] {
		if !isDigit(r) {
			return false
		}
	}
	return len(w) == 4 || !isDigit(rune(w[4])) && w[4] != '-'
}

// dateHolds reports whether the space is inside a date: between its day
// and month ("21 Sept.", "25 mars", "25. März", "25 de marzo"), its month
// and a day or year ("Sept. 2019", "Mar. 25", "marzo de 2006"), or the
// comma of "Mar. 25, 2006" and the year, so that "21 | Sept. 2019" cannot
// part at a line's end. The PDF's line breaker and Spaces both ask it, so
// the dates of citations (as the CSL engine formats them) and of running
// text hold alike.
func dateHolds(before, word, after string, digit bool) bool {
	next := firstWord(after)
	switch {
	case isDay(word) && !strings.HasSuffix(word, ","):
		// the day, then the month, or "de" and the month
		if isMonth(next) {
			return true
		}
		if rest, ok := strings.CutPrefix(after, next+" "); ok && (next == "de" || next == "di") {
			return isMonth(firstWord(rest))
		}
	case isMonth(word):
		// the month, then the year, or the day after a capital ("Mar.
		// 25", not "it may 2 ways"), or "de" and the year
		if digit {
			r, _ := utf8.DecodeRuneInString(word)
			return isYear(next) || unicode.IsUpper(r) && isDay(next)
		}
		if rest, ok := strings.CutPrefix(after, next+" "); ok && next == "de" {
			return isYear(rest)
		}
	case word == "de" || word == "di":
		// "25 de | marzo", "marzo de | 2006"
		prev := lastWord(strings.TrimSuffix(before, " "+word))
		if strings.HasSuffix(before, " "+word) && isDay(prev) {
			return isMonth(next)
		}
		return digit && isMonth(prev) && isYear(next)
	case strings.HasSuffix(word, ",") && isDay(word) && digit && isYear(next):
		// "Mar. 25, | 2006"
		rest := strings.TrimSuffix(before, " "+word)
		return rest != before && isMonth(lastWord(rest))
	}
	return false
}

// Spaces is s with each space that Holds a no-break space (U+00A0).
func Spaces(s string) string {
	var out []byte
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' || !Holds(s[:i], s[i+1:]) {
			continue
		}
		out = append(append(out, s[last:i]...), "\u00A0"...)
		last = i + 1
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

// wordJoiner (U+2060) forbids a line break on either side of it, and is
// not seen or heard.
const wordJoiner = "\u2060"

// Ranges is s with the en dash of each range of numbers ("10–14", "Q10–18",
// "(21–25)") bound to the numbers on both sides by word joiners: a
// browser may break a line after an en dash, and "ch. 10–" at a line's end
// with "14" on the next reads as two references. A dash between words
// ("Kathy – Tommy") still breaks.
func Ranges(s string) string {
	if !strings.Contains(s, "–") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '–' && i > 0 && isDigit(rune(s[i-1])) && i+n < len(s) && isDigit(rune(s[i+n])) {
			out.WriteString(wordJoiner + "–" + wordJoiner)
		} else {
			out.WriteString(s[i : i+n])
		}
		i += n
	}
	return out.String()
}

// isWord reports whether w is letters only (a word that may number
// something, not "1990s" or "—").
func isWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// endsPhrase reports whether s begins with a number, or a range of them
// ("8–9"), that ends its phrase: at the end of s or before punctuation,
// not before a space, a letter or more words.
func endsPhrase(s string) bool {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isDigit(r) && r != '–' && r != '-' {
			break
		}
		i += n
	}
	if i == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsPunct(r) && r != '–' && r != '-' && r != '/'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Attribution is "— name", who says a quotation, with the dash tied to the
// name and the words of a two-word name ("Miss Lucy") tied to each other,
// so that no line ends on the dash or parts a short name; a one-word role
// after the name's comma ("Kathy H., narrator") is tied to it too, so the
// line does not end on "Kathy H.,". A longer name may still break between
// its words, not to overrun a narrow measure.
func Attribution(name string) string {
	name = strings.TrimSpace(name)
	who, role, hasRole := strings.Cut(name, ", ")
	if strings.Count(who, " ") == 1 {
		who = strings.Replace(who, " ", "\u00A0", 1)
	}
	switch {
	case hasRole && !strings.Contains(role, " "):
		who += ",\u00A0" + role
	case hasRole:
		who += ", " + role
	}
	return "—\u00A0" + who
}

// Most characters a runt has: a last word of this many letters or fewer
// (its punctuation aside) alone on a paragraph's last line reads as a
// mistake, and Last ties it to the word before it; a pair longer than
// lastPair is left free, not to overrun a narrow column.
const (
	runt     = 6
	lastPair = 18
)

// Last is s with the space before its last word a no-break space when that
// word is short (a runt: "introduces | it."), so that a banner's subtitle,
// a caption or a table cell does not end on a line of one short word.
func Last(s string) string {
	k := strings.LastIndexByte(s, ' ')
	if k <= 0 || k == len(s)-1 {
		return s
	}
	tail := s[k+1:]
	if letters(tail) > runt || strings.ContainsAny(tail, "\n\t") {
		return s
	}
	j := strings.LastIndexAny(s[:k], " \u00A0")
	if letters(s[j+1:k])+letters(tail)+1 > lastPair {
		return s
	}
	return s[:k] + "\u00A0" + tail
}

// letters counts the letters and digits of w.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
