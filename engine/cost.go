package engine

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// The structures of an Entry, as compiled.
const (
	kindPerToken = iota
	kindPerRequest
	kindTiered
)

// perTokenRates are the effective per-million prices of one rate set (PerToken or one
// Tier): as integers of 1e-10 when fast, and always as exact decimals.
type perTokenRates struct {
	in, out, cached, write     int64 // units of 1e-10 per million tokens, when fast
	fast                       bool  // all four prices fit the integer form
	dIn, dOut, dCached, dWrite decimal.Decimal
}

type perRequestRates struct {
	price, overage int64 // units of 1e-10 (per request; per million tokens), when fast
	included       int64
	fast           bool
	dPrice, dOver  decimal.Decimal
}

type compiledTier struct {
	min, max int64 // inclusive; max is math.MaxInt64 when unbounded
	rates    perTokenRates
}

// Cost prices u with the entry. It checks u's token counts as Validate does (but not
// its provider, model or timestamp) and fails when a tiered entry has no tier for u.
// It does not allocate unless an amount leaves the int64 range of Money or a price has
// more than 10 decimal places.
func (e *Entry) Cost(u *Usage) (Cost, error) {
	if !e.compiled {
		return Cost{}, errNotCompiled
	}
	if err := checkCounts(u); err != nil {
		return Cost{}, err
	}
	var in, out Money
	switch e.kind() {
	case kindPerToken:
		in, out = e.rates.cost(u)
	case kindPerRequest:
		in, out = e.req.cost(u)
	default:
		t := e.tierFor(u)
		if t == nil {
			return Cost{}, e.noTierError(u)
		}
		in, out = t.rates.cost(u)
	}
	total := in
	if !addSmall(&total, out) {
		addBig(&total, out)
	}
	return Cost{Input: in, Output: out, Total: total, Currency: e.Currency}, nil
}

func (e *Entry) kind() int {
	switch {
	case e.PerRequest != nil:
		return kindPerRequest
	case e.Tiered != nil:
		return kindTiered
	}
	return kindPerToken
}

// tierFor returns the first tier whose band holds u's basis count, or nil.
func (e *Entry) tierFor(u *Usage) *compiledTier {
	n := u.TotalTokens
	if e.Tiered.Basis == BasisPromptTokens {
		n = u.PromptTokens
	}
	for i := range e.tiers {
		if t := &e.tiers[i]; t.min <= n && n <= t.max {
			return t
		}
	}
	return nil
}

func (e *Entry) noTierError(u *Usage) error {
	basis := e.Tiered.Basis
	n := u.TotalTokens
	if basis == BasisPromptTokens {
		n = u.PromptTokens
	}
	return fmt.Errorf("%s: provider %s, model %s: no tier holds %s = %d", e.Source, e.Provider, e.Model, basis, n)
}

var errNotCompiled = errors.New("engine: Entry.Cost on an entry not built by ParseCatalog or NewCatalog")

// cost returns the input and output cost of u at rates r.
func (r *perTokenRates) cost(u *Usage) (in, out Money) {
	uncached := u.PromptTokens - u.CachedTokens - u.CacheWriteTokens
	if r.fast {
		hi, lo := bits.Mul64(uint64(uncached), uint64(r.in))
		hi, lo = add128(hi, lo, uint64(u.CachedTokens), uint64(r.cached))
		hi, lo = add128(hi, lo, uint64(u.CacheWriteTokens), uint64(r.write))
		iu, ok1 := divRoundMillion(hi, lo)
		hi, lo = bits.Mul64(uint64(u.CompletionTokens), uint64(r.out))
		ou, ok2 := divRoundMillion(hi, lo)
		if ok1 && ok2 {
			return Money{u: iu}, Money{u: ou}
		}
	}
	return r.costSlow(u, uncached)
}

// costSlow is cost in arbitrary precision.
func (r *perTokenRates) costSlow(u *Usage, uncached int64) (in, out Money) {
	sum := decimal.NewFromInt(uncached).Mul(r.dIn).
		Add(decimal.NewFromInt(u.CachedTokens).Mul(r.dCached)).
		Add(decimal.NewFromInt(u.CacheWriteTokens).Mul(r.dWrite))
	in = roundQuo(sum, million)
	out = roundQuo(decimal.NewFromInt(u.CompletionTokens).Mul(r.dOut), million)
	return in, out
}

// cost returns the input and output cost of u at per-request rates r:
// total = price + max(0, total_tokens - included) x overage / 1e6,
// input = round10(total x prompt / total_tokens), output = round10(total - input).
func (r *perRequestRates) cost(u *Usage) (in, out Money) {
	over := u.TotalTokens - r.included
	if over < 0 {
		over = 0
	}
	if r.fast && u.TotalTokens <= math.MaxUint64/million {
		hi, lo := bits.Mul64(uint64(r.price), million)
		hi, lo = add128(hi, lo, uint64(over), uint64(r.overage))
		if hi == 0 && lo <= math.MaxInt64/2 { // lo is the exact total in units of 1e-16
			den := uint64(u.TotalTokens) * million
			nhi, nlo := bits.Mul64(lo, uint64(u.PromptTokens))
			if nhi < den {
				q, rem := bits.Div64(nhi, nlo, den)
				if rem > den-rem || rem == den-rem && q&1 == 1 {
					q++
				}
				rest := int64(lo) - int64(q)*million // total - input, units of 1e-16
				oq := rest / million
				oq += roundAdjust(oq, rest%million, million)
				return Money{u: int64(q)}, Money{u: oq}
			}
		}
	}
	return r.costSlow(u, over)
}

func (r *perRequestRates) costSlow(u *Usage, over int64) (in, out Money) {
	total := r.dPrice.Add(decimal.NewFromInt(over).Mul(r.dOver).Shift(-6))
	in = roundQuo(total.Mul(decimal.NewFromInt(u.PromptTokens)), u.TotalTokens)
	out = roundQuo(total.Sub(in.Decimal()), 1)
	return in, out
}

const million = 1_000_000

// add128 returns (hi, lo) + a x b. The sum must fit in 128 bits.
func add128(hi, lo, a, b uint64) (uint64, uint64) {
	phi, plo := bits.Mul64(a, b)
	lo, c := bits.Add64(lo, plo, 0)
	hi, _ = bits.Add64(hi, phi, c)
	return hi, lo
}

// divRoundMillion returns the 128-bit (hi, lo) divided by 1e6, rounded half to even,
// and false when the quotient does not fit in an int64.
func divRoundMillion(hi, lo uint64) (int64, bool) {
	var q, rem uint64
	switch {
	case hi == 0:
		q = lo / million
		rem = lo - q*million
	case hi < million:
		q, rem = bits.Div64(hi, lo, million)
	default:
		return 0, false
	}
	if rem > million/2 || rem == million/2 && q&1 == 1 {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// roundQuo returns d / den rounded half to even at 10 decimal places, exactly.
func roundQuo(d decimal.Decimal, den int64) Money {
	num := d.Coefficient()
	exp := int(d.Exponent()) + Scale // units = coefficient x 10^exp / den
	bden := bigInt(den)
	if exp >= 0 {
		num.Mul(num, pow10(exp))
	} else {
		bden.Mul(bden, pow10(-exp))
	}
	return moneyFromBig(quoRoundHalfEven(num, bden))
}
