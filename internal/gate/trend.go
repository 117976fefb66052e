package gate

import (
	"context"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	trendreport "github.com/cost-ops-bench/cost-ops-bench/internal/report/trend"
	"github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// trendPoints is how many of the newest commits a flagged benchmark's chart shows.
const trendPoints = 20

// trendSection is the trend of the flagged benchmarks (regressions, and changes that
// fail the gate) read from the history store on its branch, when the history input
// is not off: a mermaid chart each, with this run's median last. A store that cannot
// be read is a warning and no section: the chart is extra, the verdict stands.
func trendSection(ctx context.Context, v validated, d Deps, c *compare.Comparison, cur *bench.Document) string {
	if v.History == "" || v.History == "off" {
		return ""
	}
	var flags []trendreport.Flag
	names := map[string]bool{}
	for _, e := range c.Entries {
		if e.Fails || e.Regressed {
			flags = append(flags, trendreport.Flag{Name: e.Name, CurrentNs: medianOf(cur, e.Name)})
			names[e.Name] = true
		}
	}
	if len(flags) == 0 {
		return ""
	}
	store, cleanup, err := history.Checkout(ctx, history.Publication{Dir: ".", Branch: v.HistoryBranch})
	if err != nil {
		d.Action.Warningf("cost-ops-bench: no trend chart: the history store: %v", err)
		return ""
	}
	defer cleanup()
	runs, err := history.Load(store)
	if err == nil && len(runs) == 0 {
		return ""
	}
	var rep *trend.Report
	if err == nil {
		rep, err = trend.Analyze(runs, trend.AnalyzeOptions{Match: func(n string) bool { return names[n] }, Metrics: []string{history.MetricTime}})
	}
	if err != nil {
		d.Action.Warningf("cost-ops-bench: no trend chart: the history store: %v", err)
		return ""
	}
	return trendreport.FlaggedSection(rep, flags, trendPoints)
}

// medianOf is the median time of the named benchmark in doc, 0 when absent.
func medianOf(doc *bench.Document, name string) float64 {
	for _, r := range doc.Results {
		if r.Name == name {
			return r.MedianNs
		}
	}
	return 0
}
