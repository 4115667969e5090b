package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tagged is the pdfua package's hand-made PDF/UA-1 file.
const tagged = "../../layouts/pdf/pdfua/testdata/tagged.pdf"

func TestRun(t *testing.T) {
	dir := t.TempDir()
	// The tagged file without its structure tree.
	untagged := filepath.Join(dir, "untagged.pdf")
	data, err := os.ReadFile(tagged)
	if err != nil {
		t.Fatal(err)
	}
	// Blanked, so that the cross-reference offsets stay right.
	root := []byte(" /StructTreeRoot 5 0 R")
	data = bytes.Replace(data, root, bytes.Repeat([]byte(" "), len(root)), 1)
	if err := os.WriteFile(untagged, data, 0o644); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.pdf")
	os.WriteFile(garbage, []byte("not a PDF"), 0o644)
	for _, tc := range []struct {
		name           string
		args           []string
		status         int
		stdout, stderr string
	}{
		{"no file", nil, 2, "", "usage: pdfua FILE.pdf...\n"},
		{"a tagged file", []string{tagged}, 0, "", ""},
		{"an untagged file", []string{tagged, untagged}, 1,
			untagged + ": 01-005: The file has no structure tree (/StructTreeRoot): it is untagged, so none of its content is tagged as real content; tag it, and mark running heads, rules and lines as artifacts.\n" +
				untagged + ": 01-005: page 1: The page has marked content with MCIDs but the file has no structure tree for them to belong to.\n" +
				untagged + ": 28-011: page 1: A link annotation is not in a Link structure element; add a Link element whose /K holds an OBJR to the annotation.\n", ""},
		{"a missing file", []string{filepath.Join(dir, "none.pdf"), tagged}, 2, "", "no such file"},
		{"not a PDF", []string{garbage}, 2, "", garbage + ": pdf: no startxref"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(tc.args, &stdout, &stderr); status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout:\n%s\nwant\n%s", stdout.String(), tc.stdout)
			}
			if !strings.Contains(stderr.String(), tc.stderr) || (tc.stderr == "") != (stderr.Len() == 0) {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.stderr)
			}
		})
	}
}
