package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"

	"github.com/companion-dev/companion/layouts/outdir"
)

// watcher calls changed whenever something in the project folder changes.
// fsnotify watches one folder at a time, so every folder of the project is
// watched, and each folder made later as it appears.
type watcher struct {
	w    *fsnotify.Watcher
	done chan struct{}
}

// watch starts watching dir and the folders below it, except hidden ones
// and output folders (those holding companion's record of its outputs):
// a build into one must not make the preview rebuild.
func watch(dir string, changed func(), log io.Writer) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch the project for changes: %w", err)
	}
	w := &watcher{w: fw, done: make(chan struct{})}
	if err := w.addTree(dir); err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch the project for changes: %w", err)
	}
	go func() {
		defer close(w.done)
		for {
			select {
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				if ignored(ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						if err := w.addTree(ev.Name); err != nil {
							fmt.Fprintf(log, "companion: cannot watch %s: %v\n", ev.Name, err)
						}
					}
				}
				changed()
			case err, ok := <-fw.Errors:
				if !ok {
					return
				}
				// An overflow loses events: rebuild, since a change may be among them.
				fmt.Fprintf(log, "companion: watching the project: %v\n", err)
				changed()
			}
		}
	}()
	return w, nil
}

// addTree watches dir and the folders below it.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone since it was listed
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(p) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(p, outdir.RecordFile)); err == nil {
			return filepath.SkipDir
		}
		return w.w.Add(p)
	})
}

// ignored tells the names no build reads: hidden files and folders (.git,
// an editor's swap files) and editors' backups (name~).
func ignored(p string) bool {
	base := filepath.Base(p)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~")
}

// Close stops watching.
func (w *watcher) Close() error {
	err := w.w.Close()
	<-w.done
	return err
}
