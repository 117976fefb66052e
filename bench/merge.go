package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Part is one shard's result document and the file (or artifact) it came from,
// which errors name.
type Part struct {
	Source string
	Doc    *Document
}

// MergeOptions configure Merge.
type MergeOptions struct {
	// Expect lists the benchmarks the parts should hold between them, in the order
	// the merged document lists them (the suite's order); nil when unknown. Names
	// that no part holds are reported in Merged.Unrun.
	Expect []string
	// MixedCPU accepts parts measured on CPUs of different models or counts (the
	// runners of one matrix need not be alike); the merged environment then names
	// every model. Go version, OS and architecture must agree regardless.
	MixedCPU bool
}

// Merged is a merge's outcome.
type Merged struct {
	Doc *Document
	// Unrun are the expected benchmarks that no part holds, in MergeOptions.Expect
	// order.
	Unrun []string
	// MixedCPU is true when the parts were measured on different CPUs.
	MixedCPU bool
}

// Merge joins the result documents of disjoint shards of one run into one document,
// as if one run had measured every benchmark: the results of all parts (in Expect
// order, then in part order), the earliest part's timestamp, a summary over all
// results whose total_duration_ms is the sum of the parts' (the machine time
// spent), and the parts' common version, environment, harness settings and commit.
//
// It refuses, naming both files, parts that hold the same benchmark, and parts that
// do not measure the same thing the same way: a different program version, commit
// (git.commit), harness settings, environment (see MergeOptions.MixedCPU) or set of
// metrics and units. Every problem found is returned, joined.
func Merge(parts []Part, opts MergeOptions) (*Merged, error) {
	if len(parts) == 0 {
		return nil, errors.New("merge: no parts")
	}
	var errs []error
	first := parts[0]
	mixed := false
	for _, p := range parts[1:] {
		cpu, err := compatible(first, p, opts.MixedCPU)
		mixed = mixed || cpu
		errs = append(errs, err...)
	}
	owner := map[string]string{}
	var results []Result
	for _, p := range parts {
		for _, r := range p.Doc.Results {
			if prev, dup := owner[r.Name]; dup {
				errs = append(errs, fmt.Errorf("%s and %s both hold benchmark %q: the parts of a merge must be disjoint (did two jobs run the same shard, or one part get merged twice?)", prev, p.Source, r.Name))
				continue
			}
			owner[r.Name] = p.Source
			results = append(results, r)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sortResults(results, opts.Expect)
	doc := *first.Doc
	doc.Results = results
	doc.Timestamp = earliest(parts)
	var wall float64
	for _, p := range parts {
		wall += p.Doc.Summary.TotalDurationMs
	}
	doc.Summary = Summarize(results, time.Duration(wall*float64(time.Millisecond)))
	if mixed {
		doc.Environment.CPUModel, doc.Environment.CPUCount = mixedCPU(parts)
	}
	m := &Merged{Doc: &doc, MixedCPU: mixed}
	for _, n := range opts.Expect {
		if _, ok := owner[n]; !ok {
			m.Unrun = append(m.Unrun, n)
		}
	}
	return m, nil
}

// compatible compares part p with the first part a and returns what differs;
// cpu is true when only the CPU does and MixedCPU allows it.
func compatible(a, p Part, allowMixedCPU bool) (cpu bool, errs []error) {
	da, dp := a.Doc, p.Doc
	if dp.Version != da.Version {
		errs = append(errs, fmt.Errorf("%s: version is %q, but %q in %s: the parts of a merge must come from one build", p.Source, dp.Version, da.Version, a.Source))
	}
	if ga, gp := commit(da.Git), commit(dp.Git); ga != gp {
		errs = append(errs, fmt.Errorf("%s: git.commit is %s, but %s in %s: the parts of a merge must measure one commit", p.Source, gp, ga, a.Source))
	}
	if ha, hp := harness(da.Harness), harness(dp.Harness); ha != hp {
		errs = append(errs, fmt.Errorf("%s: harness is %s, but %s in %s: the parts of a merge must be measured with the same settings", p.Source, hp, ha, a.Source))
	}
	ea, ep := da.Environment, dp.Environment
	if ea.GoVersion != ep.GoVersion || ea.OS != ep.OS || ea.Arch != ep.Arch {
		errs = append(errs, fmt.Errorf("%s: environment is %s %s/%s, but %s %s/%s in %s: the parts of a merge must be built alike", p.Source,
			ep.GoVersion, ep.OS, ep.Arch, ea.GoVersion, ea.OS, ea.Arch, a.Source))
	}
	if ea.CPUModel != ep.CPUModel || ea.CPUCount != ep.CPUCount {
		if !allowMixedCPU {
			errs = append(errs, fmt.Errorf("%s: CPU is %q x%d, but %q x%d in %s: the parts were measured on different machines (allow it with --mixed-cpu)", p.Source,
				ep.CPUModel, ep.CPUCount, ea.CPUModel, ea.CPUCount, a.Source))
		} else {
			cpu = true
		}
	}
	if ma, mp := metricSet(da), metricSet(dp); ma != mp {
		errs = append(errs, fmt.Errorf("%s: metrics are %s, but %s in %s: the parts of a merge must measure the same metrics", p.Source, mp, ma, a.Source))
	}
	return cpu, errs
}

func commit(g *GitInfo) string {
	if g == nil || g.Commit == "" {
		return "(none)"
	}
	return g.Commit
}

// harness describes how a document was measured, every field as the document
// writes it, so that a field added to HarnessInfo is compared too.
func harness(h *HarnessInfo) string {
	if h == nil {
		return "(none)"
	}
	data, err := json.Marshal(h)
	if err != nil {
		return fmt.Sprintf("%+v", *h)
	}
	return string(data)
}

// metricSet describes the metrics that the harness measures which a document's
// results carry, with their units: "time only" or "time, instructions
// (instructions/op)". Results that differ within one document are listed as they
// are. A tool's own units (MB/s, a b.ReportMetric unit) are facts of each
// benchmark, which parts of one run hold for different benchmarks, and are left out.
func metricSet(d *Document) string {
	seen := map[string]bool{}
	for _, r := range d.Results {
		var keys []string
		for k, m := range r.Metrics {
			if k != MetricInstructions && k != MetricAllocations && k != MetricBytes {
				continue
			}
			keys = append(keys, fmt.Sprintf("%s (%s)", k, m.Unit))
		}
		sort.Strings(keys)
		seen[strings.Join(append([]string{"time"}, keys...), ", ")] = true
	}
	sets := make([]string, 0, len(seen))
	for s := range seen {
		sets = append(sets, s)
	}
	sort.Strings(sets)
	if len(sets) == 0 {
		return "(no results)"
	}
	return strings.Join(sets, "; ")
}

// sortResults orders results as expect lists them, the others after, as they came.
func sortResults(results []Result, expect []string) {
	rank := make(map[string]int, len(expect))
	for i, n := range expect {
		if _, dup := rank[n]; !dup {
			rank[n] = i
		}
	}
	pos := func(r Result) int {
		if i, ok := rank[r.Name]; ok {
			return i
		}
		return len(expect)
	}
	sort.SliceStable(results, func(i, j int) bool { return pos(results[i]) < pos(results[j]) })
}

func earliest(parts []Part) time.Time {
	t := parts[0].Doc.Timestamp
	for _, p := range parts[1:] {
		if p.Doc.Timestamp.Before(t) {
			t = p.Doc.Timestamp
		}
	}
	return t
}

// mixedCPU names the distinct CPU models of the parts, joined with " | ", and the
// smallest CPU count among them.
func mixedCPU(parts []Part) (string, int) {
	var models []string
	count := parts[0].Doc.Environment.CPUCount
	for _, p := range parts {
		e := p.Doc.Environment
		if !slices.Contains(models, e.CPUModel) {
			models = append(models, e.CPUModel)
		}
		count = min(count, e.CPUCount)
	}
	return strings.Join(models, " | "), count
}

// SuiteExpect returns the names of the built-in suite, in its order, when every
// result of parts is one of its benchmarks (the parts are shards of `run`), and nil
// otherwise (the suite the parts came from is not known here): what Merge should
// expect when not told.
func SuiteExpect(parts []Part) []string {
	suite := Suite().All()
	known := make(map[string]bool, len(suite))
	names := make([]string, len(suite))
	for i, b := range suite {
		known[b.Name], names[i] = true, b.Name
	}
	for _, p := range parts {
		for _, r := range p.Doc.Results {
			if !known[r.Name] {
				return nil
			}
		}
	}
	return names
}
