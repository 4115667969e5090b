// Package outdir writes a build's outputs into the output folder as one set.
//
// Every new file is first staged beside its target and saved to disk, in
// the background (a build stages each as soon as it is rendered: Begin,
// Stage, Commit); only when all are staged and saved are they swapped in,
// each old file moved aside first. A file already holding its new bytes
// (a rebuild of what did not change) is left as it is.
// If any step fails, every step taken is undone, so the folder is exactly as
// it was before the build. A record in the folder (RecordFile) lists what
// companion wrote, so that a later build removes those of its own earlier
// outputs it no longer produces (a renamed chapter's handout) and never a
// file it did not write. All access goes through os.Root: no symbolic link
// inside the folder can lead a write out of it.
package outdir

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/companion-dev/companion/book/diag"
)

// File is one output to write.
type File struct {
	Path    string // slash-separated, relative to the folder
	Data    []byte
	Format  string // the --format word that produced it: epub, pdf, lms, html
	Edition string // student or teacher
	Profile string // how it was printed (large-print); "" for standard
}

// Scope is what a build was asked for: the earlier outputs it answers for.
// An earlier output of another format, edition or profile is left alone,
// so that `--format epub` never removes the PDFs, nor a large-print build
// the standard ones.
type Scope struct {
	Formats  []string
	Editions []string
	// Profiles is the profile each format was printed in, for those not
	// printed standard.
	Profiles map[string]string
}

func (s Scope) includes(o output) bool {
	return slices.Contains(s.Formats, o.Format) && (o.Edition == "" || slices.Contains(s.Editions, o.Edition)) &&
		o.Profile == s.Profiles[o.Format]
}

// Report is what Write did.
type Report struct {
	Written  []string  // the files' paths, in the order given (staged)
	Removed  []string  // earlier outputs no longer produced, removed; sorted
	Warnings diag.List // about the record, or earlier outputs left in place
}

// Write puts files into the folder dir, made if missing, as one set, and
// removes the earlier outputs in scope that files no longer include. On
// failure the folder is restored as it was and the error says so. It is
// Begin, a Stage of each file and Commit.
func Write(ctx context.Context, dir string, files []File, scope Scope) (*Report, error) {
	s, err := Begin(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := s.Stage(ctx, f); err != nil {
			return nil, err
		}
	}
	return s.Commit(ctx, scope)
}

// A Set is a Write in progress. A build stages each file as soon as it is
// rendered, so that it never holds every output in memory at once (at a
// thousand chapters they are most of its heap); nothing is visible under
// the outputs' names until Commit. Stage may be called from several
// goroutines. After a failure, or Abort, the folder is as it was and every
// later call returns the failure.
type Set struct {
	mu      sync.Mutex
	t       *txn
	made    []string // the output folder and parents made for it
	old     record
	outputs []output // staged, in the order staged
	seen    map[string]bool
	err     error
}

// Begin starts a set in the folder dir, made if missing.
func Begin(dir string) (*Set, error) { return begin(dir, (*os.File).Sync) }

// begin is Begin saving each staged file with sync (tests make it fail).
func begin(dir string, sync func(*os.File) error) (*Set, error) {
	made, err := makeFolder(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot make the output folder %s: %w", dir, unwrapPath(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		removeFolders(made)
		return nil, fmt.Errorf("cannot open the output folder %s: %w", dir, unwrapPath(err))
	}
	t := &txn{root: root, dir: dir, fresh: len(made) > 0, madeFor: made, saver: newSyncer(sync), syncFolder: (*os.File).Sync,
		folders: map[string]*os.Root{}, known: map[string]bool{}}
	// The record is read, and the folder found empty or not, before any
	// file is staged into it.
	return &Set{t: t, made: made, old: t.readRecord(), seen: map[string]bool{}}, nil
}

// Stage writes f beside its target, hidden, to be saved to disk before
// Commit swaps it in. A path that is not a file inside the folder, the
// record's own name or a path staged already is refused as a bug in a
// layout.
func (s *Set) Stage(ctx context.Context, f File) error {
	sum := digest(f.Data) // while other formats stage theirs
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if err := ctx.Err(); err != nil {
		return s.fail(ctx, err)
	}
	if !fs.ValidPath(f.Path) || f.Path == "." || f.Path == RecordFile || s.seen[f.Path] {
		return s.fail(ctx, fmt.Errorf("internal error: a layout produced the output path %q, which is outside the output folder, reserved or given twice", f.Path))
	}
	s.seen[f.Path] = true
	if err := s.t.makeFolders(parents(f.Path)); err != nil {
		return s.fail(ctx, err)
	}
	output := output{Path: f.Path, Format: f.Format, Edition: f.Edition, Profile: f.Profile, SHA256: sum}
	if s.t.holds(f.Path, f.Data) {
		s.outputs = append(s.outputs, output)
		return nil
	}
	temp, err := s.t.stage(f.Path, f.Data)
	if err != nil {
		return s.fail(ctx, err)
	}
	s.t.steps = append(s.t.steps, &step{target: f.Path, temp: temp})
	s.outputs = append(s.outputs, output)
	return nil
}

// Commit swaps the staged files in, removes the earlier outputs in scope
// that were not staged, and writes the record.
func (s *Set) Commit(ctx context.Context, scope Scope) (*Report, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	if err := s.t.commitSet(ctx, s.old, s.outputs, scope); err != nil {
		return nil, s.fail(ctx, err)
	}
	s.t.close()
	s.err = errors.New("internal error: the output set was already committed")
	return &s.t.report, nil
}

// Abort undoes the set: for a build that failed after staging began.
func (s *Set) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.fail(context.Background(), errors.New("the build was abandoned: nothing was written"))
	}
}

// fail undoes every step taken, closes the set and returns err as the
// user reads it.
func (s *Set) fail(ctx context.Context, err error) error {
	s.t.saver.wait() // every staged file closed, before it is removed
	undoErr := s.t.undo()
	s.t.close()
	removeFolders(s.made)
	switch {
	case ctx.Err() != nil:
		s.err = ctx.Err() // interrupted: the command line says nothing was written
	case undoErr != nil:
		s.err = fmt.Errorf("%w\n\tand the output folder %s could not be restored: %v", err, s.t.dir, undoErr)
	default:
		s.err = fmt.Errorf("%w\n\tthe output folder %s was left as it was: nothing was written", err, s.t.dir)
	}
	return s.err
}

// step is one change to the folder: a staged file renamed over its target,
// or (with no temp) an earlier output removed. Each is reversible until the
// set is committed: an old file is moved aside, not deleted.
type step struct {
	target string // slash path in the folder
	temp   string // the staged new bytes; "" to remove target
	backup string // where the old file was moved; "" if there was none
	placed bool   // temp was renamed to target
}

// txn is one Set in progress: what it has changed, so that undo can
// reverse it.
type txn struct {
	root  *os.Root
	saver *syncer  // saves the staged files to disk
	dir   string   // as given, for messages
	fresh bool     // the folder was made by this build
	made  []string // folders made inside root, in the order made
	// madeFor are the output folder and the parents made for it, outside
	// root (Set.made)
	madeFor []string
	// syncFolder saves a folder's entries to disk (tests record it)
	syncFolder func(*os.File) error
	steps      []*step
	// folders are the folders inside root that hold files staged, each
	// opened once (see at); known, the folders known to be there
	folders map[string]*os.Root
	known   map[string]bool
	report  Report
	compare []byte // holds' buffer (a set stages one file at a time)
}

// commitSet finishes a set whose files are staged (produced, from the
// earlier record old): it stages the new record, swaps everything in and
// removes what the set replaces.
func (t *txn) commitSet(ctx context.Context, old record, produced []output, scope Scope) error {
	isNew := map[string]bool{}
	next := record{Outputs: slices.Clone(produced)}
	for _, o := range produced {
		isNew[o.Path] = true
	}
	var stale []string
	for _, o := range old.Outputs {
		switch {
		case isNew[o.Path]:
		case !scope.includes(o):
			next.Outputs = append(next.Outputs, o) // another format's or edition's
		case t.unchanged(o):
			stale = append(stale, o.Path)
		}
	}
	for _, p := range stale {
		t.steps = append(t.steps, &step{target: p})
	}
	// A folder companion made stays recorded while it holds an output;
	// once it holds none it is removed if empty, and forgotten either way.
	var gone []string
	for _, d := range append(old.Folders, t.made...) {
		if next.holds(d) {
			next.Folders = append(next.Folders, d)
		} else {
			gone = append(gone, d)
		}
	}
	if data := next.encode(); !t.holds(RecordFile, data) {
		temp, err := t.stage(RecordFile, data)
		if err != nil {
			return err
		}
		t.steps = append(t.steps, &step{target: RecordFile, temp: temp})
	}
	if target, err := t.saver.wait(); err != nil {
		return fmt.Errorf("cannot save %s to disk: %w", t.show(target), unwrapPath(err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, s := range t.steps {
		if err := t.apply(s); err != nil {
			return err
		}
	}
	if len(t.steps) > 0 || len(t.made) > 0 {
		if err := t.syncFolders(); err != nil {
			return err
		}
	}
	t.commit(gone)
	for _, o := range produced {
		t.report.Written = append(t.report.Written, o.Path)
	}
	t.report.Removed = stale
	slices.Sort(t.report.Removed)
	return nil
}

// readRecord reads the folder's record, warning when there is none in a
// folder that already holds files, or when it cannot be read: either way
// nothing is removed, and this build writes a new record.
func (t *txn) readRecord() record {
	rec, missing, err := readRecord(t.root)
	pos := diag.Pos{File: t.show(RecordFile)}
	switch {
	case err != nil:
		t.report.Warnings.Warnf(pos, "the record of earlier outputs cannot be read (%v), so no earlier output was removed", unwrapPath(err))
		t.report.Warnings.Hintf("this build writes a new record; remove by hand any earlier outputs this build no longer writes (a renamed chapter's handout)")
	case missing && !t.fresh && !t.empty():
		t.report.Warnings.Warnf(pos, "%s holds files but no record of earlier outputs, so none was removed", t.dir)
		t.report.Warnings.Hintf("remove by hand any earlier outputs this build no longer writes (a renamed chapter's handout); from now on companion keeps the record and removes them itself")
	}
	return rec
}

func (t *txn) empty() bool {
	f, err := t.root.Open(".")
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) == 0
}

// unchanged reports whether an earlier output is still the file companion
// wrote. One that is gone is dropped from the record quietly; one that was
// replaced or edited is the user's now: left in place, with a warning.
func (t *txn) unchanged(o output) bool {
	name := filepath.FromSlash(o.Path)
	st, err := t.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err == nil && st.Mode().IsRegular() {
		data, rerr := t.root.ReadFile(name)
		if rerr == nil && digest(data) == o.SHA256 {
			return true
		}
	}
	t.report.Warnings.Warnf(diag.Pos{File: t.show(o.Path)}, "this earlier output is no longer built, but it has changed since companion wrote it, so it was left in place")
	t.report.Warnings.Hintf("remove it by hand if it is not needed")
	return false
}

// makeFolders makes the missing folders of dirs, outermost first.
func (t *txn) makeFolders(dirs []string) error {
	for _, d := range dirs {
		if t.known[d] {
			continue
		}
		name := filepath.FromSlash(d)
		st, err := t.root.Stat(name)
		switch {
		case err == nil && st.IsDir():
			t.known[d] = true
			continue
		case err == nil:
			return fmt.Errorf("cannot make the folder %s: a file of that name is in the way; move or remove it, then build again", t.show(d))
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("cannot make the folder %s: %w", t.show(d), unwrapPath(err))
		}
		if err := t.root.Mkdir(name, 0o755); err != nil {
			return fmt.Errorf("cannot make the folder %s: %w", t.show(d), unwrapPath(err))
		}
		t.made = append(t.made, d)
		t.known[d] = true
	}
	return nil
}

// holds reports whether target is already a regular file of exactly
// data's bytes, as a rebuild finds most of its outputs (every one, if
// nothing changed): such a file is left as it is, rather than written,
// saved to disk and swapped in again. Creating, saving and renaming the
// bundled companion's 92 files over their old copies was about a tenth of
// a build's CPU time; reading and comparing them is a small part of that.
// The file was saved to disk when it was written.
func (t *txn) holds(target string, data []byte) bool {
	in, name := t.at(target)
	st, err := in.Lstat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	f, err := in.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false // replaced since the Lstat
	}
	if t.compare == nil {
		t.compare = make([]byte, 64<<10)
	}
	for rest := data; len(rest) > 0; {
		n, err := io.ReadFull(f, t.compare[:min(len(rest), len(t.compare))])
		if err != nil || !bytes.Equal(t.compare[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
	}
	n, _ := f.Read(t.compare[:1])
	return n == 0 // not grown since the Stat
}

// stage writes data to a new hidden file beside target and hands it to
// the saver, so that a crash after the rename cannot leave a target with
// lost bytes.
func (t *txn) stage(target string, data []byte) (string, error) {
	for i := 1; ; i++ {
		temp := sideName(target, "new", i)
		in, name := t.at(temp)
		f, err := in.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue // left by a build that was killed
		}
		if err != nil {
			return "", fmt.Errorf("cannot write %s: %w", t.show(target), unwrapPath(err))
		}
		if _, err = f.Write(data); err != nil {
			f.Close()
			in.Remove(name)
			return "", fmt.Errorf("cannot write %s: %w", t.show(target), unwrapPath(err))
		}
		t.saver.add(f, len(t.steps), target)
		return temp, nil
	}
}

// sideName is the hidden name beside target for its new bytes or its old
// file: handouts/01-a.pdf gives handouts/.01-a.pdf.companion-new.
func sideName(target, what string, i int) string {
	dir, base := path.Split(target)
	name := dir + "." + base + ".companion-" + what
	if i > 1 {
		name += "-" + strconv.Itoa(i)
	}
	return name
}

// apply takes one step: the old file, if any, is moved aside, then the new
// one renamed into its place.
func (t *txn) apply(s *step) error {
	in, name := t.at(s.target)
	st, err := in.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", t.show(s.target), unwrapPath(err))
	case st.IsDir():
		return fmt.Errorf("cannot write %s: a folder of that name is in the way; move or remove it, then build again", t.show(s.target))
	default:
		if s.backup, err = t.moveAside(s.target); err != nil {
			return err
		}
	}
	if s.temp == "" {
		return nil
	}
	if err := in.Rename(t.nameIn(in, s.temp), name); err != nil {
		return fmt.Errorf("cannot write %s: %w", t.show(s.target), unwrapLink(err))
	}
	s.placed = true
	return nil
}

func (t *txn) moveAside(target string) (string, error) {
	in, name := t.at(target)
	for i := 1; ; i++ {
		backup := sideName(target, "old", i)
		_, err := in.Lstat(t.nameIn(in, backup))
		if err == nil {
			continue // left by a build that was killed
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("cannot replace %s: %w", t.show(target), unwrapPath(err))
		}
		if err := in.Rename(name, t.nameIn(in, backup)); err != nil {
			return "", fmt.Errorf("cannot replace %s: %w", t.show(target), unwrapLink(err))
		}
		return backup, nil
	}
}

// syncFolders makes the renames and the new folders durable: a folder's
// entries (a file renamed into it, a folder made in it) reach the disk
// only when the folder itself is synced. The folders are synced at once,
// as the files are, each through the root the steps went through (at);
// each that could not be is reported, in name order, the folders outside
// the output folder (the parents of one made for the build) first.
func (t *txn) syncFolders() error {
	dirs := []string{"."}
	for _, s := range t.steps {
		dirs = append(dirs, path.Dir(s.target))
	}
	for _, d := range t.made {
		dirs = append(dirs, path.Dir(d))
	}
	slices.Sort(dirs)
	dirs = slices.Compact(dirs)
	var outside []string
	for _, d := range t.madeFor {
		outside = append(outside, filepath.Dir(d))
	}
	errs := make([]error, len(outside)+len(dirs))
	var wg sync.WaitGroup
	save := func(i int, open func() (*os.File, error), show string) {
		wg.Go(func() {
			f, err := open()
			if err == nil {
				err = t.syncFolder(f)
				f.Close()
			}
			if err != nil && !errors.Is(err, errors.ErrUnsupported) {
				errs[i] = fmt.Errorf("cannot save the folder %s to disk: %w", show, unwrapPath(err))
			}
		})
	}
	for i, d := range outside {
		save(i, func() (*os.File, error) { return os.Open(d) }, d)
	}
	for i, d := range dirs {
		in, name := t.root, filepath.FromSlash(d)
		if open, ok := t.folders[d]; ok {
			in, name = open, "."
		}
		save(len(outside)+i, func() (*os.File, error) { return in.Open(name) }, t.show(d))
	}
	wg.Wait()
	return errors.Join(slices.DeleteFunc(errs, func(err error) bool { return err == nil })...)
}

// commit deletes the old files moved aside and the folders in gone that are
// now empty. The new set is in place: a failure here leaves a stray file,
// which is a warning, not a failed build.
func (t *txn) commit(gone []string) {
	for _, s := range t.steps {
		if s.backup == "" {
			continue
		}
		in, name := t.at(s.backup)
		if err := in.Remove(name); err != nil {
			t.report.Warnings.Warnf(diag.Pos{File: t.show(s.backup)}, "the old copy of %s could not be removed: %v", t.show(s.target), unwrapPath(err))
			t.report.Warnings.Hintf("remove it by hand")
		}
	}
	t.closeFolders()                                                        // before any is removed
	slices.SortFunc(gone, func(a, b string) int { return len(b) - len(a) }) // inner folders first
	for _, d := range gone {
		t.root.Remove(filepath.FromSlash(d)) // fails, as it should, if the folder is not empty
	}
}

// undo reverses every step taken, last first, then removes the staged files
// and the folders made.
func (t *txn) undo() error {
	var errs []error
	for _, s := range slices.Backward(t.steps) {
		in, target := t.at(s.target)
		if s.placed && s.backup == "" {
			if err := in.Remove(target); err != nil {
				errs = append(errs, err)
			}
		}
		if s.backup != "" {
			if err := in.Rename(t.nameIn(in, s.backup), target); err != nil {
				errs = append(errs, fmt.Errorf("%s is still at %s: %w", t.show(s.target), t.show(s.backup), unwrapLink(err)))
			}
		}
		if s.temp != "" && !s.placed {
			in.Remove(t.nameIn(in, s.temp))
		}
	}
	t.closeFolders() // before any is removed
	for _, d := range slices.Backward(t.made) {
		t.root.Remove(filepath.FromSlash(d))
	}
	return errors.Join(errs...)
}

// at is the folder that holds p, a slash path in the output folder, and
// p's name in it. Each folder is opened once, and every step on a file
// goes through its own folder: through the output folder's root, every
// step would open each folder on the way again (13 system calls a file
// for the site's chapter pages). A folder that cannot be opened is reached
// through the root, whose step then fails with the reason.
func (t *txn) at(p string) (*os.Root, string) {
	dir := path.Dir(p)
	if dir == "." {
		return t.root, p
	}
	in, ok := t.folders[dir]
	if !ok {
		var err error
		if in, err = t.root.OpenRoot(filepath.FromSlash(dir)); err != nil {
			return t.root, filepath.FromSlash(p)
		}
		t.folders[dir] = in
	}
	return in, path.Base(p)
}

// nameIn is the name, as in knows it, of p, a path in the folder of the
// path at gave in for.
func (t *txn) nameIn(in *os.Root, p string) string {
	if in == t.root {
		return filepath.FromSlash(p)
	}
	return path.Base(p)
}

// closeFolders closes the folders at opened.
func (t *txn) closeFolders() {
	for d, in := range t.folders {
		in.Close()
		delete(t.folders, d)
	}
}

// close ends the set's access to the output folder.
func (t *txn) close() {
	t.closeFolders()
	t.root.Close()
}

// show is how a path in the folder is named in messages.
func (t *txn) show(p string) string { return filepath.Join(t.dir, filepath.FromSlash(p)) }

// makeFolder makes dir and any missing parents, and returns those it made,
// outermost first, so that a failed build can remove them again.
func makeFolder(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

func removeFolders(made []string) {
	for _, d := range slices.Backward(made) {
		os.Remove(d)
	}
}

// unwrapPath drops the operation and path of a *fs.PathError, which the
// message around it already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return unwrapPath(err)
}
