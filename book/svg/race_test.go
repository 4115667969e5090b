//go:build race

package svg

// raceEnabled: the race detector makes drawing some thirty times slower.
const raceEnabled = true
