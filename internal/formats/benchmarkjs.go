package formats

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// benchmarkJS is the text benchmark.js prints for each benchmark (String(bench),
// as in its README's `on('cycle')` handler), one line each:
//
//	RegExp#test x 4,161,532 ops/sec ±0.99% (59 runs sampled)
//
// The tool prints a summary, not its samples: each benchmark is a point estimate
// of its time per operation (1/hz), with its ops/sec kept as a metric. Other
// lines ("Fastest is ...") are ignored.
type benchmarkJS struct{}

func (benchmarkJS) Name() string { return "benchmarkjs" }

// benchmarkJSLine matches one result line: name, hz, relative margin of error,
// runs sampled.
var benchmarkJSLine = regexp.MustCompile(`^(.+?) x ([0-9][0-9,]*(?:\.[0-9]+)?) ops/sec (?:±|\+/-)\s*([0-9.]+)% \(([0-9]+) runs? sampled\)\s*$`)

func (benchmarkJS) Detect(in *Input) bool {
	if in.IsJSON() {
		return false
	}
	for line := range bytes.Lines(in.Text()) {
		if benchmarkJSLine.Match(bytes.TrimSpace(line)) {
			return true
		}
	}
	return false
}

func (benchmarkJS) Read(in *Input) (*bench.Document, error) {
	const format = "benchmarkjs"
	var results []bench.Result
	lineNo := 0
	for line := range bytes.Lines(in.Data) {
		lineNo++
		text := strings.TrimSpace(string(line))
		m := benchmarkJSLine.FindStringSubmatch(text)
		if m == nil {
			if strings.Contains(text, " ops/sec ") {
				return nil, fmt.Errorf("%s:%d: %s: not a result line (name x N ops/sec ±P%% (R runs sampled)): %s", in.Name, lineNo, format, strconv.Quote(text))
			}
			if !bytes.HasSuffix(line, []byte("\n")) && text != "" && !strings.HasPrefix(text, "Fastest is") {
				return nil, fmt.Errorf("%s:%d: %s: the last line is cut (a truncated file?): %s", in.Name, lineNo, format, strconv.Quote(text))
			}
			continue
		}
		hz, err := strconv.ParseFloat(strings.ReplaceAll(m[2], ",", ""), 64)
		if err != nil || hz <= 0 {
			return nil, fmt.Errorf("%s:%d: %s: %s: ops/sec %q is not a positive number", in.Name, lineNo, format, bench.DisplayName(m[1]), m[2])
		}
		runs, _ := strconv.ParseInt(m[4], 10, 64)
		r := bench.ResultFromSamples(m[1], []float64{1e9 / hz})
		r.PointEstimate = true
		r.Iterations = runs
		r.Metrics = map[string]bench.Metric{"ops/sec": bench.NewMetric("ops/sec", []float64{hz})}
		results = append(results, r)
	}
	return document(in, format, "benchmark.js", timeZero, bench.Environment{}, results)
}
