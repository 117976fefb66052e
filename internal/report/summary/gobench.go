package summary

import (
	"bufio"
	"io"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// Package is the pkg configuration of the Go benchmark format output.
const Package = "github.com/cost-ops-bench/cost-ops-bench/bench"

// GoBench writes doc's results in the Go benchmark format with benchfmt: the
// machine as configuration lines, then one line per sample (as `go test -count`
// writes them), so that benchstat sees each benchmark's distribution. A line's
// iteration count is the operations of the sample; its figures are ns/op, B/op and
// allocs/op, and on the first lines instructions/op, one sample of the
// instructions metric each, when the result has one.
func GoBench(w io.Writer, doc *bench.Document) error {
	bw := bufio.NewWriter(w)
	out := benchfmt.NewWriter(bw)
	env := doc.Environment
	config := []benchfmt.Config{
		{Key: "goos", Value: []byte(env.OS), File: true},
		{Key: "goarch", Value: []byte(env.Arch), File: true},
		{Key: "pkg", Value: []byte(Package), File: true},
		{Key: "cpu", Value: []byte(env.CPUModel), File: true},
		{Key: "go", Value: []byte(env.GoVersion), File: true},
		{Key: "cost-ops-bench", Value: []byte(doc.Version), File: true},
	}
	config = nonEmpty(config)
	for i := range doc.Results {
		r := &doc.Results[i]
		ops := opsPerSample(r)
		instructions := r.Metrics[bench.MetricInstructions].Samples
		for i, ns := range r.SamplesNs {
			res := &benchfmt.Result{
				Config: config,
				Name:   benchfmt.Name(r.Name),
				Iters:  ops,
				Values: []benchfmt.Value{
					{Value: ns, Unit: "ns/op"},
					{Value: r.BytesPerOp, Unit: "B/op"},
					{Value: r.AllocsPerOp, Unit: "allocs/op"},
				},
			}
			if i < len(instructions) { // fewer samples than time's: on the first lines
				res.Values = append(res.Values, benchfmt.Value{Value: instructions[i], Unit: bench.UnitInstructions})
			}
			if err := out.Write(res); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
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
