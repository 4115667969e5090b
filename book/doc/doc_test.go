package doc

import (
	"regexp"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/diag"
)

func parse(t *testing.T, src string, opt Options) (*Document, diag.List) {
	t.Helper()
	opt.Pos = func(off int) diag.Pos {
		return diag.Pos{File: "a.md", Line: 1 + strings.Count(src[:off], "\n"), Col: 1 + off - (strings.LastIndex(src[:off], "\n") + 1)}
	}
	return Parse(src, opt)
}

// textOf is the text a layout prints of a document's paragraphs, markup
// left out.
func textOf(d *Document) string {
	var b strings.Builder
	Walk(d, func(n any) bool {
		if t, ok := n.(*Text); ok {
			b.WriteString(t.Text)
		}
		return true
	})
	return b.String()
}

// TestNothingLeftUnread: an image or link whose destination has a space
// is read, with a warning at its place giving the CommonMark form; the
// angle-bracket form is read silently; whatever still looks like unread
// Markdown is warned about. No text is ever left as ![…](…) without a
// word.
func TestNothingLeftUnread(t *testing.T) {
	unread := regexp.MustCompile(`\]\(`)
	for _, tc := range []struct {
		src      string
		image    string // the destination of the one image read, if any
		link     string // likewise for a link
		warnings []string
		literal  bool // brackets escaped on purpose: printed as written, silently
	}{
		{src: "See ![A map](images/salinas river.png) here.", image: "images/salinas river.png",
			warnings: []string{`a.md:1:5: warning: the image path "images/salinas river.png" has a space`}},
		{src: "See ![A map](<images/salinas river.png>) here.", image: "images/salinas river.png"},
		{src: "A [link](chapters/my notes.md).", link: "chapters/my notes.md",
			warnings: []string{`a.md:1:3: warning: the link destination "chapters/my notes.md" has a space`}},
		{src: "Line one\nand ![two](a b.png), ![three](c d.png)", image: "c d.png",
			warnings: []string{`a.md:2:5: warning: the image path "a b.png"`, `a.md:2:22: warning: the image path "c d.png"`}},
		{src: "![A *fine* map](a b.png)", image: "a b.png", warnings: []string{`a.md:1:1: warning: the image path "a b.png" has a space`}},
		{src: "An ![a [b] c](d e.png).", image: "d e.png", warnings: []string{`a.md:1:4: warning: the image path "d e.png" has a space`}},
		{src: "An ![a [b c](d e.png).", link: "d e.png", warnings: []string{`a.md:1:8: warning: the link destination "d e.png" has a space`}},
		{src: "A [link](to nowhere", warnings: []string{`a.md:1:3: warning: "[link](to nowhere" looks like an image or a link that Markdown could not read`}},
		{src: "Code `![a](b c)` is code."},
		{src: "| Map |\n|---|\n| ![x](y z.png) |\n", image: "y z.png", warnings: []string{`a.md:3:3: warning: the image path "y z.png" has a space`}},
		{src: "| Map |\n|---|\n| ![a](c d |\n", warnings: []string{`a.md:3:3: warning: "![a](c d" looks like`}},
		{src: "A plain [bracket] (and parenthesis)."},
		{src: `Write \[text\](address) to make a link.`, literal: true},
		{src: `Or [text\](address), escaping only the bracket.`, literal: true},
		{src: `A backslash, \\[link](to nowhere`, warnings: []string{`a.md:1:16: warning: "[link](to nowhere" looks like`}},
	} {
		d, diags := parse(t, tc.src, Options{})
		var images, links []string
		Walk(d, func(n any) bool {
			switch n := n.(type) {
			case *Image:
				images = append(images, n.Dest)
			case *Link:
				links = append(links, n.Dest)
			}
			return true
		})
		if tc.image != "" && (len(images) == 0 || images[len(images)-1] != tc.image) {
			t.Errorf("%q: images %q, want %q", tc.src, images, tc.image)
		}
		if tc.link != "" && (len(links) == 0 || links[0] != tc.link) {
			t.Errorf("%q: links %q, want %q", tc.src, links, tc.link)
		}
		if len(diags) != len(tc.warnings) {
			t.Errorf("%q: got %v, want %d warnings", tc.src, diags, len(tc.warnings))
			continue
		}
		for i, w := range tc.warnings {
			if !strings.HasPrefix(diags[i].String(), w) {
				t.Errorf("%q: got %s, want %s…", tc.src, diags[i], w)
			}
		}
		if unread.MatchString(textOf(d)) && len(diags) == 0 && !tc.literal {
			t.Errorf("%q: unread Markdown %q without a warning", tc.src, textOf(d))
		}
	}
}

// TestHeadingIDs: ids as GitHub and pandoc make them, ASCII only, unique
// in the document, never a reserved one, at most MaxIDLength long.
func TestHeadingIDs(t *testing.T) {
	long := strings.Repeat("word ", 60)
	src := "# Themes\n\n## Themes\n\n## Ἰθάκη\n\n## 1984\n\n## Notes\n\n## Élodie’s *room*\n\n## " + long + "\n\n## " + long + "\n\n> ## Quoted\n\nA note[^1].\n\n[^1]: ## In a note\n"
	d, _ := parse(t, src, Options{HeadingIDs: true, Reserved: []string{"notes"}})
	var ids []string
	for _, h := range d.Headings() {
		ids = append(ids, h.ID)
	}
	w := strings.TrimSuffix(strings.Repeat("word-", 13), "-")
	want := []string{"themes", "themes-2", "section-3", "s-1984", "notes-2", "elodie-s-room", w, w[:62] + "-2", "quoted", "in-a-note"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids\n got %q\nwant %q", ids, want)
	}
	for _, id := range ids {
		if len(id) > MaxIDLength {
			t.Errorf("%s is %d long", id, len(id))
		}
	}
	if s := d.Sections(); len(s) != 9 {
		t.Errorf("%d sections, want the 9 level-2 headings, those in the quote and the note too", len(s))
	}
}

// TestLinkDefinitions: definitions read as blocks of their own (linkdef.go)
// mean what goldmark's reading means: the first of a label wins, labels
// match without case, a title may follow, a form it does not take (a
// title on the next line) is left to goldmark, and a footnote's
// definition is not a link's.
func TestLinkDefinitions(t *testing.T) {
	src := "[one][] [Two] [three][] [four][] [^n]\n\n" +
		"[one]: https://e.io/1\n[ONE]: https://e.io/dup\n[two]: https://e.io/2 \"Two's title\"\n" +
		"[three]: https://e.io/3\n  'next line'\n[four]: <https://e.io/4>\n\n[^n]: A note.\n"
	d, diags := parse(t, src, Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	Walk(d, func(n any) bool {
		if l, ok := n.(*Link); ok {
			got = append(got, l.Dest+" "+l.Title)
		}
		return true
	})
	want := []string{"https://e.io/1 ", "https://e.io/2 Two's title", "https://e.io/3 next line", "https://e.io/4 "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("links\n got %q\nwant %q", got, want)
	}
	if len(d.Notes) != 1 {
		t.Errorf("%d notes, want the one", len(d.Notes))
	}
}

// citationsOf are d's citations, as Walk meets them.
func citationsOf(d *Document) []*Citation {
	var cites []*Citation
	Walk(d, func(n any) bool {
		if c, ok := n.(*Citation); ok {
			cites = append(cites, c)
		}
		return true
	})
	return cites
}

// The citations of a document that read the same share their items, parsed
// once: a long chapter cites the same few places again and again. Others
// keep their own. Each has its own Index, in the order written.
func TestCitationsShareItems(t *testing.T) {
	d, diags := parse(t, "One [@w, ch. 2]. Two [@w, ch. 2]. Three [@w, ch. 3].\n\n> Four [@w, ch. 2].\n", Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	cites := citationsOf(d)
	if len(cites) != 4 {
		t.Fatalf("%d citations, want 4", len(cites))
	}
	for _, i := range []int{1, 3} {
		if &cites[i].Items[0] != &cites[0].Items[0] {
			t.Errorf("citation %d (%s) has items of its own, not those of citation 0 (%s)", i, cites[i].Source, cites[0].Source)
		}
	}
	if &cites[2].Items[0] == &cites[0].Items[0] || cites[2].Items[0].Locator != "3" {
		t.Errorf("citation 2 (%s) reads %+v, want its own items, locator 3", cites[2].Source, cites[2].Items)
	}
}

// Documents parsed with the same Options.Citations (a book's) share what
// their citations say, and one that does not parse shares its error;
// each document numbers its own citations from 0.
func TestCitationsShareAcrossDocuments(t *testing.T) {
	shared := &Citations{}
	var docs [][]*Citation
	for _, src := range []string{"One [@w, ch. 2] and [@w, ch. 9]. Bad [@w, ch. 2; ].\n", "Two [@w, ch. 9], [@w, ch. 2], [@w, ch. 2; ] and [@x].\n"} {
		d, _ := parse(t, src, Options{Citations: shared})
		docs = append(docs, citationsOf(d))
	}
	a, b := docs[0], docs[1]
	if len(a) != 3 || len(b) != 4 {
		t.Fatalf("%d and %d citations, want 3 and 4", len(a), len(b))
	}
	for _, same := range [][2]*Citation{{a[0], b[1]}, {a[1], b[0]}, {a[2], b[2]}} {
		if same[0].Parsed != same[1].Parsed {
			t.Errorf("[%s] in the second document is parsed again, not shared with the first's", same[1].Source)
		}
	}
	if a[2].Err == nil {
		t.Errorf("[%s] parses; want an error", a[2].Source)
	}
	if b[3].Parsed == a[0].Parsed || b[3].Items[0].Key != "x" {
		t.Errorf("[%s] reads %+v, want its own item, x", b[3].Source, b[3].Items)
	}
	for _, cites := range docs {
		for i, c := range cites {
			if c.Index != int32(i) {
				t.Errorf("[%s] has Index %d, want %d", c.Source, c.Index, i)
			}
		}
	}
}
