package serve

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts"
)

// A generation is what one build of the sources gave: its diagnostics and,
// if it had no errors, its book and site. A build with errors keeps the
// last good site, so that the pages go on showing it under the errors.
type generation struct {
	n     int       // 1 for the first build
	diags diag.List // sorted
	book  *book.Book
	opt   layouts.Options // as Resolve gave them for book

	// site is the last good site, by edition and then by path below the
	// edition's folder; siteN is the generation that built it (0: none).
	site  map[layouts.Edition]map[string][]byte
	siteN int

	downloads downloads

	replaced chan struct{} // closed when a newer generation takes over
}

// ok reports whether this generation's sources built without errors.
func (g *generation) ok() bool { return g.book != nil }

// errors are the diagnostics that kept the generation from building.
func (g *generation) errors() diag.List {
	var out diag.List
	for _, d := range g.diags {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// buildSite opens the project and renders its site.
func (s *Server) buildSite(ctx context.Context, prev *generation) *generation {
	start := time.Now()
	g := &generation{n: 1, replaced: make(chan struct{})}
	if prev != nil {
		g.n = prev.n + 1
		g.site, g.siteN = prev.site, prev.siteN
	}
	b, d := book.Open(s.opt.FS, s.opt.Book)
	if !d.HasErrors() {
		opt := s.opt.Render
		opt.Edition = layouts.All
		opt = layouts.Resolve(b, opt)
		site, rd, err := s.sites(ctx, b, opt)
		d.Append(rd)
		if err != nil {
			d.Errorf(diag.Pos{}, "the site could not be made: %v", err)
		} else {
			g.book, g.opt = b, opt
			g.site, g.siteN = site, g.n
		}
	}
	g.diags = d.Sort()
	s.report(g, time.Since(start))
	return g
}

// sites renders both editions' sites at once.
func (s *Server) sites(ctx context.Context, b *book.Book, opt layouts.Options) (map[layouts.Edition]map[string][]byte, diag.List, error) {
	eds := []layouts.Edition{layouts.Teacher, layouts.Student}
	files := make([]map[string][]byte, len(eds))
	diags := make([]diag.List, len(eds))
	err := parallel.ForEach(ctx, len(eds), func(i int) error {
		var err error
		files[i], diags[i], err = s.opt.Site(ctx, b, opt, eds[i])
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	site := map[layouts.Edition]map[string][]byte{}
	var d diag.List
	for i, ed := range eds {
		site[ed] = files[i]
		d.Append(diags[i])
	}
	return site, d, nil
}

// report logs a build as the terminal shows it.
func (s *Server) report(g *generation, took time.Duration) {
	g.diags.Write(s.log)
	nerr, nwarn := g.diags.Count()
	switch {
	case nerr > 0:
		fmt.Fprintf(s.log, "build %d: %d %s; the pages show them over the last good site\n", g.n, nerr, plural(nerr, "error", "errors"))
	case nwarn > 0:
		fmt.Fprintf(s.log, "build %d: built in %s (%d %s)\n", g.n, took.Round(time.Millisecond), nwarn, plural(nwarn, "warning", "warnings"))
	default:
		fmt.Fprintf(s.log, "build %d: built in %s\n", g.n, took.Round(time.Millisecond))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// downloads are the EPUB and PDF files of one generation, made the first
// time someone asks for them.
type downloads struct {
	once  sync.Once
	files []layouts.File
	err   error
}

// downloadsOf renders the generation's downloads, once; their warnings go
// to the log, as a build's do.
func (s *Server) downloadsOf(ctx context.Context, g *generation) ([]layouts.File, error) {
	g.downloads.once.Do(func() {
		type result struct {
			files []layouts.File
			diags diag.List
			err   error
		}
		results := make([]result, len(s.opt.Downloads))
		var wg sync.WaitGroup
		for i, l := range s.opt.Downloads {
			wg.Go(func() {
				// Rendered with the server's context, not the request's:
				// the files are kept for every later request of this
				// generation, so one closed tab must not spoil them.
				files, d, err := layouts.Collect(context.WithoutCancel(ctx), l, g.book, g.opt)
				if err != nil {
					err = fmt.Errorf("%s: %w", l.Name(), err)
				}
				results[i] = result{files, d, err}
			})
		}
		wg.Wait()
		var d diag.List
		for _, r := range results {
			d.Append(r.diags)
			g.downloads.files = append(g.downloads.files, r.files...)
			if r.err != nil && g.downloads.err == nil {
				g.downloads.err = r.err
			}
		}
		d.Sort().Write(s.log)
	})
	return g.downloads.files, g.downloads.err
}
