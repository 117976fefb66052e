package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// JSONSchemaVersion is the version of the JSON report's format. Fields are only ever
// added within a version.
const JSONSchemaVersion = 1

// jsonReport is the JSON report. Field names are a promise to machines: keep them.
type jsonReport struct {
	SchemaVersion int              `json:"schema_version"`
	Verdict       compare.Verdict  `json:"verdict"`
	Headline      string           `json:"headline"`
	Counts        jsonCounts       `json:"counts"`
	Config        *jsonConfig      `json:"config,omitempty"`      // absent without a baseline
	Environment   *jsonEnvironment `json:"environment,omitempty"` // absent without a baseline
	Family        *jsonFamily      `json:"correction,omitempty"`  // absent without a baseline
	Warnings      []string         `json:"warnings"`
	Remeasured    []string         `json:"remeasured"` // time regressions measured again in fresh processes before deciding
	Benchmarks    []jsonEntry      `json:"benchmarks"`
	// CurrentBenchmarks is, without a baseline, how many benchmarks the current
	// result holds.
	CurrentBenchmarks int `json:"current_benchmarks,omitempty"`
	// Usage is, for a cost comparison of usage logs, the grouping, the catalog and
	// the exact totals (cost_json.go); absent otherwise.
	Usage *jsonUsage `json:"usage,omitempty"`
	// SameRunner is what a same-runner run did (samerunner.go); absent otherwise.
	SameRunner *jsonSameRunner `json:"same_runner,omitempty"`
}

// jsonFamily is how the p-values were corrected for testing many benchmarks.
type jsonFamily struct {
	Method              string  `json:"method"` // "benjamini-hochberg"
	Tests               int     `json:"tests"`
	Alpha               float64 `json:"alpha"`
	ExpectedUncorrected float64 `json:"expected_false_alarms_uncorrected"` // tests x alpha
}

// jsonCounts are compare.Counts: the counts by status add up to total; failing counts
// the benchmarks that fail the gate.
type jsonCounts struct {
	Total              int `json:"total"`
	Regressions        int `json:"regressions"`
	Improvements       int `json:"improvements"`
	Unchanged          int `json:"unchanged"`
	AllocationsChanged int `json:"allocations_changed"`
	New                int `json:"new"`
	Missing            int `json:"missing"`
	Ignored            int `json:"ignored"`
	CostChanges        int `json:"cost_changes"`
	FailingCostChanges int `json:"failing_cost_changes"`
	FailingMissing     int `json:"failing_missing"`
	Contended          int `json:"contended"`
	Inconclusive       int `json:"inconclusive"`
	Failing            int `json:"failing"`
}

type jsonConfig struct {
	Source           string          `json:"source"`
	Profile          string          `json:"profile"`
	Alpha            float64         `json:"alpha"`
	ThresholdPercent float64         `json:"threshold_pct"`
	Thresholds       []jsonThreshold `json:"thresholds"`
	Ignore           []string        `json:"ignore"`
	Metrics          []string        `json:"metrics"`
	CostChanges      string          `json:"cost_changes"`
	AcceptCost       []string        `json:"accept_cost_changes"`
	Missing          string          `json:"missing"`
	ContentionGuard  bool            `json:"contention_guard"`
}

type jsonThreshold struct {
	Pattern string  `json:"pattern"`
	Percent float64 `json:"threshold_pct"`
}

type jsonEnvironment struct {
	Baseline    bench.Environment `json:"baseline"`
	Current     bench.Environment `json:"current"`
	Differences []jsonEnvDiff     `json:"differences"`
	BaselineAt  string            `json:"baseline_timestamp,omitempty"`
	CurrentAt   string            `json:"current_timestamp,omitempty"`
}

type jsonEnvDiff struct {
	Field    string `json:"field"`
	Baseline string `json:"baseline"`
	Current  string `json:"current"`
}

type jsonEntry struct {
	Name             string       `json:"name"`
	Status           string       `json:"status"`
	Fails            bool         `json:"fails"`
	Regressed        bool         `json:"regressed"`
	CostChanged      bool         `json:"cost_changed"`
	CostAccepted     bool         `json:"cost_accepted"`
	Contended        bool         `json:"contended"`
	Inconclusive     bool         `json:"inconclusive"`
	ThresholdPercent float64      `json:"threshold_pct"`
	ThresholdRule    string       `json:"threshold_rule"`
	Baseline         *jsonSide    `json:"baseline"`
	Current          *jsonSide    `json:"current"`
	Time             *jsonTime    `json:"time"`
	Metrics          []jsonMetric `json:"metrics"`
	Reasons          []string     `json:"reasons"`
	Warnings         []string     `json:"warnings"`
	Cost             *jsonGroup   `json:"cost,omitempty"` // a group of a cost comparison (cost_json.go)
}

type jsonSide struct {
	N             int      `json:"n"`
	MedianNs      *float64 `json:"median_ns"`  // null without samples
	CILowNs       *float64 `json:"ci_low_ns"`  // null when the interval is unbounded
	CIHighNs      *float64 `json:"ci_high_ns"` // null when the interval is unbounded
	AllocsPerOp   float64  `json:"allocs_per_op"`
	BytesPerOp    float64  `json:"bytes_per_op"`
	CostTotalUSD  string   `json:"cost_total_usd"`
	Processes     int      `json:"processes"`                // processes the samples came from
	ProcessSpread *float64 `json:"process_spread_pct"`       // largest distance of a process's median from the median
	PointEstimate bool     `json:"point_estimate,omitempty"` // one value the tool reported, not samples: no test possible
}

// jsonMetric is a metric beyond time: instructions, a custom unit, or allocations
// or bytes whose samples vary.
type jsonMetric struct {
	Name             string   `json:"name"`
	Unit             string   `json:"unit"`
	BaselineMedian   *float64 `json:"baseline_median"`
	CurrentMedian    *float64 `json:"current_median"`
	NBaseline        int      `json:"n_baseline"`
	NCurrent         int      `json:"n_current"`
	DeltaPercent     *float64 `json:"delta_pct"`
	Rule             string   `json:"rule"`             // "separation", "u-test", or "threshold" (a point estimate: no test possible)
	P                *float64 `json:"p_value"`          // u-test; null for separation
	PAdjusted        *float64 `json:"p_value_adjusted"` // after the correction over the benchmarks
	Separation       *float64 `json:"separation_pct"`   // separation: how far apart the closest samples of the sides are
	HigherIsBetter   bool     `json:"higher_is_better"`
	ThresholdPercent float64  `json:"threshold_pct"`
	Gated            bool     `json:"gated"`
	Worse            bool     `json:"worse"`
	Better           bool     `json:"better"`
	Inconclusive     bool     `json:"inconclusive"`
}

type jsonTime struct {
	DeltaPercent   *float64 `json:"delta_pct"` // null when undefined (a zero baseline)
	DeltaLoPercent *float64 `json:"delta_ci_low_pct"`
	DeltaHiPercent *float64 `json:"delta_ci_high_pct"`
	P              *float64 `json:"p_value"`          // null for test "none"
	PAdjusted      *float64 `json:"p_value_adjusted"` // after the correction over the benchmarks; decides significance
	// Test is "processes" (Welch's t, or the U test, on process medians), "samples"
	// (U test over the samples: a side from one process), "too-few-processes" (no
	// test: a side has 2 to 4 processes, too few to know the spread between them;
	// p-values null, a slowdown beyond the threshold inconclusive), or "none": a side
	// is a point estimate, no significance test is possible, and the threshold alone
	// decides.
	Test           string   `json:"test"`
	Processes1     int      `json:"processes_baseline"`
	Processes2     int      `json:"processes_current"`
	ProcessPercent *float64 `json:"process_delta_pct"` // delta of the processes' medians (test processes)
	Detectable     *float64 `json:"detectable_pct"`    // smallest slowdown this comparison could catch; null when unknown
	N1             int      `json:"n_baseline"`
	N2             int      `json:"n_current"`
	Alpha          float64  `json:"alpha"`
	Significant    bool     `json:"significant"`
	FastestPercent *float64 `json:"fastest_delta_pct"` // delta of the 2nd percentiles, the fastest 2% of the samples (the contention guard)
}

// JSON writes the comparison as an indented JSON document (see jsonReport for the
// fields). Non-finite numbers are written as null.
func JSON(w io.Writer, c *compare.Comparison) error { return writeJSON(w, jsonOf(c)) }

func writeJSON(w io.Writer, r jsonReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// jsonOfNoBaseline is the JSON report without a baseline: the no-baseline verdict,
// zero counts and no benchmarks compared.
func jsonOfNoBaseline(nb *NoBaseline) jsonReport {
	r := jsonReport{
		SchemaVersion: JSONSchemaVersion, Verdict: compare.VerdictNoBaseline, Headline: nb.headline(),
		Benchmarks: []jsonEntry{},
	}
	if nb.Current != nil {
		r.CurrentBenchmarks = len(nb.Current.Results)
	}
	return r
}

func jsonOf(c *compare.Comparison) jsonReport {
	n := c.Counts()
	r := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Verdict:       c.Verdict(),
		Headline:      Headline(c),
		Counts: jsonCounts{n.Total, n.Regressions, n.Improvements, n.Unchanged, n.AllocsChanged, n.New,
			n.Missing, n.Ignored, n.CostChanges, n.FailingCostChanges, n.FailingMissing, n.Contended, n.Inconclusive, n.Failing},
		Config: jsonConfigOf(c.Config),
		Environment: &jsonEnvironment{
			Baseline: c.Baseline, Current: c.Current, Differences: []jsonEnvDiff{},
			BaselineAt: c.BaseTime, CurrentAt: c.CurTime,
		},
		Family: &jsonFamily{Method: c.Family.Method, Tests: c.Family.Tests, Alpha: c.Family.Alpha,
			ExpectedUncorrected: c.Family.ExpectedUncorrected()},
		Warnings:   nonNil(c.Warnings),
		Remeasured: nonNil(c.Remeasured),
		Benchmarks: make([]jsonEntry, 0, len(c.Entries)),
	}
	for _, d := range c.EnvDiffs {
		r.Environment.Differences = append(r.Environment.Differences, jsonEnvDiff(d))
	}
	for i := range c.Entries {
		r.Benchmarks = append(r.Benchmarks, jsonEntryOf(&c.Entries[i]))
	}
	if c.Usage != nil {
		addUsage(&r, c.Usage)
	}
	return r
}

func jsonConfigOf(cfg compare.Config) *jsonConfig {
	out := &jsonConfig{
		Source: cfg.Source, Profile: cfg.Profile, Alpha: cfg.Alpha, ThresholdPercent: cfg.ThresholdPercent,
		Thresholds: []jsonThreshold{}, Ignore: nonNil(cfg.Ignore), Metrics: []string{},
		CostChanges: string(cfg.CostChanges), AcceptCost: nonNil(cfg.AcceptCost), Missing: string(cfg.Missing),
		ContentionGuard: cfg.ContentionGuard,
	}
	for _, t := range cfg.Thresholds {
		out.Thresholds = append(out.Thresholds, jsonThreshold{t.Pattern, t.Percent})
	}
	for _, m := range cfg.Metrics {
		out.Metrics = append(out.Metrics, string(m))
	}
	return out
}

func jsonEntryOf(e *compare.Entry) jsonEntry {
	out := jsonEntry{
		Name: e.Name, Status: string(e.Status), Fails: e.Fails, Regressed: e.Regressed,
		CostChanged: e.CostChanged, CostAccepted: e.CostAccepted, Contended: e.Contended, Inconclusive: e.Inconclusive,
		ThresholdPercent: e.ThresholdPercent, ThresholdRule: e.ThresholdRule,
		Baseline: jsonSideOf(e.Base), Current: jsonSideOf(e.Current),
		Reasons: nonNil(e.Reasons), Warnings: nonNil(e.Warnings),
	}
	if t := e.Time; t != nil {
		out.Time = &jsonTime{
			DeltaPercent: finite(t.Percent), DeltaLoPercent: finite(t.LoPercent), DeltaHiPercent: finite(t.HiPercent),
			P: finite(t.P), PAdjusted: finite(t.PAdjusted), Test: string(t.Test), Processes1: t.Processes1, Processes2: t.Processes2,
			ProcessPercent: finite(t.ProcessPercent), Detectable: finite(t.Detectable),
			N1: t.N1, N2: t.N2, Alpha: t.Alpha, Significant: t.Significant, FastestPercent: finite(t.FastestPercent),
		}
	}
	out.Metrics = make([]jsonMetric, 0, len(e.Metrics))
	for i := range e.Metrics {
		md := &e.Metrics[i]
		out.Metrics = append(out.Metrics, jsonMetric{
			Name: md.Name, Unit: md.Unit, BaselineMedian: finite(md.Base.Median), CurrentMedian: finite(md.Current.Median),
			NBaseline: md.Base.N, NCurrent: md.Current.N, DeltaPercent: finite(md.Percent), Rule: string(md.Rule),
			P: finite(md.P), PAdjusted: finite(md.PAdjusted), Separation: finite(md.SeparationPercent),
			HigherIsBetter: md.HigherIsBetter, ThresholdPercent: md.ThresholdPercent, Gated: md.Gated,
			Worse: md.Worse, Better: md.Better, Inconclusive: md.Inconclusive,
		})
	}
	return out
}

func jsonSideOf(s *compare.Side) *jsonSide {
	if s == nil {
		return nil
	}
	return &jsonSide{
		N: s.N, MedianNs: finite(s.Median), CILowNs: finite(s.Lo), CIHighNs: finite(s.Hi),
		AllocsPerOp: s.AllocsPerOp, BytesPerOp: s.BytesPerOp, CostTotalUSD: s.CostUSD,
		Processes: s.Processes, ProcessSpread: finite(s.ProcessSpread), PointEstimate: s.PointEstimate,
	}
}

// finite returns a pointer to v, or nil (JSON null) for NaN and infinities.
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
