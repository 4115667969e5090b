package pdf

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/internal/tie"
	"github.com/companion-dev/companion/layouts/pdf/pdfua"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// fixtureHandouts is the handouts of the full fixture, to lay out sections.
func fixtureHandouts(t *testing.T, paper string) *handouts {
	t.Helper()
	return fixtureHandoutsIn(t, paper, layouts.Standard)
}

// fixtureHandoutsIn is fixtureHandouts printed in a profile.
func fixtureHandoutsIn(t *testing.T, paper string, p layouts.Profile) *handouts {
	t.Helper()
	return testHandouts(t, booktest.OpenFixture(t, "full", true), paper, p)
}

// answerLines counts the rows that are a ruled answer line, and whether
// any row draws the Name label of the name strip.
func answerLines(h *handouts, rows []*row) (lines int, name bool) {
	for _, r := range rows {
		if len(r.ops) == 1 {
			if l, ok := r.ops[0].(lineOp); ok && r.h == answerLineH() && l.x2 == h.g.measure() {
				lines++
			}
		}
		for _, o := range r.ops {
			if t, ok := o.(textOp); ok && t.frag.Text == h.label("name") {
				name = true
			}
		}
	}
	return lines, name
}

// TestTeacherPacket: the teacher's copy of a handout has no name strip
// and no answer lines (the guidance stands where they are), and says what
// each question is in words; the student's has both and no standards.
func TestTeacherPacket(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	for _, c := range h.b.Chapters {
		want := 0
		for _, q := range c.Questions {
			want += q.Lines
		}
		if lines, name := answerLines(h, h.handout(c, false).rows); lines != want || !name {
			t.Errorf("student handout %d: %d answer lines (want %d), name strip %v", c.Number, lines, want, name)
		}
		if lines, name := answerLines(h, h.handout(c, true).rows); lines != 0 || name {
			t.Errorf("teacher handout %d: %d answer lines, name strip %v; want neither", c.Number, lines, name)
		}
	}
	tool(t, "pdftotext")
	files, _, _ := renderFiles(t, h.b, options(layouts.All, "letter", true))
	teacher := flat(pdftotext(t, files["elodie-s-odyssey-teacher.pdf"].Data))
	student := flat(pdftotext(t, files["elodie-s-odyssey-handouts.pdf"].Data))
	for _, want := range []string{
		"Teacher guidance · During reading · Analytical · Bloom: analyse",
		"Teacher guidance · Before reading · Inferential · Bloom: understand",
		"Standards: Common Core ELA RL.11-12.3 · GCSE English Literature AO2",
	} {
		if !strings.Contains(teacher, want) {
			t.Errorf("the teacher packet lacks %q", want)
		}
	}
	for _, key := range []string{"Type:", "Phase:", "Bloom level:"} {
		if strings.Contains(teacher, key) {
			t.Errorf("the teacher packet labels a question with the key %q", key)
		}
	}
	if strings.Contains(student, "Standards:") || strings.Contains(student, "Analytical") {
		t.Error("the student packet shows a question's standards or type")
	}
}

// isAnswerLine reports whether a row is a ruled answer line.
func isAnswerLine(h *handouts, r *row) bool {
	if len(r.ops) != 1 || r.table == nil || r.h != answerLineH() {
		return false
	}
	l, ok := r.ops[0].(lineOp)
	return ok && l.x2 == h.g.measure()
}

// isGuidance reports whether a row is inside a teacher's guidance box.
func isGuidance(r *row) bool { return r.frame != nil && r.frame.background == &fillTeach }

// checkPageFurniture lays out sections as a packet does (flow) and
// checks that no page is more than two-thirds empty (by the page model's
// own heights) but a handout's last, or a section's only page, or the
// last page of a balanced section that could not be filled: balancing
// left it no emptier than the unbalanced layout, and no number of the
// page before's last rows moved on to it would fill it (couldFill); that
// an appendix starts a page only where it could not run on, the page
// before more than a third full (runOnTo; that its tables fill their
// pages is TestTablesFillTheirPages); that a prompt shares its
// page with its first answer lines (keptLines) or with its guidance's
// first lines, so no prompt stands alone at a page foot; that lines going
// on to a new page are labelled; and that at least as many lines go on.
func checkPageFurniture(t *testing.T, what string, h *handouts, names []string, sections []*section) {
	t.Helper()
	g := h.g
	pages, laid := flow(sections, g)
	onPage := pageIndex(pages)
	// Each section's pages, [from, to) of pages, the first maybe shared.
	from, to := make([]int, len(sections)), make([]int, len(sections))
	k := 0
	for i, d := range laid {
		from[i], to[i] = k, k+d.pages
		if d.shared {
			from[i]--
		}
		k = to[i]
	}
	// endsOn is the section whose last page is page i, if one's is.
	endsOn := map[int]int{}
	for i := range sections {
		if i+1 == len(sections) || !laid[i+1].shared {
			endsOn[to[i]-1] = i
		}
	}
	for i, s := range sections {
		whose := fmt.Sprintf("%s %s", what, names[i])
		n := to[i] - from[i]
		// The page s went on on, as it was before s.
		var before *pageLayout
		if laid[i].shared {
			p := pages[from[i]]
			before = &pageLayout{sec: p.sec, no: p.no, rows: p.rows[:slices.Index(p.rows, s.rows[0])]}
		}
		own := pages[from[i]:to[i]]
		if i > 0 && s.runsOn && sections[i-1].runsOn && !laid[i].shared {
			// It starts a page: the one before is more than a third full
			// (runOnTo), or has too little room for its opening and its
			// first rows, with what they keep with (a mark scheme kept
			// whole).
			p := pages[from[i]-1]
			free := p.sec.room(g, p.no) - height(p.rows)
			// Its first rows: openingKept that draw, or, where they are a
			// table's, openingRowsKept of its rows.
			first, drawn := 0.0, 0
			var table *tableGroup
			enough := func(j int) bool {
				if table != nil {
					return tableRowsEnded(s.rows[s.opening:j], table) >= min(openingRowsKept, tableRowsEnded(s.rows, table))
				}
				return drawn >= openingKept
			}
			for j := s.opening; j < len(s.rows) && !enough(j); j++ {
				if chain := chainHeight(s.rows[j:]); chain <= s.room(g, 2) {
					first = max(first, height(s.rows[s.opening:j])+chain)
				}
				first = max(first, height(s.rows[s.opening:j+1]))
				if len(s.rows[j].ops)+len(s.rows[j].fills) > 0 {
					if drawn == 0 {
						table = s.rows[j].table
					}
					drawn++
				}
			}
			opening := height(s.rows[:s.opening]) + first
			if free >= p.sec.room(g, p.no)*2/3 && opening <= free {
				t.Errorf("%s starts a page, though %.0f mm are free on the page before, %.0f of which its opening and first rows take", whose, free, opening)
			}
		}
		if last := own[n-1]; s.balanced && endsOn[to[i]-1] == i && n > 1 {
			room := s.room(g, n)
			if used := height(last.rows); used < room/3 {
				if plain := layOut(s, g, before, false); height(plain[len(plain)-1].rows) > used+1e-9 {
					t.Errorf("%s: balanced, its last page holds %.0f mm; unbalanced, %.0f", whose, used, height(plain[len(plain)-1].rows))
				}
				if couldFill(s, g, before, own, n, func(p *pageLayout) float64 { return height(p.rows) }) {
					t.Errorf("%s: its last page holds %.0f of %.0f mm, and rows of the page before could have filled it to a third", whose, used, room)
				}
			}
		}
	}
	for i, p := range pages {
		room := p.sec.room(g, p.no)
		if used := height(p.rows); used < room/3 {
			// A handout's last page, a page of a section's own (which
			// nothing before it could fill) and the last of a balanced
			// section of pages (checked above) may be emptier.
			s, ends := endsOn[i]
			n := to[s] - from[s]
			if !ends || sections[s].balanced && n == 1 && laid[s].shared {
				t.Errorf("%s page %d: %.0f of %.0f mm used; no page but a section's last is more than two-thirds empty", what, i+1, used, room)
			}
		}
		if first := p.rows[0]; isAnswerLine(h, first) {
			t.Errorf("%s page %d: answer lines go on without their label", what, i+1)
		}
		// A page that starts with the label of continued answer lines (a
		// table's header is a head row too).
		if first := p.rows[0]; first.head && len(p.rows) > 1 && isAnswerLine(h, p.rows[1]) {
			n := 0
			for _, r := range p.rows {
				if r.table == p.rows[1].table && isAnswerLine(h, r) {
					n++
				}
			}
			if want := keptLines(h, sections, p.rows[1].table); n < want {
				t.Errorf("%s page %d: %d answer lines continued, want at least %d", what, i+1, n, want)
			}
		}
	}
	for _, s := range sections {
		rows := s.rows
		for i := 1; i < len(rows); i++ {
			r, prev := rows[i], rows[i-1]
			switch {
			case isAnswerLine(h, r) && !isAnswerLine(h, prev):
				for k := i; k < min(i+keptLines(h, sections, r.table), len(rows)) && isAnswerLine(h, rows[k]); k++ {
					if onPage[rows[k]] != onPage[prev] {
						t.Errorf("%s: a prompt on page %d, its answer line %d on page %d", what, onPage[prev]+1, k-i+1, onPage[rows[k]]+1)
					}
				}
			case isGuidance(r) && !isGuidance(prev):
				// The box's first row is padding; the next is its first
				// line. The prompt's is the last row before that is not a
				// space, which a page closed up sets as a copy (squeeze).
				for j := i - 1; j > 0 && prev.space; j-- {
					prev = rows[j-1]
				}
				if k := i + 1; k < len(rows) && onPage[rows[k]] != onPage[prev] {
					t.Errorf("%s: a prompt on page %d, its guidance on page %d", what, onPage[prev]+1, onPage[rows[k]]+1)
				}
			}
		}
	}
}

// keptLines is how many answer lines of a question's area (its lines'
// table) stay with the prompt and go on together, wherever a page breaks
// them: linesKept of a long area, shortLinesKept of a short one, which
// parts only after them.
func keptLines(h *handouts, sections []*section, area *tableGroup) int {
	n := 0
	for _, s := range sections {
		for _, r := range s.rows {
			if r.table == area && isAnswerLine(h, r) {
				n++
			}
		}
	}
	if n <= wholeLines {
		return shortLinesKept
	}
	return linesKept
}

// couldFill reports whether page n (1-based, counting the page before)
// of a section's pages could hold a third of its room by what held
// counts: whether some number of the section's last rows on the page
// before, moved on, keep the section's number of pages and leave the
// page before a third full (and a section that runs on its opening's
// company) while filling page n so.
func couldFill(s *section, g geometry, before *pageLayout, pages []*pageLayout, n int, held func(*pageLayout) float64) bool {
	giver := pages[n-2]
	room, giverRoom := s.room(g, n), giver.sec.room(g, giver.no)
	mine := func(r *row) bool { return slices.Contains(s.rows, r) }
	gave := 0.0
	for k := len(giver.rows) - 1; k >= 0 && mine(giver.rows[k]); k-- {
		gave += giver.rows[k].h
		p := paginateWithin(s, g, before, map[int]float64{n - 1: gave})
		if len(p) == len(pages) && height(p[n-2].rows) >= giverRoom/3 && held(p[n-1]) >= room/3 && (before == nil || opened(s, p)) {
			return true
		}
	}
	return false
}

// packetSections are every section of a packet, as Render lays them out:
// the cover, each handout and the appendices: for teachers, all of them;
// for students, their back matter.
func packetSections(h *handouts, teacher bool) (names []string, sections []*section) {
	for _, c := range h.b.Chapters {
		names = append(names, fmt.Sprintf("handout %d", c.Number))
		sections = append(sections, h.handout(c, teacher))
	}
	appendices, _, _ := h.backMatter(teacher)
	for i, a := range appendices {
		s := a()
		names = append(names, fmt.Sprintf("appendix %d (%s)", i+1, openingRow(s).marks[0].title))
		sections = append(sections, s)
	}
	_, laid := flow(sections, h.g)
	var counts []int
	for _, d := range laid[:len(h.b.Chapters)] {
		counts = append(counts, d.pages)
	}
	names = append([]string{"cover"}, names...)
	sections = append([]*section{h.cover("packet", counts, laid[len(h.b.Chapters):], h.label("for-the-teacher"))}, sections...)
	return names, sections
}

// TestPageFurniture lays out every section of both packets of the fixture
// and of the bundled companion (whose handouts end on long essay prompts)
// on both papers, standard and in large print.
func TestPageFurniture(t *testing.T) {
	check := func(t *testing.T, name string, h *handouts) {
		for _, teacher := range []bool{false, true} {
			names, sections := packetSections(h, teacher)
			what := fmt.Sprintf("%s (teacher %v)", name, teacher)
			checkPageFurniture(t, what+" cover", h, names[:1], sections[:1])
			checkPageFurniture(t, what, h, names[1:], sections[1:])
		}
	}
	for _, p := range everyPrinting {
		check(t, "fixture "+p.String(), fixtureHandoutsIn(t, p.paper, p.profile))
	}
	if !testing.Short() {
		forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) { check(t, "bundled", h) })
	}
}

// TestColophonHasCompany: the bundled companion's teacher contents, set
// openly (as they are where a closer setting would not save a page), run
// over their first page, and the colophon after them would stand alone
// on the next; the cover's last page is filled to a third at least, with
// the last of the contents, on every paper and in large print. Without
// the balance the colophon is alone there. Every page after the first
// has the running head.
func TestColophonHasCompany(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	sets := contentsSets
	contentsSets = sets[:1]
	defer func() { contentsSets = sets }()
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, teacher := range []bool{false, true} {
			_, sections := packetSections(h, teacher)
			cover := sections[0]
			pages := paginate(cover, h.g)
			last := pages[len(pages)-1]
			colophon := cover.rows[len(cover.rows)-1]
			if last.rows[len(last.rows)-1] != colophon {
				t.Fatalf("teacher %v: the cover does not end with its colophon", teacher)
			}
			room := cover.room(h.g, last.no)
			own := map[*row]bool{}
			for _, r := range cover.rows {
				own[r] = true
			}
			used := height(last.rows)
			for _, r := range last.rows {
				if r.space && !own[r] {
					used -= r.h // the space that sets the colophon at the foot (atFoot)
				}
			}
			if len(pages) > 1 && used < room/3 {
				t.Errorf("teacher %v: the cover's page %d holds %.0f of %.0f mm", teacher, last.no, used, room)
			}
			entries := 0 // rows in the contents' type, not the colophon's
			for _, r := range last.rows {
				for _, o := range r.ops {
					if op, ok := o.(textOp); ok && op.frag.Size == sizeBody {
						entries++
						break
					}
				}
			}
			if entries == 0 {
				t.Errorf("teacher %v: the colophon stands on page %d without contents", teacher, last.no)
			}
			for _, pg := range pages[1:] {
				if op, ok := pg.rows[0].ops[0].(textOp); !ok || op.frag.Text != h.label("contents-continued") || op.tag != nil {
					t.Errorf("teacher %v: the contents go on on page %d without their label", teacher, pg.no)
				}
			}
			if teacher && h.opt.Profile == layouts.Standard && len(pages) != 2 {
				t.Errorf("the teacher's cover takes %d pages; the test wants the contents to run over", len(pages))
			}
			// Every page but the first has the packet's running head.
			for i, pr := range pageRowsOf(pages)[1:] {
				if !slices.Equal(pr.rows[:len(cover.head())], cover.head()) {
					t.Errorf("teacher %v: the cover's page %d has no running head", teacher, i+2)
				}
			}
			balanced := *cover
			balanced.balanced, balanced.atFoot = false, 0
			if teacher && h.opt.Profile == layouts.Standard {
				p := paginate(&balanced, h.g)
				if alone := p[len(p)-1]; height(alone.rows) >= room/3 {
					t.Error("unbalanced, the last page is full enough already; the test proves nothing")
				}
			}
		}
	})
}

// TestTeacherContentsOnTheCover: the bundled companion's teacher contents
// run over the cover by a few lines when set openly, on letter and A4;
// set closer, they stand whole on the cover with the colophon, rather
// than their last group alone on a second page.
func TestTeacherContentsOnTheCover(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting[:2], func(t *testing.T, h *handouts) {
		_, sections := packetSections(h, true)
		if n := len(paginate(sections[0], h.g)); n != 1 {
			t.Errorf("the teacher's cover takes %d pages, want 1", n)
		}
		sets := contentsSets
		contentsSets = sets[:1]
		defer func() { contentsSets = sets }()
		_, sections = packetSections(h, true)
		if n := len(paginate(sections[0], h.g)); n < 2 {
			t.Errorf("set openly, the teacher's cover takes %d page; the test wants it to run over", n)
		}
	})
}

// TestEssayLinesFillThePage sets a long essay question after filler of
// every height: the prompt starts a new page only when it and its first
// linesKept lines do not fit after the filler; else its lines fill the
// page and go on to the next under their label, at least linesKept of
// them.
func TestEssayLinesFillThePage(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	var essay book.Question
	for _, c := range h.b.Chapters {
		for _, q := range c.Questions {
			if q.Format == "" || q.Format == book.AnswerOpen {
				essay = *q
			}
		}
	}
	// Lines that fill more than half a page, in one page and in two.
	for _, n := range []int{14, 24} {
		essay.Lines = n
		rows := h.question(&essay, nil, nil, false, tagged.New(tagged.LI))
		first := slices.IndexFunc(rows, func(r *row) bool { return isAnswerLine(h, r) })
		prompt := rows[first-1]
		promptH := height(rows[:first])
		lh := answerLineH()
		avail := h.g.body() - slack
		for filler := 1.0; filler < avail; filler += 0.5 {
			pages := paginate(&section{rows: append([]*row{{h: filler}}, rows...)}, h.g)
			onPage := pageIndex(pages)
			fits := filler+promptH+linesKept*lh <= avail
			if moved := onPage[prompt] == 1; moved == fits {
				t.Fatalf("%d lines after %.1f mm: the prompt moved to a new page %v; its first %d lines fit %v", n, filler, moved, linesKept, fits)
			}
			for k := first; k < first+linesKept; k++ {
				if onPage[rows[k]] != onPage[prompt] {
					t.Fatalf("%d lines after %.1f mm: answer line %d on page %d, the prompt on %d", n, filler, k-first+1, onPage[rows[k]], onPage[prompt])
				}
			}
			if onPage[rows[len(rows)-1]] != onPage[prompt] {
				last := pages[len(pages)-1]
				goOn := 0
				for _, r := range last.rows {
					if isAnswerLine(h, r) {
						goOn++
					}
				}
				if !last.rows[0].head || goOn < linesKept {
					t.Fatalf("%d lines after %.1f mm: %d lines go on to the next page (label %v), want at least %d under the label", n, filler, goOn, last.rows[0].head, linesKept)
				}
			}
		}
	}
}

// TestShortAnswersStayWhole sets a question of up to wholeLines answer
// lines after filler of every height: its prompt and all its lines share
// a page, unless moving them would leave the page more than a third
// empty, where an area of twice shortLinesKept lines or more parts after
// its first shortLinesKept lines and its rest, as many at least, goes on
// together under its label; an area of fewer is never parted.
func TestShortAnswersStayWhole(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	var q book.Question
	for _, c := range h.b.Chapters {
		for _, x := range c.Questions {
			if x.Format == "" || x.Format == book.AnswerOpen {
				q = *x
			}
		}
	}
	avail := h.g.body() - slack
	parted := 0
	for n := 1; n <= wholeLines; n++ {
		q.Lines = n
		rows := h.question(&q, nil, nil, false, tagged.New(tagged.LI))
		first := slices.IndexFunc(rows, func(r *row) bool { return isAnswerLine(h, r) })
		prompt := rows[first-1]
		for filler := 1.0; filler < avail; filler += 0.5 {
			pages := paginate(&section{rows: append([]*row{{h: filler}}, rows...)}, h.g)
			onPage := pageIndex(pages)
			var apart []int // the lines not on the prompt's page
			for k := first; k < len(rows); k++ {
				if isAnswerLine(h, rows[k]) && onPage[rows[k]] != onPage[prompt] {
					apart = append(apart, k-first)
				}
			}
			if len(apart) == 0 {
				continue
			}
			parted++
			next := pages[onPage[prompt]+1]
			switch {
			case n < 2*shortLinesKept || filler >= avail*2/3:
				t.Fatalf("%d lines after %.1f mm: answer line %d on page %d, the prompt on %d", n, filler, apart[0]+1, onPage[rows[first+apart[0]]]+1, onPage[prompt]+1)
			case apart[0] != shortLinesKept || len(apart) != n-shortLinesKept:
				t.Fatalf("%d lines after %.1f mm: lines %v apart from the prompt, want the lines after the first %d", n, filler, apart, shortLinesKept)
			case !next.rows[0].head || onPage[rows[first+n-1]] != onPage[prompt]+1:
				t.Fatalf("%d lines after %.1f mm: the lines that go on are not together under their label", n, filler)
			}
		}
	}
	if parted == 0 {
		t.Error("no area parted after any filler")
	}
}

// boxes counts the choice boxes a question's rows draw and the filled ones.
func boxes(rows []*row) (n, ticked int) {
	for _, r := range rows {
		edges, bars := 0, 0
		for _, o := range r.ops {
			if l, ok := o.(lineOp); ok && l.x1 == 8 {
				edges++
			}
			// A ticked box is filled: a rule as thick as it is long, not
			// a bar across the box, which reads as a box left undecided.
			if l, ok := o.(lineOp); ok && l.width > 1 && math.Abs((l.x2-l.x1)-l.width) < 1e-9 {
				bars++
			}
		}
		n += edges / 3 // the top, bottom and left edge start at the indent
		ticked += bars
	}
	return n, ticked
}

// TestAnswerAreas: on the bundled companion's Part Two handout, a
// multiple-choice question has a box per choice, a true-false one two, a
// short answer one line and an open one its lines (a project none); the teacher's copy
// ticks the correct boxes and has no lines; the student's ticks none.
func TestAnswerAreas(t *testing.T) {
	forBundledHandouts(t, letterOnly, func(t *testing.T, h *handouts) {
		seen := map[string]bool{}
		for _, c := range h.b.Chapters {
			for _, q := range c.Questions {
				seen[q.Format] = true
				for _, teacher := range []bool{false, true} {
					rows := h.question(q, nil, nil, teacher, nil)
					n, ticked := boxes(rows)
					lines, _ := answerLines(h, rows)
					wantBoxes, wantTicked, wantLines := 0, 0, q.Lines
					switch q.Format {
					case book.AnswerMultipleChoice:
						wantBoxes, wantTicked, wantLines = len(q.Choices), q.CorrectChoices(), 0
					case book.AnswerTrueFalse:
						wantBoxes, wantTicked, wantLines = 2, 1, 0
					case book.AnswerShort:
						wantLines = 1
					}
					if q.Phase == projectPhase {
						wantLines = 0 // a planning box (TestProjectsAreTasks)
					}
					if teacher {
						wantLines = 0
					} else {
						wantTicked = 0
					}
					if n != wantBoxes || ticked != wantTicked || lines != wantLines {
						t.Errorf("%s (%s, teacher %v): %d boxes, %d ticked, %d lines; want %d, %d, %d",
							q.ID, q.Format, teacher, n, ticked, lines, wantBoxes, wantTicked, wantLines)
					}
				}
			}
		}
		for _, f := range []string{book.AnswerOpen, book.AnswerMultipleChoice, book.AnswerTrueFalse, book.AnswerShort} {
			if !seen[f] {
				t.Errorf("the bundled companion has no %s question to test", f)
			}
		}
	})
}

// TestMatrixNumbersDoNotBreak: in a fourteen-chapter map each chapter's
// number prints whole, tied to its mark, and the notes' dot is larger than
// the text beside it, so that it reads as a mark.
func TestMatrixNumbersDoNotBreak(t *testing.T) {
	fsys, _ := synthetic.Project(14, 40)
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	fonts := richtext.Serif()
	h := &handouts{setter: &setter{fonts: fonts, g: newGeometry("letter")}, b: b, opt: options(layouts.All, "letter", true),
		gl: &glyphs{fonts: fonts, diags: &diag.List{}, seen: map[string]bool{}}}
	numbers, dots := map[string]bool{}, 0
	for _, r := range h.mapping().rows {
		for _, o := range r.ops {
			t, ok := o.(textOp)
			if !ok {
				continue
			}
			if !r.head {
				numbers[strings.TrimSpace(strings.TrimSuffix(t.frag.Text, "\u00A0"))] = true
			}
			if t.frag.Text == "•" && t.frag.Size > sizeBody {
				dots++
			}
		}
	}
	for n := 1; n <= 14; n++ {
		if !numbers[strconv.Itoa(n)] {
			t.Errorf("the map does not print %d whole; it has %v", n, numbers)
		}
	}
	if dots == 0 {
		t.Error("no dot in the matrix is larger than its text")
	}
}

// TestMatrixHeadingHoldsTogether: the map's "Discussed in" column heads
// its column on one line, unhyphenated, in a fixture of three chapters,
// whose numbers make the column narrow (it printed "Discussed" over
// "in"), in either profile, on letter and A4.
func TestMatrixHeadingHoldsTogether(t *testing.T) {
	for _, pr := range everyPrinting {
		h := fixtureHandoutsIn(t, pr.paper, pr.profile)
		want := h.label("discussed-in-heading")
		// Each header row's text, its lines run together: "Discussed"
		// over "in" reads "Discussedin".
		var lines []string
		for _, r := range h.mapping().rows {
			var b strings.Builder
			for _, o := range r.ops {
				if op, ok := o.(textOp); ok && op.tag != nil && op.tag.Role == tagged.TH {
					b.WriteString(strings.ReplaceAll(op.frag.Text, "\u00A0", " "))
				}
			}
			if r.head && b.Len() > 0 {
				lines = append(lines, b.String())
			}
		}
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, want) }) {
			t.Errorf("%s: the map's header rows read %q; none ends in %q", pr, lines, want)
		}
	}
}

// TestMatrixSaysWhichQuestions: each cell of the curriculum matrix where
// a chapter's questions serve a standard gives their numbers, as text of
// the cell's TD, so that the tagged text says which too; the notes' dot
// stands only where no question does; the chapter list gives them in
// parentheses, in either profile.
func TestMatrixSaysWhichQuestions(t *testing.T) {
	forBundledHandouts(t, bothProfiles, func(t *testing.T, h *handouts) {
		// Each TD's text, in order, without spaces (lines break at them).
		var cells []*tagged.Elem
		text := map[*tagged.Elem]string{}
		for _, r := range h.mapping().rows {
			for _, o := range r.ops {
				op, ok := o.(textOp)
				if !ok || op.tag == nil || op.tag.Role != tagged.TD {
					continue
				}
				if _, seen := text[op.tag]; !seen {
					cells = append(cells, op.tag)
				}
				text[op.tag] += nospace(op.frag.Text)
			}
		}
		var want []string
		for _, mp := range h.b.Mappings() {
			for _, r := range mp.Rows {
				var list []string
				for _, c := range h.b.Chapters {
					var qs []string
					for _, q := range r.Questions {
						if q.Chapter == c {
							qs = append(qs, strconv.Itoa(q.Number))
						}
					}
					mark := ""
					switch {
					case len(qs) > 0:
						mark = strings.Join(qs, ", ")
					case r.ServesChapter(c):
						mark = "•"
					}
					if mark != "" {
						if mark != "•" {
							mark = "(" + strings.ReplaceAll(mark, ", ", ",\u00A0") + ")"
						}
						list = append(list, strconv.Itoa(c.Number)+"\u00A0"+mark)
					}
				}
				if len(list) > 0 {
					want = append(want, strings.Join(list, ""))
				}
			}
		}
		// The standards' own cells are the other TDs.
		var got []string
		for _, c := range cells {
			if tx := text[c]; strings.Trim(tx, "0123456789,•()") == "" {
				got = append(got, tx)
			}
		}
		for i := range want {
			want[i] = nospace(want[i])
		}
		if !slices.Equal(got, want) {
			t.Errorf("the matrix's cells read\n%q\nwant\n%q", got, want)
		}
		if !slices.ContainsFunc(want, func(s string) bool { return strings.Contains(s, ",") }) {
			t.Error("no standard of the bundled companion is served by two questions of one chapter")
		}
	})
}

// nospace is s without its spaces, no-break ones too.
func nospace(s string) string { return strings.NewReplacer(" ", "", "\u00A0", "").Replace(s) }

// TestQuotationIndexGrouped: the teacher's quotation index is the EPUB's:
// each quotation once, alphabetical, with every chapter that quotes it.
func TestQuotationIndexGrouped(t *testing.T) {
	tool(t, "pdftotext")
	b := nobodyTwice(t)
	files, _, _ := renderFiles(t, b, options(layouts.Teacher, "letter", true))
	// In pdftotext's reading order, which reads each handout's page
	// where it is printed (pdftotext -raw reads it where it is drawn, at
	// the page's end: crossRef).
	text := strings.Join(strings.Fields(pdftotext(t, files["elodie-s-odyssey-teacher.pdf"].Data)), " ")
	intro := b.Labels.Get("quotation-index-intro")
	i := strings.LastIndex(text, intro)
	if i < 0 {
		t.Fatalf("the index does not open with %q", intro)
	}
	index := text[i:]
	if n := strings.Count(index, "My name is Nobody."); n != 1 {
		t.Errorf("the index lists “My name is Nobody.” %d times, want once", n)
	}
	if !regexp.MustCompile(regexp.QuoteMeta(b.Labels.Get("discussed-in")) + ` Handouts 2 \(p\. \d+\), 3 \(p\. \d+\)`).MatchString(index) {
		t.Errorf("the index does not give both chapters of “My name is Nobody.”: %.600s", index)
	}
	my, our, tell := strings.Index(index, "My name"), strings.Index(index, "Our bed"), strings.Index(index, "Tell me about")
	if !(my >= 0 && my < our && our < tell) {
		t.Errorf("the index is not alphabetical: My %d, Our %d, Tell %d", my, our, tell)
	}
}

// nobodyTwice is the full fixture with “My name is Nobody.” a key
// quotation of handout 3 as well as of handout 2.
func nobodyTwice(t *testing.T) *book.Book {
	t.Helper()
	fsys := booktest.Fixture(t, "testdata/full.txtar")
	ch := string(fsys["chapters/03-homecoming.md"].Data)
	fsys["chapters/03-homecoming.md"] = &fstest.MapFile{Data: []byte(strings.Replace(ch, "questions:\n", `  - id: nobody-again
    text: My name is Nobody.
    speaker: Odysseus
    cite: "@homer-odyssey, p. 243"
    verified: false
questions:
`, 1))}
	return booktest.MustOpen(t, fsys, book.Options{Draft: true})
}

// TestQuotationIndexList: the PDF's quotation index reads as the site's
// does, a list, not a table: each quotation, its speaker as an
// attribution whose dash and two-word name are one unbreakable word
// ("—\u00A0The\u00A0narrator") and its place in the work by its locator
// alone ("(p. 243)", not the work's full citation on every line), bound
// to the speaker by a no-break space; then a line "Discussed in: Handouts
// 2, 3", each number a link to the quotation in its handout. A one-line
// quotation takes two lines, in the standard set and large print, tagged
// L, LI, LBody, P; nothing in the index is hyphenated.
func TestQuotationIndexList(t *testing.T) {
	b := nobodyTwice(t)
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := testHandouts(t, b, "letter", p)
		s := h.quoteIndex()
		rows := s.rows[s.opening:]
		var lines []string // each line's text, and its links
		var links []string
		var roles []tagged.Role
		for _, r := range rows {
			if r.table != nil {
				t.Fatalf("%s: the index is set as a table", name(p))
			}
			var line []string
			for _, o := range r.ops {
				if tx, ok := o.(textOp); ok {
					if ref, ok := tx.frag.Held.(*crossRef); ok {
						// A handout's page, which TestCrossReferencesGivePages
						// checks, read as the EPUB has it.
						line = append(line, ref.without)
						continue
					}
					line = append(line, tx.frag.Text)
					if tx.frag.Link != "" {
						links = append(links, tx.frag.Link)
					}
					if roles == nil {
						for e := tx.tag; e != nil; e = e.Parent() {
							roles = append(roles, e.Role)
						}
					}
				}
			}
			if len(line) > 0 {
				lines = append(lines, strings.Join(line, ""))
			}
		}
		l := h.b.Labels
		var want, wantLinks, bound []string
		plural := false
		for _, en := range h.b.QuotationIndex() {
			q := en.Quotes[0]
			line := l.Quote(h.b.Smart(q.Text))
			if slices.ContainsFunc(en.Quotes, func(q *book.Quote) bool { return !q.Verified }) {
				line = l.Get("unverified-mark") + line
			}
			items := slices.Clone(q.Cite)
			for i := range items {
				items[i].LocatorOnly = true
			}
			if q.Speaker != "" {
				line += " " + tie.Attribution(q.Speaker) + "\u00A0" + h.b.Cite(items).Plain()
				bound = append(bound, tie.Attribution(q.Speaker)+"\u00A0"+h.b.Cite(items).Plain())
			} else {
				line += " " + h.b.Cite(items).Plain()
			}
			var numbers []string
			for _, q := range en.Quotes {
				numbers = append(numbers, strconv.Itoa(q.Chapter.Number))
				wantLinks = append(wantLinks, quoteAnchor(q.Chapter.ID, slices.Index(q.Chapter.Quotes, q)+1))
			}
			where := l.Get("discussed-in") + " " + l.Format("handout-number", "n", numbers[0])
			if len(numbers) > 1 {
				where = l.Get("discussed-in") + " " + l.Format("handout-numbers", "n", strings.Join(numbers, ", "))
				plural = true
			}
			want = append(want, line, where)
		}
		if !plural {
			t.Fatalf("no quotation is discussed in two handouts")
		}
		if got := nospace(strings.Join(lines, "")); got != nospace(strings.Join(want, "")) {
			t.Errorf("%s: the index reads\n%s\nwant\n%s", name(p), strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		for _, b := range bound {
			if !slices.ContainsFunc(lines, func(line string) bool { return strings.Contains(line, b) }) {
				t.Errorf("%s: no line has %q, the speaker bound to the place:\n%s", name(p), b, strings.Join(lines, "\n"))
			}
		}
		for _, r := range rows {
			for _, o := range r.ops {
				if tx, ok := o.(textOp); ok && !tx.frag.NoHyphen {
					t.Errorf("%s: %q may be hyphenated", name(p), tx.frag.Text)
				}
			}
		}
		if !slices.Equal(links, wantLinks) {
			t.Errorf("%s: the index links to %q, want %q", name(p), links, wantLinks)
		}
		if want := []tagged.Role{tagged.P, tagged.LBody, tagged.LI, tagged.L, tagged.Sect}; !slices.Equal(roles, want) {
			t.Errorf("%s: an entry's text is tagged %v, want %v", name(p), roles, want)
		}
		// "Tell me about a complicated man." and its place, on one line.
		if p == layouts.Standard && len(lines) != 2*len(h.b.QuotationIndex()) {
			t.Errorf("%s: %d lines for %d quotations of a line each, want two each:\n%s", name(p), len(lines), len(h.b.QuotationIndex()), strings.Join(lines, "\n"))
		}
		// The attribution is drawn whole on one line, never hyphenated.
		attributed := false
		for _, r := range rows {
			for _, o := range r.ops {
				if tx, ok := o.(textOp); ok && strings.Contains(tx.frag.Text, "narrator") {
					attributed = strings.Contains(tx.frag.Text, tie.Attribution("The narrator")) && tx.frag.NoHyphen
				}
			}
		}
		if !attributed {
			t.Errorf("%s: “— The narrator” is not one unhyphenated word", name(p))
		}
	}
}

// notesAreaRows is the ruled Notes area a page ends in: the rows from its
// label on, or nil; it fails the test when the area is not set apart from
// answer lines, on a tinted panel of its own.
func notesAreaRows(t *testing.T, h *handouts, p *pageLayout) []*row {
	t.Helper()
	for i, r := range p.rows {
		for _, o := range r.ops {
			if tx, ok := o.(textOp); ok && tx.frag.Text == h.label("notes-area") && tx.frag.Size == sizeBody {
				area := p.rows[i:]
				for _, r := range area {
					if r.frame == nil || r.frame.background != &fillNotes {
						t.Errorf("page %d: a row of the Notes area is not on its panel", p.no)
						break
					}
				}
				return area
			}
		}
	}
	return nil
}

// TestNotesArea: a student handout whose last page leaves room for three
// ruled lines under the area's label ends it in them, on a tinted panel,
// set apart from answer lines, down to between half a line and a line
// and a half above the footer, on every paper and in every profile, the
// skeleton's second handout too; no other page, no teacher's copy and no
// handout of a project with pdf.notes-area: false has one.
func TestNotesArea(t *testing.T) {
	// notesAreas checks the Notes areas of h's handouts and counts them.
	notesAreas := func(t *testing.T, h *handouts) (areas int) {
		paper := h.opt.Paper
		for _, c := range h.b.Chapters {
			for _, teacher := range []bool{false, true} {
				s := h.handout(c, teacher)
				pages := paginate(s, h.g)
				for i, p := range pages {
					area := notesAreaRows(t, h, p)
					if area == nil {
						continue
					}
					if teacher || i < len(pages)-1 {
						t.Errorf("%s handout %d (teacher %v) page %d of %d has a Notes area", paper, c.Number, teacher, i+1, len(pages))
						continue
					}
					areas++
					avail := h.g.body() - height(s.foot()) - height(p.notes) - slack
					if p.no > 1 {
						avail -= height(s.head())
					}
					before := height(p.rows) - height(area) - 6 - 4 // the space and the panel's padding above the label
					lines := 0
					for _, r := range area {
						if len(r.ops) == 1 && r.h == answerLineH() {
							lines++
						}
					}
					if lines < 3 || height(p.rows) < avail-1.5*answerLineH() {
						t.Errorf("%s handout %d: %.0f of %.0f mm used before a Notes area of %d lines that ends %.1f mm above the footer", paper, c.Number, before, avail, lines, avail-height(p.rows))
					}
				}
				if last := pages[len(pages)-1]; !teacher && notesAreaRows(t, h, last) == nil {
					room := h.g.body() - height(s.foot()) - height(last.rows) - height(last.notes) - slack
					if last.no > 1 {
						room -= height(s.head())
					}
					// The space, the panel's padding, the label, three
					// lines and a line's air under them. The label is set as
					// the profile sets it: in large print on 1.5 line
					// spacing, not the standard 1.3.
					if least := 6 + 4 + lineHeight(h.g.typeSize(sizeBody), h.g.lead(leadTight)) + 4*answerLineH(); room >= least {
						t.Errorf("%s handout %d: %.0f mm left on its last page, room for three lines (%.0f mm), and no Notes area", paper, c.Number, room, least)
					}
				}
			}
		}
		return areas
	}
	skeleton := booktest.MustOpen(t, os.DirFS("../../cmd/companion/skeleton"), book.Options{})
	for _, p := range everyPrinting {
		areas := notesAreas(t, testHandouts(t, skeleton, p.paper, p.profile))
		if p.profile == layouts.Standard && areas != len(skeleton.Chapters) {
			t.Errorf("%s %s: %d of the skeleton's %d handouts end in a Notes area", p.paper, p.profile, areas, len(skeleton.Chapters))
		}
	}
	// Large print's last pages, whose quarter is less than three lines.
	forBundledHandouts(t, everyPrinting[2:], func(t *testing.T, h *handouts) { notesAreas(t, h) })
	for _, p := range bothPapers {
		paper := p.paper
		h := fixtureHandouts(t, paper)
		areas := notesAreas(t, h)
		forBundledHandouts(t, []printing{p}, func(t *testing.T, h *handouts) { areas += notesAreas(t, h) })
		if areas == 0 {
			t.Errorf("%s: no handout ends in a Notes area", paper)
		}
		// A project that turns it off.
		b := *h.b
		b.NotesArea = false
		h.b = &b
		for _, c := range h.b.Chapters {
			pages := paginate(h.handout(c, false), h.g)
			if notesAreaRows(t, h, pages[len(pages)-1]) != nil {
				t.Errorf("%s handout %d has a Notes area with pdf.notes-area: false", paper, c.Number)
			}
		}
	}
}

// TestChapterList: a standard's row lists the chapters that serve it, each
// number tied to its mark, instead of a column per chapter, in either
// profile (a column per chapter ran the bundled map to seven pages).
func TestChapterList(t *testing.T) {
	sp := func(text string) []richtext.Span { return []richtext.Span{{Text: text, Size: 9}} }
	matrix := tableSpec{size: 9, header: [][]richtext.Span{sp("Standard"), sp("1"), sp("2"), sp("14")}}
	matrix.body = [][][]richtext.Span{
		{sp("RL.1"), sp("2, 5"), nil, sp("•")},
		{sp("RL.2"), nil, nil, nil},
	}
	list := chapterList(matrix, "Chapter")
	text := func(cell []richtext.Span) string {
		var b strings.Builder
		for _, s := range cell {
			b.WriteString(s.Text)
		}
		return b.String()
	}
	var got []string
	for _, r := range append([][][]richtext.Span{list.header}, list.body...) {
		var cells []string
		for _, c := range r {
			cells = append(cells, text(c))
		}
		got = append(got, strings.Join(cells, " | "))
	}
	// A standard no chapter serves says so (review13 #29).
	want := []string{"Standard | Chapter", "RL.1 | 1\u00A0(2,\u00A05)\u00A0 14\u00A0•", "RL.2 | —"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	if len(list.align) != 2 {
		t.Errorf("%d columns, want 2", len(list.align))
	}
	// The fixture's mapping is set that way in both profiles, under a
	// legend that reads an entry ("1 (4): Handout 1, question 4").
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := fixtureHandoutsIn(t, "letter", p)
		var words []string
		for _, r := range h.mapping().rows {
			for _, o := range r.ops {
				if op, ok := o.(textOp); ok {
					words = append(words, op.frag.Text)
				}
			}
		}
		text := strings.ReplaceAll(strings.Join(words, " "), "\u00A0", " ")
		if !strings.Contains(text, h.label("discussed-in-heading")) {
			t.Errorf("%q: no %s column in the curriculum map", p, h.label("discussed-in-heading"))
		}
		n := strconv.Itoa(h.b.Chapters[0].Number)
		if want := "Handout " + n + ", question 4"; !strings.Contains(text, want) {
			t.Errorf("%q: the legend does not say %q:\n%s", p, want, text)
		}
	}
}

// TestLongRowsFlow lays out the bundled companion's schemes of work, each
// lesson's title made to run to some 600 characters, standard and in large
// print (a scheme lists question numbers, so it is a title that can run to
// a page, as a teacher's notes on a lesson may): a row of more than
// wholeRowLines lines goes on where the page ends instead of moving whole
// to the next (no page but the last ends with room for rowLinesKept more
// lines of such a row that follows), at least rowLinesKept of its lines on
// each side of a break, and every page it goes on to starts with the
// table's header. (Large print sets its lessons as blocks, no table:
// TestLargePrintLessonsAsBlocks.)
func TestLongRowsFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	for _, p := range []layouts.Profile{layouts.Standard} {
		// A book of its own, whose lessons it lengthens.
		h := testHandouts(t, booktest.Bundled(t, book.Options{}), "letter", p)
		for _, sc := range h.b.Schedules {
			for _, ls := range sc.Lessons {
				ls.Title = strings.Repeat(ls.Title+" ", 1+600/len(ls.Title))
			}
		}
		s := h.pacingAppendix()
		pages := paginate(s, h.g)
		lh := lineHeight(9, leadTight)
		split := 0
		for i, pg := range pages {
			avail := h.g.body() - height(s.foot()) - slack
			if pg.no > 1 {
				avail -= height(s.head())
			}
			if i == len(pages)-1 {
				continue
			}
			next := pages[i+1].rows
			// The row the next page goes on with, after its repeated header.
			k := 0
			for k < len(next) && next[k].head {
				k++
			}
			last := pg.rows[len(pg.rows)-1]
			if k < len(next) && next[k].table != nil && next[k].table == last.table {
				on := 0 // lines of the row parted at the break, on this page
				for j := len(pg.rows) - 1; j >= 0 && pg.rows[j].table == last.table && !pg.rows[j].head && !endsRow(pg.rows[j]); j-- {
					on++
				}
				if !endsRow(last) {
					split++
					rest := 0
					for j := k; j < len(next) && !endsRow(next[j]); j++ {
						rest++
					}
					if on < rowLinesKept || rest+1 < rowLinesKept {
						t.Errorf("%s page %d: a row parted %d lines over %d", p, pg.no, on, rest+1)
					}
				}
				if k == 0 {
					t.Errorf("%s page %d: the table goes on without its header", p, pg.no+1)
				}
			}
			// The row that follows, if it flows: one of at most
			// wholeRowLines lines moves whole by design (large print's in
			// pieces kept together), whatever room it leaves.
			flows := false
			if k < len(next) && next[k].table != nil {
				rowH := 0.0
				for j := k; j < len(next); j++ {
					rowH += next[j].h
					if endsRow(next[j]) {
						break
					}
				}
				flows = math.Round((rowH-2*cellPadY)/lh) > wholeRowLines
			}
			if room := avail - height(pg.rows); room > float64(rowLinesKept+1)*lh+2*cellPadY && flows {
				t.Errorf("%s page %d: %.0f mm left empty before the table goes on", p, pg.no, room)
			}
		}
		if split == 0 {
			t.Errorf("%s: no row of the schemes of work goes on over a page", p)
		}
	}
}

// endsRow reports whether a table row piece is the last of its row: it
// draws the rule under the row.
func endsRow(r *row) bool {
	for _, o := range r.ops {
		if l, ok := o.(lineOp); ok && l.y1 == r.h && l.y2 == r.h {
			return true
		}
	}
	return false
}

// TestProjectsAreTasks adds a project (phase: project) to the fixture's
// third chapter, first in its source: the handout sets it after the
// discussion questions, under Projects, numbered on from them, its brief
// in a box and, for the student, a planning box instead of answer lines;
// the teacher's copy has the guidance there. The files stay tagged.
func TestProjectsAreTasks(t *testing.T) {
	tool(t, "pdftotext")
	fsys := booktest.Fixture(t, "testdata/full.txtar")
	ch := string(fsys["chapters/03-homecoming.md"].Data)
	fsys["chapters/03-homecoming.md"] = &fstest.MapFile{Data: []byte(strings.Replace(ch, "questions:\n", `questions:
  - id: home-map
    prompt: Draw a map of Ithaca for a reader who has never been there, and label each place the chapter names.
    type: creative
    phase: project
    lines: 8
    guidance: Strong maps place the hut, the palace and the shore.
`, 1))}
	b := booktest.MustOpen(t, fsys, book.Options{Draft: true})
	h := fixtureHandouts(t, "letter")
	h.b = b
	c := b.Chapters[2]
	var project *book.Question
	open := 0 // the answer lines the other questions ask for
	for _, q := range c.Questions {
		if q.ID == "home-map" {
			project = q
		} else if q.Format == "" || q.Format == book.AnswerOpen {
			open += q.Lines
		}
	}
	if project == nil || project.Number != len(c.Questions) {
		t.Fatalf("the project is not numbered last: %+v", project)
	}
	plan := h.label("project-plan")
	for _, teacher := range []bool{false, true} {
		rows := h.handout(c, teacher).rows
		at := map[string]int{} // where each text is first drawn
		plans, briefs, lines := 0, 0, 0
		for i, r := range rows {
			if r.lines {
				lines++
			}
			for _, o := range r.ops {
				if op, ok := o.(textOp); ok {
					if _, seen := at[op.frag.Text]; !seen {
						at[op.frag.Text] = i
					}
					if op.frag.Text == plan {
						plans++
						if r.frame == nil || r.frame.background != nil || r.frame.border != &ruleColor {
							t.Errorf("teacher %v: the plan's label is not in a ruled box", teacher)
						}
					}
					if strings.HasPrefix(op.frag.Text, "Draw a map") && r.frame != nil && r.frame.background == &fillTint {
						briefs++
					}
				}
			}
		}
		heading, questions := at[h.label("projects")], at[h.label("discussion-questions")]
		if heading == 0 || heading < questions || heading < at[strconv.Itoa(project.Number-1)+"."] {
			t.Errorf("teacher %v: Projects at row %d, the discussion questions at %d: not after them", teacher, heading, questions)
		}
		if at[strconv.Itoa(project.Number)+"."] < heading {
			t.Errorf("teacher %v: the project's number is not under Projects", teacher)
		}
		if briefs != 1 {
			t.Errorf("teacher %v: the brief is in a box %d times, want once", teacher, briefs)
		}
		if want := map[bool]int{false: 1, true: 0}[teacher]; plans != want {
			t.Errorf("teacher %v: %d planning boxes, want %d", teacher, plans, want)
		}
		if want := map[bool]int{false: open, true: 0}[teacher]; lines != want {
			t.Errorf("teacher %v: %d answer lines, want %d (none for the project)", teacher, lines, want)
		}
	}
	files, _, _ := renderFiles(t, b, options(layouts.All, "letter", true))
	for path, want := range map[string]string{
		fmt.Sprintf("handouts/%02d-%s.pdf", c.Number, c.ID): "Projects " + strconv.Itoa(project.Number) + ". Draw a map",
		"elodie-s-odyssey-teacher.pdf":                      "Strong maps place the hut",
	} {
		text := strings.Join(strings.Fields(pdftotext(t, files[path].Data)), " ")
		if !strings.Contains(text, want) {
			t.Errorf("%s does not read %q", path, want)
		}
		if findings, err := pdfua.Check(files[path].Data); err != nil || len(findings) > 0 {
			t.Errorf("%s: PDF/UA: %v %v", path, err, findings)
		}
	}
}

// TestMarkSchemesStayWhole: in the bundled companion's teacher packet,
// each mark scheme that fits a page is printed on one, to be copied
// whole, in the handout that prints it (the toolkit names it there),
// unless it would leave the page it starts on two-thirds empty.
func TestMarkSchemesStayWhole(t *testing.T) {
	forBundledHandouts(t, bothPapers, func(t *testing.T, h *handouts) {
		paper := h.opt.Paper
		prefix, _, _ := strings.Cut(h.label("rubric-for", "title", "\x00"), "\x00")
		schemes := 0
		for _, c := range h.b.Chapters {
			if len(c.Rubrics()) == 0 {
				continue
			}
			// Each scheme's rows, from its heading to the next heading.
			s := h.handout(c, true)
			onPage := map[*row]int{}
			// The height the rows above a row on its page draw down to,
			// their trailing space aside, as the paginator measures a
			// handout's page for filling (inkedHeight).
			above := map[*row]float64{}
			for k, p := range paginate(s, h.g) {
				y, ink := 0.0, 0.0
				for _, r := range p.rows {
					onPage[r], above[r] = k, ink
					if y += r.h; !r.space {
						ink = y
					}
				}
			}
			start := -1
			for j, r := range s.rows {
				if len(r.marks) > 0 && r.marks[0].level == 1 {
					start = -1
					if strings.HasPrefix(r.marks[0].title, prefix) {
						start = j
					}
				}
				if start < 0 || j+1 < len(s.rows) && !(len(s.rows[j+1].marks) > 0 && s.rows[j+1].marks[0].level == 1) {
					continue
				}
				scheme := s.rows[start : j+1]
				for len(scheme) > 0 && (scheme[len(scheme)-1].space || scheme[len(scheme)-1].table == nil) {
					scheme = scheme[:len(scheme)-1]
				}
				schemes++
				// A scheme, with the space above it, under less than a
				// third of a page goes on from it, which is not left
				// two-thirds empty.
				filled := above[s.rows[max(start-1, 0)]] < s.room(h.g, 2)/3
				if height(scheme) <= min(h.maxBlockH(), s.room(h.g, 2)) && !filled && onPage[scheme[0]] != onPage[scheme[len(scheme)-1]] {
					t.Errorf("%s: a mark scheme of %.0f mm, which fits a page, is split over pages %d and %d", paper, height(scheme), onPage[scheme[0]]+1, onPage[scheme[len(scheme)-1]]+1)
				}
			}
		}
		if schemes != len(h.b.Rubrics) {
			t.Errorf("%s: %d schemes in the handouts, want %d", paper, schemes, len(h.b.Rubrics))
		}
	})
}

// TestSchemesOfWorkAreShort: the bundled companion's two schemes of work,
// thirty lessons, list question numbers by handout, not prompts, so that
// a teacher has them on three pages of letter paper, not fifteen (nine
// in large print, whose cells are at its body's size, 18 pt, on 1.5 line
// spacing).
func TestSchemesOfWorkAreShort(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	for _, tc := range []struct {
		p    layouts.Profile
		most int
	}{{layouts.Standard, 3}, {layouts.LargePrint, 9}} {
		h := testHandouts(t, booktest.SharedBundled(t), "letter", tc.p)
		if n := len(paginate(h.pacingAppendix(), h.g)); n > tc.most {
			t.Errorf("%q: the schemes of work take %d pages, want at most %d", tc.p, n, tc.most)
		}
	}
}

// TestContentsGroupsEnd: an entry on its own after a group of the contents
// stands as far from the group as a group's label from what is before it,
// so it does not read as the group's last; contents that go on to a page
// in a group repeat its label there, as furniture, and an entry on its
// own that goes on does not.
func TestContentsGroupsEnd(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	var entries []contentsEntry
	add := func(group string, n int) {
		for range n {
			k := strconv.Itoa(len(entries) + 1)
			entries = append(entries, contentsEntry{number: k, title: "Entry " + k, group: group, page: len(entries) + 2, link: anchorName("e" + k)})
		}
	}
	add("", 1)
	add("Contexts", 60)
	add("", 60)
	cover := h.coverPage("Teacher edition", entries, contentsSets[0])
	// The space between two entries' rows: what lies between the row
	// with the first's page number and the row with the second's number.
	gapBefore := func(k string) (gap float64) {
		for i, r := range cover.rows {
			for _, o := range r.ops {
				if op, ok := o.(textOp); ok && op.frag.Style == richtext.Bold && strings.TrimSpace(op.frag.Text) == k {
					for j := i - 1; j >= 0 && cover.rows[j].space; j-- {
						gap += cover.rows[j].h
					}
					return gap
				}
			}
		}
		t.Fatalf("no entry %s", k)
		return 0
	}
	if gap := gapBefore("62"); gap < 3 {
		t.Errorf("an entry on its own after a group stands %.1f mm below it, want 3 at least", gap)
	}
	pages := paginate(cover, h.g)
	if len(pages) < 2 {
		t.Fatalf("the contents take %d page; the test wants them to go on", len(pages))
	}
	text := func(r *row) (s string, artifact bool) {
		artifact = true
		for _, o := range r.ops {
			if op, ok := o.(textOp); ok {
				s += op.frag.Text
				artifact = artifact && op.tag == nil
			}
		}
		return s, artifact
	}
	var firsts []string
	for _, pg := range pages[1:] {
		var texts []string
		for _, r := range pg.rows {
			if s, art := text(r); s != "" {
				texts = append(texts, s)
				if s == "Contexts" && !art {
					texts[len(texts)-1] += " (tagged)"
				}
			}
		}
		firsts = append(firsts, strings.Join(texts[:min(3, len(texts))], " | "))
	}
	if !strings.HasPrefix(firsts[0], h.label("contents-continued")+" | Contexts | ") {
		t.Errorf("the contents go on in the group under %q", firsts[0])
	}
	// Then entries on their own: no label.
	for _, f := range firsts[1:] {
		if strings.Contains(f, "Contexts") {
			t.Errorf("entries on their own go on under the group's label: %q", f)
		}
	}
}

// TestContentsGroupLabelKeepsItsEntries: wherever the page ends, a
// group's label of the contents stands on a page with three of its
// entries at least, or all of a group of fewer, never alone or with one
// at the page's foot.
func TestContentsGroupLabelKeepsItsEntries(t *testing.T) {
	h := fixtureHandouts(t, "letter")
	for _, size := range []int{2, 8, 24} {
		for before := 1; before <= 80; before++ {
			var entries []contentsEntry
			add := func(group, title string, n int) {
				for range n {
					k := strconv.Itoa(len(entries) + 1)
					entries = append(entries, contentsEntry{number: k, title: title + " " + k, group: group, page: len(entries) + 2, link: anchorName("e" + k)})
				}
			}
			add("", "Entry", before)
			add("For the teacher", "Key", size)
			for _, pg := range paginate(h.coverPage("Teacher edition", entries, contentsSets[0]), h.g) {
				label, keys := false, 0
				for _, r := range pg.rows {
					text, tagged := "", false
					for _, o := range r.ops {
						if op, ok := o.(textOp); ok {
							text += op.frag.Text
							tagged = tagged || op.tag != nil
						}
					}
					if tagged && text == "For the teacher" {
						label = true
					} else if label && strings.Contains(text, "Key ") {
						keys++
					}
				}
				if want := min(size, minOpening); label && keys < want {
					t.Errorf("%d entries, then a group of %d: page %d ends with the group's label and %d of its entries, want %d at least", before, size, pg.no, keys, want)
				}
			}
		}
	}
}

// TestMatrixNoticeStaysWithItsTable: a framework's notice (its licence
// and attribution) goes on the page of its table's last row, never alone
// at the head of the next page, where it would read as the next
// framework's; in the bundled companion, both profiles, letter and A4.
func TestMatrixNoticeStaysWithItsTable(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		p, paper := h.opt.Profile, h.opt.Paper
		s := h.mapping()
		onPage := map[*row]int{}
		for k, pg := range paginate(s, h.g) {
			for _, r := range pg.rows {
				onPage[r] = k + 1
			}
		}
		notices := 0
		for j, r := range s.rows {
			if r.table == nil || j+1 < len(s.rows) && s.rows[j+1].table == r.table {
				continue
			}
			// The first row after the table that draws: a notice, or
			// the next framework's heading.
			k := j + 1
			for k < len(s.rows) && s.rows[k].space {
				k++
			}
			if k == len(s.rows) || len(s.rows[k].marks) > 0 {
				continue
			}
			notices++
			if onPage[r] != onPage[s.rows[k]] {
				t.Errorf("%q %s: a notice is on page %d, its table's last row on page %d", p, paper, onPage[s.rows[k]], onPage[r])
			}
		}
		if notices == 0 {
			t.Errorf("%q %s: no framework's notice found", p, paper)
		}
	})
}

// TestGuidanceBoxesPartWithThreeLines: a teacher's guidance box parted by
// a page keeps boxLinesKept lines at least on either side, in the bundled
// companion's handouts, both profiles, letter and A4 (large print's
// Handout 1 ended on a page of two lines of a box).
func TestGuidanceBoxesPartWithThreeLines(t *testing.T) {
	forPartedBoxes(t, everyPrinting, guidanceBox, func(t *testing.T, h *handouts, c *book.Chapter, before, after *pageLayout) {
		f := before.rows[len(before.rows)-1].frame
		lines := func(pg *pageLayout) int {
			n := 0
			for _, r := range pg.rows {
				if r.frame == f && len(r.ops) > 0 {
					n++
				}
			}
			return n
		}
		if b, a := lines(before), lines(after); b < boxLinesKept || a < boxLinesKept {
			t.Errorf("handout %d page %d: a guidance box parts %d lines over %d", c.Number, before.no, b, a)
		}
	})
}

// TestGuidanceBoxesSayContinued: where a page parts a teacher's guidance
// box, the part on the next page opens with the box's label, continued,
// in the box, as a table's header and a question's lines do; in the
// bundled companion's handouts, both profiles, letter and A4 (large
// print parts boxes; the standard page, today, none).
func TestGuidanceBoxesSayContinued(t *testing.T) {
	parted := forPartedBoxes(t, everyPrinting, guidanceBox, func(t *testing.T, h *handouts, c *book.Chapter, before, after *pageLayout) {
		want := h.label("box-continued", "label", h.label("teacher-guidance"))
		f := after.rows[0].frame
		var first string
		for _, r := range after.rows {
			if r.frame == f && len(r.ops) > 0 {
				first = rowTextOf(r)
				break
			}
		}
		if first != want {
			t.Errorf("handout %d page %d: the guidance box goes on under %q, want %q", c.Number, after.no, first, want)
		}
	})
	if parted == 0 {
		t.Error("no guidance box of the bundled companion is parted by a page")
	}
}

// guidanceBox reports whether a page that ends in row last and the
// next, which opens with row next, part a teacher's guidance box.
func guidanceBox(last, next *row) bool {
	return last.frame != nil && last.frame.background == &fillTeach && next.frame == last.frame
}

// forPartedBoxes lays out the bundled companion's teacher handouts in
// each of prints and calls parted with the two pages of every page break
// that parts a box: where the last row of a page and the first of the
// next are both in it (in). It returns how many it found.
func forPartedBoxes(t *testing.T, prints []printing, in func(last, next *row) bool, parted func(t *testing.T, h *handouts, c *book.Chapter, before, after *pageLayout)) int {
	t.Helper()
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	n := 0
	forBundledHandouts(t, prints, func(t *testing.T, h *handouts) {
		for _, c := range h.b.Chapters {
			pages := paginate(h.handout(c, true), h.g)
			for i := 0; i+1 < len(pages); i++ {
				if rows := pages[i].rows; in(rows[len(rows)-1], pages[i+1].rows[0]) {
					n++
					parted(t, h, c, pages[i], pages[i+1])
				}
			}
		}
	})
	return n
}

// rowTextOf is the text a row draws.
func rowTextOf(r *row) string {
	var b strings.Builder
	for _, o := range r.ops {
		if t, ok := o.(textOp); ok {
			b.WriteString(t.frag.Text)
		}
	}
	return b.String()
}

// TestTeacherOnlyTextSaysContinued: the teacher's own notes in a handout
// ("For the teacher", on a tint) go on over a page under their label,
// continued, in the bundled companion's teacher handouts, letter and A4.
func TestTeacherOnlyTextSaysContinued(t *testing.T) {
	tinted := func(r *row) bool {
		return slices.ContainsFunc(r.fills, func(f fill) bool {
			return f.style != nil && f.style.BackgroundColor != nil && *f.style.BackgroundColor == fillTint
		})
	}
	parted := forPartedBoxes(t, bothPapers, func(last, next *row) bool { return tinted(last) && tinted(next) },
		func(t *testing.T, h *handouts, c *book.Chapter, before, after *pageLayout) {
			want := h.label("box-continued", "label", h.label("for-the-teacher"))
			if got := rowTextOf(after.rows[1]); got != want {
				t.Errorf("handout %d page %d: the teacher's notes go on under %q, want %q", c.Number, after.no, got, want)
			}
		})
	if parted == 0 {
		t.Error("no teacher's notes of the bundled companion are parted by a page")
	}
}

// TestGuidanceBoxPartsOnAHalfEmptyPage: a teacher's guidance box short
// enough to keep whole parts all the same, its first and last
// boxLinesKept lines together, where moving it on with its prompt would
// leave the page more than a third empty (large print's Handout 6, whose
// pages ended in half a page of white): no page of a teacher's handout
// but its last is left so where the question that opens the next page,
// its prompt and its box's first boxLinesKept lines, would fit in it. In
// the bundled companion's teacher handouts, every printing.
func TestGuidanceBoxPartsOnAHalfEmptyPage(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	parted := 0
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		for _, c := range h.b.Chapters {
			s := h.handout(c, true)
			// Each box short enough to keep whole (keepTogether) and long
			// enough to part (keepBoxEnds).
			short := map[*frame]bool{}
			for _, r := range s.rows {
				if isGuidance(r) && !short[r.frame] {
					var box []*row
					lines := 0
					for _, b := range s.rows {
						if b.frame == r.frame {
							box = append(box, b)
							if len(b.ops) > 0 {
								lines++
							}
						}
					}
					short[r.frame] = height(box) <= h.g.body()/3 && lines >= 2*boxLinesKept
				}
			}
			pages := paginate(s, h.g)
			for i, p := range pages[:len(pages)-1] {
				next := pages[i+1].rows
				if last := p.rows[len(p.rows)-1]; short[last.frame] && slices.ContainsFunc(next, func(r *row) bool { return r.frame == last.frame }) {
					parted++
				}
				room := s.room(h.g, i+1)
				free := room - height(p.rows) - height(p.notes)
				if free <= room/3 || len(next) == 0 || isGuidance(next[0]) {
					continue
				}
				// The next page's first box and how far its first lines go.
				k, lines := -1, 0
				for j, r := range next {
					if !isGuidance(r) {
						if k >= 0 {
							break
						}
						continue
					}
					if !short[r.frame] {
						break
					}
					k = j
					if len(r.ops) > 0 {
						if lines++; lines == boxLinesKept {
							break
						}
					}
				}
				if k < 0 || lines < boxLinesKept {
					continue
				}
				// With the space that parts the question from the one
				// before, dropped at the page's top.
				if need := height(next[:k+1]) + 4; need <= free {
					t.Errorf("handout %d page %d: %.0f of %.0f mm left, and the next page's question with its box's first lines needs %.0f", c.Number, i+1, free, room, need)
				}
			}
		}
	})
	if parted == 0 {
		t.Error("no box short enough to keep whole is parted")
	}
}

// TestSchemesOfWorkHandoutNumbersStayWithTitles: in the schemes of work's
// Handouts column, a handout's number is tied to the first word of its
// title, so that no line ends "…; 8." with "Narration, Style and
// Structure" on the next (review13 #3), in either profile.
func TestSchemesOfWorkHandoutNumbersStayWithTitles(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	stranded := regexp.MustCompile(`(^|; )\d+\.$`)
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := testHandouts(t, booktest.SharedBundled(t), "letter", p)
		for _, r := range h.pacingAppendix().rows {
			var line string
			lastY, lastX := -1.0, -1.0
			flush := func() {
				if s := strings.TrimSpace(line); stranded.MatchString(s) {
					t.Errorf("%q: a line of the schemes of work ends on a handout's number: %q", p, s)
				}
				line = ""
			}
			for _, o := range r.ops {
				op, ok := o.(textOp)
				if !ok {
					continue
				}
				if op.y != lastY || op.x < lastX {
					flush()
				}
				line += op.frag.Text
				lastY, lastX = op.y, op.x
			}
			flush()
		}
	}
}

// TestPartsShareALine: pieces of the layout that stand side by side or
// one above the other share one line, in either profile: the band's
// kicker and the edition's label beside it one baseline (review13 #11:
// the label stood 1.6 pt lower), and the curriculum map's framework
// tables one split of the measure, so that the column rule does not jump
// between tables stacked on a page (review13 #9).
func TestPartsShareALine(t *testing.T) {
	for _, c := range []struct {
		name string
		// at is the positions that must agree, in mm; few is the error
		// where there are fewer than two, apart the error where two
		// differ.
		at         func(h *handouts) []float64
		few, apart string
	}{{
		name: "band",
		at: func(h *handouts) []float64 {
			band := h.band("Teacher edition · Handout 3", "Part One: Hailsham", "", h.b.ManifestPos, tagged.New(tagged.Sect))
			var ys []float64
			for _, r := range band {
				for _, o := range r.ops {
					if op, ok := o.(textOp); ok && op.frag.Size == h.g.typeSize(sizeSmall) {
						ys = append(ys, op.y)
					}
				}
				if len(ys) > 0 {
					break
				}
			}
			return ys
		},
		few:   "the band's first line has %d pieces of text, want the kicker and the label",
		apart: "the band's kicker and label stand on baselines %.2f and %.2f mm",
	}, {
		name: "mapping",
		at: func(h *handouts) []float64 {
			heading := strings.ReplaceAll(h.label("discussed-in-heading"), " ", "\u00A0")
			var xs []float64
			for _, r := range h.mapping().rows {
				for _, o := range r.ops {
					if op, ok := o.(textOp); ok && r.head && strings.HasPrefix(heading, strings.TrimSpace(op.frag.Text)) && strings.TrimSpace(op.frag.Text) != "" {
						xs = append(xs, op.x)
						break
					}
				}
			}
			return xs
		},
		few:   "%d framework tables' headers found, want 2 or more",
		apart: "the framework tables' second columns start at %.1f and %.1f mm",
	}} {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
				at := c.at(testHandouts(t, booktest.SharedBundled(t), "a4", p))
				if len(at) < 2 {
					t.Fatalf("%q: "+c.few, p, len(at))
				}
				for _, v := range at[1:] {
					if math.Abs(v-at[0]) > 0.01 {
						t.Errorf("%q: "+c.apart, p, at[0], v)
					}
				}
			}
		})
	}
}

// TestLargePrintLessonsAsBlocks: large print sets each lesson of a scheme
// of work as a block, as it sets the mark schemes as lists: a run-in
// heading "Lesson 4 · chs. 7–9", then a line of its handouts and one of
// its questions, not a table of four columns of some 100 pt each, a row
// four or five lines (review13 #20); a lesson is not parted by a page,
// and the standard profile keeps its table.
func TestLargePrintLessonsAsBlocks(t *testing.T) {
	for _, p := range []layouts.Profile{layouts.Standard, layouts.LargePrint} {
		h := testHandouts(t, booktest.SharedBundled(t), "letter", p)
		s := h.pacingAppendix()
		tables, heads := 0, 0
		for _, r := range s.rows[s.opening:] {
			if r.table != nil {
				tables++
			}
			for _, o := range r.ops {
				if op, ok := o.(textOp); ok && op.frag.Style == richtext.Bold && strings.HasPrefix(op.frag.Text, "Lesson\u00A0") && op.frag.Color == inkAccent {
					heads++
				}
			}
		}
		lessons := 0
		for _, sc := range h.b.Schedules {
			lessons += len(sc.Lessons)
		}
		switch {
		case p == layouts.Standard && (tables == 0 || heads != 0):
			t.Errorf("%q: %d table rows and %d lesson headings, want a table", p, tables, heads)
		case p == layouts.LargePrint && (tables != 0 || heads != lessons):
			t.Errorf("%q: %d table rows and %d lesson headings for %d lessons, want a block a lesson", p, tables, heads, lessons)
		}
		if p != layouts.LargePrint {
			continue
		}
		for k, pg := range paginate(s, h.g) {
			for i, r := range pg.rows {
				if i == len(pg.rows)-1 && r.keep && !r.space {
					t.Errorf("page %d ends inside a lesson", k+1)
				}
			}
		}
	}
}
