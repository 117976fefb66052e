package engine

// Calculator prices usage records with a catalog: Lookup then Entry.Cost. It keeps a
// small cache of recent (provider, model) names so that batches of records of a few
// models do not pay a full lookup each time. A Calculator is not safe for concurrent
// use; give each goroutine its own.
type Calculator struct {
	cat   *Catalog
	cache [calcCacheSize]calcSlot
	next  int
}

const calcCacheSize = 8

type calcSlot struct {
	provider, model string
	cands           []*Entry
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
	return e.Cost(u)
}

// Lookup returns the entry that prices u, as Catalog.Lookup does, through the cache.
func (k *Calculator) Lookup(u *Usage) (*Entry, error) {
	for i := range k.cache {
		s := &k.cache[i]
		if s.cands != nil && s.model == u.Model && s.provider == u.Provider {
			if e := pickByDate(s.cands, u.Timestamp); e != nil {
				return e, nil
			}
			break
		}
	}
	return k.lookupSlow(u)
}

func (k *Calculator) lookupSlow(u *Usage) (*Entry, error) {
	cands := k.cat.candidates(u.Provider, u.Model)
	if len(cands) > 0 {
		k.cache[k.next] = calcSlot{provider: u.Provider, model: u.Model, cands: cands}
		k.next = (k.next + 1) % calcCacheSize
	}
	return k.cat.Lookup(u.Provider, u.Model, u.Timestamp)
}
