package xhtml_test

import (
	"os"
	"strings"
	"testing"
)

// TestLayersShareNoRule: a rule the EPUB and the site both need is in the
// reading style once, not copied into each output's layer (epub.css,
// site.css), where one copy would drift from the other.
func TestLayersShareNoRule(t *testing.T) {
	rules := func(file string) map[string]bool {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); strings.Contains(line, "{") && strings.HasSuffix(line, "}") {
				out[line] = true
			}
		}
		return out
	}
	site := rules("../site/site.css")
	for rule := range rules("../epub/epub.css") {
		if site[rule] {
			t.Errorf("epub.css and site.css both say %q: move it to reading.css", rule)
		}
	}
}
