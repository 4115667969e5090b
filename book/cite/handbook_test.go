package cite

import (
	"regexp"
	"strings"
)

var interviewBy = regexp.MustCompile(`([^.?!\s]) Interview by `)

var domainName = regexp.MustCompile(`[A-Za-z]\.(Org|Com|Net|Edu|Gov|Io)([^A-Za-z]|$)`)

// handbookBib turns the oracle's works-cited entry into what the handbooks
// prescribe where citeproc-js gets it wrong.
//
// Title case: citeproc-js capitalizes after a dot inside a word, so the
// site "NobelPrize.org" prints as "NobelPrize.Org". MLA (2.90: names as
// their owners write them), APA and Chicago keep "NobelPrize.org", and so
// does Processor.
//
// Chicago: the official style runs an interview's "Interview by …" on to
// the title or year ("… No. 196 Interview by Susannah Hunnewell"); CMOS
// 14.218 makes it a sentence ("… No. 196. Interview by …"), and so does
// Processor (see chicagoHandbook).
func handbookBib(s Style, want string) string {
	if s == Chicago {
		want = interviewBy.ReplaceAllString(want, "$1. Interview by ")
	}
	return domainName.ReplaceAllStringFunc(want, func(m string) string {
		return m[:2] + strings.ToLower(m[2:])
	})
}

var mlaLabel = regexp.MustCompile(`(chap|pt|sec|para)\.(\S)`)

// handbookCite turns the oracle's in-text citation into what the style's
// handbook prescribes where the official CSL style gets it wrong.
//
// MLA: the official style glues the label to the locator ("chap.7") and
// uses Chicago's abbreviations; the MLA Handbook (9th ed., 6.17, appendix 1)
// writes "ch. 7", "pt. 2", "sec. 3", "par. 4". Processor follows the
// handbook (see mlaHandbook).
//
// All styles: where nothing is left to print (the author suppressed from a
// work whose author line is its title), citeproc-js prints
// "[NO_PRINTED_FORM]"; Processor returns empty Text for the caller to handle.
func handbookCite(s Style, want string) string {
	if want == "[NO_PRINTED_FORM]" {
		return ""
	}
	if s != MLA {
		return want
	}
	return mlaLabel.ReplaceAllStringFunc(want, func(m string) string {
		sub := mlaLabel.FindStringSubmatch(m)
		label := sub[1]
		switch label {
		case "chap":
			label = "ch"
		case "para":
			label = "par"
		}
		return label + ". " + sub[2]
	})
}
