package engine

import (
	"fmt"
	"math"
	"math/bits"
	"time"

	"github.com/shopspring/decimal"
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

	// ServiceTier is the tier of the records the entry prices: TierStandard (""),
	// TierBatch, TierPriority or TierFlex.
	ServiceTier string
	// WebSearchPerRequest is the fee of one web search (a record's
	// web_search_requests); nil when the entry has none, and then a record with web
	// searches has no price.
	WebSearchPerRequest *decimal.Decimal

	Source string // where the entry was read, "file:line"

	price    pricer         // the compiled Pricing, set by ParseCatalog and NewCatalog
	rates    *perTokenRates // price when Pricing is *PerToken, called without the interface
	tiers    *tieredRates   // price when Pricing is *Tiered, called without the interface
	fee      int64          // WebSearchPerRequest in units of 1e-10, when feeFast
	feeFast  bool
	feeGiven bool
}

// Cost is the price of one usage record: input and output cost, each rounded half to
// even at 10 decimal places, the add-on fees (web searches), and their sum.
type Cost struct {
	Input    Money
	Output   Money
	Fees     Money // zero unless the record has web searches
	Total    Money // Input + Output + Fees
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

// quick prices the common case, a per-token price of valid counts with no fees
// whose costs and their sum fit an int64, in direct calls: the input and output
// cost in units of 1e-10. It returns false for every other case, which cost
// prices. Cost and Calculator.Price write the literal Cost of its amounts in their
// return statement (a helper returning the Cost costs a copy).
func (e *Entry) quick(u *Usage) (in, out int64, ok bool) {
	r := e.rates
	if r == nil {
		if e.tiers == nil {
			return 0, 0, false // another structure, priced by cost alone
		}
		if r = e.tiers.of(u.TotalTokens, u.PromptTokens); r == nil {
			return 0, 0, false // no tier: cost says so
		}
	}
	if u.WebSearchRequests != 0 || !countsValid(u) {
		return 0, 0, false // web searches: quickFees
	}
	in, out, ok = r.units(u.PromptTokens, u.CompletionTokens, u.CachedTokens, u.CacheWriteTokens,
		u.CacheWrite1hTokens, u.AudioInputTokens, u.ImageInputTokens)
	return in, out, ok && in <= math.MaxInt64-out
}

// quickFees is quick for a record with web searches (which quick leaves to it,
// so that records without any pay nothing for their fees): the input cost, the output
// cost and the fees in units of 1e-10, when the fee is a whole number of units
// and the fees and the total fit an int64. n x fee is then exact, as cost's
// rounding at 10 places of the same product is. It returns false for every
// other case, which cost prices (or reports: no fee).
func (e *Entry) quickFees(u *Usage) (in, out, fee int64, ok bool) {
	hi, lo := bits.Mul64(uint64(u.WebSearchRequests), uint64(e.fee))
	if !e.feeFast || hi != 0 || lo > math.MaxInt64 {
		return 0, 0, 0, false
	}
	r := e.rates
	if r == nil {
		if e.tiers == nil {
			return 0, 0, 0, false
		}
		if r = e.tiers.of(u.TotalTokens, u.PromptTokens); r == nil {
			return 0, 0, 0, false
		}
	}
	if !countsValid(u) {
		return 0, 0, 0, false
	}
	in, out, ok = r.units(u.PromptTokens, u.CompletionTokens, u.CachedTokens, u.CacheWriteTokens,
		u.CacheWrite1hTokens, u.AudioInputTokens, u.ImageInputTokens)
	fee = int64(lo)
	return in, out, fee, ok && in <= math.MaxInt64-out && in+out <= math.MaxInt64-fee
}

// cost is Cost for every structure and amount.
func (e *Entry) cost(u *Usage) (Cost, error) {
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
	c := Cost{Input: in, Output: out, Total: total, Currency: e.Currency}
	if u.WebSearchRequests > 0 {
		if c.Fees, err = e.fees(u.WebSearchRequests); err != nil {
			return Cost{}, err
		}
		c.Total = c.Total.Add(c.Fees)
	}
	return c, nil
}

// fees returns the fee of n web searches: n x WebSearchPerRequest, rounded half to
// even at 10 places.
func (e *Entry) fees(n int64) (Money, error) {
	if !e.feeGiven {
		return Money{}, fmt.Errorf("%s: provider %s, model %s: %w: web_search_requests %d, and the entry has no web_search_per_request",
			e.Source, e.Provider, e.Model, ErrNoPrice, n)
	}
	if e.feeFast {
		if hi, lo := bits.Mul64(uint64(n), uint64(e.fee)); hi == 0 && lo <= math.MaxInt64 {
			return Money{u: int64(lo)}, nil
		}
	}
	return roundQuo(decimal.NewFromInt(n).Mul(*e.WebSearchPerRequest), 1), nil
}
