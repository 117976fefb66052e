package compare

import "github.com/cost-ops-bench/cost-ops-bench/bench"

// Status is a benchmark's outcome in a comparison. When several apply, the most
// severe one is the status (cost change, regression, improvement, allocations
// changed, unchanged); the entry's flags keep every fact.
type Status string

// The statuses, most severe first.
const (
	StatusCostChanged   Status = "cost_changed"        // cost_total_usd differs: a correctness change
	StatusRegression    Status = "regression"          // a gated metric got worse beyond the rule
	StatusMissing       Status = "missing"             // in the baseline, not in the current result
	StatusInconclusive  Status = "inconclusive"        // worse beyond the threshold, but inside what this comparison can detect
	StatusImprovement   Status = "improvement"         // faster beyond the threshold, or fewer gated allocations/bytes
	StatusAllocsChanged Status = "allocations_changed" // allocs/op or B/op changed without deciding the verdict
	StatusNew           Status = "new"                 // in the current result only
	StatusUnchanged     Status = "unchanged"           // no significant change beyond the threshold ("~")
	StatusIgnored       Status = "ignored"             // matched the config's ignore list
)

// Verdict is the comparison's outcome, as the gate reports it.
type Verdict string

// Verdicts.
const (
	VerdictPass       Verdict = "pass"
	VerdictRegression Verdict = "regression"
	VerdictNoBaseline Verdict = "no-baseline"
)

// Comparison is the result of comparing a current document with a baseline: the one
// model that the markdown, JSON and console reports render.
type Comparison struct {
	Entries  []Entry // baseline order, then benchmarks new in the current result
	Config   Config  // the config that decided
	Baseline bench.Environment
	Current  bench.Environment
	EnvDiffs []EnvDiff // environment fields that differ: timing deltas may not be comparable
	BaseTime string    // baseline document timestamp, RFC 3339, "" when absent
	CurTime  string    // current document timestamp, RFC 3339, "" when absent

	// Family is how significance was corrected for testing many benchmarks at once.
	Family Family
	// Remeasured are the benchmarks whose time regression was measured again in fresh
	// processes before it could fail the gate; the comparison decided on both
	// measurements together.
	Remeasured []string
	// Warnings are caveats about the whole comparison (one process a side, a gated
	// metric in neither result, ...); they are data, not log lines.
	Warnings []string

	// Usage is set when the comparison is of two usage logs (CompareUsage): each
	// entry is a group of requests, judged on its cost per request (MetricCost).
	Usage *UsageComparison
}

// Family is the suite-wide correction of the time test: Benjamini-Hochberg over the
// Tests benchmarks whose time was tested. With unchanged code the chance of even one
// false alarm among them is at most Alpha, and among flagged benchmarks at most a
// share Alpha is expected to be false alarms. Uncorrected, about Tests x Alpha false
// alarms would be expected from unchanged code.
type Family struct {
	Method string  // FamilyBH
	Tests  int     // benchmarks whose time was tested
	Alpha  float64 // the family-wise level
}

// ExpectedUncorrected is the number of false alarms unchanged code would raise on
// average without the correction: Tests x Alpha.
func (f Family) ExpectedUncorrected() float64 { return float64(f.Tests) * f.Alpha }

// EnvDiff is one environment field that differs between baseline and current.
type EnvDiff struct {
	Field    string // JSON name: go_version, os, arch, cpu_model, cpu_count; gomaxprocs for names matched across -N suffixes
	Baseline string
	Current  string
}

// Entry is one benchmark's comparison.
type Entry struct {
	Name   string
	Status Status

	// Regressed: a gated metric regressed (time beyond threshold, or an exact
	// allocation or byte increase). CostChanged: the cost checksum differs.
	// CostAccepted: the config accepts that change. Fails: this entry fails the gate.
	// Contended: the median slowed significantly beyond the threshold but the fastest
	// sample did not, so the contention guard did not call it a regression.
	// Inconclusive: a gated metric is worse beyond its threshold but not
	// significantly: the change is inside the noise this comparison measured.
	Regressed, CostChanged, CostAccepted, Fails, Contended, Inconclusive bool
	Reasons                                                              []string // human-readable facts behind the status, e.g. "allocs/op 3 → 4"

	Base, Current *Side      // nil when the benchmark is absent from that side
	Time          *TimeDelta // nil unless in both
	Allocs, Bytes ExactDelta // meaningful only when in both
	// Metrics are the other metrics both sides carry (instructions, custom units), and
	// allocations or bytes when their samples vary (then tested, not exact), by name.
	Metrics []MetricDelta

	ThresholdPercent float64 // the threshold that applied
	ThresholdRule    string  // the config pattern that set it, "" for the default

	// Warnings are statistical caveats from benchmath (too few samples, infinite
	// confidence intervals) and data caveats; they are data, not log lines.
	Warnings []string
}

// Side is one document's measurement of a benchmark.
type Side struct {
	N              int     // samples
	Median, Lo, Hi float64 // ns/op; Lo and Hi bound the 95% interval and may be ±Inf
	Confidence     float64 // actual confidence level of [Lo, Hi]
	// Processes is the number of processes the samples came from (1 for documents
	// without samples_process); ProcessSpread the largest distance of a process's
	// median from the median, in percent: the noise between processes, beside the
	// interval's noise within them.
	Processes     int
	ProcessSpread float64
	AllocsPerOp   float64
	BytesPerOp    float64
	CostUSD       string // "" when not applicable
	// PointEstimate: the side is one value the tool reported (bench.Result.PointEstimate);
	// Lo and Hi are then the tool's own interval, or ±Inf.
	PointEstimate bool
}

// TimeDelta is the statistical comparison of the per-operation time.
type TimeDelta struct {
	Percent float64 // median delta: (current/baseline - 1) x 100; NaN when the baseline median is 0
	// LoPercent and HiPercent bound the delta conservatively, from the two medians'
	// 95% intervals: current lo / baseline hi and current hi / baseline lo.
	LoPercent, HiPercent float64
	// ProcessPercent is, for TestProcesses, the delta the test between processes
	// measures: the ratio of the geometric means of each side's process medians, in
	// percent; NaN for TestSamples. A regression needs it beyond the threshold too.
	ProcessPercent float64
	// Test is how P was computed: TestProcesses when both sides have samples from
	// stats.MinProcesses (5) or more processes, TestTooFewProcesses when both have
	// two or more but a side fewer than that (no test: P is NaN), TestNone when a
	// side is a point estimate (no test: P is NaN), else TestSamples.
	Test      TimeTest
	P         float64 // the test's two-sided p-value
	PAdjusted float64 // P after the suite-wide correction (Comparison.Family)
	N1, N2    int     // baseline and current sample counts
	// Processes1 and Processes2 are the baseline's and current's process counts.
	Processes1, Processes2 int
	Alpha                  float64
	Significant            bool // PAdjusted < Alpha
	// Detectable is the smallest slowdown of the processes' medians (as
	// ProcessPercent), in percent, that this comparison could have flagged given the
	// spread it measured between processes (the test's level after
	// the correction, Alpha / Family.Tests); +Inf when nothing is detectable (no test
	// between processes: one process, or fewer than stats.MinProcesses, on a side).
	Detectable     float64
	FastestPercent float64 // delta of the fastest 2% of the samples: (current p2/baseline p2 - 1) x 100
}

// TimeTest names the significance test of the time delta.
type TimeTest string

// The time tests.
const (
	// TestProcesses tests each process's median as one observation: Welch's t-test
	// on their logarithms, or the U test on them when there are processes enough for
	// a rank test to reach the corrected level (same-runner rounds);
	// stats.CompareProcessesAt. It accounts for the noise between processes.
	TestProcesses TimeTest = "processes"
	// TestSamples is the Mann-Whitney U test over all samples, for documents whose
	// samples came from one process: it cannot account for the noise between
	// processes, and its p-value is overconfident when there is some.
	TestSamples TimeTest = "samples"
	// TestTooFewProcesses is no test: both sides record several processes, but a
	// side has fewer than stats.MinProcesses, too few for the spread between them to
	// be known (Welch's t on 2 processes a side called an A/A run here +122% at
	// p=0.002). P is NaN, the time gets no verdict, and a slowdown beyond the
	// threshold is inconclusive, never a regression.
	TestTooFewProcesses TimeTest = "too-few-processes"
)

// ExactDelta is a deterministic metric (allocs/op, B/op) in baseline and current.
// Varies reports that its samples (one per process, or per sample) do not all agree on
// a side: the metric is then tested like time, in Entry.Metrics, not compared exactly.
type ExactDelta struct {
	Base, Current float64
	Varies        bool
}

// Changed reports whether the exact metric differs (never when it varies).
func (d ExactDelta) Changed() bool { return !d.Varies && d.Base != d.Current }

// Increased reports whether the exact metric grew (never when it varies).
func (d ExactDelta) Increased() bool { return !d.Varies && d.Current > d.Base }

// Counts tallies a comparison's entries. Each entry counts under its one status, so
// the status counts add up to Total; Failing, Regressed, the Failing* counts and
// Contended count facts about entries whatever their status.
type Counts struct {
	Total int // entries, ignored included

	Regressions   int // status regression
	CostChanges   int // status cost_changed (cost checksum changed, accepted or not)
	Missing       int // status missing
	Improvements  int // status improvement
	AllocsChanged int // status allocations_changed
	New           int // status new
	Inconclusive  int // status inconclusive
	Unchanged     int // status unchanged
	Ignored       int // status ignored

	Failing            int // entries that fail the gate (Entry.Fails): what makes the verdict regression
	Regressed          int // entries with a gated regression (Entry.Regressed), a cost change among them
	FailingCostChanges int // cost changes the config does not accept
	FailingMissing     int // missing benchmarks when the policy is fail
	Contended          int // slowdowns the contention guard did not flag
}

// Counts tallies the entries.
func (c *Comparison) Counts() Counts {
	var n Counts
	for i := range c.Entries {
		e := &c.Entries[i]
		n.Total++
		if e.Fails {
			n.Failing++
		}
		if e.Regressed {
			n.Regressed++
		}
		if e.Contended {
			n.Contended++
		}
		switch e.Status {
		case StatusRegression:
			n.Regressions++
		case StatusCostChanged:
			n.CostChanges++
			if !e.CostAccepted {
				n.FailingCostChanges++
			}
		case StatusMissing:
			n.Missing++
			if e.Fails {
				n.FailingMissing++
			}
		case StatusImprovement:
			n.Improvements++
		case StatusAllocsChanged:
			n.AllocsChanged++
		case StatusNew:
			n.New++
		case StatusInconclusive:
			n.Inconclusive++
		case StatusUnchanged:
			n.Unchanged++
		case StatusIgnored:
			n.Ignored++
		}
	}
	return n
}

// Failed reports whether the gate fails: a regression, an unaccepted cost change, or
// a missing benchmark under the fail policy.
func (c *Comparison) Failed() bool {
	for i := range c.Entries {
		if c.Entries[i].Fails {
			return true
		}
	}
	return false
}

// Verdict returns VerdictRegression when the gate fails, else VerdictPass; a nil
// comparison (there was no baseline to compare with) is VerdictNoBaseline.
func (c *Comparison) Verdict() Verdict {
	switch {
	case c == nil:
		return VerdictNoBaseline
	case c.Failed():
		return VerdictRegression
	}
	return VerdictPass
}

// MetricDelta is the comparison of one metric beyond time: instructions, a custom
// unit, or allocations or bytes whose samples vary.
type MetricDelta struct {
	Name string // the key in results[].metrics: "instructions", "allocations", "MB/s", ...
	Unit string
	// Base and Current summarize each side's samples (median and 95% interval).
	Base, Current MetricSide
	Percent       float64 // median delta, (current/baseline - 1) x 100; NaN for 0/0
	// Rule is how the delta was judged; P and PAdjusted are the U test's p-value
	// before and after the correction over the benchmarks (NaN for RuleSeparation).
	Rule              MetricRule
	P, PAdjusted      float64
	HigherIsBetter    bool    // a rate (MB/s, ops/s): a lower value is worse
	ThresholdPercent  float64 // the threshold that applied
	Gated             bool    // the metric can fail the gate (config metrics)
	Worse, Better     bool    // changed beyond the threshold by the rule, in the bad or good direction
	Inconclusive      bool    // worse beyond the threshold, but not significantly
	SeparationPercent float64 // RuleSeparation: how far apart the closest samples of the two sides are, in percent, signed as Percent
}

// MetricSide is one side of a MetricDelta.
type MetricSide struct {
	N              int
	Median, Lo, Hi float64
}

// MetricRule names how a metric's delta is judged.
type MetricRule string

// The metric rules.
const (
	// RuleSeparation is for near-deterministic counts (instructions from valgrind): the
	// metric changed when every sample of one side lies beyond every sample of the
	// other by more than the threshold. A consistent change is seen with 3 samples a
	// side; identical code, whose samples agree within about 0.1%, never crosses 1%.
	RuleSeparation MetricRule = "separation"
	// RuleUTest is the U test over the samples, corrected over the benchmarks, with the
	// threshold, as time is judged in documents of one process.
	RuleUTest MetricRule = "u-test"
)

// TimeRegressions returns the benchmarks whose time regressed (gated, significant,
// beyond the threshold), in comparison order: what a runner may measure again
// before failing the gate.
func (c *Comparison) TimeRegressions() []string {
	var out []string
	for i := range c.Entries {
		e := &c.Entries[i]
		if t := e.Time; e.Regressed && t != nil && c.Config.Gates(MetricTime) && t.Significant && t.Percent > e.ThresholdPercent {
			out = append(out, e.Name)
		}
	}
	return out
}

// MarkRemeasured records that names were measured again in fresh processes and
// that their entries were decided on both measurements.
func (c *Comparison) MarkRemeasured(names []string) {
	c.Remeasured = append(c.Remeasured, names...)
	for i := range c.Entries {
		e := &c.Entries[i]
		for _, n := range names {
			if e.Name == n {
				e.Reasons = append(e.Reasons, "time re-measured in fresh processes and decided on both measurements")
			}
		}
	}
}
