package zipfile

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"
)

// TestDOSTime: what a zip reader reads back is the time in UTC to the two
// seconds below, and a time outside 1980–2107 the nearest it can record.
func TestDOSTime(t *testing.T) {
	for _, tc := range []struct {
		in, want time.Time
	}{
		{time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 11, 21, 12, 30, 59, 0, time.UTC), time.Date(2026, 11, 21, 12, 30, 58, 0, time.UTC)},
		{time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600)), time.Date(2026, 3, 4, 4, 6, 6, 0, time.UTC)},
		{time.Unix(0, 0), time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(1975, 6, 15, 12, 0, 0, 0, time.UTC), time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2107, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)},
		{time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)},
	} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		date, clock := DOSTime(tc.in)
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: "f", ModifiedDate: date, ModifiedTime: clock}); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if got := zr.File[0].Modified; !got.Equal(tc.want) {
			t.Errorf("DOSTime(%v): the zip says %v, want %v", tc.in, got, tc.want)
		}
	}
}
