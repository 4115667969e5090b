package serve

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/epub"
)

// A thousand saves in a second do not pile up builds: one runs at a time,
// the saves made meanwhile wait as one more build, and the last save is
// always read by a build that starts after it.
func TestSavesDoNotPileUpBuilds(t *testing.T) {
	s := New(Options{})
	var running, most, builds, saved, seen atomic.Int32
	s.build = func(ctx context.Context, prev *generation) *generation {
		if n := running.Add(1); n > most.Load() {
			most.Store(n)
		}
		// A build reads every save written before it started.
		seen.Store(saved.Load())
		builds.Add(1)
		time.Sleep(20 * time.Millisecond) // a build of the bundled companion's site takes longer
		running.Add(-1)
		n := 1
		if prev != nil {
			n = prev.n + 1
		}
		return &generation{n: n, replaced: make(chan struct{})}
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { s.rebuildLoop(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	start := time.Now()
	for i := range 1000 {
		saved.Add(1) // the editor writes the file, then the watcher reports it
		s.Changed()
		time.Sleep(time.Until(start.Add(time.Duration(i+1) * time.Millisecond)))
	}
	saving := time.Since(start) // a second, or more on a busy machine
	// The bound is generous: it catches a lost save, not a slow machine.
	deadline := time.Now().Add(60 * time.Second)
	for seen.Load() != saved.Load() || running.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the last save was never built: the last build read %d of %d saves", seen.Load(), saved.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// One build per settle-and-build period at most (1 s / 35 ms ≈ 29),
	// and one more for the saves made during the last.
	if n, limit := builds.Load(), int32(saving/(settle+20*time.Millisecond))+2; n < 2 || n > limit {
		t.Errorf("%d builds for 1,000 saves in %v, want at most %d", n, saving.Round(time.Millisecond), limit)
	}
	if most.Load() != 1 {
		t.Errorf("%d builds ran at once, want 1", most.Load())
	}
}

// Serve rebuilds when a chapter is saved, and stops cleanly when its
// context ends (Ctrl-C) even with a page listening for events.
func TestServeWatchesAndStops(t *testing.T) {
	dir := project(t)
	s, _ := newServer(t, dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, l) }()

	res, err := http.Get("http://" + l.Addr().String() + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	first := readEvent(t, r)
	edit(t, dir, "chapters/01-introduction.md", "Write your notes", "Write your own notes")
	if ev := readEvent(t, r); ev.Build != first.Build+1 || ev.Site != ev.Build {
		t.Fatalf("after a save: %+v, want build %d with its site", ev, first.Build+1)
	}
	page, err := http.Get("http://" + l.Addr().String() + "/teacher/chapters/introduction.html")
	if err != nil {
		t.Fatal(err)
	}
	if text := body(t, page); !strings.Contains(text, "Write your own notes") {
		t.Errorf("the page does not show the save:\n%s", text)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Serve did not stop within 30 s of its context ending")
	}
}

// countingLayout counts the renders of a layout.
type countingLayout struct {
	layouts.Layout
	renders atomic.Int32
}

func (c *countingLayout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	c.renders.Add(1)
	return c.Layout.Render(ctx, b, opt, put)
}

// /downloads/ lists the EPUBs of the current sources and serves them,
// rendered once per build and only when asked for; with errors in the
// sources there is nothing to download.
func TestDownloads(t *testing.T) {
	dir := project(t)
	ebook := &countingLayout{Layout: epub.New()}
	s, _ := newServer(t, dir, ebook)
	if n := ebook.renders.Load(); n != 0 {
		t.Fatalf("a build rendered the EPUB %d times before anyone asked", n)
	}
	list := body(t, get(t, s, "GET", "/downloads/"))
	for _, want := range []string{`<a href="frankenstein.epub">`, `<a href="frankenstein-teacher.epub">`} {
		if !strings.Contains(list, want) {
			t.Errorf("/downloads/ has no %s:\n%s", want, list)
		}
	}
	res := get(t, s, "GET", "/downloads/frankenstein-teacher.epub")
	if data := body(t, res); res.StatusCode != 200 || !strings.HasPrefix(data, "PK") || res.Header.Get("Content-Type") != "application/epub+zip" {
		t.Errorf("the EPUB: %d, %s, %.2q", res.StatusCode, res.Header.Get("Content-Type"), data)
	}
	if n := ebook.renders.Load(); n != 1 {
		t.Errorf("two requests of one build rendered the EPUB %d times, want once", n)
	}
	if res := get(t, s, "GET", "/downloads/missing.epub"); res.StatusCode != 404 {
		t.Errorf("a missing download: %d, want 404", res.StatusCode)
	}

	edit(t, dir, "references.yaml", "id: shelley1831", "id: shelley1831\n    id: again")
	s.rebuild(t.Context())
	if res := get(t, s, "GET", "/downloads/frankenstein.epub"); res.StatusCode != http.StatusConflict {
		t.Errorf("a download with errors in the sources: %d, want 409", res.StatusCode)
	}
}
