package compare

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// Compare matches the benchmarks of base and cur by name (matchResults: a -N
// GOMAXPROCS suffix is not part of the name) and decides each one under
// cfg. Documents should have been validated (LoadFile does); a result without samples
// is not timed, with a warning, rather than a panic.
func Compare(base, cur *bench.Document, cfg Config) *Comparison {
	cfg = effectiveMetrics(cfg, base, cur)
	r := newRules(cfg)
	c := &Comparison{
		Config:   cfg,
		Baseline: base.Environment,
		Current:  cur.Environment,
		EnvDiffs: envDiffs(base.Environment, cur.Environment),
		BaseTime: stamp(base.Timestamp),
		CurTime:  stamp(cur.Timestamp),
	}
	pairs, procs := matchResults(base.Results, cur.Results)
	c.EnvDiffs = append(c.EnvDiffs, procs...)
	for _, p := range pairs {
		if p.base != nil && p.cur != nil && !r.ignore.matches(p.name) {
			r.pairs++
		}
	}
	for _, p := range pairs {
		c.Entries = append(c.Entries, r.entry(p.name, p.base, p.cur))
	}
	// The tests of every benchmark are corrected together before any is decided.
	c.Family = r.correct(c.Entries)
	for i := range c.Entries {
		if m := r.measured[c.Entries[i].Name]; m != nil {
			r.decide(&c.Entries[i], m)
		}
	}
	c.Warnings = r.warnings(c)
	return c
}

// rules is a config compiled for lookups by benchmark name.
type rules struct {
	cfg        Config
	thresholds *patternSet
	ignore     *patternSet
	acceptCost *patternSet
	// measured holds, by benchmark, what decide needs of a benchmark on both sides.
	measured map[string]*measured
	family   Family // set by correct
	pairs    int    // benchmarks on both sides, not ignored: the tests to come
}

// measured is a benchmark on both sides, its tests run and not yet decided.
type measured struct {
	base, cur *bench.Result
	process   *stats.ProcessTest // the test between processes; nil when it could not run
}

func newRules(cfg Config) *rules {
	patterns := make([]string, len(cfg.Thresholds))
	for i, t := range cfg.Thresholds {
		patterns[i] = t.Pattern
	}
	return &rules{
		cfg:        cfg,
		thresholds: newPatternSet(patterns),
		ignore:     newPatternSet(cfg.Ignore),
		acceptCost: newPatternSet(cfg.AcceptCost),
		measured:   map[string]*measured{},
	}
}

// threshold returns the threshold for name and the pattern that set it ("" for the
// default): the first rule in file order that matches.
func (r *rules) threshold(name string) (float64, string) {
	if i := r.thresholds.first(name); i >= 0 {
		return r.cfg.Thresholds[i].Percent, r.cfg.Thresholds[i].Pattern
	}
	return r.cfg.ThresholdPercent, ""
}

// entry decides one benchmark; base or cur is nil when it is absent from that side.
func (r *rules) entry(name string, base, cur *bench.Result) Entry {
	e := Entry{Name: name, Base: side(base), Current: side(cur)}
	e.ThresholdPercent, e.ThresholdRule = r.threshold(name)
	switch {
	case r.ignore.matches(name):
		e.Status = StatusIgnored
	case cur == nil:
		e.Status = StatusMissing
		e.Fails = r.cfg.Missing == MissingFail
		e.Reasons = []string{"not in the current result (missing: " + string(r.cfg.Missing) + ")"}
	case base == nil:
		e.Status = StatusNew
		e.Reasons = []string{"not in the baseline"}
	default:
		r.measure(&e, base, cur)
	}
	return e
}

// measure runs the tests of a benchmark present on both sides; decide judges them
// once every benchmark's p-values are corrected together.
func (r *rules) measure(e *Entry, base, cur *bench.Result) {
	m := &measured{base: base, cur: cur}
	e.Time, m.process = timeDelta(base, cur, r.cfg.Alpha, r.cfg.Alpha/float64(max(1, r.pairs)), &e.Warnings)
	e.Allocs = exactOrVarying(base, cur, bench.MetricAllocations, base.AllocsPerOp, cur.AllocsPerOp)
	e.Bytes = exactOrVarying(base, cur, bench.MetricBytes, base.BytesPerOp, cur.BytesPerOp)
	e.Metrics = r.metricDeltas(e, base, cur)
	r.measured[e.Name] = m
}

// decide fills in the verdict of a benchmark present on both sides.
func (r *rules) decide(e *Entry, m *measured) {
	if t := e.Time; t != nil {
		t.Significant = t.PAdjusted < t.Alpha
		if m.process != nil {
			t.Detectable = m.process.Detectable(r.familyAlpha())
		}
	}
	r.decideCost(e)
	fasterTime := r.decideTime(e)
	fewerAllocs := r.decideExact(e, MetricAllocations, "allocs/op", e.Allocs)
	fewerBytes := r.decideExact(e, MetricBytes, "B/op", e.Bytes)
	betterMetric := r.decideMetrics(e)
	e.Fails = e.Regressed || (e.CostChanged && !e.CostAccepted)
	e.Status = status(e, fasterTime || fewerAllocs || fewerBytes || betterMetric)
}

// decideTime applies the statistical rule to the time delta and reports whether the
// benchmark got faster beyond its threshold.
func (r *rules) decideTime(e *Entry) (improved bool) {
	t := e.Time
	if t == nil {
		return false
	}
	if !r.cfg.Gates(MetricTime) {
		if (t.Significant || t.Test == TestNone) && math.Abs(t.Percent) > e.ThresholdPercent {
			e.Reasons = append(e.Reasons, fmt.Sprintf("time %+.2f%% is beyond the %s threshold, reported and not gated (gated metrics %s)", t.Percent, pct(e.ThresholdPercent), metricNames(r.cfg.Metrics)))
		}
		return false
	}
	if t.Test == TestNone {
		return r.decidePoint(e)
	}
	if !t.Significant || (t.Test == TestProcesses && t.Percent > e.ThresholdPercent && !(t.ProcessPercent > e.ThresholdPercent)) {
		if t.Percent > e.ThresholdPercent {
			e.Inconclusive = true
			e.Reasons = append(e.Reasons, inconclusiveTime(t, e.ThresholdPercent))
		}
		return false
	}
	switch {
	case t.Percent > e.ThresholdPercent && r.cfg.ContentionGuard && !(t.FastestPercent > e.ThresholdPercent/2):
		e.Contended = true
		e.Warnings = append(e.Warnings, fmt.Sprintf("median %+.2f%% but fastest 2%% of the samples only %+.2f%% (under half the threshold), "+
			"so not flagged: looks like interference from other processes (contention_guard)", t.Percent, t.FastestPercent))
	case t.Percent > e.ThresholdPercent:
		e.Regressed = true
		e.Reasons = append(e.Reasons, fmt.Sprintf("time %+.2f%% exceeds the %s threshold", t.Percent, pct(e.ThresholdPercent)))
	case t.Percent < -e.ThresholdPercent && r.cfg.ContentionGuard && !(t.FastestPercent < -e.ThresholdPercent/2):
		e.Contended = true
		e.Warnings = append(e.Warnings, fmt.Sprintf("median %+.2f%% but fastest 2%% of the samples only %+.2f%% (under half the threshold), "+
			"so not an improvement: the baseline looks disturbed by other processes (contention_guard)", t.Percent, t.FastestPercent))
	case t.Percent < -e.ThresholdPercent:
		return true
	}
	return false
}

// decideExact compares a deterministic metric: any change is reported, an increase
// of a gated metric regresses, and it reports whether a gated metric decreased.
func (r *rules) decideExact(e *Entry, m Metric, label string, d ExactDelta) (improved bool) {
	if !d.Changed() {
		return false
	}
	e.Reasons = append(e.Reasons, fmt.Sprintf("%s %s → %s", label, num(d.Base), num(d.Current)))
	if !r.cfg.Gates(m) {
		return false
	}
	if d.Increased() {
		e.Regressed = true
		return false
	}
	return true
}

// status picks the most severe outcome of a benchmark present on both sides.
func status(e *Entry, improved bool) Status {
	switch {
	case e.CostChanged:
		return StatusCostChanged
	case e.Regressed:
		return StatusRegression
	case e.Inconclusive:
		return StatusInconclusive
	case improved:
		return StatusImprovement
	case e.Allocs.Changed() || e.Bytes.Changed() || slices.ContainsFunc(e.Metrics, func(md MetricDelta) bool {
		return md.isAllocation() && (md.Worse || md.Better)
	}):
		return StatusAllocsChanged
	}
	return StatusUnchanged
}

// decideCost compares the cost checksums as exact decimals ("0.0250" == "0.025").
func (r *rules) decideCost(e *Entry) {
	b, c := e.Base.CostUSD, e.Current.CostUSD
	switch {
	case b == "" && c == "":
		return
	case b == "" || c == "":
		e.Warnings = append(e.Warnings, "cost checksum present on one side only; not compared")
		return
	}
	bd, err1 := decimal.NewFromString(b)
	cd, err2 := decimal.NewFromString(c)
	if err1 != nil || err2 != nil || bd.Equal(cd) {
		return
	}
	e.CostChanged = true
	e.CostAccepted = r.cfg.CostChanges == CostAccept || r.acceptCost.matches(e.Name)
	verb := "fails the gate"
	if e.CostAccepted {
		verb = "accepted by the config"
	}
	e.Reasons = append(e.Reasons, fmt.Sprintf("cost_total_usd %s → %s (%s)", b, c, verb))
}

// pct formats a percentage without trailing zeros: 10%, 7.5%.
func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

// num formats an exact metric without trailing zeros.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// envDiffs lists the environment fields that differ; a field empty on either side
// is unknown, not different.
func envDiffs(b, c bench.Environment) []EnvDiff {
	cpu := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	fields := []EnvDiff{
		{"cpu_model", b.CPUModel, c.CPUModel},
		{"cpu_count", cpu(b.CPUCount), cpu(c.CPUCount)},
		{"os", b.OS, c.OS},
		{"arch", b.Arch, c.Arch},
		{"go_version", b.GoVersion, c.GoVersion},
	}
	var out []EnvDiff
	for _, f := range fields {
		if f.Baseline != "" && f.Current != "" && f.Baseline != f.Current {
			out = append(out, f)
		}
	}
	return out
}

// metricNames lists metrics for people: "instructions, allocations".
func metricNames(ms []Metric) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
