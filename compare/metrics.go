package compare

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// DefaultInstructionThreshold is the threshold of instructions per operation, in
// percent, unless a per-benchmark rule of the config sets one: instruction counts
// hardly move, so 1% is a real change.
const DefaultInstructionThreshold = 1.0

// metricSamples returns a side's samples of metric key: the metric's own, else
// the single figure one (allocations and bytes of a one-process result).
func metricSamples(r *bench.Result, key string, single float64) []float64 {
	if m, ok := r.Metrics[key]; ok && len(m.Samples) > 0 {
		return m.Samples
	}
	return []float64{single}
}

// exactOrVarying is an allocation metric: exact when every sample on each side
// agrees, else marked as varying (then tested in Entry.Metrics).
func exactOrVarying(base, cur *bench.Result, key string, b, c float64) ExactDelta {
	varies := func(xs []float64) bool { return slices.Min(xs) != slices.Max(xs) }
	return ExactDelta{Base: b, Current: c,
		Varies: varies(metricSamples(base, key, b)) || varies(metricSamples(cur, key, c))}
}

// metricDeltas measures the metrics beyond time: each metric both sides carry, and
// allocations and bytes when they vary.
func (r *rules) metricDeltas(e *Entry, base, cur *bench.Result) []MetricDelta {
	var out []MetricDelta
	for _, key := range slices.Sorted(maps.Keys(base.Metrics)) {
		if _, ok := cur.Metrics[key]; !ok || key == bench.MetricAllocations || key == bench.MetricBytes {
			continue
		}
		md := r.metricDelta(key, base.Metrics[key].Unit, base.Metrics[key].Samples, cur.Metrics[key].Samples, e.ThresholdPercent)
		md.HigherIsBetter = base.Metrics[key].HigherIsBetter()
		if key == bench.MetricInstructions {
			md.ThresholdPercent = r.instructionThreshold(e.Name)
			separate(&md, base.Metrics[key].Samples, cur.Metrics[key].Samples)
		}
		if base.PointEstimate || cur.PointEstimate {
			thresholdOnly(&md)
		}
		out = append(out, md)
	}
	if e.Allocs.Varies {
		out = append(out, r.metricDelta(bench.MetricAllocations, "allocs/op",
			metricSamples(base, bench.MetricAllocations, base.AllocsPerOp), metricSamples(cur, bench.MetricAllocations, cur.AllocsPerOp), e.ThresholdPercent))
	}
	if e.Bytes.Varies {
		out = append(out, r.metricDelta(bench.MetricBytes, "B/op",
			metricSamples(base, bench.MetricBytes, base.BytesPerOp), metricSamples(cur, bench.MetricBytes, cur.BytesPerOp), e.ThresholdPercent))
	}
	return out
}

// metricDelta summarizes both sides and runs the U test (RuleUTest).
func (r *rules) metricDelta(key, unit string, b, c []float64, threshold float64) MetricDelta {
	bs, cs := stats.Summarize(b), stats.Summarize(c)
	p := stats.CompareSamples(b, c, r.cfg.Alpha).P
	return MetricDelta{
		Name: key, Unit: unit,
		Base:    MetricSide{N: len(b), Median: bs.Center, Lo: bs.Lo, Hi: bs.Hi},
		Current: MetricSide{N: len(c), Median: cs.Center, Lo: cs.Lo, Hi: cs.Hi},
		Percent: ratioPct(cs.Center, bs.Center), Rule: RuleUTest, P: p, PAdjusted: p,
		HigherIsBetter: bench.HigherIsBetter(unit), ThresholdPercent: threshold,
		Gated: r.cfg.Gates(Metric(key)), SeparationPercent: math.NaN(),
	}
}

// separate judges a near-deterministic metric by RuleSeparation: worse when every
// current sample is worse than every baseline sample by more than the threshold.
func separate(md *MetricDelta, b, c []float64) {
	md.Rule, md.P, md.PAdjusted = RuleSeparation, math.NaN(), math.NaN()
	up := ratioPct(slices.Min(c), slices.Max(b))   // > 0: every current sample above every baseline one
	down := ratioPct(slices.Max(c), slices.Min(b)) // < 0: every current sample below
	switch {
	case up > 0:
		md.SeparationPercent = up
	case down < 0:
		md.SeparationPercent = down
	default:
		md.SeparationPercent = 0 // the sides overlap
	}
}

// instructionThreshold is the config's per-benchmark rule for name, else
// DefaultInstructionThreshold.
func (r *rules) instructionThreshold(name string) float64 {
	if t, rule := r.threshold(name); rule != "" {
		return t
	}
	return DefaultInstructionThreshold
}

// decideMetrics judges the metric deltas, after the correction, and reports whether
// a gated one got better beyond its threshold.
func (r *rules) decideMetrics(e *Entry) (improved bool) {
	for i := range e.Metrics {
		md := &e.Metrics[i]
		worse, gap := md.Percent, md.SeparationPercent // positive: worse
		if md.HigherIsBetter {
			worse, gap = -worse, -gap
		}
		switch md.Rule {
		case RuleSeparation:
			md.Worse, md.Better = gap > md.ThresholdPercent, gap < -md.ThresholdPercent
		case RuleThreshold:
			md.Worse, md.Better = worse > md.ThresholdPercent, worse < -md.ThresholdPercent
		default:
			significant := md.PAdjusted < r.cfg.Alpha
			md.Worse, md.Better = significant && worse > md.ThresholdPercent, significant && worse < -md.ThresholdPercent
		}
		md.Inconclusive = !md.Worse && worse > md.ThresholdPercent
		switch {
		case md.Worse:
			e.Reasons = append(e.Reasons, fmt.Sprintf("%s %+.2f%% exceeds the %s threshold (%s)", md.Name, md.Percent, pct(md.ThresholdPercent), md.evidence()))
			e.Regressed = e.Regressed || md.Gated
		case md.Inconclusive:
			e.Reasons = append(e.Reasons, fmt.Sprintf("%s %+.2f%% exceeds the %s threshold but %s", md.Name, md.Percent, pct(md.ThresholdPercent), md.doubt()))
			e.Inconclusive = e.Inconclusive || md.Gated
		case md.Better:
			e.Reasons = append(e.Reasons, fmt.Sprintf("%s %+.2f%% beyond the %s threshold (%s)", md.Name, md.Percent, pct(md.ThresholdPercent), md.evidence()))
			improved = improved || md.Gated
		case md.isAllocation() && md.Base.Median != md.Current.Median:
			e.Reasons = append(e.Reasons, fmt.Sprintf("%s %s → %s varies between samples: tested like time, %+.2f%% (p=%.3f), within the %s threshold",
				md.Unit, num(md.Base.Median), num(md.Current.Median), md.Percent, md.PAdjusted, pct(md.ThresholdPercent)))
		}
	}
	return improved
}

func (md *MetricDelta) isAllocation() bool {
	return md.Name == bench.MetricAllocations || md.Name == bench.MetricBytes
}

// evidence says why a change counts.
func (md *MetricDelta) evidence() string {
	switch md.Rule {
	case RuleSeparation:
		return fmt.Sprintf("every sample apart by %+.2f%%", md.SeparationPercent)
	case RuleThreshold:
		return NoTestText + ", a point estimate"
	}
	return fmt.Sprintf("p=%.3f after the correction", md.PAdjusted)
}

// doubt says why a change beyond the threshold is not counted.
func (md *MetricDelta) doubt() string {
	if md.Rule == RuleSeparation {
		return "the samples of the two sides overlap or are apart by less, so inconclusive"
	}
	return fmt.Sprintf("is not significant (p=%.3f after the correction), so inconclusive", md.PAdjusted)
}
