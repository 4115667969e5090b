package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/site"
	"github.com/companion-dev/companion/sources"
)

// BenchmarkSaveToScreen is the time from saving a chapter of the bundled
// companion to a browser showing the change: the file is written, the
// watcher sees it, the site is rebuilt, the event reaches the page, the
// page reloads and shows the new text (ms/save); ms/built is the part
// until the new site is built, the rest is the browser's. A harness, not a timed test: run
// it on a quiet machine (README, "Performance").
//
//	go test ./serve -run '^$' -bench SaveToScreen -benchtime 20x
func BenchmarkSaveToScreen(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, sources.FS()); err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	var builtAt []time.Time // when each build's site was done
	s := serverOf(b, dir, func(ctx context.Context, bk *book.Book, opt layouts.Options, ed layouts.Edition) (map[string][]byte, diag.List, error) {
		files, d, err := site.Build(ctx, bk, opt, ed)
		mu.Lock()
		builtAt = append(builtAt, time.Now())
		mu.Unlock()
		return files, d, err
	})
	url := serving(b, s)
	ctx := browser(b, 1000, 800)
	const chapter = "chapters/03-part-one-hailsham.md"
	g := s.current()
	if !g.ok() {
		b.Fatalf("the bundled companion has errors:\n%v", g.diags)
	}
	var page string
	for _, c := range g.book.Chapters {
		if c.Path == chapter {
			page = "/teacher/chapters/" + c.ID + ".html"
		}
	}
	original, err := os.ReadFile(filepath.Join(dir, chapter))
	if err != nil {
		b.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(url+page), waitFor(`document.readyState === "complete"`)); err != nil {
		b.Fatal(err)
	}
	var total, built time.Duration
	n := 0
	for b.Loop() {
		n++
		marker := fmt.Sprintf("Saved for the %dth time.", n)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(dir, chapter), []byte(strings.TrimRight(string(original), "\n")+"\n\n"+marker+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := chromedp.Run(ctx, waitFor(fmt.Sprintf("document.body.innerText.includes(%q)", marker))); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		mu.Lock()
		// The second edition done after the save: the build's site.
		i := slices.IndexFunc(builtAt, func(t time.Time) bool { return t.After(start) })
		built += builtAt[i+1].Sub(start)
		mu.Unlock()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/save")
	b.ReportMetric(float64(built.Milliseconds())/float64(n), "ms/built")
}
