package doc

import (
	"fmt"
	"strings"
	"testing"
)

// TestCallsApart: spaces between two note calls go, and each call that
// follows another is marked; spaces elsewhere, and calls with words or a
// hard break between them, stay as they are.
func TestCallsApart(t *testing.T) {
	n := func(i int) Inline { return &NoteRef{Index: i} }
	tx := func(s string) Inline { return &Text{Text: s} }
	tests := []struct {
		name string
		in   []Inline
		want string
	}{
		{"one call", []Inline{tx("a."), n(1), tx(" b")}, `"a." 1 " b"`},
		{"side by side", []Inline{tx("a."), n(1), n(2)}, `"a." 1 ,2`},
		{"three", []Inline{n(1), n(2), n(3), tx(".")}, `1 ,2 ,3 "."`},
		{"spaces between", []Inline{n(1), tx(" "), &Break{}, n(2), tx(" end")}, `1 ,2 " end"`},
		{"spaces after", []Inline{n(1), n(2), tx(" "), tx("x"), n(3), tx(" ")}, `1 ,2 " " "x" 3 " "`},
		{"words between", []Inline{n(1), tx(" and "), n(2)}, `1 " and " 2`},
		{"hard break", []Inline{n(1), &Break{Hard: true}, n(2)}, `1 <br> 2`},
		{"spaces, then words", []Inline{n(1), tx(" "), tx("x"), n(2)}, `1 " " "x" 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, apart := CallsApart(tt.in, func(in Inline) bool { _, ok := in.(*NoteRef); return ok })
			var got []string
			for k, in := range out {
				switch in := in.(type) {
				case *NoteRef:
					s := fmt.Sprint(in.Index)
					if apart != nil && apart[k] {
						s = "," + s
					}
					got = append(got, s)
				case *Text:
					got = append(got, fmt.Sprintf("%q", in.Text))
				case *Break:
					got = append(got, "<br>")
				}
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %s, want %s", g, tt.want)
			}
		})
	}
}
