package summary

import (
	"bufio"
	"io"
	"maps"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// Package is the pkg configuration of the Go benchmark format output.
const Package = "github.com/cost-ops-bench/cost-ops-bench/bench"

// GoBench writes doc's results in the Go benchmark format with benchfmt: the
// machine as configuration lines, then one line per sample (as `go test -count`
// writes them), so that benchstat sees each benchmark's distribution. A line's
// iteration count is the operations of the sample; its figures are ns/op, B/op and
// allocs/op (each sample's own when the result has them per sample), then one
// sample of each further metric (instructions/op, a go test benchmark's own
// units) on as many lines as the metric has samples. A go-test suite's results are
// written under their package's pkg line, by the names go test gave them, so that
// the file reads back as the go test output it was recorded from.
func GoBench(w io.Writer, doc *bench.Document) error {
	bw := bufio.NewWriter(w)
	out := benchfmt.NewWriter(bw)
	env := doc.Environment
	goTest := doc.Harness != nil && doc.Harness.Suite == bench.SuiteGoTest
	for i := range doc.Results {
		r := &doc.Results[i]
		name, pkg := r.Name, Package
		if goTest {
			pkg = r.Group
			name = strings.TrimPrefix(name, r.Group+".") // the package qualifies a name that packages share
		}
		config := nonEmpty([]benchfmt.Config{
			{Key: "goos", Value: []byte(env.OS), File: true},
			{Key: "goarch", Value: []byte(env.Arch), File: true},
			{Key: "pkg", Value: []byte(pkg), File: true},
			{Key: "cpu", Value: []byte(env.CPUModel), File: true},
			{Key: "go", Value: []byte(env.GoVersion), File: true},
			{Key: "cost-ops-bench", Value: []byte(doc.Version), File: true},
		})
		ops := opsPerSample(r)
		keys := slices.Sorted(maps.Keys(r.Metrics))
		lines := len(r.SamplesNs)
		if lines == 0 { // a benchmark that reports only its own units
			for _, key := range keys {
				lines = max(lines, len(r.Metrics[key].Samples))
			}
			ops = int(r.Iterations) / max(lines, 1)
		}
		for i := range lines {
			res := &benchfmt.Result{Config: config, Name: benchfmt.Name(name), Iters: ops}
			if i < len(r.SamplesNs) {
				res.Values = append(res.Values, benchfmt.Value{Value: r.SamplesNs[i], Unit: "ns/op"})
			}
			res.Values = append(res.Values,
				benchfmt.Value{Value: perSample(r, bench.MetricBytes, i, r.BytesPerOp), Unit: "B/op"},
				benchfmt.Value{Value: perSample(r, bench.MetricAllocations, i, r.AllocsPerOp), Unit: "allocs/op"})
			for _, key := range keys {
				if key == bench.MetricAllocations || key == bench.MetricBytes {
					continue
				}
				if m := r.Metrics[key]; i < len(m.Samples) { // fewer samples than time's: on the first lines
					res.Values = append(res.Values, benchfmt.Value{Value: m.Samples[i], Unit: m.Unit})
				}
			}
			if err := out.Write(res); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// perSample is sample i of r's metric key when r has it for every line, else the
// result's figure for all of them.
func perSample(r *bench.Result, key string, i int, all float64) float64 {
	if m, ok := r.Metrics[key]; ok && len(m.Samples) == len(r.SamplesNs) {
		return m.Samples[i]
	}
	return all
}

// opsPerSample is the number of operations one sample of r ran.
func opsPerSample(r *bench.Result) int {
	if len(r.SamplesNs) == 0 {
		return 0
	}
	return int(r.Iterations/int64(len(r.SamplesNs))) * max(r.BatchSize, 1)
}

// nonEmpty drops configuration keys without a value: the format reads "key:" as
// deleting the key.
func nonEmpty(config []benchfmt.Config) []benchfmt.Config {
	out := config[:0]
	for _, c := range config {
		if len(c.Value) > 0 {
			out = append(out, c)
		}
	}
	return out
}
