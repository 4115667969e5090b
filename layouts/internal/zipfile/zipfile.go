// Package zipfile holds what the outputs that are zip archives (the EPUB,
// the Common Cartridge) share in writing one reproducibly.
package zipfile

import "time"

// The first and last times a zip's MS-DOS fields can record.
var (
	first = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	last  = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
)

// DOSTime encodes t in UTC as the MS-DOS date and time of a zip entry
// (zip.FileHeader's ModifiedDate and ModifiedTime), in two-second steps;
// a time before 1980 or after 2107 (SOURCE_DATE_EPOCH may be 0 or in year
// 9999) is held at the nearest one a zip records. Setting these fields
// rather than Modified keeps archive/zip from writing an extended
// timestamp, which ends in 2106 and would put a second clock in the file.
func DOSTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Before(first) {
		t = first
	}
	if t.After(last) {
		t = last
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	clock = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, clock
}
