package report

import (
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// jsonUsage is what the JSON report adds for a cost comparison of usage logs. Money
// is a decimal string, exact.
type jsonUsage struct {
	GroupBy        string           `json:"group_by"` // tag:NAME, model, provider or project
	GroupByDefault bool             `json:"group_by_default"`
	Currency       string           `json:"currency"`
	Catalog        jsonCatalog      `json:"catalog"`
	Baseline       jsonUsageTotals  `json:"baseline"`
	Current        jsonUsageTotals  `json:"current"`
	Delta          engine.Money     `json:"delta"`
	DeltaPercent   *float64         `json:"delta_pct"`
	Models         []jsonModelCost  `json:"models"`
	Monthly        *jsonMonthlyCost `json:"monthly,omitempty"` // with monthly_requests in the config
}

type jsonCatalog struct {
	Name    string `json:"name"` // "built-in" or the file
	SHA256  string `json:"sha256"`
	Entries int    `json:"entries"`
	Note    string `json:"note,omitempty"`
}

type jsonUsageTotals struct {
	File             string              `json:"file"`
	Requests         int                 `json:"requests"`
	Total            engine.Money        `json:"total"`
	UnpricedRequests int                 `json:"unpriced_requests"`
	Unpriced         []jsonUnpricedModel `json:"unpriced"`
}

type jsonUnpricedModel struct {
	Provider string `json:"provider"`
	Model    string `json:"model"`
	Count    int    `json:"count"`
	First    string `json:"first"`
}

type jsonModelCost struct {
	Provider string        `json:"provider"`
	Model    string        `json:"model"`
	Baseline jsonModelSide `json:"baseline"`
	Current  jsonModelSide `json:"current"`
	Delta    engine.Money  `json:"delta"`
}

type jsonModelSide struct {
	Requests int          `json:"requests"`
	Total    engine.Money `json:"total"`
}

type jsonMonthlyCost struct {
	Requests     int64        `json:"requests"`
	Baseline     engine.Money `json:"baseline"`
	Current      engine.Money `json:"current"`
	Delta        engine.Money `json:"delta"`
	DeltaPercent *float64     `json:"delta_pct"`
}

// jsonGroup is a group's money and tokens, beside its entry's cost metric.
type jsonGroup struct {
	Baseline         *jsonGroupSide `json:"baseline"` // null when absent
	Current          *jsonGroupSide `json:"current"`
	Delta            engine.Money   `json:"delta"`
	MeanDeltaPercent *float64       `json:"mean_delta_pct"` // change of the average cost per request
}

type jsonGroupSide struct {
	Requests int          `json:"requests"`
	Total    engine.Money `json:"total"`
	Mean     engine.Money `json:"mean"` // per request
	Tokens   jsonTokens   `json:"tokens_per_request"`
	Models   []jsonCount  `json:"models"`
}

type jsonTokens struct {
	Prompt     float64 `json:"prompt"`
	Cached     float64 `json:"cached"`
	Completion float64 `json:"completion"`
	Reasoning  float64 `json:"reasoning"`
}

type jsonCount struct {
	Model    string `json:"model"`
	Requests int    `json:"requests"`
}

// addUsage fills in the cost comparison's part of the JSON report: the usage
// object, and each group's money beside its entry. A cost comparison has no
// environment.
func addUsage(r *jsonReport, u *compare.UsageComparison) {
	r.Environment = nil
	r.Usage = &jsonUsage{
		GroupBy: u.GroupBy.String(), GroupByDefault: u.GroupByDefault, Currency: u.Currency,
		Catalog:  jsonCatalog{Name: u.Catalog.Name, SHA256: u.Catalog.Digest, Entries: u.Catalog.Entries, Note: u.Catalog.Note},
		Baseline: jsonTotalsOf(u.Base), Current: jsonTotalsOf(u.Current),
		Delta: u.Delta(), DeltaPercent: finite(compare.MoneyPercent(u.Current.Total, u.Base.Total)),
		Models: make([]jsonModelCost, 0, len(u.Models)),
	}
	for _, m := range u.Models {
		r.Usage.Models = append(r.Usage.Models, jsonModelCost{Provider: m.Provider, Model: m.Model,
			Baseline: jsonModelSide(m.Base), Current: jsonModelSide(m.Current), Delta: m.Delta})
	}
	if m := u.Monthly; m != nil {
		r.Usage.Monthly = &jsonMonthlyCost{Requests: m.Requests, Baseline: m.Base, Current: m.Current, Delta: m.Delta, DeltaPercent: finite(m.Percent)}
	}
	for i := range r.Benchmarks {
		if g := u.Group(r.Benchmarks[i].Name); g != nil {
			r.Benchmarks[i].Cost = &jsonGroup{Baseline: jsonGroupSideOf(g.Base), Current: jsonGroupSideOf(g.Current),
				Delta: g.Delta, MeanDeltaPercent: finite(g.MeanPercent)}
		}
	}
}

func jsonTotalsOf(t compare.UsageTotals) jsonUsageTotals {
	out := jsonUsageTotals{File: t.File, Requests: t.Requests, Total: t.Total, UnpricedRequests: t.UnpricedRequests,
		Unpriced: make([]jsonUnpricedModel, 0, len(t.Unpriced))}
	for _, m := range t.Unpriced {
		out.Unpriced = append(out.Unpriced, jsonUnpricedModel(m))
	}
	return out
}

func jsonGroupSideOf(g *compare.GroupSide) *jsonGroupSide {
	if g == nil {
		return nil
	}
	out := &jsonGroupSide{Requests: g.Requests, Total: g.Total, Mean: g.Mean,
		Tokens: jsonTokens(g.Tokens), Models: make([]jsonCount, 0, len(g.Models))}
	for _, m := range g.Models {
		out.Models = append(out.Models, jsonCount{m.Model, m.Count})
	}
	return out
}
