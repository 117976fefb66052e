//go:build race

package bench

// raceEnabled reports a test binary built with -race.
const raceEnabled = true
