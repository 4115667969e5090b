// Package cite reads a companion's bibliography and formats its citations
// and works cited in any CSL 1.0 style: ten are built in (Styles: MLA 9,
// the default, in author-page and notes form, APA 7, Chicago 18 in three
// forms, Harvard, IEEE, AMA and Vancouver), in eight built-in locales
// (Locales) or any locale file.
//
// Parse reads CSL-YAML (as pandoc reads it) or CSL-JSON (as Zotero exports
// it) into References, reporting every problem as a diagnostic with file,
// line and column. ParseCitation reads what a writer puts inside [ ] in
// Markdown, pandoc style ("@ishiguro2005, ch. 7; -@romanek2010").
//
// A Processor formats citations and the works cited. It interprets the
// CSL project's styles and locales (embedded in styles/, CC BY-SA 3.0; see
// styles/README.md), following citeproc-js, so the output matches what
// Zotero and pandoc users get character for character; where citeproc-js
// departs from the style's handbook, the processor follows the handbook
// and says so where it does (stripArticle). Style.CSL compiles a built-in
// style over a locale (BuiltinLocale, LocaleTag); ReadStyle, ReadLocale
// and StyleFile.Compile do the same for any CSL 1.0 style, dependent or
// independent, and locale given as XML. Citations formats a document's
// citations in order with their positions (ibid, subsequent, near note), as
// the CSL test suite (testdata/csl-suite) drives a processor. Output is
// Text: runs of text in one Look (italic, bold, small caps, superscript,
// subscript, underline), with Plain, Markdown and HTML renderings, and
// CiteprocHTML, the suite's form, which nests formatting turned off inside
// a run as citeproc-js does (<i>My <span style="font-style:normal;">…</span></i>).
// A works-cited Entry may hold its first field apart (Margin) and the parts
// its style displays apart (Blocks); Line puts it on one line, and
// Processor.BibliographyOptions says how the style sets the list (hanging
// indent, the first field's column, the space between entries).
package cite
