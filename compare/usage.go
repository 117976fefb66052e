package compare

import (
	"fmt"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// MetricCost is the metric of a cost comparison of usage logs: a group's cost per
// request, one sample per request, judged by the U test and the cost threshold as
// any metric of results[].metrics is (RuleUTest).
const MetricCost Metric = "cost"

// The kinds of GroupBy.
const (
	GroupTag      = "tag"      // a usage tag's value (tags.NAME)
	GroupModel    = "model"    // the model as the record names it
	GroupProvider = "provider" // the canonical provider
	GroupProject  = "project"  // project_id
)

// DefaultGroupTag is the tag a cost comparison groups by when no GroupBy is given
// and some record carries it; else it groups by model.
const DefaultGroupTag = "scenario"

// GroupBy says how a cost comparison groups the requests of two usage logs: each
// group is one entry of the comparison. The zero value means the default.
type GroupBy struct {
	Kind string // GroupTag, GroupModel, GroupProvider or GroupProject; "" for the default
	Tag  string // the tag's name, for GroupTag
}

// ParseGroupBy reads `--group-by`: tag:NAME, model, provider or project.
func ParseGroupBy(s string) (GroupBy, error) {
	switch s {
	case GroupModel, GroupProvider, GroupProject:
		return GroupBy{Kind: s}, nil
	}
	if name, ok := strings.CutPrefix(s, GroupTag+":"); ok && strings.TrimSpace(name) != "" {
		return GroupBy{Kind: GroupTag, Tag: name}, nil
	}
	return GroupBy{}, fmt.Errorf("%q: want tag:NAME (such as tag:%s), model, provider or project", s, DefaultGroupTag)
}

// String is the grouping as --group-by writes it: "tag:scenario", "model".
func (g GroupBy) String() string {
	if g.Kind == GroupTag {
		return GroupTag + ":" + g.Tag
	}
	return g.Kind
}

// IsZero reports the default grouping.
func (g GroupBy) IsZero() bool { return g.Kind == "" }

// UsageComparison is what a cost comparison of two usage logs adds to a
// Comparison: how requests were grouped, the catalog that priced both sides, exact
// totals, and per group and per model what changed.
type UsageComparison struct {
	GroupBy GroupBy
	// GroupByDefault: GroupBy was chosen because none was given (DefaultGroupTag
	// when some record carries it, else model).
	GroupByDefault bool
	Catalog        CatalogInfo
	Currency       string // of every priced record
	Base, Current  UsageTotals
	// Groups are the groups of requests, one per Comparison entry, in entry order.
	Groups []GroupCost
	// Models are the totals by provider and model, in order of provider and model.
	Models []ModelCost
	// Monthly is the projection onto the config's monthly_requests; nil without.
	Monthly *MonthlyProjection
}

// CatalogInfo names the catalog that priced both sides.
type CatalogInfo struct {
	Name    string // "built-in" or the catalog file's path
	Digest  string // SHA-256 of the catalog's YAML text, in hex
	Entries int    // pricing entries
	Note    string // for the built-in catalog, where its prices come from and when they were read
}

// UsageTotals is one usage log's total.
type UsageTotals struct {
	File     string
	Requests int          // priced requests
	Total    engine.Money // their cost, exact
	// Unpriced are the records the catalog has no price for, left out of every
	// total (--unpriced report), by provider and model.
	Unpriced         []UnpricedModel
	UnpricedRequests int
}

// UnpricedModel is a provider and model the catalog does not price, with how many
// records of it were left out and where the first one is.
type UnpricedModel struct {
	Provider, Model string
	Count           int
	First           string // "file:line: why"
}

// GroupCost is one group of requests on both sides.
type GroupCost struct {
	Name          string
	Base, Current *GroupSide   // nil when the group is absent from that side
	Delta         engine.Money // Current.Total - Base.Total; an absent side counts zero
	// MeanPercent is the change of the average cost per request, in percent; NaN
	// unless the group is on both sides.
	MeanPercent float64
}

// GroupSide is a group's requests in one log.
type GroupSide struct {
	Requests int
	Total    engine.Money // exact
	Mean     engine.Money // Total / Requests, rounded half to even at 10 places
	Tokens   TokenMeans   // per request
	Models   []ModelCount // the models the requests used, most used first
}

// TokenMeans are average token counts per request.
type TokenMeans struct {
	Prompt, Cached, Completion, Reasoning float64
}

// ModelCount is how many requests of a group went to a model.
type ModelCount struct {
	Model string
	Count int
}

// ModelCost is one provider and model's total on both sides.
type ModelCost struct {
	Provider, Model string
	Base, Current   ModelSide
	Delta           engine.Money // Current.Total - Base.Total
}

// ModelSide is a model's requests and cost in one log.
type ModelSide struct {
	Requests int
	Total    engine.Money
}

// MonthlyProjection is each side's average cost per request (all groups, as the
// logs mix them) times the config's monthly_requests.
type MonthlyProjection struct {
	Requests      int64
	Base, Current engine.Money
	Delta         engine.Money
	Percent       float64 // NaN when the baseline projects zero
}

// Group returns the group of the entry called name, or nil.
func (u *UsageComparison) Group(name string) *GroupCost {
	for i := range u.Groups {
		if u.Groups[i].Name == name {
			return &u.Groups[i]
		}
	}
	return nil
}

// Delta is the change of the total cost, current minus baseline.
func (u *UsageComparison) Delta() engine.Money { return u.Current.Total.Sub(u.Base.Total) }
