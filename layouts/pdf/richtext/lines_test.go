package richtext

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/companion-dev/companion/layouts/pdf/hyphen"
)

// lineText joins a line's fragments as a reader (or pdftotext) sees them.
func lineText(l Line) string {
	var b strings.Builder
	for _, f := range l.Fragments {
		b.WriteString(f.Text)
	}
	return b.String()
}

func allText(lines []Line) string {
	var parts []string
	for _, l := range lines {
		parts = append(parts, strings.TrimSpace(lineText(l)))
	}
	return strings.Join(parts, " ")
}

func TestAdvancesAreTheFontsOwn(t *testing.T) {
	f := Serif()
	// Gentium Book Plus's advances (2048 units an em) in thousandths of an
	// em, as fontTools reads them from hmtx.
	for _, c := range []struct {
		st   Style
		r    rune
		want int
	}{
		{Roman, 'a', 473}, {Roman, 'M', 820}, {Roman, ' ', 220},
		{Italic, 'a', 460}, {Bold, 'a', 513}, {BoldItalic, 'M', 800},
		{Roman, '—', 778}, {Roman, '“', 456},
	} {
		if got := f.Face(c.st).Advance(c.r); got != c.want {
			t.Errorf("advance of %q in style %d = %d, want %d", c.r, c.st, got, c.want)
		}
	}
	if got, want := f.Width(Roman, "aM", 10), (473+820)*10.0/1000*PtToMM; math.Abs(got-want) > 1e-9 {
		t.Errorf("width = %v, want %v", got, want)
	}
	// Latin, Greek (polytonic too) and Cyrillic, with Yoruba's letters.
	for _, r := range []rune{'é', 'ß', 'α', 'Ω', 'ἀ', 'ῷ', 'Ж', 'ё', 'ọ', 'ẹ', '\u0300', '…', '‘'} {
		if !f.Has(Roman, r) || !f.Has(Italic, r) {
			t.Errorf("Gentium Book Plus should draw %q", r)
		}
	}
	for _, r := range []rune{'😀', '中', 0x10FFFF} {
		if f.Has(Roman, r) {
			t.Errorf("Has(%q) = true, want false", r)
		}
	}
}

func TestBreakKeepsEveryWordAndFitsTheMeasure(t *testing.T) {
	f := Serif()
	words := strings.Fields(strings.Repeat("Kathy remembers Hailsham with a care that hides as much as it shows. ", 20))
	text := strings.Join(words, " ")
	for _, justify := range []bool{false, true} {
		lines := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: 80, Justify: justify})
		if len(lines) < 10 {
			t.Fatalf("only %d lines", len(lines))
		}
		if got := allText(lines); got != text {
			t.Errorf("text changed:\n got %q\nwant %q", got, text)
		}
		for i, l := range lines {
			if l.Width > 80+1e-6 {
				t.Errorf("line %d is %.3f mm wide, more than the 80 mm measure", i, l.Width)
			}
			if justify && i < len(lines)-1 && math.Abs(l.Width-80) > 1e-6 {
				t.Errorf("justified line %d ends at %.3f, not 80", i, l.Width)
			}
			if l.Size != 11 {
				t.Errorf("line size %v", l.Size)
			}
		}
	}
}

func TestBreakIsGreedyAndUsesRealWidths(t *testing.T) {
	f := Serif()
	sp := []Span{{Text: "aaa aaa aaa", Size: 10}}
	wWord := f.Width(Roman, "aaa", 10)
	wSpace := f.Width(Roman, " ", 10)
	// Room for exactly two words and a space.
	lines := f.Break(sp, Options{Width: 2*wWord + wSpace})
	// The first line keeps the space it broke at (Fragment.Spaced).
	if len(lines) != 2 || lineText(lines[0]) != "aaa aaa " || lineText(lines[1]) != "aaa" {
		t.Fatalf("got %q", texts(lines))
	}
	lines = f.Break(sp, Options{Width: 2*wWord + wSpace - 0.01})
	if len(lines) != 3 {
		t.Fatalf("got %q, want three lines", texts(lines))
	}
}

func texts(lines []Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, lineText(l))
	}
	return out
}

func TestStyleChangesInsideAWordDoNotBreakIt(t *testing.T) {
	f := Serif()
	spans := []Span{
		{Text: "Read ", Size: 10},
		{Text: "Never Let Me Go", Style: Italic, Size: 10},
		{Text: "’s ending again", Size: 10},
	}
	for w := 12.0; w < 80; w += 0.5 { // from a measure that holds "ending"
		lines := f.Break(spans, Options{Width: w})
		for _, l := range lines {
			if strings.HasPrefix(lineText(l), "’s") {
				t.Fatalf("width %v: the possessive was cut from its title: %q", w, texts(lines))
			}
		}
		if got := allText(lines); got != "Read Never Let Me Go’s ending again" {
			t.Fatalf("width %v: %q", w, got)
		}
	}
	lines := f.Break(spans, Options{Width: 200})
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	fr := lines[0].Fragments
	if len(fr) != 3 || fr[1].Style != Italic || fr[1].Text != "Never Let Me Go" {
		t.Fatalf("fragments %+v", fr)
	}
	// Each fragment starts where the previous one ends.
	for i := 1; i < len(fr); i++ {
		if math.Abs(fr[i-1].X+fr[i-1].Width-fr[i].X) > 1e-9 {
			t.Errorf("gap before fragment %d", i)
		}
	}
}

func TestForcedBreaksDashesAndLongWords(t *testing.T) {
	f := Serif()
	lines := f.Break([]Span{{Text: "one\ntwo three", Size: 10}}, Options{Width: 100})
	if got := texts(lines); len(got) != 2 || got[0] != "one " || got[1] != "two three" {
		t.Errorf("forced break: %q", got)
	}
	// An em dash between words is a break chance; a hyphen is not (text
	// extraction would join the halves).
	w := f.Width(Roman, "Hailsham—", 10) + 0.1
	lines = f.Break([]Span{{Text: "Hailsham—Cottages", Size: 10}}, Options{Width: w})
	if got := texts(lines); len(got) != 2 || got[0] != "Hailsham—" || got[1] != "Cottages" {
		t.Errorf("dash: %q", got)
	}
	w = f.Width(Roman, "self-conscious", 10) + 0.1
	lines = f.Break([]Span{{Text: "a self-conscious b", Size: 10}}, Options{Width: w})
	if got := texts(lines); len(got) != 3 || got[1] != "self-conscious " {
		t.Errorf("hyphen: %q", got)
	}
	// …but not inside a page range, nor after its "pp.".
	w = f.Width(Roman, "see pp. 211–", 10) + 0.1
	lines = f.Break([]Span{{Text: "see pp. 211–30", Size: 10}}, Options{Width: w})
	if got := texts(lines); len(got) != 2 || got[1] != "pp. 211–30" {
		t.Errorf("page range: %q", got)
	}
	// A web address breaks after a slash past its host, never between
	// the two slashes of its scheme nor after them, where the scheme would
	// stand alone at a line's end.
	for _, width := range []string{"at https://", "at https://www.exa", "at https://www.example.o"} {
		w = f.Width(Roman, width, 10) + 0.1
		lines = f.Break([]Span{{Text: "at https://www.example.org/books", Size: 10}}, Options{Width: w})
		for _, l := range texts(lines) {
			if strings.HasSuffix(l, "/") && !strings.HasSuffix(l, ".org/") {
				t.Errorf("address at %s: %q", width, texts(lines))
			}
		}
	}
	w = f.Width(Roman, "https://www.example.org/bo", 10) + 0.1
	lines = f.Break([]Span{{Text: "https://www.example.org/books", Size: 10}}, Options{Width: w})
	if got := texts(lines); len(got) != 2 || got[0] != "https://www.example.org/" {
		t.Errorf("address: %q", got)
	}
	long := strings.Repeat("x", 200)
	lines = f.Break([]Span{{Text: "see " + long + " now", Size: 10}}, Options{Width: 30})
	if got := strings.ReplaceAll(allText(lines), " ", ""); got != "see"+long+"now" {
		t.Errorf("long word lost characters: %q", got)
	}
	for _, l := range lines {
		if l.Width > 30+1e-6 {
			t.Errorf("line %q is %.2f mm", lineText(l), l.Width)
		}
	}
}

func TestHangingIndent(t *testing.T) {
	f := Serif()
	text := strings.Repeat("Ishiguro, Kazuo. Never Let Me Go. Faber and Faber, 2005. ", 3)
	lines := f.Break([]Span{{Text: text, Size: 10}}, Options{Width: 60, Hanging: 12.7})
	if len(lines) < 3 {
		t.Fatal("too few lines")
	}
	if lines[0].Fragments[0].X != 0 {
		t.Errorf("first line starts at %v", lines[0].Fragments[0].X)
	}
	for _, l := range lines[1:] {
		if l.Fragments[0].X != 12.7 {
			t.Errorf("continuation starts at %v, want 12.7", l.Fragments[0].X)
		}
	}
}

func TestEmptyAndSpacesOnly(t *testing.T) {
	f := Serif()
	if l := f.Break(nil, Options{Width: 10}); l != nil {
		t.Errorf("nil spans gave %d lines", len(l))
	}
	if l := f.Break([]Span{{Text: "   ", Size: 10}}, Options{Width: 10}); len(l) != 0 {
		t.Errorf("spaces gave %q", texts(l))
	}
}

func BenchmarkBreak(b *testing.B) {
	f := Serif()
	sp := []Span{{Text: strings.Repeat("Kathy remembers Hailsham with a care that hides as much as it shows. ", 10), Size: 10.5}}
	for b.Loop() {
		f.Break(sp, Options{Width: 170, Justify: true})
	}
}

// TestNoBreakAfterAbbreviationsAndInitials: "p. 12", "ch. 5" and the
// initials of "J. K. Rowling" never part at a line's end, whatever the
// measure, also where the text comes in spans parted before each full
// stop ("(ch" ". 5"), as the typographer parts a table cell's text; an
// ordinary sentence's space still breaks.
func TestNoBreakAfterAbbreviationsAndInitials(t *testing.T) {
	f := Serif()
	const text = "As Rowling (J. K. Rowling) says on p. 12 and in ch. 5, the end (chapter 1). Then it goes on."
	var parts []Span
	for i, piece := range strings.Split(text, ".") {
		if i > 0 {
			piece = "." + piece
		}
		parts = append(parts, Span{Text: piece, Size: 11})
	}
	for _, spans := range [][]Span{{{Text: text, Size: 11}}, parts} {
		tiesHold(t, f, spans)
	}
}

func tiesHold(t *testing.T, f *Fonts, spans []Span) {
	t.Helper()
	parted := map[string]bool{}
	// Every measure from the widest run that may not break ("(chapter
	// 1).", narrower than which it is cut at characters).
	for w := f.MinWidth(spans); w < 120; w += 0.25 {
		lines := f.Break(spans, Options{Width: w})
		for i := 1; i < len(lines); i++ {
			prev := strings.TrimSpace(lineText(lines[i-1]))
			next := strings.TrimSpace(lineText(lines[i]))
			for _, tie := range []string{"J.|K.", "K.|Rowling)", "p.|12", "ch.|5,", "chapter|1)."} {
				a, b, _ := strings.Cut(tie, "|")
				if strings.HasSuffix(prev, " "+a) || prev == a || strings.HasSuffix(prev, "("+a) {
					if strings.HasPrefix(next, b) {
						t.Errorf("%d spans, width %v: %q parted from %q", len(spans), w, a, b)
					}
				}
			}
			parted[prev[strings.LastIndex(prev, " ")+1:]+"|"+strings.Fields(next)[0]] = true
		}
	}
	if !parted["1).|Then"] {
		t.Errorf("%d spans: the space after a full stop never broke: %v", len(spans), parted)
	}
}

// TestHyphenationEvensTheRag: with English patterns, words that do not
// fit at a line's end are hyphenated; no line passes the measure, the
// words join back whole, and the ragged lines end closer to the measure
// than without hyphenation.
func TestHyphenationEvensTheRag(t *testing.T) {
	f := Serif()
	text := strings.Repeat("Characteristically, these narrators remember institutions, relationships and responsibilities with extraordinary, understated, unreliable precision. ", 6)
	slack := func(hyph func(string) []int) (float64, int) {
		lines := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: 60, Hyphenate: hyph})
		var words []string
		sum, hyphens := 0.0, 0
		pending, word := "", ""
		for i, l := range lines {
			if l.Width > 60+1e-9 {
				t.Errorf("line %d is %.2f mm wide", i, l.Width)
			}
			if i < len(lines)-1 {
				sum += (60 - l.Width) * (60 - l.Width)
			}
			ws := strings.Fields(lineText(l))
			ws[0] = pending + ws[0]
			// The head of a hyphenated word carries the word whole, for
			// the PDF's text; its tail is marked as the rest of it.
			if pending != "" && (ws[0] != word || !l.Fragments[0].Tail) {
				t.Errorf("line %d: a hyphenated word's head gives %q, its tail (marked %v) makes %q", i, word, l.Fragments[0].Tail, ws[0])
			}
			pending = ""
			if last := ws[len(ws)-1]; strings.HasSuffix(last, SoftHyphen) && hyph != nil {
				pending, ws = strings.TrimSuffix(last, SoftHyphen), ws[:len(ws)-1]
				word = l.Fragments[len(l.Fragments)-1].Word
				hyphens++
			}
			words = append(words, ws...)
		}
		if got := strings.Join(words, " "); got != strings.TrimSpace(text) {
			t.Errorf("the words do not join back:\n%s", got)
		}
		return sum, hyphens
	}
	plain, _ := slack(nil)
	even, hyphens := slack(hyphen.For("en").Points)
	if hyphens == 0 {
		t.Fatal("no word was hyphenated")
	}
	if even >= plain*0.7 {
		t.Errorf("hyphenated rag %.0f mm², unhyphenated %.0f: not even enough", even, plain)
	}
}

// TestHyphenationLeavesAddressesAndNumbersWhole: only plain words take a
// hyphen; a web address, an e-mail address, a number or a word that holds
// a hyphen already breaks where it may or not at all (a compound's part
// wider than the line aside, TestCompoundWiderThanTheMeasure).
func TestHyphenationLeavesAddressesAndNumbersWhole(t *testing.T) {
	f := Serif()
	points := hyphen.For("en-GB").Points // British patterns break "ht-tps"
	for _, word := range []string{"https://www.nobelprize.org/prizes", "teacher@example.org", "1,234,567,890", "self-consciousness"} {
		text := "Look at " + word + " now"
		for w := max(15, f.Width(Roman, "consciousness", 11)); w <= 60; w += 0.5 {
			for _, l := range f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, Hyphenate: points}) {
				if strings.Contains(lineText(l), SoftHyphen) {
					t.Fatalf("%q hyphenated at %.1f mm: %q", word, w, lineText(l))
				}
			}
		}
	}
	// …while a plain word still does.
	hyphenated := false
	for w := 15.0; w <= 60 && !hyphenated; w += 0.5 {
		for _, l := range f.Break([]Span{{Text: "Look at characteristically now", Size: 11}}, Options{Width: w, Hyphenate: points}) {
			hyphenated = hyphenated || strings.Contains(lineText(l), SoftHyphen)
		}
	}
	if !hyphenated {
		t.Error("a plain word is never hyphenated")
	}
}

// readText is what a line reads as in the PDF: each fragment's ActualText
// where it has one, else its text.
func readText(l Line) string {
	var b strings.Builder
	for _, f := range l.Fragments {
		if actual, ok := f.ActualText(); ok {
			b.WriteString(actual)
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

// TestSmallCapitalsReadInTheirOwnCase: a span drawn in capitals but read
// as other text (synthesised small caps) is laid out whole, never
// hyphenated nor broken at a dash nor joined to its neighbours, reads as
// the text it was written in, once, and is drawn in the face that has its letters.
func TestSmallCapitalsReadInTheirOwnCase(t *testing.T) {
	spans := []Span{
		{Text: "as ", Size: 11},
		{Text: "I", Size: 11},
		{Text: "SHIGUROCHARACTERISTICALLY", Actual: "shigurocharacteristically", Size: 8.58},
		{Text: " writes of ", Size: 11},
		{Text: "ὍΜΗΡΟΣ", Actual: "ὅμηρος", Size: 8.58},
		{Text: " and ", Size: 11},
		// where a dash would otherwise let the line break
		{Text: "SELF—TAUGHT", Actual: "self—taught", Size: 8.58},
	}
	for _, tc := range []struct {
		name  string
		fonts *Fonts
		greek Style // the style that draws the Greek
	}{
		{"book face", Serif(), Roman},
		{"large print", LargePrint(), Fallback},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.fonts
			// A measure that would hyphenate the long word if it could.
			w := f.Width(Roman, "as I", 11) + f.Width(Roman, "SHIGUROCHARAC", 8.58)
			lines := f.Break(spans, Options{Width: w + 20, Hyphenate: hyphen.For("en").Points})
			var read []string
			for _, l := range lines {
				read = append(read, strings.TrimSpace(readText(l)))
				for _, fr := range l.Fragments {
					if strings.Contains(fr.Text, SoftHyphen) {
						t.Errorf("%q is hyphenated", fr.Text)
					}
					if fr.Text == "ὍΜΗΡΟΣ" && fr.Style != tc.greek {
						t.Errorf("the Greek is drawn in style %d, want %d", fr.Style, tc.greek)
					}
				}
			}
			if got, want := strings.Join(read, " "), "as Ishigurocharacteristically writes of ὅμηρος and self—taught"; got != want {
				t.Errorf("reads %q, want %q", got, want)
			}
		})
	}
}

// TestHyphenationSparesNamesLabelsAndLastWords: at every measure, a
// capitalised word (a name, a term of the work), a span marked NoHyphen
// (a label, an attribution) and a paragraph's last word, before its end or
// a forced break, are never hyphenated, while a plain word in the same
// place is.
func TestHyphenationSparesNamesLabelsAndLastWords(t *testing.T) {
	f := Serif()
	points := hyphen.For("en-GB").Points
	hyphenates := func(spans []Span, word string) bool {
		// From a measure wider than "understanding": a word wider than
		// the measure takes a hyphen wherever it must
		// (TestWordWiderThanTheMeasure).
		for w := 25.0; w <= 90; w += 0.25 {
			for _, l := range f.Break(spans, Options{Width: w, Hyphenate: points}) {
				if n := len(l.Fragments); n > 0 && l.Fragments[n-1].Word != "" && strings.Contains(l.Fragments[n-1].Word, word) {
					return true
				}
			}
		}
		return false
	}
	lead := "She walks with a friend along the shore and sees "
	for _, tc := range []struct {
		name  string
		spans []Span
		word  string
		want  bool
	}{
		{"a plain word", []Span{{Text: lead + "the understanding again today", Size: 11}}, "understanding", true},
		{"a name", []Span{{Text: lead + "the Geraldine again today", Size: 11}}, "Geraldine", false},
		{"the work's term", []Span{{Text: lead + "the Exchanges again today", Size: 11}}, "Exchanges", false},
		{"the last word", []Span{{Text: lead + "the understanding", Size: 11}}, "understanding", false},
		{"the last word before a break", []Span{{Text: lead + "the understanding\nagain today", Size: 11}}, "understanding", false},
		{"a label", []Span{{Text: lead + "the answer", Size: 11}, {Text: " (correct) and again today", Size: 9, NoHyphen: true}}, "correct", false},
		{"an attribution", []Span{{Text: "“Look at it,” she says to us " + lead, Size: 11}, {Text: " —\u00A0the understanding narrator", Size: 11, NoHyphen: true}}, "understanding", false},
	} {
		if got := hyphenates(tc.spans, tc.word); got != tc.want {
			t.Errorf("%s: %q hyphenated %v, want %v", tc.name, tc.word, got, tc.want)
		}
	}
}

// TestWordWiderThanTheMeasure: a word wider than the measure takes a
// hyphen at each line it needs, from its patterns ("incompre-" "hensi-"
// "bil-" "i-" "ties"), reads whole in the PDF's text, and says no line is
// cut; without patterns it is cut at letters and its lines say so.
func TestWordWiderThanTheMeasure(t *testing.T) {
	f := Serif()
	sp := []Span{{Text: "the incomprehensibilities here", Size: 11}}
	w := f.Width(Roman, "incompre", 11)
	for _, opt := range []Options{{Width: w, Hyphenate: hyphen.For("en").Points}, {Width: w, HyphenateLong: hyphen.For("en").Points}} {
		lines := f.Break(sp, opt)
		var read []string
		for i, l := range lines {
			if l.Width > w+1e-9 || l.Cut {
				t.Errorf("line %d %q: %.2f mm wide on %.2f, cut %v", i, lineText(l), l.Width, w, l.Cut)
			}
			read = append(read, readText(l))
		}
		if len(lines) < 4 {
			t.Errorf("%d lines: the word was not hyphenated more than once", len(lines))
		}
		if got := strings.Join(strings.Fields(strings.Join(read, " ")), " "); got != "the incomprehensibilities here" {
			t.Errorf("reads as %q", got)
		}
	}
	lines := f.Break(sp, Options{Width: w})
	if len(lines) < 2 || !lines[1].Cut || lines[len(lines)-1].Cut {
		t.Errorf("without patterns: cut flags %v", func() (c []bool) {
			for _, l := range lines {
				c = append(c, l.Cut)
			}
			return
		}())
	}
}

// TestAttributionStaysWhole: a no-break space after a dash holds, so "—
// Miss Lucy" (tie.Attribution) never ends a line on the dash or parts the
// name, at any measure.
func TestAttributionStaysWhole(t *testing.T) {
	f := Serif()
	spans := []Span{{Text: "“You were told and not told.” —\u00A0Miss\u00A0Lucy (p.\u00A081)", Size: 11}}
	for w := f.MinWidth(spans); w < 120; w += 0.25 {
		lines := f.Break(spans, Options{Width: w})
		for _, l := range lines {
			text := strings.TrimSpace(lineText(l))
			if strings.HasSuffix(text, "—") || strings.HasPrefix(text, "Miss") || strings.HasPrefix(text, "Lucy") {
				t.Fatalf("width %v: the attribution broke at %q", w, text)
			}
		}
	}
}

// TestCompoundWiderThanTheMeasure: a compound wider than the line breaks
// after its own hyphen ("well-" "structured"), adding none, before any
// pattern's point, and a part still too wide takes its patterns'
// hyphens; a code's hyphen between figures ("W.9-10.1") is no break.
// Each reads whole in the PDF, without the break.
func TestCompoundWiderThanTheMeasure(t *testing.T) {
	f := Serif()
	points := hyphen.For("en").Points
	for _, c := range []struct {
		text  string
		width string // the measure: this text's width
		want  []string
	}{
		{"a well-structured argument", "structured", []string{"a", "well-", "structured", "argument"}},
		{"the late-1990s setting", "setting", []string{"the", "late-", "1990s", "setting"}},
		{"self-consciousness", "self-con\u00AD", []string{"self-", "con\u00AD", "scious\u00AD", "ness"}},
	} {
		w := f.Width(Roman, c.width, 11)
		lines := f.Break([]Span{{Text: c.text, Size: 11}}, Options{Width: w, HyphenateLong: points})
		var got, read []string
		for _, l := range lines {
			if l.Cut || l.Width > w+1e-9 {
				t.Errorf("%q: line %q is %.2f mm on %.2f, cut %v", c.text, lineText(l), l.Width, w, l.Cut)
			}
			got = append(got, strings.TrimSpace(lineText(l)))
			read = append(read, readText(l))
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q at the width of %q: lines %q, want %q", c.text, c.width, got, c.want)
		}
		if r := strings.Join(strings.Fields(strings.Join(read, " ")), " "); r != c.text {
			t.Errorf("%q reads as %q", c.text, r)
		}
	}
	// A code is no compound: without patterns of its own it is cut.
	w := f.Width(Roman, "W.9-1", 11)
	for _, l := range f.Break([]Span{{Text: "W.9-10.1", Size: 11}}, Options{Width: w, HyphenateLong: points}) {
		if strings.HasSuffix(lineText(l), "-") && !l.Cut {
			t.Errorf("the code broke after its hyphen: %q", lineText(l))
		}
	}
}

// TestShrinkLongSetsOneWordSmaller: a word no line holds even broken is
// set smaller, as ShrinkLong allows, and only it; with no smaller size
// allowed it is cut.
func TestShrinkLongSetsOneWordSmaller(t *testing.T) {
	f := Serif()
	points := hyphen.For("en").Points
	text := "see Acknowledges here" // a capital: no pattern's hyphen
	w := f.Width(Roman, "Acknowledges", 11) * 0.95
	shrink := func(size float64, step int) (float64, bool) { return size - 0.5*float64(step), step <= 4 }
	lines := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, HyphenateLong: points, ShrinkLong: shrink})
	sizes := map[string]float64{}
	for _, l := range lines {
		if l.Cut || l.Width > w+1e-9 {
			t.Errorf("line %q is %.2f mm on %.2f, cut %v", lineText(l), l.Width, w, l.Cut)
		}
		for _, fr := range l.Fragments {
			for _, word := range strings.Fields(fr.Text) {
				sizes[word] = fr.Size
			}
		}
	}
	if sizes["Acknowledges"] >= 11 || sizes["Acknowledges"] < 9 || sizes["see"] != 11 || sizes["here"] != 11 {
		t.Errorf("sizes %v: want the wide word alone smaller, by at most four steps", sizes)
	}
	none := func(float64, int) (float64, bool) { return 0, false }
	lines = f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, HyphenateLong: points, ShrinkLong: none})
	if !slices.ContainsFunc(lines, func(l Line) bool { return l.Cut }) {
		t.Error("with no smaller size the word is not cut")
	}
}

// readLines is what a structure element reads as, line after line
// (readText), with nothing added between lines.
func readLines(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(readText(l))
	}
	return b.String()
}

// TestLinesReadAsTheirWords: the text of a paragraph's lines, read one
// after another as a screen reader reads a structure element's content,
// is the paragraph's own: a line that breaks at a space or a forced break
// keeps the space (at no width, so nothing moves), a hyphenated word reads
// whole, and a break after a dash or inside a word too long for the
// measure adds nothing.
func TestLinesReadAsTheirWords(t *testing.T) {
	f := Serif()
	en := hyphen.For("en").Points
	for _, c := range []struct {
		name  string
		spans []Span
		want  string // "" for the spans' text
		opt   Options
	}{
		{name: "prose", spans: []Span{{Text: "the staff who teach and look after the students at Hailsham", Size: 11}}, opt: Options{Width: 30}},
		{name: "justified", spans: []Span{{Text: "What the students call the adults who teach and look after them at Hailsham.", Size: 11}}, opt: Options{Width: 40, Justify: true}},
		{name: "forced break", spans: []Span{{Text: "Lesson 2\nKathy’s voice and Hailsham’s world", Size: 9}}, want: "Lesson 2 Kathy’s voice and Hailsham’s world", opt: Options{Width: 25}},
		{name: "styles", spans: []Span{{Text: "Read ", Size: 11}, {Text: "Never Let Me Go", Style: Italic, Size: 11}, {Text: " again and again", Size: 11, Link: "https://example.org"}}, opt: Options{Width: 18}},
		{name: "dash", spans: []Span{{Text: "Hailsham—Cottages—Kingsfield", Size: 11}}, opt: Options{Width: 20}},
		{name: "hyphenated", spans: []Span{{Text: "Before they reach middle age they will begin to donate their vital organs, and that is what each of them was created to do.", Size: 11}}, opt: Options{Width: 45, Justify: true, Hyphenate: en}},
		{name: "narrow cell", spans: []Span{{Text: "characteristically uncharacteristic understatements", Size: 9}}, opt: Options{Width: 12, HyphenateLong: en}},
		{name: "cut", spans: []Span{{Text: "see https://www.nobelprize.org/prizes/literature/2017 now", Size: 9}}, opt: Options{Width: 15}},
		{name: "small caps", spans: []Span{{Text: "by ", Size: 11}, {Text: "ISHIGURO", Actual: "Ishiguro", Size: 9}, {Text: " and others", Size: 11}}, opt: Options{Width: 18}},
		{name: "mark", spans: []Span{{Text: "Adébáyọ̀ Adébáyọ̀ Adébáyọ̀ Adébáyọ̀", Size: 11}}, opt: Options{Width: 20}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			if want == "" {
				for _, sp := range c.spans {
					want += cmp.Or(sp.Actual, sp.Text)
				}
			}
			want = norm.NFC.String(want)
			lines := f.Break(c.spans, c.opt)
			if len(lines) < 2 {
				t.Fatalf("one line: %q", texts(lines))
			}
			if got := readLines(lines); got != want {
				t.Errorf("reads %q\nwant  %q\nlines %q", got, want, texts(lines))
			}
			for i, l := range lines {
				n := len(l.Fragments)
				if n == 0 {
					continue
				}
				end := l.Fragments[n-1]
				if end.Spaced != (i < len(lines)-1 && strings.HasSuffix(lineText(l), " ")) {
					t.Errorf("line %d %q: Spaced is %v", i, lineText(l), end.Spaced)
				}
				// The space takes no room: the line ends where its glyphs do.
				if end.Spaced && !end.BreakSpace() {
					if w := f.Width(end.Style, strings.TrimSuffix(end.Text, " "), end.Size); math.Abs(w-end.Width) > 1e-6 {
						t.Errorf("line %d: the last fragment is %v mm wide for %v mm of text", i, end.Width, w)
					}
				}
				if last := l.Unspaced().Fragments; strings.HasSuffix(last[len(last)-1].Text, " ") && end.Spaced {
					t.Errorf("line %d: Unspaced keeps the space: %q", i, lineText(l.Unspaced()))
				}
			}
		})
	}
}

// TestCompoundBreaksAfterItsHyphen: where a line would be left loose, a
// compound breaks after a hyphen of its own (U+002D between letters, or
// U+2010), adding none, with two letters before the hyphen and three of
// the word after it; never in a web or e-mail address, a run tied by a
// no-break space, a held place, a label, nor as the paragraph's last
// word; and its head reads as the whole word.
func TestCompoundBreaksAfterItsHyphen(t *testing.T) {
	f := Serif()
	en := hyphen.For("en").Points
	lead := "Kathy learned it in the same "
	after := " way the students did at school"
	for _, c := range []struct {
		name  string
		spans []Span
		opt   Options
		heads []string // line ends the compound may break at; nil: none
	}{
		{"hyphen", []Span{{Text: lead + "half-noticing" + after, Size: 11}}, Options{Hyphenate: en}, []string{"half-"}},
		{"U+2010", []Span{{Text: lead + "half\u2010noticing" + after, Size: 11}}, Options{Hyphenate: en}, []string{"half\u2010"}},
		{"each of its hyphens", []Span{{Text: lead + "lesson-by-lesson" + after, Size: 11}}, Options{Hyphenate: en}, []string{"lesson-", "lesson-by-"}},
		{"a figure after", []Span{{Text: lead + "late-1990s" + after, Size: 11}}, Options{Hyphenate: en}, []string{"late-"}},
		{"without patterns (a heading)", []Span{{Text: lead + "half-noticing" + after, Size: 11}}, Options{Compounds: true}, []string{"half-"}},
		{"one letter before", []Span{{Text: lead + "x-radiography" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"two letters after", []Span{{Text: lead + "well-to-do" + after, Size: 11}}, Options{Hyphenate: en}, []string{"well-"}},
		{"two letters after, alone", []Span{{Text: lead + "follow-up" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"figures", []Span{{Text: lead + "RL.11-12.2" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"a web address", []Span{{Text: lead + "https://www.nhsbt.nhs.uk/news/max-and-keira" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"a host and path", []Span{{Text: lead + "nhsbt.nhs.uk/news/max-and-keira-law" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"an e-mail address", []Span{{Text: lead + "first-name@example.org" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"a tied run", []Span{{Text: lead + "chapter\u00A0twenty-three" + after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"a held place", []Span{{Text: lead, Size: 11}, {Text: "half-noticing", Size: 11, Held: 1}, {Text: after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"a label", []Span{{Text: lead, Size: 11}, {Text: "half-noticing", Size: 11, NoHyphen: true}, {Text: after, Size: 11}}, Options{Hyphenate: en}, nil},
		{"the last word", []Span{{Text: lead + "way the students did it, half-noticing", Size: 11}}, Options{Hyphenate: en}, nil},
		{"large print (no hyphenation)", []Span{{Text: lead + "half-noticing" + after, Size: 11}}, Options{}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, opt := range []Options{c.opt, {Hyphenate: c.opt.Hyphenate, Compounds: c.opt.Compounds, Justify: true}} {
				for w := 45.0; w <= 90; w += 0.25 {
					opt.Width = w
					lines := f.Break(c.spans, opt)
					want := ""
					for _, sp := range c.spans {
						want += sp.Text
					}
					if got := readLines(lines); got != norm.NFC.String(want) {
						t.Fatalf("at %.2f mm reads %q", w, got)
					}
					for i, l := range lines[:len(lines)-1] {
						ws := strings.Fields(lineText(l))
						end := ws[len(ws)-1]
						if r, _ := utf8.DecodeLastRuneInString(end); r != '-' && r != '\u2010' {
							continue
						}
						if !l.Hyphenated() || !lines[i+1].Fragments[0].Tail {
							t.Errorf("at %.2f mm: %q ends the line unmarked (head %v, tail %v)", w, end, l.Hyphenated(), lines[i+1].Fragments[0].Tail)
						}
						seen[end] = true
					}
				}
			}
			var got []string
			for e := range seen {
				got = append(got, e)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.heads) {
				t.Errorf("breaks after %q, want %q", got, c.heads)
			}
		})
	}
}

// TestCompoundBreakOnlyWhereLoose: a compound breaks after its hyphen
// only where the line would otherwise be left short by more than a
// hyphen's worth (looseLine), never two such lines running, and the
// break closes the gap: the line before it ends within the loose share.
func TestCompoundBreakOnlyWhereLoose(t *testing.T) {
	f := Serif()
	en := hyphen.For("en").Points
	text := "Kathy learned it in the same half-noticing way the students did, and the third-person frame of a twenty-lesson sequence sets the present-day reader beside a first-person voice."
	for w := 40.0; w <= 90; w += 0.25 {
		lines := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, Hyphenate: en})
		for i, l := range lines[:len(lines)-1] {
			if i > 0 && l.Hyphenated() && lines[i-1].Hyphenated() {
				t.Errorf("at %.2f mm lines %d and %d both end broken: %q, %q", w, i-1, i, lineText(lines[i-1]), lineText(l))
			}
			next := strings.Fields(lineText(lines[i+1]))[0]
			if lines[i+1].Fragments[0].Tail || !strings.Contains(next, "-") {
				continue
			}
			// The compound that starts the next line did not break:
			// either no part fits, or the line is not loose, or the
			// line before broke already.
			head := next[:strings.Index(next, "-")+1]
			room := w - l.Width - f.Width(Roman, " "+head, 11)
			if room >= 0 && w-l.Width > w*looseLine && !l.Hyphenated() && (i == 0 || !lines[i-1].Hyphenated()) && i+1 < len(lines)-1 {
				t.Errorf("at %.2f mm %q is left %.1f mm short before %q", w, lineText(l), w-l.Width, next)
			}
		}
	}
}

// TestNoRunt: with NoRunt a paragraph's last line is not one word of
// fewer than eight letters where the word before can go down with it and
// leave its line 3/4 of the measure; without, it may be, and the lines
// read as the same text either way.
func TestNoRunt(t *testing.T) {
	f := Serif()
	en := hyphen.For("en").Points
	text := "Use details from this handout to explain what Kathy means when she says the staff had told them and not told them about their future, and why that matters to the end."
	runts, fixed := 0, 0
	for w := 40.0; w <= 120; w += 0.25 {
		plain := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, Hyphenate: en})
		lines := f.Break([]Span{{Text: text, Size: 11}}, Options{Width: w, Hyphenate: en, NoRunt: true})
		if readLines(lines) != text {
			t.Fatalf("at %.2f mm reads %q", w, readLines(lines))
		}
		if len(lines) != len(plain) {
			t.Errorf("at %.2f mm: %d lines, %d without NoRunt", w, len(lines), len(plain))
		}
		for _, l := range lines {
			if l.Width > w+1e-9 {
				t.Errorf("at %.2f mm a line is %.2f mm", w, l.Width)
			}
		}
		isRunt := func(ls []Line) bool {
			return len(ls) > 1 && len(strings.Fields(lineText(ls[len(ls)-1]))) == 1 && !ls[len(ls)-1].Fragments[0].Tail
		}
		if isRunt(plain) {
			runts++
			if !isRunt(lines) {
				fixed++
				if pen := lines[len(lines)-2]; pen.Width < runtKeep*w-1e-9 {
					t.Errorf("at %.2f mm the runt's word before left its line %.1f mm of %.1f", w, pen.Width, w)
				}
			} else if pen := lines[len(lines)-2]; len(strings.Fields(lineText(pen))) > 1 {
				ws := strings.Fields(lineText(pen))
				moved := f.Width(Roman, ws[len(ws)-1]+" ", 11)
				if pen.Width-moved >= runtKeep*w && !pen.Hyphenated() {
					t.Errorf("at %.2f mm the runt %q stayed, though %q could go down with it", w, lineText(lines[len(lines)-1]), ws[len(ws)-1])
				}
			}
		} else if isRunt(lines) {
			t.Errorf("at %.2f mm NoRunt made a runt", w)
		}
	}
	if runts == 0 || fixed == 0 {
		t.Fatalf("%d runts, %d fixed: the text should end on one", runts, fixed)
	}
	// A runt of eight letters or more, a forced break's line and a
	// single-line paragraph are left alone.
	long := "Use details from this handout to explain what Kathy means, and why that matters in conclusion."
	for w := 40.0; w <= 120; w += 0.25 {
		a := f.Break([]Span{{Text: long, Size: 11}}, Options{Width: w, Hyphenate: en})
		b := f.Break([]Span{{Text: long, Size: 11}}, Options{Width: w, Hyphenate: en, NoRunt: true})
		if !slices.Equal(texts(a), texts(b)) && strings.Fields(lineText(a[len(a)-1]))[0] == "conclusion." {
			t.Errorf("at %.2f mm a ten-letter last word was moved: %q", w, texts(b))
		}
	}
}
