package formats

import (
	"strings"
	"testing"
)

// cargoOutput is the shape of Criterion.rs 0.3's `cargo bench` text, from its
// documentation: a short name beside its time, a long one on its own line, and a
// throughput line.
const cargoOutput = `Benchmarking fib 20
Benchmarking fib 20: Warming up for 3.0000 s
Benchmarking fib 20: Analyzing
fib 20                  time:   [26.029 us 26.251 us 26.505 us]
                        change: [-1.2345% +0.1234% +1.5678%] (p = 0.85 > 0.05)
                        No change in performance detected.
Found 11 outliers among 100 measurements (11.00%)
  6 (6.00%) high mild
a_very_long_benchmark_name_that_does_not_fit
                        time:   [1.0010 ms 1.0200 ms 1.0400 ms]
                        thrpt:  [961.54 MiB/s 980.39 MiB/s 999.00 MiB/s]
`

func TestCargoBenchText(t *testing.T) {
	t.Parallel()
	doc, err := Read([]byte(cargoOutput), "c.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	got := resultsByName(doc)
	if f := got["fib 20"]; len(got) != 2 || !f.PointEstimate || !near(f.MedianNs, 26251) || !near(f.CILowNs, 26029) || !near(f.CIHighNs, 26505) {
		t.Errorf("results %+v", doc.Results)
	}
	long := got["a_very_long_benchmark_name_that_does_not_fit"]
	if m := long.Metrics["B/s"]; !near(long.MedianNs, 1.02e6) || !near(m.Median, 980.39*(1<<20)) || !m.HigherIsBetter() {
		t.Errorf("long name: %+v", long)
	}
}

func TestCargoBenchBadText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"unknown unit", "x time:   [1 ns 2 fortnights 3 ns]\n", `c.txt:1: cargo-bench: x: time: unknown unit "fortnights"`},
		{"no name", "time:   [1 ns 2 ns 3 ns]\n", "c.txt:1: cargo-bench: a time line without a benchmark name"},
		{"bad throughput", "x time:   [1 ns 2 ns 3 ns]\n  thrpt:  [1 B/s x B/s 3 B/s]\n", `c.txt:2: cargo-bench: thrpt: "x" is not a number`},
		{"negative", "x time:   [-1 ns 2 ns 3 ns]\n", "c.txt:1: cargo-bench: x: time: negative bound"},
		{"cut before the time line", "x time:   [1 ns 2 ns 3 ns]\nBenchmarking fib 20\nBenchmarking fib 20: Warming up for 3.0000 s\nBenchmarking fib 20: Analyzing\n", "c.txt:2: cargo-bench: fib 20: benchmarking started but no time line follows"},
		{"cut throughput", "x time:   [1 ns 2 ns 3 ns]\n                        thrpt:  [6.0593 GiB/s 7.01\n", `c.txt:2: cargo-bench: not a throughput line`},
		{"cut after the time line", "x time:   [1 ns 2 ns 3 ns]\n          ", "c.txt:2: cargo-bench: the last line is cut"},
		{"cut time line", "x time:   [1 ns 2 ns 3 ns]\nfib 20   time: [26.0", `c.txt:2: cargo-bench: the last line is cut (a truncated file?): "fib 20   time: [26.0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "c.txt", "cargo-bench")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
