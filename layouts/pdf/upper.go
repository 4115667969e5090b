package pdf

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// upper is s in capitals as print sets them: Greek in capitals drops its
// accents and breathings (U+0300–U+0345: tonos, oxia, varia, psili,
// dasia, perispomeni, ypogegrammeni), keeping the dialytika (U+0308), as
// CSS text-transform does for Greek: "Ὀδύσσεια" is "ΟΔΥΣΣΕΙΑ", not
// "ὈΔΎΣΣΕΙΑ". The marks of other scripts stay ("É" in French).
func upper(s string) string {
	if !hasGreek(s) {
		return strings.ToUpper(s)
	}
	// The marks go first, in the decomposed letters: a letter Unicode has
	// no capital of (ΐ) is a capital once its tonos is gone.
	var b strings.Builder
	greek := false // the last base letter is Greek
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			greek = unicode.Is(unicode.Greek, r)
		} else if greek && r >= 0x300 && r <= 0x345 && r != 0x308 {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(strings.ToUpper(b.String()))
}

func hasGreek(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Greek, r) {
			return true
		}
	}
	return false
}
