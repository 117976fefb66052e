package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// bencherMetric is Bencher Metric Format (BMF) JSON: an object of benchmarks by
// name, each an object of measures by slug, each {"value", "lower_value"?,
// "upper_value"?}. A measure is a summary, not samples: each is a point estimate.
// The measure "latency" (nanoseconds) is the benchmark's time; "throughput"
// (operations per second) and every other measure are metrics named by their
// slug, with lower_value and upper_value as the interval when given.
type bencherMetric struct{}

func (bencherMetric) Name() string { return "bmf" }

// Detect accepts a JSON object whose first value is an object of objects, one of
// them with "value": a benchmark's measures.
func (bencherMetric) Detect(in *Input) bool {
	keys := in.Keys()
	if len(keys) == 0 {
		return false
	}
	first := in.Value(keys[0])
	if first == nil {
		// Cut inside the first benchmark: look for a measure's "value" in the text.
		return bytes.Contains(in.Text(), []byte(`"value"`)) && bytes.Count(in.Text()[:min(len(in.Text()), 200)], []byte("{")) >= 3
	}
	var measures map[string]map[string]json.RawMessage
	if json.Unmarshal(first, &measures) != nil || len(measures) == 0 {
		return false
	}
	for _, m := range measures {
		if _, ok := m["value"]; ok {
			return true
		}
	}
	return false
}

type bmfMeasure struct {
	Value *float64 `json:"value"`
	Lower *float64 `json:"lower_value"`
	Upper *float64 `json:"upper_value"`
}

// bmfUnits are the units of Bencher's built-in measures.
var bmfUnits = map[string]string{"throughput": "ops/s", "file-size": "bytes", "build-time": "s"}

func (bencherMetric) Read(in *Input) (*bench.Document, error) {
	const format = "bmf"
	var f map[string]map[string]bmfMeasure
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var results []bench.Result
	for _, name := range in.Keys() { // file order
		measures, ok := f[name]
		if !ok {
			continue // a duplicate key: decoded once
		}
		delete(f, name)
		at := fmt.Sprintf("%s: %s: %s", in.Name, format, bench.DisplayName(name))
		for _, slug := range slices.Sorted(maps.Keys(measures)) {
			if measures[slug].Value == nil {
				return nil, fmt.Errorf("%s: %s: value: missing", at, slug)
			}
		}
		r := bench.ResultFromSamples(name, nil)
		if l, ok := measures["latency"]; ok {
			r = bench.ResultFromSamples(name, []float64{*l.Value})
			r.CILowNs, r.CIHighNs = bounds(l, *l.Value)
			if (l.Lower != nil && *l.Lower < 0) || (l.Upper != nil && *l.Upper < 0) {
				return nil, fmt.Errorf("%s: latency: lower_value or upper_value negative", at)
			}
		}
		r.PointEstimate = true
		for _, slug := range slices.Sorted(maps.Keys(measures)) {
			if slug == "latency" {
				continue
			}
			m := measures[slug]
			unit := bmfUnits[slug]
			if unit == "" {
				unit = slug
			}
			metric := bench.NewMetric(unit, []float64{*m.Value})
			metric.CILow, metric.CIHigh = bounds(m, *m.Value)
			if r.Metrics == nil {
				r.Metrics = map[string]bench.Metric{}
			}
			r.Metrics[slug] = metric
		}
		results = append(results, r)
	}
	return document(in, format, "bmf", timeZero, bench.Environment{}, results)
}

// bounds is a measure's interval: lower_value and upper_value, each value when absent.
func bounds(m bmfMeasure, value float64) (lo, hi float64) {
	lo, hi = value, value
	if m.Lower != nil {
		lo = *m.Lower
	}
	if m.Upper != nil {
		hi = *m.Upper
	}
	return lo, hi
}
