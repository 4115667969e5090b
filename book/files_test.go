package book_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
)

// TestOnlyRegularFiles: a named pipe in place of any file the loader reads
// is reported, not waited on for ever (opening a pipe blocks until
// something writes to it).
func TestOnlyRegularFiles(t *testing.T) {
	files := map[string]string{
		"companion.yaml":   "title: T\nwork: w\nauthors: [A]\ncover: images/c.png\ncontents:\n  - chapters/a.md\n",
		"references.yaml":  fuzzRefs,
		"chapters/a.md":    "---\ntitle: A\n---\n![A picture](images/p.png)\n",
		"curricula/x.yaml": "id: x\ntitle: X\nstandards: [{code: X.1, text: Reads.}]\n",
		"images/c.png":     "",
		"images/p.png":     "",
	}
	for _, tc := range []struct{ pipe, want string }{
		{"companion.yaml", "companion.yaml: error: companion.yaml is not a regular file (it is a named pipe)"},
		{"chapters/a.md", "companion.yaml:6:5: error: chapters/a.md is not a regular file (it is a named pipe)"},
		{"references.yaml", "references.yaml: error: references.yaml is not a regular file (it is a named pipe)"},
		{"curricula/x.yaml", "curricula/x.yaml: error: curricula/x.yaml is not a regular file (it is a named pipe)"},
		{"curricula/unlisted.yaml", "curricula/unlisted.yaml: error: curricula/unlisted.yaml is not a regular file (it is a named pipe)"},
		{"images/p.png", "chapters/a.md:4:1: error: images/p.png is not a regular file (it is a named pipe)"},
		{"images/c.png", "companion.yaml:4:8: error: images/c.png is not a regular file (it is a named pipe)"},
	} {
		t.Run(tc.pipe, func(t *testing.T) {
			dir := t.TempDir()
			for p, s := range files {
				if p == "images/c.png" || p == "images/p.png" {
					s = string(tinyPNG(t))
				}
				write(t, filepath.Join(dir, p), s)
			}
			fifo := filepath.Join(dir, tc.pipe)
			os.Remove(fifo)
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			done := make(chan diag.List, 1)
			go func() { done <- mustLoadAndCheck(root) }()
			select {
			case d := <-done:
				if !strings.Contains(d.Error(), tc.want) {
					t.Errorf("want %q in:\n%s", tc.want, d)
				}
			case <-time.After(10 * time.Second):
				// Unblock the reader, so the test ends.
				if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
					f.Close()
				}
				t.Fatalf("loading waited on the named pipe %s", tc.pipe)
			}
		})
	}
}

func mustLoadAndCheck(root *os.Root) diag.List {
	_, d := book.Open(root.FS(), book.Options{Draft: true})
	return d
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
