package engine

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Finding is a price that a sanity check of CheckCatalog doubts.
type Finding struct {
	Source   string // the entry's file:line
	Provider string
	Model    string
	Message  string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: provider %s, model %s: %s", f.Source, f.Provider, f.Model, f.Message)
}

// magnitudeLimit is how far (as a factor) a price may sit from the median price of
// its provider's other models before CheckCatalog doubts it. Real price lists span
// about two orders of magnitude around the median; unit errors (a price per token
// written as per million, per thousand read as per token) are off by 10^3 to 10^6.
var magnitudeLimit = decimal.NewFromInt(1000)

// minPeers is the fewest priced models of a provider that make a median to compare
// with.
const minPeers = 5

// CheckCatalog runs the sanity checks on c's entries: prices off by three orders of
// magnitude or more from the median of their provider's peers (the unit errors of
// litellm #38167), and cache reads priced above the input they replace. It returns
// the findings in the catalog's order.
func CheckCatalog(c *Catalog) []Finding {
	type rates struct{ in, out, cached decimal.Decimal }
	byProvider := map[string][]decimal.Decimal{}
	byProviderOut := map[string][]decimal.Decimal{}
	first := func(e *Entry) (rates, bool) {
		var p *PerToken
		switch s := e.Pricing.(type) {
		case *PerToken:
			p = s
		case *Tiered:
			if len(s.Tiers) == 0 {
				return rates{}, false
			}
			p = &s.Tiers[0].PerToken
		default:
			return rates{}, false
		}
		r := compileRates(p)
		return rates{r.dIn, r.dOut, r.dCached}, true
	}
	for _, e := range c.entries {
		if r, ok := first(e); ok {
			if r.in.Sign() > 0 {
				byProvider[e.Provider] = append(byProvider[e.Provider], r.in)
			}
			if r.out.Sign() > 0 {
				byProviderOut[e.Provider] = append(byProviderOut[e.Provider], r.out)
			}
		}
	}
	medIn, medOut := medians(byProvider), medians(byProviderOut)
	var out []Finding
	for _, e := range c.entries {
		r, ok := first(e)
		if !ok {
			continue
		}
		add := func(format string, args ...any) {
			out = append(out, Finding{Source: e.Source, Provider: e.Provider, Model: e.Model, Message: fmt.Sprintf(format, args...)})
		}
		for _, x := range []struct {
			name   string
			price  decimal.Decimal
			median decimal.Decimal
			ok     bool
		}{
			{"input_per_million", r.in, medIn[e.Provider], len(byProvider[e.Provider]) >= minPeers},
			{"output_per_million", r.out, medOut[e.Provider], len(byProviderOut[e.Provider]) >= minPeers},
		} {
			if !x.ok || x.price.Sign() <= 0 {
				continue
			}
			if x.price.GreaterThanOrEqual(x.median.Mul(magnitudeLimit)) || x.median.GreaterThanOrEqual(x.price.Mul(magnitudeLimit)) {
				add("%s %s is %s times the median %s of %s's models: a unit error?", x.name, x.price,
					ratio(x.price, x.median), x.median, e.Provider)
			}
		}
		if r.cached.GreaterThan(r.in) {
			add("cache reads (%s) cost more than the input they replace (%s)", r.cached, r.in)
		}
	}
	return out
}

// medians returns the median of each list (the lower middle one for an even count).
func medians(m map[string][]decimal.Decimal) map[string]decimal.Decimal {
	out := make(map[string]decimal.Decimal, len(m))
	for k, v := range m {
		s := append([]decimal.Decimal(nil), v...)
		sort.Slice(s, func(i, j int) bool { return s[i].LessThan(s[j]) })
		out[k] = s[(len(s)-1)/2]
	}
	return out
}

// ratio returns a/b (or b/a, below 1) rounded, as "1000" or "1/1000".
func ratio(a, b decimal.Decimal) string {
	if a.GreaterThanOrEqual(b) {
		return a.Div(b).Round(0).String()
	}
	return "1/" + b.Div(a).Round(0).String()
}
