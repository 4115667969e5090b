package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
)

// TestBrokenProjectsThroughTheCommandLine runs `companion build` on every
// rule fixture of the book package: it must print each diagnostic the
// fixture wants, as check does, and a project with errors must exit 1 and
// leave --out untouched.
func TestBrokenProjectsThroughTheCommandLine(t *testing.T) {
	files, _ := filepath.Glob("../../book/testdata/rules/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, want := booktest.RuleFixture(t, file)
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "proj"), fsys); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "keep.txt"), []byte("previous build"), 0o644)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"build", filepath.Join(dir, "proj"), "--out", out, "--format", "epub"}, &stdout, &stderr)
			for _, w := range want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if !strings.Contains(strings.Join(want, "\n"), ": error: ") {
				if code != exitOK {
					t.Fatalf("exit %d for a project without errors:\n%s", code, stderr.String())
				}
				return
			}
			if code != exitProject {
				t.Errorf("exit status %d, want %d", code, exitProject)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 || entries[0].Name() != "keep.txt" {
				t.Errorf("--out changed: %v", entries)
			}
		})
	}
}
