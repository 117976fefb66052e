// Package compare decides whether a current benchmark result regressed against a
// baseline. It reads the gate's YAML config, compares benchmarks (documents read by
// bench, or by internal/formats from other tools' output) matched by name with golang.org/x/perf/benchmath (medians, confidence intervals and the
// Mann-Whitney U test), and returns one Comparison model that every report renders.
// compare owns the one verdict vocabulary (Status per benchmark, Verdict for the
// whole, no-baseline included) and the counts (Counts); internal/report shows them.
//
// The decision rule, from the design contract: a benchmark regresses in time only
// when the difference is significant (p < alpha) AND its median slowdown exceeds its
// threshold. On top of that, the contention guard (on by default) asks the fastest
// 2% of the samples (their 2nd percentile) to have slowed by more than half the
// threshold: interference from other processes inflates the median but leaves the
// fastest samples alone, while a slower code path slows them all. Allocation and byte
// counts are exact: any increase of a gated metric is a regression. A changed cost checksum is a correctness change and fails unless the
// config accepts it. Missing and new benchmarks are always listed. A point estimate
// (one value a side, from a tool that reports a summary: point.go) allows no
// significance test: the threshold alone decides it, and the Comparison says so.
//
// compare also compares what two usage logs cost (usage*.go): IsUsageLog tells a
// usage log from a benchmark result, ReadUsageLog prices one with a catalog
// (LoadUsageCatalog: the built-in one or a file, named with its digest), and
// CompareUsage groups the requests (GroupBy: a tag, the model, provider or project)
// into entries whose cost per request (MetricCost) is judged by the same rules as a
// metric of results[].metrics: the U test corrected over the groups and the cost
// threshold (cost_threshold, cost_thresholds). Comparison.Usage holds the exact
// totals, per group and model, and the monthly projection.
package compare
