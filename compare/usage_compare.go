package compare

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// CompareUsage compares what two usage logs cost, priced by the same catalog
// (described by cat). Requests are grouped by by (the zero value: the tag
// DefaultGroupTag when some record carries it, else the model); each group is one
// entry whose cost per request, a sample per request, is judged as a metric of
// results[].metrics is (RuleUTest): the U test, corrected over the groups
// (Benjamini-Hochberg), and the config's cost threshold (cost_threshold, or the
// first rule of cost_thresholds matching the group's name). Groups in one log only
// are new or missing, as benchmarks are. It returns an error wrapping ErrNoMatch
// when no group is in both logs, and one naming the currencies when they differ.
func CompareUsage(base, cur *UsageLog, cfg Config, by GroupBy, cat CatalogInfo) (*Comparison, error) {
	if base.Currency != cur.Currency {
		return nil, fmt.Errorf("%s is priced in %s, %s in %s: one comparison prices one currency", base.Name, base.Currency, cur.Name, cur.Currency)
	}
	u := &UsageComparison{GroupBy: by, Catalog: cat, Currency: cur.Currency}
	if by.IsZero() {
		u.GroupByDefault = true
		u.GroupBy = GroupBy{Kind: GroupModel}
		if base.hasTag() || cur.hasTag() {
			u.GroupBy = GroupBy{Kind: GroupTag, Tag: DefaultGroupTag}
		}
	}
	bg, cg := groupRecords(base.records, u.GroupBy), groupRecords(cur.records, u.GroupBy)
	names := groupNames(bg, cg)
	if !anyShared(names, bg, cg) {
		return nil, fmt.Errorf("%w: grouped by %s, the baseline %s has %s; the current %s has %s",
			ErrNoMatch, u.GroupBy, base.Name, someGroups(bg), cur.Name, someGroups(cg))
	}
	ccfg := costConfig(cfg)
	r := newRules(ccfg)
	c := &Comparison{Config: ccfg, Usage: u}
	unit := cur.Currency + "/request"
	for _, name := range names {
		c.Entries = append(c.Entries, r.entry(name, bg[name].result(name, unit), cg[name].result(name, unit)))
		u.Groups = append(u.Groups, groupCost(name, bg[name], cg[name]))
	}
	r.correct(c.Entries)
	c.Family = Family{Method: FamilyBH, Alpha: ccfg.Alpha}
	for i := range c.Entries {
		e := &c.Entries[i]
		m := r.measured[e.Name]
		if m == nil {
			continue
		}
		c.Family.Tests++
		r.decide(e, m)
		explain(e, u.Group(e.Name), u.GroupBy)
	}
	c.Warnings = r.warnings(c)
	if u.GroupBy.Kind == GroupTag && !base.hasTag() && !cur.hasTag() {
		c.Warnings = append(c.Warnings, fmt.Sprintf("no record of either log carries the tag %q: every request is in the one group %q", u.GroupBy.Tag, names[0]))
	}
	usageWarnings(c)
	u.Base = totals(base)
	u.Current = totals(cur)
	u.Models = modelCosts(base.records, cur.records)
	if n := cfg.MonthlyRequests; n > 0 {
		u.Monthly = monthly(n, u.Base, u.Current)
	}
	return c, nil
}

// costConfig is cfg as a cost comparison applies it: the cost thresholds in place
// of the time thresholds, and cost the one gated metric.
func costConfig(cfg Config) Config {
	out := cfg
	out.ThresholdPercent = cfg.CostThresholdPercent
	out.Thresholds = cfg.CostThresholds
	out.Metrics = []Metric{MetricCost}
	out.MetricsSet = true
	return out
}

func (l *UsageLog) hasTag() bool {
	for i := range l.records {
		if l.records[i].hasTag {
			return true
		}
	}
	return false
}

// groupKey is the group of a record.
func groupKey(r *usageRecord, by GroupBy) string {
	switch by.Kind {
	case GroupModel:
		return r.model
	case GroupProvider:
		return r.provider
	case GroupProject:
		if r.project == "" {
			return "(no project)"
		}
		return r.project
	}
	if !r.hasTag {
		return "(no " + by.Tag + ")"
	}
	return r.tag
}

// group is one group's requests in one log.
type group struct {
	samples []float64 // cost per request
	side    GroupSide
	sums    [4]int64 // prompt, cached, completion, reasoning
	models  map[string]int
}

func groupRecords(recs []usageRecord, by GroupBy) map[string]*group {
	out := map[string]*group{}
	for i := range recs {
		r := &recs[i]
		k := groupKey(r, by)
		g := out[k]
		if g == nil {
			g = &group{models: map[string]int{}}
			out[k] = g
		}
		g.samples = append(g.samples, moneyFloat(r.cost))
		g.side.Requests++
		g.side.Total = g.side.Total.Add(r.cost)
		g.sums[0] += r.prompt
		g.sums[1] += r.cached
		g.sums[2] += r.completion
		g.sums[3] += r.reasoning
		g.models[r.model]++
	}
	for _, g := range out {
		n := float64(g.side.Requests)
		g.side.Mean = g.side.Total.DivRound(int64(g.side.Requests))
		g.side.Tokens = TokenMeans{float64(g.sums[0]) / n, float64(g.sums[1]) / n, float64(g.sums[2]) / n, float64(g.sums[3]) / n}
		for m, k := range g.models {
			g.side.Models = append(g.side.Models, ModelCount{m, k})
		}
		sort.Slice(g.side.Models, func(i, j int) bool {
			a, b := g.side.Models[i], g.side.Models[j]
			return a.Count > b.Count || a.Count == b.Count && a.Model < b.Model
		})
	}
	return out
}

// moneyFloat is m as a float64 sample: the nearest float64 to it, in order (a
// larger amount is never a smaller sample).
func moneyFloat(m engine.Money) float64 {
	if u, ok := m.Units(); ok {
		return float64(u) / 1e10
	}
	return m.Decimal().InexactFloat64()
}

// result is the group as a result of one metric, cost per request, for the rules
// that judge benchmarks; nil for an absent group.
func (g *group) result(name, unit string) *bench.Result {
	if g == nil {
		return nil
	}
	return &bench.Result{Name: name, Metrics: map[string]bench.Metric{string(MetricCost): {Unit: unit, Samples: g.samples}}}
}

// groupNames are the baseline's groups by name, then the groups new in the current
// log by name.
func groupNames(base, cur map[string]*group) []string {
	var names, added []string
	for n := range base {
		names = append(names, n)
	}
	for n := range cur {
		if base[n] == nil {
			added = append(added, n)
		}
	}
	sort.Strings(names)
	sort.Strings(added)
	return append(names, added...)
}

func anyShared(names []string, base, cur map[string]*group) bool {
	for _, n := range names {
		if base[n] != nil && cur[n] != nil {
			return true
		}
	}
	return false
}

// someGroups names up to five groups and how many there are.
func someGroups(gs map[string]*group) string {
	names := make([]string, 0, len(gs))
	for n := range gs {
		names = append(names, n)
	}
	sort.Strings(names)
	s := strings.Join(names[:min(len(names), 5)], ", ")
	if len(names) > 5 {
		s += fmt.Sprintf(", ... (%d in all)", len(names))
	}
	return s
}

func groupCost(name string, b, c *group) GroupCost {
	g := GroupCost{Name: name, MeanPercent: math.NaN()}
	var bt, ct engine.Money
	if b != nil {
		side := b.side
		g.Base, bt = &side, side.Total
	}
	if c != nil {
		side := c.side
		g.Current, ct = &side, side.Total
	}
	g.Delta = ct.Sub(bt)
	if b != nil && c != nil {
		g.MeanPercent = MoneyPercent(c.side.Mean, b.side.Mean)
	}
	return g
}

// MoneyPercent is the change from base to cur in percent, (cur/base - 1) x 100;
// NaN when base is zero.
func MoneyPercent(cur, base engine.Money) float64 {
	if base.IsZero() {
		return math.NaN()
	}
	return cur.Decimal().Div(base.Decimal()).InexactFloat64()*100 - 100
}

// explain adds to a changed group's reasons what moved: the tokens per request
// and, unless grouped by model, the models.
func explain(e *Entry, g *GroupCost, by GroupBy) {
	if g == nil || g.Base == nil || g.Current == nil || e.Status == StatusUnchanged || e.Status == StatusIgnored {
		return
	}
	b, c := g.Base.Tokens, g.Current.Tokens
	kinds := []struct {
		name string
		b, c float64
	}{{"prompt", b.Prompt, c.Prompt}, {"cached", b.Cached, c.Cached}, {"completion", b.Completion, c.Completion}, {"reasoning", b.Reasoning, c.Reasoning}}
	var moved []string
	for _, k := range kinds {
		if k.b == 0 && k.c == 0 {
			continue
		}
		if d := 100 * (k.c/k.b - 1); k.b == 0 || math.Abs(d) >= 1 {
			moved = append(moved, fmt.Sprintf("%s %s → %s (%s)", k.name, tokens(k.b), tokens(k.c), signedPct(d)))
		}
	}
	if len(moved) == 0 {
		e.Reasons = append(e.Reasons, "tokens per request unchanged (within 1%)")
	} else {
		e.Reasons = append(e.Reasons, "tokens per request: "+strings.Join(moved, ", "))
	}
	if bm, cm := modelsText(g.Base.Models), modelsText(g.Current.Models); bm != cm && by.Kind != GroupModel {
		e.Reasons = append(e.Reasons, "models: "+bm+" → "+cm)
	}
}

// tokens formats an average token count: whole above 100, one decimal below.
func tokens(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func signedPct(d float64) string {
	if math.IsInf(d, 0) || math.IsNaN(d) {
		return "new"
	}
	return fmt.Sprintf("%+.1f%%", d)
}

// modelsText is "gpt-4o ×30, gpt-4o-mini ×2".
func modelsText(ms []ModelCount) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s ×%d", m.Model, m.Count)
	}
	return strings.Join(parts, ", ")
}

// usageWarnings adds, to each group on both sides, a warning when its request
// counts are too few for any change to be significant.
func usageWarnings(c *Comparison) {
	level := c.Config.Alpha / float64(max(1, c.Family.Tests))
	for i := range c.Entries {
		e := &c.Entries[i]
		for _, md := range e.Metrics {
			if md.Name != string(MetricCost) {
				continue
			}
			if minP := stats.MinUTestP(md.Base.N, md.Current.N); minP >= level {
				e.Warnings = append(e.Warnings, fmt.Sprintf("with %d and %d requests the U test's smallest p-value is %.3g, not below %.3g (alpha %v over %d groups), so no change can be significant; log more requests of this group",
					md.Base.N, md.Current.N, minP, level, c.Config.Alpha, c.Family.Tests))
			}
		}
	}
}

func totals(l *UsageLog) UsageTotals {
	t := UsageTotals{File: l.Name, Requests: len(l.records), Unpriced: l.Unpriced, UnpricedRequests: l.UnpricedRequests}
	for i := range l.records {
		t.Total = t.Total.Add(l.records[i].cost)
	}
	return t
}

func modelCosts(base, cur []usageRecord) []ModelCost {
	byKey := map[[2]string]*ModelCost{}
	add := func(recs []usageRecord, side func(*ModelCost) *ModelSide) {
		for i := range recs {
			r := &recs[i]
			k := [2]string{r.provider, r.model}
			m := byKey[k]
			if m == nil {
				m = &ModelCost{Provider: r.provider, Model: r.model}
				byKey[k] = m
			}
			s := side(m)
			s.Requests++
			s.Total = s.Total.Add(r.cost)
		}
	}
	add(base, func(m *ModelCost) *ModelSide { return &m.Base })
	add(cur, func(m *ModelCost) *ModelSide { return &m.Current })
	out := make([]ModelCost, 0, len(byKey))
	for _, m := range byKey {
		m.Delta = m.Current.Total.Sub(m.Base.Total)
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Provider != out[j].Provider {
			return out[i].Provider < out[j].Provider
		}
		return out[i].Model < out[j].Model
	})
	return out
}

// monthly projects each side's average cost per request onto n requests: total x
// n / requests, rounded once, half to even at 10 places.
func monthly(n int64, base, cur UsageTotals) *MonthlyProjection {
	perMonth := func(t UsageTotals) engine.Money {
		v, err := engine.MoneyFromDecimal(t.Total.Decimal().Mul(decimal.NewFromInt(n)))
		if err != nil { // cannot happen: an amount of 10 places times an integer has 10 places
			panic(err)
		}
		return v.DivRound(int64(t.Requests))
	}
	p := &MonthlyProjection{Requests: n, Base: perMonth(base), Current: perMonth(cur)}
	p.Delta = p.Current.Sub(p.Base)
	p.Percent = MoneyPercent(p.Current, p.Base)
	return p
}
