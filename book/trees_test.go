package book_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest/synthetic"
)

// shape describes a tree: every node's kind, the text it holds and, for
// images, where they point.
func shape(n ast.Node, src []byte) (string, []string) {
	var sb strings.Builder
	var images []string
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&sb, "%s", n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&sb, "%q", n.Segment.Value(src))
		case *ast.Image:
			images = append(images, string(n.Destination))
			fmt.Fprintf(&sb, "(%s)", n.Destination)
		case *book.Citation:
			fmt.Fprintf(&sb, "[%s]", n.Source)
		}
		sb.WriteByte(' ')
		return ast.WalkContinue, nil
	})
	return sb.String(), images
}

// TestDropTrees: until DropTrees, Parse is the loader's one tree; after, a
// new tree on each call, the same in every respect, its images pointing at
// the project paths the loader resolved.
func TestDropTrees(t *testing.T) {
	fsys, _ := synthetic.Project(2, 200)
	// written otherwise than its project path, which the loader resolves
	ch := fsys["chapters/0001.md"]
	ch.Data = []byte(strings.ReplaceAll(string(ch.Data), "](images/fig.svg)", "](./images/../images/fig.svg)"))
	b, d := book.Load(fsys)
	d.Append(book.Check(b, book.CheckOptions{}))
	if len(d) > 0 {
		t.Fatal(d)
	}
	body := b.Chapters[1].Body
	if body.Parse() != body.Parse() {
		t.Error("before DropTrees, two calls of Parse gave two trees")
	}
	want, wantImages := shape(body.Parse(), body.Source)
	if len(wantImages) == 0 {
		t.Fatal("the synthetic chapter shows no image")
	}
	b.DropTrees()
	first, second := body.Parse(), body.Parse()
	if first == second {
		t.Error("after DropTrees, two calls of Parse gave the same tree")
	}
	got, images := shape(first, body.Source)
	if got != want {
		t.Errorf("a fresh parse differs from the loader's tree:\n got %s\nwant %s", got, want)
	}
	if !slices.Equal(images, body.Images()) {
		t.Errorf("the tree shows %v, Images lists %v", images, body.Images())
	}
	for _, p := range images {
		if p != "images/fig.svg" || b.Images[p] == nil {
			t.Errorf("the tree shows %s, not the project path of the book's image images/fig.svg", p)
		}
	}
}
