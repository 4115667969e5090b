//go:build race

package svg

// raceEnabled: the race detector makes drawing some thirty times slower,
// so the scale tests do less and do not time themselves.
const raceEnabled = true
