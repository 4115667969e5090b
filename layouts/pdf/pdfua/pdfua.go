// Package pdfua checks a PDF against the failure conditions of PDF/UA-1
// (ISO 14289-1) that software can decide alone: the "Machine" rows of the
// PDF Association's Matterhorn Protocol 1.1, each finding named by its
// checkpoint index (01-005, 13-004, …). What needs a person (is the Alt
// text right, is the reading order the visual one) is not checked, so a
// file without findings is not yet proven accessible; a file with findings
// is proven not to be.
//
// veraPDF, the reference checker, cannot be installed where the project
// builds (it is in neither Debian nor npm), so the handouts are held to
// these rules here. The checker reads any PDF, not only gofpdf's, through
// layouts/pdf/pdfobj: cross-reference streams, object streams and updates
// included.
package pdfua

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

// Finding is a failure of one condition.
type Finding struct {
	// Checkpoint is the Matterhorn Protocol's index of the failure
	// condition, such as "13-004"; for a requirement of ISO 14289-1 that
	// Matterhorn lists under no index, the clause, such as "UA1:7.1".
	Checkpoint string
	// Page is the page the finding is on, counted from 1; 0 for the document.
	Page int
	// Message says what is wrong and what to do, in sentences.
	Message string
}

func (f Finding) String() string {
	if f.Page > 0 {
		return fmt.Sprintf("%s: page %d: %s", f.Checkpoint, f.Page, f.Message)
	}
	return fmt.Sprintf("%s: %s", f.Checkpoint, f.Message)
}

// Check reads a PDF and returns every failure found, document findings
// first, then page by page. The error is for a file whose cross-reference
// information or catalog cannot be read; a page's content that cannot be
// read is a finding, and any other object that cannot be read counts as
// null, as a missing object does (ISO 32000-1 §7.3.10), so what needed it
// is reported missing.
func Check(data []byte) ([]Finding, error) {
	c, err := check(data)
	if err != nil {
		return nil, err
	}
	return c.out, nil
}

func check(data []byte) (*checker, error) {
	f, err := pdfobj.Open(data)
	if err != nil {
		return nil, err
	}
	catalog, ok := f.Get(f.Trailer, "Root").(pdfobj.Dict)
	if !ok {
		return nil, fmt.Errorf("pdf: the trailer has no document catalog (/Root)")
	}
	c := &checker{f: f, catalog: catalog}
	c.pages = c.pageList()
	c.document()
	c.structure()
	for i, p := range c.pages {
		c.page(i+1, p)
	}
	slices.SortStableFunc(c.out, func(a, b Finding) int { return cmp.Compare(a.Page, b.Page) })
	return c, nil
}

type checker struct {
	f       *pdfobj.File
	catalog pdfobj.Dict
	pages   []page
	out     []Finding

	tree     *structTree       // nil for an untagged file
	pageNum  map[int]int       // page object number → page number
	fontSeen map[int]bool      // fonts checked already, by object number
	fontText map[int]*fontText // fonts' text read already (words), by object number
}

// page is a page dictionary with what it inherits from the page tree.
type page struct {
	ref       pdfobj.Ref
	dict      pdfobj.Dict
	resources pdfobj.Dict
}

func (c *checker) report(checkpoint string, pg int, format string, args ...any) {
	c.out = append(c.out, Finding{Checkpoint: checkpoint, Page: pg, Message: fmt.Sprintf(format, args...)})
}

// pageList walks the page tree, carrying inherited resources down.
func (c *checker) pageList() []page {
	var pages []page
	c.pageNum = map[int]int{}
	seen := map[int]bool{}
	var walk func(o pdfobj.Object, res pdfobj.Dict, depth int)
	walk = func(o pdfobj.Object, res pdfobj.Dict, depth int) {
		r, isRef := o.(pdfobj.Ref)
		if isRef {
			if seen[r.Num] {
				return
			}
			seen[r.Num] = true
		}
		d, ok := c.resolve(o).(pdfobj.Dict)
		if !ok || depth > 64 {
			return
		}
		if own, ok := c.f.Get(d, "Resources").(pdfobj.Dict); ok {
			res = own
		}
		if kids, ok := c.f.Get(d, "Kids").(pdfobj.Array); ok && d.Get("Type") != pdfobj.Name("Page") {
			for _, k := range kids {
				walk(k, res, depth+1)
			}
			return
		}
		pages = append(pages, page{ref: r, dict: d, resources: res})
		if isRef {
			c.pageNum[r.Num] = len(pages)
		}
	}
	walk(c.catalog.Get("Pages"), nil, 0)
	return pages
}

func (c *checker) resolve(o pdfobj.Object) pdfobj.Object {
	v, err := c.f.Resolve(o)
	if err != nil {
		return nil
	}
	return v
}

// document checks the catalog: language, viewer preferences, marking and
// metadata.
func (c *checker) document() {
	if lang, _ := c.f.Get(c.catalog, "Lang").(pdfobj.String); lang.Text() == "" {
		c.report("11-006", 0, "The document catalog has no /Lang, so the natural language of the document cannot be determined; set /Lang to the book's language, such as (en-GB).")
	}
	vp, _ := c.f.Get(c.catalog, "ViewerPreferences").(pdfobj.Dict)
	switch v := c.f.Get(vp, "DisplayDocTitle").(type) {
	case nil:
		c.report("07-001", 0, "The viewer preferences have no /DisplayDocTitle, so a viewer shows the file name instead of the title; add /ViewerPreferences << /DisplayDocTitle true >> to the catalog.")
	case pdfobj.Bool:
		if !v {
			c.report("07-002", 0, "/DisplayDocTitle is false, so a viewer shows the file name instead of the title; set it to true.")
		}
	}
	mi, _ := c.f.Get(c.catalog, "MarkInfo").(pdfobj.Dict)
	if marked, _ := c.f.Get(mi, "Marked").(pdfobj.Bool); !marked {
		c.report("UA1:7.1", 0, "The catalog has no /MarkInfo << /Marked true >>, so the file does not declare itself tagged; add it once the content is marked.")
	}
	if suspects, _ := c.f.Get(mi, "Suspects").(pdfobj.Bool); suspects {
		c.report("01-007", 0, "/MarkInfo has /Suspects true: the tagging is declared unreliable; fix the tags and remove the entry.")
	}
	c.metadata()
}
