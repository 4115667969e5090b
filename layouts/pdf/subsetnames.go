package pdf

import (
	"crypto/sha256"
	"fmt"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"golang.org/x/image/font/sfnt"
)

// nameSubsets gives every font gofpdf embedded the name a subset must
// have (ISO 32000-1 §9.6.4): a tag of six capital letters, a plus sign
// and the font's PostScript name, as in /KXQBTA+GentiumBookPlus-Regular,
// in its Type0 dictionary, its CIDFontType2 descendant and its font
// descriptor. gofpdf names them "utf8" and the family SetFont knows them
// by, which tells a reader neither that the font is a subset nor which
// font it is. The PostScript name (name ID 6) is read from the embedded
// subset itself, which keeps gofpdf's name table; the tag is a hash of
// the subset, so a build makes the same tag every time and two different
// subsets in one file have different tags.
func (f *gofpdfFile) nameSubsets(pf *pdfobj.File) error {
	fonts, _ := f.resources.Get("Font").(pdfobj.Dict)
	f.fontKeys = make(map[string]pdfobj.Name, len(fonts))
	for _, e := range fonts {
		base, err := f.nameSubset(pf, e.Value)
		if err != nil {
			return fmt.Errorf("pdf: the font /%s: %w", e.Key, err)
		}
		f.fontKeys[base] = e.Key
	}
	return nil
}

// nameSubset renames the Type0 font ref, its descendant and its
// descriptor, and returns the name gofpdf gave it.
func (f *gofpdfFile) nameSubset(pf *pdfobj.File, ref pdfobj.Object) (string, error) {
	type0, err := fontDict(pf, ref)
	if err != nil {
		return "", err
	}
	if type0.dict.Get("Subtype") != pdfobj.Name("Type0") {
		return "", fmt.Errorf("a %v font, where gofpdf writes Type0 ones", type0.dict.Get("Subtype"))
	}
	kids, _ := pf.Get(type0.dict, "DescendantFonts").(pdfobj.Array)
	if len(kids) != 1 {
		return "", fmt.Errorf("%d descendant fonts, not one", len(kids))
	}
	cid, err := fontDict(pf, kids[0])
	if err != nil {
		return "", err
	}
	desc, err := fontDict(pf, cid.dict.Get("FontDescriptor"))
	if err != nil {
		return "", err
	}
	st, ok := pf.Get(desc.dict, "FontFile2").(*pdfobj.Stream)
	if !ok {
		return "", fmt.Errorf("no embedded TrueType font (/FontFile2)")
	}
	base, _ := type0.dict.Get("BaseFont").(pdfobj.Name)
	ttf, err := pf.Decode(st)
	if err != nil {
		return "", err
	}
	name, err := subsetName(ttf)
	if err != nil {
		return "", err
	}
	for _, o := range []struct {
		num int
		key string
	}{{type0.num, "BaseFont"}, {cid.num, "BaseFont"}, {desc.num, "FontName"}} {
		t, ok := f.objects[o.num]
		if !ok {
			return "", fmt.Errorf("object %d is not among the file's objects", o.num)
		}
		if f.objects[o.num], err = t.withName(o.key, name); err != nil {
			return "", fmt.Errorf("object %d: %w", o.num, err)
		}
	}
	return string(base), nil
}

// subsetName is the name of the subset ttf: its tag, "+" and its
// PostScript name.
func subsetName(ttf []byte) (pdfobj.Name, error) {
	font, err := sfnt.Parse(ttf)
	if err != nil {
		return "", fmt.Errorf("the embedded font cannot be read: %w", err)
	}
	ps, err := font.Name(nil, sfnt.NameIDPostScript)
	if err != nil || ps == "" {
		return "", fmt.Errorf("the embedded font has no PostScript name (name ID 6)")
	}
	sum := sha256.Sum256(ttf)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return pdfobj.Name(string(tag) + "+" + ps), nil
}

// indirectDict is a dictionary stored as object num.
type indirectDict struct {
	num  int
	dict pdfobj.Dict
}

// fontDict reads the dictionary ref refers to.
func fontDict(pf *pdfobj.File, ref pdfobj.Object) (indirectDict, error) {
	r, ok := ref.(pdfobj.Ref)
	if !ok {
		return indirectDict{}, fmt.Errorf("%v where gofpdf writes a reference", ref)
	}
	o, err := pf.Object(r.Num)
	if err != nil {
		return indirectDict{}, err
	}
	d, ok := o.(pdfobj.Dict)
	if !ok {
		return indirectDict{}, fmt.Errorf("object %d is not a dictionary", r.Num)
	}
	return indirectDict{r.Num, d}, nil
}

// withName returns the template of a dictionary whose entry key, a name,
// has the value to instead. Keys and their name values are never cut
// apart, since only references cut a template.
func (t *template) withName(key string, to pdfobj.Name) (*template, error) {
	for i, text := range t.text {
		var prev pdfobj.Token
		var c *template
		err := pdfobj.Head(text, func(s *pdfobj.Scanner, tok pdfobj.Token) bool {
			if tok.Kind == pdfobj.NameToken && prev.Kind == pdfobj.NameToken && string(s.Bytes(prev)) == "/"+key {
				c = &template{text: append([][]byte(nil), t.text...), refs: t.refs}
				c.text[i] = append(pdfobj.Append(append([]byte(nil), text[:tok.Start]...), to), text[tok.End:]...)
				return false
			}
			prev = tok
			return true
		})
		if err != nil || c != nil {
			return c, err
		}
	}
	return nil, fmt.Errorf("no /%s name", key)
}
