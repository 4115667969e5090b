package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
)

// The URL space: each edition's site below its own prefix, the downloads,
// and the preview's own files, which no site path can shadow.
const (
	teacherPrefix  = "/teacher/"
	studentPrefix  = "/student/"
	downloadPrefix = "/downloads/"
	ownPrefix      = "/_companion/"
	eventsPath     = ownPrefix + "events"
)

//go:embed live.js live.css
var own embed.FS

// Handler answers the preview's requests: GET and HEAD only, for paths that
// name something built.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store") // a reload must show the latest build
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "The preview only answers GET and HEAD.", http.StatusMethodNotAllowed)
		return
	}
	if !s.anyHost && !loopbackHost(r.Host) {
		// A page elsewhere can point a name of its own at 127.0.0.1 (DNS
		// rebinding) and read the teacher edition; a browser sends that
		// name as the Host.
		http.Error(w, "The preview answers only to localhost, 127.0.0.1 and [::1]; start it with --host to share it.", http.StatusForbidden)
		return
	}
	p, ok := sitePath(r)
	if !ok {
		http.Error(w, "The path leaves the site or hides a slash in an escape; ask for a page of the site.", http.StatusBadRequest)
		return
	}
	g := s.current()
	if g == nil {
		http.Error(w, "The first build has not finished; reload in a moment.", http.StatusServiceUnavailable)
		return
	}
	switch {
	case p == "/":
		http.Redirect(w, r, teacherPrefix, http.StatusFound)
	case p == eventsPath:
		s.events(w, r, g)
	case strings.HasPrefix(p, ownPrefix):
		serveOwn(w, r, strings.TrimPrefix(p, ownPrefix))
	case p == strings.TrimSuffix(downloadPrefix, "/") || p == strings.TrimSuffix(teacherPrefix, "/") || p == strings.TrimSuffix(studentPrefix, "/"):
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
	case strings.HasPrefix(p, downloadPrefix):
		s.download(w, r, g, strings.TrimPrefix(p, downloadPrefix))
	case strings.HasPrefix(p, teacherPrefix):
		s.page(w, r, g, layouts.Teacher, strings.TrimPrefix(p, teacherPrefix))
	case strings.HasPrefix(p, studentPrefix):
		s.page(w, r, g, layouts.Student, strings.TrimPrefix(p, studentPrefix))
	default:
		http.Error(w, "Nothing is built at this address; the site is at /teacher/ and /student/.", http.StatusNotFound)
	}
}

// sitePath is the request's path if it stays inside what the server
// builds: no "." or ".." segment, no empty segment, no backslash, no NUL,
// and no slash or backslash hidden in an escape (%2F, %5C), which would
// make one segment look like two to a later reader.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return "", false
		}
	}
	return p, true
}

// loopbackHost reports whether a Host header names this machine's
// loopback interface.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	data, err := own.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// page serves a file of an edition's site; an HTML page gets the preview's
// bar and script.
func (s *Server) page(w http.ResponseWriter, r *http.Request, g *generation, ed layouts.Edition, rel string) {
	if g.site == nil {
		// No build has succeeded yet: a page that shows the errors and
		// reloads itself when they are fixed.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(preview(blankPage("The project has errors"), g, ed, ""))
		return
	}
	files := g.site[ed]
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	} else if _, ok := files[rel+"/index.html"]; ok {
		http.Redirect(w, r, path.Base(rel)+"/", http.StatusMovedPermanently)
		return
	}
	data, ok := files[rel]
	if !ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(preview(blankPage("No such page in the "+string(ed)+" edition"), g, ed, ""))
		return
	}
	if isHTML(rel) {
		data = preview(data, g, ed, rel)
	}
	http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
}

func isHTML(name string) bool {
	ext := path.Ext(name)
	return ext == ".html" || ext == ".htm" || ext == ".xhtml"
}

// blankPage stands in for a page the site does not have.
func blankPage(title string) []byte {
	t := html.EscapeString(title)
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + t +
		`</title></head><body><main><h1>` + t + `</h1><p><a href="/teacher/">Teacher edition</a> · <a href="/student/">Student edition</a></p></main></body></html>`)
}

// preview adds to a page what the preview needs: its style sheet, a bar
// with the link to the same page in the other edition and to the
// downloads, and the script that reloads the page and shows errors. The
// page's Content-Security-Policy is widened just enough to allow them.
func preview(page []byte, g *generation, ed layouts.Edition, rel string) []byte {
	other, label := studentPrefix, "Student view"
	if ed == layouts.Student {
		other, label = teacherPrefix, "Teacher view"
	}
	otherEd := layouts.Student
	if ed == layouts.Student {
		otherEd = layouts.Teacher
	}
	if _, ok := g.site[otherEd][rel]; ok && !strings.HasSuffix(rel, "index.html") {
		other += rel
	} else if ok {
		other += strings.TrimSuffix(rel, "index.html")
	}
	head := `<link rel="stylesheet" href="` + ownPrefix + `live.css">`
	bar := fmt.Sprintf(`<aside class="companion-preview" aria-label="Preview"><a href="%s">%s</a> <a href="%s">Downloads</a></aside>`+
		`<script src="%slive.js" data-site="%d"></script>`, html.EscapeString(other), label, downloadPrefix, ownPrefix, g.siteN)
	out := allowPreview(page)
	out = insertBefore(out, "</head>", head)
	return insertBefore(out, "</body>", bar)
}

// insertBefore puts s before the last occurrence of tag (any case), or
// at the end when there is none.
func insertBefore(page []byte, tag, s string) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte(tag))
	if i < 0 {
		i = len(page)
	}
	return slices.Concat(page[:i], []byte(s), page[i:])
}

// event is what the event stream tells the pages after each build.
type event struct {
	Build  int               `json:"build"`
	Site   int               `json:"site"` // the build the site is from
	Errors []diag.Diagnostic `json:"errors"`
}

// events streams a message per build (Server-Sent Events), starting with
// the current one, until the page goes or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request, g *generation) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "This connection cannot stream events.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	if r.Method == http.MethodHead {
		return
	}
	for {
		msg, err := json.Marshal(event{Build: g.n, Site: g.siteN, Errors: nonNil(g.errors())})
		if err != nil {
			panic(err) // diagnostics are plain strings and numbers
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", msg); err != nil {
			return
		}
		flusher.Flush()
		select {
		case <-g.replaced:
			g = s.current()
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		}
	}
}

func nonNil(d diag.List) diag.List {
	if d == nil {
		return diag.List{}
	}
	return d
}
