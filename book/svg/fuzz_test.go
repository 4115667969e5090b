package svg

import (
	"errors"
	"strings"
	"testing"
)

// FuzzSVG reads arbitrary SVG text, and draws what Read accepts (raster
// and vectors): whatever
// the text, diagnostics, never a panic, a hang or gigabytes. What Read
// accepts stays accepted: its safe bytes read again without errors.
func FuzzSVG(f *testing.F) {
	f.Add(head + `<rect width="100" height="50" fill="url(#g)"/><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs></svg>`)
	f.Add(head + `<defs><rect id="r" width="10" height="10"/></defs><use href="#r" x="5"/><symbol id="s"><circle r="3"/></symbol><use xlink:href="#s"/></svg>`)
	f.Add("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n" + head + "<text>A</text></svg>")
	f.Add("<!DOCTYPE svg [<!ENTITY a \"&#38;a;&#38;a;\">]>" + head + "&a;</svg>")
	f.Add(head + `<script>alert(1)</script><rect onload="x"/><foreignObject/><image href="http://x/y.png"/></svg>`)
	f.Add(useBomb(9, 10))
	f.Add(head + `<g id="a"><use href="#a"/></g></svg>`)
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000000000"/>`)
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" width="1e308in" height="1e-308pt" viewBox="0 0 -1 NaN"/>`)
	f.Add(head + strings.Repeat("<g>", 70) + "</svg>")
	f.Add(head + `<style>.a{fill:red} g .b{stroke:blue}</style><path class="a" d="M1-2.5.5a1 1 0 011 1q1 1 2 2t3 3s1 1 2 2c1 1 2 2 3 3h4v5z"/><text x="5" y="9" text-anchor="middle">A<tspan x="5" dy="1em" font-weight="bold">B</tspan></text></svg>`)
	f.Fuzz(func(t *testing.T, text string) {
		img, d := Read("x.svg", []byte(text))
		if img == nil {
			if !d.HasErrors() {
				t.Fatal("no image and no error")
			}
			return
		}
		if again, d2 := Read("x.svg", img.Data); again == nil {
			t.Fatalf("the safe bytes are refused:\n%s\n%s", img.Data, d2)
		}
		drawing := img.Drawing()
		if _, err := img.Rasterize(48, 32); err != nil && !(errors.Is(err, ErrNotDrawn) && (len(d) > 0 || len(drawing.Missing) == 0)) {
			t.Fatal(err)
		}
		if !(drawing.Width > 0 && drawing.Height > 0) {
			t.Fatalf("a drawing %v × %v", drawing.Width, drawing.Height)
		}
	})
}
