// Package lms writes a companion's discussion questions for learning
// platforms to import, so that a teacher need not retype them:
//
//	SLUG.imscc            IMS Common Cartridge 1.1: a page, a QTI 1.2 assessment
//	                      and the teacher's notes per chapter (cartridge.go)
//	SLUG.gift             GIFT, which Moodle imports (and Google Forms add-ons)
//	SLUG-moodle.xml       Moodle XML: a category per chapter, essays with grader information
//	SLUG-blackboard.txt   Blackboard's tab-delimited question upload
//
// Every question goes in as its answer format asks: an open one as an
// essay, the others as multiple choice, true/false or short answer.
// Prompts, choices and feedback are rendered from the document model as
// HTML. The teacher's guidance and model answers go only where a platform
// keeps them for graders (Moodle's grader information, Blackboard's sample
// answer, the cartridge's pages for instructors), never into what students
// are shown; GIFT has no such place, so the GIFT file holds no guidance at
// all. The files are the teacher's, so
// they are built with the teacher edition.
package lms

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

type layout struct{}

// New returns the learning-platform layout.
func New() layouts.Layout { return layout{} }

func (layout) Name() string { return "lms" }

// Render writes the four files, or none when the build leaves out the
// teacher edition or the companion asks no questions.
func (layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	if !opt.Edition.Includes(layouts.Teacher) || !slices.ContainsFunc(b.Chapters, func(c *book.Chapter) bool { return len(c.Questions) > 0 }) {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slug := b.Slug()
	// Each file is made as it is handed over, and let go once it is.
	var d diag.List
	files := []struct {
		path string
		data func() []byte
	}{
		{slug + ".imscc", func() []byte {
			var cc []byte
			cc, d = cartridge(b, opt.Date)
			return cc
		}},
		{slug + ".gift", func() []byte { return gift(b) }},
		{slug + "-moodle.xml", func() []byte { return moodleXML(b) }},
		{slug + "-blackboard.txt", func() []byte { return blackboard(b) }},
	}
	for _, f := range files {
		if err := put(layouts.File{Path: f.path, Data: f.data(), Edition: layouts.Teacher}); err != nil {
			return d, err
		}
	}
	return d, nil
}

// points is a question's worth as platforms write it: 1 unless it says.
func points(q *book.Question) string {
	if q.Points == 0 {
		return "1"
	}
	return strconv.FormatFloat(q.Points, 'f', -1, 64)
}

// weight is the share of the grade, in percent, that each correct choice
// of q gives, for the formats that weigh choices (GIFT, Moodle XML): all
// of it for a question with one correct choice, an equal part for one with
// several, where each wrong choice picked takes a part away again, so that
// ticking every box earns nothing. Moodle takes the nearest of the
// fractions it knows; five decimals are what it writes itself.
func weight(q *book.Question) string {
	s := strconv.FormatFloat(100/float64(q.CorrectChoices()), 'f', 5, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
