package engine

import "time"

// Calculator prices usage records with a catalog: Lookup then Entry.Cost. It keeps a
// small cache of recent (provider, model) names and the time span over which their
// last entry applies, so that batches of records of a few models do not pay a full
// lookup each time. A Calculator is not safe for concurrent use; give each goroutine
// its own.
type Calculator struct {
	cat   *Catalog
	cache [calcCacheSize]calcSlot
}

// The Calculator's cache has calcCacheSize slots; a name may sit in one of two, the
// top and the bottom bits of its hashKey.
const (
	calcCacheBits = 6
	calcCacheSize = 1 << calcCacheBits
)

// calcSlot remembers the candidates of one (provider, model) as written in records,
// and the entry that applies from from to to (inclusive).
type calcSlot struct {
	provider, model string
	tier            string // the record's service_tier, as written
	cands           []*Entry
	entry           *Entry
	from, to        instant
}

// instant is a time as Unix seconds and nanoseconds, cheap to compare.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

func (a instant) after(b instant) bool {
	return a.sec > b.sec || a.sec == b.sec && a.nsec > b.nsec
}

// NewCalculator returns a Calculator pricing with c.
func NewCalculator(c *Catalog) *Calculator { return &Calculator{cat: c} }

// Price returns the cost of u: the catalog's entry for u's provider, model and
// timestamp, applied to u's token counts.
func (k *Calculator) Price(u *Usage) (Cost, error) {
	e, err := k.Lookup(u)
	if err != nil {
		return Cost{}, err
	}
	if in, out, ok := e.quick(u); ok {
		return Cost{Input: Money{u: in}, Output: Money{u: out}, Total: Money{u: in + out}, Currency: e.Currency}, nil
	}
	if u.WebSearchRequests != 0 {
		if in, out, fee, ok := e.quickFees(u); ok {
			return Cost{Input: Money{u: in}, Output: Money{u: out}, Fees: Money{u: fee}, Total: Money{u: in + out + fee}, Currency: e.Currency}, nil
		}
	}
	return e.cost(u)
}

// Lookup returns the entry that prices u, as Catalog.Lookup does, through the cache.
func (k *Calculator) Lookup(u *Usage) (*Entry, error) {
	h := hashKey(u.Model)
	if u.ServiceTier != "" { // the tiers of one model take slots of their own
		h = fold(h, hashKey(u.ServiceTier))
	}
	s := &k.cache[h>>(64-calcCacheBits)]
	if s.cands == nil || !sameName(s.model, u.Model) || !sameName(s.provider, u.Provider) || s.tier != u.ServiceTier {
		if t := &k.cache[h&(calcCacheSize-1)]; t.cands != nil && sameName(t.model, u.Model) && sameName(t.provider, u.Provider) && t.tier == u.ServiceTier {
			s = t
		} else {
			cands := k.cat.candidates(u.Provider, u.Model)
			if len(cands) == 0 {
				return k.cat.LookupTier(u.Provider, u.Model, u.ServiceTier, u.Timestamp)
			}
			if s.cands != nil {
				s = t
			}
			*s = calcSlot{provider: u.Provider, model: u.Model, tier: u.ServiceTier, cands: cands}
		}
	}
	at := instantOf(u.Timestamp)
	if s.entry != nil && !s.from.after(at) && !at.after(s.to) {
		return s.entry, nil
	}
	return k.pick(s, u, at)
}

// sameName reports whether a and b are equal, without a call when they are
// identical (records of one decoder share their names, and the cache keeps the
// strings of the record that filled a slot).
func sameName(a, b string) bool { return identical(a, b) || a == b }

// pick finds the entry of slot s for u and remembers the span over which it applies.
func (k *Calculator) pick(s *calcSlot, u *Usage, at instant) (*Entry, error) {
	tier := ServiceTierOf(u.ServiceTier)
	for n, e := range s.cands {
		if e.ServiceTier != tier || !e.covers(u.Timestamp) {
			continue
		}
		s.entry, s.from, s.to = e, instantOf(e.EffectiveDate), instant{sec: 1<<63 - 1}
		if !e.EndDate.IsZero() {
			s.to = instantOf(e.EndDate)
		}
		// A candidate earlier in the list (a newer entry, or one of an upper layer)
		// wins wherever it is in effect, and it is not at at: the span stops
		// before it starts, or starts after it ended.
		for _, c := range s.cands[:n] {
			if c.ServiceTier != tier {
				continue
			}
			if start := instantOf(c.EffectiveDate); start.after(at) {
				if eff := instantOf(c.EffectiveDate.Add(-time.Nanosecond)); s.to.after(eff) {
					s.to = eff
				}
			} else if end := instantOf(c.EndDate.Add(time.Nanosecond)); end.after(s.from) {
				s.from = end
			}
		}
		return e, nil
	}
	s.entry = nil
	return k.cat.LookupTier(u.Provider, u.Model, u.ServiceTier, u.Timestamp)
}
