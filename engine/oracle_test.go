package engine

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// This file is the test oracle: the contract's formulas written the straightforward
// way, with shopspring/decimal for exact products and sums and big.Rat for the
// divisions, rounded half to even at 10 places on the exact value. It shares no code
// with the engine's arithmetic.

var oracleMillion = decimal.NewFromInt(1_000_000)

// oracleRound10 rounds the exact rational r half to even at 10 decimal places.
func oracleRound10(r *big.Rat) decimal.Decimal {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt64(10_000_000_000))
	num, den := scaled.Num(), scaled.Denom() // den > 0
	floor := new(big.Int).Div(num, den)      // Euclidean: floor for den > 0
	rem := new(big.Rat).Sub(scaled, new(big.Rat).SetInt(floor))
	switch rem.Cmp(big.NewRat(1, 2)) {
	case 1:
		floor.Add(floor, big.NewInt(1))
	case 0:
		if floor.Bit(0) == 1 {
			floor.Add(floor, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(floor, -10)
}

func ratOf(d decimal.Decimal) *big.Rat { return d.Rat() }

// oracleQuo returns round10(a / b).
func oracleQuo(a, b decimal.Decimal) decimal.Decimal {
	return oracleRound10(new(big.Rat).Quo(ratOf(a), ratOf(b)))
}

type oracleCost struct{ in, out, fees, total decimal.Decimal }

func (c oracleCost) String() string {
	return fmt.Sprintf("in %s out %s fees %s total %s", c.in, c.out, c.fees, c.total)
}

func oraclePerToken(p *PerToken, u *Usage) oracleCost {
	d := decimal.NewFromInt
	input := p.InputPerMillion
	cachedPrice := input
	if p.CachedInputPerMillion != nil {
		cachedPrice = *p.CachedInputPerMillion
	} else if p.CachedInputDiscount != nil {
		cachedPrice = input.Mul(d(1).Sub(*p.CachedInputDiscount))
	}
	writePrice := input
	if p.CacheWritePerMillion != nil {
		writePrice = *p.CacheWritePerMillion
	}
	// The dimensions beyond the contract: 1-hour cache writes (part of the cache
	// writes) at their price, else the cache-write price; audio and image input
	// (part of the uncached prompt) at theirs, else the input price.
	or := func(x *decimal.Decimal, def decimal.Decimal) decimal.Decimal {
		if x != nil {
			return *x
		}
		return def
	}
	write1hPrice := or(p.CacheWrite1hPerMillion, writePrice)
	audioPrice, imagePrice := or(p.AudioInputPerMillion, input), or(p.ImageInputPerMillion, input)
	uncached := d(u.PromptTokens).Sub(d(u.CachedTokens)).Sub(d(u.CacheWriteTokens)).Sub(d(u.AudioInputTokens)).Sub(d(u.ImageInputTokens))
	sum := uncached.Mul(input).Add(d(u.CachedTokens).Mul(cachedPrice)).
		Add(d(u.CacheWriteTokens - u.CacheWrite1hTokens).Mul(writePrice)).Add(d(u.CacheWrite1hTokens).Mul(write1hPrice)).
		Add(d(u.AudioInputTokens).Mul(audioPrice)).Add(d(u.ImageInputTokens).Mul(imagePrice))
	in := oracleQuo(sum, oracleMillion)
	out := oracleQuo(d(u.CompletionTokens).Mul(p.OutputPerMillion), oracleMillion)
	return oracleCost{in: in, out: out, total: in.Add(out)}
}

func oraclePerRequest(p *PerRequest, u *Usage) oracleCost {
	over := u.TotalTokens - p.IncludedTokens
	if over < 0 {
		over = 0
	}
	// total = price + over x overage / 1e6, exact.
	total := new(big.Rat).Add(ratOf(p.PricePerRequest),
		new(big.Rat).Quo(ratOf(decimal.NewFromInt(over).Mul(p.OveragePerMillion)), ratOf(oracleMillion)))
	share := new(big.Rat).Mul(total, big.NewRat(u.PromptTokens, u.TotalTokens))
	in := oracleRound10(share)
	out := oracleRound10(new(big.Rat).Sub(total, ratOf(in)))
	return oracleCost{in: in, out: out, total: in.Add(out)}
}

// oracleTiered returns the cost and false when no tier matches.
func oracleTiered(t *Tiered, u *Usage) (oracleCost, bool) {
	basis := u.TotalTokens
	if t.Basis == BasisPromptTokens {
		basis = u.PromptTokens
	}
	for i := range t.Tiers {
		tier := &t.Tiers[i]
		if tier.MinTokens <= basis && (tier.MaxTokens == nil || basis <= *tier.MaxTokens) {
			return oraclePerToken(&tier.PerToken, u), true
		}
	}
	return oracleCost{}, false
}

// oracleEntryCost prices u with e, and adds the web searches' fees: searches x
// fee, rounded half to even at 10 places. It reports false when no tier holds u,
// or u has web searches and e no fee.
func oracleEntryCost(e *Entry, u *Usage) (oracleCost, bool) {
	c, ok := oracleStructureCost(e, u)
	if !ok || u.WebSearchRequests == 0 {
		return c, ok
	}
	if e.WebSearchPerRequest == nil {
		return oracleCost{}, false
	}
	c.fees = oracleRound10(ratOf(decimal.NewFromInt(u.WebSearchRequests).Mul(*e.WebSearchPerRequest)))
	c.total = c.total.Add(c.fees)
	return c, true
}

func oracleStructureCost(e *Entry, u *Usage) (oracleCost, bool) {
	switch p := e.Pricing.(type) {
	case *PerToken:
		return oraclePerToken(p, u), true
	case *PerRequest:
		return oraclePerRequest(p, u), true
	case *Tiered:
		return oracleTiered(p, u)
	}
	panic(fmt.Sprintf("the oracle has no formula for %T", e.Pricing))
}
