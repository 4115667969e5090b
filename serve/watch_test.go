package serve

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/companion-dev/companion/layouts/outdir"
)

// The watcher sees changes in folders made after it started, and none in
// hidden folders, editors' backups or output folders.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"chapters", ".git", "dist"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "dist", outdir.RecordFile))
	changes := make(chan struct{}, 100)
	w, err := watch(dir, func() { changes <- struct{}{} }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	for _, p := range []string{".git/index", "dist/frankenstein.epub", "chapters/01-introduction.md~", "chapters/.01-introduction.md.swp"} {
		write(t, filepath.Join(dir, p))
	}
	select {
	case <-changes:
		t.Fatal("a change no build reads asked for a rebuild")
	case <-time.After(200 * time.Millisecond):
	}

	if err := os.Mkdir(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	seen(t, changes, "a new folder")
	drain(changes)
	write(t, filepath.Join(dir, "images", "map.png"))
	seen(t, changes, "a file in a folder made after the watch began")
}

func write(t *testing.T, p string) {
	t.Helper()
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func seen(t *testing.T, changes chan struct{}, what string) {
	t.Helper()
	select {
	case <-changes:
	case <-time.After(30 * time.Second): // catches a lost event, not a slow machine
		t.Fatalf("%s asked for no rebuild within 30 s", what)
	}
}

func drain(changes chan struct{}) {
	time.Sleep(50 * time.Millisecond)
	for len(changes) > 0 {
		<-changes
	}
}
