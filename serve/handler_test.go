package serve

import (
	"bufio"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/companion-dev/companion/book/diag"
)

// get asks the server for target as a browser on this machine would.
func get(t *testing.T, s *Server, method, target string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1:3000"+target, nil)
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Only what was built is served: no path out of the site, however it is
// spelled, no project file, no listing, no method but GET and HEAD, and
// no host name but loopback's (DNS rebinding).
func TestRefusals(t *testing.T) {
	s, _ := newServer(t, project(t))
	for _, tc := range []struct {
		method, target string
		host           string // "" : 127.0.0.1:3000
		status         int
	}{
		{method: "POST", target: "/teacher/", status: 405},
		{method: "PUT", target: "/teacher/index.html", status: 405},
		{method: "DELETE", target: "/teacher/index.html", status: 405},
		{method: "OPTIONS", target: "/teacher/", status: 405},
		{method: "GET", target: "/teacher/../companion.yaml", status: 400},
		{method: "GET", target: "/teacher/./index.html", status: 400},
		{method: "GET", target: "/teacher/%2e%2e/companion.yaml", status: 400},
		{method: "GET", target: "/teacher/chapters%2f..%2f..%2fcompanion.yaml", status: 400},
		{method: "GET", target: "/teacher/chapters%2F01-introduction.html", status: 400},
		{method: "GET", target: "/teacher/..%5ccompanion.yaml", status: 400},
		{method: "GET", target: `/teacher/..\companion.yaml`, status: 400},
		{method: "GET", target: "/teacher/index.html%00.css", status: 400},
		{method: "GET", target: "/teacher//index.html", status: 400},
		{method: "GET", target: "//etc/passwd", status: 400},
		{method: "GET", target: "/companion.yaml", status: 404},
		{method: "GET", target: "/chapters/01-introduction.md", status: 404},
		{method: "GET", target: "/teacher/companion.yaml", status: 404},
		{method: "GET", target: "/teacher/chapters/", status: 404}, // a folder without an index is not listed
		{method: "GET", target: "/_companion/serve.go", status: 404},
		{method: "GET", target: "/teacher/", host: "evil.example", status: 403},
		{method: "GET", target: "/teacher/", host: "127.0.0.1.evil.example:3000", status: 403},
		{method: "GET", target: "/teacher/", host: "localhost:3000", status: 200},
		{method: "GET", target: "/teacher/", host: "[::1]:3000", status: 200},
	} {
		r := httptest.NewRequest(tc.method, tc.target, nil) // read as a server reads a request line
		r.Host = cmp.Or(tc.host, "127.0.0.1:3000")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		if w.Code != tc.status {
			t.Errorf("%s %s (Host %s): %d %s, want %d", tc.method, tc.target, r.Host, w.Code, strings.TrimSpace(w.Body.String()), tc.status)
		}
		if w.Code == 405 && w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q, want GET, HEAD", tc.method, tc.target, w.Header().Get("Allow"))
		}
		if w.Code != 200 && strings.Contains(w.Body.String(), "title: Frankenstein") {
			t.Errorf("%s %s: the answer holds the manifest", tc.method, tc.target)
		}
	}
}

// Each edition is served below its own prefix, the teacher's by default;
// every page carries the preview's bar with the same page in the other
// edition (or its front page, when the other has no such page) and the
// script that reloads it.
func TestPages(t *testing.T) {
	s, _ := newServer(t, project(t))
	res := get(t, s, "GET", "/")
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "/teacher/" {
		t.Fatalf("/: %d to %q, want 302 to /teacher/", res.StatusCode, res.Header.Get("Location"))
	}
	for _, tc := range []struct {
		target string
		status int
		want   []string
	}{
		{"/teacher/", 200, []string{"<h1>Frankenstein</h1>", `<a href="/student/">Student view</a>`, `<script src="/_companion/live.js" data-site="1"></script></body>`, `<link rel="stylesheet" href="/_companion/live.css"></head>`}},
		{"/student/", 200, []string{`<a href="/teacher/">Teacher view</a>`}},
		{"/teacher/chapters/introduction.html", 200, []string{"<h1>Introduction</h1>", `<a href="/student/chapters/introduction.html">Student view</a>`}},
		{"/student/chapters/introduction.html", 200, []string{`<a href="/teacher/chapters/introduction.html">Teacher view</a>`}},
		{"/teacher/guidance.html", 200, []string{`<a href="/student/">Student view</a>`}},
		{"/student/guidance.html", 404, []string{"No such page in the student edition", "live.js"}},
		{"/teacher/site.css", 200, []string{"body { margin: 0 }"}},
		{"/_companion/live.js", 200, []string{"EventSource"}},
	} {
		res := get(t, s, "GET", tc.target)
		text := body(t, res)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", tc.target, res.StatusCode, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", tc.target, w, text)
			}
		}
	}
	for target, want := range map[string]string{
		"/teacher/":           "text/html; charset=utf-8",
		"/teacher/site.css":   "text/css; charset=utf-8",
		"/_companion/live.js": "text/javascript; charset=utf-8",
	} {
		if got := get(t, s, "GET", target).Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", target, got, want)
		}
	}
	head := get(t, s, "HEAD", "/teacher/")
	if b := body(t, head); head.StatusCode != 200 || b != "" || head.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD /teacher/: %d, %d bytes of body, Content-Length %q; want 200, none, the page's", head.StatusCode, len(b), head.Header.Get("Content-Length"))
	}
	if cc := head.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store: a reload must not show a cached page", cc)
	}
	if got := get(t, s, "GET", "/teacher/chapters/introduction.html"); !strings.Contains(body(t, got), `default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'`) {
		t.Error("the page's Content-Security-Policy was not widened for the preview's script, style sheet and events")
	}
}

// A build with errors keeps the last good site and tells the pages its
// errors, each with its place and hint; the fix brings a newer site.
func TestErrorsKeepTheLastGoodSite(t *testing.T) {
	dir := project(t)
	s, _ := newServer(t, dir)
	edit(t, dir, "chapters/01-introduction.md", "title: Introduction", "title: Introduction: a start")
	s.rebuild(t.Context())

	page := body(t, get(t, s, "GET", "/teacher/chapters/introduction.html"))
	if !strings.Contains(page, "<h1>Introduction</h1>") || !strings.Contains(page, `data-site="1"`) {
		t.Errorf("with errors, the page is not the last good one (build 1):\n%s", page)
	}
	ev := firstEvent(t, s)
	if ev.Build != 2 || ev.Site != 1 || len(ev.Errors) == 0 {
		t.Fatalf("event %+v, want build 2, site 1 and the errors", ev)
	}
	e := ev.Errors[0]
	if e.Pos.File != "chapters/01-introduction.md" || e.Pos.Line != 2 || e.Pos.Col == 0 || e.Severity != "error" || e.Message == "" || e.Hint == "" {
		t.Errorf("error %+v, want one at chapters/01-introduction.md:2:N with a message and a hint", e)
	}

	edit(t, dir, "chapters/01-introduction.md", "title: Introduction: a start", `title: "Introduction: a start"`)
	s.rebuild(t.Context())
	if ev := firstEvent(t, s); ev.Build != 3 || ev.Site != 3 || len(ev.Errors) != 0 {
		t.Errorf("after the fix, event %+v, want build 3, site 3, no errors", ev)
	}
	if page := body(t, get(t, s, "GET", "/teacher/chapters/introduction.html")); !strings.Contains(page, "<h1>Introduction: a start</h1>") {
		t.Errorf("after the fix, the page is not the new one:\n%s", page)
	}
}

// Before any build succeeds, a page shows the errors and waits.
func TestFirstBuildFails(t *testing.T) {
	dir := project(t)
	edit(t, dir, "companion.yaml", "title: Frankenstein", "title: [Frankenstein")
	s, _ := newServer(t, dir)
	res := get(t, s, "GET", "/teacher/")
	if text := body(t, res); res.StatusCode != 503 || !strings.Contains(text, "The project has errors") || !strings.Contains(text, `data-site="0"`) {
		t.Errorf("/teacher/ with no good build: %d\n%s", res.StatusCode, text)
	}
	if ev := firstEvent(t, s); len(ev.Errors) == 0 || ev.Errors[0].Pos.File != "companion.yaml" {
		t.Errorf("event %+v, want the manifest's error", ev)
	}
}

// The event stream sends the state at once and again after each build.
func TestEventsFollowBuilds(t *testing.T) {
	s, _ := newServer(t, project(t))
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	r := bufio.NewReader(res.Body)
	if ev := readEvent(t, r); ev.Build != 1 || ev.Site != 1 {
		t.Fatalf("first event %+v, want build 1", ev)
	}
	s.rebuild(t.Context())
	if ev := readEvent(t, r); ev.Build != 2 || ev.Site != 2 {
		t.Fatalf("second event %+v, want build 2", ev)
	}
}

// sent is an event as a page reads it.
type sent struct {
	Build  int `json:"build"`
	Site   int `json:"site"`
	Errors []struct {
		Pos      diag.Pos `json:"pos"`
		Severity string   `json:"severity"`
		Message  string   `json:"message"`
		Hint     string   `json:"hint"`
	} `json:"errors"`
}

// firstEvent is the message a page gets when it connects.
func firstEvent(t *testing.T, s *Server) sent {
	t.Helper()
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return readEvent(t, bufio.NewReader(res.Body))
}

func readEvent(t *testing.T, r *bufio.Reader) sent {
	t.Helper()
	type line struct {
		s   string
		err error
	}
	c := make(chan line, 1)
	go func() {
		for {
			s, err := r.ReadString('\n')
			if err != nil || strings.HasPrefix(s, "data: ") {
				c <- line{s, err}
				return
			}
		}
	}()
	select {
	case l := <-c:
		if l.err != nil {
			t.Fatal(l.err)
		}
		var ev sent
		if err := json.Unmarshal([]byte(strings.TrimPrefix(l.s, "data: ")), &ev); err != nil {
			t.Fatalf("%q: %v", l.s, err)
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event in 10 s")
	}
	return sent{}
}
