package bench

import "strings"

// The values of Metric.Better.
const (
	BetterHigher = "higher" // a rate or a score: a fall is a regression
	BetterLower  = "lower"  // a cost (time, instructions, bytes): a rise is a regression
)

// HigherIsBetter reports whether higher values of unit are the better ones, by
// the conventions of benchstat (benchfmt's defaults and benchunit's classes): a
// rate, a unit per unit of time ("MB/s", "B/s", "ops/s", "ops/sec", "iter/s",
// "req/sec"), is better higher; everything else (sec/op, ns/op, instructions/op,
// B/op, allocs/op, and custom units per operation) is better lower.
func HigherIsBetter(unit string) bool {
	u := strings.ToLower(strings.TrimSpace(unit))
	i := strings.LastIndexByte(u, '/')
	if i < 0 {
		return u == "hz" || u == "ops" // benchmark.js's hz: operations per second
	}
	switch u[i+1:] {
	case "s", "sec", "second", "seconds":
		return true
	}
	return false
}

// HigherIsBetter reports whether higher values of m are the better ones: as the
// tool said (m.Better), else as its unit says (the function HigherIsBetter). A
// comparison of metrics calls this, so that a throughput regresses when it falls.
func (m Metric) HigherIsBetter() bool {
	switch m.Better {
	case BetterHigher:
		return true
	case BetterLower:
		return false
	}
	return HigherIsBetter(m.Unit)
}
