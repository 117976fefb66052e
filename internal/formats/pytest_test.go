package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var pytestPair = realPair{dir: "pytest-benchmark", want: "pytest-benchmark",
	base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"test_work.py::test_sum"}}

func TestPytestBenchmarkRealFiles(t *testing.T) {
	t.Parallel()
	checkRealPair(t, pytestPair)
	// Saved without the rounds' times (stats.data): stats.median, one value a side.
	checkRealPair(t, realPair{dir: "pytest-benchmark", want: "pytest-benchmark", base: "summary-only.json", same: "summary-same.json",
		slow: "summary-slow.json", slowed: []string{"test_work.py::test_sum"}, point: true})
}

// TestPytestBenchmarkMediansAreTheToolsOwn: samples are stats.data, whose median
// is pytest-benchmark's stats.median; without data, that median is a point estimate.
func TestPytestBenchmarkMediansAreTheToolsOwn(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"base.json", "summary-only.json"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, "pytest-benchmark", file))
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Benchmarks []struct {
				Fullname string
				Stats    struct {
					Median float64
					Data   []float64
				}
			}
			CommitInfo struct{ ID string } `json:"commit_info"`
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		doc := loadReal(t, pytestPair, file)
		got := resultsByName(doc)
		for _, b := range raw.Benchmarks {
			r := got[b.Fullname]
			wantN, point := len(b.Stats.Data), false
			if wantN == 0 {
				wantN, point = 1, true
			}
			if len(r.SamplesNs) != wantN || r.PointEstimate != point || !near(r.MedianNs, b.Stats.Median*1e9) {
				t.Errorf("%s %s: %d samples (point estimate %v), median %v ns; pytest-benchmark: median %v s, %d data",
					file, b.Fullname, len(r.SamplesNs), r.PointEstimate, r.MedianNs, b.Stats.Median, len(b.Stats.Data))
			}
		}
		if len(got) != 2 {
			t.Errorf("%s: %d results, want 2", file, len(got))
		}
		if (doc.Git != nil) != (raw.CommitInfo.ID != "") {
			t.Errorf("%s: git %+v, commit_info id %q", file, doc.Git, raw.CommitInfo.ID)
		}
	}
}

func TestPytestBenchmarkBadFiles(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join(realFixtures, "pytest-benchmark", "summary-only.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, want string }{
		{"truncated", string(good[:len(good)/2]), "p.json: pytest-benchmark: truncated JSON document"},
		{"no stats", `{"machine_info":{},"benchmarks":[{"fullname":"t::a"}]}`, "p.json: pytest-benchmark: benchmarks[0] (t::a): stats: missing"},
		{"empty stats", `{"machine_info":{},"benchmarks":[{"fullname":"t::a","stats":{}}]}`, "benchmarks[0] (t::a): stats: neither data nor median"},
		{"NaN-ish data", `{"machine_info":{},"benchmarks":[{"fullname":"t::a","stats":{"data":[1,-2]}}]}`, "p.json: pytest-benchmark: results[0] (t::a): samples_ns[1]: negative"},
		{"no benchmarks", `{"machine_info":{},"benchmarks":[]}`, "p.json: pytest-benchmark: no benchmark results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "p.json", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
