//go:build race

package companion

// raceEnabled skips the largest tests under the race detector, which makes
// them ten times slower; CI runs them without it.
const raceEnabled = true
