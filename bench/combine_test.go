package bench

import (
	"math"
	"slices"
	"testing"
)

func TestCombineConcatenatesRoundsAndRecomputes(t *testing.T) {
	t.Parallel()
	r1 := Result{Name: "x", Iterations: 10, TotalDurationMs: 1, AvgDurationUs: 2, BatchSize: 1,
		SamplesNs: []float64{100, 110, 120}, MedianNs: 110, AllocsPerOp: 2, BytesPerOp: 64, CostTotalUSD: "1.5"}
	r2 := Result{Name: "x", Iterations: 30, TotalDurationMs: 3, AvgDurationUs: 4, BatchSize: 1,
		SamplesNs: []float64{200, 90, 130}, MedianNs: 130, AllocsPerOp: 2, BytesPerOp: 64, CostTotalUSD: "1.5"}

	got := Combine([]Result{r1, r2})

	if want := []float64{100, 110, 120, 200, 90, 130}; !slices.Equal(got.SamplesNs, want) {
		t.Errorf("samples = %v, want %v (round order kept)", got.SamplesNs, want)
	}
	if got.MedianNs != 115 { // median of 90 100 110 120 130 200
		t.Errorf("median = %v, want 115", got.MedianNs)
	}
	if got.CILowNs > got.MedianNs || got.CIHighNs < got.MedianNs || got.CILowNs < 90 || got.CIHighNs > 200 {
		t.Errorf("interval [%v, %v] does not hold the median %v inside the samples' range", got.CILowNs, got.CIHighNs, got.MedianNs)
	}
	if got.Iterations != 40 || got.TotalDurationMs != 4 || got.AvgDurationUs != 3.5 {
		t.Errorf("iterations %d, total %v ms, avg %v us; want 40, 4, 3.5 (weighted by iterations)", got.Iterations, got.TotalDurationMs, got.AvgDurationUs)
	}
	if got.MinDurationUs != 0.09 || got.MaxDurationUs != 0.2 {
		t.Errorf("min %v, max %v us; want 0.09 and 0.2 from the samples", got.MinDurationUs, got.MaxDurationUs)
	}
	if math.Abs(got.ThroughputPerSec-1e6/3.5) > 1e-6 {
		t.Errorf("throughput %v, want %v", got.ThroughputPerSec, 1e6/3.5)
	}
	if got.AllocsPerOp != 2 || got.BytesPerOp != 64 || got.CostTotalUSD != "1.5" || got.Name != "x" {
		t.Errorf("merged %+v lost the exact fields", got)
	}
	if len(r1.SamplesNs) != 3 {
		t.Errorf("merge changed its input: %v", r1.SamplesNs)
	}
}

func TestCombineGoBenchmarkFormatHasNoAverage(t *testing.T) {
	t.Parallel()
	got := Combine([]Result{{Name: "g", Iterations: 5, SamplesNs: []float64{1000}}, {Name: "g", Iterations: 5, SamplesNs: []float64{3000}}})
	if got.AvgDurationUs != 2 || got.MedianNs != 2000 {
		t.Errorf("avg %v us, median %v ns; want the samples' mean 2 us and median 2000 ns", got.AvgDurationUs, got.MedianNs)
	}
	if math.IsInf(got.CILowNs, 0) || math.IsInf(got.CIHighNs, 0) {
		t.Errorf("interval [%v, %v] is infinite; JSON cannot hold it", got.CILowNs, got.CIHighNs)
	}
}

func TestCombineRecordsProcesses(t *testing.T) {
	t.Parallel()
	p1 := Result{Name: "x", SamplesNs: []float64{10, 11}, AllocsPerOp: 480, BytesPerOp: 64}
	p2 := Result{Name: "x", SamplesNs: []float64{12, 13, 14}, AllocsPerOp: 481, BytesPerOp: 64,
		Metrics: map[string]Metric{MetricInstructions: {Unit: "instructions/op", Samples: []float64{500, 501}}}}
	// A part that itself came from two processes keeps them apart.
	p3 := Result{Name: "x", SamplesNs: []float64{15, 16}, SamplesProcess: []int{4, 7}, AllocsPerOp: 480, BytesPerOp: 64}
	got := Combine([]Result{p1, p2, p3})
	if want := []int{0, 0, 1, 1, 1, 2, 5}; !slices.Equal(got.SamplesProcess, want) {
		t.Errorf("samples_process = %v, want %v", got.SamplesProcess, want)
	}
	a := got.Metrics[MetricAllocations]
	if a.Unit != "allocs/op" || !slices.Equal(a.Samples, []float64{480, 481, 480}) || !slices.Equal(a.SamplesProcess, []int{0, 1, 2}) {
		t.Errorf("allocations metric = %+v, want one figure per part", a)
	}
	if got.AllocsPerOp != 480 {
		t.Errorf("allocs/op = %v, want the median 480", got.AllocsPerOp)
	}
	in := got.Metrics[MetricInstructions]
	if !slices.Equal(in.Samples, []float64{500, 501}) || !slices.Equal(in.SamplesProcess, []int{1, 1}) || in.Median != 500.5 {
		t.Errorf("instructions = %+v, want the part's samples in process 1, median 500.5", in)
	}
	if p1.SamplesProcess != nil || len(p2.Metrics) != 1 {
		t.Error("Combine changed its input")
	}
	one := Combine([]Result{p1})
	if one.SamplesProcess != nil || one.Metrics != nil {
		t.Errorf("one part: samples_process %v, metrics %v; want neither", one.SamplesProcess, one.Metrics)
	}
}

// TestCombineWithoutTime combines results that have metrics but no time (a Go
// benchmark that reports b.ReportMetric(0, "ns/op")): the metrics' samples join,
// each part's process kept.
func TestCombineWithoutTime(t *testing.T) {
	part := func(v float64) Result {
		return Result{Name: "custom", SamplesNs: []float64{}, Metrics: map[string]Metric{"widgets/op": NewMetric("widgets/op", []float64{v})}}
	}
	got := Combine([]Result{part(1), part(2), part(3)})
	m := got.Metrics["widgets/op"]
	if len(got.SamplesNs) != 0 || len(m.Samples) != 3 || m.Median != 2 || len(m.SamplesProcess) != 3 || m.SamplesProcess[2] != 2 {
		t.Errorf("combined: samples_ns %v, widgets/op %+v; want no time and three samples from three processes", got.SamplesNs, m)
	}
}
