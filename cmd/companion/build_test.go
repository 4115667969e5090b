package main

import (
	"strings"
	"testing"
	"time"
)

// SOURCE_DATE_EPOCH takes whole seconds up to the last second of 9999, the
// latest date the EPUB and PDF date formats hold.
func TestSourceDate(t *testing.T) {
	if want := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix(); maxSourceDate != want {
		t.Fatalf("maxSourceDate = %d, want %d", maxSourceDate, want)
	}
	for _, tc := range []struct {
		value string
		want  time.Time // zero: the project's date
		err   string
	}{
		{value: ""},
		{value: "0", want: time.Unix(0, 0).UTC()},
		{value: " 1763683200\n", want: time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)},
		{value: "253402300799", want: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{value: "253402300800", err: "SOURCE_DATE_EPOCH=253402300800 is out of range"},
		{value: "99999999999999999999", err: "is out of range"},
		{value: "-1", err: "SOURCE_DATE_EPOCH=-1 is out of range"},
		{value: "1.5e9", err: `SOURCE_DATE_EPOCH="1.5e9" is not a number of seconds since 1970`},
		{value: "2025-11-21", err: "is not a number"},
	} {
		e := &env{getenv: func(string) string { return tc.value }}
		got, err := sourceDate(e)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: err = %v, want %q", tc.value, err, tc.err)
		case tc.err == "" && (err != nil || !got.Equal(tc.want)):
			t.Errorf("%q: %v, %v; want %v", tc.value, got, err, tc.want)
		}
	}
}
