package book

import "golang.org/x/text/language"

// letterRegions are the regions whose paper is US Letter, from CLDR's
// supplemental measurement data (paperSize "US-Letter", CLDR 46); A4
// everywhere else.
var letterRegions = map[string]bool{
	"BZ": true, "CA": true, "CL": true, "CO": true, "CR": true, "GT": true, "MX": true,
	"NI": true, "PA": true, "PH": true, "PR": true, "SV": true, "US": true, "VE": true,
}

// PaperFor is the paper of the handouts when the project does not choose
// one: that of the language's region ("en-GB" a4, "es-MX" letter), or of
// its likely region when it names none ("en" is the United States',
// "fr" France's).
func PaperFor(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return "letter"
	}
	region, _ := tag.Region() // the likely region when the tag has none
	if letterRegions[region.String()] {
		return "letter"
	}
	return "a4"
}
