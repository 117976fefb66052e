package gotest

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// TestCountInstructions counts the fixture's benchmarks under valgrind: each timed
// benchmark gets instructions per operation whose processes agree, ten times the
// loop is several times the instructions, and a benchmark without time is left
// alone.
func TestCountInstructions(t *testing.T) {
	t.Parallel()
	v, err := bench.FindValgrind(runtime.GOOS, exec.LookPath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have valgrind (.ci/run installs it): %v", err)
		}
		t.Skip(err)
	}
	rec, err := Record(context.Background(), Options{Dir: fixture, Bench: "Sizes|Custom", BenchTime: "100x", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	if err := rec.CountInstructions(context.Background(), v.WithJobs(0), nil); err != nil {
		t.Fatal(err)
	}
	got := byName(t, rec.Doc)
	small, large := got["Sizes/n=10"].Metrics[bench.MetricInstructions], got["Sizes/n=100"].Metrics[bench.MetricInstructions]
	for _, m := range []bench.Metric{small, large} {
		if len(m.Samples) != bench.DefaultInstructionPairs || m.Unit != bench.UnitInstructions {
			t.Fatalf("instructions %+v, want %d samples of %s", m, bench.DefaultInstructionPairs, bench.UnitInstructions)
		}
		if lo, hi := slices.Min(m.Samples), slices.Max(m.Samples); hi > lo*1.01 {
			t.Errorf("instruction samples %v differ by more than 1%%", m.Samples)
		}
	}
	if ratio := large.Median / small.Median; ratio < 4 || ratio > 12 {
		t.Errorf("n=100 runs %.0f instructions/op, n=10 %.0f: ratio %.1f, want about ten times the loop", large.Median, small.Median, ratio)
	}
	if _, ok := got["Custom"].Metrics[bench.MetricInstructions]; ok {
		t.Errorf("a benchmark without time was counted")
	}
}
