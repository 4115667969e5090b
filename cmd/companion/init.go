package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// skeleton is the small project `companion init` writes: it builds cleanly
// and shows each feature of the format once.
//
//go:embed skeleton
var skeleton embed.FS

func newInitCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Write a small new project that builds cleanly",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if st, err := os.Stat(dir); err == nil {
				if !st.IsDir() {
					return usageError{fmt.Errorf("%s is a file; init needs a new or empty folder", dir)}
				}
				entries, _ := os.ReadDir(dir)
				if len(entries) > 0 {
					return usageError{fmt.Errorf("%s is not empty; init writes only into a new or empty folder, so nothing is overwritten", dir)}
				}
			}
			root, err := fs.Sub(skeleton, "skeleton")
			if err != nil {
				return err
			}
			err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				target := filepath.Join(dir, filepath.FromSlash(p))
				if d.IsDir() {
					return os.MkdirAll(target, 0o755)
				}
				data, err := fs.ReadFile(root, p)
				if err != nil {
					return err
				}
				return os.WriteFile(target, data, 0o644)
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote a new companion project in %s\nnext: companion build %s\n", dir, dir)
			return nil
		},
	}
}
