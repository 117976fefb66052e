package bench

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// shardDoc is a part's document holding results named names.
func shardDoc(ts time.Time, wallMs float64, names ...string) *Document {
	d := &Document{
		SchemaVersion: SchemaVersion,
		Version:       "0.1.0",
		Timestamp:     ts,
		Environment:   Environment{GoVersion: "go1.24.0", OS: "linux", Arch: "amd64", CPUModel: "EPYC", CPUCount: 4},
		Harness:       &HarnessInfo{Clock: "thread-cpu", Samples: 40, SampleTimeMs: 15, Confidence: 0.95},
		Git:           &GitInfo{Commit: "c0ffee"},
	}
	for i, n := range names {
		d.Results = append(d.Results, Result{Name: n, Iterations: int64(10 * (i + 1)), MedianNs: float64(100 * (i + 1)), TotalDurationMs: 1})
	}
	d.Summary = Summarize(d.Results, time.Duration(wallMs*float64(time.Millisecond)))
	return d
}

var t0 = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)

func TestMergeJoinsDisjointParts(t *testing.T) {
	t.Parallel()
	parts := []Part{
		{"shard-2.json", shardDoc(t0.Add(time.Minute), 200, "c", "a")},
		{"shard-1.json", shardDoc(t0, 100, "b")},
	}
	m, err := Merge(parts, MergeOptions{Expect: []string{"a", "b", "c", "d"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range m.Doc.Results {
		got = append(got, r.Name)
	}
	if want := []string{"a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("results %q, want %q (the expected order)", got, want)
	}
	if !slices.Equal(m.Unrun, []string{"d"}) {
		t.Errorf("Unrun = %q, want [d]", m.Unrun)
	}
	s := m.Doc.Summary
	if s.TotalBenchmarks != 3 || s.TotalIterations != 40 || s.TotalDurationMs != 300 /* b and c tie: the first listed wins */ || s.FastestBenchmark != "b" || s.SlowestBenchmark != "a" {
		t.Errorf("summary = %+v", s)
	}
	if !m.Doc.Timestamp.Equal(t0) {
		t.Errorf("timestamp %v, want the earliest part's %v", m.Doc.Timestamp, t0)
	}
	if m.Doc.Git.Commit != "c0ffee" || m.Doc.Harness.Samples != 40 || m.Doc.Environment.CPUModel != "EPYC" || m.MixedCPU {
		t.Errorf("merged document lost the common fields: %+v", m.Doc)
	}
	// The parts are not changed.
	if len(parts[0].Doc.Results) != 2 || parts[0].Doc.Results[0].Name != "c" {
		t.Errorf("part 1 changed: %+v", parts[0].Doc.Results)
	}
}

func TestMergeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(d *Document)
		names  []string
		want   []string
	}{
		{name: "overlap", names: []string{"b", "x"}, want: []string{`a.json and b.json both hold benchmark "b"`}},
		{name: "commit", change: func(d *Document) { d.Git.Commit = "beef" }, want: []string{"b.json: git.commit is beef, but c0ffee in a.json"}},
		{name: "no commit", change: func(d *Document) { d.Git = nil }, want: []string{"b.json: git.commit is (none), but c0ffee in a.json"}},
		{name: "harness", change: func(d *Document) { d.Harness.Samples = 10 }, want: []string{`b.json: harness is {"clock":"thread-cpu","samples":10,"sample_time_ms":15,"confidence":0.95}, but {"clock":"thread-cpu","samples":40,`}},
		{name: "processes", change: func(d *Document) { d.Harness.Processes = 4 }, want: []string{`"processes":4}, but {"clock"`}},
		{name: "version", change: func(d *Document) { d.Version = "0.2.0" }, want: []string{`b.json: version is "0.2.0", but "0.1.0" in a.json`}},
		{name: "go version", change: func(d *Document) { d.Environment.GoVersion = "go1.23.1" }, want: []string{"b.json: environment is go1.23.1 linux/amd64, but go1.24.0 linux/amd64 in a.json"}},
		{name: "cpu", change: func(d *Document) { d.Environment.CPUModel = "Xeon" }, want: []string{`b.json: CPU is "Xeon" x4, but "EPYC" x4 in a.json`, "--mixed-cpu"}},
		{name: "metric", change: func(d *Document) {
			d.Results[0].Metrics = map[string]Metric{MetricInstructions: {Unit: "instructions/op"}}
		}, want: []string{"b.json: metrics are time, instructions (instructions/op), but time in a.json"}},
		{name: "everything at once", names: []string{"a"}, change: func(d *Document) { d.Git.Commit = "beef"; d.Version = "9" },
			want: []string{"version is", "git.commit is", "both hold benchmark"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			names := tt.names
			if names == nil {
				names = []string{"c"}
			}
			b := shardDoc(t0, 1, names...)
			if tt.change != nil {
				tt.change(b)
			}
			_, err := Merge([]Part{{"a.json", shardDoc(t0, 1, "a", "b")}, {"b.json", b}}, MergeOptions{})
			if err == nil {
				t.Fatal("merge succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestMergeMixedCPU(t *testing.T) {
	t.Parallel()
	b := shardDoc(t0, 1, "c")
	b.Environment.CPUModel, b.Environment.CPUCount = "Xeon", 2
	m, err := Merge([]Part{{"a.json", shardDoc(t0, 1, "a")}, {"b.json", b}}, MergeOptions{MixedCPU: true})
	if err != nil {
		t.Fatal(err)
	}
	if !m.MixedCPU || m.Doc.Environment.CPUModel != "EPYC | Xeon" || m.Doc.Environment.CPUCount != 2 {
		t.Errorf("mixed = %v, environment %+v", m.MixedCPU, m.Doc.Environment)
	}
}

func TestMergeOnePartIsItself(t *testing.T) {
	t.Parallel()
	d := shardDoc(t0, 50, "a", "b")
	m, err := Merge([]Part{{"a.json", d}}, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Doc.Summary != d.Summary || len(m.Doc.Results) != 2 || m.Unrun != nil {
		t.Errorf("merged %+v, want the part's own summary %+v", m.Doc.Summary, d.Summary)
	}
	if _, err := Merge(nil, MergeOptions{}); err == nil {
		t.Error("merging no parts succeeded")
	}
}

// TestMergeToolUnitsPerBenchmark: a tool's own units (MB/s from one package, a
// b.ReportMetric unit from another) belong to their benchmarks, so parts that
// hold different benchmarks may carry different ones.
func TestMergeToolUnitsPerBenchmark(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	a, b := shardDoc(t0, 1, "a"), shardDoc(t0, 1, "b")
	a.Results[0].Metrics = map[string]Metric{"MB/s": NewMetric("MB/s", []float64{100})}
	b.Results[0].Metrics = map[string]Metric{"widgets/op": NewMetric("widgets/op", []float64{42})}
	m, err := Merge([]Part{{"a.json", a}, {"b.json", b}}, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Doc.Results) != 2 || m.Doc.Results[0].Metrics["MB/s"].Median != 100 || m.Doc.Results[1].Metrics["widgets/op"].Median != 42 {
		t.Errorf("merged results %+v, want both with their own units", m.Doc.Results)
	}
}
