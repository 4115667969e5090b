// Package serve is companion's live preview: it builds a project's web site
// in memory, serves both editions of it over HTTP, rebuilds when a source
// changes and tells the open pages to reload (Server-Sent Events). When the
// project has errors, the pages keep showing the last good site with the
// errors laid over it. /downloads/ builds the EPUB and PDF of the current
// sources when they are asked for.
//
// The server only ever answers from what it built: nothing under the
// project folder is served or listed, only GET and HEAD are answered, and
// it listens on the loopback interface unless told otherwise.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

// Options say what to serve and how to build it.
type Options struct {
	// FS is the project, read afresh on every build.
	FS fs.FS
	// Dir is the project folder to watch for changes; "" watches nothing
	// (the bundled companion, which cannot change).
	Dir string
	// Site renders one edition of the web site (site.Build).
	Site SiteBuilder
	// Downloads are the formats /downloads/ offers (the EPUB and the PDF).
	Downloads []layouts.Layout
	Book      book.Options
	Render    layouts.Options // Edition is ignored: the site has both, downloads too
	// Log receives a line per build and the diagnostics of each build that
	// has any; nil discards them.
	Log io.Writer
}

// A SiteBuilder renders one edition's web site of an opened book: each
// file's path, relative to the site's folder, to its bytes.
type SiteBuilder func(ctx context.Context, b *book.Book, opt layouts.Options, ed layouts.Edition) (map[string][]byte, diag.List, error)

// Server is the live preview of one project.
type Server struct {
	opt Options
	log io.Writer
	// build makes the next generation from the sources; a field so that
	// tests can count and stall builds.
	build func(ctx context.Context, prev *generation) *generation

	mu  sync.Mutex
	cur *generation

	// anyHost lets requests name the server by any host, not only
	// loopback names: set when it listens beyond the loopback interface.
	anyHost bool

	pending chan struct{} // holds one token when a rebuild is wanted
	quit    chan struct{} // closed when the server shuts down: event streams end
}

// settle is how long a rebuild waits after the first change it sees: an
// editor saves a file in several steps (write, chmod, rename), which one
// build then covers.
const settle = 15 * time.Millisecond

// New makes a server for a project. Nothing is built until Serve.
func New(opt Options) *Server {
	s := &Server{opt: opt, log: opt.Log, pending: make(chan struct{}, 1), quit: make(chan struct{})}
	if s.log == nil {
		s.log = io.Discard
	}
	s.build = s.buildSite
	return s
}

// Serve builds the site, then serves it on l until ctx is done, rebuilding
// whenever a source changes; then it stops accepting, ends the event
// streams and waits up to five seconds for requests under way.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if a, ok := l.Addr().(*net.TCPAddr); ok && !a.IP.IsLoopback() {
		s.anyHost = true
	}
	s.rebuild(ctx)
	var wg sync.WaitGroup
	if s.opt.Dir != "" {
		w, err := watch(s.opt.Dir, s.Changed, s.log)
		if err != nil {
			return err
		}
		defer w.Close()
	}
	wg.Go(func() { s.rebuildLoop(ctx) })
	defer wg.Wait()

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	srv.RegisterOnShutdown(func() { close(s.quit) })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop, cancelStop := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelStop()
	if err := srv.Shutdown(stop); err != nil {
		return fmt.Errorf("stopping the server: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Changed asks for a rebuild. However often it is called, at most one
// build runs and one more waits: the waiting one reads the sources as they
// are when it starts, so it covers every change made meanwhile.
func (s *Server) Changed() {
	select {
	case s.pending <- struct{}{}:
	default:
	}
}

func (s *Server) rebuildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.pending:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(settle):
		}
		select { // changes seen while settling are read by this build
		case <-s.pending:
		default:
		}
		s.rebuild(ctx)
	}
}

// rebuild makes the next generation and tells the open pages.
func (s *Server) rebuild(ctx context.Context) {
	g := s.build(ctx, s.current())
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	prev := s.cur
	s.cur = g
	s.mu.Unlock()
	if prev != nil {
		close(prev.replaced)
	}
}

// current is the latest generation; nil before the first build.
func (s *Server) current() *generation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}
