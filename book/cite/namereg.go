package cite

import (
	"regexp"
	"strings"
)

// nameReg is citeproc-js's document-wide name registry (CSL.Registry.NameReg),
// which the global givenname-disambiguation-rules ("all-names",
// "primary-name" and their "-with-initials" forms; CSL 1.0.2, Disambiguation)
// decide by. The spec says that under these rules every rendered name that
// is ambiguous in the document is expanded, whether or not its cite is
// ambiguous; what counts as "ambiguous" is citeproc-js's bookkeeping, which
// the goldens come from, so it is copied here exactly:
//
//   - A name is registered whenever a names element renders it during
//     processing: the cite of every reference (so a work's substitute, its
//     editor or, in APA, an interview's interviewer, counts) and the sort
//     keys of the works cited and of citations. Under the primary-name
//     rules only the name first in its list is registered; a name with no
//     given name or no family name (an organisation, a mononym) never is.
//   - Names are filed by family name (with its particle where the style
//     never demotes particles, so APA keeps "de Baker" apart from "Baker"),
//     then by initials, then by given name. Suffixes play no part:
//     "Kira Nakamura" and "Kira Nakamura Jr." are one entry.
//
// When a cite shows a registered name (the first, under primary-name
// rules), it is expanded to initials if its family name is registered with
// more than one set of initials, and to the full given name if its initials
// are shared by more than one given name, or (rule without "-with-initials")
// if the name element has no initialize-with to give initials. Whether the
// cites in question are told apart anyway (another year, other co-authors)
// does not matter: "H. J. Olsen et al., 2014" because an interview of 2014
// elsewhere names Hiro Olsen as its interviewer.
type nameReg struct {
	primary bool // primary-name rules: only names first in their list
	demote  bool // the family name alone keys the name (particles demoted)
	// family → initials → given names
	fam map[string]map[string]map[string]bool
}

func newNameReg(rule, demote string) *nameReg {
	return &nameReg{
		primary: strings.HasPrefix(rule, "primary-name"),
		demote:  demote != "never",
		fam:     map[string]map[string]map[string]bool{},
	}
}

// regPeriods is citeproc-js's strip_periods: periods become spaces.
func regPeriods(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, ".", " ")), " ")
}

// lowerTail is a trailing lowercase word ("et al", "jr") that citeproc-js
// leaves out of the given-name key.
var lowerTail = regexp.MustCompile(`[,!]* ([^,]+)$`)

// keys returns the family, initials and given-name keys of a name, and
// false for names that are not filed (no family or no given name).
func (g *nameReg) keys(n Name) (pkey, ikey, skey string, ok bool) {
	if n.Literal != "" || n.Family == "" {
		return "", "", "", false
	}
	pkey = regPeriods(n.Family)
	if !g.demote && n.NonDroppingParticle != "" {
		pkey += " " + n.NonDroppingParticle
	}
	skey = regPeriods(n.Given)
	if m := lowerTail.FindStringSubmatchIndex(skey); m != nil {
		if t := skey[m[2]:m[3]]; t == strings.ToLower(t) {
			skey = skey[:m[0]]
		}
	}
	ikey = initials(skey, " ", true, true)
	if ikey == "" {
		// citeproc-js files the family name alone, which counts for nothing
		return pkey, "", "", true
	}
	return pkey, ikey, skey, true
}

// add registers the names of one names list as a render shows them.
func (g *nameReg) add(names []Name) {
	for i, n := range names {
		if g.primary && i > 0 {
			break
		}
		pkey, ikey, skey, ok := g.keys(n)
		if !ok {
			continue
		}
		f := g.fam[pkey]
		if f == nil {
			f = map[string]map[string]bool{}
			g.fam[pkey] = f
		}
		if ikey == "" {
			continue
		}
		if f[ikey] == nil {
			f[ikey] = map[string]bool{}
		}
		f[ikey][skey] = true
	}
}

// level is the given-name expansion the registry asks for the name at
// position i of its list (citeproc-js's evalname): 0 none, 1 initials,
// 2 the full given name. hasInit: the name element has initialize-with.
func (g *nameReg) level(n Name, i int, rule string, hasInit bool) int {
	if g == nil || (g.primary && i > 0) {
		return 0
	}
	pkey, ikey, _, ok := g.keys(n)
	if !ok || g.fam[pkey] == nil || g.fam[pkey][ikey] == nil {
		return 0
	}
	inits := len(g.fam[pkey])
	if strings.HasSuffix(rule, "-with-initials") {
		if inits > 1 {
			return 1
		}
		return 0
	}
	level := 0
	if inits > 1 {
		level = 1
	}
	if len(g.fam[pkey][ikey]) > 1 || (inits > 1 && !hasInit) {
		level = 2
	}
	return level
}
