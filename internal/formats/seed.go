package formats

import (
	"fmt"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// seedJSON is the result JSON of the system this program grew from: version,
// timestamp, results[] with name, iterations, total_duration_ms and the mean,
// fastest and slowest time per operation (avg/min/max_duration_us), and a
// summary. It has no samples: each benchmark is a point estimate of its mean
// time, and a comparison decides by the threshold alone.
type seedJSON struct{}

func (seedJSON) Name() string { return "seed" }

func (seedJSON) Detect(in *Input) bool {
	return !in.HasKey("schema_version") && in.firstItemHas("results", "avg_duration_us") && !in.firstItemHas("results", "samples_ns")
}

type seedFile struct {
	Version   string    `json:"version"`
	Timestamp time.Time `json:"timestamp"`
	Results   []struct {
		Name             string    `json:"name"`
		Iterations       int64     `json:"iterations"`
		TotalDurationMs  float64   `json:"total_duration_ms"`
		AvgDurationUs    *float64  `json:"avg_duration_us"`
		MinDurationUs    float64   `json:"min_duration_us"`
		MaxDurationUs    float64   `json:"max_duration_us"`
		ThroughputPerSec float64   `json:"throughput_per_sec"`
		Timestamp        time.Time `json:"timestamp"`
	} `json:"results"`
}

func (seedJSON) Read(in *Input) (*bench.Document, error) {
	const format = "seed"
	var f seedFile
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var results []bench.Result
	for i, s := range f.Results {
		at := fmt.Sprintf("%s: %s: results[%d]", in.Name, format, i)
		switch {
		case s.Name == "":
			return nil, fmt.Errorf("%s: name: missing", at)
		case s.AvgDurationUs == nil:
			return nil, fmt.Errorf("%s (%s): avg_duration_us: missing", at, bench.DisplayName(s.Name))
		}
		for _, v := range []struct {
			field string
			v     float64
		}{{"total_duration_ms", s.TotalDurationMs}, {"min_duration_us", s.MinDurationUs}, {"max_duration_us", s.MaxDurationUs}, {"throughput_per_sec", s.ThroughputPerSec}} {
			if v.v < 0 {
				return nil, fmt.Errorf("%s (%s): %s: negative", at, bench.DisplayName(s.Name), v.field)
			}
		}
		if s.Iterations < 0 {
			return nil, fmt.Errorf("%s (%s): iterations: negative", at, bench.DisplayName(s.Name))
		}
		r := bench.ResultFromSamples(s.Name, []float64{*s.AvgDurationUs * 1e3})
		r.PointEstimate = true
		r.Iterations, r.TotalDurationMs, r.Timestamp = s.Iterations, s.TotalDurationMs, s.Timestamp
		// The seed's own figures, kept as written.
		r.MinDurationUs, r.MaxDurationUs, r.ThroughputPerSec = s.MinDurationUs, s.MaxDurationUs, s.ThroughputPerSec
		results = append(results, r)
	}
	return document(in, format, f.Version, f.Timestamp, bench.Environment{}, results)
}
