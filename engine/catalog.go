package engine

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Catalog is a set of pricing entries, indexed by provider, model or alias, and date.
// A Catalog is immutable once built and safe for concurrent use.
type Catalog struct {
	name    string
	entries []*Entry
	index   catalogIndex
	layers  []*Catalog // of a merged catalog, the upper first (each one not merged); nil otherwise
}

// ErrNoPrice is the cause of every failed lookup; the error returned is a *LookupError.
var ErrNoPrice = errors.New("no price")

// LookupError is a lookup that found no entry.
type LookupError struct {
	Provider string
	Model    string
	At       time.Time
	Reason   string // why: unknown model, or no entry effective at that date
}

func (e *LookupError) Error() string {
	return fmt.Sprintf("no price for provider %q, model %q at %s: %s",
		e.Provider, e.Model, e.At.UTC().Format(time.RFC3339), e.Reason)
}

// Unwrap returns ErrNoPrice.
func (e *LookupError) Unwrap() error { return ErrNoPrice }

// Name returns the name the catalog was parsed with (usually its file), or a
// combination of names for a merged catalog.
func (c *Catalog) Name() string { return c.name }

// Entries returns the catalog's entries in file order (for a merged catalog, each
// layer's in turn, the upper layer's first: a lower layer's entry prices only
// what the layers above it do not).
func (c *Catalog) Entries() []*Entry { return append([]*Entry(nil), c.entries...) }

// Len returns the number of entries.
func (c *Catalog) Len() int { return len(c.entries) }

// Lookup returns the entry that prices a request to model (or one of its aliases) of
// provider at time at: among the entries for that name, the one with the latest
// effective date not after at whose end date is absent or not before at. Provider
// names are case-insensitive and may be aliases (see CanonicalProvider). A model ID
// the catalog does not name exactly (a dated snapshot, a Bedrock or Vertex AI ID, an
// Azure deployment name, a -latest alias) resolves by the rules of ResolveModel.
func (c *Catalog) Lookup(provider, model string, at time.Time) (*Entry, error) {
	return c.LookupTier(provider, model, TierStandard, at)
}

// LookupTier is Lookup for a service tier (a record's service_tier, see
// ServiceTierOf): only entries of that tier price it; a tier the catalog has no
// entry for is no price, never the standard price.
func (c *Catalog) LookupTier(provider, model, tier string, at time.Time) (*Entry, error) {
	cands := c.candidates(provider, model)
	tier = ServiceTierOf(tier)
	if e := pickByDate(cands, tier, at); e != nil {
		return e, nil
	}
	reason := "no entry effective at that date"
	if tier != TierStandard {
		reason = "no " + tier + " tier entry effective at that date"
	}
	if len(cands) == 0 {
		reason = "unknown model"
		if !c.hasProvider(CanonicalProvider(provider)) {
			reason = "unknown provider"
		}
	}
	return nil, &LookupError{Provider: provider, Model: model, At: at, Reason: reason}
}

// candidates returns the entries of the first name of ResolveModel(model) that the
// catalog prices for provider, newest first, or nil.
func (c *Catalog) candidates(provider, model string) []*Entry {
	p := CanonicalProvider(provider)
	if cands := c.index.get(p, model); cands != nil {
		return cands // the common case: no resolution, no allocation
	}
	if c.layers != nil { // a merge: its own index is empty
		return c.layeredCandidates(provider, model)
	}
	for _, n := range ResolveModel(model)[1:] {
		if cands := c.index.get(p, n); cands != nil {
			return cands
		}
	}
	return nil
}

// layeredCandidates is candidates of a merged catalog: each layer's candidates
// (resolved by that layer alone), the upper layer's first, so that the first
// entry in effect is the upper layer's whenever it has one. It allocates only
// when more than one layer prices the name.
func (c *Catalog) layeredCandidates(provider, model string) []*Entry {
	var out []*Entry
	shared := true // out is a layer's own list
	for _, l := range c.layers {
		cands := l.candidates(provider, model)
		switch {
		case len(cands) == 0:
		case out == nil:
			out = cands
		default:
			if shared {
				out, shared = append(make([]*Entry, 0, len(out)+len(cands)), out...), false
			}
			out = append(out, cands...)
		}
	}
	return out
}

func (c *Catalog) hasProvider(p string) bool {
	for _, e := range c.entries {
		if e.Provider == p {
			return true
		}
	}
	return false
}

// pickByDate returns the first entry of cands (newest first within each layer, the
// upper layer first) of the tier in effect at at, or nil.
func pickByDate(cands []*Entry, tier string, at time.Time) *Entry {
	for _, e := range cands {
		if e.ServiceTier == tier && e.covers(at) {
			return e
		}
	}
	return nil
}

// Merge returns other layered over c: a record that other prices (its provider,
// model as other resolves it, service tier, and a date within one of other's
// entries) is priced by other; every other record as c prices it. So a file of
// negotiated or new prices over the built-in catalog changes those models at
// those dates and leaves the rest priced. Each layer keeps its own rules (a
// layer's overlapping entries are an error when it is read); across layers the
// upper one wins. Neither c nor other changes; either may itself be a merge.
func (c *Catalog) Merge(other *Catalog) *Catalog {
	m := &Catalog{name: other.name + " over " + c.name}
	m.index.init()
	m.layers = append(append(m.layers, other.layerList()...), c.layerList()...)
	for _, l := range m.layers {
		m.entries = append(m.entries, l.entries...)
	}
	return m
}

// layerList returns the catalogs c is made of, the upper first: c itself unless
// it is a merge.
func (c *Catalog) layerList() []*Catalog {
	if c.layers != nil {
		return c.layers
	}
	return []*Catalog{c}
}

// Layers returns the catalogs a merged catalog is made of (see Merge), the
// upper first; for any other catalog, the catalog alone.
func (c *Catalog) Layers() []*Catalog { return append([]*Catalog(nil), c.layerList()...) }

// newCatalog indexes entries, newest effective date first within each name.
func newCatalog(name string, entries []*Entry) *Catalog {
	c := &Catalog{name: name, entries: entries}
	c.index.init()
	for _, e := range entries {
		for _, n := range e.names() {
			c.index.set(e.Provider, n, append(c.index.get(e.Provider, n), e))
		}
	}
	for _, l := range c.index.all() {
		sort.SliceStable(l.entries, func(i, j int) bool {
			return l.entries[i].EffectiveDate.After(l.entries[j].EffectiveDate)
		})
	}
	return c
}

// NewCatalog builds a catalog from entries made in Go rather than read from YAML. It
// checks each entry as ParseCatalog does (provider, model, effective date, exactly one
// structure), canonicalises provider names and defaults the currency to USD.
func NewCatalog(name string, entries []*Entry) (*Catalog, error) {
	var errs []error
	for i, e := range entries {
		e.Provider = CanonicalProvider(e.Provider)
		if e.Currency == "" {
			e.Currency = "USD"
		}
		if e.Source == "" {
			e.Source = fmt.Sprintf("%s: entry %d", name, i)
		}
		if err := e.checkGo(); err != nil {
			errs = append(errs, fmt.Errorf("%s: entry %d%s: %w", name, i, e.label(), err))
			continue
		}
		e.compile()
	}
	if err := checkDuplicates(entries); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return newCatalog(name, entries), nil
}

// checkGo applies ParseCatalog's rules to an entry made in Go.
func (e *Entry) checkGo() error {
	var structures []string
	if e.Pricing != nil {
		structures = append(structures, e.Pricing.Kind())
	}
	return e.check(structures)
}
