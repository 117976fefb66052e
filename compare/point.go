package compare

import (
	"fmt"
	"math"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// The rule for point estimates: a tool that reports a summary of its measurements
// (a mean or a median: seed JSON, benchmark.js, Bencher Metric Format, Catch2,
// cargo bench text, vitest, Google Benchmark's aggregates) gives one value per
// benchmark (bench.Result.PointEstimate). With one value on a side no significance
// test is possible: the threshold alone decides, and every report says so.
const (
	// TestNone is the time "test" when a side is a point estimate: none was
	// possible; P and PAdjusted are NaN and the threshold alone decides.
	TestNone TimeTest = "none"
	// RuleThreshold judges a metric of a point estimate by the threshold alone.
	RuleThreshold MetricRule = "threshold"
)

// NoTestText is how every report words the point-estimate rule.
const NoTestText = "no significance test possible"

// pointSide is Side for a point estimate: its one value, with the interval the
// tool reported when it reported one (else ±Inf).
func pointSide(r *bench.Result) *Side {
	v := r.SamplesNs[0]
	lo, hi := math.Inf(-1), math.Inf(1)
	if r.CILowNs > 0 && r.CILowNs <= v && v <= r.CIHighNs && r.CILowNs < r.CIHighNs {
		lo, hi = r.CILowNs, r.CIHighNs
	}
	return &Side{N: 1, Median: v, Lo: lo, Hi: hi, Processes: 1, PointEstimate: true,
		AllocsPerOp: r.AllocsPerOp, BytesPerOp: r.BytesPerOp, CostUSD: r.CostTotalUSD}
}

// pointDelta is the time delta when either side is a point estimate: the ratio of
// the two values (a sampled side's median), bounded by the sides' intervals when
// both are known, with no test (TestNone).
func pointDelta(base, cur *bench.Result, alpha float64) *TimeDelta {
	b, c := side(base), side(cur)
	lo, hi := ratioPct(c.Lo, b.Hi), ratioPct(c.Hi, b.Lo)
	if anyInf(b.Lo, b.Hi, c.Lo, c.Hi) {
		lo, hi = math.Inf(-1), math.Inf(1)
	}
	nan := math.NaN()
	return &TimeDelta{
		Percent: ratioPct(c.Median, b.Median), LoPercent: lo, HiPercent: hi,
		Test: TestNone, P: nan, PAdjusted: nan, N1: len(base.SamplesNs), N2: len(cur.SamplesNs),
		Processes1: 1, Processes2: 1, Alpha: alpha, Detectable: math.Inf(1),
		ProcessPercent: nan, FastestPercent: nan,
	}
}

// decidePoint applies the threshold alone to a point estimate's time delta and
// reports whether it got faster beyond the threshold.
func (r *rules) decidePoint(e *Entry) (improved bool) {
	t := e.Time
	switch {
	case t.Percent > e.ThresholdPercent:
		e.Regressed = true
		e.Reasons = append(e.Reasons, fmt.Sprintf("time %+.2f%% exceeds the %s threshold (%s, %s)", t.Percent, pct(e.ThresholdPercent), NoTestText, pointWhy(e)))
	case t.Percent < -e.ThresholdPercent:
		return true
	}
	return false
}

// pointWhy says which side is a point estimate.
func pointWhy(e *Entry) string {
	b, c := e.Base != nil && e.Base.PointEstimate, e.Current != nil && e.Current.PointEstimate
	switch {
	case b && c:
		return "both sides hold one value"
	case b:
		return "the baseline holds one value"
	}
	return "the current result holds one value"
}

// thresholdOnly turns a metric delta of a point estimate into RuleThreshold.
func thresholdOnly(md *MetricDelta) {
	md.Rule, md.P, md.PAdjusted = RuleThreshold, math.NaN(), math.NaN()
}

// pointWarning is the comparison's note about its point estimates, or "".
func pointWarning(c *Comparison) string {
	n := 0
	for i := range c.Entries {
		if t := c.Entries[i].Time; t != nil && t.Test == TestNone {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d benchmarks hold one value on a side (a point estimate, as the tool reported a summary and not its samples), so for them no significance test is possible and the threshold alone decides",
		n, len(c.Entries))
}
