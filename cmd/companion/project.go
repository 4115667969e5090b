package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/companion-dev/companion"
	"github.com/companion-dev/companion/book"
)

// openProject finds the project a command works on: the PROJECT argument,
// else ./companion.yaml, else the bundled companion (said on stderr).
func openProject(e *env, args []string) (*companion.Project, error) {
	dir := ""
	if len(args) == 1 {
		dir = args[0]
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			if err == nil && filepath.Base(dir) == book.ManifestFile {
				dir = filepath.Dir(dir) // companion.yaml given instead of its folder
			} else {
				return nil, usageError{fmt.Errorf("PROJECT %s is not a folder", dir)}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, book.ManifestFile)); err != nil {
			return nil, usageError{fmt.Errorf("%s holds no %s; PROJECT is a folder holding companion.yaml", dir, book.ManifestFile)}
		}
	} else if _, err := os.Stat(book.ManifestFile); err == nil {
		dir = "."
	}
	if dir == "" {
		fmt.Fprintln(e.stderr, "companion: no PROJECT and no ./companion.yaml: using the bundled Never Let Me Go companion")
		return companion.Bundled(), nil
	}
	return companion.Open(dir)
}
