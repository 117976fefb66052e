package bench

import (
	"maps"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// MetricAllocations and MetricBytes are the keys, in Result.Metrics, of the
// allocations and bytes per operation of each process (or each sample, in formats
// that give them per sample), kept when a result combines several processes so that
// the comparison can tell exact counts from varying ones. AllocsPerOp and BytesPerOp
// stay the results' single figures (the median).
const (
	MetricAllocations = "allocations"
	MetricBytes       = "bytes"
)

// Combine makes one result of the measurements of one benchmark in several
// processes (parts, in the order they ran; not empty): samples concatenated in that
// order, each sample's process recorded in SamplesProcess (a part's own processes
// are kept apart from the other parts'), the seed's aggregates over all parts, the
// median and its interval recomputed, the metrics' samples concatenated likewise,
// and the allocation figures' median, with each part's figure kept in Metrics when
// the parts are several. The parts are not modified.
func Combine(parts []Result) Result {
	out := parts[0]
	out.SamplesNs, out.SamplesProcess, out.Warnings = nil, nil, nil
	out.Iterations, out.TotalDurationMs = 0, 0
	out.Metrics = nil
	var allocs, bytes []float64
	var weighted float64 // sum of avg x iterations, for the overall average
	next := 0            // the first process id not yet used
	metrics := map[string]*Metric{}
	for _, p := range parts {
		ids := processIDs(p.SamplesProcess, len(p.SamplesNs), next)
		out.SamplesNs = append(out.SamplesNs, p.SamplesNs...)
		out.SamplesProcess = append(out.SamplesProcess, ids...)
		out.Iterations += p.Iterations
		out.TotalDurationMs += p.TotalDurationMs
		weighted += p.AvgDurationUs * float64(p.Iterations)
		allocs = append(allocs, p.AllocsPerOp)
		bytes = append(bytes, p.BytesPerOp)
		for _, key := range slices.Sorted(maps.Keys(p.Metrics)) {
			m := p.Metrics[key]
			acc := metrics[key]
			if acc == nil {
				acc = &Metric{Unit: m.Unit, Better: m.Better}
				metrics[key] = acc
			}
			acc.Samples = append(acc.Samples, m.Samples...)
			acc.SamplesProcess = append(acc.SamplesProcess, processIDs(m.SamplesProcess, len(m.Samples), next)...)
		}
		if len(parts) > 1 {
			addOne(metrics, p, MetricAllocations, "allocs/op", p.AllocsPerOp, next)
			addOne(metrics, p, MetricBytes, "B/op", p.BytesPerOp, next)
		}
		next = nextID(next, ids)
	}
	if !slices.ContainsFunc(out.SamplesProcess, func(id int) bool { return id != out.SamplesProcess[0] }) {
		out.SamplesProcess = nil // one process: nothing to tell apart
	}
	out.aggregate(weighted)
	out.AllocsPerOp, out.BytesPerOp = median(allocs), median(bytes)
	for key, m := range metrics {
		if out.Metrics == nil {
			out.Metrics = map[string]Metric{}
		}
		s := stats.Summarize(m.Samples)
		m.Median = s.Center
		m.CILow, m.CIHigh = s.Bounded(m.Samples)
		out.Metrics[key] = *m
	}
	return out
}

// addOne records a part's single allocation figure as one sample of its process,
// unless the part already carries that metric per sample.
func addOne(metrics map[string]*Metric, p Result, key, unit string, v float64, id int) {
	if _, has := p.Metrics[key]; has {
		return
	}
	m := metrics[key]
	if m == nil {
		m = &Metric{Unit: unit}
		metrics[key] = m
	}
	m.Samples = append(m.Samples, v)
	m.SamplesProcess = append(m.SamplesProcess, id)
}

// processIDs returns the process of each of n samples, shifted to start at next: a
// part without processes is one process.
func processIDs(process []int, n, next int) []int {
	ids := make([]int, n)
	if len(process) != n || n == 0 {
		for i := range ids {
			ids[i] = next
		}
		return ids
	}
	lowest := slices.Min(process)
	for i, p := range process {
		ids[i] = next + p - lowest
	}
	return ids
}

func nextID(next int, ids []int) int {
	if len(ids) == 0 {
		return next + 1
	}
	return slices.Max(ids) + 1
}

// aggregate recomputes the seed's aggregate fields, the median and its interval
// from the samples; weighted is the sum of the parts' average x iterations.
func (r *Result) aggregate(weighted float64) {
	if len(r.SamplesNs) == 0 {
		r.MedianNs, r.CILowNs, r.CIHighNs = 0, 0, 0
		return
	}
	r.MinDurationUs = slices.Min(r.SamplesNs) / 1e3
	r.MaxDurationUs = slices.Max(r.SamplesNs) / 1e3
	switch {
	case weighted > 0 && r.Iterations > 0:
		r.AvgDurationUs = weighted / float64(r.Iterations)
	default: // Go benchmark format has no average: the samples' mean
		var sum float64
		for _, s := range r.SamplesNs {
			sum += s
		}
		r.AvgDurationUs = sum / float64(len(r.SamplesNs)) / 1e3
	}
	if r.AvgDurationUs > 0 {
		r.ThroughputPerSec = 1e6 / r.AvgDurationUs
	}
	r.MedianNs, r.CILowNs, r.CIHighNs, r.Warnings = summarize(r.SamplesNs)
}

// median returns the median of xs, 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}
