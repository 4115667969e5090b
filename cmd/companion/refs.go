package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
)

func newRefsCmd(e *env) *cobra.Command {
	var style string
	c := &cobra.Command{
		Use:   "refs [PROJECT]",
		Short: "Print the works cited as Markdown, one entry a line",
		Long: `Refs prints the project's works cited (every cited work and the work
studied), formatted in the project's citation style or --style, one entry a
line, as Markdown with italics as *…*, ready to paste into a syllabus.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var st cite.Style
			if style != "" {
				var ok bool
				if st, ok = cite.ParseStyle(style); !ok {
					return usageError{fmt.Errorf("--style %q: use mla, apa or chicago", style)}
				}
			}
			p, err := openProject(e, args)
			if err != nil {
				return err
			}
			defer p.Close()
			b, d := book.Open(p.FS, book.Options{Draft: true, Style: st})
			if d.HasErrors() {
				d.Write(e.stderr)
				return exitError{exitProject}
			}
			for _, entry := range b.WorksCited() {
				fmt.Fprintln(e.stdout, entry.Text.Markdown())
			}
			return nil
		},
	}
	c.Flags().StringVar(&style, "style", "", "citation style: mla, apa or chicago (default: the project's)")
	return c
}
