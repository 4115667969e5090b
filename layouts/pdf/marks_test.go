package pdf

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// TestCombiningMarksSitOverTheirLetters draws Yoruba words whose letters
// have no precomposed form (ọ̀ and ị̀ are a letter with a dot below and a
// combining grave) and finds each grave's ink by difference: the word drawn
// with the grave less the word drawn without it. The grave must lie over
// its letter (its centre within the letter's ink, left to right) and
// above it, clear of a capital's top. Left where gofpdf's zero advance
// puts it, the grave stands left of a narrow ị and cuts into a capital Ọ.
func TestCombiningMarksSitOverTheirLetters(t *testing.T) {
	tool(t, "pdftoppm")
	for _, c := range []struct {
		before, letter, mark string
		placed               bool // by the breaker, centred on the letter's ink
	}{
		{"Adébáy", "ọ", "\u0300", true},
		{"ADÉBÁY", "Ọ", "\u0300", true},
		{"ọm", "ị", "\u0300", true},
		{"Ad", "e", "\u0301", false}, // composes to é: the font's own letter
	} {
		t.Run(c.before+c.letter+c.mark, func(t *testing.T) {
			prefix := ink(t, c.before)
			letter := diffBox(ink(t, c.before+c.letter), prefix)
			mark := diffBox(ink(t, c.before+c.letter+c.mark), ink(t, c.before+c.letter))
			if letter.Empty() || mark.Empty() {
				t.Fatalf("no ink: letter %v, mark %v", letter, mark)
			}
			if mid := (mark.Min.X + mark.Max.X) / 2; mid < letter.Min.X || mid > letter.Max.X {
				t.Errorf("the mark's centre is at x=%d, outside its letter's ink (x %d–%d)", mid, letter.Min.X, letter.Max.X)
			}
			// Centred, to within a tenth of the letter's width.
			off := (mark.Min.X + mark.Max.X - letter.Min.X - letter.Max.X) / 2
			if tol := letter.Dx() / 10; c.placed && (off < -tol || off > tol) {
				t.Errorf("the mark is %d px off its letter's centre (x %d–%d, mark %d–%d)", off, letter.Min.X, letter.Max.X, mark.Min.X, mark.Max.X)
			}
			if mark.Max.Y > letter.Min.Y {
				t.Errorf("the mark (y %d–%d) reaches into its letter (top at y=%d)", mark.Min.Y, mark.Max.Y, letter.Min.Y)
			}
		})
	}
}

// ink renders text at 48 pt in the roman, through the breaker and the text
// ops the handouts use, at 100 dpi in grey, and returns the picture.
func ink(t *testing.T, text string) *image.Gray {
	t.Helper()
	g := newGeometry("letter")
	s := &setter{fonts: richtext.Serif(), g: g}
	rows := s.rows(plain(text, 48, richtext.Roman, inkText), block{w: g.measure()})
	r, err := render(g, paginate(&section{rows: rows}, g), false)
	if err != nil {
		t.Fatal(err)
	}
	data, err := r.part(0, r.pages, document{lang: "yo"}, g, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", f, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	gray := image.NewGray(m.Bounds())
	draw.Draw(gray, gray.Bounds(), m, m.Bounds().Min, draw.Src)
	return gray
}

// diffBox is the box of the pixels inked in a and not in b.
func diffBox(a, b *image.Gray) image.Rectangle {
	var box image.Rectangle
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.GrayAt(x, y).Y < 128 && b.GrayAt(x, y).Y >= 128 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}
