package site

import (
	"encoding/json"
	"testing"
)

// The index, encoded an entry at a time, is the script json.Marshal of
// all the entries would make: the same escapes, one array, no line ending
// inside it.
func TestSearchIndexIsOneArray(t *testing.T) {
	for _, entries := range [][]entry{
		nil,
		{{Title: "One", Where: "Chapter 1", URL: "c1.html"}},
		{
			{Title: "<b> & \u2028", Where: "Chapter 1, \"Hailsham\"", URL: "c1.html#a", Text: "line\nbreak\ttab"},
			{Title: "Two", URL: "c2.html", Text: "é — ‘quoted’"},
			{Title: "Three"},
		},
	} {
		var x searchIndex
		x.add(entries[:len(entries)/2]...)
		x.add(entries[len(entries)/2:]...)
		data, err := json.Marshal(entries)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(x.script()), "window.companionSearch = "+string(data)+";\n"; got != want {
			t.Errorf("index of %d entries:\n got %q\nwant %q", len(entries), got, want)
		}
	}
}
