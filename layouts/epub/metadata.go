package epub

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"time"
)

// identifier is the edition's dc:identifier. The student edition carries
// the book's own; the teacher edition is a different publication, so it
// gets a name-based UUID derived from that one, the same on every build.
func (e *edition) identifier() string {
	if !e.teacher {
		return e.b.Identifier
	}
	sum := sha1.Sum([]byte("companion teacher edition\x00" + e.b.Identifier))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// zipEpoch is the first moment a zip file can record.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// modified is the build's date for dcterms:modified and the zip entries;
// an earlier date (SOURCE_DATE_EPOCH=0, or none given) is raised to
// zipEpoch, so that the package and its entries agree.
func (e *edition) modified() time.Time {
	t := e.opt.Date.UTC().Truncate(time.Second)
	if t.Before(zipEpoch) {
		return zipEpoch
	}
	return t
}

// packageInfo is everything normalize needs to know about the edition.
func (e *edition) packageInfo() packageInfo {
	return packageInfo{
		Lang:       e.b.Language,
		Modified:   e.modified(),
		Metadata:   e.metadata(),
		Nav:        xhtmlDir + "/" + contentsFile,
		CoverImage: imagesDir + "/" + e.coverImage(),
		NCX:        ncx(e.contents, e.identifier(), e.fullTitle(), e.b.Language),
		Packed:     packedFonts(),
	}
}

// relators maps the manifest's author roles to MARC relator codes.
var relators = map[string]string{"": "aut", "author": "aut", "editor": "edt", "illustrator": "ill",
	"translator": "trl", "contributor": "ctb", "photographer": "pht"}

// metadata is the package's <metadata> element: go-epub writes only title,
// one author, language, identifier and description, and a wall-clock
// modification date.
func (e *edition) metadata() string {
	b := e.b
	var w strings.Builder
	el := func(format string, args ...any) { fmt.Fprintf(&w, "    "+format+"\n", args...) }
	w.WriteString("  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	el(`<dc:identifier id="pub-id">%s</dc:identifier>`, esc(e.identifier()))
	el(`<dc:title id="title">%s</dc:title>`, esc(b.Title))
	el(`<meta refines="#title" property="title-type">main</meta>`)
	if b.Subtitle != "" {
		el(`<dc:title id="subtitle">%s</dc:title>`, esc(b.Subtitle))
		el(`<meta refines="#subtitle" property="title-type">subtitle</meta>`)
	}
	if e.teacher {
		el(`<dc:title id="edition">%s</dc:title>`, esc(e.label("teacher-edition")))
		el(`<meta refines="#edition" property="title-type">edition</meta>`)
	}
	for i, a := range b.Authors {
		role, ok := relators[strings.ToLower(a.Role)]
		if !ok {
			role = "ctb"
		}
		tag := "dc:creator"
		if role != "aut" {
			tag = "dc:contributor"
		}
		el(`<%s id="creator-%d">%s</%s>`, tag, i+1, esc(a.Name), tag)
		el(`<meta refines="#creator-%d" property="role" scheme="marc:relators">%s</meta>`, i+1, role)
		el(`<meta refines="#creator-%d" property="display-seq">%d</meta>`, i+1, i+1)
	}
	el(`<dc:language>%s</dc:language>`, esc(b.Language))
	el(`<dc:date>%s</dc:date>`, e.date())
	if b.Publisher != "" {
		el(`<dc:publisher>%s</dc:publisher>`, esc(b.Publisher))
	}
	if b.Rights != "" {
		el(`<dc:rights>%s</dc:rights>`, esc(b.Rights))
	}
	if b.Description != "" {
		el(`<dc:description>%s</dc:description>`, esc(strings.Join(strings.Fields(b.Description), " ")))
	}
	for _, s := range b.Subjects {
		el(`<dc:subject>%s</dc:subject>`, esc(s))
	}
	producer := "companion"
	if e.opt.Version != "" {
		producer += " " + e.opt.Version
	}
	el(`<dc:contributor id="producer">%s</dc:contributor>`, esc(producer))
	el(`<meta refines="#producer" property="role" scheme="marc:relators">bkp</meta>`)
	el(`<meta property="dcterms:modified">%s</meta>`, e.modified().Format("2006-01-02T15:04:05Z"))
	// EPUB Accessibility 1.1. Every image, the cover included, has a text
	// alternative, so text alone suffices.
	el(`<meta property="schema:accessMode">textual</meta>`)
	el(`<meta property="schema:accessMode">visual</meta>`)
	el(`<meta property="schema:accessModeSufficient">textual</meta>`)
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} {
		el(`<meta property="schema:accessibilityFeature">%s</meta>`, f)
	}
	el(`<meta property="schema:accessibilityHazard">none</meta>`)
	el(`<meta property="schema:accessibilitySummary">%s</meta>`, esc(e.accessibilitySummary()))
	el(`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`)
	certifier := b.Publisher
	if certifier == "" && len(b.Authors) > 0 {
		certifier = b.Authors[0].Name
	}
	if certifier != "" {
		el(`<meta property="a11y:certifiedBy">%s</meta>`, esc(certifier))
	}
	w.WriteString("  </metadata>\n")
	return w.String()
}

func (e *edition) accessibilitySummary() string {
	s := e.label("accessibility-summary")
	if e.b.Cover == nil {
		s += " " + e.label("accessibility-typographic-cover")
	}
	return s
}

// date is dc:date: the project's publication date, else the build's.
func (e *edition) date() string {
	if e.b.Date != "" {
		return e.b.Date
	}
	return e.modified().Format("2006-01-02")
}

// coverImage is the package's cover-image: the project's cover, else the
// typographic cover's picture (the cover page shows its SVG).
func (e *edition) coverImage() string {
	if e.b.Cover != nil {
		return e.coverFile
	}
	return coverPNGFile
}
