package serve

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/site"
)

// fakeSite stands in for the web site: an index, a page per chapter with
// its title and Markdown, and for teachers a page the student site lacks.
// Its pages carry the strict Content-Security-Policy the site has, so that
// the tests show the preview's files still load.
type fakeSite struct{ renders atomic.Int32 }

const fakeCSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'">`

func (f *fakeSite) build(_ context.Context, b *book.Book, _ layouts.Options, ed layouts.Edition) (map[string][]byte, diag.List, error) {
	f.renders.Add(1)
	files := map[string][]byte{}
	add := func(p, title, body string) {
		files[p] = []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` + fakeCSP +
			`<title>` + html.EscapeString(title) + `</title></head><body><main>` + body + `</main></body></html>`)
	}
	index := `<h1>` + html.EscapeString(b.Title) + `</h1><ul>`
	for _, c := range b.Chapters {
		index += `<li><a href="chapters/` + c.ID + `.html">` + html.EscapeString(c.Title) + `</a></li>`
		add("chapters/"+c.ID+".html", c.Title, `<h1>`+html.EscapeString(c.Title)+`</h1><pre>`+html.EscapeString(c.Body.Source)+`</pre>`)
	}
	add("index.html", b.Title, index+`</ul>`)
	if ed == layouts.Teacher {
		add("guidance.html", "Guidance", `<h1>Guidance</h1>`)
	}
	files["site.css"] = []byte("body { margin: 0 }\n")
	return files, nil, nil
}

// project copies the project companion init makes into a new folder.
func project(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../cmd/companion/skeleton")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newServer is a server of the project in dir with the fake site, built
// once.
func newServer(t testing.TB, dir string, downloads ...layouts.Layout) (*Server, *fakeSite) {
	t.Helper()
	site := &fakeSite{}
	return serverOf(t, dir, site.build, downloads...), site
}

// newSiteServer is a server of the project in dir with the real site,
// built once.
func newSiteServer(t testing.TB, dir string) *Server {
	t.Helper()
	return serverOf(t, dir, func(ctx context.Context, b *book.Book, opt layouts.Options, ed layouts.Edition) (map[string][]byte, diag.List, error) {
		return site.Build(ctx, b, opt, ed)
	})
}

func serverOf(t testing.TB, dir string, build SiteBuilder, downloads ...layouts.Layout) *Server {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	s := New(Options{FS: root.FS(), Dir: dir, Site: build, Downloads: downloads})
	s.rebuild(t.Context())
	return s
}

// edit rewrites a project file with old replaced by new.
func edit(t testing.TB, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, old)
	if i < 0 {
		t.Fatalf("%s holds no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(s[:i]+new+s[i+len(old):]), 0o644); err != nil {
		t.Fatal(err)
	}
}
