package book_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
)

// parentDependent is a dependent style, as the CSL project publishes
// thousands: it takes APA's citations and asks for French.
const parentDependent = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="fr-FR">
  <info>
    <title>Journal of Examples</title>
    <id>http://www.zotero.org/styles/journal-of-examples</id>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
  </info>
</style>
`

// ownStyle is a project's own independent style.
const ownStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation><layout prefix="(" suffix=")"><text variable="title" font-style="italic"/><date variable="issued" prefix=", "><date-part name="month"/></date></layout></citation>
  <bibliography><layout><text term="translator" form="verb"/></layout></bibliography>
</style>
`

// ownLocale is a project's locale for a language companion has none for.
const ownLocale = `<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="nl-NL">
  <terms>
    <term name="translator" form="verb">vertaald door</term>
    <term name="month-03">maart</term>
  </terms>
</locale>
`

// TestCitationStyleAndLocale: citation-style takes a built-in name or a
// project .csl file (a dependent one finds its parent among the built-in
// styles); the locale follows language (region, then language), else the
// style's default-locale; a project's locales-xx-XX.xml is used for its
// language.
func TestCitationStyleAndLocale(t *testing.T) {
	for _, tc := range []struct {
		name     string
		manifest string // added to companion.yaml
		files    map[string]string
		style    cite.Style
		cite     string // the quote's citation, as the book formats it
		works    string
	}{
		{"default", "", nil, cite.MLA, "(Ishiguro, ch. 7)", "Ishiguro, Kazuo. *Never Let Me Go*. Translated by Jane Doe, Faber and Faber, 2005."},
		{"built-in by name", "citation-style: chicago-notes\n", nil, cite.ChicagoNotes,
			"Kazuo Ishiguro, *Never Let Me Go*, trans. Jane Doe (Faber and Faber, 2005), chap. 7.", "Ishiguro, Kazuo. *Never Let Me Go*. Translated by Jane Doe. Faber and Faber, 2005."},
		{"French", "language: fr-CA\n", nil, cite.MLA, "(Ishiguro, chap. 7)", "Ishiguro, Kazuo. *Never Let Me Go*. Traduit par Jane Doe, Faber and Faber, 2005."},
		{"German APA", "language: de\ncitation-style: APA\n", nil, cite.APA, "(Ishiguro, 2005, Kapitel 7)", "Ishiguro, K. (2005). *Never Let Me Go* (J. Doe, Übers.). Faber and Faber."},
		{"dependent, its default-locale", "citation-style: styles/journal.csl\n", map[string]string{"styles/journal.csl": parentDependent}, cite.APA,
			"(Ishiguro, 2005, Chapitre 7)", "Ishiguro, K. (2005). *Never Let Me Go* (J. Doe, trad.). Faber and Faber."},
		{"language over default-locale", "language: en-GB\ncitation-style: styles/journal.csl\n", map[string]string{"styles/journal.csl": parentDependent}, cite.APA,
			"(Ishiguro, 2005, Chapter 7)", "Ishiguro, K. (2005). *Never Let Me Go* (J. Doe, Trans.). Faber and Faber."},
		{"the project's style and locale", "language: nl\ncitation-style: own.csl\n", map[string]string{"own.csl": ownStyle, "locales-nl-NL.xml": ownLocale}, "",
			"(*Never Let Me Go*, maart)", "vertaald door"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys, _ := booktest.RuleFixture(t, "testdata/rules/valid.txtar")
			man := string(fsys["companion.yaml"].Data)
			fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(man, "contents:", tc.manifest+"contents:", 1))}
			refs := strings.Replace(string(fsys["references.yaml"].Data), "issued: {date-parts: [[2005]]}", "issued: {date-parts: [[2005, 3, 3]]}\n    translator: [{family: Doe, given: Jane}]", 1)
			fsys["references.yaml"] = &fstest.MapFile{Data: []byte(refs)}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			b := booktest.MustOpen(t, fsys, book.Options{})
			if b.Style != tc.style {
				t.Errorf("style %q, want %q", b.Style, tc.style)
			}
			q := b.Chapters[0].Quotes[0]
			got := b.Cite(q.Cite).Markdown()
			if got != tc.cite {
				t.Errorf("citation %s, want %s", got, tc.cite)
			}
			var works []string
			for _, e := range b.WorksCited() {
				works = append(works, e.Text.Markdown())
			}
			if len(works) != 1 || works[0] != tc.works {
				t.Errorf("works cited %q, want %q", works, tc.works)
			}
		})
	}
}

// TestCitationQuotesFollowLabels: the works cited quote a title with the
// book's own quotation marks, the labels' (quote-open and the rest), not
// the citation locale's: en-GB's CSL locale has single marks where the
// en-GB labels have double ones, and a project that sets its own marks
// gets them in both.
func TestCitationQuotesFollowLabels(t *testing.T) {
	for _, tc := range []struct {
		name, manifest, works string
	}{
		{"en-GB", "language: en-GB\n", "Ishiguro, Kazuo. “Future Imperfect”. *The Guardian*, 25 Mar. 2006."},
		{"en-GB, the project's single marks", "language: en-GB\nlabels: {quote-open: ‘, quote-close: ’, quote-inner-open: “, quote-inner-close: ”}\n",
			"Ishiguro, Kazuo. ‘Future Imperfect’. *The Guardian*, 25 Mar. 2006."},
		{"en-US", "language: en-US\n", "Ishiguro, Kazuo. “Future Imperfect.” *The Guardian*, 25 Mar. 2006."},
		// the labels' narrow no-break spaces, not the locale's wide ones
		{"French", "language: fr\n", "Ishiguro, Kazuo. «\u202fFuture Imperfect\u202f». *The Guardian*, 25 mars 2006."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys, _ := booktest.RuleFixture(t, "testdata/rules/valid.txtar")
			man := string(fsys["companion.yaml"].Data)
			fsys["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(man, "contents:", tc.manifest+"contents:", 1))}
			fsys["references.yaml"] = &fstest.MapFile{Data: []byte("references:\n" +
				"  - {id: ishiguro2005, type: article-newspaper, author: [{family: Ishiguro, given: Kazuo}], title: Future Imperfect, container-title: The Guardian, issued: {date-parts: [[2006, 3, 25]]}}\n")}
			b := booktest.MustOpen(t, fsys, book.Options{})
			var works []string
			for _, e := range b.WorksCited() {
				works = append(works, e.Text.Markdown())
			}
			if len(works) != 1 || works[0] != tc.works {
				t.Errorf("works cited %q, want %q", works, tc.works)
			}
		})
	}
}
