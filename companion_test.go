package companion

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest/synthetic"
)

// writeProject writes files (path → content) into a new folder.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var small = map[string]string{
	"companion.yaml":   "title: Small\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-a.md]\n",
	"references.yaml":  "- {id: w, type: book, title: A Work, author: [{literal: Anonymous}], issued: \"1900\"}\n",
	"chapters/01-a.md": "---\ntitle: A\n---\nText.\n",
}

func TestBuildWritesNothingOnErrors(t *testing.T) {
	files := map[string]string{}
	for k, v := range small {
		files[k] = v
	}
	files["chapters/01-a.md"] = "---\ntitle: A\n---\nSee [@nobody].\n"
	dir := writeProject(t, files)
	out := filepath.Join(t.TempDir(), "out")
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	res, err := Build(context.Background(), p, Options{OutDir: out})
	if !errors.Is(err, ErrProject) {
		t.Fatalf("err = %v, want ErrProject", err)
	}
	if got := res.Diagnostics.Error(); !strings.Contains(got, "chapters/01-a.md:4:5: error: citation of @nobody") {
		t.Errorf("diagnostics = %s", got)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder was created: %v", err)
	}
}

func TestOutDirRefused(t *testing.T) {
	dir := writeProject(t, small)
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	links := t.TempDir()
	toProject, toChapters := filepath.Join(links, "project"), filepath.Join(links, "chapters")
	if err := os.Symlink(dir, toProject); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "chapters"), toChapters)
	for _, tc := range []struct{ out, want string }{
		{"", "--out is empty"},
		{dir, "is the project folder"},
		{filepath.Join(dir, "chapters", "out"), "inside the project's chapters folder"},
		{file, "is a file"},
		{toProject, "is the project folder"},
		{toChapters, "inside the project's chapters folder"},
		{filepath.Join(toChapters, "new", "out"), "inside the project's chapters folder"},
		{filepath.Join(toProject, "images"), "inside the project's images folder"},
		// Not Join: the ".." goes up from the link's target, as the system takes it.
		{toChapters + string(filepath.Separator) + ".." + string(filepath.Separator) + "curricula", "inside the project's curricula folder"},
	} {
		_, err := Build(context.Background(), p, Options{OutDir: tc.out})
		var oe *OptionsError
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &oe) {
			t.Errorf("--out %s: err = %v, want an OptionsError with %q", tc.out, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "chapters", "out")); !os.IsNotExist(err) {
		t.Error("refused output folder was created")
	}
}

// A profile the PDF layout does not print in is refused before anything
// is read or written.
func TestUnknownProfileRefused(t *testing.T) {
	p, err := Open(writeProject(t, small))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	out := filepath.Join(t.TempDir(), "dist")
	_, err = Build(context.Background(), p, Options{OutDir: out, Profile: "huge-print"})
	var oe *OptionsError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), `--profile "huge-print": use "large-print"`) {
		t.Errorf("err = %v, want an OptionsError naming the profile", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder was created: %v", err)
	}
}

// A symbolic link in a project that points outside it must not be followed.
func TestSymlinkOutsideProjectNotRead(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nSECRET\n"), 0o644)
	files := map[string]string{}
	for k, v := range small {
		files[k] = v
	}
	files["companion.yaml"] = "title: Small\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-a.md, chapters/02-link.md]\n"
	dir := writeProject(t, files)
	if err := os.Symlink(secret, filepath.Join(dir, "chapters", "02-link.md")); err != nil {
		t.Skip("symlinks not supported here:", err)
	}
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	_, d := book.Open(p.FS, book.Options{})
	if !d.HasErrors() || !strings.Contains(d.Error(), "chapters/02-link.md") {
		t.Fatalf("a link out of the project was followed; diagnostics: %v", d)
	}
}

// Build writes through package outdir: files are recorded with their
// format and edition, so that a build of one format removes only that
// format's earlier outputs it no longer produces.
func TestBuildRemovesItsOwnStaleOutputs(t *testing.T) {
	files := maps.Clone(small)
	files["companion.yaml"] = "title: Small\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-a.md, chapters/02-b.md]\n"
	files["chapters/02-b.md"] = "---\ntitle: B\n---\nMore.\n"
	dir := writeProject(t, files)
	out := filepath.Join(t.TempDir(), "dist")
	build := func(formats ...string) *Result {
		t.Helper()
		p, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		res, err := Build(context.Background(), p, Options{OutDir: out, Formats: formats})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build()
	os.Rename(filepath.Join(dir, "chapters", "02-b.md"), filepath.Join(dir, "chapters", "02-c.md"))
	os.WriteFile(filepath.Join(dir, "companion.yaml"), []byte("title: Small\nwork: w\nauthors: [Someone]\ncontents: [chapters/01-a.md]\n"), 0o644)
	if res := build("epub"); len(res.Removed) != 0 {
		t.Errorf("--format epub removed %q", res.Removed)
	}
	res := build("pdf")
	if want := []string{filepath.Join(out, "handouts", "02-b.pdf")}; !slices.Equal(res.Removed, want) {
		t.Errorf("removed %q, want %q", res.Removed, want)
	}
	for _, f := range []string{"small.epub", "small-teacher.epub", "small-handouts.pdf", "handouts/01-a.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// Two builds of the bundled companion running at once in one process share
// nothing mutable (run with -race), and give the same bytes as each other:
// output depends only on the input and the date.
func TestConcurrentBuildsAreIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole bundled companion twice")
	}
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	outs := []string{t.TempDir(), t.TempDir()}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, out := range outs {
		wg.Go(func() {
			_, errs[i] = Build(context.Background(), Bundled(), Options{OutDir: out, Date: date})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	filepath.WalkDir(outs[0], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(outs[0], p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(outs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds (%v)", rel, err)
		}
		n++
		return nil
	})
	if n < 4 {
		t.Errorf("only %d files built", n)
	}
}

// Chapters, editions and formats render in parallel (parallel.ForEach);
// the files are the same bytes as a serial render's. With GOMAXPROCS=1
// every ForEach runs one call at a time, in order.
func TestParallelRenderMatchesSerial(t *testing.T) {
	fsys, _ := synthetic.Project(9, 400)
	build := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := t.TempDir()
		res, err := Build(context.Background(), &Project{FS: fsys}, Options{OutDir: out, Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range res.Files {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(out, f.Path)
			files[rel] = data
		}
		return files
	}
	serial, parallel := build(1), build(4)
	if len(serial) < 12 || len(serial) != len(parallel) {
		t.Fatalf("%d files serially, %d in parallel", len(serial), len(parallel))
	}
	for name, data := range serial {
		if !bytes.Equal(data, parallel[name]) {
			t.Errorf("%s differs between a serial and a parallel render", name)
		}
	}
}
