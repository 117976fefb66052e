package engine

import "time"

// Aggregator sums priced usage records: total, count, and sums by provider (canonical
// name), model, project, organization and fixed time window of the usage timestamp.
// Records with an empty project or organization are summed under the key "". The
// Aggregator adds amounts whatever their currency: keep one currency per Aggregator.
// It does not allocate per record once it has seen every key; it is not safe for
// concurrent use. Records interned by an Interner (decoded ones are) are summed by
// the ids of their names, without hashing them; others by the content of their
// names. Either way the work per record depends on the records alone, never on
// where their strings sit in memory.
type Aggregator struct {
	window  time.Duration
	total   Money
	count   int64
	groups  [nameGroups]group // by provider, model, project, organization
	hints   []hintSlot        // by Interner id minus one
	windows windowGroup
}

// Summary is the result of an Aggregator.
type Summary struct {
	Total          Money
	Count          int64
	Average        Money // Total / Count rounded half to even at 10 places; 0 when Count is 0
	ByProvider     Sums
	ByModel        Sums
	ByProject      Sums
	ByOrganization Sums
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
	if window > 0 {
		a.windows.init(window)
	}
	return a
}

// Add adds the cost c of the record u.
func (a *Aggregator) Add(u *Usage, c Cost) {
	m := c.Total
	if !addSmall(&a.total, m) {
		addBig(&a.total, m)
	}
	a.count++
	p := a.byHint(byProvider, u.Provider, u.keys.provider)
	mo := a.byHint(byModel, u.Model, u.keys.model)
	j := a.byHint(byProject, u.ProjectID, u.keys.project)
	o := a.byHint(byOrganization, u.OrganizationID, u.keys.organization)
	if p == nil || mo == nil || j == nil || o == nil {
		p, mo, j, o = a.lookupAll(u)
	}
	if !addSmall(p, m) {
		addBig(p, m)
	}
	if !addSmall(mo, m) {
		addBig(mo, m)
	}
	if !addSmall(j, m) {
		addBig(j, m)
	}
	if !addSmall(o, m) {
		addBig(o, m)
	}
	if a.window > 0 {
		a.windows.add(u.Timestamp, m)
	}
}

// Count returns the number of records added.
func (a *Aggregator) Count() int64 { return a.count }

// Total returns the sum of the records added.
func (a *Aggregator) Total() Money { return a.total }

// Summary returns the sums so far. The Aggregator can go on adding afterwards.
// Its breakdowns by name are sorted slices, built without a Go map: what Summary
// costs depends on the names summed alone, the same in every process.
func (a *Aggregator) Summary() Summary {
	n := 0
	for g := range a.groups {
		n += len(a.groups[g].sums)
	}
	all := make([]NamedSum, 0, n) // one allocation for the four breakdowns
	var by [nameGroups]Sums
	for g := range a.groups {
		start := len(all)
		if g == byProvider {
			all = a.groups[g].appendProviders(all)
		} else {
			all = a.groups[g].appendSorted(all)
		}
		by[g] = Sums(all[start:len(all):len(all)])
	}
	s := Summary{
		Total:          a.total,
		Count:          a.count,
		ByProvider:     by[byProvider],
		ByModel:        by[byModel],
		ByProject:      by[byProject],
		ByOrganization: by[byOrganization],
		ByWindow:       a.windows.sums(),
	}
	if a.count > 0 {
		s.Average = a.total.DivRound(a.count)
	}
	return s
}
