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
	StatusImprovement   Status = "improvement"         // faster beyond the threshold, or fewer gated allocations/bytes
	StatusAllocsChanged Status = "allocations_changed" // allocs/op or B/op changed without deciding the verdict
	StatusNew           Status = "new"                 // in the current result only
	StatusInconclusive  Status = "inconclusive"        // the change is inside what this comparison can detect
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
}

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
	Regressed, CostChanged, CostAccepted, Fails, Contended bool
	Reasons                                                []string // human-readable facts behind the status, e.g. "allocs/op 3 → 4"

	Base, Current *Side      // nil when the benchmark is absent from that side
	Time          *TimeDelta // nil unless in both
	Allocs, Bytes ExactDelta // meaningful only when in both

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
	AllocsPerOp    float64
	BytesPerOp     float64
	CostUSD        string // "" when not applicable
}

// TimeDelta is the statistical comparison of the per-operation time.
type TimeDelta struct {
	Percent float64 // median delta: (current/baseline - 1) x 100; NaN when the baseline median is 0
	// LoPercent and HiPercent bound the delta conservatively, from the two medians'
	// 95% intervals: current lo / baseline hi and current hi / baseline lo.
	LoPercent, HiPercent float64
	P                    float64 // Mann-Whitney U p-value
	N1, N2               int     // baseline and current sample counts
	Alpha                float64
	Significant          bool    // P < Alpha
	FastestPercent       float64 // delta of the fastest 2% of the samples: (current p2/baseline p2 - 1) x 100
}

// ExactDelta is a deterministic metric (allocs/op, B/op) in baseline and current.
type ExactDelta struct{ Base, Current float64 }

// Changed reports whether the metric differs.
func (d ExactDelta) Changed() bool { return d.Base != d.Current }

// Increased reports whether the metric grew.
func (d ExactDelta) Increased() bool { return d.Current > d.Base }

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
