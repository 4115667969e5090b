package lms

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/internal/deflate"
	"github.com/companion-dev/companion/layouts/internal/zipfile"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The cartridge is IMS Common Cartridge 1.1, the newest version whose
// schemas could be had to validate it (testdata/schemas/README.md); Canvas,
// Moodle, Schoology and Brightspace import it. It holds, for each chapter:
//
//	NN-ID/chapter.html     the chapter's notes as a page (web content)
//	NN-ID/assessment.xml   its discussion questions as a QTI 1.2 assessment
//	NN-ID/teacher.html     the teacher's notes: guidance, model and correct
//	                       answers, standards; a resource for instructors only
//
// The CC profile of QTI has no place that graders see and students do not:
// it drops QTI's view attribute, and a platform shows an item's feedback
// and solution to the student. So the guidance and answers go on the
// teacher's page, which the manifest marks for the Instructor role (Moodle
// imports it hidden from students), and the assessments carry only what a
// student may see: prompts, choices, the feedback each choice gives, and the
// response processing that scores them.
const (
	ccNamespace   = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
	lomManifestNS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
	lomResourceNS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
	qtiNamespace  = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
	xsiNamespace  = "http://www.w3.org/2001/XMLSchema-instance"

	assessmentType = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
)

// cartridgeFile is one file of the cartridge, made as it is zipped.
type cartridgeFile struct {
	name string
	make func() []byte
}

// cartridge writes SLUG.imscc: the files above and imsmanifest.xml, zipped
// with every entry dated date, in name order, so that the same book gives
// the same bytes. A question worth points a cartridge cannot give is
// reported, and weighted as near as it can. Each file is made just before
// it is zipped and let go once it is: made first, the pages of a thousand
// chapters were all held until the last was zipped.
func cartridge(b *book.Book, date time.Time) ([]byte, diag.List) {
	var d diag.List
	files := []cartridgeFile{{"imsmanifest.xml", func() []byte { return manifest(b) }}}
	for _, c := range b.Chapters {
		dir := chapterDir(c)
		files = append(files, cartridgeFile{dir + "/chapter.html", func() []byte { return page(b, c.Title, chapterBody(b, c)) }})
		if len(c.Questions) == 0 {
			continue
		}
		files = append(files,
			cartridgeFile{dir + "/assessment.xml", func() []byte { return assessment(b, c, &d) }},
			cartridgeFile{dir + "/teacher.html", func() []byte { return page(b, teacherTitle(b, c), teacherNotes(b, c)) }})
	}
	slices.SortFunc(files, func(x, y cartridgeFile) int { return strings.Compare(x.name, y.name) })

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	deflate.Zip(zw)
	day, clock := zipfile.DOSTime(date)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, ModifiedDate: day, ModifiedTime: clock})
		if err == nil {
			_, err = w.Write(f.make())
		}
		if err != nil {
			panic("lms: zipping in memory: " + err.Error()) // a bytes.Buffer does not fail
		}
	}
	if err := zw.Close(); err != nil {
		panic("lms: zipping in memory: " + err.Error())
	}
	return buf.Bytes(), d
}

// chapterDir is a chapter's folder in the cartridge, named as its handout is.
func chapterDir(c *book.Chapter) string { return fmt.Sprintf("%02d-%s", c.Number, c.ID) }

// The identifiers of a chapter's folder item and resources. An identifier
// is an XML ID, which may not start with a digit.
func chapterIdent(c *book.Chapter) string { return fmt.Sprintf("ch%02d", c.Number) }

func teacherTitle(b *book.Book, c *book.Chapter) string {
	return b.Labels.Get("teacher-guidance") + " — " + b.Labels.Format("handout-number", "n", fmt.Sprint(c.Number))
}

// manifest writes imsmanifest.xml: the companion's metadata (its title,
// language, description, subjects, and the curriculum standards its
// chapters and questions serve, as LOM classifications), an organization
// with an item per chapter holding its page, its assessment and the
// teacher's notes, and a resource for each.
func manifest(b *book.Book) []byte {
	x := &xmlWriter{}
	lang := b.Language
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<manifest identifier="` + attr("m-"+book.Slugify(b.Identifier)) + `" xmlns="` + ccNamespace + `" xmlns:lomimscc="` + lomManifestNS + `" xmlns:lom="` + lomResourceNS + `" xmlns:xsi="` + xsiNamespace + `" xsi:schemaLocation="` +
		ccNamespace + " http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd " +
		lomManifestNS + " http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd " +
		lomResourceNS + ` http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd">` + "\n")
	x.raw("  <metadata>\n    <schema>IMS Common Cartridge</schema>\n    <schemaversion>1.1.0</schemaversion>\n    <lomimscc:lom>\n      <lomimscc:general>\n")
	x.raw("        <lomimscc:title>" + langString("lomimscc", lang, b.Title) + "</lomimscc:title>\n")
	x.raw("        <lomimscc:language>" + attr(lang) + "</lomimscc:language>\n")
	if b.Description != "" {
		x.raw("        <lomimscc:description>" + langString("lomimscc", lang, b.Description) + "</lomimscc:description>\n")
	}
	for _, s := range b.Subjects {
		x.raw("        <lomimscc:keyword>" + langString("lomimscc", lang, s) + "</lomimscc:keyword>\n")
	}
	x.raw("      </lomimscc:general>\n")
	for _, f := range servedStandards(b) {
		// The CC profile of LOM keeps neither a purpose's nor a taxon
		// path's source: the framework is named in the description.
		x.raw("      <lomimscc:classification>\n        <lomimscc:purpose><lomimscc:value>educational objective</lomimscc:value></lomimscc:purpose>\n")
		x.raw("        <lomimscc:description>" + langString("lomimscc", lang, f.framework.Title) + "</lomimscc:description>\n")
		for _, s := range f.standards {
			x.raw("        <lomimscc:taxonPath><lomimscc:taxon><lomimscc:id>" + attr(s.Code) + "</lomimscc:id><lomimscc:entry>" + langString("lomimscc", lang, s.Text) + "</lomimscc:entry></lomimscc:taxon></lomimscc:taxonPath>\n")
		}
		x.raw("      </lomimscc:classification>\n")
	}
	x.raw("    </lomimscc:lom>\n  </metadata>\n")

	x.raw(`  <organizations>` + "\n" + `    <organization identifier="organization" structure="rooted-hierarchy">` + "\n" + `      <item identifier="root">` + "\n")
	for _, c := range b.Chapters {
		id := chapterIdent(c)
		x.raw(`        <item identifier="` + id + `">` + "\n          ")
		x.text("title", b.Labels.Format("chapter-and-title", "n", fmt.Sprint(c.Number), "title", oneLine(c.Title)))
		x.raw("\n")
		item := func(suffix, title string) {
			x.raw(`          <item identifier="` + id + "-" + suffix + `-item" identifierref="` + id + "-" + suffix + `">`)
			x.text("title", title)
			x.raw("</item>\n")
		}
		item("page", oneLine(c.Title))
		if len(c.Questions) > 0 {
			item("questions", b.Labels.Get("discussion-questions"))
			item("teacher", teacherTitle(b, c))
		}
		x.raw("        </item>\n")
	}
	x.raw("      </item>\n    </organization>\n  </organizations>\n  <resources>\n")
	for _, c := range b.Chapters {
		id, dir := chapterIdent(c), chapterDir(c)
		x.raw(`    <resource identifier="` + id + `-page" type="webcontent" href="` + attr(dir) + `/chapter.html"><file href="` + attr(dir) + `/chapter.html"/></resource>` + "\n")
		if len(c.Questions) == 0 {
			continue
		}
		x.raw(`    <resource identifier="` + id + `-questions" type="` + assessmentType + `"><file href="` + attr(dir) + `/assessment.xml"/></resource>` + "\n")
		x.raw(`    <resource identifier="` + id + `-teacher" type="webcontent" href="` + attr(dir) + `/teacher.html">` + "\n")
		x.raw("      <metadata><lom:lom><lom:educational><lom:intendedEndUserRole><lom:source>IMSGLC_CC_Rolesv1p1</lom:source><lom:value>Instructor</lom:value></lom:intendedEndUserRole></lom:educational></lom:lom></metadata>\n")
		x.raw(`      <file href="` + attr(dir) + `/teacher.html"/>` + "\n    </resource>\n")
	}
	x.raw("  </resources>\n</manifest>\n")
	return []byte(x.w.String())
}

// attr escapes s for XML text or an attribute value.
func attr(s string) string { return xhtml.Escape(s) }

// langString is a LOM LangString's string element, in the book's language.
func langString(prefix, lang, s string) string {
	return "<" + prefix + `:string language="` + attr(lang) + `">` + attr(oneLine(s)) + "</" + prefix + ":string>"
}

// frameworkStandards are the standards of one framework that the book serves.
type frameworkStandards struct {
	framework *book.Framework
	standards []*book.Standard
}

// servedStandards are the standards the chapters and questions name, by
// framework, each framework and standard where the book first names it.
func servedStandards(b *book.Book) []frameworkStandards {
	var out []frameworkStandards
	seen := map[*book.Standard]bool{}
	add := func(refs []*book.StandardRef) {
		for _, r := range refs {
			s := r.Standard
			if s == nil || seen[s] {
				continue
			}
			seen[s] = true
			i := slices.IndexFunc(out, func(f frameworkStandards) bool { return f.framework == s.Framework })
			if i < 0 {
				out = append(out, frameworkStandards{framework: s.Framework})
				i = len(out) - 1
			}
			out[i].standards = append(out[i].standards, s)
		}
	}
	for _, c := range b.Chapters {
		add(c.Standards)
		for _, q := range c.Questions {
			add(q.Standards)
		}
	}
	return out
}

// pageStyle sets what the XHTML writer leaves to a stylesheet: a note's
// call is raised, an image's description set apart, the label of the
// accepted answers bold.
const pageStyle = `<style>.noteref { vertical-align: super; font-size: smaller; } .image-description { font-style: italic; } .detail-label { font-weight: bold; }</style>`

// page is a web content page of the cartridge: a title and HTML.
func page(b *book.Book, title, body string) []byte {
	var w strings.Builder
	w.WriteString("<!DOCTYPE html>\n<html lang=\"" + attr(b.Language) + "\">\n<head>\n<meta charset=\"utf-8\" />\n<title>" + attr(oneLine(title)) + "</title>\n" + pageStyle + "\n</head>\n<body>\n")
	w.WriteString("<h1>" + attr(oneLine(title)) + "</h1>\n" + body + "\n</body>\n</html>\n")
	return []byte(w.String())
}

// chapterBody is a chapter's notes as its page shows them: unlike in a
// question, headings are the page's own (below its h1) and footnotes link
// to and from their calls. Links within the companion are their text, and
// images their descriptions: the cartridge has the chapters' pages, not
// their anchors nor the project's images.
func chapterBody(b *book.Book, c *book.Chapter) string {
	if c.Body == nil {
		return ""
	}
	cites := b.CitationsAlone()
	w := xhtml.New(platform{cites}, xhtml.Options{BackToText: b.Labels.Get("back-to-text"), Notes: cites})
	// Students read the chapter pages: never the teacher-only text.
	return strings.TrimSpace(w.Document(c.Body.Edition(false).Doc))
}

// teacherNotes is the body of a chapter's page for instructors: each
// question with what the teacher needs to grade it: its standards, the
// guidance, the model answer, and which choices are right or which
// answers are accepted.
func teacherNotes(b *book.Book, c *book.Chapter) string {
	var w strings.Builder
	l := b.Labels
	for _, q := range c.Questions {
		fmt.Fprintf(&w, "<h2>%d. %s</h2>", q.Number, attr(q.ID))
		w.WriteString(html(b, q.Prompt))
		if len(q.Standards) > 0 {
			codes := make([]string, len(q.Standards))
			for i, s := range q.Standards {
				codes[i] = attr(s.String())
			}
			w.WriteString("<p><strong>" + attr(l.Get("standards")) + "</strong> " + strings.Join(codes, attr(l.Get("list-separator"))) + "</p>")
		}
		w.WriteString(joined(b, labelled{l.Get("teacher-guidance"), q.Guidance}, labelled{l.Get("model-answer"), q.Answer}))
		// The choices with the correct ones marked, or the answers a
		// short answer accepts, as the teacher edition shows them.
		w.WriteString(strings.ReplaceAll(xhtml.Answers(q, true, l, func(m *book.Markdown) string { return inlineHTML(b, m) }), "\n", ""))
		w.WriteString("\n")
	}
	return w.String()
}

// truth is "True" or "False" in the book's language.
func truth(b *book.Book, v bool) string {
	if v {
		return b.Labels.Get("answer-true")
	}
	return b.Labels.Get("answer-false")
}

// weighting is a question's cc_weighting: its points, which the CC
// profile of QTI allows only as a whole number from 1 to 99. Other points
// are rounded into that range, with a warning.
func weighting(q *book.Question, d *diag.List) string {
	p := q.Points
	if p == 0 {
		return "1"
	}
	w := min(max(math.Round(p), 1), 99)
	if w != p {
		d.Warnf(q.Pos, "question %s is worth %s points, but a Common Cartridge gives a question a whole number of points from 1 to 99, so the cartridge gives it %g", q.ID, points(q), w)
		d.Hintf("give whole points from 1 to 99 if the cartridge's points matter; the Moodle XML and GIFT files keep %s", points(q))
	}
	return fmt.Sprint(w)
}
