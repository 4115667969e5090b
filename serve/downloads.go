package serve

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"path"
	"strings"
	"time"
)

// download serves /downloads/: the list of the EPUB and PDF files of the
// current sources, or one of them. They are made on the first request of
// each build, not on every change: they take far longer than the site.
func (s *Server) download(w http.ResponseWriter, r *http.Request, g *generation, name string) {
	if !g.ok() {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusConflict)
		w.Write(preview(blankPage("The downloads wait for the errors to be fixed"), g, "", ""))
		return
	}
	files, err := s.downloadsOf(r.Context(), g)
	if err != nil {
		http.Error(w, fmt.Sprintf("The downloads could not be made: %v", err), http.StatusInternalServerError)
		return
	}
	if name == "" {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Downloads</title>`)
		b.WriteString(`<link rel="stylesheet" href="` + ownPrefix + `live.css"></head><body class="companion-downloads"><main><h1>Downloads</h1>`)
		fmt.Fprintf(&b, `<p>Made from the sources as build %d read them. <a href="%s">Back to the site</a></p><ul>`, g.n, teacherPrefix)
		for _, f := range files {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> (%s)</li>`, html.EscapeString(f.Path), html.EscapeString(f.Path), size(len(f.Data)))
		}
		b.WriteString(`</ul></main></body></html>`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "index.html", time.Time{}, strings.NewReader(b.String()))
		return
	}
	for _, f := range files {
		if f.Path == name {
			if path.Ext(name) == ".epub" {
				w.Header().Set("Content-Type", "application/epub+zip")
			}
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.Data))
			return
		}
	}
	http.Error(w, "No such download; the list is at "+downloadPrefix+".", http.StatusNotFound)
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
