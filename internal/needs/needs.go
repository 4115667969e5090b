// Package needs is how a test says it needs a tool outside Go (a
// validator, poppler, qpdf): without it the test skips on a developer's
// machine, but fails under CI=true, where .ci/run installs every tool
// the tests run, so that a check never passes there by not running.
package needs

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Tool is the path of the program name, found on PATH; install says how
// to get it ("apt-get install qpdf").
func Tool(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, fmt.Sprintf("%s is not installed (%s)", name, install))
	}
	return p
}

// Missing ends a test that lacks what it needs; msg says what and how to
// get it. It skips the test, or fails it under CI=true.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI must run this test, and .ci/run installs what it needs")
	} else {
		t.Skip(msg + "; CI runs this test")
	}
}
