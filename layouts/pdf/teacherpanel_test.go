package pdf

import (
	"testing"
)

// TestTeacherPanelsClosePadded: in every printing, each "For the
// teacher" panel of the teacher packet ends with a row of its tint and no
// text, as deep as its top padding, under its last line (review15 #2:
// the panel closed on its last line, the descenders on the tint's edge).
func TestTeacherPanelsClosePadded(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out the bundled companion")
	}
	forBundledHandouts(t, everyPrinting, func(t *testing.T, h *handouts) {
		tinted := func(r *row) bool {
			for _, f := range r.fills {
				if f.style != nil && f.style.BackgroundColor != nil && *f.style.BackgroundColor == fillTint {
					return true
				}
			}
			return false
		}
		panels := 0
		_, sections := packetSections(h, true)
		for _, s := range sections {
			for i, r := range s.rows {
				if !tinted(r) || i+1 < len(s.rows) && tinted(s.rows[i+1]) {
					continue
				}
				panels++
				text := false
				for _, o := range r.ops {
					if _, ok := o.(textOp); ok {
						text = true
					}
				}
				if text || r.h < panelPad-1e-9 {
					t.Errorf("a panel ends with a row %.2f mm deep (text: %v), want its %.1f mm padding", r.h, text, panelPad)
				}
			}
		}
		if panels == 0 {
			t.Fatal("no panel found")
		}
	})
}
