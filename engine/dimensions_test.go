package engine

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestCostDimensions prices the dimensions of real bills beyond the contract: 1-hour
// cache writes, audio and image input, web search fees, each against the oracle and
// a value worked out by hand.
func TestCostDimensions(t *testing.T) {
	t.Parallel()
	cat := parse(t, `
- provider: anthropic
  model: claude-sonnet-4
  effective_date: 2025-01-01
  web_search_per_request: 0.01
  per_token: {input_per_million: 3, output_per_million: 15, cached_input_per_million: 0.30, cache_write_per_million: 3.75, cache_write_1h_per_million: 6}
- provider: openai
  model: gpt-4o-audio
  effective_date: 2025-01-01
  per_token: {input_per_million: 2.5, output_per_million: 10, audio_input_per_million: 40, image_input_per_million: 0.000000000123}
`)
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, model string
		u           Usage
		want        string // total
		fees        string
	}{
		{"1h and 5m cache writes", "claude-sonnet-4", Usage{PromptTokens: 10_000, CompletionTokens: 0, CacheWriteTokens: 4000, CacheWrite1hTokens: 1000}, "0.03525", "0"},
		{"all writes 1h", "claude-sonnet-4", Usage{PromptTokens: 1000, CompletionTokens: 10, CacheWriteTokens: 1000, CacheWrite1hTokens: 1000}, "0.00615", "0"},
		{"web searches", "claude-sonnet-4", Usage{PromptTokens: 1000, CompletionTokens: 100, WebSearchRequests: 3}, "0.0345", "0.03"},
		{"audio input", "gpt-4o-audio", Usage{PromptTokens: 1000, CompletionTokens: 0, AudioInputTokens: 400}, "0.0175", "0"},
		{"image input at a 12-decimal price (slow path)", "gpt-4o-audio", Usage{PromptTokens: 3_000_000_000, CompletionTokens: 0, ImageInputTokens: 3_000_000_000}, "0.000000369", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.u
			u.Provider, u.Model, u.Timestamp, u.TotalTokens = "x", tc.model, at, u.PromptTokens+u.CompletionTokens
			e, err := cat.Lookup(map[string]string{"claude-sonnet-4": "anthropic", "gpt-4o-audio": "openai"}[tc.model], tc.model, at)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstOracle(t, e, &u)
			got, err := e.Cost(&u)
			if err != nil || got.Total.String() != tc.want || got.Fees.String() != tc.fees {
				t.Errorf("total %s fees %s, %v; want %s and %s", got.Total, got.Fees, err, tc.want, tc.fees)
			}
		})
	}
	// Web searches on an entry without a fee are not priced at zero.
	e, _ := cat.Lookup("openai", "gpt-4o-audio", at)
	u := usage(10, 10, 0, 0)
	u.WebSearchRequests = 1
	if _, err := e.Cost(u); !errors.Is(err, ErrNoPrice) || !strings.Contains(err.Error(), "no web_search_per_request") {
		t.Errorf("web search without a fee: %v", err)
	}
}

// TestServiceTiers: a record's service_tier picks the entries of that tier; the
// standard names all mean standard; a tier without entries is no price.
func TestServiceTiers(t *testing.T) {
	t.Parallel()
	cat := parse(t, `
- {provider: openai, model: gpt-4o, effective_date: 2025-01-01, per_token: {input_per_million: 2.5, output_per_million: 10}}
- {provider: openai, model: gpt-4o, service_tier: batch, effective_date: 2025-01-01, per_token: {input_per_million: 1.25, output_per_million: 5}}
- {provider: openai, model: gpt-4o, service_tier: batch, effective_date: 2025-06-01, per_token: {input_per_million: 1, output_per_million: 4}}
`)
	calc := NewCalculator(cat)
	for _, tc := range []struct {
		tier string
		at   time.Time
		want string // input price, "" for no price
	}{
		{"", day(2025, 7, 1), "2.5"}, {"default", day(2025, 7, 1), "2.5"}, {"standard", day(2025, 7, 1), "2.5"}, {"auto", day(2025, 7, 1), "2.5"},
		{"batch", day(2025, 3, 1), "1.25"}, {"batch", day(2025, 7, 1), "1"}, {"priority", day(2025, 7, 1), ""},
	} {
		for _, viaCalc := range []bool{false, true} {
			u := usage(1000, 0, 0, 0)
			u.Model, u.ServiceTier, u.Timestamp = "gpt-4o-2024-08-06", tc.tier, tc.at
			var e *Entry
			var err error
			if viaCalc {
				e, err = calc.Lookup(u)
			} else {
				e, err = cat.LookupTier("openai", u.Model, tc.tier, tc.at)
			}
			switch {
			case tc.want == "" && (err == nil || !strings.Contains(err.Error(), "no priority tier entry")):
				t.Errorf("tier %q (calculator %v): %v, %v; want no price", tc.tier, viaCalc, e, err)
			case tc.want != "" && (err != nil || e.Pricing.(*PerToken).InputPerMillion.String() != tc.want):
				t.Errorf("tier %q at %s (calculator %v): %v, %v; want input %s", tc.tier, tc.at, viaCalc, e, err, tc.want)
			}
		}
	}
	if err := Validate(&Usage{Provider: "p", Model: "m", Timestamp: day(2025, 1, 1), TotalTokens: 1, PromptTokens: 1, ServiceTier: "scale"}, day(2025, 1, 1)); !errors.Is(err, ErrUnknownServiceTier) {
		t.Errorf("service_tier scale: %v", err)
	}
	if _, err := ParseCatalog("t.yaml", []byte("- {provider: a, model: b, service_tier: turbo, effective_date: 2025-01-01, per_token: {input_per_million: 1, output_per_million: 1}}")); err == nil || !strings.Contains(err.Error(), `t.yaml:1: entry 0 (a b): service_tier: "turbo": want standard, batch, priority or flex`) {
		t.Errorf("service_tier turbo: %v", err)
	}
}

func TestValidateDimensions(t *testing.T) {
	t.Parallel()
	base := func() *Usage {
		return &Usage{Provider: "p", Model: "m", Timestamp: day(2025, 1, 1), PromptTokens: 100, CompletionTokens: 10, TotalTokens: 110, CachedTokens: 20, CacheWriteTokens: 30}
	}
	for _, tc := range []struct {
		name  string
		set   func(*Usage)
		rule  error
		field string
	}{
		{"1h writes above writes", func(u *Usage) { u.CacheWrite1hTokens = 31 }, ErrCacheWrite1hExceeds, "cache_write_1h_tokens"},
		{"audio beyond the uncached prompt", func(u *Usage) { u.AudioInputTokens = 51 }, ErrMediaExceedsPrompt, "audio_input_tokens"},
		{"audio and image beyond it", func(u *Usage) { u.AudioInputTokens, u.ImageInputTokens = 30, 21 }, ErrMediaExceedsPrompt, "audio_input_tokens"},
		{"negative web searches", func(u *Usage) { u.WebSearchRequests = -1 }, ErrNegativeTokens, "web_search_requests"},
	} {
		u := base()
		tc.set(u)
		var ve *ValidationError
		if err := Validate(u, day(2025, 1, 1)); !errors.Is(err, tc.rule) || !errors.As(err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	u := base()
	u.CacheWrite1hTokens, u.AudioInputTokens, u.ImageInputTokens, u.WebSearchRequests = 30, 25, 25, 4
	if err := Validate(u, day(2025, 1, 1)); err != nil {
		t.Errorf("a record at every bound: %v", err)
	}
}

// TestBuiltinBatchTier: the built-in catalog prices OpenAI Batch API records at the
// batch prices, and 1-hour cache writes of Claude at their own price.
func TestBuiltinBatchTier(t *testing.T) {
	t.Parallel()
	cat, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	u := usage(1000, 1000, 0, 0)
	u.Model, u.ServiceTier = "gpt-4o-2024-08-06", "batch"
	if c, err := NewCalculator(cat).Price(u); err != nil || c.Total.String() != "0.00625" {
		t.Errorf("gpt-4o batch 1000+1000 = %v, %v; want 0.00625", c.Total, err)
	}
	u = usage(1000, 0, 0, 1000)
	u.Provider, u.Model, u.CacheWrite1hTokens = "anthropic", "claude-sonnet-4-20250514", 1000
	if c, err := NewCalculator(cat).Price(u); err != nil || c.Total.String() != "0.006" {
		t.Errorf("claude-sonnet-4 1000 1-hour cache writes = %v, %v; want 0.006", c.Total, err)
	}
}

// TestWebSearchFeesFastPath: web search fees of whole units of 1e-10 are priced in
// integers (quickFees) for per-token and tiered entries, exactly as the oracle prices
// them, up to the int64 edge of the fees and of the total; past it, and for fees
// of more decimals, the exact path prices them, the same through a Calculator.
func TestWebSearchFeesFastPath(t *testing.T) {
	t.Parallel()
	const maxN = int64(188_232_082_384_791_343) // x 49 units = math.MaxInt64
	cat := parse(t, `
- {provider: anthropic, model: fast, effective_date: 2025-01-01, web_search_per_request: 0.01, per_token: {input_per_million: 3, output_per_million: 15}}
- {provider: anthropic, model: tiered, effective_date: 2025-01-01, web_search_per_request: "0.035", tiered: {basis: prompt_tokens, tiers: [{min_tokens: 0, max_tokens: 200000, input_per_million: 3, output_per_million: 15}, {min_tokens: 200001, input_per_million: 6, output_per_million: 22.5}]}}
- {provider: anthropic, model: edge, effective_date: 2025-01-01, web_search_per_request: 0.0000000049, per_token: {input_per_million: 0, output_per_million: 1}}
- {provider: anthropic, model: fine, effective_date: 2025-01-01, web_search_per_request: 0.000000000001, per_token: {input_per_million: 3, output_per_million: 15}}
- {provider: anthropic, model: request, effective_date: 2025-01-01, web_search_per_request: 0.01, per_request: {price_per_request: 0.002, included_tokens: 1000, overage_per_million: 1}}
`)
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, model           string
		prompt, completion, n int64
		quick                 bool
		wantFees              string
	}{
		{"per token", "fast", 1000, 100, 3, true, "0.03"},
		{"tiered, first tier", "tiered", 1000, 100, 2, true, "0.07"},
		{"tiered, second tier", "tiered", 300_000, 100, 1, true, "0.035"},
		{"fees at the int64 edge", "edge", 1, 0, maxN, true, "922337203.6854775807"},
		{"fees past the int64 edge", "edge", 1, 0, maxN + 1, false, "922337203.6854775856"},
		{"total past the int64 edge", "edge", 1, 1_000_000, maxN, false, "922337203.6854775807"},
		{"a fee of 12 decimals", "fine", 1000, 100, 7, false, "0"},
		{"a fee of 12 decimals, many searches", "fine", 1000, 100, 1_000_000_000, false, "0.001"},
		{"per request", "request", 1000, 100, 3, false, "0.03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := Usage{Provider: "anthropic", Model: tc.model, Timestamp: at, PromptTokens: tc.prompt, CompletionTokens: tc.completion,
				TotalTokens: tc.prompt + tc.completion, WebSearchRequests: tc.n}
			e, err := cat.Lookup("anthropic", tc.model, at)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstOracle(t, e, &u)
			if _, _, _, ok := e.quickFees(&u); ok != tc.quick {
				t.Errorf("priced in integers: %v, want %v", ok, tc.quick)
			}
			got, err := e.Cost(&u)
			if err != nil || got.Fees.String() != tc.wantFees {
				t.Errorf("fees %s, %v; want %s", got.Fees, err, tc.wantFees)
			}
			viaCalc, err := NewCalculator(cat).Price(&u)
			if err != nil || !viaCalc.Total.Equal(got.Total) || !viaCalc.Fees.Equal(got.Fees) || !viaCalc.Input.Equal(got.Input) {
				t.Errorf("Calculator: %+v, %v; Entry.Cost: %+v", viaCalc, err, got)
			}
		})
	}
}
