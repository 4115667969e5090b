package book

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
)

// spoilers warns where a chapter's student text names a chapter of the
// work beyond the parts the chapter covers: a handout for Part One that
// says "until chapter 22" tells a class what is still to come, though
// its header promises that it covers Part One only. Students read the
// body (teacher-only text aside), the vocabulary, the key quotations and
// the questions' prompts, choices and feedback; guidance and model
// answers are the teacher's, who has read the whole work, and are not
// checked. A chapter that covers no part, or a work whose parts give no
// chapters, has no bound to check against.
func (c *checker) spoilers(ch *Chapter) {
	last, covered := c.lastCovered(ch)
	if last == 0 {
		return
	}
	s := spoilerCheck{c: c, ch: ch, last: last, covered: covered}
	s.markdown(ch.Body.Edition(false), "the text")
	for _, t := range ch.Vocabulary {
		s.markdown(t.Definition, fmt.Sprintf("the definition of %q", t.Term))
		s.citation(t.Cite, t.CitePos, fmt.Sprintf("the citation of %q", t.Term))
	}
	for _, q := range ch.Quotes {
		s.text(q.Text, q.textPos, "quote "+q.ID)
		s.citation(q.Cite, q.CitePos, "the citation of quote "+q.ID)
	}
	for _, q := range ch.Questions {
		what := "question " + q.ID
		s.markdown(q.Prompt, what)
		for _, choice := range q.Choices {
			s.markdown(choice.Text, "a choice of "+what)
			s.markdown(choice.Feedback, "the feedback of a choice of "+what)
		}
	}
}

// lastCovered is the last work chapter in the parts a chapter covers and
// the parts' titles; 0 when the chapter covers none or a part gives no
// chapters.
func (c *checker) lastCovered(ch *Chapter) (last int, titles []string) {
	for _, wp := range ch.Covers {
		_, hi, ok := wp.Range()
		if !ok {
			return 0, nil
		}
		last = max(last, hi)
		titles = append(titles, wp.Title)
	}
	return last, titles
}

type spoilerCheck struct {
	c       *checker
	ch      *Chapter
	last    int
	covered []string
}

// chapterMentionRE finds a mention of chapters in prose: "chapter 22",
// "chapters 12–15", "ch. 9", "chs. 12 and 13", "chap. 4, 6".
var chapterMentionRE = regexp.MustCompile(`(?i)\b(?:chapters?|chaps?\.|chs?\.)[ \x{a0}]+(\d+(?:[ \x{a0}]*(?:[-–—]|,|and|&|to)[ \x{a0}]*\d+)*)`)

var numberRE = regexp.MustCompile(`\d+`)

// mayNameChapter reports whether t may hold a mention chapterMentionRE
// finds; when it says no, there is none. The expression cannot skip ahead
// to a literal (it is case-blind) and so tries every byte of every text,
// which was a third of check's time; this scan looks only for what every
// mention has, "ch" starting a word and followed by letters or dots, a
// space and a digit, so that the expression runs on the few texts that
// name a chapter.
func mayNameChapter(t string) bool {
	for i := 0; i+1 < len(t); i++ {
		if t[i]|0x20 != 'c' || t[i+1]|0x20 != 'h' || i > 0 && isWordByte(t[i-1]) {
			continue
		}
		j := i + 2
		for j < len(t) {
			if b := t[j] | 0x20; 'a' <= b && b <= 'z' || t[j] == '.' {
				j++
			} else if strings.HasPrefix(t[j:], "ſ") { // (?i) reads "ſ" as "s"
				j += len("ſ")
			} else {
				break
			}
		}
		spaced := false
		for j < len(t) {
			if t[j] == ' ' {
				j++
			} else if strings.HasPrefix(t[j:], "\u00a0") {
				j += len("\u00a0")
			} else {
				break
			}
			spaced = true
		}
		if spaced && j < len(t) && '0' <= t[j] && t[j] <= '9' {
			return true
		}
	}
	return false
}

// highest is the highest chapter number a list of numbers and ranges
// names ("12–15", "5, 9 and 22").
func highest(s string) int {
	n := 0
	for _, d := range numberRE.FindAllString(s, -1) {
		if v, err := strconv.Atoi(d); err == nil {
			n = max(n, v)
		}
	}
	return n
}

// isWordByte reports whether b is a character of a word as \b in an
// expression reads it: ASCII letters, digits and the underscore (a byte of
// a longer UTF-8 sequence is none).
func isWordByte(b byte) bool {
	return 'a' <= b|0x20 && b|0x20 <= 'z' || '0' <= b && b <= '9' || b == '_'
}

// markdown checks the text of one piece of Markdown and the citations of
// the work in it, which print as "(ch. 22)".
func (s spoilerCheck) markdown(m *Markdown, what string) {
	textRuns(m, func(t string, pos func(i, n int) diag.Pos) {
		if !mayNameChapter(t) {
			return
		}
		for _, loc := range chapterMentionRE.FindAllStringSubmatchIndex(t, -1) {
			if highest(t[loc[2]:loc[3]]) > s.last {
				s.report(pos(loc[0], loc[1]-loc[0]), what, "names "+strconv.Quote(t[loc[0]:loc[1]]))
			}
		}
	})
	if m == nil {
		return
	}
	doc.Walk(m.Doc, func(n any) bool {
		if n, ok := n.(*doc.Citation); ok {
			s.citation(n.Items, m.NodePos(n), what)
		}
		return true
	})
}

// text checks text written outside Markdown (a quotation).
func (s spoilerCheck) text(t string, pos diag.Pos, what string) {
	if !mayNameChapter(t) {
		return
	}
	for _, loc := range chapterMentionRE.FindAllStringSubmatchIndex(t, -1) {
		if highest(t[loc[2]:loc[3]]) > s.last {
			p := pos
			if p.Line > 0 {
				p.Col += len([]rune(t[:loc[0]]))
			}
			s.report(p, what, "names "+strconv.Quote(t[loc[0]:loc[1]]))
		}
	}
}

// citation checks the chapters a citation of the work cites.
func (s spoilerCheck) citation(items []cite.Item, pos diag.Pos, what string) {
	for _, it := range items {
		if it.Key != s.c.book.Work || it.Label != "chapter" {
			continue
		}
		if highest(it.Locator) > s.last {
			s.report(pos, what, "cites chapter "+it.Locator+" of the work")
		}
	}
}

func (s spoilerCheck) report(pos diag.Pos, what, does string) {
	c := s.c
	c.diags.Warnf(pos, "%s %s, beyond the chapters of the work that %s covers (%s, up to chapter %d)", what, does, s.ch.Path, c.book.Labels.And(s.covered), s.last)
	c.diags.Hintf("students reading it have not got that far: say it without pointing ahead, keep it for teachers (a `::: teacher` block or guidance:), or add the part that holds the chapter to covers:")
}
