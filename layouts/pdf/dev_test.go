package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/sources"
)

func TestDevRender(t *testing.T) {
	b, d := book.Load(sources.FS())
	d.Append(book.Check(b, book.CheckOptions{Draft: true}))
	for _, x := range d {
		t.Log(x)
	}
	start := time.Now()
	files, diags, err := New().Render(context.Background(), b, layouts.Options{Edition: layouts.All, Paper: os.Getenv("PAPER"), Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	t.Log("render", time.Since(start))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range diags {
		t.Log(x)
	}
	for _, f := range files {
		p := filepath.Join("/tmp/pdfout", f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
		t.Log(f.Path, f.Pages, len(f.Data))
	}
}
