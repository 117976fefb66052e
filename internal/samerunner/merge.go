package samerunner

import (
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

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
// suite computes them (stats.Summarize); an interval benchmath cannot bound (too few
// samples) is the samples' range, since JSON has no infinity.
func summarize(samples []float64) (center, lo, hi float64) {
	if len(samples) == 0 {
		return 0, 0, 0
	}
	s := stats.Summarize(samples)
	lo, hi = s.Bounded(samples)
	return s.Center, lo, hi
}

// median returns the median of xs, 0 for none; xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}

// mean returns the arithmetic mean of xs, which must not be empty.
func mean(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
