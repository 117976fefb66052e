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

// CheckCatalog runs the sanity checks on c's entries: input and output prices
// off by three orders of magnitude or more from the median of their provider's
// standard-tier peers (the unit errors of litellm #38167); cache reads and writes,
// 1-hour cache writes, audio and image input, as written, off by as much from the
// input price beside them; web-search fees off by as much from the median fee of the
// catalog; and cache reads priced above the input they replace. It returns the
// findings in the catalog's order.
func CheckCatalog(c *Catalog) []Finding {
	byProvider := map[string][]decimal.Decimal{}
	byProviderOut := map[string][]decimal.Decimal{}
	var fees []decimal.Decimal
	for _, e := range c.entries {
		if e.WebSearchPerRequest != nil && e.WebSearchPerRequest.Sign() > 0 {
			fees = append(fees, *e.WebSearchPerRequest)
		}
		if r := entryRates(e); len(r) > 0 && e.ServiceTier == TierStandard {
			if r[0].dIn.Sign() > 0 {
				byProvider[e.Provider] = append(byProvider[e.Provider], r[0].dIn)
			}
			if r[0].dOut.Sign() > 0 {
				byProviderOut[e.Provider] = append(byProviderOut[e.Provider], r[0].dOut)
			}
		}
	}
	medIn, medOut := medians(byProvider), medians(byProviderOut)
	var medFee decimal.Decimal
	if len(fees) > 0 {
		medFee = medians(map[string][]decimal.Decimal{"": fees})[""]
	}
	var out []Finding
	for _, e := range c.entries {
		add := func(format string, args ...any) {
			out = append(out, Finding{Source: e.Source, Provider: e.Provider, Model: e.Model, Message: fmt.Sprintf(format, args...)})
		}
		if f := e.WebSearchPerRequest; f != nil && len(fees) >= minPeers && offByMagnitude(*f, medFee) {
			add("web_search_per_request %s is %s times the median %s of the catalog's fees: a unit error?", f, ratio(*f, medFee), medFee)
		}
		rates := entryRates(e)
		if len(rates) == 0 {
			continue
		}
		r := rates[0]
		for _, x := range []struct {
			name   string
			price  decimal.Decimal
			median decimal.Decimal
			ok     bool
		}{
			{"input_per_million", r.dIn, medIn[e.Provider], len(byProvider[e.Provider]) >= minPeers},
			{"output_per_million", r.dOut, medOut[e.Provider], len(byProviderOut[e.Provider]) >= minPeers},
		} {
			if x.ok && offByMagnitude(x.price, x.median) {
				add("%s %s is %s times the median %s of %s's models: a unit error?", x.name, x.price,
					ratio(x.price, x.median), x.median, e.Provider)
			}
		}
		for i, p := range entryPerTokens(e) {
			where := ""
			if len(rates) > 1 {
				where = fmt.Sprintf("tiers[%d].", i)
			}
			for _, x := range p.prices()[2:] { // the optional prices as written, beside the input price
				if x.val != nil && x.key != "cached_input_discount" && offByMagnitude(*x.val, p.InputPerMillion) {
					add("%s%s %s is %s times the input price %s: a unit error?", where, x.key, x.val, ratio(*x.val, p.InputPerMillion), p.InputPerMillion)
				}
			}
		}
		if r.dCached.GreaterThan(r.dIn) {
			add("cache reads (%s) cost more than the input they replace (%s)", r.dCached, r.dIn)
		}
	}
	return out
}

// entryPerTokens returns the per-token prices of an entry as written: its
// PerToken, or each tier's; none for other structures.
func entryPerTokens(e *Entry) []*PerToken {
	switch s := e.Pricing.(type) {
	case *PerToken:
		return []*PerToken{s}
	case *Tiered:
		out := make([]*PerToken, len(s.Tiers))
		for i := range s.Tiers {
			out[i] = &s.Tiers[i].PerToken
		}
		return out
	}
	return nil
}

// entryRates returns the compiled rates of a per-token entry, or of each tier of
// a tiered one; none for other structures.
func entryRates(e *Entry) []perTokenRates {
	switch s := e.Pricing.(type) {
	case *PerToken:
		return []perTokenRates{compileRates(s)}
	case *Tiered:
		out := make([]perTokenRates, len(s.Tiers))
		for i := range s.Tiers {
			out[i] = compileRates(&s.Tiers[i].PerToken)
		}
		return out
	}
	return nil
}

// offByMagnitude reports whether two positive prices are magnitudeLimit or more
// apart (as a factor, either way). A zero price is never off: free is a price.
func offByMagnitude(price, ref decimal.Decimal) bool {
	if price.Sign() <= 0 || ref.Sign() <= 0 {
		return false
	}
	return price.GreaterThanOrEqual(ref.Mul(magnitudeLimit)) || ref.GreaterThanOrEqual(price.Mul(magnitudeLimit))
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
