package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"golang.org/x/perf/benchmath"
)

func TestSummarizeIsBenchmath(t *testing.T) {
	t.Parallel()
	samples := []float64{5, 3, 9, 4, 4.5, 6, 7, 3.5, 5.5, 8}
	before := slices.Clone(samples)
	got := Summarize(samples)
	want := benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(samples), &benchmath.DefaultThresholds), 0.95)
	if got.Center != want.Center || got.Lo != want.Lo || got.Hi != want.Hi || got.Confidence != want.Confidence {
		t.Errorf("Summarize = %+v, benchmath %+v", got, want)
	}
	if !slices.Equal(samples, before) {
		t.Errorf("Summarize modified its input: %v", samples)
	}
}

func TestSummarizeFewSamples(t *testing.T) {
	t.Parallel()
	s := Summarize([]float64{3, 1, 2})
	if !math.IsInf(s.Lo, -1) || !math.IsInf(s.Hi, 1) || len(s.Warnings) == 0 {
		t.Fatalf("3 samples: %+v, want an unbounded interval with a warning", s)
	}
	lo, hi := s.Bounded([]float64{3, 1, 2})
	if lo != 1 || hi != 3 {
		t.Errorf("Bounded = %v, %v, want the range 1, 3", lo, hi)
	}
	if e := Summarize(nil); !math.IsNaN(e.Center) {
		t.Errorf("empty: center %v, want NaN", e.Center)
	}
}

func TestMedianQuantile(t *testing.T) {
	t.Parallel()
	if got := Median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("Median = %v, want 2.5", got)
	}
	if got := Median([]float64{4, 1, 3}); got != 3 {
		t.Errorf("Median = %v, want 3", got)
	}
	if got := Quantile([]float64{7}, 0.02); got != 7 {
		t.Errorf("Quantile of one sample = %v, want 7", got)
	}
	sorted := []float64{10, 20, 30, 40, 50}
	for _, tc := range []struct{ q, want float64 }{{0, 10}, {0.5, 30}, {0.125, 15}, {1, 50}} {
		if got := Quantile(sorted, tc.q); got != tc.want {
			t.Errorf("Quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestMinUTestP(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n1, n2 int
		want   float64
	}{{3, 3, 0.1}, {5, 5, 2.0 / 252}, {6, 6, 2.0 / 924}, {0, 4, 1}} {
		if got := MinUTestP(tc.n1, tc.n2); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("MinUTestP(%d, %d) = %v, want %v", tc.n1, tc.n2, got, tc.want)
		}
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	t.Parallel()
	// Four tests: sorted 0.01, 0.02, 0.03, 0.04 -> 4/1 x 0.01 ... each min over the
	// larger ranks: 0.04, 0.04, 0.04, 0.04.
	got := BenjaminiHochberg([]float64{0.03, 0.01, math.NaN(), 0.04, 0.02})
	want := []float64{0.04, 0.04, math.NaN(), 0.04, 0.04}
	check := func(got, want []float64) {
		t.Helper()
		for i := range want {
			if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-12) {
				t.Fatalf("BenjaminiHochberg = %v, want %v", got, want)
			}
		}
	}
	check(got, want)
	// One small p-value among nulls: multiplied by the number of tests.
	check(BenjaminiHochberg([]float64{0.001, 0.5, 0.9, 0.7}), []float64{0.004, 0.9, 0.9, 0.9})
	// Many equally small p-values (a shared slowdown): all stay significant, where a
	// family-wise correction would multiply each by the count.
	many := make([]float64, 3000)
	for i := range many {
		many[i] = 1.5e-4
	}
	if got := BenjaminiHochberg(many); got[0] > 2e-4 {
		t.Errorf("3000 tests at p=1.5e-4: adjusted %v", got[0])
	}
}

func TestByProcess(t *testing.T) {
	t.Parallel()
	got := ByProcess([]float64{1, 2, 3, 4, 5}, []int{2, 0, 2, 0, 7})
	want := [][]float64{{2, 4}, {1, 3}, {5}}
	if len(got) != len(want) {
		t.Fatalf("ByProcess = %v, want %v", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("ByProcess = %v, want %v", got, want)
		}
	}
	if got := ProcessMedians([]float64{1, 2, 3, 4, 5}, []int{2, 0, 2, 0, 7}); !slices.Equal(got, []float64{3, 2, 5}) {
		t.Errorf("ProcessMedians = %v", got)
	}
	if got := Spread([]float64{10, 10, 12, 12}, []int{0, 0, 1, 1}); math.Abs(got-100*(12.0/11-1)) > 1e-9 {
		t.Errorf("Spread = %v, want %v", got, 100*(12.0/11-1))
	}
	if got := Spread([]float64{10, 12}, nil); got != 0 {
		t.Errorf("Spread of one process = %v, want 0", got)
	}
}

// procs draws k process medians around center: each process has its own level,
// lognormal with sigma between (the process effect).
func procs(r *rand.Rand, k int, center, between float64) []float64 {
	out := make([]float64, k)
	for i := range out {
		out[i] = center * math.Exp(r.NormFloat64()*between)
	}
	return out
}

// TestProcessTestFalseAlarms: with a process effect of 10% and 5 processes a side,
// same-code comparisons are flagged at about the test's level, where the U test over
// all samples (every process's samples tightly around its own level) flags most.
func TestProcessTestFalseAlarms(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	const trials = 2000
	var process, pooled int
	for range trials {
		b, c := procs(r, 5, 100, 0.1), procs(r, 5, 100, 0.1)
		if pt, ok := CompareProcesses(b, c); !ok {
			t.Fatal("5 processes a side: test did not run")
		} else if pt.P < 0.05 {
			process++
		}
		var bs, cs []float64
		for i := range 5 {
			for range 8 {
				bs = append(bs, b[i]*(1+0.01*r.NormFloat64()))
				cs = append(cs, c[i]*(1+0.01*r.NormFloat64()))
			}
		}
		if CompareSamples(bs, cs, 0.05).P < 0.05 {
			pooled++
		}
	}
	if rate := float64(process) / trials; rate > 0.07 {
		t.Errorf("process test: %.1f%% false alarms at alpha 5%%", 100*rate)
	}
	if rate := float64(pooled) / trials; rate < 0.5 {
		t.Errorf("U test over all samples: %.1f%% false alarms; the premise of the process test is that it is overconfident", 100*rate)
	}
}

func TestProcessTestPower(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	caught := 0
	for range 200 {
		b, c := procs(r, 5, 100, 0.1), procs(r, 5, 200, 0.1) // 2x slower
		pt, _ := CompareProcesses(b, c)
		if pt.P < 0.05/20 { // the correction's first step over 20 benchmarks
			caught++
		}
	}
	if caught < 190 {
		t.Errorf("2x slowdown, 10%% process noise, 5 processes: caught %d of 200", caught)
	}
}

func TestDetectable(t *testing.T) {
	t.Parallel()
	base := []float64{100, 104, 97, 102, 99}
	pt, ok := CompareProcesses(base, []float64{101, 99, 103, 100, 98})
	if !ok {
		t.Fatal("test did not run")
	}
	d := pt.Detectable(0.01)
	if d <= 0 || math.IsInf(d, 0) {
		t.Fatalf("Detectable = %v", d)
	}
	// Shifting the current side by just over d is significant, by just under it not.
	at := func(pctChange float64) float64 {
		c := make([]float64, len(pt.Cur))
		shift := mean(pt.Base) - mean(pt.Cur) + math.Log(1+pctChange/100)
		for i, v := range pt.Cur {
			c[i] = math.Exp(v + shift)
		}
		got, _ := CompareProcesses(base, c)
		return got.P
	}
	if p := at(d * 1.01); p >= 0.01 {
		t.Errorf("a change of %.2f%% (just over detectable): p = %v", d*1.01, p)
	}
	if p := at(d * 0.99); p < 0.01 {
		t.Errorf("a change of %.2f%% (just under detectable): p = %v", d*0.99, p)
	}
	// A noisier pair of sides can detect less.
	noisy, _ := CompareProcesses([]float64{100, 130, 80, 115, 90}, []float64{101, 99, 103, 100, 98})
	if noisy.Detectable(0.01) <= d {
		t.Errorf("noisier sides detect %.2f%%, quieter %.2f%%", noisy.Detectable(0.01), d)
	}
	exact, _ := CompareProcesses([]float64{5, 5, 5, 5, 5}, []float64{5, 5, 5, 5, 5})
	if exact.P != 1 || exact.Detectable(0.05) != 0 {
		t.Errorf("identical exact sides: P %v, detectable %v; want 1, 0", exact.P, exact.Detectable(0.05))
	}
	moved, _ := CompareProcesses([]float64{5, 5, 5, 5, 5}, []float64{6, 6, 6, 6, 6})
	if moved.P != 0 {
		t.Errorf("exact sides that differ: P %v, want 0", moved.P)
	}
}

// TestTooFewProcesses: with fewer than MinProcesses processes on a side the test
// does not run, whatever the medians say: p 1, nothing detectable, the shift still
// measured. Two processes a side at +122% with no spread within a side (what
// Welch's t called p=0.002 in an A/A run here) is no verdict.
func TestTooFewProcesses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		base, cur []float64
	}{
		{"one process", []float64{100}, []float64{100, 101, 99, 100, 102}},
		{"2 against 2 at +122%", []float64{100, 101}, []float64{222, 223}},
		{"4 against 5", []float64{100, 101, 99, 100}, []float64{200, 201, 199, 200, 202}},
	} {
		pt, ok := CompareProcesses(tc.base, tc.cur)
		if ok || pt.Runs() || pt.P != 1 || !math.IsInf(pt.Detectable(0.05), 1) {
			t.Errorf("%s: ran %v/%v, P %v, detectable %v; want no test, P 1, +Inf", tc.name, ok, pt.Runs(), pt.P, pt.Detectable(0.05))
		}
		if at, ok := CompareProcessesAt(tc.base, tc.cur, 0.05); ok || at.P != 1 {
			t.Errorf("%s: CompareProcessesAt ran (P %v)", tc.name, at.P)
		}
	}
	pt, _ := CompareProcesses([]float64{100, 101}, []float64{222, 223})
	if got := 100 * (math.Exp(pt.Shift()) - 1); math.Abs(got-121.4) > 0.5 {
		t.Errorf("shift of 2 against 2: %+.1f%%, want about +121.4%%", got)
	}
	if welch(pt.Base, pt.Cur) >= 0.01 {
		t.Errorf("Welch's t on these 2 against 2: p %v; the premise is that it calls them significant", welch(pt.Base, pt.Cur))
	}
}
