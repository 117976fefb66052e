package formats

import (
	"fmt"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// pytestBenchmark is pytest-benchmark's --benchmark-json: each test is a
// benchmark named by its fullname (file::test[params]); its samples are the raw
// per-round times (stats.data, seconds per iteration) when the file holds them
// (--benchmark-save-data, or recent versions by default), else the median of
// stats as a point estimate.
type pytestBenchmark struct{}

func (pytestBenchmark) Name() string { return "pytest-benchmark" }

func (pytestBenchmark) Detect(in *Input) bool {
	return in.HasKey("benchmarks") && (in.HasKey("machine_info") || in.firstItemHas("benchmarks", "fullname"))
}

type pytestFile struct {
	MachineInfo struct {
		Node    string `json:"node"`
		Machine string `json:"machine"`
		System  string `json:"system"`
		Python  string `json:"python_version"`
		CPU     struct {
			Brand string `json:"brand_raw"`
			Count int    `json:"count"`
		} `json:"cpu"`
	} `json:"machine_info"`
	CommitInfo struct {
		ID     string `json:"id"`
		Branch string `json:"branch"`
		Time   string `json:"time"`
	} `json:"commit_info"`
	Benchmarks []struct {
		Name     string `json:"name"`
		FullName string `json:"fullname"`
		Stats    *struct {
			Median     *float64  `json:"median"`
			Rounds     int64     `json:"rounds"`
			Iterations int64     `json:"iterations"`
			Data       []float64 `json:"data"`
		} `json:"stats"`
	} `json:"benchmarks"`
	Datetime string `json:"datetime"`
	Version  string `json:"version"`
}

func (pytestBenchmark) Read(in *Input) (*bench.Document, error) {
	const format = "pytest-benchmark"
	var f pytestFile
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var results []bench.Result
	for i, b := range f.Benchmarks {
		name := b.FullName
		if name == "" {
			name = b.Name
		}
		at := fmt.Sprintf("%s: %s: benchmarks[%d]", in.Name, format, i)
		switch {
		case name == "":
			return nil, fmt.Errorf("%s: fullname: missing", at)
		case b.Stats == nil:
			return nil, fmt.Errorf("%s (%s): stats: missing", at, bench.DisplayName(name))
		}
		var r bench.Result
		if len(b.Stats.Data) > 0 {
			samples := make([]float64, len(b.Stats.Data))
			for j, v := range b.Stats.Data {
				samples[j] = v * 1e9
			}
			r = bench.ResultFromSamples(name, samples)
		} else {
			if b.Stats.Median == nil {
				return nil, fmt.Errorf("%s (%s): stats: neither data nor median", at, bench.DisplayName(name))
			}
			r = bench.ResultFromSamples(name, []float64{*b.Stats.Median * 1e9})
			r.PointEstimate = true
		}
		r.Iterations = b.Stats.Rounds * max(b.Stats.Iterations, 1)
		results = append(results, r)
	}
	at, _ := time.Parse(time.RFC3339Nano, f.Datetime)
	m := f.MachineInfo
	env := bench.Environment{OS: m.System, Arch: m.Machine, CPUModel: m.CPU.Brand, CPUCount: m.CPU.Count}
	doc, err := document(in, format, "pytest-benchmark "+f.Version, at, env, results)
	if err != nil {
		return nil, err
	}
	if f.CommitInfo.ID != "" {
		doc.Git = &bench.GitInfo{Commit: f.CommitInfo.ID, Ref: f.CommitInfo.Branch, CommittedAt: f.CommitInfo.Time}
	}
	return doc, nil
}
