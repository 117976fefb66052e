package bench

import (
	"slices"
)

// ResultFromSamples returns the result named name whose samples are samplesNs
// (per-operation times in nanoseconds, one per sample, in the order taken), as a
// reader of another tool's output builds it: the median, confidence interval and
// warnings as the harness computes them, avg/min/max_duration_us from the
// samples, throughput_per_sec from their mean, and batch_size 1. Iterations,
// total_duration_ms and the other fields are the caller's to fill in.
// samplesNs may be empty (a benchmark measured in other units only).
func ResultFromSamples(name string, samplesNs []float64) Result {
	r := Result{Name: name, BatchSize: 1, SamplesNs: samplesNs}
	if len(samplesNs) == 0 {
		r.SamplesNs = []float64{} // written as [], not null
		return r
	}
	var sum float64
	for _, v := range samplesNs {
		sum += v
	}
	mean := sum / float64(len(samplesNs))
	r.AvgDurationUs = mean / 1e3
	r.MinDurationUs = slices.Min(samplesNs) / 1e3
	r.MaxDurationUs = slices.Max(samplesNs) / 1e3
	if mean > 0 {
		r.ThroughputPerSec = 1e9 / mean
	}
	r.MedianNs, r.CILowNs, r.CIHighNs, r.Warnings = summarize(samplesNs)
	return r
}
