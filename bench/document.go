package bench

import "time"

// NewDocument assembles a result document from results measured in a run that
// started at start and lasted wall.
func NewDocument(version string, start time.Time, env Environment, results []Result, wall time.Duration) Document {
	return Document{
		SchemaVersion: SchemaVersion,
		Version:       version,
		Timestamp:     start.UTC(),
		Environment:   env,
		Results:       results,
		Summary:       Summarize(results, wall),
	}
}

// Summarize computes the document summary: counts, the run's wall time, and the
// fastest and slowest benchmarks by median time per operation (the first one
// listed wins a tie; a result without time samples is neither).
func Summarize(results []Result, wall time.Duration) Summary {
	s := Summary{
		TotalBenchmarks: len(results),
		TotalDurationMs: float64(wall.Nanoseconds()) / 1e6,
	}
	var fastest, slowest *Result
	for i := range results {
		r := &results[i]
		s.TotalIterations += r.Iterations
		if r.MedianNs == 0 && len(r.SamplesNs) == 0 && len(r.Metrics) > 0 {
			continue // no time measured (a Go benchmark of custom units only)
		}
		if fastest == nil || r.MedianNs < fastest.MedianNs {
			fastest = r
		}
		if slowest == nil || r.MedianNs > slowest.MedianNs {
			slowest = r
		}
	}
	if fastest != nil {
		s.FastestBenchmark, s.SlowestBenchmark = fastest.Name, slowest.Name
	}
	return s
}
