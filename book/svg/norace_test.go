//go:build !race

package svg

const raceEnabled = false
