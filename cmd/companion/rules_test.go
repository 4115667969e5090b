package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestBrokenProjectsThroughTheCommandLine runs `companion build` on every
// rule fixture of the book package: a project with errors must exit 1,
// print each expected diagnostic, and leave --out untouched.
func TestBrokenProjectsThroughTheCommandLine(t *testing.T) {
	files, _ := filepath.Glob("../../book/testdata/rules/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want []string
			for _, f := range ar.Files {
				if f.Name == "want" {
					for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
						if l != "" {
							want = append(want, l)
						}
					}
					continue
				}
				p := filepath.Join(dir, "proj", filepath.FromSlash(f.Name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "out")
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "keep.txt"), []byte("previous build"), 0o644)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"build", filepath.Join(dir, "proj"), "--out", out, "--format", "epub"}, &stdout, &stderr)
			hasErrors := strings.Contains(strings.Join(want, "\n"), ": error: ")
			if !hasErrors {
				if code != exitOK {
					t.Fatalf("exit %d for a project without errors:\n%s", code, stderr.String())
				}
				return
			}
			if code != exitProject {
				t.Errorf("exit status %d, want %d", code, exitProject)
			}
			for _, w := range want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 || entries[0].Name() != "keep.txt" {
				t.Errorf("--out changed: %v", entries)
			}
		})
	}
}
