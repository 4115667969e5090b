package needs

import (
	"fmt"
	"strings"
	"testing"
)

// ended records how Missing ended a test, without ending this one.
type ended struct {
	testing.TB
	fatal, skip string
}

func (e *ended) Helper()           {}
func (e *ended) Fatal(args ...any) { e.fatal = fmt.Sprint(args...) }
func (e *ended) Skip(args ...any)  { e.skip = fmt.Sprint(args...) }

// TestMissingFailsInCI: a tool that is not there skips a test, except
// under CI=true, where it fails it; a tool that is there is found.
func TestMissingFailsInCI(t *testing.T) {
	const absent = "companion-no-such-tool"
	for _, tc := range []struct {
		ci          string
		fails, skip bool
	}{
		{"true", true, false},
		{"", false, true},
		{"false", false, true},
	} {
		t.Setenv("CI", tc.ci)
		e := &ended{TB: t}
		if p := Tool(e, absent, "apt-get install nothing"); p != "" {
			t.Errorf("CI=%q: found %s at %q", tc.ci, absent, p)
		}
		if (e.fatal != "") != tc.fails || (e.skip != "") != tc.skip {
			t.Errorf("CI=%q: failed with %q, skipped with %q; want failed %v, skipped %v", tc.ci, e.fatal, e.skip, tc.fails, tc.skip)
		}
		if msg := e.fatal + e.skip; msg == "" || !strings.Contains(msg, absent) || !strings.Contains(msg, "apt-get install nothing") {
			t.Errorf("CI=%q: %q does not say what is missing and how to install it", tc.ci, msg)
		}
	}
	e := &ended{TB: t}
	if p := Tool(e, "go", "https://go.dev/dl"); p == "" || e.fatal != "" || e.skip != "" {
		t.Errorf("go: path %q, failed %q, skipped %q", p, e.fatal, e.skip)
	}
}
