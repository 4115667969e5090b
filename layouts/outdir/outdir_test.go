package outdir

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// snapshot is every entry under dir: a file's bytes, "<dir>" for a folder,
// "-> target" for a symbolic link.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel] = "<dir>"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func put(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if s == "<dir>" {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// names returns the snapshot's paths, without the record, sorted.
func names(snap map[string]string) []string {
	var out []string
	for _, p := range slices.Sorted(maps.Keys(snap)) {
		if p != RecordFile {
			out = append(out, p)
		}
	}
	return out
}

var (
	all     = Scope{Formats: []string{"epub", "pdf"}, Editions: []string{"student", "teacher"}}
	pdfOnly = Scope{Formats: []string{"pdf"}, Editions: []string{"student", "teacher"}}
)

func pdf(p, data, edition string) File {
	return File{Path: p, Data: []byte(data), Format: "pdf", Edition: edition}
}

// large is f printed in large print.
func large(f File) File { f.Profile = "large-print"; return f }

func epub(p, data, edition string) File {
	return File{Path: p, Data: []byte(data), Format: "epub", Edition: edition}
}

// firstBuild is what an earlier build of every format and edition wrote.
var firstBuild = []File{
	epub("x.epub", "epub 1", "student"),
	epub("x-teacher.epub", "teacher epub 1", "teacher"),
	pdf("x-handouts.pdf", "handouts 1", "student"),
	pdf("x-teacher.pdf", "teacher pdf 1", "teacher"),
	pdf("handouts/01-a.pdf", "a 1", "student"),
	pdf("handouts/02-b.pdf", "b 1", "student"),
}

func write(t *testing.T, dir string, files []File, scope Scope) *Report {
	t.Helper()
	rep, err := Write(context.Background(), dir, files, scope)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A failure in the middle of the swap (a folder where the third file goes)
// puts back the two files already replaced: every old byte is still there,
// and neither a staged nor a moved-aside file is left.
func TestWriteFailingHalfWayRestoresTheFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, firstBuild, all)
	os.Remove(filepath.Join(dir, "x-handouts.pdf"))
	put(t, dir, map[string]string{"x-handouts.pdf/inside": "a user's file"})
	before := snapshot(t, dir)

	second := []File{
		epub("x.epub", "epub 2", "student"),
		epub("x-teacher.epub", "teacher epub 2", "teacher"),
		pdf("x-handouts.pdf", "handouts 2", "student"), // the folder is in the way
		pdf("x-teacher.pdf", "teacher pdf 2", "teacher"),
		pdf("handouts/01-a.pdf", "a 2", "student"),
		pdf("handouts/03-c.pdf", "c 2", "student"), // new file in a new name: removed again
		pdf("new/04-d.pdf", "d 2", "student"),      // new folder: removed again
	}
	_, err := Write(context.Background(), dir, second, all)
	if err == nil {
		t.Fatal("the build succeeded with a folder in the way of an output")
	}
	for _, want := range []string{
		"cannot write " + filepath.Join(dir, "x-handouts.pdf") + ": a folder of that name is in the way; move or remove it, then build again",
		"the output folder " + dir + " was left as it was: nothing was written",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error = %q\nwant it to contain %q", err, want)
		}
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
}

// An interrupt before the swap leaves the folder as it was.
func TestWriteInterruptedChangesNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, firstBuild, all)
	before := snapshot(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, dir, []File{epub("x.epub", "epub 2", "student"), pdf("handouts/09-z.pdf", "z", "student")}, all); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
}

// The folders a failed build made, the output folder and its parents
// included, are removed again; a file in the way of a folder is reported
// before anything is swapped.
func TestWriteFailingRemovesTheFoldersItMade(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "dist")
	_, err := Write(context.Background(), dir, []File{pdf("new/01-a.pdf", "a", "student"), pdf("new/sub/02-b.pdf", "b", "student"), pdf("new/sub", "c", "student")}, all)
	if err == nil || !strings.Contains(err.Error(), "a folder of that name is in the way") {
		t.Fatalf("err = %v, want the folder new/sub in the way", err)
	}
	if _, err := os.Stat(filepath.Join(parent, "a")); !os.IsNotExist(err) {
		t.Errorf("a failed build left the folders it made: %v", err)
	}

	put(t, parent, map[string]string{"dist/handouts": "a user's file"})
	dir = filepath.Join(parent, "dist")
	before := snapshot(t, dir)
	_, err = Write(context.Background(), dir, []File{pdf("new/01-a.pdf", "a", "student"), pdf("handouts/01-a.pdf", "a", "student")}, all)
	want := "cannot make the folder " + filepath.Join(dir, "handouts") + ": a file of that name is in the way"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
}

// A path out of the folder, the record's name or a path given twice is a
// layout's bug, refused, and the folder made for it removed again.
func TestWriteRefusesBadPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dist")
	for _, p := range []string{"../x.pdf", "/x.pdf", "a/../../x.pdf", RecordFile, "x.pdf"} {
		files := []File{pdf("x.pdf", "x", "student"), pdf(p, "y", "student")}
		if _, err := Write(context.Background(), dir, files, all); err == nil || !strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: err = %v, want an internal error", p, err)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused build made the folder: %v", err)
	}
}

// A symbolic link inside the output folder cannot lead a write out of it.
func TestWriteStaysInsideTheFolder(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "handouts")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	before := snapshot(t, dir)
	if _, err := Write(context.Background(), dir, []File{pdf("x-handouts.pdf", "h", "student"), pdf("handouts/01-a.pdf", "a", "student")}, all); err == nil {
		t.Fatal("a write through a link out of the folder succeeded")
	}
	if got := snapshot(t, elsewhere); len(got) != 0 {
		t.Errorf("written outside the folder: %q", got)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
}

// Each case builds firstBuild, lets the user change the folder, then builds
// again: companion removes its own earlier outputs in scope that the second
// build no longer produces, and nothing else.
func TestWriteRemovesItsOwnStaleOutputs(t *testing.T) {
	for _, tc := range []struct {
		name        string
		user        map[string]string // written between the builds
		second      []File
		scope       Scope
		wantRemoved []string
		wantFiles   []string
		wantWarning string
	}{{
		name: "a renamed chapter's handout goes; the EPUBs stay with --format pdf",
		second: []File{
			pdf("x-handouts.pdf", "handouts 2", "student"), pdf("x-teacher.pdf", "teacher pdf 2", "teacher"),
			pdf("handouts/01-a.pdf", "a 2", "student"), pdf("handouts/02-c.pdf", "c 2", "student"),
		},
		scope:       pdfOnly,
		wantRemoved: []string{"handouts/02-b.pdf"},
		wantFiles:   []string{"handouts", "handouts/01-a.pdf", "handouts/02-c.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
	}, {
		name:      "--format epub leaves the PDFs alone",
		second:    []File{epub("x.epub", "epub 2", "student"), epub("x-teacher.epub", "teacher epub 2", "teacher")},
		scope:     Scope{Formats: []string{"epub"}, Editions: []string{"student", "teacher"}},
		wantFiles: []string{"handouts", "handouts/01-a.pdf", "handouts/02-b.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
	}, {
		name:        "--edition student leaves the teacher's files alone",
		second:      []File{epub("x.epub", "epub 2", "student"), pdf("x-handouts.pdf", "handouts 2", "student"), pdf("handouts/01-a.pdf", "a 2", "student")},
		scope:       Scope{Formats: []string{"epub", "pdf"}, Editions: []string{"student"}},
		wantRemoved: []string{"handouts/02-b.pdf"},
		wantFiles:   []string{"handouts", "handouts/01-a.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
	}, {
		name: "a large-print build leaves the standard PDFs alone",
		second: []File{
			large(pdf("x-handouts-large-print.pdf", "large", "student")), large(pdf("handouts/01-a-large-print.pdf", "a large", "student")),
			epub("x.epub", "epub 2", "student"), epub("x-teacher.epub", "teacher epub 2", "teacher"),
		},
		scope:     Scope{Formats: []string{"epub", "pdf"}, Editions: []string{"student", "teacher"}, Profiles: map[string]string{"pdf": "large-print"}},
		wantFiles: []string{"handouts", "handouts/01-a-large-print.pdf", "handouts/01-a.pdf", "handouts/02-b.pdf", "x-handouts-large-print.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
	}, {
		name:        "the folder it made goes when empty; a user's file named like an output stays",
		user:        map[string]string{"mine/09-z.pdf": "mine", "x-old.pdf": "mine"},
		second:      []File{pdf("x-handouts.pdf", "handouts 2", "student")},
		scope:       all,
		wantRemoved: []string{"handouts/01-a.pdf", "handouts/02-b.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
		wantFiles:   []string{"mine", "mine/09-z.pdf", "x-handouts.pdf", "x-old.pdf"},
	}, {
		name:        "a folder it made that holds a user's file stays",
		user:        map[string]string{"handouts/notes.txt": "mine"},
		second:      []File{pdf("x-handouts.pdf", "handouts 2", "student")},
		scope:       pdfOnly,
		wantRemoved: []string{"handouts/01-a.pdf", "handouts/02-b.pdf", "x-teacher.pdf"},
		wantFiles:   []string{"handouts", "handouts/notes.txt", "x-handouts.pdf", "x-teacher.epub", "x.epub"},
	}, {
		name:        "an output the user changed stays, with a warning",
		user:        map[string]string{"handouts/02-b.pdf": "edited by hand"},
		second:      []File{pdf("x-handouts.pdf", "handouts 2", "student"), pdf("x-teacher.pdf", "t", "teacher"), pdf("handouts/01-a.pdf", "a 2", "student")},
		scope:       pdfOnly,
		wantFiles:   []string{"handouts", "handouts/01-a.pdf", "handouts/02-b.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
		wantWarning: "handouts/02-b.pdf: warning: this earlier output is no longer built, but it has changed since companion wrote it, so it was left in place",
	}, {
		name:        "no record: nothing is removed, with a warning",
		user:        map[string]string{RecordFile: "<gone>"},
		second:      []File{pdf("x-handouts.pdf", "handouts 2", "student")},
		scope:       all,
		wantFiles:   []string{"handouts", "handouts/01-a.pdf", "handouts/02-b.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
		wantWarning: "holds files but no record of earlier outputs, so none was removed",
	}, {
		name:        "a corrupt record: nothing is removed, with a warning",
		user:        map[string]string{RecordFile: `{"outputs": [{"path": "../../etc/passwd", "format": "pdf", "sha256": ""}]}`},
		second:      []File{pdf("x-handouts.pdf", "handouts 2", "student")},
		scope:       all,
		wantFiles:   []string{"handouts", "handouts/01-a.pdf", "handouts/02-b.pdf", "x-handouts.pdf", "x-teacher.epub", "x-teacher.pdf", "x.epub"},
		wantWarning: RecordFile + `: warning: the record of earlier outputs cannot be read (it lists the path "../../etc/passwd", which is not a file inside the folder), so no earlier output was removed`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, firstBuild, all)
			for p, s := range tc.user {
				if s == "<gone>" {
					os.Remove(filepath.Join(dir, p))
					delete(tc.user, p)
				}
			}
			put(t, dir, tc.user)
			rep := write(t, dir, tc.second, tc.scope)
			if !slices.Equal(rep.Removed, tc.wantRemoved) {
				t.Errorf("removed %q, want %q", rep.Removed, tc.wantRemoved)
			}
			after := snapshot(t, dir)
			if got := names(after); !slices.Equal(got, tc.wantFiles) {
				t.Errorf("files after:\n got %q\nwant %q", got, tc.wantFiles)
			}
			for _, f := range tc.second {
				if after[f.Path] != string(f.Data) {
					t.Errorf("%s = %q, want %q", f.Path, after[f.Path], f.Data)
				}
			}
			for p, s := range tc.user {
				if p != RecordFile && after[p] != s {
					t.Errorf("the user's %s = %q, want %q", p, after[p], s)
				}
			}
			warnings := rep.Warnings.Error()
			if tc.wantWarning == "" && warnings != "" || !strings.Contains(warnings, tc.wantWarning) {
				t.Errorf("warnings = %q, want %q", warnings, tc.wantWarning)
			}
			// The record is whole again: a third build of everything
			// removes what the second left unrecorded only if it wrote it.
			var rec record
			if err := json.Unmarshal([]byte(after[RecordFile]), &rec); err != nil || rec.valid() != nil {
				t.Fatalf("the record after the build is unreadable: %v %v", err, rec.valid())
			}
			for _, f := range tc.second {
				if !slices.ContainsFunc(rec.Outputs, func(o output) bool { return o.Path == f.Path && o.SHA256 == digest(f.Data) }) {
					t.Errorf("the record lacks %s", f.Path)
				}
			}
		})
	}
}

// Two builds of the same files give the same folder, record included, and
// the record lists outputs and folders sorted, with nothing that varies.
func TestWriteIsReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write(t, a, firstBuild, all)
	reversed := slices.Clone(firstBuild)
	slices.Reverse(reversed)
	write(t, b, reversed, all)
	write(t, b, firstBuild, all)
	if sa, sb := snapshot(t, a), snapshot(t, b); !maps.Equal(sa, sb) {
		t.Errorf("two builds differ:\n%q\n%q", sa, sb)
	}
	got := snapshot(t, a)[RecordFile]
	want := `{
  "about": "` + about + `",
  "folders": [
    "handouts"
  ],
  "outputs": [
    {
      "path": "handouts/01-a.pdf",
      "format": "pdf",
      "edition": "student",
      "sha256": "` + digest([]byte("a 1")) + `"
    },`
	if !strings.HasPrefix(got, want) {
		t.Errorf("record =\n%s\nwant it to begin\n%s", got, want)
	}
}

// Files staged from several goroutines, as a build stages each format's
// files when it is rendered, stay out of sight until Commit, which gives
// the folder one Write of the same files gives.
func TestStagedFilesAreHiddenUntilCommit(t *testing.T) {
	want, dir := t.TempDir(), t.TempDir()
	write(t, want, firstBuild, all)
	write(t, dir, []File{epub("x.epub", "epub 0", "student")}, all)
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, f := range firstBuild {
		wg.Go(func() {
			if err := s.Stage(context.Background(), f); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for p, data := range snapshot(t, dir) {
		if !strings.HasPrefix(path.Base(p), ".") && p != "x.epub" && data != "<dir>" {
			t.Errorf("%s is in sight before Commit", p)
		}
	}
	if data := snapshot(t, dir)["x.epub"]; data != "epub 0" {
		t.Errorf("x.epub = %q before Commit, want the old bytes", data)
	}
	if _, err := s.Commit(context.Background(), all); err != nil {
		t.Fatal(err)
	}
	if a, b := snapshot(t, want), snapshot(t, dir); !maps.Equal(a, b) {
		t.Errorf("staged and committed:\n%q\nwritten at once:\n%q", b, a)
	}
}

// A build that fails after staging began (a layout's error) aborts the
// set: the folder is as it was, the folders made for it are gone, and the
// set takes no more files.
func TestAbortLeavesTheFolderAsItWas(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "dist")
	write(t, dir, firstBuild, all)
	before := snapshot(t, dir)
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []File{epub("x.epub", "epub 2", "student"), pdf("new/01-a.pdf", "a 2", "student")} {
		if err := s.Stage(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	s.Abort()
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
	if err := s.Stage(context.Background(), pdf("handouts/09-z.pdf", "z", "student")); err == nil {
		t.Error("an aborted set staged a file")
	}
	if _, err := s.Commit(context.Background(), all); err == nil {
		t.Error("an aborted set was committed")
	}

	fresh := filepath.Join(parent, "new", "dist")
	s, err = Begin(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stage(context.Background(), pdf("handouts/01-a.pdf", "a", "student")); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if _, err := os.Stat(filepath.Join(parent, "new")); !os.IsNotExist(err) {
		t.Errorf("an aborted build left the folders it made: %v", err)
	}
}

// writeSaving is Write with each staged file saved to disk by sync.
func writeSaving(dir string, files []File, sync func(*os.File) error) (*Report, error) {
	s, err := begin(dir, sync)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := s.Stage(context.Background(), f); err != nil {
			return nil, err
		}
	}
	return s.Commit(context.Background(), all)
}

// Every staged file, the record included, is saved to disk once, in the
// background, and Commit returns only when all are.
func TestWriteSavesEveryFile(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	saved := map[string]int{}
	_, err := writeSaving(dir, firstBuild, func(f *os.File) error {
		mu.Lock()
		defer mu.Unlock()
		saved[f.Name()]++
		return f.Sync()
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{filepath.Join(dir, sideName(RecordFile, "new", 1)): 1}
	for _, f := range firstBuild {
		want[filepath.Join(dir, filepath.FromSlash(sideName(f.Path, "new", 1)))] = 1
	}
	mu.Lock()
	defer mu.Unlock()
	if !maps.Equal(saved, want) {
		t.Errorf("saved %v\nwant %v", saved, want)
	}
}

// A file that cannot be saved to disk fails the build before anything is
// swapped in; the message names the earliest such file staged, whichever
// saver got to it first.
func TestWriteFailingToSaveRestoresTheFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, firstBuild, all)
	before := snapshot(t, dir)
	second := []File{
		epub("x.epub", "epub 2", "student"),
		pdf("x-teacher.pdf", "teacher pdf 2", "teacher"),
		pdf("handouts/01-a.pdf", "a 2", "student"),
		pdf("new/04-d.pdf", "d 2", "student"),
	}
	bad := map[string]bool{
		filepath.Join(dir, sideName("x-teacher.pdf", "new", 1)):                         true,
		filepath.Join(dir, filepath.FromSlash(sideName("handouts/01-a.pdf", "new", 1))): true,
	}
	_, err := writeSaving(dir, second, func(f *os.File) error {
		if bad[f.Name()] {
			return &fs.PathError{Op: "sync", Path: f.Name(), Err: syscall.EIO}
		}
		return f.Sync()
	})
	if err == nil {
		t.Fatal("the build succeeded with a file that could not be saved")
	}
	for _, want := range []string{
		"cannot save " + filepath.Join(dir, "x-teacher.pdf") + " to disk: input/output error\n",
		"the output folder " + dir + " was left as it was: nothing was written",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error = %q\nwant it to contain %q", err, want)
		}
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %q\nafter  %q", before, after)
	}
}

// A rebuild leaves in place each file that already holds its new bytes:
// not written, saved or swapped in again (the same inode, the same
// modification time), the record too when it is unchanged. A file of
// the same length but other bytes, or one a link stands in for, is
// replaced. The folder ends as a build into an empty one leaves it.
func TestRebuildLeavesUnchangedFilesInPlace(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, firstBuild, all)
	// handouts/02-b.pdf is a link to a file of the same bytes: a link is
	// never an output, so it is replaced by the file.
	put(t, dir, map[string]string{"elsewhere": "b 1"})
	os.Remove(filepath.Join(dir, "handouts", "02-b.pdf"))
	if err := os.Symlink(filepath.Join("..", "elsewhere"), filepath.Join(dir, "handouts", "02-b.pdf")); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	type id struct {
		ino   uint64
		mtime time.Time
	}
	ids := func() map[string]id {
		out := map[string]id{}
		for _, p := range append(names(snapshot(t, dir)), RecordFile) {
			st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			out[p] = id{st.Sys().(*syscall.Stat_t).Ino, st.ModTime()}
		}
		return out
	}
	for p := range ids() {
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(p)), old, old); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	before := ids()

	second := slices.Clone(firstBuild)
	second[0] = epub("x.epub", "epub 2", "student") // same length, other bytes
	var mu sync.Mutex
	var saved []string
	saving := func(f *os.File) error {
		mu.Lock()
		defer mu.Unlock()
		rel, _ := filepath.Rel(dir, f.Name())
		saved = append(saved, filepath.ToSlash(rel))
		return f.Sync()
	}
	if _, err := writeSaving(dir, second, saving); err != nil {
		t.Fatal(err)
	}
	after := ids()
	for _, f := range second[1:] {
		same := before[f.Path] == after[f.Path]
		if want := f.Path != "handouts/02-b.pdf"; same != want {
			t.Errorf("%s: left in place = %v, want %v", f.Path, same, want)
		}
	}
	if before["x.epub"] == after["x.epub"] {
		t.Error("x.epub was left in place with other bytes")
	}
	slices.Sort(saved)
	if want := []string{sideName(RecordFile, "new", 1), sideName("x.epub", "new", 1), sideName("handouts/02-b.pdf", "new", 1)}; !slices.Equal(saved, want) {
		t.Errorf("saved %q, want %q", saved, want)
	}
	fresh := t.TempDir()
	put(t, fresh, map[string]string{"elsewhere": "b 1"})
	write(t, fresh, second, all)
	if a, b := snapshot(t, fresh), snapshot(t, dir); !maps.Equal(a, b) {
		t.Errorf("rebuilt:\n%q\nbuilt into an empty folder:\n%q", b, a)
	}

	// Nothing changed: nothing is written, the record neither.
	before, saved = ids(), nil
	if _, err := writeSaving(dir, second, saving); err != nil {
		t.Fatal(err)
	}
	if after := ids(); !maps.Equal(before, after) {
		t.Errorf("a build of the same files changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	if len(saved) > 0 {
		t.Errorf("a build of the same files saved %q", saved)
	}
}

// Every folder that gains an entry is saved to disk once the files are
// swapped in: the output folder, each folder a file is renamed into, the
// parent of every folder the build made inside it (a/ for a/b/), and the
// parents of the output folder and its own parents when the build made
// them.
func TestWriteSavesNewFolders(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "out", "deep")
	s, err := begin(dir, (*os.File).Sync)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var saved []string
	s.t.syncFolder = func(f *os.File) error {
		mu.Lock()
		defer mu.Unlock()
		saved = append(saved, filepath.Clean(f.Name()))
		return f.Sync()
	}
	for _, f := range []File{epub("x.epub", "epub", "student"), pdf("a/b/c.pdf", "c", "student")} {
		if err := s.Stage(context.Background(), f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Commit(context.Background(), all); err != nil {
		t.Fatal(err)
	}
	want := []string{base, filepath.Join(base, "out"), dir, filepath.Join(dir, "a"), filepath.Join(dir, "a", "b")}
	slices.Sort(saved)
	if !slices.Equal(saved, want) {
		t.Errorf("saved the folders\n%q\nwant\n%q", saved, want)
	}
}
