package diag

import (
	"strings"
	"testing"
)

func TestNear(t *testing.T) {
	keys := []string{"title", "subtitle", "work", "authors", "citation-style", "id"}
	for _, tc := range []struct {
		word, want string
		ok         bool
	}{
		{"titel", "title", true},    // swapped letters
		{"tilte", "title", true},    // swapped letters
		{"author", "authors", true}, // missing letter
		{"citationstyle", "citation-style", true},
		{"Work", "work", true}, // case
		{"colour", "", false},  // nothing near
		{"ix", "id", true},
		{"xyz", "", false},
	} {
		got, ok := Near(tc.word, keys)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Near(%q) = %q, %v; want %q, %v", tc.word, got, ok, tc.want, tc.ok)
		}
	}
}

func TestListFormatAndSort(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 2, Col: 1}, "late")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 3}, "second")
	l.Hintf("do this\nthen that")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 7}, "first")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 7}, "first") // duplicate, dropped
	l.Errorf(Pos{}, "whole project")
	l.Notef(Pos{File: "a.md", Line: 2, Col: 7}, "3 references were not checked")
	got := l.Sort().Error()
	want := strings.Join([]string{
		"companion: error: whole project",
		"a.md:2:7: error: first",
		"a.md:2:7: note: 3 references were not checked",
		"a.md:10:3: error: second",
		"\tdo this",
		"\tthen that",
		"b.md:2:1: warning: late",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if e, w := l.Count(); e != 4 || w != 1 || !l.HasErrors() {
		t.Errorf("Count = %d, %d", e, w)
	}
}
