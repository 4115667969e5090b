package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// companion serve, as run from the command line: it says where it serves,
// serves the teacher edition of the project's site, and exits 0 when
// interrupted.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("skeleton")); err != nil {
		t.Fatal(err)
	}
	ctx, interrupt := context.WithCancel(t.Context())
	out, w := io.Pipe()
	var stderr lockedBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--port", "0", dir}, w, &stderr)
		w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no line on stdout: %v; stderr:\n%s", err, stderr.String())
	}
	go io.Copy(io.Discard, out)
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if url == "" || !strings.Contains(line, "teacher edition") {
		t.Fatalf("stdout %q names no loopback address", line)
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path != "/teacher/" || !strings.Contains(string(page), "Frankenstein") || !strings.Contains(string(page), "Student view") {
		t.Errorf("%s: %d at %s\n%s", url, res.StatusCode, res.Request.URL, page)
	}

	interrupt()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("interrupted: exit %d, want 0; stderr:\n%s", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of Ctrl-C")
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://")); err == nil {
		t.Error("the port still answers after serve stopped")
	}
}

// lockedBuffer is a Writer that a command and a test may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
