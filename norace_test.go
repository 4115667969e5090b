//go:build !race

package companion

const raceEnabled = false
