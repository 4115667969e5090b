package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion/book"
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
			p, err := openProject(e, args)
			if err != nil {
				return err
			}
			defer p.Close()
			b, d := book.Open(p.FS, book.Options{Draft: true, Style: style})
			if d.HasErrors() {
				d.Write(e.stderr)
				return exitError{exitProject}
			}
			for _, entry := range b.WorksCited() {
				// a numbered style's number ("[1]") is set apart in
				// the margin; on one line it leads the entry
				if entry.Margin != nil {
					fmt.Fprint(e.stdout, entry.Margin.Markdown(), " ")
				}
				fmt.Fprintln(e.stdout, entry.Text.Markdown())
			}
			return nil
		},
	}
	c.Flags().StringVar(&style, "style", "", "citation style, as citation-style takes it: mla, mla-notes, apa, chicago, chicago-notes,\nchicago-shortened-notes, harvard, ieee, ama, vancouver, or a .csl file in the project (default: the project's)")
	return c
}
