package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// point is a point estimate: one value, as a tool that reports a summary gives.
func point(name string, ns float64) bench.Result {
	r := bench.ResultFromSamples(name, []float64{ns})
	r.PointEstimate = true
	return r
}

// withRate adds a rate metric (ops/s, better higher) of one value, as benchmark.js
// and vitest readers do.
func withRate(r bench.Result, hz float64) bench.Result {
	r.Metrics = map[string]bench.Metric{"ops/s": {Unit: "ops/s", Samples: []float64{hz}, Median: hz, CILow: hz, CIHigh: hz, Better: bench.BetterHigher}}
	return r
}

func TestPointEstimatesDecidedByThresholdAlone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		base, cur bench.Result
		want      Status
		fails     bool
		why       string // in the reasons when it regresses
	}{
		{"slower beyond threshold", point("a", 1000), point("a", 1150), StatusRegression, true, "both sides hold one value"},
		{"slower within threshold", point("a", 1000), point("a", 1090), StatusUnchanged, false, ""},
		{"faster beyond threshold", point("a", 1000), point("a", 850), StatusImprovement, false, ""},
		{"equal", point("a", 1000), point("a", 1000), StatusUnchanged, false, ""},
		// One side sampled: its median against the other's value, still no test.
		{"baseline point, current sampled", point("a", 1000), res("a", steady(1300, 10), allocs(0, 0)), StatusRegression, true, "the baseline holds one value"},
		{"baseline sampled, current point", res("a", steady(1000, 10), allocs(0, 0)), point("a", 1005), StatusUnchanged, false, ""},
		{"current point slower", res("a", steady(1000, 10), allocs(0, 0)), point("a", 2000), StatusRegression, true, "the current result holds one value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Compare(doc(tt.base), doc(tt.cur), DefaultConfig())
			e := c.Entries[0]
			if e.Status != tt.want || e.Fails != tt.fails {
				t.Fatalf("status %s fails %v, want %s %v (%+v)", e.Status, e.Fails, tt.want, tt.fails, e.Time)
			}
			if e.Time.Test != TestNone || !math.IsNaN(e.Time.P) || !math.IsNaN(e.Time.PAdjusted) || e.Time.Significant {
				t.Errorf("time %+v, want test none with no p-value", e.Time)
			}
			if c.Family.Tests != 0 {
				t.Errorf("family counts %d tests, want none: a point estimate is not tested", c.Family.Tests)
			}
			if tt.why != "" && !strings.Contains(strings.Join(e.Reasons, "; "), NoTestText+", "+tt.why) {
				t.Errorf("reasons %q, want %q", e.Reasons, NoTestText+", "+tt.why)
			}
			if len(c.Warnings) == 0 || !strings.Contains(c.Warnings[0], "1 of 1 benchmarks hold one value") || !strings.Contains(c.Warnings[0], "no significance test is possible") {
				t.Errorf("warnings %q, want the point-estimate note", c.Warnings)
			}
		})
	}
}

// With samples on both sides, a one-sample point estimate elsewhere in the suite
// neither joins nor dilutes the correction over the tested benchmarks.
func TestPointEstimatesLeaveTheFamilyAlone(t *testing.T) {
	t.Parallel()
	base := doc(res("tested", steady(1000, 20)), point("p", 1000))
	cur := doc(res("tested", steady(1300, 20)), point("p", 1000))
	c := Compare(base, cur, DefaultConfig())
	if c.Family.Tests != 1 {
		t.Errorf("family tests %d, want 1", c.Family.Tests)
	}
	if c.Entries[0].Status != StatusRegression || c.Entries[0].Time.Test != TestSamples {
		t.Errorf("tested benchmark: %s by %s, want a regression by the U test", c.Entries[0].Status, c.Entries[0].Time.Test)
	}
	if c.Entries[1].Status != StatusUnchanged || c.Entries[1].Time.Test != TestNone {
		t.Errorf("point estimate: %s by %s, want unchanged with no test", c.Entries[1].Status, c.Entries[1].Time.Test)
	}
}

// A point estimate's other metrics (ops/s) are judged by the threshold alone too,
// in their direction; time not gated still reports beyond-threshold changes.
func TestPointEstimateMetricsAndUngatedTime(t *testing.T) {
	t.Parallel()
	base, cur := doc(withRate(point("a", 1000), 1e6)), doc(withRate(point("a", 1250), 8e5))
	c := Compare(base, cur, DefaultConfig())
	md := c.Entries[0].Metrics[0]
	if md.Rule != RuleThreshold || !md.Worse || md.Better || md.Inconclusive || !math.IsNaN(md.P) {
		t.Errorf("ops/s %+v, want worse by the threshold alone", md)
	}
	ops := withConfig(func(c *Config) { c.Metrics = []Metric{"ops/s"} })
	c = Compare(base, cur, ops)
	e := c.Entries[0]
	if e.Status != StatusRegression || !e.Fails {
		t.Errorf("gated on ops/s: %s, want a regression", e.Status)
	}
	if !strings.Contains(strings.Join(e.Reasons, "; "), "time +25.00% is beyond the 10% threshold, reported and not gated") {
		t.Errorf("reasons %q, want the ungated time change reported", e.Reasons)
	}
}

// A point estimate carrying the tool's interval (Catch2's bootstrapped mean)
// shows it; without one (benchmark.js) the interval is unbounded, and so is the
// delta's.
func TestPointSideInterval(t *testing.T) {
	t.Parallel()
	withCI := point("a", 100)
	withCI.CILowNs, withCI.CIHighNs = 95, 110
	s := side(&withCI)
	if !s.PointEstimate || s.N != 1 || s.Median != 100 || s.Lo != 95 || s.Hi != 110 {
		t.Errorf("side %+v, want 100 in [95, 110]", s)
	}
	bare := point("a", 100)
	if s := side(&bare); !math.IsInf(s.Lo, -1) || !math.IsInf(s.Hi, 1) {
		t.Errorf("side without an interval %+v, want ±Inf", s)
	}
	other := point("a", 120)
	other.CILowNs, other.CIHighNs = 118, 125
	d := pointDelta(&withCI, &other, 0.05)
	if !near(d.Percent, 20) || !near(d.LoPercent, 100*(118.0/110-1)) || !near(d.HiPercent, 100*(125.0/95-1)) {
		t.Errorf("delta %+v", d)
	}
	if d := pointDelta(&bare, &other, 0.05); !math.IsInf(d.LoPercent, -1) || !math.IsInf(d.HiPercent, 1) {
		t.Errorf("delta without an interval %+v, want unbounded", d)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
