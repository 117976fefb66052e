package compare

import (
	"fmt"
	"math"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// FamilyBH names the Benjamini-Hochberg correction, the one this package applies.
const FamilyBH = "benjamini-hochberg"

// correct adjusts the p-values of every benchmark together (Benjamini-Hochberg), so
// that unchanged code raises a false alarm anywhere in the comparison at most alpha
// of the time, and at most alpha of the flagged benchmarks are expected to be false
// alarms: the time tests form one family, each metric judged by the U test one of
// its own.
func (r *rules) correct(entries []Entry) Family {
	var times []*TimeDelta
	for i := range entries {
		if t := entries[i].Time; t != nil && !math.IsNaN(t.P) { // a test ran
			times = append(times, t)
		}
	}
	ps := make([]float64, len(times))
	for i, t := range times {
		ps[i] = t.P
	}
	for i, adj := range stats.BenjaminiHochberg(ps) {
		times[i].PAdjusted = adj
	}
	byMetric := map[string][]*MetricDelta{}
	for i := range entries {
		for j := range entries[i].Metrics {
			if md := &entries[i].Metrics[j]; md.Rule == RuleUTest {
				byMetric[md.Name] = append(byMetric[md.Name], md)
			}
		}
	}
	for _, mds := range byMetric {
		ps := make([]float64, len(mds))
		for i, md := range mds {
			ps[i] = md.P
		}
		for i, adj := range stats.BenjaminiHochberg(ps) {
			mds[i].PAdjusted = adj
		}
	}
	r.family = Family{Method: FamilyBH, Tests: len(times), Alpha: r.cfg.Alpha}
	return r.family
}

// familyAlpha is the level a lone change must reach after the correction: alpha
// over the number of tests (Benjamini-Hochberg's smallest step).
func (r *rules) familyAlpha() float64 {
	return r.cfg.Alpha / float64(max(1, r.family.Tests))
}

// inconclusiveTime explains a slowdown beyond the threshold that is not significant.
func inconclusiveTime(t *TimeDelta, threshold float64) string {
	if t.Test == TestTooFewProcesses {
		return fmt.Sprintf("time %+.2f%% (the processes' medians %+.2f%%) exceeds the %s threshold, but %s no test can tell it from the noise between processes, so inconclusive; %s",
			t.Percent, t.ProcessPercent, pct(threshold), fewProcesses(t.Processes1, t.Processes2), howToTestProcessesShort)
	}
	if t.Test != TestProcesses {
		return fmt.Sprintf("time %+.2f%% exceeds the %s threshold but is not significant (p=%.3f after the correction over the benchmarks), so inside the noise of these samples",
			t.Percent, pct(threshold), t.PAdjusted)
	}
	why := fmt.Sprintf("time %+.2f%% (the processes' medians %+.2f%%) exceeds the %s threshold", t.Percent, t.ProcessPercent, pct(threshold))
	if t.Significant {
		return why + fmt.Sprintf(" by the median only: the processes' medians moved less than the threshold (p=%.3f)", t.PAdjusted)
	}
	why += fmt.Sprintf(" but is not significant (p=%.3f after the correction over the benchmarks), so inside the noise between processes", t.PAdjusted)
	if math.IsInf(t.Detectable, 1) {
		return why
	}
	return why + fmt.Sprintf("; this comparison could catch %+.1f%% or more", t.Detectable)
}

// warnings are the caveats about the whole comparison, and about benchmarks whose
// sample count can never reach significance (added to their entries).
func (r *rules) warnings(c *Comparison) []string {
	var out []string
	if w := pointWarning(c); w != "" {
		out = append(out, w)
	}
	onePrc, few, timed := 0, 0, 0
	fewBase, fewCur := math.MaxInt, math.MaxInt
	for i := range c.Entries {
		e := &c.Entries[i]
		t := e.Time
		if t != nil {
			timed++
		}
		if t != nil && t.Test == TestTooFewProcesses {
			few++
			fewBase, fewCur = min(fewBase, t.Processes1), min(fewCur, t.Processes2)
		}
		if t == nil || t.Test != TestSamples {
			continue
		}
		onePrc++
		if minP := stats.MinUTestP(t.N1, t.N2); minP >= r.familyAlpha() {
			e.Warnings = append(e.Warnings, fmt.Sprintf("with %d and %d samples the U test's smallest p-value is %.3g, not below %.3g (alpha %v over %d benchmarks), so no change can be significant; take more samples",
				t.N1, t.N2, minP, r.familyAlpha(), r.cfg.Alpha, c.Family.Tests))
		}
	}
	if onePrc > 0 {
		out = append(out, fmt.Sprintf("%d of %d benchmarks have samples from one process on a side, so their p-values (U test over the samples) cannot account for the noise between processes, often the larger part on a shared machine; record both sides with run --processes %d (the default)",
			onePrc, c.Family.Tests, bench.DefaultProcesses))
	}
	if few > 0 {
		out = append(out, fmt.Sprintf("%d of %d benchmarks have time samples from too few processes (fewest: %d in the baseline, %d in the current; the test between processes needs %d a side), so their time gets no verdict: a slowdown beyond the threshold is inconclusive, not a regression; %s",
			few, timed, fewBase, fewCur, stats.MinProcesses, howToTestProcesses))
	}
	for _, m := range c.Config.Metrics {
		if m == MetricTime || m == MetricAllocations || m == MetricBytes {
			continue
		}
		if !slices.ContainsFunc(c.Entries, func(e Entry) bool {
			return slices.ContainsFunc(e.Metrics, func(md MetricDelta) bool { return md.Name == string(m) })
		}) {
			out = append(out, fmt.Sprintf("the config gates metric %q, which is not in both results; nothing is gated on it", string(m)))
		}
	}
	return out
}

// effectiveMetrics returns cfg with the gated metrics for these documents: when
// the config does not name them and both documents carry instruction counts,
// instructions and allocations (time is reported, not gated: instruction counts
// are what noise cannot move).
func effectiveMetrics(cfg Config, base, cur *bench.Document) Config {
	if cfg.MetricsSet || !hasInstructions(base) || !hasInstructions(cur) {
		return cfg
	}
	cfg.Metrics = []Metric{MetricInstructions, MetricAllocations}
	return cfg
}

func hasInstructions(d *bench.Document) bool {
	return slices.ContainsFunc(d.Results, func(r bench.Result) bool {
		_, ok := r.Metrics[bench.MetricInstructions]
		return ok
	})
}
