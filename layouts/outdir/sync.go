package outdir

import (
	"os"
	"sync"
)

// saving is how many staged files are saved to disk at once, and queued is
// how many more may wait, open: a sync mostly waits for the disk, and the
// file system commits the syncs that wait together in one journal write.
// Syncing 82 files of 100 kB (the bundled companion writes 82 outputs)
// took about 60 ms one after another on the 2-core machine, under 10 ms
// eight at once; and the layouts no longer wait for the disk.
const (
	saving = 8
	queued = 32
)

// syncer saves staged files to disk in the background while the build
// goes on rendering, and closes them. Commit waits for it (wait) before
// the first rename, so that a file is on disk before its name is, as when
// each was synced as it was staged.
type syncer struct {
	queue chan staged
	sync  func(*os.File) error
	done  sync.WaitGroup
	stop  sync.Once

	mu     sync.Mutex
	err    error  // of the earliest file staged that could not be saved
	target string // that file's target
	whom   int    // and its place in the order staged
}

// staged is an open staged file to save, with its place in the order
// staged and its target, for the message if it cannot be saved.
type staged struct {
	f      *os.File
	n      int
	target string
}

// newSyncer starts the savers; sync saves one file (tests make it fail).
func newSyncer(sync func(*os.File) error) *syncer {
	s := &syncer{queue: make(chan staged, queued), sync: sync}
	for range saving {
		s.done.Go(func() {
			for st := range s.queue {
				err := s.sync(st.f)
				if cerr := st.f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					s.failed(st, err)
				}
			}
		})
	}
	return s
}

// add saves and closes f, the n-th file staged, for target, in the
// background; it waits while the queue is full.
func (s *syncer) add(f *os.File, n int, target string) {
	s.queue <- staged{f, n, target}
}

func (s *syncer) failed(st staged, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil || st.n < s.whom {
		s.err, s.target, s.whom = err, st.target, st.n
	}
}

// wait, after the last add, waits until every file is saved and closed,
// and returns the target and error of the earliest one staged that could
// not be, so that the message does not depend on which saver was first.
// It may be called more than once.
func (s *syncer) wait() (target string, err error) {
	s.stop.Do(func() { close(s.queue) })
	s.done.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.target, s.err
}
