package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// TestMeasure: body text is set at about 11 pt, with a leading of at least
// 1.3, on a measure of 60–80 characters a line on both papers, and a
// question's small print is no smaller than 8.5 pt.
func TestMeasure(t *testing.T) {
	if sizeBody < 10.5 || sizeBody > 11.5 {
		t.Errorf("body text at %v pt, want about 11", sizeBody)
	}
	if leadBody < 1.3 || leadTight < 1.3 {
		t.Errorf("leading %v (body) and %v (tight), want at least 1.3", leadBody, leadTight)
	}
	if sizeTiny < 8.5 {
		t.Errorf("the smallest text is %v pt, want at least 8.5", sizeTiny)
	}
	prose := strings.Repeat("Kathy H. remembers Hailsham, the school where she grew up, with a care that hides as much as it shows; "+
		"her memories of Ruth and Tommy, of the guardians and of the Gallery, return again and again to what nobody told them. ", 8)
	for _, paper := range []string{"letter", "a4"} {
		g := newGeometry(paper)
		s := &setter{fonts: richtext.Serif(), g: g}
		lines := s.fonts.Break(plain(prose, sizeBody, richtext.Roman, inkText), richtext.Options{Width: g.measure(), Justify: true})
		chars := 0
		for _, ln := range lines[:len(lines)-1] {
			for _, f := range ln.Fragments {
				chars += len([]rune(f.Text))
			}
		}
		avg := float64(chars) / float64(len(lines)-1)
		if avg < 60 || avg > 80 {
			t.Errorf("%s: %.1f characters a line on a measure of %.1f mm, want 60–80", paper, avg, g.measure())
		}
		if g.left < 15 || g.right < 15 {
			t.Errorf("%s: margins %.1f and %.1f mm", paper, g.left, g.right)
		}
	}
}

// TestLargePrintMeasure: large print sets its body at 18 pt on the paper,
// with 1.5 line spacing, on a measure of 50–65 characters, with margins of
// at least 12 mm, on both papers.
func TestLargePrintMeasure(t *testing.T) {
	prose := strings.Repeat("Kathy H. remembers Hailsham, the school where she grew up, with a care that hides as much as it shows; "+
		"her memories of Ruth and Tommy, of the guardians and of the Gallery, return again and again to what nobody told them. ", 8)
	for _, paper := range []string{"letter", "a4"} {
		g, std := pageGeometry(paper, layouts.LargePrint), newGeometry(paper)
		if got := sizeBody * g.scale; got < 17.99 || got > 18.01 {
			t.Errorf("%s: body at %.2f pt on the paper, want 18", paper, got)
		}
		if w, h := g.pt(g.width), g.pt(g.height); math.Abs(w-std.pt(std.width)) > 0.005 || math.Abs(h-std.pt(std.height)) > 0.005 {
			t.Errorf("%s: paper %.2f × %.2f pt, want the standard's %.2f × %.2f", paper, w, h, std.pt(std.width), std.pt(std.height))
		}
		s := &setter{fonts: g.fonts, g: g}
		rows := s.rows(plain(prose, sizeBody, richtext.Roman, inkText), block{x: 0, w: g.measure(), justify: true})
		if lead := rows[0].h / (sizeBody * richtext.PtToMM); lead < 1.499 || lead > 1.501 {
			t.Errorf("%s: line spacing %.3f, want 1.5", paper, lead)
		}
		lines := s.fonts.Break(plain(prose, sizeBody, richtext.Roman, inkText), richtext.Options{Width: g.measure()})
		chars := 0
		for _, ln := range lines[:len(lines)-1] {
			for _, f := range ln.Fragments {
				chars += len([]rune(f.Text))
			}
		}
		avg := float64(chars) / float64(len(lines)-1)
		if avg < 50 || avg > 65 {
			t.Errorf("%s: %.1f characters a line, want 50–65", paper, avg)
		}
		if g.left*g.scale < 12 || g.right*g.scale < 12 || g.top*g.scale < 12 || g.bottom*g.scale < 12 {
			t.Errorf("%s: margins %.1f, %.1f, %.1f, %.1f mm on the paper", paper, g.left*g.scale, g.right*g.scale, g.top*g.scale, g.bottom*g.scale)
		}
	}
}
