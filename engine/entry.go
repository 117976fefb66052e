package engine

import (
	"fmt"
	"time"
)

// Entry is one price of one model of one provider, in effect from EffectiveDate until
// EndDate, with its pricing Structure.
type Entry struct {
	Provider      string    // canonical provider name (see CanonicalProvider)
	Model         string    // the model's name
	Aliases       []string  // other names of the same model
	EffectiveDate time.Time // first instant the price applies
	EndDate       time.Time // last instant the price applies; zero means no end
	Currency      string    // ISO 4217 code, USD by default

	Pricing Structure // *PerToken, *PerRequest or *Tiered

	Source string // where the entry was read, "file:line"

	price pricer // the compiled Pricing, set by ParseCatalog and NewCatalog
}

// Cost is the price of one usage record: input and output cost, each rounded half to
// even at 10 decimal places, and their sum.
type Cost struct {
	Input    Money
	Output   Money
	Total    Money
	Currency string
}

// names returns the model and its aliases.
func (e *Entry) names() []string {
	return append([]string{e.Model}, e.Aliases...)
}

// covers reports whether the entry is in effect at t.
func (e *Entry) covers(t time.Time) bool {
	return !t.Before(e.EffectiveDate) && (e.EndDate.IsZero() || !t.After(e.EndDate))
}

// Kind returns the catalog key of the entry's structure: "per_token",
// "per_request" or "tiered"; "" when it has none.
func (e *Entry) Kind() string {
	if e.Pricing == nil {
		return ""
	}
	return e.Pricing.Kind()
}

// Cost prices u with the entry. It checks u's token counts as Validate does (but not
// its provider, model or timestamp) and fails when a tiered entry has no tier for u.
// It does not allocate unless an amount leaves the int64 range of Money or a price has
// more than 10 decimal places.
func (e *Entry) Cost(u *Usage) (Cost, error) {
	if e.price == nil {
		return Cost{}, errNotCompiled
	}
	if err := checkCounts(u); err != nil {
		return Cost{}, err
	}
	in, out, err := e.price.cost(countsOf(u))
	if err != nil {
		return Cost{}, fmt.Errorf("%s: provider %s, model %s: %w", e.Source, e.Provider, e.Model, err)
	}
	total := in
	if !addSmall(&total, out) {
		addBig(&total, out)
	}
	return Cost{Input: in, Output: out, Total: total, Currency: e.Currency}, nil
}
