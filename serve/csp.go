package serve

import (
	"regexp"
	"slices"
	"strings"
)

// The site forbids every request off the page with a Content-Security-
// Policy <meta>. The preview's script, its style sheet and its event stream
// come from the server itself, so the policy a page is served with must let
// the page's own origin serve scripts, styles and connections; nothing
// else is widened.
var (
	cspMeta    = regexp.MustCompile(`(?is)<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>`)
	cspContent = regexp.MustCompile(`(?is)(\scontent\s*=\s*")([^"]*)(")`)
)

// previewNeeds are the fetch directives the preview's own files fall under.
var previewNeeds = []string{"script-src", "style-src", "connect-src"}

// allowPreview widens each Content-Security-Policy <meta> of a page to let
// the preview's files through.
func allowPreview(page []byte) []byte {
	return cspMeta.ReplaceAllFunc(page, func(meta []byte) []byte {
		return cspContent.ReplaceAllFunc(meta, func(attr []byte) []byte {
			m := cspContent.FindSubmatch(attr)
			return slices.Concat(m[1], []byte(widenPolicy(string(m[2]))), m[3])
		})
	})
}

// widenPolicy adds 'self' to the sources script, style and connect fetches
// may use, in their own directive or, when a page has none, in one that
// replaces default-src for them.
func widenPolicy(policy string) string {
	var dirs [][]string
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			dirs = append(dirs, f)
		}
	}
	find := func(name string) int {
		return slices.IndexFunc(dirs, func(d []string) bool { return strings.EqualFold(d[0], name) })
	}
	def := find("default-src")
	for _, name := range previewNeeds {
		i := find(name)
		if i < 0 {
			if def < 0 || allowsSelf(dirs[def]) {
				continue // no default-src, or one allowing 'self': allowed already
			}
			dirs = append(dirs, append([]string{name}, sourcesWithSelf(dirs[def][1:])...))
			continue
		}
		if !allowsSelf(dirs[i]) {
			dirs[i] = append(dirs[i][:1], sourcesWithSelf(dirs[i][1:])...)
		}
	}
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = strings.Join(d, " ")
	}
	return strings.Join(out, "; ")
}

func allowsSelf(dir []string) bool {
	return slices.ContainsFunc(dir[1:], func(s string) bool { return strings.EqualFold(s, "'self'") })
}

// sourcesWithSelf is a source list with 'self' added; 'none' goes, since
// it may only stand alone.
func sourcesWithSelf(sources []string) []string {
	out := []string{"'self'"}
	for _, s := range sources {
		if !strings.EqualFold(s, "'none'") {
			out = append(out, s)
		}
	}
	return out
}
