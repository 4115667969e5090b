package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/epub"
	"github.com/companion-dev/companion/layouts/pdf"
	"github.com/companion-dev/companion/layouts/site"
	"github.com/companion-dev/companion/serve"
)

type serveOptions struct {
	host                string
	port                int
	open, draft, strict bool
}

func newServeCmd(e *env) *cobra.Command {
	o := &serveOptions{}
	c := &cobra.Command{
		Use:   "serve [PROJECT]",
		Short: "Preview the web site, rebuilt on every save",
		Long: `Serve builds the project's web site in memory and serves it at
http://127.0.0.1:3000/: the teacher edition, with a link on every page to
the same page in the student edition. On every save it rebuilds and the
open pages reload at the same place; while the project has errors, the
pages show them (file:line:col, what is wrong, what to do) over the last
page that built. /downloads/ offers the EPUB and PDF of the sources as they
are. Nothing is written to disk. Ctrl-C stops it.

It answers only this machine unless --host names an address others can
reach (e.g. --host 0.0.0.0 to share it on your network, teacher edition
included).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runServe(cmd.Context(), e, o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.host, "host", "127.0.0.1", "the address to listen on; 0.0.0.0 shares the preview with your network")
	f.IntVar(&o.port, "port", 3000, "the port to listen on; 0 takes any free port")
	f.BoolVar(&o.open, "open", false, "open the preview in the default browser")
	f.BoolVar(&o.draft, "draft", false, "allow unverified quotes, as build --draft does")
	f.BoolVar(&o.strict, "strict", false, "treat standards no question serves as errors, as check --strict does")
	return c
}

func runServe(ctx context.Context, e *env, o *serveOptions, args []string) error {
	if o.port < 0 || o.port > 65535 {
		return usageError{fmt.Errorf("--port %d: use a port from 1 to 65535, or 0 for any free port", o.port)}
	}
	if o.host == "" {
		return usageError{errors.New("--host is empty: use 127.0.0.1 (this machine only) or an address of this machine, e.g. 0.0.0.0")}
	}
	date, err := sourceDate(e)
	if err != nil {
		return usageError{err}
	}
	p, err := openProject(e, args)
	if err != nil {
		return err
	}
	defer p.Close()
	l, err := net.Listen("tcp", net.JoinHostPort(o.host, strconv.Itoa(o.port)))
	if errors.Is(err, syscall.EADDRINUSE) {
		return usageError{fmt.Errorf("port %d is in use, perhaps by another companion serve: choose another with --port", o.port)}
	}
	if err != nil {
		return usageError{fmt.Errorf("cannot listen on %s port %d: %w", o.host, o.port, err)}
	}
	url := "http://" + l.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "serving the teacher edition at %s (the student edition at %sstudent/); Ctrl-C stops\n", url, url)
	if a, ok := l.Addr().(*net.TCPAddr); ok && !a.IP.IsLoopback() {
		fmt.Fprintln(e.stderr, "companion: --host "+o.host+" shares the preview, teacher edition included, with anyone who can reach this machine")
	}
	if o.open {
		openBrowser(e, url)
	}
	s := serve.New(serve.Options{
		FS:        p.FS,
		Dir:       p.Dir,
		Site:      buildSite,
		Downloads: []layouts.Layout{epub.New(), pdf.New()},
		Book:      book.Options{Draft: o.draft, Strict: o.strict},
		Render:    layouts.Options{Draft: o.draft, Date: date, Version: version()},
		Log:       e.stderr,
	})
	if err := s.Serve(ctx, l); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, "companion: stopped")
	return nil
}

// buildSite is the web site as the html format writes it.
func buildSite(ctx context.Context, b *book.Book, opt layouts.Options, ed layouts.Edition) (map[string][]byte, diag.List, error) {
	return site.Build(ctx, b, opt, ed)
}

// openBrowser asks the desktop to open url; a failure is only reported,
// since the preview works without it.
func openBrowser(e *env, url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.stderr, "companion: cannot open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait() // reap it
}
