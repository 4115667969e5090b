package cite

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseCitation(t *testing.T) {
	tests := []struct {
		in   string
		want []Item
	}{
		{"@ishiguro2005", []Item{{Key: "ishiguro2005"}}},
		{"@ishiguro2005, ch. 7", []Item{{Key: "ishiguro2005", Label: "chapter", Locator: "7"}}},
		{"@ishiguro2005, chap. 7", []Item{{Key: "ishiguro2005", Label: "chapter", Locator: "7"}}},
		{"@ishiguro2005, ch. 7; -@romanek2010, pp. 3-5", []Item{
			{Key: "ishiguro2005", Label: "chapter", Locator: "7"},
			{Key: "romanek2010", Label: "page", Locator: "3-5", SuppressAuthor: true}}},
		{"@k, 81", []Item{{Key: "k", Label: "page", Locator: "81"}}},
		{"@k, p. 81", []Item{{Key: "k", Label: "page", Locator: "81"}}},
		{"@k, pp. 3, 5-7", []Item{{Key: "k", Label: "page", Locator: "3, 5-7"}}},
		{"@k, xii", []Item{{Key: "k", Label: "page", Locator: "xii"}}},
		{"@k, pt. 2", []Item{{Key: "k", Label: "part", Locator: "2"}}},
		{"@k, sec. 2.3", []Item{{Key: "k", Label: "section", Locator: "2.3"}}},
		{"@k, § 4", []Item{{Key: "k", Label: "section", Locator: "4"}}},
		{"@k, §4", []Item{{Key: "k", Label: "section", Locator: "4"}}},
		{"@k, para. 4", []Item{{Key: "k", Label: "paragraph", Locator: "4"}}},
		{"@k, l. 12", []Item{{Key: "k", Label: "line", Locator: "12"}}},
		{"@k, ll. 12-14", []Item{{Key: "k", Label: "line", Locator: "12-14"}}},
		{"see @k, p. 33, emphasis added", []Item{{Key: "k", Label: "page", Locator: "33", Prefix: "see", Suffix: ", emphasis added"}}},
		{"@k, pp. 33-35 and passim", []Item{{Key: "k", Label: "page", Locator: "33-35", Suffix: " and passim"}}},
		{"@k, emphasis mine", []Item{{Key: "k", Suffix: ", emphasis mine"}}},
		{"@k, civil war", []Item{{Key: "k", Suffix: ", civil war"}}},
		{"-@k", []Item{{Key: "k", SuppressAuthor: true}}},
		{"@{odd key}, p. 4", []Item{{Key: "odd key", Label: "page", Locator: "4"}}},
		{"@doe:2005.a, 3", []Item{{Key: "doe:2005.a", Label: "page", Locator: "3"}}},
		{" @a ; @b ", []Item{{Key: "a"}, {Key: "b"}}},
	}
	for _, tt := range tests {
		got, err := ParseCitation(tt.in)
		if err != nil {
			t.Errorf("ParseCitation(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCitation(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseCitationErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{"", 0},
		{"   ", 0},
		{"ishiguro2005", 0},
		{"@", 0},
		{"@a @b", 3},
		{"@a; @b, p.", 8},
		{"@a;", 3},
		{"@a; see", 4},
		{"@{open, p. 3", 1},
	}
	for _, tt := range tests {
		_, err := ParseCitation(tt.in)
		var ce *CitationError
		if !errors.As(err, &ce) {
			t.Errorf("ParseCitation(%q) = %v, want a CitationError", tt.in, err)
			continue
		}
		if ce.Offset != tt.offset {
			t.Errorf("ParseCitation(%q): offset %d (%s), want %d", tt.in, ce.Offset, ce.Msg, tt.offset)
		}
	}
}
