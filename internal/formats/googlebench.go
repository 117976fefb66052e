package formats

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// googleBenchmark is Google Benchmark's JSON (--benchmark_format=json or
// --benchmark_out=FILE): each repetition (--benchmark_repetitions=N) of a
// benchmark is one sample of its real_time (cpu_time with the variant
// google-benchmark:cpu_time), in its time_unit. The aggregates (mean, median,
// stddev, cv) are skipped when the repetitions are there; a file of aggregates
// only (--benchmark_report_aggregates_only) gives the median as a point estimate.
// Rates (bytes_per_second, items_per_second) and user counters become metrics.
type googleBenchmark struct{ cpu bool }

func (g googleBenchmark) Name() string { return "google-benchmark" }

func (googleBenchmark) Detect(in *Input) bool {
	return in.HasKey("benchmarks") && (in.HasKey("context") || in.firstItemHas("benchmarks", "real_time"))
}

func (googleBenchmark) variant(option string) (Format, error) {
	switch option {
	case "cpu_time":
		return googleBenchmark{cpu: true}, nil
	case "real_time":
		return googleBenchmark{}, nil
	}
	return nil, fmt.Errorf("google-benchmark takes real_time (the default) or cpu_time, not %q", option)
}

// gbFile is the part of the file the reader uses.
type gbFile struct {
	Context struct {
		Date       string  `json:"date"`
		HostName   string  `json:"host_name"`
		NumCPUs    int     `json:"num_cpus"`
		MHzPerCPU  float64 `json:"mhz_per_cpu"`
		BuildType  string  `json:"library_build_type"`
		LibVersion string  `json:"library_version"`
	} `json:"context"`
	Benchmarks []map[string]json.RawMessage `json:"benchmarks"`
}

// gbKnown are the fields of a benchmark entry that are not counters.
var gbKnown = map[string]bool{
	"name": true, "family_index": true, "per_family_instance_index": true, "run_name": true, "run_type": true,
	"repetitions": true, "repetition_index": true, "threads": true, "iterations": true, "real_time": true,
	"cpu_time": true, "time_unit": true, "aggregate_name": true, "aggregate_unit": true, "label": true,
	"error_occurred": true, "error_message": true, "big_o": true, "rms": true, "complexity_n": true,
}

// gbCounterUnits are the units of Google Benchmark's own rate counters.
var gbCounterUnits = map[string]string{"bytes_per_second": "B/s", "items_per_second": "items/s"}

// gbEntry is one benchmark entry, decoded.
type gbEntry struct {
	Name, RunName, RunType, Aggregate, TimeUnit, Error string
	Iterations                                         int64
	RealTime, CPUTime                                  *float64
	ErrorOccurred                                      bool
	Counters                                           map[string]float64
}

func (g googleBenchmark) Read(in *Input) (*bench.Document, error) {
	const format = "google-benchmark"
	var f gbFile
	if err := decodeJSON(in, format, &f); err != nil {
		return nil, err
	}
	var order []string
	iterations := map[string][]gbEntry{}
	aggregates := map[string][]gbEntry{}
	for i, raw := range f.Benchmarks {
		e, err := decodeGBEntry(raw)
		at := fmt.Sprintf("%s: %s: benchmarks[%d]", in.Name, format, i)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		if e.ErrorOccurred {
			return nil, fmt.Errorf("%s (%s): error_occurred: the benchmark failed: %s", at, bench.DisplayName(e.Name), e.Error)
		}
		key := e.RunName
		if key == "" {
			key = e.Name
		}
		if key == "" {
			return nil, fmt.Errorf("%s: name: missing", at)
		}
		if _, ok := unitNs[e.TimeUnit]; !ok {
			return nil, fmt.Errorf("%s (%s): time_unit: %q is not ns, us, ms or s", at, bench.DisplayName(key), e.TimeUnit)
		}
		if g.time(e) == nil {
			return nil, fmt.Errorf("%s (%s): %s: missing", at, bench.DisplayName(key), g.field())
		}
		if _, seen := iterations[key]; !seen {
			if _, seen := aggregates[key]; !seen {
				order = append(order, key)
			}
		}
		if e.RunType == "aggregate" {
			aggregates[key] = append(aggregates[key], e)
		} else {
			iterations[key] = append(iterations[key], e)
		}
	}
	var results []bench.Result
	for _, key := range order {
		r, ok := g.result(key, iterations[key], aggregates[key])
		if ok {
			results = append(results, r)
		}
	}
	at, _ := time.Parse(time.RFC3339, f.Context.Date)
	env := bench.Environment{CPUCount: f.Context.NumCPUs}
	version := "google-benchmark"
	if f.Context.LibVersion != "" {
		version += " " + f.Context.LibVersion
	}
	return document(in, format, version, at, env, results)
}

func (g googleBenchmark) field() string {
	if g.cpu {
		return "cpu_time"
	}
	return "real_time"
}

func (g googleBenchmark) time(e gbEntry) *float64 {
	if g.cpu {
		return e.CPUTime
	}
	return e.RealTime
}

// result is one benchmark from its repetitions, or, when there are none, from the
// median aggregate (a point estimate); ok is false when neither is there (only a
// stddev or cv aggregate, which measure spread, not the benchmark).
func (g googleBenchmark) result(name string, reps, aggs []gbEntry) (bench.Result, bool) {
	entries, point := reps, false
	if len(reps) == 0 {
		i := slices.IndexFunc(aggs, func(e gbEntry) bool { return e.Aggregate == "median" })
		if i < 0 {
			i = slices.IndexFunc(aggs, func(e gbEntry) bool { return e.Aggregate == "mean" })
		}
		if i < 0 {
			return bench.Result{}, false
		}
		entries, point = aggs[i:i+1], true
	}
	samples := make([]float64, len(entries))
	counters := map[string][]float64{}
	var iters int64
	for i, e := range entries {
		samples[i] = *g.time(e) * unitNs[e.TimeUnit]
		iters += e.Iterations
		for k, v := range e.Counters {
			counters[k] = append(counters[k], v)
		}
	}
	r := bench.ResultFromSamples(name, samples)
	r.Iterations = iters
	r.PointEstimate = point
	for _, k := range slices.Sorted(maps.Keys(counters)) {
		unit := gbCounterUnits[k]
		if unit == "" {
			unit = k
		}
		if r.Metrics == nil {
			r.Metrics = map[string]bench.Metric{}
		}
		r.Metrics[unit] = bench.NewMetric(unit, counters[k])
	}
	return r, true
}

// decodeGBEntry decodes one benchmark entry: its known fields, and every other
// number as a counter.
func decodeGBEntry(raw map[string]json.RawMessage) (gbEntry, error) {
	var e gbEntry
	str := func(key string, dst *string) error {
		if v, ok := raw[key]; ok {
			if err := json.Unmarshal(v, dst); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		return nil
	}
	num := func(key string) (*float64, error) {
		v, ok := raw[key]
		if !ok {
			return nil, nil
		}
		var x float64
		if err := json.Unmarshal(v, &x); err != nil {
			return nil, fmt.Errorf("%s: not a number: %s", key, strings.TrimSpace(string(v)))
		}
		return &x, nil
	}
	for key, dst := range map[string]*string{"name": &e.Name, "run_name": &e.RunName, "run_type": &e.RunType,
		"aggregate_name": &e.Aggregate, "time_unit": &e.TimeUnit, "error_message": &e.Error} {
		if err := str(key, dst); err != nil {
			return e, err
		}
	}
	if e.TimeUnit == "" {
		e.TimeUnit = "ns" // Google Benchmark's default, omitted by old versions
	}
	if v, ok := raw["error_occurred"]; ok {
		if err := json.Unmarshal(v, &e.ErrorOccurred); err != nil {
			return e, fmt.Errorf("error_occurred: %w", err)
		}
	}
	var err error
	if e.RealTime, err = num("real_time"); err != nil {
		return e, err
	}
	if e.CPUTime, err = num("cpu_time"); err != nil {
		return e, err
	}
	it, err := num("iterations")
	if err != nil {
		return e, err
	}
	if it != nil {
		e.Iterations = int64(*it)
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if gbKnown[key] {
			continue
		}
		var x float64
		if json.Unmarshal(raw[key], &x) == nil { // a counter; other fields (strings, objects) are not ours
			if e.Counters == nil {
				e.Counters = map[string]float64{}
			}
			e.Counters[key] = x
		}
	}
	return e, nil
}
