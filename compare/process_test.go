package compare

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// procRes is a result measured in several processes: levels[k] is process k's level,
// each process taking 8 samples within ±1% of it, as a quiet process does.
func procRes(name string, levels ...float64) bench.Result {
	var samples []float64
	var process []int
	for k, level := range levels {
		for i := range 8 {
			samples = append(samples, level*(0.99+0.02*float64(i)/8))
			process = append(process, k)
		}
	}
	r := res(name, samples)
	r.SamplesProcess = process
	return r
}

// TestProcessNoiseIsNotARegression: unchanged code whose level moves between
// processes (a shared machine: 40 or 56 ns by process) is not a regression, though
// the U test over the samples calls it one at p < 0.001.
func TestProcessNoiseIsNotARegression(t *testing.T) {
	t.Parallel()
	base := doc(procRes("a", 40, 40.5, 56, 39.8, 40.2))
	cur := doc(procRes("a", 56, 40.1, 56.5, 55.8, 40.3))
	c := Compare(base, cur, DefaultConfig())
	e := c.Entries[0]
	if e.Time.Test != TestProcesses || e.Time.Processes1 != 5 || e.Time.Processes2 != 5 {
		t.Fatalf("test %s over %d and %d processes, want the test between 5 and 5 processes", e.Time.Test, e.Time.Processes1, e.Time.Processes2)
	}
	if e.Regressed || e.Fails || e.Status == StatusRegression {
		t.Fatalf("status %s: process noise called a regression (%v)", e.Status, e.Reasons)
	}
	if e.Time.Percent <= 10 || e.Status != StatusInconclusive {
		t.Errorf("median %+.1f%%, status %s: want a delta beyond the threshold that is inconclusive", e.Time.Percent, e.Status)
	}
	if e.Time.Detectable <= e.Time.ProcessPercent || e.Time.Detectable <= e.ThresholdPercent {
		t.Errorf("detectable %+.1f%% is not above the processes' delta %+.1f%% it could not tell from noise, nor the threshold", e.Time.Detectable, e.Time.ProcessPercent)
	}
	if e.Base.Processes != 5 || math.Abs(e.Base.ProcessSpread-100*(56.0/40.2-1)) > 1.5 {
		t.Errorf("baseline %d processes, spread %.1f%%; want 5 and about %.1f%%", e.Base.Processes, e.Base.ProcessSpread, 100*(56.0/40.2-1))
	}
	// The same samples with their processes forgotten: the U test is fooled.
	flat := func(d *bench.Document) *bench.Document { d.Results[0].SamplesProcess = nil; return d }
	old := Compare(flat(base), flat(cur), withConfig(func(c *Config) { c.ContentionGuard = false }))
	if !old.Entries[0].Regressed || old.Entries[0].Time.Test != TestSamples {
		t.Errorf("without samples_process: %s by the %s test; the premise is that the U test is overconfident", old.Entries[0].Status, old.Entries[0].Time.Test)
	}
	if len(old.Warnings) == 0 || !strings.Contains(old.Warnings[0], "cannot account for the noise between processes") {
		t.Errorf("one-process documents: warnings %q", old.Warnings)
	}
}

func TestProcessTestCatchesARealSlowdown(t *testing.T) {
	t.Parallel()
	var base, cur []bench.Result
	// 20 benchmarks; one is 2x slower, under 10% noise between processes.
	for i := range 20 {
		name := string(rune('a' + i))
		base = append(base, procRes(name, 100, 108, 95, 103, 91))
		if i == 7 {
			cur = append(cur, procRes(name, 205, 190, 212, 198, 185))
		} else {
			cur = append(cur, procRes(name, 97, 104, 110, 92, 99))
		}
	}
	c := Compare(doc(base...), doc(cur...), DefaultConfig())
	if c.Family.Tests != 20 || c.Family.Method != FamilyBH || c.Family.ExpectedUncorrected() != 1 {
		t.Errorf("family %+v, want Benjamini-Hochberg over 20 tests (1 false alarm expected uncorrected)", c.Family)
	}
	for _, e := range c.Entries {
		want := e.Name == "h"
		if e.Regressed != want {
			t.Errorf("%s: regressed %v, want %v (%s, %v)", e.Name, e.Regressed, want, e.Status, e.Reasons)
		}
		if !want && e.Status == StatusInconclusive {
			t.Errorf("%s: unchanged code inconclusive (%v)", e.Name, e.Reasons)
		}
		if math.IsInf(e.Time.Detectable, 0) || e.Time.Detectable > 100 || e.Time.Detectable < 5 {
			t.Errorf("%s: detectable %+.1f%%, want a finite figure between the noise and 2x", e.Name, e.Time.Detectable)
		}
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings %q, want none", c.Warnings)
	}
}

func TestNeverSignificantIsWarned(t *testing.T) {
	t.Parallel()
	var base, cur []bench.Result
	for i := range 20 {
		name := string(rune('a' + i))
		base = append(base, res(name, steady(100, 5)))
		cur = append(cur, res(name, steady(100, 5)))
	}
	c := Compare(doc(base...), doc(cur...), DefaultConfig())
	if w := strings.Join(c.Entries[0].Warnings, "\n"); !strings.Contains(w, "with 5 and 5 samples the U test's smallest p-value is 0.00794, not below 0.0025 (alpha 0.05 over 20 benchmarks)") {
		t.Errorf("warnings %q, want the never-significant one", w)
	}
}

// allocRes is a result whose allocations were counted in each of its processes.
func allocRes(name string, allocs ...float64) bench.Result {
	r := procRes(name, 100, 101, 99)
	r.AllocsPerOp = allocs[len(allocs)/2]
	r.Metrics = map[string]bench.Metric{bench.MetricAllocations: {Unit: "allocs/op", Samples: allocs, SamplesProcess: []int{0, 1, 2}}}
	return r
}

func TestAllocationsExactOnlyWhenTheSamplesAgree(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		base, cur  []float64
		wantStatus Status
		wantReason string
	}{
		{"480 vs 481 of unchanged code varies: tested, unchanged", []float64{480, 481, 480}, []float64{481, 480, 481}, StatusUnchanged,
			"allocs/op 480 → 481 varies between samples: tested like time"},
		{"exact on both sides: any increase regresses", []float64{480, 480, 480}, []float64{481, 481, 481}, StatusRegression, "allocs/op 480 → 481"},
		{"varying, doubled: tested and worse", []float64{480, 481, 480}, []float64{960, 962, 961}, StatusUnchanged, "allocations +100.21% exceeds the 10% threshold but is not significant (p=0.100 after the correction), so inconclusive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Compare(doc(allocRes("a", tc.base...)), doc(allocRes("a", tc.cur...)), DefaultConfig())
			e := c.Entries[0]
			if !strings.Contains(strings.Join(e.Reasons, "\n"), tc.wantReason) {
				t.Errorf("reasons %q, want %q", e.Reasons, tc.wantReason)
			}
			if tc.name[:6] == "varyin" {
				// 3 against 3 samples cannot reach significance: worse beyond the
				// threshold but inconclusive, never a regression.
				if e.Regressed || e.Status != StatusInconclusive {
					t.Errorf("status %s, regressed %v; want inconclusive", e.Status, e.Regressed)
				}
				return
			}
			if e.Status != tc.wantStatus {
				t.Errorf("status %s, want %s (%v)", e.Status, tc.wantStatus, e.Reasons)
			}
		})
	}
}

// instrRes is a result with instruction counts per sample.
func instrRes(name string, ns float64, instr ...float64) bench.Result {
	r := procRes(name, ns, ns, ns, ns, ns)
	r.Metrics = map[string]bench.Metric{bench.MetricInstructions: {Unit: "instructions/op", Samples: instr}}
	return r
}

func TestInstructionsGateByDefault(t *testing.T) {
	t.Parallel()
	base := doc(instrRes("a", 100, 486.1, 486.3, 486.2), instrRes("b", 100, 1000, 1000.4, 999.8))
	cur := doc(instrRes("a", 300, 486.2, 486.0, 486.3), instrRes("b", 100, 1020.1, 1019.7, 1020.5)) // a: 3x slower time, same instructions; b: +2% instructions
	c := Compare(base, cur, DefaultConfig())
	if !c.Config.Gates(MetricInstructions) || !c.Config.Gates(MetricAllocations) || c.Config.Gates(MetricTime) {
		t.Fatalf("gated %v, want instructions and allocations when both sides carry instructions", c.Config.Metrics)
	}
	a, b := c.Entries[0], c.Entries[1]
	if a.Regressed || a.Status != StatusUnchanged {
		t.Errorf("a: %s %v: time is reported, not gated, and its instructions did not change", a.Status, a.Reasons)
	}
	if !b.Regressed || !b.Fails || b.Status != StatusRegression || !strings.Contains(strings.Join(b.Reasons, "\n"), "instructions +2.01% exceeds the 1% threshold (every sample apart by +1.93%)") {
		t.Errorf("b: %s %v, want a regression of instructions", b.Status, b.Reasons)
	}
	md := b.Metrics[0]
	if md.Rule != RuleSeparation || md.ThresholdPercent != 1 || !md.Gated || md.Unit != "instructions/op" {
		t.Errorf("b's instructions: %+v", md)
	}
	// The config names the metrics: honoured as written.
	cfg := withConfig(func(c *Config) { c.Metrics, c.MetricsSet = []Metric{MetricTime}, true })
	c = Compare(base, cur, cfg)
	if !c.Entries[0].Regressed || c.Entries[1].Regressed {
		t.Errorf("metrics: [time]: a regressed %v, b regressed %v; want a only", c.Entries[0].Regressed, c.Entries[1].Regressed)
	}
	// A per-benchmark rule sets the instruction threshold too.
	cfg = withConfig(func(c *Config) { c.Thresholds = []ThresholdRule{{Pattern: "b", Percent: 3}} })
	if e := Compare(base, cur, cfg).Entries[1]; e.Regressed || e.Metrics[0].ThresholdPercent != 3 {
		t.Errorf("threshold rule b: 3%%: regressed %v at %v%%", e.Regressed, e.Metrics[0].ThresholdPercent)
	}
}

func TestCustomMetricHigherIsBetter(t *testing.T) {
	t.Parallel()
	mbs := func(name string, v ...float64) bench.Result {
		r := res(name, steady(100, 10))
		r.Metrics = map[string]bench.Metric{"MB/s": {Unit: "MB/s", Samples: v}}
		return r
	}
	base := doc(mbs("a", 500, 502, 498, 501, 499, 500, 503, 497, 500, 501))
	cur := doc(mbs("a", 400, 402, 398, 401, 399, 400, 403, 397, 400, 401))
	cfg := withConfig(func(c *Config) { c.Metrics, c.MetricsSet = []Metric{MetricTime, "MB/s"}, true })
	e := Compare(base, cur, cfg).Entries[0]
	if !e.Regressed || !e.Metrics[0].HigherIsBetter || !e.Metrics[0].Worse {
		t.Errorf("MB/s 500 → 400: %s %v %+v, want a regression", e.Status, e.Reasons, e.Metrics)
	}
	if e := Compare(cur, base, cfg).Entries[0]; e.Regressed || e.Status != StatusImprovement {
		t.Errorf("MB/s 400 → 500: %s, want an improvement", e.Status)
	}
	c := Compare(base, cur, withConfig(func(c *Config) { c.Metrics, c.MetricsSet = []Metric{MetricTime, "ops/s"}, true }))
	if len(c.Warnings) != 2 || !strings.Contains(c.Warnings[1], `gates metric "ops/s", which is not in both results`) {
		t.Errorf("a gated metric neither side has: warnings %q", c.Warnings)
	}
}

// TestTooFewProcessesIsNoVerdict: with fewer than stats.MinProcesses processes on a
// side (but several on each), time is not tested; a slowdown beyond the threshold
// is inconclusive, never a regression, and the reason and the comparison's warning
// say how many processes each side had and how to get a verdict. Documents of one
// process keep the U test over the samples; 5 processes a side decide.
func TestTooFewProcessesIsNoVerdict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		base, cur  bench.Result
		wantTest   TimeTest
		wantStatus Status
		wantReason string
	}{
		{"2 against 2 at +122% (an A/A run measured that, p=0.002 by Welch's t)",
			procRes("a", 100, 101), procRes("a", 222, 223), TestTooFewProcesses, StatusInconclusive,
			"time +121.40% (the processes' medians +121.40%) exceeds the 10% threshold, but with 2 processes in the baseline and 2 in the current (the test between processes needs 5 a side) no test can tell it from the noise between processes, so inconclusive; measure both sides in 5 or more processes"},
		{"4 against 5, 2x slower", procRes("a", 100, 101, 99, 100), procRes("a", 200, 202, 198, 201, 199), TestTooFewProcesses, StatusInconclusive,
			"with 4 processes in the baseline and 5 in the current"},
		{"2 against 2, 2x faster: no verdict either", procRes("a", 200, 202), procRes("a", 100, 101), TestTooFewProcesses, StatusUnchanged, ""},
		{"5 against 5, 2x slower: a regression", procRes("a", 100, 108, 95, 103, 91), procRes("a", 205, 190, 212, 198, 185), TestProcesses, StatusRegression,
			"time +98.00% exceeds the 10% threshold"},
		{"1 against 1 process, 2x slower: the U test over the samples, as before", res("a", steady(100, 16)), res("a", steady(200, 16)), TestSamples, StatusRegression,
			"time +100.00% exceeds the 10% threshold"},
		{"1 against 2 processes: the U test over the samples", res("a", steady(100, 16)), procRes("a", 200, 201), TestSamples, StatusRegression, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Compare(doc(tc.base), doc(tc.cur), DefaultConfig())
			e := c.Entries[0]
			if e.Time.Test != tc.wantTest || e.Status != tc.wantStatus {
				t.Fatalf("test %s, status %s (%v); want %s, %s", e.Time.Test, e.Status, e.Reasons, tc.wantTest, tc.wantStatus)
			}
			if !strings.Contains(strings.Join(e.Reasons, "\n"), tc.wantReason) {
				t.Errorf("reasons %q, want %q", e.Reasons, tc.wantReason)
			}
			if tc.wantTest != TestTooFewProcesses {
				return
			}
			tm := e.Time
			if e.Regressed || e.Fails || c.Failed() || tm.Significant || !math.IsNaN(tm.P) || !math.IsNaN(tm.PAdjusted) || !math.IsInf(tm.Detectable, 1) {
				t.Errorf("regressed %v, fails %v, significant %v, p %v/%v, detectable %v; want no test and nothing detectable", e.Regressed, e.Fails, tm.Significant, tm.P, tm.PAdjusted, tm.Detectable)
			}
			if c.Family.Tests != 0 {
				t.Errorf("family %+v: an untested benchmark counted in the correction", c.Family)
			}
			want := fmt.Sprintf("1 of 1 benchmarks have time samples from too few processes (fewest: %d in the baseline, %d in the current; the test between processes needs 5 a side), so their time gets no verdict: a slowdown beyond the threshold is inconclusive, not a regression; for a verdict, measure both sides in 5 or more processes: run --processes 5 (the default)",
				tm.Processes1, tm.Processes2)
			if !strings.Contains(strings.Join(c.Warnings, "\n"), want) {
				t.Errorf("warnings %q, want %q", c.Warnings, want)
			}
		})
	}
}

// TestProcessTestLevelIsCorrected: the test between processes is chosen for the
// level a lone benchmark must reach after the correction over the suite, alpha over
// the benchmarks: 6 processes a side over 20 benchmarks is Welch's t (the U test's
// smallest p, 0.0022, is not below 0.05/20/10), as stats.CompareProcessesAt says.
func TestProcessTestLevelIsCorrected(t *testing.T) {
	t.Parallel()
	var base, cur []bench.Result
	for i := range 20 {
		name := string(rune('a' + i))
		base = append(base, procRes(name, 100, 108, 95, 103, 91, 99))
		cur = append(cur, procRes(name, 205, 190, 212, 198, 185, 201))
	}
	c := Compare(doc(base...), doc(cur...), DefaultConfig())
	bm := stats.ProcessMedians(base[0].SamplesNs, base[0].SamplesProcess)
	cm := stats.ProcessMedians(cur[0].SamplesNs, cur[0].SamplesProcess)
	welch, _ := stats.CompareProcessesAt(bm, cm, 0.05/20)
	rank, _ := stats.CompareProcessesAt(bm, cm, 0.05)
	if welch.Rank || !rank.Rank || welch.P == rank.P {
		t.Fatalf("premise: at 0.05/20 Welch (rank %v, p %v), at 0.05 the U test (rank %v, p %v)", welch.Rank, welch.P, rank.Rank, rank.P)
	}
	if got := c.Entries[0].Time.P; got != welch.P {
		t.Errorf("p %v, want Welch's %v (the U test's is %v)", got, welch.P, rank.P)
	}
}
