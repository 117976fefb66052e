package samerunner

import (
	"math"
	"slices"

	"golang.org/x/perf/benchmath"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// confidence is the level of the recomputed interval, the suite's own.
const confidence = 0.95

// merge combines the rounds of one benchmark into one result: samples concatenated in
// round order, the seed's aggregates over all rounds, median and confidence interval
// recomputed with benchmath, and the allocation figures' median (they are exact and
// normally equal). parts must not be empty.
func merge(parts []bench.Result) bench.Result {
	out := parts[0]
	out.SamplesNs = nil
	out.Iterations, out.TotalDurationMs = 0, 0
	var allocs, bytes []float64
	var weighted float64 // sum of avg x iterations, for the overall average
	for _, p := range parts {
		out.SamplesNs = append(out.SamplesNs, p.SamplesNs...)
		out.Iterations += p.Iterations
		out.TotalDurationMs += p.TotalDurationMs
		weighted += p.AvgDurationUs * float64(p.Iterations)
		allocs = append(allocs, p.AllocsPerOp)
		bytes = append(bytes, p.BytesPerOp)
	}
	if len(out.SamplesNs) > 0 {
		out.MinDurationUs = slices.Min(out.SamplesNs) / 1e3
		out.MaxDurationUs = slices.Max(out.SamplesNs) / 1e3
	}
	switch {
	case weighted > 0 && out.Iterations > 0:
		out.AvgDurationUs = weighted / float64(out.Iterations)
	case len(out.SamplesNs) > 0: // Go benchmark format has no average: the samples' mean
		out.AvgDurationUs = mean(out.SamplesNs) / 1e3
	}
	if out.AvgDurationUs > 0 {
		out.ThroughputPerSec = 1e6 / out.AvgDurationUs
	}
	out.MedianNs, out.CILowNs, out.CIHighNs = summarize(out.SamplesNs)
	out.AllocsPerOp, out.BytesPerOp = median(allocs), median(bytes)
	return out
}

// summarize returns the median of samples and its confidence interval, as the
// suite computes them; an interval benchmath cannot bound (too few samples) is the
// samples' range, since JSON has no infinity.
func summarize(samples []float64) (center, lo, hi float64) {
	if len(samples) == 0 {
		return 0, 0, 0
	}
	s := benchmath.NewSample(slices.Clone(samples), &benchmath.DefaultThresholds)
	sum := benchmath.AssumeNothing.Summary(s, confidence)
	lo, hi = sum.Lo, sum.Hi
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) || math.IsNaN(hi) {
		lo, hi = s.Values[0], s.Values[len(s.Values)-1]
	}
	return sum.Center, lo, hi
}

// median returns the median of xs, 0 for none; xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// mean returns the arithmetic mean of xs, which must not be empty.
func mean(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
