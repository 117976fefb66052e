package formats

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// goBench is Go benchmark format, as `go test -bench` writes it (and `run` writes
// latest.bench.txt), read with benchfmt as benchstat reads it.
type goBench struct{}

func (goBench) Name() string { return "gobench" }

// Detect accepts text with a line that starts with "Benchmark" followed by more
// fields (a result line, well-formed or not: a malformed one is reported by line).
// "Benchmarking x" (Criterion's progress lines) is not one.
func (goBench) Detect(in *Input) bool {
	if in.IsJSON() {
		return false
	}
	for line := range bytes.Lines(in.Text()) {
		if bytes.HasPrefix(line, []byte("Benchmark")) && !bytes.HasPrefix(line, []byte("Benchmarking ")) && len(bytes.Fields(line)) >= 2 {
			return true
		}
	}
	return false
}

func (goBench) Read(in *Input) (*bench.Document, error) { return parseGoBench(in.Data, in.Name) }

// goBenchAcc accumulates the lines of one benchmark of one package: each repeated
// line (go test -count N) is one sample.
type goBenchAcc struct {
	name    string // as benchstat writes it: no "Benchmark" prefix, with the -N suffix
	pkg     string
	line    int // first line
	iters   int64
	ns      []float64
	bytes   []float64
	allocs  []float64
	metrics map[string][]float64
}

// parseGoBench reads Go benchmark format with benchfmt, as benchstat does, and
// converts it into a result document:
//   - names are as benchstat writes them (without the "Benchmark" prefix, with
//     sub-benchmark parts and the -GOMAXPROCS suffix); the same name in several
//     packages is several benchmarks, named "<package>.<name>" (only then);
//   - sec/op (ns/op) becomes samples_ns; B/op and allocs/op become bytes_per_op
//     and allocs_per_op (the median of the lines) and, from several lines, the
//     bytes and allocations metrics (each line's figure);
//   - every other unit (MB/s from b.SetBytes, b.ReportMetric units) becomes a
//     metric named by its unit as written, with its samples; a benchmark without
//     ns/op (b.ReportMetric(0, "ns/op")) has its metrics only. A `Unit U
//     better=higher` line of the file says which way U improves.
func parseGoBench(data []byte, name string) (*bench.Document, error) {
	rd := benchfmt.NewReader(bytes.NewReader(data), name)
	var order []*goBenchAcc
	byKey := map[[2]string]*goBenchAcc{}
	doc := &bench.Document{SchemaVersion: bench.SchemaVersion, Version: "go test -bench"}
	var errs []error
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.SyntaxError:
			errs = append(errs, fmt.Errorf("%s:%d: %s", rec.FileName, rec.Line, rec.Msg))
		case *benchfmt.Result:
			addGoResult(rec, byKey, &order)
			fillEnvironment(&doc.Environment, rec)
		}
	}
	if err := rd.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s: gobench: no benchmark results", name)
	}
	packages := map[string]map[string]bool{} // name -> packages holding it
	for _, b := range order {
		if packages[b.name] == nil {
			packages[b.name] = map[string]bool{}
		}
		packages[b.name][b.pkg] = true
	}
	units := rd.Units()
	for _, b := range order {
		if len(b.ns) == 0 && len(b.metrics) == 0 {
			return nil, fmt.Errorf("%s:%d: %s: no time (ns/op) and no other metric than B/op and allocs/op", name, b.line, b.name)
		}
		r := b.result(units)
		if len(packages[b.name]) > 1 && b.pkg != "" {
			r.Name = b.pkg + "." + b.name
		}
		doc.Results = append(doc.Results, r)
	}
	if err := bench.Validate(doc, name); err != nil {
		return nil, err
	}
	return doc, nil
}

// addGoResult adds one benchmark line to its benchmark: the one of that name in
// the same package (the "pkg:" line in force).
func addGoResult(rec *benchfmt.Result, byKey map[[2]string]*goBenchAcc, order *[]*goBenchAcc) {
	full := rec.Name.String()
	pkg := rec.GetConfig("pkg")
	_, line := rec.Pos()
	key := [2]string{pkg, full}
	b := byKey[key]
	if b == nil {
		b = &goBenchAcc{name: full, pkg: pkg, line: line, metrics: map[string][]float64{}}
		byKey[key] = b
		*order = append(*order, b)
	}
	b.iters += int64(rec.Iters)
	for _, v := range rec.Values {
		unit, value := v.Unit, v.Value
		if v.OrigUnit != "" { // keep the unit as the tool wrote it: MB/s, not B/s
			unit, value = v.OrigUnit, v.OrigValue
		}
		switch unit {
		case "sec/op":
			b.ns = append(b.ns, value*1e9)
		case "ns/op":
			b.ns = append(b.ns, value)
		case "B/op":
			b.bytes = append(b.bytes, value)
		case "allocs/op":
			b.allocs = append(b.allocs, value)
		default:
			b.metrics[unit] = append(b.metrics[unit], value)
		}
	}
}

// fillEnvironment takes the machine description from the file configuration lines.
func fillEnvironment(env *bench.Environment, rec *benchfmt.Result) {
	set := func(dst *string, key string) {
		if *dst == "" {
			*dst = rec.GetConfig(key)
		}
	}
	set(&env.OS, "goos")
	set(&env.Arch, "goarch")
	set(&env.CPUModel, "cpu")
	set(&env.GoVersion, "go")
}

// result converts the accumulated lines into a bench.Result with the summary fields
// computed the way the suite computes them (benchmath's median and 95% interval).
func (b *goBenchAcc) result(units benchfmt.UnitMetadataMap) bench.Result {
	r := bench.ResultFromSamples(b.name, b.ns)
	r.Iterations = b.iters
	r.AllocsPerOp = median(b.allocs)
	r.BytesPerOp = median(b.bytes)
	// Each line's allocations and bytes, when there are several, so that compare
	// sees when they vary between samples (then it tests them as it tests time).
	for _, m := range []struct {
		key, unit string
		values    []float64
	}{{bench.MetricAllocations, "allocs/op", b.allocs}, {bench.MetricBytes, "B/op", b.bytes}} {
		if len(m.values) > 1 {
			if r.Metrics == nil {
				r.Metrics = map[string]bench.Metric{}
			}
			r.Metrics[m.key] = bench.NewMetric(m.unit, m.values)
		}
	}
	for _, unit := range slices.Sorted(maps.Keys(b.metrics)) {
		m := bench.NewMetric(unit, b.metrics[unit])
		if units.Get(unit, "better") != nil {
			m.Better = betterName(units.GetBetter(unit))
		}
		if r.Metrics == nil {
			r.Metrics = map[string]bench.Metric{}
		}
		r.Metrics[metricName(unit)] = m
	}
	return r
}

// betterName is a benchfmt direction (+1 higher is better, -1 lower) as
// bench.Metric.Better writes it.
// metricName is the results[].metrics key of a Go benchmark unit: the unit as
// written, except instructions/op, which run --measure instructions writes for the
// metric bench.MetricInstructions (so that it is gated as instructions when read back).
func metricName(unit string) string {
	if unit == bench.UnitInstructions {
		return bench.MetricInstructions
	}
	return unit
}

func betterName(dir int) string {
	switch {
	case dir > 0:
		return bench.BetterHigher
	case dir < 0:
		return bench.BetterLower
	}
	return ""
}

// median returns the median of xs (0 for none) without modifying xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}
