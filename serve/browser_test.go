package serve

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var screenshot = flag.String("screenshot", "", "write a PNG of the error overlay, as TestBrowser shows it, to this file")

// browser starts headless Chromium (Debian's, or PUPPETEER_EXECUTABLE_PATH)
// for the test. Without one the test is skipped, except in CI, where it
// fails: CI installs Chromium (.ci/install-validators).
func browser(t testing.TB, width, height int) context.Context {
	t.Helper()
	path := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if path == "" {
		path, _ = exec.LookPath("chromium")
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium: install it (.ci/install-validators does) or set PUPPETEER_EXECUTABLE_PATH")
		}
		t.Skip("no Chromium (set PUPPETEER_EXECUTABLE_PATH, or install Debian's chromium)")
	}
	// Not t.TempDir: Chromium's helper processes may still be writing to
	// their profile for a moment after the browser is stopped, and
	// TempDir's cleanup fails the test on a folder that is not empty.
	profile, err := os.MkdirTemp("", "companion-serve-browser-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // tests may run as root, where Chromium's sandbox cannot start
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.Flag("hide-scrollbars", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		for range 20 { // until the helpers have let go
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// serving runs s on a free loopback port until the test ends and returns
// its address.
func serving(t testing.TB, s *Server) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + l.Addr().String()
}

// waitFor evaluates the JavaScript expression every few milliseconds until
// it is true. A page reloading meanwhile is no failure (chromedp.Poll
// fails when the page it polls navigates): the new page is asked next.
// The minute is a bound on a hang, not on speed: a rebuild of the site on
// a busy machine can take many seconds.
func waitFor(expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(time.Minute)
		for {
			var ok bool
			err := chromedp.Evaluate(expr, &ok).Do(ctx)
			if err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("still not true after a minute: %s (last error: %v)", expr, err)
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

// TestBrowser is the preview of the real site as a teacher uses it: open a chapter, save a
// change and see it, at the same scroll place; break the chapter's YAML
// and see the error over the page; fix it and see the page again.
func TestBrowser(t *testing.T) {
	dir := project(t)
	// A chapter long enough to scroll.
	edit(t, dir, "chapters/01-introduction.md", "## What this companion covers", strings.Repeat("A paragraph to scroll past.\n\n", 200)+"## What this companion covers")
	s := newSiteServer(t, dir)
	url := serving(t, s)
	ctx := browser(t, 800, 600)

	var scrolled, before float64
	run(t, ctx, "open a chapter",
		chromedp.Navigate(url+"/teacher/chapters/introduction.html"),
		waitFor(`document.body.innerText.includes("Write your notes")`),
		chromedp.Evaluate(`window.scrollTo(0, 1500); window.scrollY`, &before),
	)
	edit(t, dir, "chapters/01-introduction.md", "Write your notes", "Write your own notes")
	// The page puts itself back at its place once loaded, a moment after
	// the new text shows on a busy machine: wait for the place, and fail
	// only if it never comes back.
	run(t, ctx, "see a saved change",
		waitFor(`document.readyState === "complete" && document.body.innerText.includes("Write your own notes")`),
		waitFor(`window.scrollY === 1500`),
		chromedp.Evaluate(`window.scrollY`, &scrolled),
	)
	if before != 1500 || scrolled != before {
		t.Errorf("the page reloaded at %v px down, want where it was (%v px)", scrolled, before)
	}

	edit(t, dir, "chapters/01-introduction.md", "title: Introduction", "title: Introduction: a start")
	var overlay string
	run(t, ctx, "see the error over the page",
		waitFor(`document.querySelector(".companion-errors") !== null`),
		chromedp.Text(".companion-errors", &overlay),
	)
	for _, want := range []string{"The project has an error", "chapters/01-introduction.md:2:20", "holds a colon followed by a space", `quote the value: title: "Introduction: a start"`} {
		if !strings.Contains(overlay, want) {
			t.Errorf("the overlay does not say %q:\n%s", want, overlay)
		}
	}
	var under bool
	run(t, ctx, "see the last good page under it",
		chromedp.Evaluate(`document.body.innerText.includes("Write your own notes")`, &under))
	if !under {
		t.Error("with errors, the last good page is gone")
	}
	if *screenshot != "" {
		var png []byte
		run(t, ctx, "take a screenshot", chromedp.CaptureScreenshot(&png))
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	edit(t, dir, "chapters/01-introduction.md", "title: Introduction: a start", `title: "Introduction: fixed"`)
	run(t, ctx, "see the fixed page",
		waitFor(`document.querySelector("main h1").textContent.includes("Introduction: fixed") && document.querySelector(".companion-errors") === null`))

	// The link, not a click on it: the page may reload under a click when
	// the save above reached the watcher as two events a settle apart.
	run(t, ctx, "find the student view",
		waitFor(`document.querySelector(".companion-preview a").getAttribute("href") === "/student/chapters/introduction.html"`),
		chromedp.Navigate(url+"/student/chapters/introduction.html"),
		waitFor(`document.querySelector(".companion-preview a").textContent === "Teacher view"`))
}

func run(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}
