package formats

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func TestGoBenchSamplesInNanoseconds(t *testing.T) {
	t.Parallel()
	in := "goos: linux\nBenchmarkX-2 100 1500 ns/op 16 B/op 2 allocs/op\nBenchmarkX-2 100 1600 ns/op 16 B/op 2 allocs/op\nPASS\n"
	doc, err := Read([]byte(in), "x.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Results[0]
	if len(r.SamplesNs) != 2 || r.SamplesNs[0] != 1500 || r.SamplesNs[1] < 1599.99 || r.SamplesNs[1] > 1600.01 {
		t.Errorf("samples_ns = %v, want [1500 1600]", r.SamplesNs)
	}
	if r.BytesPerOp != 16 || r.AllocsPerOp != 2 || r.Iterations != 200 || doc.Environment.OS != "linux" {
		t.Errorf("got bytes %v allocs %v iters %d os %q", r.BytesPerOp, r.AllocsPerOp, r.Iterations, doc.Environment.OS)
	}
	if r.AvgDurationUs != 1.55 || r.MinDurationUs != 1.5 || r.MaxDurationUs < 1.59999 {
		t.Errorf("avg/min/max = %v/%v/%v us, want 1.55/1.5/1.6", r.AvgDurationUs, r.MinDurationUs, r.MaxDurationUs)
	}
}

func TestGoBenchRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"syntax", "BenchmarkX-2 100 abc ns/op\n", "base.txt:1:"},
		{"NaN", "BenchmarkX-2 100 NaN ns/op\n", "base.txt: results[0] (X-2): samples_ns[0]: not a finite number"},
		{"negative", "BenchmarkX-2 100 5 ns/op\nBenchmarkX-2 100 -5 ns/op\n", "base.txt: results[0] (X-2): samples_ns[1]: negative"},
		{"no time nor metric", "BenchmarkX-2 100 5 B/op\n", "base.txt:1: X-2: no time (ns/op) and no other metric"},
		{"NaN metric", "BenchmarkX-2 100 NaN MB/s\n", `base.txt: results[0] (X-2): metrics["MB/s"]: samples[0]: not a finite number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "base.txt", "")
			if err == nil {
				t.Fatalf("Read succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestGoBenchEverythingGoTestWrites reads real `go test` output (see
// testdata/formats/gobench/README.md) as benchstat does: the same name in two
// packages is two benchmarks, MB/s and custom units are metrics with the units
// as written, and a benchmark without ns/op keeps its custom metric.
func TestGoBenchEverythingGoTestWrites(t *testing.T) {
	t.Parallel()
	doc, err := LoadFile("../../testdata/formats/gobench/two-packages.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]bench.Result{}
	for _, r := range doc.Results {
		byName[r.Name] = r
	}
	if len(doc.Results) != 3 {
		t.Fatalf("results %v, want 3", slices.Collect(maps.Keys(byName)))
	}
	a, b, custom := byName["example.com/twopkgs/a.Hash-2"], byName["example.com/twopkgs/b.Hash-2"], byName["OnlyCustom-2"]
	if len(a.SamplesNs) != 3 || a.SamplesNs[0] != 7142 || len(b.SamplesNs) != 3 || b.SamplesNs[0] != 220.2 {
		t.Errorf("package a samples %v, package b samples %v: want each its own three", a.SamplesNs, b.SamplesNs)
	}
	if m := a.Metrics["MB/s"]; m.Unit != "MB/s" || !slices.Equal(m.Samples, []float64{573.49, 238.32, 416.09}) || m.Median != 416.09 || !m.HigherIsBetter() {
		t.Errorf("a MB/s = %+v, want the three values as written, median 416.09, higher is better", m)
	}
	if m := b.Metrics["hashes/s"]; len(m.Samples) != 3 || m.Samples[0] != 4541713 || !m.HigherIsBetter() {
		t.Errorf("b hashes/s = %+v", m)
	}
	if b.AllocsPerOp != 0 || len(b.Metrics) != 3 || !slices.Equal(b.Metrics[bench.MetricAllocations].Samples, []float64{0, 0, 0}) || b.Metrics[bench.MetricBytes].Unit != "B/op" {
		t.Errorf("b metrics %v allocs %v: want allocs/op 0, and each line's allocations and bytes as metrics beside hashes/s", b.Metrics, b.AllocsPerOp)
	}
	if m := custom.Metrics["widgets/op"]; len(custom.SamplesNs) != 0 || len(m.Samples) != 3 || m.Median != 42 || m.HigherIsBetter() {
		t.Errorf("OnlyCustom: samples_ns %v, widgets/op %+v; want no time and three 42s, lower is better", custom.SamplesNs, m)
	}
	// What is read is a valid document that compares with itself as unchanged.
	data, err := bench.Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bench.DecodeJSON(data, "back.json"); err != nil {
		t.Errorf("the document read does not read back: %v", err)
	}
}

func TestGoBenchPackagesQualifyOnlyAmbiguousNames(t *testing.T) {
	t.Parallel()
	in := "pkg: m/a\nBenchmarkX 1 1 ns/op\nBenchmarkY 1 2 ns/op\npkg: m/b\nBenchmarkX 1 3 ns/op\nBenchmarkX 1 4 ns/op\n"
	doc, err := Read([]byte(in), "two.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range doc.Results {
		got = append(got, fmt.Sprint(r.Name, r.SamplesNs))
	}
	if want := []string{"m/a.X[1]", "Y[2]", "m/b.X[3 4]"}; !slices.Equal(got, want) {
		t.Errorf("results %q, want %q", got, want)
	}
}

func TestGoBenchUnitMetadata(t *testing.T) {
	t.Parallel()
	in := "Unit score better=higher\nUnit ns/op better=lower\nBenchmarkX 1 5 ns/op 7 score 3 misses/op\n"
	doc, err := Read([]byte(in), "u.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Results[0].Metrics
	if m["score"].Better != bench.BetterHigher || !m["score"].HigherIsBetter() || m["misses/op"].Better != "" {
		t.Errorf("metrics %+v: want score better higher (the file says), misses/op by its unit", m)
	}
}

// TestGoBenchInstructionsReadBackAsTheInstructionsMetric: the instructions/op that
// run --measure instructions writes to latest.bench.txt come back as the metric
// bench.MetricInstructions, which compare gates as instructions.
func TestGoBenchInstructionsReadBackAsTheInstructionsMetric(t *testing.T) {
	t.Parallel()
	in := "BenchmarkX-2 100 1500 ns/op 486.1 instructions/op\nBenchmarkX-2 100 1600 ns/op 486.3 instructions/op\n"
	doc, err := Read([]byte(in), "x.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	m, ok := doc.Results[0].Metrics[bench.MetricInstructions]
	if !ok || m.Unit != bench.UnitInstructions || !slices.Equal(m.Samples, []float64{486.1, 486.3}) {
		t.Errorf("metrics = %v, want %q with unit %s and samples [486.1 486.3]", doc.Results[0].Metrics, bench.MetricInstructions, bench.UnitInstructions)
	}
	if _, dup := doc.Results[0].Metrics[bench.UnitInstructions]; dup {
		t.Errorf("instructions also kept under their unit: %v", doc.Results[0].Metrics)
	}
}
