package engine

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// compile prepares the entry's rates for Cost.
func (e *Entry) compile() {
	e.compiled = true
	switch {
	case e.PerToken != nil:
		e.rates = compileRates(e.PerToken)
	case e.PerRequest != nil:
		p := e.PerRequest
		e.req = perRequestRates{included: p.IncludedTokens, dPrice: p.PricePerRequest, dOver: p.OveragePerMillion}
		var ok1, ok2 bool
		e.req.price, ok1 = fastUnits(p.PricePerRequest)
		e.req.overage, ok2 = fastUnits(p.OveragePerMillion)
		e.req.fast = ok1 && ok2
	case e.Tiered != nil:
		e.tiers = make([]compiledTier, len(e.Tiered.Tiers))
		for i, t := range e.Tiered.Tiers {
			max := int64(math.MaxInt64)
			if t.MaxTokens != nil {
				max = *t.MaxTokens
			}
			e.tiers[i] = compiledTier{min: t.MinTokens, max: max, rates: compileRates(&t.PerToken)}
		}
	}
}

// compileRates resolves the cached and cache-write prices of p and their integer form.
func compileRates(p *PerToken) perTokenRates {
	r := perTokenRates{dIn: p.InputPerMillion, dOut: p.OutputPerMillion, dCached: p.InputPerMillion, dWrite: p.InputPerMillion}
	switch {
	case p.CachedInputPerMillion != nil:
		r.dCached = *p.CachedInputPerMillion
	case p.CachedInputDiscount != nil:
		r.dCached = p.InputPerMillion.Mul(decimal.NewFromInt(1).Sub(*p.CachedInputDiscount))
	}
	if p.CacheWritePerMillion != nil {
		r.dWrite = *p.CacheWritePerMillion
	}
	var ok [4]bool
	r.in, ok[0] = fastUnits(r.dIn)
	r.out, ok[1] = fastUnits(r.dOut)
	r.cached, ok[2] = fastUnits(r.dCached)
	r.write, ok[3] = fastUnits(r.dWrite)
	r.fast = ok[0] && ok[1] && ok[2] && ok[3]
	return r
}

// fastUnits returns d in units of 1e-10 and true when that is a non-negative integer
// that fits in an int64.
func fastUnits(d decimal.Decimal) (int64, bool) {
	if d.Sign() < 0 {
		return 0, false
	}
	num := d.Coefficient()
	exp := int(d.Exponent()) + Scale
	if exp >= 0 {
		num.Mul(num, pow10(exp))
	} else {
		q, r := new(big.Int).QuoRem(num, pow10(-exp), new(big.Int))
		if r.Sign() != 0 {
			return 0, false
		}
		num = q
	}
	if !num.IsInt64() {
		return 0, false
	}
	return num.Int64(), true
}
