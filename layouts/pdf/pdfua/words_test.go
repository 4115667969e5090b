package pdfua

import (
	"maps"
	"testing"
)

// The ToUnicode CMaps the word-break rule reads text through: single
// codes, ranges counted on from a first text, and ranges given an array.
func TestReadCMap(t *testing.T) {
	for _, tc := range []struct {
		name, cmap string
		want       map[uint32]string
	}{
		{"bfchar", "2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar", map[uint32]string{3: " ", 0x11: "fi"}},
		{"bfrange counted on", "1 beginbfrange <0041> <0043> <0061> endbfrange", map[uint32]string{0x41: "a", 0x42: "b", 0x43: "c"}},
		{"bfrange array", "1 beginbfrange <0001> <0002> [<00E9> <D835DC9C>] endbfrange", map[uint32]string{1: "é", 2: "𝒜"}},
		{"gofpdf's header", "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def " +
			"/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange " +
			"1 beginbfrange <0020> <0021> <0020> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end", map[uint32]string{0x20: " ", 0x21: "!"}},
		{"a reversed range", "1 beginbfrange <0043> <0041> <0061> endbfrange", map[uint32]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := readCMap([]byte(tc.cmap)); !maps.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// fusedAt holds two words run together across a line break, and lets be
// the joins that read right.
func TestFusedAt(t *testing.T) {
	for _, tc := range []struct {
		before, after string
		fused         bool
	}{
		{"look after the", "students", true},
		{"end of a sentence.", "Then", true},
		{"Lesson 2", "Kathy", true},
		{"“quoted”", "and", true},
		{"look after the ", "students", false},
		{"look after the", " students", false},
		{"self-", "conscious", false},
		{"Hailsham—", "Cottages", false},
		{"either/", "or", false},
		{"re\u00AD", "place", false},
		{"see https://example.org/pri", "zes", false},
		{"www.nobelprize.org", "prizes", false},
		{"mail a@b.", "org", false},
		{"a list:", "(one)", false},
	} {
		if got := fusedAt(tc.before, tc.after); got != tc.fused {
			t.Errorf("fusedAt(%q, %q) = %v, want %v", tc.before, tc.after, got, tc.fused)
		}
	}
}
