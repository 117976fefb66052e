package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// This file holds what the comparison report shows of a cost comparison of two
// usage logs (compare.Comparison.Usage): the console, markdown and JSON renderers
// call it where a benchmark comparison shows times.

// NoBaselineUsage is NoBaseline for the cost gate: why says, in markdown, what was
// missing (a file, an artifact); requests are the current log's.
func NoBaselineUsage(why string, required bool, requests int) *NoBaseline {
	return &NoBaseline{
		Required: required,
		Why:      why,
		Title:    "Cost comparison",
		HowTo: []string{
			fmt.Sprintf("commit the usage log of a run on the default branch (this one has %s) and set `baseline:` to its path; or", plural(requests, "request", "requests")),
			"upload the usage log with `actions/upload-artifact` from a workflow on pushes to the default branch, " +
				"and set `baseline: artifact:<name>` with that artifact's name.",
		},
	}
}

// NoBaselineUsageFile is NoBaseline for a baseline usage log that does not exist,
// as `compare` meets it.
func NoBaselineUsageFile(path string, requests int) *NoBaseline {
	return &NoBaseline{
		Why:   "the baseline usage log " + text.Code(path) + " does not exist",
		Title: "Cost comparison",
		HowTo: []string{fmt.Sprintf("save the usage log of a run on the default branch as %s (the current one has %s).",
			text.Code(path), plural(requests, "request", "requests"))},
	}
}

// entryNouns is what the entries of c are: benchmarks, or groups of requests.
func entryNouns(c *compare.Comparison) (one, many string) {
	if c.Usage != nil {
		return "group", "groups"
	}
	return "benchmark", "benchmarks"
}

// money is an exact amount: "0.0153", "1234.5".
func money(m engine.Money) string { return m.String() }

// signedMoney is an exact amount with its sign: "+0.0026", "-0.04", "0".
func signedMoney(m engine.Money) string {
	if m.Sign() > 0 {
		return "+" + m.String()
	}
	return m.String()
}

// signedPct is a change in percent, "+17.21%", or "" when undefined.
func signedPct(p float64) string {
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return ""
	}
	return fmt.Sprintf("%+.2f%%", p)
}

// moneyDelta is "+0.0026 (+17.21%)".
func moneyDelta(d engine.Money, pct float64) string {
	if s := signedPct(pct); s != "" {
		return signedMoney(d) + " (" + s + ")"
	}
	return signedMoney(d)
}

// costMetric returns the entry's cost-per-request delta, or nil.
func costMetric(e *compare.Entry) *compare.MetricDelta {
	for i := range e.Metrics {
		if e.Metrics[i].Name == string(compare.MetricCost) {
			return &e.Metrics[i]
		}
	}
	return nil
}

// perRequest is a median cost per request, in plain decimals (at most 10 places,
// as the engine rounds): "0.000021".
func perRequest(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	return decimal.NewFromFloat(v).Round(engine.Scale).String()
}

// groupSideCell is one side of a group: "0.000385 /request · 40 requests".
func groupSideCell(g *compare.GroupSide, md *compare.MetricDelta, base bool) string {
	if g == nil {
		return "—"
	}
	med := math.NaN()
	if md != nil {
		med = md.Current.Median
		if base {
			med = md.Base.Median
		}
	} else {
		med = g.Mean.Decimal().InexactFloat64()
	}
	return perRequest(med) + " · " + plural(g.Requests, "request", "requests")
}

// costDeltaCell is the median cost per request's change with its test:
// "+17.21% (p=0.000 n=40+40)", "~ (p=0.41 n=40+40)" when not significant.
func costDeltaCell(md *compare.MetricDelta, alpha float64) string {
	if md == nil {
		return "—"
	}
	d := fmt.Sprintf("%+.2f%%", md.Percent)
	if !(md.PAdjusted < alpha) {
		d = "~"
	}
	return d + " (" + metricTest(md) + ")"
}

// usageTotals is the headline of the money: both totals, the change, the requests.
func usageTotals(u *compare.UsageComparison) string {
	return fmt.Sprintf("Total %s → %s %s, %s, over %s → %s requests",
		money(u.Base.Total), money(u.Current.Total), u.Currency,
		moneyDelta(u.Delta(), compare.MoneyPercent(u.Current.Total, u.Base.Total)),
		count(int64(u.Base.Requests)), count(int64(u.Current.Requests)))
}

// count is a whole number with thousands separators: "2,000,000".
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// monthlyText projects both sides onto the config's monthly volume.
func monthlyText(u *compare.UsageComparison) string {
	m := u.Monthly
	if m == nil {
		return ""
	}
	return fmt.Sprintf("At %s requests a month (monthly_requests, at these logs' mix of requests): %s → %s %s a month, %s",
		count(m.Requests), money(m.Base), money(m.Current), u.Currency, moneyDelta(m.Delta, m.Percent))
}

// groupingText says how requests were grouped and why; esc escapes the tag's name
// (text.EscapeName for markdown).
func groupingText(u *compare.UsageComparison, esc func(string) string) string {
	s := "grouped by " + esc(u.GroupBy.String())
	if u.GroupByDefault {
		if u.GroupBy.Kind == compare.GroupTag {
			s += " (the default: the records carry the tag " + esc(u.GroupBy.Tag) + "; group-by changes it)"
		} else {
			s += " (the default: no record carries the tag " + compare.DefaultGroupTag + "; group-by changes it)"
		}
	}
	return s
}

// catalogText names the catalog that priced both logs; code quotes its file and
// digest (text.Code for markdown).
func catalogText(u *compare.UsageComparison, code func(string) string) string {
	c := u.Catalog
	s := "built-in catalog"
	if c.Name != "built-in" {
		s = "catalog " + code(c.Name)
	}
	d := c.Digest
	if len(d) > 12 {
		d = d[:12]
	}
	s += fmt.Sprintf(" (%s, sha256 %s)", plural(c.Entries, "entry", "entries"), code(d))
	if c.Note != "" {
		s += ": " + c.Note
	}
	return s
}

// unpricedText says which records of a side were left out of the totals, or "";
// esc escapes the names (text.EscapeName for markdown).
func unpricedText(side string, t compare.UsageTotals, esc func(string) string) string {
	if t.UnpricedRequests == 0 {
		return ""
	}
	parts := make([]string, len(t.Unpriced))
	for i, m := range t.Unpriced {
		parts[i] = fmt.Sprintf("%s %s ×%d (first at %s)", esc(m.Provider), esc(m.Model), m.Count, esc(m.First))
	}
	return fmt.Sprintf("%s %s: %s the catalog cannot price, left out of every total: %s",
		side, esc(t.File), plural(t.UnpricedRequests, "record", "records"), strings.Join(parts, "; "))
}

// usageNotes are the notes of a cost comparison beyond its grouping and catalog:
// the projection and unpriced records.
func usageNotes(u *compare.UsageComparison, esc func(string) string) []string {
	var out []string
	for _, s := range []string{monthlyText(u), unpricedText("baseline", u.Base, esc), unpricedText("current", u.Current, esc)} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func plain(s string) string { return s }

// writeUsageConsole is the console table of a cost comparison: a row per group,
// the total, and the models.
func writeUsageConsole(b *strings.Builder, c *compare.Comparison) {
	u := c.Usage
	fmt.Fprintf(b, "%s\n", usageTotals(u))
	fmt.Fprintf(b, "Requests %s, priced by the %s.\n", groupingText(u, plain), catalogText(u, plain))
	for _, n := range usageNotes(u, plain) {
		fmt.Fprintf(b, "%s\n", n)
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tbaseline %s\tcurrent %s\tdelta\tcost/request (median)\tthreshold\tverdict\n", u.GroupBy, u.Currency, u.Currency)
	for i := range c.Entries {
		e := &c.Entries[i]
		g := u.Group(e.Name)
		md := costMetric(e)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", consoleName(e.Name), groupTotal(g.Base), groupTotal(g.Current),
			moneyDelta(g.Delta, compare.MoneyPercent(totalOf(g.Current), totalOf(g.Base))),
			perRequestChange(md, c.Config.Alpha), thresholdText(e), statusText(e))
	}
	fmt.Fprintf(tw, "total\t%s\t%s\t%s\t\t\t\n", money(u.Base.Total), money(u.Current.Total),
		moneyDelta(u.Delta(), compare.MoneyPercent(u.Current.Total, u.Base.Total)))
	tw.Flush()
	b.WriteString("\n")
	tw = tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "provider\tmodel\tbaseline %s\tcurrent %s\tdelta\n", u.Currency, u.Currency)
	for _, m := range u.Models {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", consoleName(m.Provider), consoleName(m.Model), modelTotal(m.Base), modelTotal(m.Current),
			moneyDelta(m.Delta, compare.MoneyPercent(m.Current.Total, m.Base.Total)))
	}
	tw.Flush()
}

func totalOf(g *compare.GroupSide) engine.Money {
	if g == nil {
		return engine.Money{}
	}
	return g.Total
}

// groupTotal is "0.0154 (40 requests)", or "—" for an absent side.
func groupTotal(g *compare.GroupSide) string {
	if g == nil {
		return "—"
	}
	return money(g.Total) + " (" + plural(g.Requests, "request", "requests") + ")"
}

func modelTotal(m compare.ModelSide) string {
	if m.Requests == 0 {
		return "—"
	}
	return money(m.Total) + " (" + plural(m.Requests, "request", "requests") + ")"
}

// perRequestChange is "0.000385 → 0.000451 +17.21% (p=0.000 n=40+40)".
func perRequestChange(md *compare.MetricDelta, alpha float64) string {
	if md == nil {
		return "—"
	}
	return perRequest(md.Base.Median) + " → " + perRequest(md.Current.Median) + " " + costDeltaCell(md, alpha)
}

// writeUsageChanges is the markdown table of the groups that changed.
func writeUsageChanges(b *strings.Builder, c *compare.Comparison, rows []*compare.Entry) {
	u := c.Usage
	fmt.Fprintf(b, "| %s | Baseline %s/request | Current %s/request | Delta | Verdict | Why |\n",
		text.EscapeName(headerCase(u.GroupBy)), text.EscapeName(u.Currency), text.EscapeName(u.Currency))
	b.WriteString("|:--|--:|--:|--:|:--|:--|\n")
	for _, e := range rows {
		g, md := u.Group(e.Name), costMetric(e)
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", text.EscapeName(e.Name), groupSideCell(g.Base, md, true),
			groupSideCell(g.Current, md, false), costDeltaCell(md, c.Config.Alpha), verdictCell(e), text.EscapeName(notes(e)))
	}
	b.WriteString("\n")
}

// writeUsageFull is the markdown table of every group: exact totals, the median
// cost per request and its test.
func writeUsageFull(b *strings.Builder, c *compare.Comparison, rows []compare.Entry) {
	if len(rows) == 0 {
		return
	}
	u := c.Usage
	fmt.Fprintf(b, "| %s | Baseline %s | Current %s | Delta | Per request (median) | Threshold | Verdict | Notes |\n",
		text.EscapeName(headerCase(u.GroupBy)), text.EscapeName(u.Currency), text.EscapeName(u.Currency))
	b.WriteString("|:--|--:|--:|--:|--:|--:|:--|:--|\n")
	for i := range rows {
		e := &rows[i]
		g := u.Group(e.Name)
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", text.EscapeName(e.Name), groupTotal(g.Base), groupTotal(g.Current),
			moneyDelta(g.Delta, compare.MoneyPercent(totalOf(g.Current), totalOf(g.Base))),
			perRequestChange(costMetric(e), c.Config.Alpha), text.EscapeName(thresholdText(e)), verdictCell(e), text.EscapeName(notes(e)))
	}
	fmt.Fprintf(b, "| **Total** | **%s** | **%s** | **%s** | | | | |\n", money(u.Base.Total), money(u.Current.Total),
		moneyDelta(u.Delta(), compare.MoneyPercent(u.Current.Total, u.Base.Total)))
	b.WriteString("\n")
}

// writeUsageModels is the folded markdown table of the totals by model.
func writeUsageModels(b *strings.Builder, u *compare.UsageComparison) {
	fmt.Fprintf(b, "<details>\n<summary>By model (%s)</summary>\n\n", plural(len(u.Models), "model", "models"))
	fmt.Fprintf(b, "| Provider | Model | Baseline %s | Current %s | Delta |\n", text.EscapeName(u.Currency), text.EscapeName(u.Currency))
	b.WriteString("|:--|:--|--:|--:|--:|\n")
	for _, m := range u.Models {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", text.EscapeName(m.Provider), text.EscapeName(m.Model),
			modelTotal(m.Base), modelTotal(m.Current), moneyDelta(m.Delta, compare.MoneyPercent(m.Current.Total, m.Base.Total)))
	}
	b.WriteString("\n</details>\n\n")
}

// writeUsageSettings is the folded settings of a cost comparison: the rule, the
// grouping, the catalog, the config.
func writeUsageSettings(b *strings.Builder, c *compare.Comparison) {
	cfg, u := c.Config, c.Usage
	b.WriteString("<details>\n<summary>Settings, catalog and rule</summary>\n\n")
	fmt.Fprintf(b, "- Regression: a group's median cost per request rises above the cost threshold (default %s) **and** the Mann-Whitney U test over its requests' costs is significant (p < %s after the Benjamini-Hochberg correction over %s); "+
		"above the threshold but not significant is inconclusive, not a regression.\n",
		num(cfg.ThresholdPercent)+"%", num(cfg.Alpha), plural(c.Family.Tests, "group", "groups"))
	if len(cfg.Thresholds) > 0 {
		rules := make([]string, 0, len(cfg.Thresholds))
		for _, r := range cfg.Thresholds {
			rules = append(rules, text.EscapeName(r.Pattern)+" "+num(r.Percent)+"%")
		}
		fmt.Fprintf(b, "- Per-group cost thresholds (cost_thresholds, first match wins): %s\n", strings.Join(rules, ", "))
	}
	fmt.Fprintf(b, "- Requests %s.\n", groupingText(u, text.Code))
	fmt.Fprintf(b, "- Prices: the %s, the same for both logs.\n", catalogText(u, text.Code))
	fmt.Fprintf(b, "- Baseline %s · current %s · missing groups: %s\n", text.Code(u.Base.File), text.Code(u.Current.File), cfg.Missing)
	if len(cfg.Ignore) > 0 {
		fmt.Fprintf(b, "- Ignored: %s\n", escapeAll(cfg.Ignore))
	}
	fmt.Fprintf(b, "- Config: %s", text.EscapeName(source(cfg)))
	if cfg.Profile != "" {
		fmt.Fprintf(b, ", profile %s", text.EscapeName(cfg.Profile))
	}
	b.WriteString("\n\n</details>\n")
}

// headerCase is the grouping as a table header: "Scenario", "Model".
func headerCase(g compare.GroupBy) string {
	s := g.Kind
	if g.Kind == compare.GroupTag {
		s = g.Tag
	}
	if s == "" {
		return "Group"
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
