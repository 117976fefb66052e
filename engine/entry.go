package engine

import (
	"time"

	"github.com/shopspring/decimal"
)

// Entry is one price of one model of one provider, in effect from EffectiveDate until
// EndDate. Exactly one of PerToken, PerRequest and Tiered is set.
type Entry struct {
	Provider      string    // canonical provider name (see CanonicalProvider)
	Model         string    // the model's name
	Aliases       []string  // other names of the same model
	EffectiveDate time.Time // first instant the price applies
	EndDate       time.Time // last instant the price applies; zero means no end
	Currency      string    // ISO 4217 code, USD by default

	PerToken   *PerToken
	PerRequest *PerRequest
	Tiered     *Tiered

	Source string // where the entry was read, "file:line"

	compiled bool          // set by ParseCatalog and NewCatalog
	rates    perTokenRates // compiled PerToken
	req      perRequestRates
	tiers    []compiledTier
}

// PerToken prices input and output tokens per million. The optional fields are nil
// when absent. The price of a cached (read) token is CachedInputPerMillion, else
// InputPerMillion x (1 - CachedInputDiscount), else InputPerMillion; the price of a
// cache-write token is CacheWritePerMillion, else InputPerMillion.
type PerToken struct {
	InputPerMillion       decimal.Decimal
	OutputPerMillion      decimal.Decimal
	CachedInputPerMillion *decimal.Decimal
	CachedInputDiscount   *decimal.Decimal // fraction 0..1; 0.9 is 90% off
	CacheWritePerMillion  *decimal.Decimal
}

// PerRequest prices a request at PricePerRequest, including IncludedTokens tokens,
// plus OveragePerMillion per million tokens beyond them.
type PerRequest struct {
	PricePerRequest   decimal.Decimal
	IncludedTokens    int64
	OveragePerMillion decimal.Decimal
}

// The bases of tiered pricing.
const (
	BasisTotalTokens  = "total_tokens"
	BasisPromptTokens = "prompt_tokens"
)

// Tiered picks the rates of a request by its token count (Basis: total_tokens by
// default, or prompt_tokens for long-context pricing): the first tier, in order, with
// MinTokens <= count <= MaxTokens applies its rates to all tokens of the request.
type Tiered struct {
	Basis string
	Tiers []Tier
}

// Tier is one band of a Tiered price. MaxTokens is nil when the band is unbounded.
// Its rates work as PerToken's.
type Tier struct {
	MinTokens int64
	MaxTokens *int64
	PerToken
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

// Kind returns the name of the entry's structure: "per_token", "per_request" or
// "tiered".
func (e *Entry) Kind() string {
	switch {
	case e.PerRequest != nil:
		return "per_request"
	case e.Tiered != nil:
		return "tiered"
	}
	return "per_token"
}
