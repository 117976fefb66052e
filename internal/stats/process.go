package stats

import (
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// ByProcess splits samples by the process that measured each (process[i] is the
// process of samples[i]), in ascending order of process. A nil process means one
// process. It panics when the lengths differ (documents are validated first).
func ByProcess(samples []float64, process []int) [][]float64 {
	if process == nil {
		return [][]float64{samples}
	}
	if len(process) != len(samples) {
		panic("stats: samples and their processes differ in length")
	}
	ids := slices.Compact(slices.Sorted(slices.Values(process)))
	out := make([][]float64, len(ids))
	for i, s := range samples {
		k, _ := slices.BinarySearch(ids, process[i])
		out[k] = append(out[k], s)
	}
	return out
}

// ProcessMedians returns the median of each process's samples, in process order.
func ProcessMedians(samples []float64, process []int) []float64 {
	groups := ByProcess(samples, process)
	out := make([]float64, len(groups))
	for i, g := range groups {
		out[i] = Median(g)
	}
	return out
}

// Spread is how far the processes' medians lie from the median of all samples: the
// largest |process median / median - 1|, in percent. 0 with one process.
func Spread(samples []float64, process []int) float64 {
	meds := ProcessMedians(samples, process)
	if len(meds) < 2 {
		return 0
	}
	center := Median(samples)
	if center == 0 || math.IsNaN(center) {
		return 0
	}
	var worst float64
	for _, m := range meds {
		worst = max(worst, math.Abs(m/center-1))
	}
	return 100 * worst
}

// ProcessTest compares two sides process by process: each process's median is one
// observation, and Welch's t-test on their logarithms (benchmath.AssumeNormal) asks
// whether the sides differ by more than the processes of one side differ among
// themselves. The logarithm makes the test one of ratios, as the deltas are.
type ProcessTest struct {
	// Base and Cur are the log medians of each side's processes.
	Base, Cur []float64
	// P is the two-sided p-value; 1 when the test cannot run (fewer than
	// MinProcesses processes on a side), 0 or 1 when neither side varies at all (the sides are
	// then different or the same exactly).
	P float64
	// Rank reports that the test is the Mann-Whitney U test on the process medians
	// rather than Welch's t: with enough processes for a rank test to reach the
	// level asked (see CompareProcessesAt), it is the robust choice, as one wild
	// process cannot carry it.
	Rank bool
}

// MinProcesses is the fewest processes a side needs for the test between processes.
// With fewer, the test is overconfident where it matters: a shared machine puts a
// process on one of a few levels (medians of unchanged code 40 or 56 ns here), and
// when every process of one side lands on one level and every process of the other
// on the other (a chance of 2^(1-2k) with k processes a side and two even levels)
// Welch's t sees no spread within the sides and a p-value near 0. Simulated
// (TestMinProcessesSimulated), A/A pairs whose processes land on two levels 40%
// apart reach the level a lone benchmark of a 20-benchmark suite needs after the
// correction (0.0025) in 3.6% of pairs with 2 processes a side, 2.8% with 3, 0.58%
// with 4 and 0.30% with 5; lognormal process levels (no jumps) keep the level from
// 2 on, but 2 or 3 processes catch little (a 2x slowdown under 10% spread between
// processes: about 3% and 50% of the time after the correction, 5: always). 5 is
// what `run` takes by default.
const MinProcesses = 5

// CompareProcessesAt is CompareProcesses choosing the test for level alpha: the U
// test on the process medians when its smallest possible p-value is below alpha/10
// (10 against 10 processes at 0.05/20, as same-runner rounds give), else Welch's t.
func CompareProcessesAt(baseMedians, curMedians []float64, alpha float64) (ProcessTest, bool) {
	t, ok := CompareProcesses(baseMedians, curMedians)
	if ok && MinUTestP(len(t.Base), len(t.Cur)) < alpha/10 {
		t.Rank = true
		t.P = t.pvalue(t.Base, t.Cur)
	}
	return t, ok
}

// pvalue is the test's p-value for two sides of log medians.
func (t ProcessTest) pvalue(a, b []float64) float64 {
	if t.Rank {
		return CompareSamples(a, b, DefaultAlpha).P
	}
	return welch(a, b)
}

// CompareProcesses runs the test on the per-process medians of each side. ok is
// false when a side has fewer than MinProcesses processes: the spread between
// processes is then unknown (one process) or too poorly known for a verdict, and
// the test does not run (Shift is still measured).
func CompareProcesses(baseMedians, curMedians []float64) (t ProcessTest, ok bool) {
	t = ProcessTest{Base: logs(baseMedians), Cur: logs(curMedians), P: 1}
	if !t.Runs() {
		return t, false
	}
	t.P = welch(t.Base, t.Cur)
	return t, true
}

// Runs reports whether both sides have MinProcesses processes or more: whether the
// test ran (or would, for a ProcessTest built by hand).
func (t ProcessTest) Runs() bool {
	return len(t.Base) >= MinProcesses && len(t.Cur) >= MinProcesses
}

// Shift is the difference of the sides' mean log medians: the logarithm of the
// ratio of the geometric means of the current and the baseline process medians.
func (t ProcessTest) Shift() float64 {
	if len(t.Base) == 0 || len(t.Cur) == 0 {
		return math.NaN()
	}
	return mean(t.Cur) - mean(t.Base)
}

// Detectable returns the smallest slowdown, in percent, that the test would find
// significant at level alpha with the spreads it measured: the shift of the current
// side's processes (their spread kept) at which the p-value reaches alpha. It is 0
// when neither side varies (any change is seen) and +Inf when the test cannot run
// (fewer than MinProcesses processes on a side: no change is detectable).
func (t ProcessTest) Detectable(alpha float64) float64 {
	if !t.Runs() {
		return math.Inf(1)
	}
	if !t.Rank && variance(t.Base) == 0 && variance(t.Cur) == 0 {
		return 0
	}
	center := mean(t.Base) - mean(t.Cur)
	shifted := func(d float64) float64 {
		c := make([]float64, len(t.Cur))
		for i, v := range t.Cur {
			c[i] = v + center + d
		}
		return t.pvalue(t.Base, c)
	}
	lo, hi := 0.0, 0.01
	for shifted(hi) >= alpha {
		if hi > 20 { // a factor of e^20: nothing this test could see
			return math.Inf(1)
		}
		lo, hi = hi, hi*2
	}
	for range 60 {
		mid := (lo + hi) / 2
		if shifted(mid) >= alpha {
			lo = mid
		} else {
			hi = mid
		}
	}
	return 100 * (math.Exp(hi) - 1)
}

// welch is the two-sided p-value of Welch's t-test of a against b; with no variance
// on either side it is 0 when the means differ and 1 when they are equal.
func welch(a, b []float64) float64 {
	if variance(a) == 0 && variance(b) == 0 {
		if mean(a) == mean(b) {
			return 1
		}
		return 0
	}
	th := &benchmath.Thresholds{CompareAlpha: DefaultAlpha}
	c := benchmath.AssumeNormal.Compare(benchmath.NewSample(slices.Clone(a), th), benchmath.NewSample(slices.Clone(b), th))
	return c.P
}

func logs(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Log(x)
	}
	return out
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func variance(xs []float64) float64 {
	m := mean(xs)
	var s float64
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s
}
