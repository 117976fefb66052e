package engine

import (
	"errors"
	"math/big"

	"github.com/shopspring/decimal"
)

var errNotCompiled = errors.New("engine: Entry.Cost on an entry not built by ParseCatalog or NewCatalog")

// compile prepares the entry's pricer for Cost.
func (e *Entry) compile() {
	e.price = e.Pricing.compile()
	e.rates, _ = e.price.(*perTokenRates)
	e.tiers, _ = e.price.(*tieredRates)
	if e.WebSearchPerRequest != nil {
		e.feeGiven = true
		e.fee, e.feeFast = fastUnits(*e.WebSearchPerRequest)
	}
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
