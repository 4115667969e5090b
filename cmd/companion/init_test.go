package main

import (
	"io/fs"
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
)

// TestSkeletonShowsEverySetting: the project `companion init` writes names
// every key of companion.yaml that book/FORMAT.md shows (the optional ones
// commented out, with their values) and every built-in citation style, so
// the two stay consistent; and each commented setting that needs no file of
// its own, once uncommented, still gives a project without a problem.
func TestSkeletonShowsEverySetting(t *testing.T) {
	data, err := fs.ReadFile(skeleton, "skeleton/companion.yaml")
	if err != nil {
		t.Fatal(err)
	}
	skel := string(data)
	format, err := os.ReadFile("../../book/FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(format), "## 2. companion.yaml\n\n```yaml\n")
	block, _, _ = strings.Cut(block, "```")
	keys := regexp.MustCompile(`(?m)^([a-z-]+):`).FindAllStringSubmatch(block, -1)
	if len(keys) < 10 {
		t.Fatalf("found %d keys in FORMAT.md's companion.yaml; has its heading changed?", len(keys))
	}
	for _, k := range keys {
		if !regexp.MustCompile(`(?m)^(# )?` + k[1] + `:`).MatchString(skel) {
			t.Errorf("the skeleton does not mention %s:, which FORMAT.md shows", k[1])
		}
	}
	for _, s := range cite.Styles {
		if !regexp.MustCompile(`[ ,]` + string(s) + `(,|$| )`).MatchString(skel) {
			t.Errorf("the skeleton's citation-style does not list %s", s)
		}
	}

	root, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		t.Fatal(err)
	}
	project := fstest.MapFS{}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		project[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// cover: names an image the skeleton does not have.
	setting := regexp.MustCompile(`(?m)^( *)# ([a-z-]+: .*)$`)
	for _, m := range setting.FindAllStringSubmatch(skel, -1) {
		if strings.HasPrefix(m[2], "cover:") || strings.HasPrefix(m[2], "labels:") {
			continue
		}
		t.Run(strings.Fields(m[2])[0], func(t *testing.T) {
			edited := maps.Clone(project)
			edited["companion.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(skel, m[0], m[1]+m[2], 1))}
			if _, d := book.Open(edited, book.Options{}); len(d) > 0 {
				t.Errorf("uncommented %q:\n%s", m[2], d.Error())
			}
		})
	}
}
