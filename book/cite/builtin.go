package cite

import (
	"embed"
	"fmt"
	"strings"
	"sync"
)

// The built-in styles and locales: the CSL project's own files
// (citationstyles.org, CC BY-SA 3.0), as styles/README.md records them.
//
//go:embed styles/*.csl styles/*.xml
var builtinFS embed.FS

// Style names a built-in citation style.
type Style string

// The built-in styles, by the short names a companion.yaml gives.
const (
	MLA                   Style = "mla"                     // MLA Handbook, 9th edition, author-page
	MLANotes              Style = "mla-notes"               // MLA Handbook, 9th edition, in notes
	APA                   Style = "apa"                     // APA Publication Manual, 7th edition
	Chicago               Style = "chicago"                 // Chicago Manual of Style, 18th edition, author-date
	ChicagoNotes          Style = "chicago-notes"           // Chicago 18th edition, notes and bibliography
	ChicagoShortenedNotes Style = "chicago-shortened-notes" // Chicago 18th edition, shortened notes and bibliography
	Harvard               Style = "harvard"                 // Harvard, as Cite Them Right (12th edition) teaches it
	IEEE                  Style = "ieee"                    // IEEE Reference Guide
	AMA                   Style = "ama"                     // AMA Manual of Style, 11th edition
	Vancouver             Style = "vancouver"               // Vancouver, as Elsevier publishes it
)

// Styles lists the built-in styles in the order a user sees them.
var Styles = []Style{MLA, MLANotes, APA, Chicago, ChicagoNotes, ChicagoShortenedNotes, Harvard, IEEE, AMA, Vancouver}

// styleFiles are the built-in styles' files in styles/, named as the CSL
// project names them (the last part of the style's id).
var styleFiles = map[Style]string{
	MLA:                   "modern-language-association",
	MLANotes:              "modern-language-association-notes",
	APA:                   "apa",
	Chicago:               "chicago-author-date",
	ChicagoNotes:          "chicago-notes-bibliography",
	ChicagoShortenedNotes: "chicago-shortened-notes-bibliography",
	Harvard:               "harvard-cite-them-right",
	IEEE:                  "ieee",
	AMA:                   "american-medical-association",
	Vancouver:             "elsevier-vancouver",
}

// ParseStyle reads a built-in style's name as a user writes it: the short
// name ("mla", "chicago-notes"), or the CSL project's name for the style
// ("modern-language-association", "chicago-author-date"), in any case.
func ParseStyle(name string) (Style, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for s, file := range styleFiles {
		if name == string(s) || name == file {
			return s, true
		}
	}
	return "", false
}

// styleByID finds the built-in style a dependent style names as its
// parent, by the parent's CSL id ("http://www.zotero.org/styles/apa").
func styleByID(id string) (Style, bool) {
	id = strings.TrimPrefix(strings.TrimPrefix(id, "http://"), "https://")
	name, ok := strings.CutPrefix(id, "www.zotero.org/styles/")
	if !ok {
		return "", false
	}
	for s, file := range styleFiles {
		if name == file {
			return s, true
		}
	}
	return "", false
}

// File is the built-in style read, as ReadStyle reads a project's.
func (s Style) File() *StyleFile {
	file, ok := styleFiles[s]
	if !ok {
		file, s = styleFiles[MLA], MLA
	}
	builtinMu.Lock()
	defer builtinMu.Unlock()
	if f, ok := builtinStyles[s]; ok {
		return f
	}
	data, err := builtinFS.ReadFile("styles/" + file + ".csl")
	if err != nil {
		panic(err)
	}
	// only the header (the root's attributes and cs:info: its id and
	// default-locale): a built-in style is known to be good, and is
	// read in full when it is first compiled (Style.CSL)
	root, _, err := parseXMLUntil(data, "info")
	if err != nil {
		panic(fmt.Sprintf("cite: built-in style %s: %v", file, err))
	}
	f := &StyleFile{file: file + ".csl", data: data, root: root, builtin: s}
	builtinStyles[s] = f
	return f
}

// CSL is the built-in style compiled over a locale. It is compiled once
// for each locale and shared.
func (s Style) CSL(loc *Locale) *CSL {
	f := s.File()
	key := compiledKey{f.builtin, loc}
	builtinMu.Lock()
	c, ok := compiled[key]
	builtinMu.Unlock()
	if ok {
		return c
	}
	// compiled when a processor first needs it: a book's check names
	// the style but formats nothing
	c = &CSL{builtin: f.builtin, compile: func() *cslStyle {
		c, diags := f.compile(nil, loc)
		if diags.HasErrors() {
			panic(fmt.Sprintf("cite: built-in style %s: %v", s, diags))
		}
		return c.style()
	}}
	builtinMu.Lock()
	defer builtinMu.Unlock()
	if old, ok := compiled[key]; ok {
		return old
	}
	compiled[key] = c
	return c
}

type compiledKey struct {
	s   Style
	loc *Locale
}

var (
	builtinMu      sync.Mutex
	builtinStyles  = map[Style]*StyleFile{}
	compiled       = map[compiledKey]*CSL{}
	builtinLocales = map[string]*Locale{}
)

// Locales lists the built-in locales.
var Locales = []string{"en-US", "en-GB", "fr-FR", "de-DE", "es-ES", "it-IT", "pt-PT", "pt-BR"}

// primaryDialects is the locale that stands for a language given without
// a region, as the CSL project's locales.json has it.
var primaryDialects = map[string]string{"en": "en-US", "fr": "fr-FR", "de": "de-DE", "es": "es-ES", "it": "it-IT", "pt": "pt-PT"}

// LocaleTag is the built-in locale for a BCP 47 language tag: the tag's
// own language and region when there is a locale for them ("en-GB"),
// else the language's primary dialect ("fr-CA" and "fr" are "fr-FR").
// ok is false for a language without a built-in locale.
func LocaleTag(tag string) (string, bool) {
	lang, region := splitTag(tag)
	if region != "" {
		want := lang + "-" + region
		for _, l := range Locales {
			if l == want {
				return l, true
			}
		}
	}
	l, ok := primaryDialects[lang]
	return l, ok
}

// splitTag reads a language tag's language (lower case) and region (upper
// case, "" without one): "pt-br" is pt and BR, "zh-Hant-TW" zh and TW.
func splitTag(tag string) (lang, region string) {
	parts := strings.Split(strings.ReplaceAll(tag, "_", "-"), "-")
	lang = strings.ToLower(parts[0])
	for _, p := range parts[1:] {
		if len(p) == 2 || (len(p) == 3 && p[0] >= '0' && p[0] <= '9') {
			return lang, strings.ToUpper(p)
		}
	}
	return lang, ""
}

// BuiltinLocale is a built-in locale by its name ("fr-FR", as Locales
// lists them), with what it lacks taken from en-US, as CSL processors fill
// a locale's gaps.
func BuiltinLocale(name string) (*Locale, bool) {
	builtinMu.Lock()
	defer builtinMu.Unlock()
	return builtinLocale(name)
}

func builtinLocale(name string) (*Locale, bool) {
	if l, ok := builtinLocales[name]; ok {
		return l, true
	}
	data, err := builtinFS.ReadFile("styles/locales-" + name + ".xml")
	if err != nil {
		return nil, false
	}
	// read when a style is first compiled over it
	loc := &Locale{load: func() *locale {
		l, _, err := parseLocale(data)
		if err != nil {
			panic(fmt.Sprintf("cite: built-in locale %s: %v", name, err))
		}
		return l
	}}
	if name != "en-US" {
		base, _ := builtinLocale("en-US")
		loc = loc.Over(base)
	}
	loc.builtin = true
	builtinLocales[name] = loc
	return loc, true
}

// defaultLocale is en-US, the locale of a style that asks for none.
func defaultLocale() *Locale {
	l, _ := BuiltinLocale("en-US")
	return l
}
