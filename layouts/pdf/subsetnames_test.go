package pdf

import (
	"regexp"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"golang.org/x/image/font/sfnt"
)

// TestSubsetFontNames: every font of every file is named as a subset
// (ISO 32000-1 §9.6.4), a tag of six capitals and the PostScript name of
// the font it embeds, alike in its Type0 dictionary, its descendant and
// its descriptor; the fonts of a file have different tags, and pdffonts
// reads every one as a subset.
func TestSubsetFontNames(t *testing.T) {
	subset := regexp.MustCompile(`^[A-Z]{6}\+`)
	b := booktest.OpenFixture(t, "full", true)
	for _, tc := range []struct {
		name    string
		profile layouts.Profile
		want    []string // PostScript names the packet embeds
	}{
		{"book face", layouts.Standard, []string{"GentiumBookPlus", "GentiumBookPlus-Italic", "GentiumBookPlus-Bold"}},
		{"large print", layouts.LargePrint, []string{"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := options(layouts.Student, "letter", false)
			opt.Profile = tc.profile
			files, order, _ := renderFiles(t, b, opt)
			for i, p := range order {
				pf, err := pdfobj.Open(files[p].Data)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				names := map[string]bool{}
				tags := map[string]string{}
				res, _ := pf.Get(pf.Pages()[0], "Resources").(pdfobj.Dict)
				fonts, _ := pf.Get(res, "Font").(pdfobj.Dict)
				if len(fonts) == 0 {
					t.Fatalf("%s: no fonts", p)
				}
				for _, e := range fonts {
					font, _ := pf.Resolve(e.Value)
					fd, _ := font.(pdfobj.Dict)
					base, _ := fd.Get("BaseFont").(pdfobj.Name)
					desc, _ := pf.Get(fd, "DescendantFonts").(pdfobj.Array)
					cid, _ := pf.Resolve(desc[0])
					cd, _ := cid.(pdfobj.Dict)
					dd, _ := pf.Get(cd, "FontDescriptor").(pdfobj.Dict)
					if !subset.MatchString(string(base)) || cd.Get("BaseFont") != base || dd.Get("FontName") != base {
						t.Errorf("%s: /%s is named %s, its descendant %v, its descriptor %v; want TAG+PostScriptName in all three",
							p, e.Key, base, cd.Get("BaseFont"), dd.Get("FontName"))
						continue
					}
					tag, name, _ := strings.Cut(string(base), "+")
					ff, _ := pf.Get(dd, "FontFile2").(*pdfobj.Stream)
					ttf, err := pf.Decode(ff)
					if err != nil {
						t.Fatalf("%s: /%s: %v", p, e.Key, err)
					}
					sf, err := sfnt.Parse(ttf)
					if err != nil {
						t.Fatalf("%s: /%s: %v", p, e.Key, err)
					}
					if ps, _ := sf.Name(nil, sfnt.NameIDPostScript); ps != name {
						t.Errorf("%s: /%s is named %s, but embeds %s", p, e.Key, base, ps)
					}
					if other, ok := tags[tag]; ok {
						t.Errorf("%s: %s and %s have the same tag", p, other, base)
					}
					tags[tag], names[name] = string(base), true
				}
				if i == 0 {
					for _, w := range tc.want {
						if !names[w] {
							t.Errorf("%s embeds no %s: %v", p, w, names)
						}
					}
				}
				lines := strings.Split(strings.TrimSpace(runTool(t, files[p].Data, "pdffonts")), "\n")
				for _, l := range lines[2:] {
					if f := strings.Fields(l); len(f) < 7 || f[len(f)-4] != "yes" {
						t.Errorf("%s: pdffonts does not read a font as a subset: %s", p, l)
					}
				}
			}
		})
	}
}
