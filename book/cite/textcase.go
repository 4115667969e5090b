package cite

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// applyCase applies a CSL text-case to the leaves of b. Title case, as in
// citeproc-js, applies only to English items and leaves words that already
// hold capitals alone.
func applyCase(b *blob, tc string, ref *Reference, locale string) {
	switch tc {
	case "capitalize-first":
		if l := firstLeaf(b); l != nil {
			l.text = capFirst(l.text)
		}
	case "capitalize-all":
		eachCased(b, func(l *blob) { l.text = capWords(l.text) })
	case "lowercase":
		eachCased(b, func(l *blob) { l.text = caseOf(ref).lower(l.text) })
	case "uppercase":
		eachCased(b, func(l *blob) { l.text = caseOf(ref).upper(l.text) })
	case "title":
		if !isEnglish(ref, locale) {
			return
		}
		var walk func(x *blob)
		walk = func(x *blob) {
			if x == nil || x.role == "nocase" {
				return
			}
			if x.kids == nil {
				x.text = titleCaseRaw(x.text)
				return
			}
			for _, k := range x.kids {
				walk(k)
			}
		}
		walk(b)
	case "sentence":
		// as citeproc-js does it: everything lowercase but the first
		// letter and the words in <span class="nocase"> ("This is a
		// pen that is a Smith pencil")
		eachCased(b, func(l *blob) { l.text = strings.ToLower(l.text) })
		if l := firstLeaf(b); l != nil && !isNocase(b, l) {
			l.text = capFirst(l.text)
		}
	}
}

// letterCase is the case mapping of a work's language: Turkish and
// Azerbaijani dot the capital I ("ic" is "İC"), other languages do not.
type letterCase struct{ special unicode.SpecialCase }

func caseOf(ref *Reference) letterCase {
	if ref != nil {
		lang, _, _ := strings.Cut(strings.ToLower(ref.Language), "-")
		if lang == "tr" || lang == "az" {
			return letterCase{unicode.TurkishCase}
		}
	}
	return letterCase{}
}

func (c letterCase) upper(s string) string {
	if c.special == nil {
		return strings.ToUpper(s)
	}
	return strings.ToUpperSpecial(c.special, s)
}

func (c letterCase) lower(s string) string {
	if c.special == nil {
		return strings.ToLower(s)
	}
	return strings.ToLowerSpecial(c.special, s)
}

// eachCased calls f on the leaves of b that text case may change: not
// those within <span class="nocase">.
func eachCased(b *blob, f func(*blob)) {
	if b == nil || b.role == "nocase" {
		return
	}
	if b.kids == nil {
		f(b)
		return
	}
	for _, k := range b.kids {
		eachCased(k, f)
	}
}

// isNocase reports whether the leaf l of b is protected from text case.
func isNocase(b, l *blob) bool {
	found := false
	eachCased(b, func(x *blob) { found = found || x == l })
	return !found
}

// isEnglish reports whether title case applies: to a work in English, or
// to one that gives no language when the citations are in English, as
// citeproc-js decides (title case is an English convention; a French
// citation keeps "Future imperfect" as written).
func isEnglish(ref *Reference, locale string) bool {
	lang := locale
	if ref != nil && ref.Language != "" {
		lang = ref.Language
	}
	return lang == "" || strings.HasPrefix(strings.ToLower(lang), "en")
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

// Title case is only for formatting citations, which check never does,
// so its tables are made the first time a title is cased.

// stopWords stay lowercase in title case: the one-word entries of
// citeproc-js's SKIP_WORDS.
var stopWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.Split(`about,above,across,afore,after,against,al,along,alongside,amid,amidst,among,amongst,anenst,apropos,apud,around,as,aside,astride,at,athwart,atop,barring,before,behind,below,beneath,beside,besides,between,beyond,but,by,circa,despite,down,during,et,except,for,forenenst,from,given,in,inside,into,lest,like,modulo,near,next,notwithstanding,of,off,on,onto,out,over,per,plus,pro,qua,sans,since,than,through,throughout,thruout,till,to,toward,towards,under,underneath,until,unto,up,upon,versus,vs.,v.,vs,v,via,vis-à-vis,with,within,without,according to,ahead of,apart from,as for,as of,as per,as regards,aside from,back to,because of,close to,due to,except for,far from,inside of,instead of,near to,next to,on to,out from,out of,outside of,prior to,pursuant to,rather than,regardless of,such as,that of,up to,where as,or,yet,so,for,and,nor,a,an,the,de,d',von,van,c,ca`, ",") {
		if !strings.Contains(w, " ") {
			words[w] = true
		}
	}
	return words
})

// titleTag splits a string the way citeproc-js's title case does: quotes,
// punctuation, brackets and markup tags separate the runs of words.
var titleTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`‘|’|“|”| "| '|"|'|[-–—/.,;?!:]|\[|\]|\(|\)|<span style="font-variant: small-caps;">|<span class="no(?:case|decor)">|</span>|</?(?:i|sc|b|sub|sup)>`)
})

var titleQuoteTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(‘|’|“|”|"|')|( "| ')$`) })

// titleCaseRaw is citeproc-js's title case on a field value (markup
// included): a lowercase word is capitalized unless it is a one-letter word
// or a stop word, except that the first word, a word after ":", "?" or "!",
// and a stop word ending the title are capitalized; words holding capitals
// and text in <span class="nocase"> are left alone.
func titleCaseRaw(s string) string {
	if s == "" {
		return s
	}
	idx := titleTag().FindAllStringIndex(s, -1)
	var strs, tags []string
	last := 0
	for _, m := range idx {
		strs = append(strs, s[last:m[0]])
		tags = append(tags, s[m[0]:m[1]])
		last = m[1]
	}
	strs = append(strs, s[last:])
	orig := append([]string(nil), strs...)
	isFirst, afterPunct := true, false
	type wordPos struct{ seg, word int }
	var lastWord *wordPos
	capWords := func(seg string, segIdx int, nextTag string) string {
		words := splitSpaces(seg)
		nwords := 0
		for _, w := range words {
			if w.word {
				nwords++
			}
		}
		wi := 0
		for k, w := range words {
			if !w.word {
				continue
			}
			lw := strings.ToLower(w.s)
			cap := (utf8.RuneCountInString(w.s) > 1 && !stopWords()[lw]) || (wi == nwords-1 && nextTag == "-") || isFirst || afterPunct
			if cap && w.s == lw {
				words[k].s = upperFirst(w.s)
			}
			afterPunct, isFirst = false, false
			lastWord = &wordPos{segIdx, k}
			wi++
		}
		var b strings.Builder
		for _, w := range words {
			b.WriteString(w.s)
		}
		return b.String()
	}
	type qstate struct {
		opener, closer string
		pos            int
		hasPos         bool
	}
	var quotes []qstate
	openers := map[string][2]string{` "`: {` '`, `"`}, ` '`: {` "`, `'`}, "‘": {"‘", "’"}, "“": {"“", "”"}}
	quoteEvent := func(q string, i int) (int, bool) {
		if o, ok := openers[q]; ok {
			if len(quotes) == 0 || q == quotes[len(quotes)-1].opener {
				quotes = append(quotes, qstate{o[0], o[1], i, true})
				return 0, false
			}
			top := quotes[len(quotes)-1]
			quotes = quotes[:len(quotes)-1]
			quotes = append(quotes, qstate{o[0], o[1], 0, false})
			return top.pos, top.hasPos
		}
		if len(quotes) > 0 && q == quotes[len(quotes)-1].closer {
			quotes = quotes[:len(quotes)-1]
			return 0, false
		}
		return i, true
	}
	restore := func(d int) {
		if d+1 < len(strs) && orig[d+1] != "" {
			_, sz := utf8.DecodeRuneInString(orig[d+1])
			_, sz2 := utf8.DecodeRuneInString(strs[d+1])
			strs[d+1] = orig[d+1][:sz] + strs[d+1][sz2:]
		}
	}
	var tagState []string
	nocase := map[string]string{`<span style="font-variant: small-caps;">`: "</span>", `<span class="nocase">`: "</span>",
		`<span class="nodecor">`: "</span>", "<sc>": "</sc>", "<sub>": "</sub>", "<sup>": "</sup>"}
	if strings.TrimSpace(strs[0]) != "" {
		next := ""
		if len(tags) > 0 {
			next = tags[0]
		}
		strs[0] = capWords(strs[0], 0, next)
	}
	for u, tag := range tags {
		m := strs[u+1]
		if closer, ok := nocase[tag]; ok {
			tagState = append(tagState, closer)
		} else if len(tagState) > 0 && tag == tagState[len(tagState)-1] {
			tagState = tagState[:len(tagState)-1]
		}
		if strings.HasSuffix(tag, "!") || strings.HasSuffix(tag, "?") || strings.HasSuffix(tag, ":") {
			afterPunct = true
		}
		if tag == "." && inWord(strs[u], m) {
			// a dot inside a word, as in a site's name ("NobelPrize.org",
			// "Salon.com"): citeproc-js capitalizes after it ("NobelPrize.Org");
			// the handbooks keep names as their owners write them.
			if len(tagState) == 0 && afterPunct {
				afterPunct = false
			}
			continue
		}
		if len(tagState) == 0 {
			strs[u+1] = capWords(m, u+1, "")
		} else if strings.TrimSpace(m) != "" {
			lastWord = nil
		}
		if qm := titleQuoteTag().FindStringSubmatch(tag); qm != nil {
			q := qm[1]
			if q == "" {
				q = qm[2]
			}
			if d, ok := quoteEvent(q, u); ok {
				restore(d)
				lastWord = nil
			}
		}
		if isFirst && strings.TrimSpace(m) != "" {
			isFirst = false
		}
		if afterPunct && strings.TrimSpace(m) != "" {
			afterPunct = false
		}
	}
	for _, q := range quotes {
		if q.hasPos {
			restore(q.pos)
		}
	}
	if lastWord != nil {
		words := splitSpaces(strs[lastWord.seg])
		if lastWord.word < len(words) {
			w := words[lastWord.word].s
			if utf8.RuneCountInString(w) > 1 && stopWords()[strings.ToLower(w)] {
				words[lastWord.word].s = upperFirst(w)
				var b strings.Builder
				for _, x := range words {
					b.WriteString(x.s)
				}
				strs[lastWord.seg] = b.String()
			}
		}
	}
	var b strings.Builder
	for i, x := range strs {
		b.WriteString(x)
		if i < len(tags) {
			b.WriteString(tags[i])
		}
	}
	return b.String()
}

// inWord reports whether a tag sits between two letters with no space.
func inWord(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLetter(r1) && unicode.IsLetter(r2)
}

type spaced struct {
	s    string
	word bool
}

// splitSpaces cuts a run into words and the spaces between them.
func splitSpaces(s string) []spaced {
	var out []spaced
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		sp := unicode.IsSpace(r)
		j := i + sz
		for j < len(s) {
			r2, sz2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) != sp {
				break
			}
			j += sz2
		}
		out = append(out, spaced{s[i:j], !sp})
		i = j
	}
	return out
}

func upperFirst(s string) string {
	r, sz := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[sz:]
}
