package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/cite"
)

func newRefsCmd(e *env) *cobra.Command {
	var style string
	var markdown, html bool
	c := &cobra.Command{
		Use:   "refs [PROJECT]",
		Short: "Print the works cited, one entry a line",
		Long: `Refs prints the project's works cited (every cited work and the work
studied), formatted in the project's citation style or --style, one entry a
line, ready to paste into a syllabus: as plain text, or with --markdown as
pandoc's Markdown (*italic*, **bold**, ^superscript^, ~subscript~,
[small caps]{.smallcaps}, [underline]{.underline}, escaping only what
Markdown would read as markup), or with --html as HTML (<i>, <b>, <sup>,
<sub>, small caps and underline as inline styles; escaped).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if markdown && html {
				return usageError{fmt.Errorf("--markdown and --html: choose one")}
			}
			form := cite.Text.Plain
			switch {
			case markdown:
				form = cite.Text.Markdown
			case html:
				form = cite.Text.HTML
			}
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
				// what the style sets apart (a numbered style's "[1]", an
				// author as a heading) leads or follows on the same line
				fmt.Fprintln(e.stdout, form(entry.Line()))
			}
			return nil
		},
	}
	c.Flags().StringVar(&style, "style", "", "citation style, as citation-style takes it: mla, mla-notes, apa, chicago, chicago-notes,\nchicago-shortened-notes, harvard, ieee, ama, vancouver, or a .csl file in the project (default: the project's)")
	c.Flags().BoolVar(&markdown, "markdown", false, "print Markdown")
	c.Flags().BoolVar(&html, "html", false, "print HTML")
	return c
}
