package engine

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// PerRequest prices a request at PricePerRequest, including IncludedTokens tokens,
// plus OveragePerMillion per million tokens beyond them:
// total = price + max(0, total_tokens - included) x overage / 1e6, split into
// input = round10(total x prompt / total_tokens) and output = round10(total - input).
//
// In a catalog: per_request: {price_per_request, included_tokens?,
// overage_per_million?}.
type PerRequest struct {
	PricePerRequest   decimal.Decimal
	IncludedTokens    int64
	OveragePerMillion decimal.Decimal
}

// Kind returns "per_request".
func (p *PerRequest) Kind() string { return "per_request" }

// Validate checks that the prices are non-negative decimals of the catalog's
// precision and the included tokens not negative.
func (p *PerRequest) Validate() error {
	if err := checkPrice(p.PricePerRequest); err != nil {
		return fmt.Errorf("price_per_request: %s %w", p.PricePerRequest, err)
	}
	if err := checkPrice(p.OveragePerMillion); err != nil {
		return fmt.Errorf("overage_per_million: %s %w", p.OveragePerMillion, err)
	}
	if p.IncludedTokens < 0 {
		return fmt.Errorf("included_tokens: %d is negative", p.IncludedTokens)
	}
	return nil
}

func (p *PerRequest) compile() pricer {
	r := &perRequestRates{included: p.IncludedTokens, dPrice: p.PricePerRequest, dOver: p.OveragePerMillion}
	var ok1, ok2 bool
	r.price, ok1 = fastUnits(p.PricePerRequest)
	r.overage, ok2 = fastUnits(p.OveragePerMillion)
	r.fast = ok1 && ok2
	return r
}

func parsePerRequest(n *yaml.Node) (Structure, error) {
	fields, err := mapping(n)
	if err != nil {
		return nil, err
	}
	p := &PerRequest{}
	havePrice := false
	for _, f := range fields {
		switch f.key {
		case "price_per_request":
			p.PricePerRequest, err = price(f.val)
			havePrice = true
		case "included_tokens":
			p.IncludedTokens, err = tokenCount(f.val)
		case "overage_per_million":
			p.OveragePerMillion, err = price(f.val)
		default:
			err = errors.New("unknown field")
		}
		if err != nil {
			return nil, inField(f.key, f.val, err)
		}
	}
	if !havePrice {
		return nil, inField("price_per_request", n, errMissing)
	}
	return p, nil
}

type perRequestRates struct {
	price, overage int64 // units of 1e-10 (per request; per million tokens), when fast
	included       int64
	fast           bool
	dPrice, dOver  decimal.Decimal
}

// cost returns the input and output cost of c at per-request rates r.
func (r *perRequestRates) cost(c counts) (in, out Money, err error) {
	over := c.total - r.included
	if over < 0 {
		over = 0
	}
	if r.fast && c.total <= math.MaxUint64/million {
		hi, lo := bits.Mul64(uint64(r.price), million)
		hi, lo = add128(hi, lo, uint64(over), uint64(r.overage))
		if hi == 0 && lo <= math.MaxInt64/2 { // lo is the exact total in units of 1e-16
			den := uint64(c.total) * million
			nhi, nlo := bits.Mul64(lo, uint64(c.prompt))
			if nhi < den {
				q, rem := bits.Div64(nhi, nlo, den)
				if rem > den-rem || rem == den-rem && q&1 == 1 {
					q++
				}
				rest := int64(lo) - int64(q)*million // total - input, units of 1e-16
				oq := rest / million
				oq += roundAdjust(oq, rest%million, million)
				return Money{u: int64(q)}, Money{u: oq}, nil
			}
		}
	}
	in, out = r.costSlow(c, over)
	return in, out, nil
}

func (r *perRequestRates) costSlow(c counts, over int64) (in, out Money) {
	total := r.dPrice.Add(decimal.NewFromInt(over).Mul(r.dOver).Shift(-6))
	in = roundQuo(total.Mul(decimal.NewFromInt(c.prompt)), c.total)
	out = roundQuo(total.Sub(in.Decimal()), 1)
	return in, out
}
