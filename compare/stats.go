package compare

import (
	"fmt"
	"math"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// side summarizes one document's result with benchmath (median and its 95% interval),
// or returns nil for an absent result.
func side(r *bench.Result) *Side {
	if r == nil {
		return nil
	}
	if len(r.SamplesNs) == 0 { // custom metrics only, or a document that skipped validation
		nan := math.NaN()
		return &Side{Median: nan, Lo: nan, Hi: nan, AllocsPerOp: r.AllocsPerOp, BytesPerOp: r.BytesPerOp, CostUSD: r.CostTotalUSD}
	}
	if r.PointEstimate {
		return pointSide(r)
	}
	s := stats.Summarize(r.SamplesNs)
	return &Side{
		N: len(r.SamplesNs), Median: s.Center, Lo: s.Lo, Hi: s.Hi, Confidence: s.Confidence,
		Processes: len(stats.ByProcess(r.SamplesNs, r.SamplesProcess)), ProcessSpread: stats.Spread(r.SamplesNs, r.SamplesProcess),
		AllocsPerOp: r.AllocsPerOp, BytesPerOp: r.BytesPerOp, CostUSD: r.CostTotalUSD,
	}
}

// timeDelta compares the two sample sets: the median delta, its conservative
// interval, and the test: between processes when both sides have
// stats.MinProcesses or more (the returned ProcessTest is then non-nil), none when
// both have two or more but a side fewer than that (TestTooFewProcesses), else
// (a side from one process) the Mann-Whitney U test over the samples. benchmath's warnings are appended to warns. Significance is decided
// later, once the suite's p-values are corrected together.
func timeDelta(base, cur *bench.Result, alpha, familyAlpha float64, warns *[]string) (*TimeDelta, *stats.ProcessTest) {
	baseNs, curNs := base.SamplesNs, cur.SamplesNs
	if len(baseNs) == 0 && len(curNs) == 0 {
		return nil, nil // a benchmark of custom metrics only
	}
	if len(baseNs) == 0 || len(curNs) == 0 {
		addWarning(warns, "no samples on one side: time not compared")
		return nil, nil
	}
	if base.PointEstimate || cur.PointEstimate {
		return pointDelta(base, cur, alpha), nil
	}
	bsum, csum := stats.Summarize(baseNs), stats.Summarize(curNs)
	cmp := stats.CompareSamples(baseNs, curNs, alpha)
	for _, list := range [][]string{bsum.Warnings, csum.Warnings, cmp.Warnings} {
		for _, w := range list {
			addWarning(warns, w)
		}
	}
	lo, hi := ratioPct(csum.Lo, bsum.Hi), ratioPct(csum.Hi, bsum.Lo)
	if anyInf(bsum.Lo, bsum.Hi, csum.Lo, csum.Hi) {
		lo, hi = math.Inf(-1), math.Inf(1)
	}
	t := &TimeDelta{
		Percent:        ratioPct(csum.Center, bsum.Center),
		LoPercent:      lo,
		HiPercent:      hi,
		Test:           TestSamples,
		P:              cmp.P,
		PAdjusted:      cmp.P,
		N1:             cmp.N1,
		N2:             cmp.N2,
		Alpha:          alpha,
		Detectable:     math.Inf(1),
		ProcessPercent: math.NaN(),
		FastestPercent: ratioPct(guardLevel(curNs), guardLevel(baseNs)),
	}
	bm, cm := stats.ProcessMedians(baseNs, base.SamplesProcess), stats.ProcessMedians(curNs, cur.SamplesProcess)
	t.Processes1, t.Processes2 = len(bm), len(cm)
	if len(bm) < 2 || len(cm) < 2 || !allPositive(bm) || !allPositive(cm) {
		return t, nil
	}
	pt, ok := stats.CompareProcessesAt(bm, cm, familyAlpha)
	if !ok {
		t.Test, t.P, t.PAdjusted = TestTooFewProcesses, math.NaN(), math.NaN()
		t.ProcessPercent = 100 * (math.Exp(pt.Shift()) - 1)
		return t, nil
	}
	t.Test, t.P, t.PAdjusted = TestProcesses, pt.P, pt.P
	t.ProcessPercent = 100 * (math.Exp(pt.Shift()) - 1)
	return t, &pt
}

func allPositive(xs []float64) bool {
	for _, x := range xs {
		if !(x > 0) {
			return false
		}
	}
	return true
}

// guardQuantile is the quantile of the samples that the contention guard compares:
// the 2nd percentile. The single fastest sample is an extreme value whose level depends
// on the sample count: in a same-runner run with 120 samples a side, one lucky sample
// hid a real 8% slowdown. At the suite's 40 samples the 2nd percentile lies between the
// fastest and the second fastest sample, at 120 near the third; a higher quantile (5%,
// 10%) let interference through again on a real contended pair of runs
// (testdata/compare/real-contended-*.json).
const guardQuantile = 0.02

// guardLevel is the guardQuantile of samples.
func guardLevel(samples []float64) float64 {
	return stats.Quantile(slices.Sorted(slices.Values(samples)), guardQuantile)
}

// ratioPct is (num/den - 1) x 100, +Inf when den is 0 and num is not, 0 for 0/0.
func ratioPct(num, den float64) float64 {
	if den == 0 {
		if num == 0 {
			return 0 // nothing, then nothing: no change (0 B/op on both sides)
		}
		return math.Inf(1)
	}
	return (num/den - 1) * 100
}

func addWarning(warns *[]string, w string) {
	for _, have := range *warns {
		if have == w {
			return
		}
	}
	*warns = append(*warns, w)
}

// finiteOr returns v, or fallback when v is infinite or NaN.
func finiteOr(v, fallback float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return fallback
	}
	return v
}

func anyInf(xs ...float64) bool {
	for _, x := range xs {
		if math.IsInf(x, 0) {
			return true
		}
	}
	return false
}

// howToTestProcesses says how to record both sides so that time is tested between
// processes; howToTestProcessesShort is its form for one benchmark's reason.
var (
	howToTestProcesses = fmt.Sprintf("for a verdict, measure both sides in %d or more processes: run --processes %d (the default), run --suite go-test --count %d, or same-runner --rounds %d",
		stats.MinProcesses, bench.DefaultProcesses, stats.MinProcesses, stats.MinProcesses)
	howToTestProcessesShort = fmt.Sprintf("measure both sides in %d or more processes (run --processes, go-test --count, same-runner --rounds)", stats.MinProcesses)
)

// fewProcesses says how many processes each side had, against the test's minimum.
func fewProcesses(base, cur int) string {
	return fmt.Sprintf("with %d processes in the baseline and %d in the current (the test between processes needs %d a side)",
		base, cur, stats.MinProcesses)
}
