package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// applyCase applies a CSL text-case to the leaves of b. Title case, as in
// citeproc-js, applies only to English items and leaves words that already
// hold capitals alone.
func applyCase(b *blob, tc string, ref *Reference) {
	switch tc {
	case "capitalize-first":
		if l := firstLeaf(b); l != nil {
			l.text = capFirst(l.text)
		}
	case "capitalize-all":
		eachLeaf(b, func(l *blob) { l.text = capWords(l.text) })
	case "lowercase":
		eachLeaf(b, func(l *blob) { l.text = strings.ToLower(l.text) })
	case "uppercase":
		eachLeaf(b, func(l *blob) { l.text = strings.ToUpper(l.text) })
	case "title":
		if ref != nil && ref.Language != "" && !strings.HasPrefix(strings.ToLower(ref.Language), "en") {
			return
		}
		first := true
		afterColon := false
		var walk func(x *blob)
		walk = func(x *blob) {
			if x == nil {
				return
			}
			if x.role == "nocase" {
				// protected, but still counts as words
				first = false
				return
			}
			if x.kids == nil {
				x.text = titleCase(x.text, &first, &afterColon)
				return
			}
			for _, k := range x.kids {
				walk(k)
			}
		}
		walk(b)
	case "sentence":
		if l := firstLeaf(b); l != nil {
			l.text = capFirst(l.text)
		}
	}
}

func firstLeaf(b *blob) *blob {
	if b == nil {
		return nil
	}
	if b.kids == nil {
		if b.text == "" {
			return nil
		}
		return b
	}
	for _, k := range b.kids {
		if l := firstLeaf(k); l != nil {
			return l
		}
	}
	return nil
}

func eachLeaf(b *blob, f func(*blob)) {
	if b == nil {
		return
	}
	if b.kids == nil {
		f(b)
		return
	}
	for _, k := range b.kids {
		eachLeaf(k, f)
	}
}

func capFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
			}
			return s
		}
	}
	return s
}

func capWords(s string) string {
	fs := strings.Split(s, " ")
	for i, f := range fs {
		fs[i] = capFirst(f)
	}
	return strings.Join(fs, " ")
}

// stopWords stay lowercase in title case (citeproc-js's list).
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a according aboard about above across after against ahead along alongside amid amidst among amongst an and anenst apart apropos apud around as aside astride at athwart atop back barring because before behind below beneath beside besides between beyond but by c ca circa close d' de despite down due during et except far for forenenst from given in inside instead into lest like modulo near next nor notwithstanding of off on onto or out outside over per plus prior pro pursuant qua rather regardless sans since so such than that the through thru throughout thruout till to toward towards under underneath until unto up upon v. versus via vis-à-vis von van vs vs. v with within without yet`) {
		stopWords[w] = true
	}
}

func titleCase(s string, first, afterColon *bool) string {
	var out strings.Builder
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			out.WriteRune(r)
			if r == ':' || r == '?' || r == '!' {
				*afterColon = true
			}
			i += sz
			continue
		}
		j := i
		for j < len(s) {
			r2, sz2 := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += sz2
		}
		w := s[i:j]
		lower := w == strings.ToLower(w)
		switch {
		case !lower:
		case *first || *afterColon:
			w = capFirst(w)
		case stopWords[w]:
		default:
			w = capFirst(w)
		}
		*first, *afterColon = false, false
		out.WriteString(w)
		i = j
	}
	return out.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' || r == '\''
}
