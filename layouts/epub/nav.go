package epub

import (
	"fmt"
	"strings"

	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// navEntry is one line of the contents: its title, its document (and
// fragment) relative to the xhtml folder, and the entries under it.
type navEntry struct {
	Title string
	// Number is a chapter's number, which opens its line as in the
	// printed contents and the site's ("3 Part One: Hailsham"): the
	// schemes of work, the curriculum map and the glossary point to
	// handouts by number. 0 for other entries.
	Number int
	// Note follows the title on the contents page (what a document gives
	// away of the work, toolkit.Section.Covers); the NCX leaves it out.
	Note     string
	Href     string
	Children []*navEntry
	// Section marks a section of a chapter: the contents page lists parts
	// and chapters, and the reading system's navigation the sections too.
	Section bool
}

// contentsTree is the book's contents as readers show it: parts, their
// chapters, each chapter's own sections, then the back matter. go-epub's
// own contents cannot link to a place inside a document, so both the EPUB 3
// navigation document and the EPUB 2 NCX are written from this tree.
func (e *edition) contentsTree() []*navEntry {
	b := e.b
	chapter := func(cd *chapterDoc) *navEntry {
		// Tied as the headings they lead to are ("(chapter\u00A01)").
		en := &navEntry{Title: tie.Spaces(b.Smart(cd.Chapter.Title)), Number: cd.Chapter.Number, Href: cd.File}
		for _, h := range cd.Chapter.SectionsFor(e.teacher) {
			en.Children = append(en.Children, &navEntry{Title: tie.Spaces(xhtml.PlainText(pieceHooks{e: e, cites: e.alone}, h.Inlines)), Href: cd.File + "#" + h.ID, Section: true})
		}
		return en
	}
	var out []*navEntry
	for _, en := range b.Contents {
		if en.Part == nil {
			out = append(out, chapter(e.chapterByPath[en.Chapter.Path]))
			continue
		}
		p := &navEntry{Title: e.partTitle(en.Part), Href: e.partFile[en.Part]}
		for _, c := range en.Part.Chapters {
			p.Children = append(p.Children, chapter(e.chapterByPath[c.Path]))
		}
		out = append(out, p)
	}
	for _, s := range toolkit.BackMatter(b, e.teacher) {
		out = append(out, &navEntry{Title: s.Title, Note: s.Covers, Href: backFile(s.Name)})
	}
	return out
}

// landmarks are the places a reader's menu jumps to.
func (e *edition) landmarks() []struct{ Type, Title, Href string } {
	out := []struct{ Type, Title, Href string }{
		{"cover", e.label("cover"), coverFile},
		{"toc", e.label("contents"), contentsFile + "#toc"},
	}
	if len(e.contents) > 0 {
		out = append(out, struct{ Type, Title, Href string }{"bodymatter", e.label("start-of-companion"), strings.SplitN(e.contents[0].Href, "#", 2)[0]})
	}
	for _, s := range toolkit.BackMatter(e.b, e.teacher) {
		switch s.Name {
		case toolkit.Glossary:
			out = append(out, struct{ Type, Title, Href string }{"glossary", s.Title, glossaryFile})
		case toolkit.WorksCited:
			out = append(out, struct{ Type, Title, Href string }{"bibliography", s.Title, backFile(s.Name)})
		}
	}
	return out
}

// navBody is the body of the navigation document, which is also the
// printed-style contents page in the reading order: the toc nav (with the
// role Ace by DAISY asks for) and the hidden landmarks nav.
func (e *edition) navBody() string {
	var w strings.Builder
	w.WriteString(`<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">` + "\n")
	fmt.Fprintf(&w, "<h1 id=\"toc-title\">%s</h1>\n", esc(e.label("contents")))
	writeNavList(&w, e.contents)
	w.WriteString("</nav>\n")
	w.WriteString(`<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-labelledby="landmarks-title">` + "\n")
	fmt.Fprintf(&w, "<h2 id=\"landmarks-title\">%s</h2>\n<ol>\n", esc(e.label("landmarks")))
	for _, l := range e.landmarks() {
		fmt.Fprintf(&w, "<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", l.Type, l.Href, esc(l.Title))
	}
	w.WriteString("</ol>\n</nav>")
	return w.String()
}

// writeNavList writes the entries as a list; a list of sections is
// hidden, which EPUB 3 defines as absent from the page but present in
// the reading system's navigation.
func writeNavList(w *strings.Builder, entries []*navEntry) {
	if len(entries) > 0 && entries[0].Section {
		w.WriteString("<ol hidden=\"hidden\">\n")
	} else {
		w.WriteString("<ol>\n")
	}
	for _, en := range entries {
		// A note goes inside the link: an entry of the navigation
		// document is its link and, at most, a list under it.
		fmt.Fprintf(w, "<li><a href=\"%s\">", en.Href)
		if en.Number > 0 {
			fmt.Fprintf(w, "<span class=\"number\">%d</span> ", en.Number)
		}
		w.WriteString(esc(en.Title))
		if en.Note != "" {
			fmt.Fprintf(w, " <span class=\"spoiler-level\">%s</span>", esc(en.Note))
		}
		w.WriteString("</a>")
		if len(en.Children) > 0 {
			w.WriteString("\n")
			writeNavList(w, en.Children)
		}
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n")
}

// ncx is the EPUB 2 table of contents for older readers, from the same
// tree as the navigation document: dtb:uid is the book's identifier and
// dtb:depth the tree's depth (go-epub swaps the two), ids and play order
// follow reading order.
func ncx(entries []*navEntry, uid, title, lang string) []byte {
	var w strings.Builder
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&w, "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n", esc(lang))
	w.WriteString("  <head>\n")
	fmt.Fprintf(&w, "    <meta name=\"dtb:uid\" content=\"%s\"/>\n", esc(uid))
	fmt.Fprintf(&w, "    <meta name=\"dtb:depth\" content=\"%d\"/>\n", max(1, depth(entries)))
	w.WriteString("    <meta name=\"dtb:totalPageCount\" content=\"0\"/>\n")
	w.WriteString("    <meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n")
	w.WriteString("  </head>\n")
	fmt.Fprintf(&w, "  <docTitle><text>%s</text></docTitle>\n", esc(title))
	w.WriteString("  <navMap>\n")
	n := 0
	var points func(entries []*navEntry, indent string)
	points = func(entries []*navEntry, indent string) {
		for _, en := range entries {
			n++
			fmt.Fprintf(&w, "%s<navPoint id=\"navpoint-%d\" playOrder=\"%d\">\n", indent, n, n)
			label := en.Title
			if en.Number > 0 {
				label = fmt.Sprintf("%d %s", en.Number, label)
			}
			fmt.Fprintf(&w, "%s  <navLabel><text>%s</text></navLabel>\n", indent, esc(label))
			fmt.Fprintf(&w, "%s  <content src=\"%s/%s\"/>\n", indent, xhtmlDir, en.Href)
			points(en.Children, indent+"  ")
			fmt.Fprintf(&w, "%s</navPoint>\n", indent)
		}
	}
	points(entries, "    ")
	w.WriteString("  </navMap>\n</ncx>\n")
	return []byte(w.String())
}

func depth(entries []*navEntry) int {
	d := 0
	for _, en := range entries {
		d = max(d, 1+depth(en.Children))
	}
	return d
}
