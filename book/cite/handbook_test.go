package cite

import "regexp"

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
