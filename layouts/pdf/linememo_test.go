package pdf

import (
	"reflect"
	"testing"

	"github.com/companion-dev/companion/layouts/pdf/richtext"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// TestLineMemo: a paragraph broken again with the same spans and options
// is the memo's lines; one that differs in anything that shapes lines is
// broken afresh, and a span of a structure element of its own is never
// kept.
func TestLineMemo(t *testing.T) {
	g := newGeometry("letter")
	s := &setter{fonts: g.fonts, g: g, hyphenate: hyphenation("en"), memo: newLineMemo()}
	text := "Kathy remembers Hailsham, the school where she grew up, with a care that hides as much as it shows; her memories return to what nobody told them."
	base := plain(text, sizeBody, richtext.Roman, inkText)
	opt := richtext.Options{Width: 60, Justify: true, Hyphenate: s.hyphenate}
	first := s.breakLines(base, opt)
	if len(first) < 3 {
		t.Fatalf("%d lines, want a paragraph of several", len(first))
	}
	if again := s.breakLines(plain(text, sizeBody, richtext.Roman, inkText), opt); &again[0] != &first[0] {
		t.Error("the same paragraph at the same measure was broken again, not found in the memo")
	}
	with := func(change func(*richtext.Span)) []richtext.Span {
		sp := plain(text, sizeBody, richtext.Roman, inkText)
		change(&sp[0])
		return sp
	}
	others := map[string]struct {
		spans []richtext.Span
		opt   richtext.Options
	}{
		"narrower":     {base, richtext.Options{Width: 50, Justify: true, Hyphenate: s.hyphenate}},
		"indented":     {base, richtext.Options{Width: 60, Indent: 5, Justify: true, Hyphenate: s.hyphenate}},
		"hanging":      {base, richtext.Options{Width: 60, Hanging: 5, Justify: true, Hyphenate: s.hyphenate}},
		"ragged":       {base, richtext.Options{Width: 60, Hyphenate: s.hyphenate}},
		"unhyphenated": {base, richtext.Options{Width: 60, Justify: true}},
		"compounds":    {base, richtext.Options{Width: 60, Justify: true, Hyphenate: s.hyphenate, Compounds: true}},
		"no runt":      {base, richtext.Options{Width: 60, Justify: true, Hyphenate: s.hyphenate, NoRunt: true}},
		"other text":   {with(func(sp *richtext.Span) { sp.Text += " More." }), opt},
		"italic":       {with(func(sp *richtext.Span) { sp.Style = richtext.Italic }), opt},
		"larger":       {with(func(sp *richtext.Span) { sp.Size = 12 }), opt},
		"coloured":     {with(func(sp *richtext.Span) { sp.Color = inkMuted }), opt},
		"raised":       {with(func(sp *richtext.Span) { sp.Rise = 3 }), opt},
		"underlined":   {with(func(sp *richtext.Span) { sp.Underline = true }), opt},
		"linked":       {with(func(sp *richtext.Span) { sp.Link = "https://example.org" }), opt},
		"read as":      {with(func(sp *richtext.Span) { sp.Actual = "KATHY" }), opt},
		"unbroken":     {with(func(sp *richtext.Span) { sp.NoHyphen = true }), opt},
		"tagged":       {with(func(sp *richtext.Span) { sp.Tag = tagged.New(tagged.Reference) }), opt},
	}
	for name, o := range others {
		got := s.breakLines(o.spans, o.opt)
		if len(got) > 0 && &got[0] == &first[0] {
			t.Errorf("%s: the lines of another paragraph were reused", name)
		}
		if want := s.fonts.Break(o.spans, o.opt); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the lines differ from Break's", name)
		}
	}
	if _, ok := memoKey(others["tagged"].spans, opt); ok {
		t.Error("a span of an element of its own was given a key")
	}
	held := richtext.Span{Text: "(p. 00)", Size: sizeBody, Held: &crossRef{before: "(p. ", after: ")"}}
	if _, ok := memoKey([]richtext.Span{held}, opt); ok {
		t.Error("a span that holds a page's place was given a key")
	}
}

// TestLineMemoKeyCoversEveryField fails when a span or the options gain a
// field, which memoKey must then either hold or show cannot shape lines.
func TestLineMemoKeyCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want []string
	}{
		{richtext.Span{}, []string{"Text", "Style", "Size", "Color", "Rise", "Underline", "Tag", "Link", "Actual", "NoHyphen", "Held"}},
		{richtext.Options{}, []string{"Width", "Indent", "Hanging", "Justify", "Hyphenate", "HyphenateLong", "Compounds", "NoRunt", "ShrinkLong"}},
	} {
		typ := reflect.TypeOf(c.v)
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s has the fields %v, memoKey knows %v", typ, got, c.want)
		}
	}
}
