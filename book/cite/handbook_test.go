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
func handbookCite(s Style, want string) string {
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
