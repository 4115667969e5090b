package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/companion-dev/companion/sources"
)

// BenchmarkSaveToScreen is the time from saving a chapter of the bundled
// companion to a browser showing the change: the file is written, the
// watcher sees it, the site is rebuilt, the event reaches the page, the
// page reloads and shows the new text. A harness, not a timed test: run
// it on a quiet machine (README, "Performance").
//
//	go test ./serve -run '^$' -bench SaveToScreen -benchtime 20x
func BenchmarkSaveToScreen(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, sources.FS()); err != nil {
		b.Fatal(err)
	}
	s, _ := newServer(b, dir)
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
	var total time.Duration
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
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/save")
}
