package layouts_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// TestResolve: what the caller sets wins; what it leaves unset comes from
// the manifest, else the defaults.
func TestResolve(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	epoch := time.Unix(1763683200, 0).UTC()
	for _, tc := range []struct {
		name     string
		manifest string // added to a minimal companion.yaml
		opt      layouts.Options
		want     layouts.Options
	}{
		{"defaults", "", layouts.Options{},
			layouts.Options{Edition: layouts.All, Paper: "letter", Date: layouts.FallbackDate}},
		{"the manifest's paper and date", "pdf: {paper: a4}\ndate: 2024-05-17\n", layouts.Options{},
			layouts.Options{Edition: layouts.All, Paper: "a4", Date: day(2024, 5, 17)}},
		{"a month", "date: 2024-05\n", layouts.Options{}, layouts.Options{Edition: layouts.All, Paper: "letter", Date: day(2024, 5, 1)}},
		{"a year", "date: '2019'\n", layouts.Options{}, layouts.Options{Edition: layouts.All, Paper: "letter", Date: day(2019, 1, 1)}},
		{"the caller's choices win", "pdf: {paper: a4}\ndate: 2024-05-17\n",
			layouts.Options{Edition: layouts.Teacher, Paper: "letter", Date: epoch, Draft: true, Version: "v1", Profile: layouts.LargePrint},
			layouts.Options{Edition: layouts.Teacher, Paper: "letter", Date: epoch, Draft: true, Version: "v1", Profile: layouts.LargePrint}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"companion.yaml":  {Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n" + tc.manifest)},
				"references.yaml": {Data: []byte("- {id: w, type: book, title: W, author: [{literal: A}], issued: \"1900\"}\n")},
				"chapters/a.md":   {Data: []byte("---\ntitle: A\n---\nText.\n")},
			}
			got := layouts.Resolve(booktest.MustOpen(t, fsys, book.Options{}), tc.opt)
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
