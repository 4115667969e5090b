package toolkit

import (
	"strconv"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts/internal/tie"
)

// The timeline's and the pacing calendars' columns and the words of their
// cells, in the book's labels: the PDF's tables and the HTML's (EPUB,
// site) are set from these, so the formats cannot word them apart. A
// number is tied to the word before it ("ch.\u00A05"), as everywhere.

// TimelineColumns is the timeline's header: an event's place in story
// order, when it happens, the event, and the chapter of the work that
// narrates it.
func TimelineColumns(b *book.Book) []string {
	return []string{"#", b.Labels.Get("when"), b.Labels.Get("event"), b.Labels.Get("narrated-in")}
}

// NarratedIn is an event's last cell: "ch. 5", or "" when no chapter is
// given.
func NarratedIn(b *book.Book, e *book.Event) string {
	if e.Chapter == 0 {
		return ""
	}
	return tie.Spaces(b.Labels.Format("work-chapter", "n", strconv.Itoa(e.Chapter)))
}

// PacingColumns is a pacing calendar's header: the lesson, the work's
// chapters to read for it, the companion's chapters and the questions it
// sets.
func PacingColumns(b *book.Book) []string {
	return []string{b.Labels.Get("lesson"), b.Labels.Get("read"), b.Labels.Get("companion-chapters"), b.Labels.Get("questions")}
}

// LessonName is a lesson's first cell: its title, else "Lesson 3".
func LessonName(b *book.Book, ls *book.Lesson) string {
	if ls.Title != "" {
		return ls.Title
	}
	return tie.Spaces(b.Labels.Format("lesson-number", "n", strconv.Itoa(ls.Number)))
}

// LessonReading is a lesson's second cell: "ch. 1–3", or "" when the
// lesson sets no reading.
func LessonReading(b *book.Book, ls *book.Lesson) string {
	if ls.Read == "" {
		return ""
	}
	return tie.Spaces(b.Labels.Format("work-chapter", "n", ls.ReadRange()))
}
