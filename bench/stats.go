package bench

import (
	"slices"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// newResult turns the sample durations of b, each of iters iterations, into a
// Result: per-operation times, the seed's aggregate fields, and benchmath's median
// with its 95% confidence interval (AssumeNothing: no distribution is assumed).
func newResult(b Benchmark, iters int, durations []time.Duration, at time.Time) Result {
	opsPerSample := float64(iters) * float64(b.ops())
	samples := make([]float64, len(durations))
	var total time.Duration
	for i, d := range durations {
		samples[i] = float64(d.Nanoseconds()) / opsPerSample
		total += d
	}
	totalOps := opsPerSample * float64(len(durations))
	r := Result{
		Name:            b.Name,
		Iterations:      int64(iters) * int64(len(durations)),
		TotalDurationMs: float64(total.Nanoseconds()) / 1e6,
		AvgDurationUs:   float64(total.Nanoseconds()) / totalOps / 1e3,
		MinDurationUs:   slices.Min(samples) / 1e3,
		MaxDurationUs:   slices.Max(samples) / 1e3,
		Timestamp:       at.UTC(),
		Group:           b.Group,
		BatchSize:       b.ops(),
		SamplesNs:       samples,
	}
	if total > 0 {
		r.ThroughputPerSec = totalOps / total.Seconds()
	}
	r.MedianNs, r.CILowNs, r.CIHighNs, r.Warnings = summarize(samples)
	return r
}

// summarize returns the median of samples and its confidence interval at level
// Confidence (stats.Summarize), the range where the samples are too few for an
// interval (JSON has no infinity), with benchmath's warnings.
func summarize(samples []float64) (median, lo, hi float64, warnings []string) {
	s := stats.Summarize(samples)
	lo, hi = s.Bounded(samples)
	return s.Center, lo, hi, s.Warnings
}

// CIHalfWidthPct is the larger distance from the median to an end of its
// confidence interval, in percent of the median: the "±x%" of the result.
func (r Result) CIHalfWidthPct() float64 {
	if r.MedianNs <= 0 {
		return 0
	}
	return 100 * max(r.MedianNs-r.CILowNs, r.CIHighNs-r.MedianNs) / r.MedianNs
}
