package engine

import (
	"sort"
	"time"
)

// Aggregator sums priced usage records: total, count, and sums by provider (canonical
// name), model, project, organization and fixed time window of the usage timestamp.
// Records with an empty project or organization are summed under the key "". The
// Aggregator adds amounts whatever their currency: keep one currency per Aggregator.
// It does not allocate per record once it has seen every key; it is not safe for
// concurrent use.
type Aggregator struct {
	window  time.Duration
	total   Money
	count   int64
	groups  [numGroups]group
	windows windowGroup
}

const (
	groupProvider = iota
	groupModel
	groupProject
	groupOrganization
	numGroups
)

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
	for i := range a.groups {
		a.groups[i].init()
	}
	a.windows.init()
	return a
}

// Add adds the cost c of the record u.
func (a *Aggregator) Add(u *Usage, c Cost) {
	m := c.Total
	a.total = a.total.Add(m)
	a.count++
	a.groups[groupProvider].add(CanonicalProvider(u.Provider), m)
	a.groups[groupModel].add(u.Model, m)
	a.groups[groupProject].add(u.ProjectID, m)
	a.groups[groupOrganization].add(u.OrganizationID, m)
	if a.window > 0 {
		a.windows.add(u.Timestamp, a.window, m)
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
		ByProvider:     a.groups[groupProvider].sums(),
		ByModel:        a.groups[groupModel].sums(),
		ByProject:      a.groups[groupProject].sums(),
		ByOrganization: a.groups[groupOrganization].sums(),
		ByWindow:       a.windows.sums(),
	}
	if a.count > 0 {
		s.Average = a.total.DivRound(a.count)
	}
	return s
}

// group sums money by string key. A small cache, indexed by a cheap hash of the key's
// length and a few of its bytes, saves the map lookup for recurring keys.
type group struct {
	index map[string]int32
	keys  []string
	total []Money
	cache [groupCacheSize]groupSlot
}

const groupCacheSize = 64

type groupSlot struct {
	key string
	i   int32
}

func (g *group) init() {
	g.index = make(map[string]int32)
	for i := range g.cache {
		g.cache[i].i = -1
	}
}

// slotOf hashes the length and seven bytes of k, spread over its length, into a cache
// slot: cheap, and enough to tell model, project and organization names apart.
func slotOf(k string) int {
	n := uint(len(k))
	h := n * 0x9E3779B1
	if n > 0 {
		h ^= uint(k[0]) ^ uint(k[n-1])<<3 ^ uint(k[n/2])<<6 ^ uint(k[n/3])<<9 ^
			uint(k[2*n/3])<<12 ^ uint(k[(n-1)/2])<<15 ^ uint(k[n-1-n/4])<<18
	}
	h ^= h >> 13
	h *= 0x85EBCA6B
	h ^= h >> 16
	return int(h % groupCacheSize)
}

func (g *group) add(k string, m Money) {
	s := &g.cache[slotOf(k)]
	if s.i >= 0 && s.key == k {
		g.total[s.i] = g.total[s.i].Add(m)
		return
	}
	i, ok := g.index[k]
	if !ok {
		i = int32(len(g.keys))
		g.index[k] = i
		g.keys = append(g.keys, k)
		g.total = append(g.total, Money{})
	}
	s.key, s.i = k, i
	g.total[i] = g.total[i].Add(m)
}

func (g *group) sums() map[string]Money {
	out := make(map[string]Money, len(g.keys))
	for i, k := range g.keys {
		out[k] = g.total[i]
	}
	return out
}

// windowGroup sums money by time window; it remembers the last window to skip the
// map for runs of records in the same window.
type windowGroup struct {
	index     map[windowKey]int32
	starts    []time.Time
	total     []Money
	count     []int64
	lastStart time.Time
	lastEnd   time.Time
	last      int32
}

type windowKey struct {
	sec  int64
	nsec int32
}

func (w *windowGroup) init() {
	w.index = make(map[windowKey]int32)
	w.last = -1
}

func (w *windowGroup) add(t time.Time, d time.Duration, m Money) {
	if w.last < 0 || t.Before(w.lastStart) || !t.Before(w.lastEnd) {
		start := t.UTC().Truncate(d)
		key := windowKey{start.Unix(), int32(start.Nanosecond())}
		i, ok := w.index[key]
		if !ok {
			i = int32(len(w.starts))
			w.index[key] = i
			w.starts = append(w.starts, start)
			w.total = append(w.total, Money{})
			w.count = append(w.count, 0)
		}
		w.last, w.lastStart, w.lastEnd = i, start, start.Add(d)
	}
	w.total[w.last] = w.total[w.last].Add(m)
	w.count[w.last]++
}

func (w *windowGroup) sums() []WindowSum {
	out := make([]WindowSum, len(w.starts))
	for i := range w.starts {
		out[i] = WindowSum{Start: w.starts[i], Total: w.total[i], Count: w.count[i]}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}
