package book

import (
	"io/fs"
	"path"
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
)

// citationStyle settles the style and locale the citations are formatted
// in, and compiles them: the style is the manifest's citation-style (or
// the override, companion refs --style), a built-in style's name or a
// project .csl file; the locale follows the manifest's language, else the
// style's default-locale, else en-US. A project may bring its own locale
// as locales-xx-XX.xml beside companion.yaml. The quotation marks are the
// labels', not the locale's. Every problem is reported at
// the manifest's or the style file's line, and a book whose style cannot
// be read has errors, so nothing is written.
func (l *loader) citationStyle(override string) {
	b := l.book
	spec, at := l.styleSpec, l.stylePos
	if override != "" {
		spec, at = override, diag.Pos{File: "--style"}
	}
	if spec == "" {
		spec = string(cite.MLA)
	}
	f, ok := l.styleFile(spec, at)
	if !ok {
		return
	}
	var parent *cite.StyleFile
	if id, parentAt, dependent := f.Parent(); dependent {
		if parent, ok = l.parentStyle(id, parentAt, at); !ok {
			return
		}
	}
	loc, ok := l.citationLocale(f, parent)
	if !ok {
		return
	}
	// one set of quotation marks for the book: the labels' (the
	// language's, or the project's own), in the works cited as in the text
	t := b.Labels
	loc = loc.WithQuotes(cite.Quotes{t.Get("quote-open"), t.Get("quote-close"), t.Get("quote-inner-open"), t.Get("quote-inner-close")})
	c, d := f.Compile(parent, loc)
	l.diags.Append(d)
	if c == nil || d.HasErrors() {
		return
	}
	b.csl, b.Style, b.StyleTitle = c, c.Builtin(), f.Title()
}

// styleFile reads the style a user names: a built-in one by name, or a
// project .csl file by its path.
func (l *loader) styleFile(spec string, at diag.Pos) (*cite.StyleFile, bool) {
	if s, ok := cite.ParseStyle(spec); ok {
		return s.File(), true
	}
	if !strings.HasSuffix(strings.ToLower(spec), ".csl") {
		var names []string
		for _, s := range cite.Styles {
			names = append(names, string(s))
		}
		l.diags.Errorf(at, "citation-style %q is neither a built-in style nor a .csl file", spec)
		if near, ok := diag.Near(spec, names); ok {
			l.diags.Hintf("did you mean %q?", near)
		} else {
			l.diags.Hintf("use one of %s, or the path of a CSL style in the project (e.g. styles/nature.csl, from citationstyles.org)", strings.Join(names, ", "))
		}
		return nil, false
	}
	p, ok := l.projectPath(spec, at, "citation-style")
	if !ok {
		return nil, false
	}
	data, ok := l.readFile(p, at)
	if !ok {
		return nil, false
	}
	f, d := cite.ReadStyle(p, data)
	l.diags.Append(d)
	return f, f != nil
}

// parentStyle finds the style a dependent style takes its citations and
// bibliography from: a built-in style, or a project file named as the
// CSL project names it (http://www.zotero.org/styles/nature is nature.csl),
// beside companion.yaml or in the dependent style's folder.
func (l *loader) parentStyle(id string, at, named diag.Pos) (*cite.StyleFile, bool) {
	if s, ok := cite.BuiltinParent(id); ok {
		return s.File(), true
	}
	name := path.Base(strings.TrimRight(id, "/")) + ".csl"
	for _, p := range []string{path.Join(path.Dir(at.File), name), name} {
		if st, err := fs.Stat(l.fsys, p); err == nil && st.Mode().IsRegular() {
			data, ok := l.readFile(p, at)
			if !ok {
				return nil, false
			}
			f, d := cite.ReadStyle(p, data)
			l.diags.Append(d)
			if f == nil {
				return nil, false
			}
			if _, _, dependent := f.Parent(); dependent {
				l.diags.Errorf(at, "the style's parent %s is itself a dependent style", p)
				l.diags.Hintf("a dependent style names an independent style, one with its own <citation>")
				return nil, false
			}
			return f, true
		}
	}
	l.diags.Errorf(at, "the style depends on %s, which is neither built in nor in the project", id)
	l.diags.Hintf("put %s (from github.com/citation-style-language/styles) beside the style, or use a built-in style", name)
	return nil, false
}

// citationLocale is the locale the citations use: the one of the book's
// language when the manifest gives a language, else the style's own
// default-locale, else en-US; the project's locales-xx-XX.xml over the
// built-in one of its language, where the project has one.
func (l *loader) citationLocale(f, parent *cite.StyleFile) (*cite.Locale, bool) {
	tag, at, fromStyle := "en-US", diag.Pos{}, false
	if l.languageGiven {
		tag, at = l.book.Language, l.languagePos
	} else {
		for _, s := range []*cite.StyleFile{f, parent} {
			if s == nil {
				continue
			}
			if t, pos := s.DefaultLocale(); t != "" {
				tag, at, fromStyle = t, pos, true
				break
			}
		}
	}
	name, builtin := cite.LocaleTag(tag)
	var base *cite.Locale
	if builtin {
		base, _ = cite.BuiltinLocale(name)
	} else {
		base, _ = cite.BuiltinLocale("en-US")
	}
	for _, p := range l.localeFiles(tag, name) {
		if st, err := fs.Stat(l.fsys, p); err != nil || !st.Mode().IsRegular() {
			continue
		}
		data, ok := l.readFile(p, diag.Pos{File: p})
		if !ok {
			return nil, false
		}
		own, d := cite.ReadLocale(p, data)
		l.diags.Append(d)
		if own == nil {
			return nil, false
		}
		return own.Over(base), true
	}
	if builtin {
		return base, true
	}
	if fromStyle {
		l.diags.Errorf(at, "the style's default-locale %q is not a locale companion has", tag)
	} else {
		l.diags.Warnf(at, "companion has no citation locale for language %q, so citations use the en-US terms (\"edited by\", \"and\")", tag)
	}
	l.diags.Hintf("built-in locales: %s; or put locales-%s.xml (from github.com/citation-style-language/locales) beside companion.yaml", strings.Join(cite.Locales, ", "), tag)
	return base, !fromStyle
}

// localeFiles are the project's own locale files for the tag, most
// specific first: the tag as written, the built-in locale it falls back
// to ("fr-CA", then "fr-FR"), then any region of its language
// ("locales-nl-NL.xml" for nl), in name order.
func (l *loader) localeFiles(tag, builtin string) []string {
	out := []string{"locales-" + tag + ".xml"}
	if builtin != "" && builtin != tag {
		out = append(out, "locales-"+builtin+".xml")
	}
	lang, _, _ := strings.Cut(tag, "-")
	if regions, err := fs.Glob(l.fsys, "locales-"+lang+"-*.xml"); err == nil {
		out = append(out, regions...)
	}
	return out
}
