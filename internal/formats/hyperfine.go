package formats

import (
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// hyperfine is hyperfine's --export-json: each command is a benchmark (named by
// --command-name when given, else the command line), and each of its runs'
// wall-clock times (times, seconds) is one sample.
type hyperfine struct{}

func (hyperfine) Name() string { return "hyperfine" }

func (hyperfine) Detect(in *Input) bool {
	return in.firstItemHas("results", "command") && !in.HasKey("schema_version")
}

type hyperfineFile struct {
	Results []struct {
		Command string     `json:"command"`
		Times   *[]float64 `json:"times"`
		Median  *float64   `json:"median"`
		Mean    *float64   `json:"mean"`
	} `json:"results"`
}

func (hyperfine) Read(in *Input) (*bench.Document, error) {
	const format = "hyperfine"
	var f hyperfineFile
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var results []bench.Result
	for i, c := range f.Results {
		at := fmt.Sprintf("%s: %s: results[%d]", in.Name, format, i)
		if c.Command == "" {
			return nil, fmt.Errorf("%s: command: missing", at)
		}
		if c.Times == nil || len(*c.Times) == 0 {
			// hyperfine has written times since 1.8; older files have the summary only.
			if c.Median == nil {
				return nil, fmt.Errorf("%s (%s): times: missing", at, bench.DisplayName(c.Command))
			}
			r := bench.ResultFromSamples(c.Command, []float64{*c.Median * 1e9})
			r.PointEstimate = true
			results = append(results, r)
			continue
		}
		samples := make([]float64, len(*c.Times))
		for j, t := range *c.Times {
			samples[j] = t * 1e9
		}
		r := bench.ResultFromSamples(c.Command, samples)
		r.Iterations = int64(len(samples))
		results = append(results, r)
	}
	return document(in, format, "hyperfine", timeZero, bench.Environment{}, results)
}
