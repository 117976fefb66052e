package bench

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when a fake workload says so, which makes
// the harness's calibration and statistics deterministic.
type fakeClock struct{ t time.Time }

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// fakeBench returns a benchmark whose iterations take perIter[k] on clk during
// the k-th call of Run (the last entry repeats), and whose Setup takes an hour.
func fakeBench(clk *fakeClock, name string, batch int, perIter ...time.Duration) Benchmark {
	return Benchmark{
		Name: name, Group: "fake", BatchSize: batch,
		Setup: func() (Workload, error) {
			clk.advance(time.Hour) // setup must not be timed
			calls := 0
			return Workload{
				CostUSD: "1.5",
				Run: func(iters int) error {
					d := perIter[min(calls, len(perIter)-1)]
					calls++
					clk.advance(time.Duration(iters) * d)
					return nil
				},
			}, nil
		},
	}
}

// clock returns the fake clock as the harness's sample clock.
func (c *fakeClock) clock() Clock {
	epoch := c.t
	return Clock{Name: "fake", Read: func() time.Duration { return c.t.Sub(epoch) }}
}

func fakeConfig(clk *fakeClock) Config {
	return Config{Samples: 10, SampleTime: 10 * time.Millisecond, Version: "test", Now: clk.Now, Clock: clk.clock()}
}

func TestMeasureConstantWorkload(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	h, err := NewHarness(fakeConfig(clk))
	if err != nil {
		t.Fatal(err)
	}
	// 4µs per iteration of 8 records: 500ns per record; 2500 iterations fill 10ms.
	r, err := h.Measure(context.Background(), fakeBench(clk, "const", 8, 4*time.Microsecond))
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "const" || r.Group != "fake" || r.BatchSize != 8 || r.CostTotalUSD != "1.5" {
		t.Errorf("identity = %q %q %d %q", r.Name, r.Group, r.BatchSize, r.CostTotalUSD)
	}
	if len(r.SamplesNs) != 10 {
		t.Fatalf("len(samples_ns) = %d, want 10", len(r.SamplesNs))
	}
	for i, s := range r.SamplesNs {
		if s != 500 {
			t.Errorf("samples_ns[%d] = %v, want 500 (per record, not per iteration)", i, s)
		}
	}
	checks := []struct {
		field     string
		got, want float64
	}{
		{"iterations", float64(r.Iterations), 10 * 2500},
		{"median_ns", r.MedianNs, 500},
		{"ci_low_ns", r.CILowNs, 500},
		{"ci_high_ns", r.CIHighNs, 500},
		{"avg_duration_us", r.AvgDurationUs, 0.5},
		{"min_duration_us", r.MinDurationUs, 0.5},
		{"max_duration_us", r.MaxDurationUs, 0.5},
		{"total_duration_ms", r.TotalDurationMs, 100},
		{"throughput_per_sec", r.ThroughputPerSec, 2e6},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", r.Warnings)
	}
}

func TestMeasureKeepsSampleOrderAndSummarizes(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	h, err := NewHarness(fakeConfig(clk))
	if err != nil {
		t.Fatal(err)
	}
	// Calibration sees 1µs per iteration (three growing runs: 1, 100 and 10000
	// iterations), then come the allocation runs, the warm-up and the samples.
	calib := make([]time.Duration, 3+allocRuns+1)
	for i := range calib {
		calib[i] = time.Microsecond
	}
	samples := []time.Duration{5, 1, 9, 2, 8, 3, 7, 4, 6, 10}
	perIter := append(calib, scale(samples, time.Microsecond)...)
	r, err := h.Measure(context.Background(), fakeBench(clk, "varied", 1, perIter...))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{5000, 1000, 9000, 2000, 8000, 3000, 7000, 4000, 6000, 10000}
	if !equalFloats(r.SamplesNs, want) {
		t.Fatalf("samples_ns = %v, want %v (in the order taken)", r.SamplesNs, want)
	}
	// benchmath: the median of 10 values, and its 95% interval from order
	// statistics 2 and 9 (1-based), not a normal approximation.
	if r.MedianNs != 5500 || r.CILowNs != 2000 || r.CIHighNs != 9000 {
		t.Errorf("median, ci = %v [%v, %v], want 5500 [2000, 9000]", r.MedianNs, r.CILowNs, r.CIHighNs)
	}
	if r.MinDurationUs != 1 || r.MaxDurationUs != 10 || r.AvgDurationUs != 5.5 {
		t.Errorf("min, max, avg = %v, %v, %v µs, want 1, 10, 5.5", r.MinDurationUs, r.MaxDurationUs, r.AvgDurationUs)
	}
}

func scale(ds []time.Duration, unit time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d * unit
	}
	return out
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCalibration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		perIter time.Duration
		target  time.Duration
		want    int
	}{
		{"fast op fills the sample", 50 * time.Nanosecond, 10 * time.Millisecond, 200_000},
		{"slow op", 3 * time.Millisecond, 10 * time.Millisecond, 3},
		{"op longer than a sample runs once", 50 * time.Millisecond, 10 * time.Millisecond, 1},
		{"odd size rounds to nearest", 3 * time.Microsecond, 10 * time.Millisecond, 3333},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newFakeClock()
			m := measurer{
				cfg:   Config{SampleTime: tt.target},
				clock: clk.clock(),
				run:   func(iters int) error { clk.advance(time.Duration(iters) * tt.perIter); return nil },
			}
			got, err := m.calibrate()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("calibrate() = %d iterations, want %d", got, tt.want)
			}
		})
	}
}

func TestGrowIters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		last int
		took time.Duration
		want int
	}{
		{"grows at most 100x", 1, time.Nanosecond, 100},
		{"aims 20% over the target", 100, time.Millisecond, 1200},
		{"grows by at least one", 10, 9 * time.Millisecond, 13},
		{"zero reading does not divide by zero", 5, 0, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := growIters(10*time.Millisecond, tt.last, tt.took); got != tt.want {
				t.Errorf("growIters(10ms, %d, %v) = %d, want %d", tt.last, tt.took, got, tt.want)
			}
		})
	}
}

var sink []byte

// TestAllocationsAreExact is not parallel: the memory statistics are process-wide.
func TestAllocationsAreExact(t *testing.T) {
	tests := []struct {
		name       string
		batch      int
		perOp      int // allocations of 64 bytes per operation
		perIter    int // allocations of 1024 bytes per iteration
		wantAllocs float64
		wantBytes  float64
	}{
		{"none", 1, 0, 0, 0, 0},
		{"one per op", 1, 1, 0, 1, 64},
		{"batch amortizes per-iteration work", 100, 2, 1, 2.01, 138.24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := measurer{run: func(iters int) error {
				for range iters {
					for range tt.perIter {
						sink = make([]byte, 1024)
					}
					for range tt.batch * tt.perOp {
						sink = make([]byte, 64)
					}
				}
				return nil
			}}
			allocs, bytes, err := m.allocations(tt.batch)
			if err != nil {
				t.Fatal(err)
			}
			if allocs != tt.wantAllocs || bytes != tt.wantBytes {
				t.Errorf("allocations = %v allocs/op, %v B/op; want %v, %v", allocs, bytes, tt.wantAllocs, tt.wantBytes)
			}
		})
	}
}

func TestMeasureErrorsNameTheBenchmark(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name  string
		setup func() (Workload, error)
		want  string
	}{
		{"setup fails", func() (Workload, error) { return Workload{}, boom }, "broken: setup: boom"},
		{"no run", func() (Workload, error) { return Workload{}, nil }, "broken: setup returned no Run function"},
		{"run fails", func() (Workload, error) {
			return Workload{Run: func(int) error { return boom }}, nil
		}, "broken: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := NewHarness(fakeConfig(newFakeClock()))
			if err != nil {
				t.Fatal(err)
			}
			_, err = h.Measure(context.Background(), Benchmark{Name: "broken", Group: "g", Setup: tt.setup})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Measure error = %v, want %q", err, tt.want)
			}
			if tt.name != "no run" && !errors.Is(err, boom) {
				t.Errorf("error %v does not wrap the cause", err)
			}
		})
	}
}

func TestNewHarnessRefusesBadSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"too few samples", Config{Samples: 5, SampleTime: time.Second}, "samples: 5 is too few, need at least 6"},
		{"sample too short", Config{Samples: 10, SampleTime: time.Microsecond}, "sample time: 1µs is too short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewHarness(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewHarness error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	for _, cfg := range []Config{DefaultConfig(), QuickConfig()} {
		if _, err := NewHarness(cfg); err != nil {
			t.Errorf("NewHarness(%+v) = %v, want the preset accepted", cfg, err)
		}
	}
}

func TestRunBuildsDocument(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	cfg := fakeConfig(clk)
	cfg.Environment = Environment{GoVersion: "go1.26", OS: "linux", Arch: "amd64", CPUCount: 2}
	h, err := NewHarness(cfg)
	if err != nil {
		t.Fatal(err)
	}
	start := clk.Now()
	doc, err := h.Run(context.Background(), []Benchmark{
		fakeBench(clk, "slow", 1, 2*time.Microsecond),
		fakeBench(clk, "fast", 10, time.Microsecond),
	})
	if err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != SchemaVersion || doc.Version != "test" || !doc.Timestamp.Equal(start) || doc.Environment != cfg.Environment {
		t.Errorf("document header = %d %q %v %+v", doc.SchemaVersion, doc.Version, doc.Timestamp, doc.Environment)
	}
	want := Summary{TotalBenchmarks: 2, FastestBenchmark: "fast", SlowestBenchmark: "slow",
		TotalIterations: doc.Results[0].Iterations + doc.Results[1].Iterations,
		TotalDurationMs: float64(clk.Now().Sub(start).Nanoseconds()) / 1e6}
	if doc.Summary != want {
		t.Errorf("summary = %+v, want %+v", doc.Summary, want)
	}
	if h := doc.Harness; h == nil || *h != (HarnessInfo{Clock: "fake", Samples: 10, SampleTimeMs: 10, Confidence: 0.95, Suite: SuiteBuiltin}) {
		t.Errorf("harness = %+v", h)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	h, err := NewHarness(fakeConfig(clk))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Run(ctx, []Benchmark{fakeBench(clk, "a", 1, time.Microsecond)}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run error = %v, want context.Canceled", err)
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		live bool
		want string
	}{
		{"plain lines for logs", false, "" +
			"[1/2] a                                      2.00µs/op ±0.0%  ETA 1h0m0s\n" +
			"[2/2] b                                      1.00µs/op ±0.0%  ETA 0s\n" +
			"ran 2 benchmarks in 2h0m0.3s\n"},
		{"one live line on a terminal", true, "" +
			"\r\033[K[1/2] a  ETA 0s" +
			"\r\033[K[2/2] b  ETA 1h0m0s" +
			"\r\033[Kran 2 benchmarks in 2h0m0.3s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newFakeClock()
			var out bytes.Buffer
			cfg := fakeConfig(clk)
			cfg.Progress, cfg.Live = &out, tt.live
			h, err := NewHarness(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = h.Run(context.Background(), []Benchmark{
				fakeBench(clk, "a", 1, 2*time.Microsecond),
				fakeBench(clk, "b", 1, time.Microsecond),
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != tt.want {
				t.Errorf("progress =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
