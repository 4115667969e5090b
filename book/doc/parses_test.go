package doc_test

import (
	"context"
	"testing"
	"time"

	"github.com/companion-dev/companion"
	"github.com/companion-dev/companion/book/doc"
)

// TestOneParse: a whole build of the bundled companion, every format and
// edition, parses each piece of Markdown (chapter bodies, prompts,
// guidance, model answers, choices and their feedback, definitions,
// rubric descriptors, timeline events) exactly once.
func TestOneParse(t *testing.T) {
	before := doc.Parses.Load()
	res, err := companion.Build(context.Background(), companion.Bundled(), companion.Options{
		OutDir: t.TempDir(), Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Version: "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	parsed := doc.Parses.Load() - before
	pieces := 0
	for _, r := range res.Book.Rubrics {
		for _, cr := range r.Criteria {
			pieces += len(cr.Descriptors)
		}
	}
	pieces += len(res.Book.Timeline)
	for _, c := range res.Book.Chapters {
		pieces++                    // the body
		pieces += len(c.Vocabulary) // definitions
		for _, q := range c.Questions {
			pieces++
			if q.Guidance != nil {
				pieces++
			}
			if q.Answer != nil {
				pieces++
			}
			for _, ch := range q.Choices {
				pieces++
				if ch.Feedback != nil {
					pieces++
				}
			}
		}
	}
	if pieces < 100 {
		t.Fatalf("the bundled companion has only %d pieces of Markdown", pieces)
	}
	if parsed != int64(pieces) {
		t.Errorf("a build parsed Markdown %d times for %d pieces", parsed, pieces)
	}
}
