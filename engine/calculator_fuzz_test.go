package engine

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// fuzzPrice turns fuzz numbers into a non-negative price with up to 12 decimal
// places: the fast integer path and the exact slow path both get exercised.
func fuzzPrice(coef uint64, places uint8) decimal.Decimal {
	return decimal.New(int64(coef>>1), -int32(places%13))
}

// fuzzEntry builds one entry of the kind chosen by kind from the fuzz numbers.
func fuzzEntry(kind uint8, a, b, c uint64, places uint8, limit int64) *Entry {
	in, out := fuzzPrice(a, places), fuzzPrice(b, places>>4)
	switch kind % 4 {
	case 0:
		return &Entry{Pricing: &PerRequest{PricePerRequest: in, IncludedTokens: limit & math.MaxInt64, OveragePerMillion: out}}
	case 1:
		lim := limit & math.MaxInt64
		return &Entry{Pricing: &Tiered{Basis: []string{BasisTotalTokens, BasisPromptTokens}[kind>>2&1], Tiers: []Tier{
			{MinTokens: 0, MaxTokens: &lim, PerToken: PerToken{InputPerMillion: in, OutputPerMillion: out}},
			{MinTokens: lim / 2, PerToken: PerToken{InputPerMillion: out, OutputPerMillion: in, CachedInputPerMillion: ptr(fuzzPrice(c, places))}},
		}}}
	}
	p := &PerToken{InputPerMillion: in, OutputPerMillion: out}
	switch kind >> 2 % 3 {
	case 0:
		p.CachedInputPerMillion = ptr(fuzzPrice(c, places))
	case 1:
		p.CachedInputDiscount = ptr(decimal.New(int64(c%10_001), -4))
	}
	if kind>>4&1 == 1 {
		p.CacheWritePerMillion = ptr(fuzzPrice(c>>7, places>>2))
	}
	return &Entry{Pricing: p}
}

// FuzzCostMatchesOracle prices fuzz-chosen records with fuzz-chosen entries of every
// structure and compares with the decimal oracle exactly. Records whose counts break
// the rules must be refused with the rule, never priced.
func FuzzCostMatchesOracle(f *testing.F) {
	f.Add(uint8(0), uint64(20), uint64(60), uint64(2), uint8(0), int64(1000), int64(1000), int64(500), int64(0), int64(0), int64(0))
	f.Add(uint8(2), uint64(1), uint64(1), uint64(1), uint8(0x55), int64(0), int64(5), int64(1), int64(0), int64(0), int64(0))
	f.Add(uint8(1), uint64(7), uint64(9), uint64(3), uint8(6), int64(200_000), int64(200_001), int64(10), int64(100_000), int64(1), int64(0))
	f.Add(uint8(6), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint8(0), int64(0), int64(1e12), int64(1e12), int64(1e11), int64(1e11), int64(5))
	f.Add(uint8(16), uint64(3), uint64(0), uint64(1<<40), uint8(12), int64(7), int64(math.MaxInt64/2), int64(math.MaxInt64/2), int64(0), int64(0), int64(0))
	f.Fuzz(func(t *testing.T, kind uint8, a, b, c uint64, places uint8, limit, prompt, completion, cached, write, reasoning int64) {
		e := mustEntry(t, fuzzEntry(kind, a, b, c, places, limit))
		u := &Usage{Provider: "openai", Model: "m", Timestamp: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
			PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion,
			CachedTokens: cached, CacheWriteTokens: write, ReasoningTokens: reasoning}
		if prompt > 0 && completion > math.MaxInt64-prompt {
			u.TotalTokens = -1 // the sum overflowed: must be refused as such
		}
		if rule := checkCounts(u); rule != nil {
			got, err := e.Cost(u)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("%+v breaks %v, but Cost = %v, %v", *u, rule, got, err)
			}
			return
		}
		checkAgainstOracle(t, e, u)
	})
}

// FuzzCalculatorLookupMatchesCatalog checks the Calculator's cache of recent models
// and date spans: for any sequence of lookups over a catalog of dated, ending and
// aliased entries, Calculator.Lookup returns what Catalog.Lookup returns.
func FuzzCalculatorLookupMatchesCatalog(f *testing.F) {
	f.Add([]byte{0, 10, 1, 20, 2, 30}, []byte{0, 5, 0, 15, 1, 25, 0, 35, 2, 15, 0, 5})
	f.Add([]byte{0, 10, 0, 10, 0, 50}, []byte{0, 9, 0, 10, 0, 11, 0, 49, 0, 50, 0, 51, 0, 0})
	f.Add([]byte{3, 1, 4, 1, 5, 9, 2, 6}, []byte{5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4})
	f.Fuzz(func(t *testing.T, spec, queries []byte) {
		if len(spec) > 64 || len(queries) > 512 {
			return
		}
		cat := fuzzDatedCatalog(t, spec)
		calc := NewCalculator(cat)
		models := []string{"m0", "m1", "m2", "alias", "none"}
		providers := []string{"openai", "OpenAI", "acme"}
		for i := 0; i+1 < len(queries); i += 2 {
			q := queries[i]
			u := &Usage{Provider: providers[int(q>>4)%len(providers)], Model: models[int(q)%len(models)],
				Timestamp: fuzzDay(queries[i+1]).Add(time.Duration(q>>6) * time.Hour)}
			want, werr := cat.Lookup(u.Provider, u.Model, u.Timestamp)
			got, gerr := calc.Lookup(u)
			if got != want || (werr == nil) != (gerr == nil) {
				t.Fatalf("lookup %d (%s %s %s): Calculator gave %v, %v; Catalog %v, %v",
					i/2, u.Provider, u.Model, u.Timestamp.Format(time.RFC3339), label(got), gerr, label(want), werr)
			}
		}
	})
}

func label(e *Entry) string {
	if e == nil {
		return "<nil>"
	}
	return e.Source
}

func fuzzDay(b byte) time.Time {
	return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(b))
}

// fuzzDatedCatalog makes a catalog from spec, two bytes per entry: the model (low
// bits), whether it ends and has an alias (high bits), and its effective day. Entries
// that would duplicate a (name, date) are left out.
func fuzzDatedCatalog(t *testing.T, spec []byte) *Catalog {
	t.Helper()
	var entries []*Entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(spec); i += 2 {
		e := perToken("1", "2")
		e.Provider, e.Model, e.EffectiveDate = "openai", []string{"m0", "m1", "m2"}[int(spec[i]&3)%3], fuzzDay(spec[i+1])
		if spec[i]&4 != 0 {
			e.EndDate = e.EffectiveDate.AddDate(0, 0, int(spec[i]>>4))
		}
		if spec[i]&8 != 0 {
			e.Aliases = []string{"alias"}
		}
		dup := false
		for _, n := range e.names() {
			dup = dup || seen[n+e.EffectiveDate.String()]
		}
		if dup {
			continue
		}
		for _, n := range e.names() {
			seen[n+e.EffectiveDate.String()] = true
		}
		entries = append(entries, e)
	}
	c, err := NewCatalog("dated", entries)
	if err != nil {
		t.Skip(err) // a combination the catalog refuses is not this test's business
	}
	return c
}
