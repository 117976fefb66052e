package engine

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// checkCatalogInvariants checks what every accepted catalog guarantees: each entry
// has a canonical provider, a model, an effective date not after its end date, a
// currency, exactly one structure with non-negative prices, and a source naming the
// file; each entry prices records exactly as the oracle does.
func checkCatalogInvariants(t *testing.T, c *Catalog, name string) {
	t.Helper()
	for i, e := range c.Entries() {
		at := fmt.Sprintf("entry %d (%s)", i, e.Source)
		switch {
		case e.Provider == "" || e.Provider != CanonicalProvider(e.Provider):
			t.Fatalf("%s: provider %q is not canonical", at, e.Provider)
		case e.Model == "":
			t.Fatalf("%s: no model", at)
		case e.EffectiveDate.IsZero() || !e.EndDate.IsZero() && e.EndDate.Before(e.EffectiveDate):
			t.Fatalf("%s: dates %v .. %v", at, e.EffectiveDate, e.EndDate)
		case len(e.Currency) != 3:
			t.Fatalf("%s: currency %q", at, e.Currency)
		case !strings.HasPrefix(e.Source, name+":"):
			t.Fatalf("%s: source does not name the file %s", at, name)
		case structures(e) != 1:
			t.Fatalf("%s: %d pricing structures", at, structures(e))
		case isTiered(e) && len(e.Pricing.(*Tiered).Tiers) == 0:
			t.Fatalf("%s: tiered without tiers", at)
		}
		for _, u := range fuzzUsages(e) {
			checkAgainstOracle(t, e, u)
		}
		if got, err := c.Lookup(e.Provider, e.Model, e.EffectiveDate); err != nil || got.EffectiveDate != e.EffectiveDate {
			t.Fatalf("%s: Lookup at its own effective date gave %v, %v", at, got, err)
		}
	}
}

func structures(e *Entry) int {
	if e.Pricing == nil || e.Kind() == "" {
		return 0
	}
	return 1
}

func isTiered(e *Entry) bool {
	_, ok := e.Pricing.(*Tiered)
	return ok
}

// fuzzUsages are a few valid records for e, small, large and at tier edges.
func fuzzUsages(e *Entry) []*Usage {
	out := []*Usage{usage(1, 0, 0, 0), usage(1000, 500, 100, 50), usage(300_000, 7, 1, 1), usage(1e12, 1e12, 1e11, 1e11)}
	if isTiered(e) {
		for _, tier := range e.Pricing.(*Tiered).Tiers {
			for _, n := range []int64{tier.MinTokens, tier.MinTokens + 1} {
				if n > 0 && n < 1<<62 {
					out = append(out, usage(n, 0, n/2, 0), usage(n/2, n-n/2, 0, 0))
				}
			}
		}
	}
	for _, u := range out {
		u.Provider, u.Model, u.Timestamp = e.Provider, e.Model, e.EffectiveDate
	}
	return out
}

// FuzzCatalogInvariants parses any text as a catalog: errors name the file, and an
// accepted catalog holds the invariants above and prices as the oracle does.
func FuzzCatalogInvariants(f *testing.F) {
	f.Add(exampleCatalog)
	f.Add(string(BuiltinYAML()))
	f.Add("- {provider: a, model: b, effective_date: 2025-01-01, per_token: {input_per_million: 0.000000000001, output_per_million: 1e3}}")
	f.Add("- {provider: Google, model: b, effective_date: 2025-01-01T10:00:00+02:00, end_date: 2025-01-01T08:00:00Z, per_request: {price_per_request: '0.5', included_tokens: 0, overage_per_million: 3}}")
	f.Add("- {provider: a, model: b, effective_date: 2025-01-01, tiered: {tiers: [{min_tokens: 5, max_tokens: 5, input_per_million: 1, output_per_million: 2}]}}")
	f.Add("- {provider: a, model: b, effective_date: 2025-01-01, per_token: {input_per_million: 1e-2000000000, output_per_million: 1}}")
	f.Fuzz(func(t *testing.T, text string) {
		const name = "fuzz.yaml"
		var c *Catalog
		var err error
		noHang(t, text, func() { c, err = ParseCatalog(name, []byte(text)) })
		if err != nil {
			if !strings.HasPrefix(err.Error(), name) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		noHang(t, text, func() { checkCatalogInvariants(t, c, name) })
	})
}

// FuzzCatalogPriceExact writes a decimal price as a YAML number, a quoted string and
// a plain string, and checks that the catalog reads it exactly (never via float64),
// or refuses it whole.
func FuzzCatalogPriceExact(f *testing.F) {
	f.Add(int64(3), int32(0))
	f.Add(int64(30000001), int32(-6))
	f.Add(int64(1), int32(-30))
	f.Add(int64(123456789012345678), int32(-17))
	f.Add(int64(9007199254740993), int32(0)) // 2^53 + 1: not a float64
	f.Fuzz(func(t *testing.T, coef int64, exp int32) {
		if coef < 0 || exp < -40 || exp > 40 {
			return
		}
		want := decimal.New(coef, exp)
		for _, text := range []string{want.String(), `"` + want.String() + `"`, fmt.Sprintf("%de%d", coef, exp)} {
			doc := "- {provider: a, model: b, effective_date: 2025-01-01, per_token: {input_per_million: " + text + ", output_per_million: 0}}"
			c, err := ParseCatalog("p.yaml", []byte(doc))
			if err != nil {
				if !strings.Contains(err.Error(), "input_per_million") {
					t.Fatalf("%s: error does not name the field: %v", text, err)
				}
				continue
			}
			e := c.Entries()[0]
			if got := e.Pricing.(*PerToken).InputPerMillion; !got.Equal(want) {
				t.Fatalf("%s read as %s, want %s", text, got, want)
			}
			checkCatalogInvariants(t, c, "p.yaml")
		}
	})
}

// TestIssue6HugePriceExponentRefused is the regression test of a catalog that made
// `cost` hang: a price of 1e-2000000000 (or 0e2000000000) is a valid decimal, and
// compiling it built a power of ten of two billion digits. Such prices are refused,
// quickly, with the field named.
func TestIssue6HugePriceExponentRefused(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"1e-2000000000", "1e2000000000", "0e2000000000", "0e-2000000000", "1e-31", "1e21", "123456789012345678901"} {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			doc := "- {provider: a, model: b, effective_date: 2025-01-01, per_token: {input_per_million: " + p + ", output_per_million: 1}}"
			done := make(chan error, 1)
			go func() { _, err := ParseCatalog("huge.yaml", []byte(doc)); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "huge.yaml:1: entry 0") || !strings.Contains(err.Error(), "input_per_million") {
					t.Fatalf("ParseCatalog = %v, want an error naming huge.yaml:1, entry 0 and input_per_million", err)
				}
			case <-time.After(time.Minute): // a hang, not a timing threshold
				t.Fatal("ParseCatalog did not return within a minute")
			}
		})
	}
	for _, p := range []string{"1e-30", "99999999999999999999", "0.000000000000000000000000000001"} {
		doc := "- {provider: a, model: b, effective_date: 2025-01-01, per_token: {input_per_million: " + p + ", output_per_million: 1}}"
		if _, err := ParseCatalog("ok.yaml", []byte(doc)); err != nil {
			t.Errorf("price %s refused: %v", p, err)
		}
	}
}
