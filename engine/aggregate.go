package engine

import "time"

// Aggregator sums priced usage records: total, count, and sums by provider (canonical
// name), model, project, organization and fixed time window of the usage timestamp.
// Records with an empty project or organization are summed under the key "". The
// Aggregator adds amounts whatever their currency: keep one currency per Aggregator.
// It does not allocate per record once it has seen every key; it is not safe for
// concurrent use.
type Aggregator struct {
	window        time.Duration
	total         Money
	count         int64
	providerModel pairGroup // by provider and by model, looked up together
	project       group
	organization  group
	windows       windowGroup
}

// Summary is the result of an Aggregator.
type Summary struct {
	Total          Money
	Count          int64
	Average        Money // Total / Count rounded half to even at 10 places; 0 when Count is 0
	ByProvider     map[string]Money
	ByModel        map[string]Money
	ByProject      map[string]Money
	ByOrganization map[string]Money
	ByWindow       []WindowSum // sorted by Start; empty when the window is not positive
}

// WindowSum is the sum of the records whose timestamp falls in [Start, Start+window).
type WindowSum struct {
	Start time.Time
	Total Money
	Count int64
}

// NewAggregator returns an empty Aggregator whose time windows last window, aligned
// on multiples of window since the zero time (so hours and days start at UTC hours
// and UTC midnights). A window that is not positive turns the time breakdown off.
func NewAggregator(window time.Duration) *Aggregator {
	a := &Aggregator{window: window}
	a.providerModel.init()
	a.project.init()
	a.organization.init()
	a.windows.init(window)
	return a
}

// Add adds the cost c of the record u.
func (a *Aggregator) Add(u *Usage, c Cost) {
	m := c.Total
	if !addSmall(&a.total, m) {
		addBig(&a.total, m)
	}
	a.count++
	a.providerModel.add(u.Provider, u.Model, m)
	a.project.add(u.ProjectID, m)
	a.organization.add(u.OrganizationID, m)
	if a.window > 0 {
		a.windows.add(u.Timestamp, m)
	}
}

// Count returns the number of records added.
func (a *Aggregator) Count() int64 { return a.count }

// Total returns the sum of the records added.
func (a *Aggregator) Total() Money { return a.total }

// Summary returns the sums so far. The Aggregator can go on adding afterwards.
func (a *Aggregator) Summary() Summary {
	s := Summary{
		Total:          a.total,
		Count:          a.count,
		ByProvider:     a.providerModel.providers.sumsByKey(),
		ByModel:        a.providerModel.models.sumsByKey(),
		ByProject:      a.project.sumsByKey(),
		ByOrganization: a.organization.sumsByKey(),
		ByWindow:       a.windows.sums(),
	}
	if a.count > 0 {
		s.Average = a.total.DivRound(a.count)
	}
	return s
}
