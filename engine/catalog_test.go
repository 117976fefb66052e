package engine

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const exampleCatalog = `
- provider: OpenAI
  model: gpt-x
  aliases: [gpt-x-latest, gpt-x-2025]
  effective_date: 2025-01-01
  end_date: 2025-05-31T23:59:59Z
  per_token: {input_per_million: 10, output_per_million: "30.000001", cached_input_discount: 0.9}
- provider: openai
  model: gpt-x
  effective_date: 2025-06-01
  per_token: {input_per_million: 2.5, output_per_million: 10, cached_input_per_million: 1.25}
- provider: vertex
  model: gem
  effective_date: 2025-01-01
  currency: eur
  tiered:
    basis: prompt_tokens
    tiers:
      - {min_tokens: 0, max_tokens: 1000, input_per_million: 1, output_per_million: 2}
      - {min_tokens: 1001, input_per_million: 3, output_per_million: 4}
- provider: acme
  model: flat
  effective_date: 2025-01-01
  per_request: {price_per_request: 0.01, included_tokens: 1000, overage_per_million: 2}
`

func parse(t *testing.T, yaml string) *Catalog {
	t.Helper()
	c, err := ParseCatalog("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseCatalogReadsPricesExactly(t *testing.T) {
	t.Parallel()
	c := parse(t, exampleCatalog)
	if c.Len() != 4 {
		t.Fatalf("Len = %d, want 4", c.Len())
	}
	e := c.Entries()[0]
	if e.Provider != "openai" || e.Pricing.(*PerToken).OutputPerMillion.String() != "30.000001" ||
		e.Pricing.(*PerToken).CachedInputDiscount.String() != "0.9" || e.Source != "test.yaml:2" {
		t.Errorf("entry 0 = %+v", e)
	}
	if got := c.Entries()[2]; got.Provider != ProviderGoogleVertexAI || got.Currency != "EUR" || got.Pricing.(*Tiered).Basis != BasisPromptTokens {
		t.Errorf("entry 2 = %+v", got)
	}
	if got := c.Entries()[3].Pricing.(*PerRequest); got.IncludedTokens != 1000 || got.PricePerRequest.String() != "0.01" {
		t.Errorf("entry 3 = %+v", got)
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	c := parse(t, exampleCatalog)
	tests := []struct {
		name, provider, model string
		at                    time.Time
		wantLine              string // Source of the entry; "" for an error
		wantErr               string
	}{
		{"first price", "openai", "gpt-x", day(2025, 3, 1), "test.yaml:2", ""},
		{"effective instant", "openai", "gpt-x", day(2025, 1, 1), "test.yaml:2", ""},
		{"end instant", "openai", "gpt-x", time.Date(2025, 5, 31, 23, 59, 59, 0, time.UTC), "test.yaml:2", ""},
		{"gap after end", "openai", "gpt-x", time.Date(2025, 5, 31, 23, 59, 59, 1, time.UTC), "", "no entry effective at that date"},
		{"second price", "openai", "gpt-x", day(2026, 1, 1), "test.yaml:8", ""},
		{"alias", "openai", "gpt-x-latest", day(2025, 2, 1), "test.yaml:2", ""},
		{"provider case", "OPENAI", "gpt-x", day(2025, 7, 1), "test.yaml:8", ""},
		{"provider alias google", "Google", "gem", day(2025, 7, 1), "test.yaml:12", ""},
		{"provider canonical", "googlevertexai", "gem", day(2025, 7, 1), "test.yaml:12", ""},
		{"before any price", "openai", "gpt-x", day(2024, 12, 31), "", `no price for provider "openai", model "gpt-x" at 2024-12-31T00:00:00Z: no entry effective at that date`},
		{"unknown model", "openai", "gpt-y", day(2025, 7, 1), "", `no price for provider "openai", model "gpt-y" at 2025-07-01T00:00:00Z: unknown model`},
		{"unknown provider", "nobody", "gpt-x", day(2025, 7, 1), "", "unknown provider"},
		{"model case matters", "openai", "GPT-X", day(2025, 7, 1), "", "unknown model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := c.Lookup(tt.provider, tt.model, tt.at)
			if tt.wantErr != "" {
				if !errors.Is(err, ErrNoPrice) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Lookup = %v, %v; want error %q", e, err, tt.wantErr)
				}
				return
			}
			if err != nil || e.Source != tt.wantLine {
				t.Fatalf("Lookup = %v, %v; want the entry at %s", e, err, tt.wantLine)
			}
		})
	}
}

func TestParseCatalogErrors(t *testing.T) {
	t.Parallel()
	entry := func(body string) string {
		return "- provider: openai\n  model: m\n  effective_date: 2025-01-01\n" + body
	}
	pt := "  per_token: {input_per_million: 1, output_per_million: 2}\n"
	tests := []struct{ name, yaml, want string }{
		{"empty file", "", "test.yaml: empty pricing catalog"},
		{"not a list", "provider: openai\n", "test.yaml:1: the top level must be a list of entries"},
		{"bad yaml", "- [", "test.yaml: yaml: line 1"},
		{"bad price", entry("  per_token: {input_per_million: abc, output_per_million: 2}\n"), `test.yaml:4: entry 0 (openai m): per_token.input_per_million: "abc" is not a decimal number`},
		{"negative price", entry("  per_token:\n    input_per_million: -1\n    output_per_million: 2\n"), "test.yaml:5: entry 0 (openai m): per_token.input_per_million: -1 is negative"},
		{"price list", entry("  per_token:\n    input_per_million: [1]\n    output_per_million: 2\n"), "test.yaml:5: entry 0 (openai m): per_token.input_per_million: want a single value"},
		{"missing output", entry("  per_token: {input_per_million: 1}\n"), "test.yaml:4: entry 0 (openai m): per_token.output_per_million: missing"},
		{"discount above one", entry("  per_token: {input_per_million: 1, output_per_million: 2, cached_input_discount: 1.5}\n"), "test.yaml:4: entry 0 (openai m): per_token.cached_input_discount: 1.5 is more than 1"},
		{"two structures", entry(pt + "  per_request: {price_per_request: 1}\n"), "test.yaml:1: entry 0 (openai m): 2 pricing structures (per_token, per_request): want exactly one"},
		{"no structure", entry(""), "entry 0 (openai m): no pricing structure"},
		{"unknown field", entry(pt + "  colour: red\n"), "test.yaml:5: entry 0 (openai m): colour: unknown field"},
		{"unknown price field", entry("  per_token: {input_per_million: 1, output_per_million: 2, input: 3}\n"), "test.yaml:4: entry 0 (openai m): per_token.input: unknown field"},
		{"duplicate field", entry(pt + "  model: n\n"), "test.yaml:5: entry 0: model: duplicate field"},
		{"missing provider", "- model: m\n  effective_date: 2025-01-01\n" + pt, "entry 0 (m): provider: missing"},
		{"missing date", "- provider: openai\n  model: m\n" + pt, "effective_date: missing"},
		{"bad date", "- provider: openai\n  model: m\n  effective_date: yesterday\n" + pt, `test.yaml:3: entry 0 (openai m): effective_date: "yesterday" is neither a date`},
		{"end before start", entry(pt + "  end_date: 2024-01-01\n"), "end_date: 2024-01-01T00:00:00Z is before effective_date"},
		{"bad currency", entry(pt + "  currency: dollars\n"), `test.yaml:5: entry 0 (openai m): currency: "DOLLARS" is not a three-letter currency code`},
		{"no tiers", entry("  tiered: {basis: total_tokens}\n"), "test.yaml:4: entry 0 (openai m): tiered.tiers: missing or empty"},
		{"bad basis", entry("  tiered: {basis: words, tiers: [{min_tokens: 0, input_per_million: 1, output_per_million: 1}]}\n"), `test.yaml:4: entry 0 (openai m): tiered.basis: "words": want total_tokens or prompt_tokens`},
		{"tier max below min", entry("  tiered: {tiers: [{min_tokens: 10, max_tokens: 5, input_per_million: 1, output_per_million: 1}]}\n"), "test.yaml:4: entry 0 (openai m): tiered.tiers[0].max_tokens: 5 is below min_tokens 10"},
		{"fractional tokens", entry("  per_request: {price_per_request: 1, included_tokens: 1.5}\n"), `test.yaml:4: entry 0 (openai m): per_request.included_tokens: "1.5" is not a non-negative integer`},
		{"duplicate date", entry(pt) + entry(pt), "test.yaml:5: provider openai, model m: effective_date 2025-01-01 is already priced at test.yaml:1"},
		{"alias collides", entry(pt) + "- provider: openai\n  model: n\n  aliases: [m]\n  effective_date: 2025-01-01\n" + pt, "model m: effective_date 2025-01-01 is already priced at test.yaml:1"},
		{"all errors reported", entry("  per_token: {input_per_million: x, output_per_million: 2}\n") + entry("  per_token: {input_per_million: 1, output_per_million: y}\n"), "entry 1 (openai m)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseCatalog("test.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestMergeLayersTheUserOverTheBase(t *testing.T) {
	t.Parallel()
	base := parse(t, exampleCatalog)
	user := parse(t, `
- provider: openai
  model: gpt-x
  effective_date: 2020-01-01
  per_token: {input_per_million: 1, output_per_million: 1}
- provider: openai
  model: brand-new
  aliases: [gpt-x-2025]
  effective_date: 2020-01-01
  per_token: {input_per_million: 5, output_per_million: 5}
`)
	m := base.Merge(user)
	for _, tt := range []struct{ model, want string }{
		{"gpt-x", "test.yaml:2"},        // the user's, although the base has newer dates
		{"brand-new", "test.yaml:6"},    // added
		{"gpt-x-2025", "test.yaml:6"},   // the user's alias wins
		{"gpt-x-latest", "test.yaml:2"}, // the user's file resolves it to its gpt-x, as it alone would
	} {
		e, err := m.Lookup("openai", tt.model, day(2026, 1, 1))
		if err != nil || e.Source != tt.want || e.Pricing.(*PerToken).InputPerMillion.IsZero() {
			t.Errorf("%s: %v, %v; want %s", tt.model, e, err, tt.want)
		}
	}
	if e, _ := m.Lookup("openai", "gpt-x", day(2026, 1, 1)); e.Pricing.(*PerToken).InputPerMillion.String() != "1" {
		t.Errorf("gpt-x priced by the base, not the user")
	}
	if e, err := m.Lookup("acme", "flat", day(2026, 1, 1)); err != nil || e.Kind() != "per_request" {
		t.Errorf("base entries lost: %v", err)
	}
	if m.Len() != 2+4 || len(m.Layers()) != 2 || m.Layers()[0] != user || m.Layers()[1] != base || m.Name() != "test.yaml over test.yaml" {
		t.Errorf("merged: %d entries, %d layers, name %q; want 6 entries, the user's layer over the base's", m.Len(), len(m.Layers()), m.Name())
	}
	if base.Len() != 4 || user.Len() != 2 || len(base.Layers()) != 1 {
		t.Errorf("Merge changed its inputs")
	}
}

// TestMergeLayersByDate: the user's entries price the records they are in effect
// for (provider, model, tier and date); at every other date, and for every other
// model, the base prices as it alone would. Catalog.Lookup and a Calculator agree
// at every instant around the edges, in any order of records.
func TestMergeLayersByDate(t *testing.T) {
	t.Parallel()
	base := parse(t, `
- {provider: openai, model: gpt-x, effective_date: 2025-01-01, per_token: {input_per_million: 10, output_per_million: 10}}
- {provider: openai, model: gpt-x, effective_date: 2025-06-01, per_token: {input_per_million: 20, output_per_million: 20}}
- {provider: openai, model: gpt-x, service_tier: batch, effective_date: 2025-01-01, per_token: {input_per_million: 5, output_per_million: 5}}
- {provider: openai, model: other, effective_date: 2025-01-01, per_token: {input_per_million: 7, output_per_million: 7}}
`)
	user, err := ParseCatalog("mine.yaml", []byte(`
- {provider: openai, model: gpt-x, effective_date: 2025-03-01, end_date: 2025-03-31T23:59:59Z, per_token: {input_per_million: 1, output_per_million: 1}}
- {provider: openai, model: gpt-x, effective_date: 2025-08-01, per_token: {input_per_million: 2, output_per_million: 2}}
- {provider: openai, model: new-model, effective_date: 2025-02-01, per_token: {input_per_million: 3, output_per_million: 3}}
`))
	if err != nil {
		t.Fatal(err)
	}
	m := base.Merge(user)
	type want struct {
		model, tier string
		at          time.Time
		input       string // "" for no price
	}
	wants := []want{
		{"gpt-x", "", day(2024, 12, 31), ""},
		{"gpt-x", "", day(2025, 1, 1), "10"},
		{"gpt-x", "", day(2025, 3, 1).Add(-time.Nanosecond), "10"},
		{"gpt-x", "", day(2025, 3, 1), "1"},
		{"gpt-x", "", day(2025, 3, 15), "1"},
		{"gpt-x", "", day(2025, 3, 31).Add(23*time.Hour + 59*time.Minute + 59*time.Second), "1"},
		{"gpt-x", "", day(2025, 4, 1), "10"},
		{"gpt-x", "", day(2025, 6, 1), "20"},
		{"gpt-x", "", day(2025, 8, 1).Add(-time.Nanosecond), "20"},
		{"gpt-x", "", day(2025, 8, 1), "2"},
		{"gpt-x", "", day(2030, 1, 1), "2"},
		{"gpt-x", "batch", day(2025, 3, 15), "5"}, // the user has no batch entry
		{"gpt-x-2025-03-01", "", day(2025, 3, 15), "1"},
		{"gpt-x-2025-03-01", "", day(2025, 5, 1), "10"}, // a snapshot the user's file resolves falls back by date too
		{"other", "", day(2025, 3, 15), "7"},
		{"new-model", "", day(2025, 1, 31), ""},
		{"new-model", "", day(2025, 2, 1), "3"},
	}
	check := func(calc *Calculator, w want) {
		t.Helper()
		u := usage(1000, 10, 0, 0)
		u.Provider, u.Model, u.ServiceTier, u.Timestamp = "openai", w.model, w.tier, w.at
		viaLookup, lerr := m.LookupTier("openai", w.model, w.tier, w.at)
		viaCalc, cerr := calc.Lookup(u)
		if w.input == "" {
			if !errors.Is(lerr, ErrNoPrice) || !errors.Is(cerr, ErrNoPrice) {
				t.Errorf("%s %s at %s: %v, %v; want no price", w.model, w.tier, w.at, lerr, cerr)
			}
			return
		}
		if lerr != nil || cerr != nil || viaLookup != viaCalc || viaLookup.Pricing.(*PerToken).InputPerMillion.String() != w.input {
			t.Errorf("%s %s at %s: Lookup %v (%v), Calculator %v (%v); want input %s", w.model, w.tier, w.at, viaLookup, lerr, viaCalc, cerr, w.input)
		}
	}
	calc := NewCalculator(m)
	for _, w := range wants {
		check(calc, w)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		check(calc, wants[r.IntN(len(wants))])
	}
}

func TestBuiltinCatalog(t *testing.T) {
	t.Parallel()
	c, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	at := day(2025, 8, 1)
	tests := []struct {
		provider, model string
		u               *Usage
		want            string
	}{
		{"openai", "gpt-4o", usage(1_000_000, 1_000_000, 0, 0), "12.5"},
		{"openai", "gpt-4o", usage(1_000_000, 0, 1_000_000, 0), "1.25"},
		{"azure", "gpt-4o-mini", usage(1_000_000, 1_000_000, 0, 0), "0.75"},
		{"openai", "o3", usage(1_000_000, 1_000_000, 0, 0), "10"},
		{"anthropic", "claude-opus-4-1", usage(1_000_000, 0, 0, 1_000_000), "18.75"},
		{"bedrock", "claude-3-haiku", usage(1_000_000, 1_000_000, 1_000_000, 0), "1.28"},
		{"anthropic", "claude-sonnet-4", usage(200_000, 1_000_000, 0, 0), "15.6"},
		{"anthropic", "claude-sonnet-4", usage(200_001, 1_000_000, 0, 0), "23.700006"},
		{"vertex", "gemini-2.5-pro", usage(200_001, 1_000_000, 0, 0), "15.5000025"},
		{"googlevertexai", "gemini-1.5-pro", usage(128_000, 0, 0, 0), "0.16"},
		{"mistral", "mistral-large", usage(1_000_000, 1_000_000, 0, 0), "8"},
		{"cohere", "command-r-plus", usage(1_000_000, 1_000_000, 0, 0), "12.5"},
	}
	for _, tt := range tests {
		e, err := c.Lookup(tt.provider, tt.model, at)
		if err != nil {
			t.Errorf("%s %s: %v", tt.provider, tt.model, err)
			continue
		}
		got, err := e.Cost(tt.u)
		if err != nil || got.Total.String() != tt.want || got.Currency != "USD" {
			t.Errorf("%s %s: %v %s, %v; want %s", tt.provider, tt.model, got.Total, got.Currency, err, tt.want)
		}
	}
	old, err := c.Lookup("openai", "o3", day(2025, 6, 9))
	if err != nil || old.Pricing.(*PerToken).InputPerMillion.String() != "10" {
		t.Errorf("o3 before 2025-06-10: %v, %v", old, err)
	}
}

func TestExampleCatalogFileParses(t *testing.T) {
	t.Parallel()
	c, err := LoadCatalog(filepath.Join("..", "testdata", "pricing-example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, e := range c.Entries() {
		kinds[e.Kind()] = true
	}
	if !kinds["per_token"] || !kinds["per_request"] || !kinds["tiered"] {
		t.Errorf("example catalog kinds = %v, want all three", kinds)
	}
}

func TestLoadCatalogMissingFile(t *testing.T) {
	t.Parallel()
	_, err := LoadCatalog(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want not-exist", err)
	}
}

func TestCostOfAnEntryNotBuiltByTheCatalog(t *testing.T) {
	t.Parallel()
	e := perToken("1", "1") // not through NewCatalog: no compiled rates
	if _, err := e.Cost(usage(10, 10, 0, 0)); err == nil {
		t.Error("Cost of an uncompiled entry succeeded")
	}
}

// FuzzParseCatalog checks that no catalog text makes the parser panic, and that a
// catalog it accepts prices a record without panicking.
func FuzzParseCatalog(f *testing.F) {
	f.Add(exampleCatalog)
	f.Add(string(BuiltinYAML()))
	f.Add("- {provider: a, model: b, effective_date: 2025-01-01, per_request: {price_per_request: 1e-30}}")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ParseCatalog("fuzz.yaml", []byte(text))
		if err != nil {
			return
		}
		calc := NewCalculator(c)
		for _, e := range c.Entries() {
			u := usage(300_000, 7, 1, 1)
			u.Provider, u.Model, u.Timestamp = e.Provider, e.Model, e.EffectiveDate
			calc.Price(u)
		}
	})
}
