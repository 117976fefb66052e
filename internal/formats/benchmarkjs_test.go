package formats

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBenchmarkJSRealFiles reads benchmark.js's own lines (testdata/formats/
// benchmarkjs, made by make.sh there): every benchmark, a point estimate whose
// time is 1/hz, with hz kept as ops/sec, better higher.
func TestBenchmarkJSRealFiles(t *testing.T) {
	t.Parallel()
	p := realPair{dir: "benchmarkjs", want: "benchmarkjs"}
	checkRealPair(t, realPair{dir: "benchmarkjs", want: "benchmarkjs", base: "base.txt", same: "same.txt", slow: "slow.txt", slowed: []string{"sum"}, point: true})
	for _, file := range []string{"base.txt", "same.txt", "slow.txt"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, p.dir, file))
		if err != nil {
			t.Fatal(err)
		}
		got := resultsByName(loadReal(t, p, file))
		lines := regexp.MustCompile(`(?m)^(\w+) x ([\d,]+) ops/sec`).FindAllStringSubmatch(string(data), -1)
		if len(lines) != 2 || len(got) != 2 {
			t.Fatalf("%s: %d lines, %d results; want 2 each", file, len(lines), len(got))
		}
		for _, l := range lines {
			hz, _ := strconv.ParseFloat(strings.ReplaceAll(l[2], ",", ""), 64)
			r := got[l[1]]
			m := r.Metrics["ops/sec"]
			if !r.PointEstimate || !near(r.MedianNs, 1e9/hz) || m.Median != hz || !m.HigherIsBetter() {
				t.Errorf("%s %s: %+v, want a point estimate of %v ns and ops/sec %v (higher is better)", file, l[1], r, 1e9/hz, hz)
			}
		}
	}
}

func TestBenchmarkJSBadLines(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"cut line", "a x 1,234 ops/sec ±1.2% (90 runs sampled)\nb x 1,2 ops/sec ±\n", `b.txt:2: benchmarkjs: not a result line`},
		{"cut name", "a x 1,234 ops/sec ±1.2% (90 runs sampled)\njoin x 8,8", `b.txt:2: benchmarkjs: the last line is cut (a truncated file?): "join x 8,8"`},
		{"zero hz", "a x 0 ops/sec ±1.2% (90 runs sampled)\n", `b.txt:1: benchmarkjs: a: ops/sec "0" is not a positive number`},
		{"duplicate", "a x 1 ops/sec ±1% (9 runs sampled)\na x 2 ops/sec ±1% (9 runs sampled)\n", "b.txt: benchmarkjs: results[1] (a): name: duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "b.txt", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	doc, err := Read([]byte("RegExp#test x 4,161,532 ops/sec ±0.99% (59 runs sampled)\nFastest is RegExp#test\n"), "r.txt", "")
	if err != nil || doc.Results[0].Name != "RegExp#test" || doc.Results[0].Iterations != 59 {
		t.Errorf("benchmark.js's README line: %+v, %v", doc, err)
	}
}
