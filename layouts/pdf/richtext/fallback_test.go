package richtext

import (
	"math"
	"testing"
)

// The large-print face is Latin only: Greek, Cyrillic and the letters it
// lacks are drawn in the book face, run by run, and measured in the face
// that draws them.
func TestLargePrintFallsBackToTheBookFace(t *testing.T) {
	f, serif := LargePrint(), Serif()
	if f.FamilyOf(Roman) != "atkinson" || f.FamilyOf(Bold|Fallback) != "serif" {
		t.Fatalf("families %q, %q; want atkinson and serif", f.FamilyOf(Roman), f.FamilyOf(Bold|Fallback))
	}
	for _, r := range []rune{'α', 'Ж'} {
		if f.Face(Roman).Has(r) {
			t.Errorf("Atkinson Hyperlegible draws %q: the test needs a letter it lacks", r)
		}
		if !f.Has(Roman, r) {
			t.Errorf("Has(%q) = false: the book face draws it", r)
		}
	}
	lines := f.Break([]Span{{Text: "Kathy reads Ὅμηρος and Чехов, ”Tommy” too.", Size: 18, Style: Italic}}, Options{Width: 500})
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	type run struct {
		text string
		st   Style
	}
	var got []run
	x := 0.0
	for _, fr := range lines[0].Fragments {
		got = append(got, run{fr.Text, fr.Style})
		if math.Abs(fr.X-x) > 1e-9 {
			t.Errorf("%q starts at %.3f mm, want %.3f where the text before it ends", fr.Text, fr.X, x)
		}
		want := f.Face(fr.Style).Width(fr.Text, f.SizeOf(fr.Style, 18))
		if math.Abs(fr.Width-want) > 1e-9 {
			t.Errorf("%q is %.3f mm wide, want %.3f in the face that draws it", fr.Text, fr.Width, want)
		}
		x += fr.Width
	}
	want := []run{
		{"Kathy reads ", Italic}, {"Ὅμηρος", Italic | Fallback}, {" and ", Italic},
		{"Чехов,", Italic | Fallback}, {" ”Tommy” too.", Italic},
	}
	if len(got) != len(want) {
		t.Fatalf("runs %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d = %q, want %q", i, got[i], want[i])
		}
	}
	if w, want := f.Width(Roman, "Чехов", 18), serif.Width(Roman, "Чехов", f.SizeOf(Fallback, 18)); math.Abs(w-want) > 1e-9 {
		t.Errorf("Width of Cyrillic = %.3f, want the serif's %.3f at the size it is drawn at", w, want)
	}
	// A fragment placed whole (a running head) splits the same way; the
	// space between two Cyrillic words stays in their face.
	parts := f.Faces(Fragment{Span: Span{Text: "Чехов и Kathy", Size: 18}, X: 10})
	if len(parts) != 2 || parts[0].Style != Fallback || parts[0].Text != "Чехов и " || parts[1].Text != "Kathy" || parts[1].Style != Roman {
		t.Errorf("Faces = %+v", parts)
	}
	if math.Abs(parts[1].X-(10+parts[0].Width)) > 1e-9 {
		t.Errorf("the second run starts at %.3f, want %.3f", parts[1].X, 10+parts[0].Width)
	}
	// A fragment the book face draws whole is drawn in it, not in the
	// face that lacks its letters.
	if got := f.Faces(Fragment{Span: Span{Text: "Ὅμηρος", Size: 18}}); len(got) != 1 || got[0].Style != Fallback || got[0].Text != "Ὅμηρος" {
		t.Errorf("Faces of a Greek word = %+v", got)
	}
	// The book face has no fallback: one run, as it always had.
	if got := serif.Faces(Fragment{Span: Span{Text: "Чехов и Kathy", Size: 11}}); len(got) != 1 || got[0].Style != Roman {
		t.Errorf("serif Faces = %+v", got)
	}
}

// The book face's x-height is smaller than Atkinson Hyperlegible's (454 and
// 496 thousandths of an em): a Greek word set at the line's size would
// stand short beside the Latin. Its runs are set at size × xA/xB, their
// lowercase as tall as the Latin's, and measured at that size; the line
// keeps its nominal size, and the book face is set at its own size.
func TestFallbackMatchesTheXHeight(t *testing.T) {
	f, serif := LargePrint(), Serif()
	for s := Roman; s <= BoldItalic; s++ {
		xa, xb := f.Face(s).XHeight, f.Face(s|Fallback).XHeight
		if xa == xb {
			t.Fatalf("style %d: both faces have an x-height of %d: the test needs them to differ", s, xa)
		}
		want := 18 * float64(xa) / float64(xb)
		if got := f.SizeOf(s|Fallback, 18); math.Abs(got-want) > 1e-9 {
			t.Errorf("style %d: the fallback is set at %.3f pt, want 18 × %d/%d = %.3f", s, got, xa, xb, want)
		}
		// The drawn x-heights, in points, are the same.
		if d := f.SizeOf(s|Fallback, 18)*float64(xb) - 18*float64(xa); math.Abs(d) > 1e-6 {
			t.Errorf("style %d: the x-heights differ by %.4f pt/1000", s, d)
		}
		if got := f.SizeOf(s, 18); got != 18 {
			t.Errorf("style %d: Atkinson is set at %.3f pt, want 18", s, got)
		}
		if got := serif.SizeOf(s|Fallback, 11); got != 11 {
			t.Errorf("style %d: the book face (no fallback) is set at %.3f pt, want 11", s, got)
		}
	}
	lines := f.Break([]Span{{Text: "Kathy reads Ὅμηρος.", Size: 18}}, Options{Width: 500})
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	if lines[0].Size != 18 {
		t.Errorf("the line's size is %.3f, want the nominal 18", lines[0].Size)
	}
	for _, fr := range lines[0].Fragments {
		if fr.Style&Fallback == 0 {
			continue
		}
		want := serif.Width(Roman, fr.Text, 18*float64(f.Face(Roman).XHeight)/float64(serif.Face(Roman).XHeight))
		if math.Abs(fr.Width-want) > 1e-9 {
			t.Errorf("%q is %.3f mm wide, want %.3f, its width at the size it is drawn at", fr.Text, fr.Width, want)
		}
	}
}
