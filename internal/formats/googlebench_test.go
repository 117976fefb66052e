package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var googleBenchmarkPair = realPair{dir: "google-benchmark", want: "google-benchmark",
	base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"BM_Sum/4096"}}

func TestGoogleBenchmarkRealFiles(t *testing.T) {
	t.Parallel()
	checkRealPair(t, googleBenchmarkPair)
	cpu := googleBenchmarkPair
	cpu.format = "google-benchmark:cpu_time"
	checkRealPair(t, cpu)
	// Aggregates only: the median aggregate of 3 repetitions, one value a side.
	checkRealPair(t, realPair{dir: "google-benchmark", want: "google-benchmark", base: "aggregates-only.json", same: "aggregates-same.json",
		slow: "aggregates-slow.json", slowed: []string{"BM_Sum/4096"}, point: true,
		noisy: "made at load 15: BM_Sleepy's median of 3 repetitions moved +91% between the two unchanged runs"})
}

// TestGoogleBenchmarkMediansAreTheToolsOwn checks every benchmark's median, in
// real_time and in cpu_time, against the median aggregate Google Benchmark wrote
// beside the repetitions (which the reader skips).
func TestGoogleBenchmarkMediansAreTheToolsOwn(t *testing.T) {
	t.Parallel()
	path := filepath.Join(realFixtures, "google-benchmark", "base.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Benchmarks []map[string]any `json:"benchmarks"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"real_time", "cpu_time"} {
		format := "google-benchmark"
		if field == "cpu_time" {
			format += ":cpu_time"
		}
		doc, err := Read(data, path, format)
		if err != nil {
			t.Fatal(err)
		}
		got := resultsByName(doc)
		n := 0
		for _, e := range raw.Benchmarks {
			if e["aggregate_name"] != "median" {
				continue
			}
			n++
			name := e["run_name"].(string)
			r, ok := got[name]
			if !ok {
				t.Errorf("%s: not read", name)
				continue
			}
			if want := e[field].(float64) * unitNs[e["time_unit"].(string)]; !near(r.MedianNs, want) {
				t.Errorf("%s %s: median %v ns, Google Benchmark says %v", name, field, r.MedianNs, want)
			}
			if len(r.SamplesNs) != 10 || r.PointEstimate {
				t.Errorf("%s: %d samples (point estimate %v), want the 10 repetitions", name, len(r.SamplesNs), r.PointEstimate)
			}
		}
		if n != 3 || len(doc.Results) != 3 {
			t.Errorf("%d medians in the file, %d results read; want 3 each", n, len(doc.Results))
		}
	}
}

func TestGoogleBenchmarkUnitsAndCounters(t *testing.T) {
	t.Parallel()
	doc := loadReal(t, googleBenchmarkPair, "base.json")
	got := resultsByName(doc)
	// BM_Sleepy is reported in microseconds (->Unit(kMicrosecond)): read in ns.
	if s := got["BM_Sleepy"]; s.MedianNs < 10 || s.MedianNs > 1e6 {
		t.Errorf("BM_Sleepy median %v ns: time_unit us not honoured?", s.MedianNs)
	}
	if m := got["BM_Sum/4096"].Metrics["B/s"]; len(m.Samples) != 10 || !m.HigherIsBetter() {
		t.Errorf("BM_Sum bytes_per_second = %+v, want 10 samples of B/s, higher is better", m)
	}
	sc := got["BM_StringCopy"].Metrics
	if len(sc["items/s"].Samples) != 10 || len(sc["copies"].Samples) != 10 {
		t.Errorf("BM_StringCopy metrics %v, want items/s and the user counter copies", sc)
	}
	if doc.Environment.CPUCount != 2 || doc.Timestamp.IsZero() {
		t.Errorf("environment %+v timestamp %v: want the context's num_cpus and date", doc.Environment, doc.Timestamp)
	}
}

func TestGoogleBenchmarkAggregatesOnly(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"aggregates-only.json", "aggregates-same.json", "aggregates-slow.json"} {
		doc := loadReal(t, googleBenchmarkPair, file)
		data, err := os.ReadFile(filepath.Join(realFixtures, "google-benchmark", file))
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Benchmarks []struct {
				RunName       string  `json:"run_name"`
				AggregateName string  `json:"aggregate_name"`
				RealTime      float64 `json:"real_time"`
				TimeUnit      string  `json:"time_unit"`
			}
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		got := resultsByName(doc)
		medians := 0
		for _, b := range raw.Benchmarks {
			if b.AggregateName != "median" {
				continue
			}
			medians++
			r := got[b.RunName]
			if !r.PointEstimate || len(r.SamplesNs) != 1 || !near(r.MedianNs, b.RealTime*unitNs[b.TimeUnit]) {
				t.Errorf("%s %s: %+v; want the median aggregate %v %s as one point estimate", file, b.RunName, r, b.RealTime, b.TimeUnit)
			}
		}
		if len(doc.Results) != 3 || medians != 3 {
			t.Errorf("%s: %d results, %d median aggregates; want 3", file, len(doc.Results), medians)
		}
	}
}

func TestGoogleBenchmarkBadFiles(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join(realFixtures, "google-benchmark", "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, format, want string }{
		{"truncated", string(good[:len(good)/2]), "", "gb.json: google-benchmark: truncated JSON document"},
		{"bad unit", `{"context":{},"benchmarks":[{"name":"a","run_type":"iteration","real_time":1,"time_unit":"fortnights"}]}`, "",
			`gb.json: google-benchmark: benchmarks[0] (a): time_unit: "fortnights" is not ns, us, ms or s`},
		{"no real_time", `{"context":{},"benchmarks":[{"name":"a","cpu_time":1}]}`, "", "gb.json: google-benchmark: benchmarks[0] (a): real_time: missing"},
		{"failed benchmark", `{"context":{},"benchmarks":[{"name":"a","error_occurred":true,"error_message":"boom"}]}`, "",
			"benchmarks[0] (a): error_occurred: the benchmark failed: boom"},
		{"negative", `{"context":{},"benchmarks":[{"name":"a","real_time":-1}]}`, "", "gb.json: google-benchmark: results[0] (a): samples_ns[0]: negative"},
		{"no benchmarks", `{"context":{},"benchmarks":[]}`, "", "gb.json: google-benchmark: no benchmark results"},
		{"string time", `{"context":{},"benchmarks":[{"name":"a","real_time":"fast"}]}`, "", "benchmarks[0]: real_time: not a number"},
		{"bad variant", `{}`, "google-benchmark:wall", `unknown input format "google-benchmark:wall": google-benchmark takes real_time (the default) or cpu_time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "gb.json", tt.format)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
