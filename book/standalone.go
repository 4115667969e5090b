package book

import (
	"regexp"
	"strings"

	"github.com/companion-dev/companion/book/diag"
)

// standalone warns where a question's words depend on where it is
// printed: "the passage above", "the questions below", "overleaf". A
// question also goes to the learning platforms (GIFT, Moodle, Blackboard,
// the Common Cartridge) and into the schemes of work, alone, where
// nothing is above or overleaf. The prompt, the choices and their
// feedback are read; guidance and model answers are the teacher's.
func (c *checker) standalone(q *Question) {
	what := "question " + q.ID
	c.placementWords(q.Prompt, what)
	for _, choice := range q.Choices {
		c.placementWords(choice.Text, "a choice of "+what)
		c.placementWords(choice.Feedback, "the feedback of a choice of "+what)
	}
}

// placementRE finds the words that point to a place on the page.
// "Above" and "below" followed by a noun phrase ("above all", "below the
// surface") are prepositions that place nothing on the page, and are let
// through by placedAt.
var placementRE = regexp.MustCompile(`(?i)\b(?:above|below|overleaf|over the page|(?:on the )?(?:next|previous|facing|following) page)\b`)

// notPlacement are the words after "above" or "below" that make it a
// preposition or a phrase ("above all") rather than a place on the page.
var notPlacement = regexp.MustCompile(`(?i)^[ \x{a0}]+(?:all|the|a|an|his|her|their|its|our|your|my|this|that|these|those|average|zero|ground|sea|one's|\d)\b`)

// mayPlace reports whether t may hold a match of placementRE; when it
// says no, there is none. Every match holds one of these words, and
// looking for them first spares the case-blind expression, which tries
// every byte, the many texts that hold none.
func mayPlace(t string) bool {
	for i := 0; i < len(t); i++ {
		for _, w := range [...]string{"above", "below", "overleaf", "page"} {
			if t[i]|0x20 == w[0] && len(t)-i >= len(w) && strings.EqualFold(t[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

func (c *checker) placementWords(m *Markdown, what string) {
	textRuns(m, func(t string, pos func(i, n int) diag.Pos) {
		if !mayPlace(t) {
			return
		}
		for _, loc := range placementRE.FindAllStringIndex(t, -1) {
			word := t[loc[0]:loc[1]]
			if w := strings.ToLower(word); (w == "above" || w == "below") && notPlacement.MatchString(t[loc[1]:]) {
				continue
			}
			c.diags.Warnf(pos(loc[0], loc[1]-loc[0]), "%s says %q, which means nothing where it goes alone: a learning platform or a scheme of work", what, word)
			c.diags.Hintf("make it stand alone: put the passage or quotation it points to into the prompt itself, or say where it is in the work (\"in chapter 7\")")
		}
	})
}
