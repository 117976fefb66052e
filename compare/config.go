package compare

import (
	"fmt"
	"sort"
)

// DefaultConfigFile is the config read when --config is not given and the file exists.
const DefaultConfigFile = ".cost-ops-bench.yml"

// Metric is a measurement the gate can fail on.
type Metric string

// The gated metrics. Time is statistical; allocations and bytes are exact.
const (
	MetricTime        Metric = "time"
	MetricAllocations Metric = "allocations"
	MetricBytes       Metric = "bytes"
	// MetricInstructions is instructions per operation (results[].metrics), judged
	// by RuleSeparation; other metric names of results[].metrics (custom units) may
	// be gated too.
	MetricInstructions Metric = "instructions"
)

// CostPolicy says what a changed cost_total_usd does to the verdict.
type CostPolicy string

// Cost policies.
const (
	CostFail   CostPolicy = "fail"   // a changed cost fails the gate unless listed in accept_cost_changes
	CostAccept CostPolicy = "accept" // every cost change is reported and accepted
)

// MissingPolicy says what a benchmark of the baseline absent from the current result
// does to the verdict.
type MissingPolicy string

// Missing-benchmark policies.
const (
	MissingReport MissingPolicy = "report" // listed, the gate passes
	MissingFail   MissingPolicy = "fail"   // listed, the gate fails
)

// ThresholdRule is one entry of the config's thresholds: benchmarks whose name
// matches Pattern (a path.Match glob, or a plain name) regress only beyond Percent.
type ThresholdRule struct {
	Pattern string
	Percent float64
	Line    int // line in the config file, 0 when not read from a file
}

// Config is the gate's settings after a profile, if any, has been applied. The zero
// value is not useful; start from DefaultConfig or LoadConfig.
type Config struct {
	Alpha            float64         // significance level of the Mann-Whitney U test, in (0,1)
	ThresholdPercent float64         // default median slowdown, in percent, a regression must exceed
	Thresholds       []ThresholdRule // per benchmark; the first rule in file order that matches wins
	Ignore           []string        // globs of benchmarks left out of the comparison (listed as ignored)
	Metrics          []Metric        // metrics that can fail the gate
	// MetricsSet reports that the config names Metrics; else, when both results carry
	// instruction counts, instructions and allocations are gated instead of the default.
	MetricsSet  bool
	CostChanges CostPolicy
	AcceptCost  []string // globs of benchmarks whose cost change is accepted under CostFail
	Missing     MissingPolicy
	// MissingBaseline says what no baseline at all (a baseline file that does not
	// exist, no artifact) does: report passes with the verdict no-baseline, fail
	// fails the gate (exit 1), so that a release gate can require one and a typo in
	// the baseline's path cannot silently gate nothing.
	MissingBaseline MissingPolicy
	// ContentionGuard, when true, also requires the fastest 2% of the samples (their 2nd percentile) to have slowed by
	// more than half the threshold before time regresses. Interference from other processes
	// only ever adds time: it moves the median and the slow tail, while the fastest
	// samples, taken when the benchmark had the CPU, stay put. A change in the code
	// moves them all. Symmetrically, an improvement needs the fastest 2% to have
	// sped up by more than half the threshold (else the baseline was disturbed).
	ContentionGuard bool

	// CostThresholdPercent is the default rise of a group's median cost per request,
	// in percent, that a cost comparison of usage logs (CompareUsage) must exceed to
	// regress; CostThresholds set it per group (name or glob, first match wins).
	CostThresholdPercent float64
	CostThresholds       []ThresholdRule
	// MonthlyRequests, when > 0, is the request volume a month: a cost comparison
	// projects each side's average cost per request onto it.
	MonthlyRequests int64

	Source  string // the config file, or "" for the defaults
	Profile string // the profile applied, or ""

	profiles map[string]*rawConfig
}

// DefaultConfig returns the contract's defaults: alpha 0.05, a 10% threshold, time
// and allocations gated, cost changes fail, missing benchmarks and a missing
// baseline reported; and the contention guard on.
func DefaultConfig() Config {
	return Config{
		Alpha:            0.05,
		ThresholdPercent: 10,
		Metrics:          []Metric{MetricTime, MetricAllocations},
		CostChanges:      CostFail,
		Missing:          MissingReport,
		MissingBaseline:  MissingReport,
		ContentionGuard:  true,

		CostThresholdPercent: DefaultCostThreshold,
	}
}

// DefaultCostThreshold is the default cost threshold of usage-log comparisons, in
// percent (config key cost_threshold).
const DefaultCostThreshold = 10.0

// Gates reports whether metric m can fail the gate.
func (c Config) Gates(m Metric) bool {
	for _, g := range c.Metrics {
		if g == m {
			return true
		}
	}
	return false
}

// Profiles returns the names of the config's profiles, sorted.
func (c Config) Profiles() []string {
	names := make([]string, 0, len(c.profiles))
	for n := range c.profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HasProfile reports whether the config defines a profile of that name.
func (c Config) HasProfile(name string) bool {
	_, ok := c.profiles[name]
	return ok
}

// ForProfile returns the config with profile name overlaid: every key the profile
// sets replaces the value in c (lists included); the others are kept. An empty name
// returns c unchanged; an unknown name is an error, and so is applying a profile to a
// config that already has one (profiles overlay the top level, they do not stack).
func (c Config) ForProfile(name string) (Config, error) {
	if name == "" {
		return c, nil
	}
	if c.Profile != "" {
		return Config{}, fmt.Errorf("%s: profile %q already applied; apply %q to the config as loaded", c.sourceName(), c.Profile, name)
	}
	p, ok := c.profiles[name]
	if !ok {
		return Config{}, fmt.Errorf("%s: profile %q is not defined (have %v)", c.sourceName(), name, c.Profiles())
	}
	out := c
	p.apply(&out)
	out.Profile = name
	return out, nil
}

// ForEvent returns the config for a GitHub event name (GITHUB_EVENT_NAME): the profile
// of that name when the config defines one (and has none applied yet), else c.
func (c Config) ForEvent(event string) Config {
	if c.Profile != "" || !c.HasProfile(event) {
		return c
	}
	out, _ := c.ForProfile(event)
	return out
}

func (c Config) sourceName() string {
	if c.Source == "" {
		return "default config"
	}
	return c.Source
}
