package pdf

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// contentsLine is a line of a cover's contents as pdftotext -layout reads
// it: the handout's number, if any, its title and its page.
var contentsLine = regexp.MustCompile(`^\s*(\d+)?\s+(\S.*?)\s{3,}(\d+)\s*$`)

// TestPageNumbers checks that a packet's pages run on from its cover, that
// the contents give the page each handout and appendix starts on, and
// that a single handout numbers its own pages.
func TestPageNumbers(t *testing.T) {
	tool(t, "pdftotext")
	b := booktest.OpenFixture(t, "full", true)
	for _, paper := range []string{"letter", "a4"} {
		files, order, _ := renderFiles(t, b, options(layouts.All, paper, true))
		for _, path := range []string{"elodie-s-odyssey-handouts.pdf", "elodie-s-odyssey-teacher.pdf"} {
			pages := strings.Split(pdftotext(t, files[path].Data, "-layout"), "\f")
			pages = pages[:len(pages)-1]
			// Every page but the cover ends with its folio: the handout
			// or appendix it belongs to, and its number in the packet.
			folio := make([]string, len(pages)+1)
			for i, p := range pages[1:] {
				no := i + 2
				m := regexp.MustCompile(`(?m)^.* · ` + strconv.Itoa(no) + `\s*$`).FindString(p)
				if m == "" {
					t.Errorf("%s (%s) page %d: no page number %d in the footer:\n%s", path, paper, no, no, p)
					continue
				}
				// The citation of the work, then the folio at the right.
				fields := regexp.MustCompile(`\s{3,}`).Split(strings.TrimSpace(m), -1)
				folio[no] = strings.TrimSuffix(fields[len(fields)-1], " · "+strconv.Itoa(no))
			}
			entries := 0
			for _, line := range strings.Split(pages[0], "\n") {
				m := contentsLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				entries++
				start, _ := strconv.Atoi(m[3])
				name := m[2]
				if m[1] != "" {
					name = "Handout " + m[1]
				}
				if start < 2 || start >= len(folio) {
					t.Errorf("%s (%s): the contents put %q on page %d, of %d", path, paper, m[2], start, len(pages))
					continue
				}
				if folio[start] != name {
					// An appendix that runs on from the one before starts
					// on its page, which the other's footer names: its band's
					// title stands on a line of its own there.
					if !slices.ContainsFunc(strings.Split(pages[start-1], "\n"), func(l string) bool { return strings.TrimSpace(l) == name }) {
						t.Errorf("%s (%s): the contents put %q on page %d, whose footer names %q and which has no such heading", path, paper, m[2], start, folio[start])
					}
					continue
				}
				if folio[start-1] == name {
					t.Errorf("%s (%s): %q starts before page %d, where the contents put it", path, paper, m[2], start)
				}
			}
			if entries < len(b.Chapters) {
				t.Errorf("%s (%s): %d contents entries read, want at least %d", path, paper, entries, len(b.Chapters))
			}
		}
		for _, path := range order {
			if !strings.HasPrefix(path, "handouts/") {
				continue
			}
			f := files[path]
			pages := strings.Split(pdftotext(t, f.Data), "\f")
			for i, p := range pages[:len(pages)-1] {
				if want := fmt.Sprintf("Page %d of %d", i+1, f.Pages); !strings.Contains(p, want) {
					t.Errorf("%s (%s) page %d does not say %q:\n%s", path, paper, i+1, want, p)
				}
			}
		}
	}
}

// TestFootersKeepToOneLine: a footer is one line whatever its name and
// citation: a long running title is cut, with an ellipsis, to what fits
// beside the citation, and the page number is whole; a citation too long
// to share the line with a back-matter section's number stands on a line
// of its own above it (footStacked), cut only where longer than the
// measure. Then the answer key of a chapter with a
// long title, rendered, ends each page on one footer line that names it
// in the short form, "Answer key · Handout 3", whole.
func TestFootersKeepToOneLine(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	m := h.g.measure()
	long := "Answer key · Handout 3 · Part One: Hailsham, the Exchanges, the Sales and the Long Walk to the Pond Beyond the Woods"
	fixtureCite := h.workCite
	longCite := &workCitation{full: []richtext.Span{{Text: strings.Repeat("Ishiguro, Kazuo, and Others. ", 6) + "Never Let Me Go. Faber and Faber, 2005.", Size: sizeTiny, Color: inkMuted}}}
	for _, c := range []struct {
		what      string
		name      string
		cite      *workCitation
		shortened bool
	}{
		{"a handout", "Handout 3", fixtureCite, false},
		{"a long answer key", long, fixtureCite, true},
		{"a long citation", "Handout 3", longCite, false},
		{"both long", long, longCite, true},
	} {
		h.useWorkCite(c.cite)
		name := h.footerName(c.name)
		if got := name != c.name; got != c.shortened {
			t.Errorf("%s: %q shortened %v, want %v", c.what, name, got, c.shortened)
		}
		if c.shortened && (!strings.HasSuffix(name, "…") || !strings.HasPrefix(c.name, strings.TrimSuffix(name, "…"))) {
			t.Errorf("%s: %q is not the start of %q with an ellipsis", c.what, name, c.name)
		}
		rows := h.foot(c.name)()
		if len(rows) != 1 {
			t.Fatalf("%s: %d footer rows", c.what, len(rows))
		}
		end, bases, drawn := 0.0, map[float64]bool{}, ""
		for _, o := range rows[0].ops {
			if tx, ok := o.(textOp); ok {
				bases[tx.y] = true
				end = max(end, tx.x+tx.frag.X+tx.frag.Width)
				drawn += tx.frag.Text
			}
		}
		if len(bases) != 1 {
			t.Errorf("%s: the citation takes %d lines", c.what, len(bases))
		}
		// The running title gives way first: a citation that leaves a
		// third of the measure is whole.
		if cut := strings.HasSuffix(drawn, "…"); cut != (c.cite == longCite) {
			t.Errorf("%s: the citation reads %q", c.what, drawn)
		}
		// A citation too long to share the line stands above it.
		stacked := h.footStacked()
		if stacked != (c.cite == longCite) {
			t.Errorf("%s: stacked %v", c.what, stacked)
		}
		// The page number, at its widest, fits whole at the right.
		if folio := h.folioWidth(name); stacked && folio > m+1e-9 || !stacked && end+footGap+folio > m+1e-9 {
			t.Errorf("%s: citation to %.1f mm and a number of %.1f mm on a measure of %.1f", c.what, end, folio, m)
		}
		if h.sectionFolio(c.name).name != name {
			t.Errorf("%s: the folio prints %q, the footer leaves room for %q", c.what, h.sectionFolio(c.name).name, name)
		}
	}

	tool(t, "pdftotext")
	b := booktest.Bundled(t, book.Options{})
	c := b.Chapters[2] // Part One: Hailsham, which has a key
	c.Title = strings.TrimPrefix(long, "Answer key · Handout 3 · ")
	files, _, _ := renderFiles(t, b, options(layouts.Teacher, "letter", false))
	pages := strings.Split(pdftotext(t, files[b.Slug()+"-teacher.pdf"].Data, "-layout"), "\f")
	found := 0
	for i, p := range pages[:len(pages)-1] {
		lines := strings.Split(strings.TrimRight(p, "\n "), "\n")
		last := strings.TrimSpace(lines[len(lines)-1])
		if !strings.Contains(p, "Answer key · Handout 3 ·") || !strings.HasSuffix(last, " · "+strconv.Itoa(i+1)) {
			continue
		}
		found++
		if !strings.HasPrefix(last, "Edition cited: Ishiguro, Never Let Me Go (Faber and Faber, 2005)") || !strings.HasSuffix(last, "Answer key · Handout 3 · "+strconv.Itoa(i+1)) {
			t.Errorf("page %d: the footer reads %q, want the citation and the key's short name on one line", i+1, last)
		}
		if prev := strings.TrimSpace(lines[len(lines)-2]); strings.HasPrefix(prev, "Faber") || strings.HasSuffix(prev, "Go.") {
			t.Errorf("page %d: the footer wraps: %q over %q", i+1, prev, last)
		}
	}
	if found == 0 {
		t.Error("no page of the answer key found")
	}
}

// TestFooterCitationKeepsItsYear: the footer names the edition cited in a
// short, labelled form, and as its room narrows it drops the publisher,
// then words of the title, but never the year, the part that says which
// edition the page references follow.
func TestFooterCitationKeepsItsYear(t *testing.T) {
	frankenstein := func(r *cite.Reference) {
		r.Title, r.TitleShort, r.Edition = "Frankenstein; or, The Modern Prometheus", "", "Revised edition"
		r.Author, r.Translator = []cite.Name{{Family: "Shelley", Given: "Mary"}}, nil
		r.Publisher, r.Issued = "Henry Colburn and Richard Bentley", cite.Date{Year: 1831}
	}
	h := fixtureCiting(t, frankenstein)
	text := lineText
	full := "Edition cited: Shelley, Frankenstein (Henry Colburn and Richard Bentley, 1831)"
	if got := text(h.footCitation(h.g.measure())); got != full {
		t.Errorf("on the full measure the footer reads %q, want %q", got, full)
	}
	for _, c := range []struct {
		width float64
		want  string
	}{
		{h.fonts.NaturalWidth(h.workCite.full) - 1, "Edition cited: Shelley, Frankenstein (1831)"},
	} {
		if got := text(h.footCitation(c.width)); got != c.want {
			t.Errorf("in %.1f mm the footer reads %q, want %q", c.width, got, c.want)
		}
	}
	// The title is italic, the rest roman.
	for _, f := range h.footCitation(h.g.measure()).Fragments {
		if italic := f.Style == richtext.Italic; italic != (strings.TrimSpace(f.Text) == "Frankenstein") {
			t.Errorf("%q is set in style %v", f.Text, f.Style)
		}
	}
	h = fixtureCiting(t, func(r *cite.Reference) {
		frankenstein(r)
		r.Title = "The Last Man in the Long Grey House by the Sea"
	})
	short := h.fonts.NaturalWidth(h.workCite.short("The…"))
	for w := h.fonts.NaturalWidth(h.workCite.full); w >= short; w -= 2 {
		got := text(h.footCitation(w))
		if !strings.HasPrefix(got, "Edition cited: Shelley, The") || !strings.HasSuffix(got, "1831)") {
			t.Errorf("in %.1f mm the footer reads %q, want the label, the author and the year", w, got)
		}
	}
	if got := text(h.footCitation(short)); got != "Edition cited: Shelley, The… (1831)" {
		t.Errorf("in the least room the footer reads %q", got)
	}
}

// TestFooterCitationOneFormPerFile: when the citation's full form fits
// beside a handout's name but not beside a longer one's (the curriculum
// map's), every footer sets the short form, not one form on some pages
// and the other on the rest.
func TestFooterCitationOneFormPerFile(t *testing.T) {
	h := fixtureCiting(t, func(r *cite.Reference) {
		r.Title, r.TitleShort, r.Author, r.Translator = "Frankenstein", "", []cite.Name{{Family: "Shelley", Given: "Mary"}}, nil
		r.Publisher, r.Issued = "Henry Colburn and Richard Bentley", cite.Date{Year: 1831}
	})
	m := h.g.measure()
	// A name that leaves the full form 1 mm too little room.
	long := "Curriculum"
	for h.folioWidth(long) < m-h.fonts.NaturalWidth(h.workCite.full)-footGap+1 {
		long += " map"
	}
	names := []string{"Handout 3", long}
	h.oneCitationForm(names)
	drawn := func(name string) (s string) {
		for _, o := range h.foot(name)()[0].ops {
			if tx, ok := o.(textOp); ok {
				s += tx.frag.Text
			}
		}
		return s
	}
	want := "Edition cited: Shelley, Frankenstein (1831)"
	for _, name := range names {
		if got := drawn(name); got != want {
			t.Errorf("beside %q the footer reads %q, want %q", name, got, want)
		}
	}
}

// TestFooterCitationNamesTheEditors: a work with no author, an anthology
// or an edition known by its editor, is named in the footer by its
// editors, as CSL's styles substitute them for the author; a work with
// both names its author.
func TestFooterCitationNamesTheEditors(t *testing.T) {
	for _, c := range []struct {
		what           string
		author, editor []cite.Name
		want           string
	}{
		{"an anthology", nil, []cite.Name{{Family: "Ferguson", Given: "Margaret"}, {Family: "Salter", Given: "Mary Jo"}},
			"Edition cited: Ferguson et al., The Norton Anthology of Poetry (W. W. Norton, 2018)"},
		{"an edition with one editor", nil, []cite.Name{{Literal: "Jane Editor"}},
			"Edition cited: Jane Editor, The Norton Anthology of Poetry (W. W. Norton, 2018)"},
		{"an author and an editor", []cite.Name{{Family: "Homer"}}, []cite.Name{{Family: "Knox", Given: "Bernard"}},
			"Edition cited: Homer, The Norton Anthology of Poetry (W. W. Norton, 2018)"},
	} {
		h := fixtureCiting(t, func(r *cite.Reference) {
			r.Title, r.TitleShort = "The Norton Anthology of Poetry", ""
			r.Author, r.Editor, r.Translator = c.author, c.editor, nil
		})
		if got := lineText(h.footCitation(h.g.measure())); got != c.want {
			t.Errorf("%s: the footer reads %q, want %q", c.what, got, c.want)
		}
	}
}

// lineText is what a line of type reads.
func lineText(l richtext.Line) string {
	var s string
	for _, f := range l.Fragments {
		s += f.Text
	}
	return s
}

// TestFooterCitationNamesTheTranslator: a translated work's footer says
// whose translation the page references follow, as its works-cited entry
// does, in every form down to the least, with each translator.
func TestFooterCitationNamesTheTranslator(t *testing.T) {
	h := fixtureHandouts(t, "letter") // The Odyssey, translated by Emily Wilson
	if entry, _ := h.b.Edition(); !strings.Contains(entry.Plain(), "Emily Wilson") {
		t.Fatalf("the fixture's works-cited entry %q does not name the translator", entry.Plain())
	}
	least := h.fonts.NaturalWidth(h.workCite.short("The…"))
	for _, c := range []struct {
		width float64
		want  string
	}{
		{h.g.measure(), "Edition cited: Homer, The Odyssey, trans. Emily Wilson (W. W. Norton, 2018)"},
		{h.fonts.NaturalWidth(h.workCite.full) - 1, "Edition cited: Homer, The Odyssey, trans. Emily Wilson (2018)"},
		{least, "Edition cited: Homer, The…, trans. Emily Wilson (2018)"},
	} {
		if got := lineText(h.footCitation(c.width)); got != c.want {
			t.Errorf("in %.1f mm the footer reads %q, want %q", c.width, got, c.want)
		}
	}
	h = fixtureCiting(t, func(r *cite.Reference) {
		r.Translator = append(r.Translator, cite.Name{Family: "Fagles", Given: "Robert"})
	})
	// Too long, with its label, to share a line with the page number, the
	// citation drops the label and stays on one line (review14 #11).
	if got, want := lineText(h.footCitation(h.g.measure())), "Homer, The Odyssey, trans. Emily Wilson and Robert Fagles (2018)"; got != want || h.footStacked() {
		t.Errorf("with two translators the footer reads %q (stacked %v), want %q on one line", got, h.footStacked(), want)
	}
}
