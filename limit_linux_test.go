//go:build linux

package companion

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion/book"
)

// limitChild names the environment variable that makes
// TestChapterAtTheLimit the build it measures.
const limitChild = "COMPANION_TEST_LIMIT_CHILD"

// A chapter of book.MaxChapterSize builds every format in under 1.75 GB:
// measured at 1.45–1.56 GB on the handouts' 72-character measure (1.1 GB
// before it), with headroom for a loaded machine's collector pacing. The
// build runs in a child process (this test again), whose peak resident
// memory the kernel reports.
func TestChapterAtTheLimit(t *testing.T) {
	if os.Getenv(limitChild) != "" {
		buildAtTheLimit(t)
		return
	}
	if testing.Short() || raceEnabled {
		t.Skip("large input: skipped in -short mode and under the race detector")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestChapterAtTheLimit$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), limitChild+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("the build failed: %v\n%s", err, out)
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // kB on Linux
	t.Logf("peak RSS %d MB", peak>>20)
	if peak > 1792<<20 {
		t.Errorf("a chapter of %d MiB took %d MB to build", book.MaxChapterSize>>20, peak>>20)
	}
}

func buildAtTheLimit(t *testing.T) {
	front := "---\ntitle: A long chapter\n---\n"
	para := strings.Repeat("A sentence with *italics*, **bold** and a citation [@w, p. 4]. ", 12) + "\n\n"
	body := strings.Repeat(para, (book.MaxChapterSize-len(front))/len(para))
	body += strings.Repeat("x", book.MaxChapterSize-len(front)-len(body))
	fsys := fstest.MapFS{
		"companion.yaml":  {Data: []byte("title: T\nwork: w\nauthors: [A]\ncontents: [chapters/a.md]\n")},
		"references.yaml": {Data: []byte("- {id: w, type: book, title: A Work, author: [{family: Doe, given: Jane}], issued: \"1900\"}\n")},
		"chapters/a.md":   {Data: []byte(front + body)},
	}
	res, err := Build(context.Background(), &Project{FS: fsys}, Options{OutDir: t.TempDir(), Date: time.Unix(0, 0).UTC()})
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diagnostics)
	}
	if len(res.Files) < 5 {
		t.Errorf("wrote %d files, want every format and edition", len(res.Files))
	}
}
