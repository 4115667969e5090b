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

// TestLinksTakeTheTextColour: the reading style sets a link in the text's
// colour, marked by its underline, so that in a reading system's night
// theme a link stays as readable as the text around it rather than keep the
// default blue; and it forces no other colour anywhere.
func TestLinksTakeTheTextColour(t *testing.T) {
	data, err := os.ReadFile("reading.css")
	if err != nil {
		t.Fatal(err)
	}
	link := ""
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "a {") {
			link = line
		}
		for _, decl := range strings.Split(line, ";") {
			k, v, ok := strings.Cut(decl, ":")
			k = strings.TrimSpace(k[strings.LastIndex(k, "{")+1:])
			if ok && (k == "color" || k == "background" || k == "background-color") && strings.TrimSpace(v) != "inherit" {
				t.Errorf("reading.css forces a colour: %s", strings.TrimSpace(line))
			}
		}
	}
	if !strings.Contains(link, "color: inherit") || !strings.Contains(link, "text-decoration: underline") {
		t.Errorf("the reading style's links are %q, want the text's colour and an underline", link)
	}
}
