package formats

import (
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// vitestBench is `vitest bench --outputJson FILE` (tinybench measures inside):
// files[].groups[].benchmarks[], each named "<group> > <name>". Times are
// milliseconds. vitest writes the samples as [] (it drops them): then the median
// is a point estimate; when samples are there, they are the samples. hz is kept
// as the metric ops/s.
type vitestBench struct{}

func (vitestBench) Name() string { return "vitest" }

func (vitestBench) Detect(in *Input) bool { return in.firstItemHas("files", "groups") }

type vitestFile struct {
	Files []struct {
		Groups []struct {
			FullName   string `json:"fullName"`
			Benchmarks []struct {
				Name        string    `json:"name"`
				Samples     []float64 `json:"samples"`
				Median      *float64  `json:"median"`
				Hz          *float64  `json:"hz"`
				SampleCount int64     `json:"sampleCount"`
			} `json:"benchmarks"`
		} `json:"groups"`
	} `json:"files"`
}

func (vitestBench) Read(in *Input) (*bench.Document, error) {
	const format = "vitest"
	var f vitestFile
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var results []bench.Result
	for i, file := range f.Files {
		for j, g := range file.Groups {
			for k, b := range g.Benchmarks {
				name := b.Name
				if g.FullName != "" {
					name = g.FullName + " > " + b.Name
				}
				at := fmt.Sprintf("%s: %s: files[%d].groups[%d].benchmarks[%d] (%s)", in.Name, format, i, j, k, bench.DisplayName(name))
				var r bench.Result
				switch {
				case b.Name == "":
					return nil, fmt.Errorf("%s: name: missing", at)
				case len(b.Samples) > 0:
					samples := make([]float64, len(b.Samples))
					for n, v := range b.Samples {
						samples[n] = v * 1e6
					}
					r = bench.ResultFromSamples(name, samples)
				case b.Median != nil:
					r = bench.ResultFromSamples(name, []float64{*b.Median * 1e6})
					r.PointEstimate = true
				default:
					return nil, fmt.Errorf("%s: neither samples nor median", at)
				}
				r.Iterations = b.SampleCount
				if b.Hz != nil {
					r.Metrics = map[string]bench.Metric{"ops/s": bench.NewMetric("ops/s", []float64{*b.Hz})}
				}
				results = append(results, r)
			}
		}
	}
	return document(in, format, "vitest bench", timeZero, bench.Environment{}, results)
}
