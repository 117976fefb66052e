package bench

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		results []Result
		want    Summary
	}{
		{"empty", nil, Summary{TotalDurationMs: 1500}},
		{"by median, not by mean", []Result{
			{Name: "a", Iterations: 10, MedianNs: 50, AvgDurationUs: 0.01},
			{Name: "b", Iterations: 20, MedianNs: 20, AvgDurationUs: 0.9},
			{Name: "c", Iterations: 30, MedianNs: 90, AvgDurationUs: 0.02},
		}, Summary{TotalBenchmarks: 3, TotalIterations: 60, TotalDurationMs: 1500, FastestBenchmark: "b", SlowestBenchmark: "c"}},
		{"ties go to the first listed", []Result{
			{Name: "x", Iterations: 1, MedianNs: 5},
			{Name: "y", Iterations: 1, MedianNs: 5},
		}, Summary{TotalBenchmarks: 2, TotalIterations: 2, TotalDurationMs: 1500, FastestBenchmark: "x", SlowestBenchmark: "x"}},
		{"a result without time is neither", []Result{
			{Name: "custom", Iterations: 1, SamplesNs: []float64{}, Metrics: map[string]Metric{"widgets/op": NewMetric("widgets/op", []float64{42})}},
			{Name: "timed", Iterations: 1, MedianNs: 5, SamplesNs: []float64{5}},
		}, Summary{TotalBenchmarks: 2, TotalIterations: 2, TotalDurationMs: 1500, FastestBenchmark: "timed", SlowestBenchmark: "timed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Summarize(tt.results, 1500*time.Millisecond); got != tt.want {
				t.Errorf("Summarize = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCIHalfWidthPct(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r    Result
		want float64
	}{
		{Result{MedianNs: 100, CILowNs: 98, CIHighNs: 103}, 3},
		{Result{MedianNs: 100, CILowNs: 95, CIHighNs: 101}, 5},
		{Result{MedianNs: 0}, 0},
	}
	for _, tt := range tests {
		if got := tt.r.CIHalfWidthPct(); got != tt.want {
			t.Errorf("CIHalfWidthPct(%+v) = %v, want %v", tt.r, got, tt.want)
		}
	}
}
