package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// tieredYAML prices by volume (four tiers over total_tokens) and by prompt length
// (two tiers over prompt_tokens, with cache prices), the two kinds of tiered price
// the contract describes.
const tieredYAML = `
- provider: mistral
  model: volume-tiered
  effective_date: 2025-01-01
  tiered:
    tiers:
      - {min_tokens: 0, max_tokens: 1000, input_per_million: 4.00, output_per_million: 12.00}
      - {min_tokens: 1001, max_tokens: 10000, input_per_million: 3.00, output_per_million: 9.00}
      - {min_tokens: 10001, max_tokens: 100000, input_per_million: 2.00, output_per_million: 6.00}
      - {min_tokens: 100001, input_per_million: 1.00, output_per_million: 3.00}
- provider: googlevertexai
  model: long-context
  effective_date: 2025-01-01
  tiered:
    basis: prompt_tokens
    tiers:
      - {min_tokens: 0, max_tokens: 128000, input_per_million: 1.25, output_per_million: 5.00, cached_input_per_million: 0.3125}
      - {min_tokens: 128001, input_per_million: 2.50, output_per_million: 10.00, cached_input_per_million: 0.625}
`

// tieredRecords hits every tier of tieredYAML once.
func tieredRecords() []engine.Usage {
	recs := []engine.Usage{
		request("mistral", "volume-tiered", 600, 200),
		request("mistral", "volume-tiered", 4_000, 1_500),
		request("mistral", "volume-tiered", 60_000, 9_000),
		request("mistral", "volume-tiered", 180_000, 20_000),
		request("googlevertexai", "long-context", 90_000, 2_000),
		request("googlevertexai", "long-context", 450_000, 8_000),
	}
	recs[4].CachedTokens, recs[5].CachedTokens = 60_000, 300_000
	return recs
}

// perRequestYAML prices per request with tokens included and an overage rate.
const perRequestYAML = `
- provider: cohere
  model: rerank-v3.5
  effective_date: 2025-01-01
  per_request:
    price_per_request: 0.002
    included_tokens: 1000
    overage_per_million: 0.50
- provider: openai
  model: web-search
  effective_date: 2025-01-01
  per_request:
    price_per_request: 0.025
    included_tokens: 0
    overage_per_million: 2.50
`

// perRequestRecords are requests under, at and over the included tokens.
func perRequestRecords() []engine.Usage {
	return []engine.Usage{
		request("cohere", "rerank-v3.5", 350, 50),
		request("cohere", "rerank-v3.5", 900, 100),
		request("cohere", "rerank-v3.5", 48_000, 2_000),
		request("openai", "web-search", 2_500, 700),
	}
}

// The shape of the lookup catalog: every provider prices lookupModels models,
// each with a price that changed once (two entries), half of them with an alias.
const (
	lookupModels   = 40
	lookupRepriced = "2025-05-01"
	lookupKeys     = 64
)

var lookupProviders = []string{"openai", "anthropic", "googlevertexai", "azureopenai", "awsbedrock", "mistral", "cohere"}

// lookupYAML writes the lookup catalog: 7 providers x 40 models x 2 dates, 560
// entries.
func lookupYAML() string {
	var b strings.Builder
	for p, provider := range lookupProviders {
		for m := range lookupModels {
			for d, date := range []string{"2025-01-01", lookupRepriced} {
				fmt.Fprintf(&b, "- provider: %s\n  model: %s-model-%02d\n  effective_date: %s\n", provider, provider, m, date)
				if m%2 == 0 {
					fmt.Fprintf(&b, "  aliases: [%s-alias-%02d]\n", provider, m)
				}
				fmt.Fprintf(&b, "  per_token: {input_per_million: %d.%02d, output_per_million: %d.%02d}\n", 1+p, m, 4+p+d, m)
			}
		}
	}
	return b.String()
}

// lookupKey is one lookup: provider (as a record may spell it), model or alias,
// and date.
type lookupKey struct {
	provider, model string
	at              time.Time
}

// lookupKeysFor spreads lookupKeys lookups over the catalog: every provider,
// models from the whole list, names and aliases, provider aliases in mixed case,
// dates on both sides of the repricing.
func lookupKeysFor() []lookupKey {
	spellings := map[string]string{"googlevertexai": "Google", "awsbedrock": "bedrock", "azureopenai": "azure"}
	keys := make([]lookupKey, lookupKeys)
	for i := range keys {
		provider := lookupProviders[i%len(lookupProviders)]
		m := (i * 7) % lookupModels
		name := fmt.Sprintf("%s-model-%02d", provider, m)
		if m%2 == 0 && i%3 == 0 {
			name = fmt.Sprintf("%s-alias-%02d", provider, m)
		}
		if s, ok := spellings[provider]; ok && i%2 == 0 {
			provider = s
		}
		keys[i] = lookupKey{provider, name, recordsStart.AddDate(0, -4*(i%2), i)}
	}
	return keys
}

// The price structures of real bills beyond per-token input and output, each
// with list prices of LiteLLM's table of 2026-03-12 (USD per million tokens;
// web searches per search).

// serviceTierYAML prices gpt-4o at the standard, Batch API and priority tiers
// and gpt-5 at the standard and flex tiers, each tier an entry of its own.
const serviceTierYAML = `
- {provider: openai, model: gpt-4o, effective_date: 2024-05-13,
   per_token: {input_per_million: 2.50, output_per_million: 10.00, cached_input_per_million: 1.25}}
- {provider: openai, model: gpt-4o, effective_date: 2024-05-13, service_tier: batch,
   per_token: {input_per_million: 1.25, output_per_million: 5.00}}
- {provider: openai, model: gpt-4o, effective_date: 2024-05-13, service_tier: priority,
   per_token: {input_per_million: 4.25, output_per_million: 17.00, cached_input_per_million: 2.125}}
- {provider: openai, model: gpt-5, effective_date: 2025-08-07,
   per_token: {input_per_million: 1.25, output_per_million: 10.00, cached_input_per_million: 0.125}}
- {provider: openai, model: gpt-5, effective_date: 2025-08-07, service_tier: flex,
   per_token: {input_per_million: 0.625, output_per_million: 5.00, cached_input_per_million: 0.0625}}
`

// serviceTierRecords are requests of each tier, as the API reports the tier
// ("default" is the standard tier).
func serviceTierRecords() []engine.Usage {
	tiers := []struct {
		model, tier string
	}{{"gpt-4o", "default"}, {"gpt-4o", "batch"}, {"gpt-4o", "priority"}, {"gpt-5", ""}, {"gpt-5", "flex"}}
	recs := make([]engine.Usage, len(tiers))
	for i, t := range tiers {
		recs[i] = request("openai", t.model, 6_000, 800)
		recs[i].ServiceTier = t.tier
		recs[i].CachedTokens = 2_000
		if t.model == "gpt-5" {
			recs[i].Timestamp = recs[i].Timestamp.AddDate(0, 2, 0) // after its release
		}
	}
	recs[1].CachedTokens = 0 // the Batch API lists no cached price
	return recs
}

// cacheWriteYAML prices Claude Sonnet 4's cache writes kept 5 minutes (3.75) and
// 1 hour (6.00).
const cacheWriteYAML = `
- {provider: anthropic, model: claude-sonnet-4, effective_date: 2025-05-22,
   per_token: {input_per_million: 3.00, output_per_million: 15.00, cached_input_per_million: 0.30,
               cache_write_per_million: 3.75, cache_write_1h_per_million: 6.00}}
`

// cacheWriteRecords write a 20,000-token prompt prefix to the cache for 5
// minutes, for 1 hour, and some of each beside cache reads.
func cacheWriteRecords() []engine.Usage {
	recs := make([]engine.Usage, 3)
	for i := range recs {
		recs[i] = request("anthropic", "claude-sonnet-4", 30_000, 900)
		recs[i].CacheWriteTokens = 20_000
	}
	recs[1].CacheWrite1hTokens = 20_000
	recs[2].CachedTokens, recs[2].CacheWriteTokens, recs[2].CacheWrite1hTokens = 8_000, 12_000, 4_000
	return recs
}

// multimodalYAML prices audio input apart from text (gpt-4o-audio-preview,
// Gemini 2.5 Flash) and image input apart from text (gpt-image-1).
const multimodalYAML = `
- {provider: openai, model: gpt-4o-audio-preview, effective_date: 2024-10-01,
   per_token: {input_per_million: 2.50, output_per_million: 10.00, audio_input_per_million: 40.00}}
- {provider: googlevertexai, model: gemini-2.5-flash, effective_date: 2025-06-17,
   per_token: {input_per_million: 0.30, output_per_million: 2.50, cached_input_per_million: 0.03, audio_input_per_million: 1.00}}
- {provider: openai, model: gpt-image-1, effective_date: 2025-04-23,
   per_token: {input_per_million: 5.00, output_per_million: 40.00, cached_input_per_million: 1.25, image_input_per_million: 10.00}}
`

// multimodalRecords have audio or image input tokens, one also cache reads.
func multimodalRecords() []engine.Usage {
	recs := []engine.Usage{
		request("openai", "gpt-4o-audio-preview", 5_000, 400),
		request("googlevertexai", "gemini-2.5-flash", 40_000, 1_200),
		request("googlevertexai", "gemini-2.5-flash", 40_000, 1_200),
		request("openai", "gpt-image-1", 1_500, 4_160),
	}
	recs[0].AudioInputTokens = 3_000
	recs[1].AudioInputTokens = 30_000
	recs[2].CachedTokens, recs[2].AudioInputTokens = 5_000, 20_000
	recs[3].ImageInputTokens = 1_200
	return recs
}

// webSearchYAML prices a web search at Anthropic's 0.01 and at OpenAI's
// search-preview medium context 0.035, beside the tokens.
const webSearchYAML = `
- {provider: anthropic, model: claude-sonnet-4, effective_date: 2025-05-22, web_search_per_request: 0.01,
   per_token: {input_per_million: 3.00, output_per_million: 15.00, cached_input_per_million: 0.30, cache_write_per_million: 3.75}}
- {provider: openai, model: gpt-4o-search-preview, effective_date: 2025-03-11, web_search_per_request: 0.035,
   per_token: {input_per_million: 2.50, output_per_million: 10.00}}
`

// webSearchRecords are requests with no, one and several web searches.
func webSearchRecords() []engine.Usage {
	recs := []engine.Usage{
		request("anthropic", "claude-sonnet-4", 12_000, 700),
		request("anthropic", "claude-sonnet-4", 12_000, 700),
		request("anthropic", "claude-sonnet-4", 12_000, 700),
		request("openai", "gpt-4o-search-preview", 3_000, 600),
	}
	recs[1].WebSearchRequests = 1
	recs[2].WebSearchRequests = 3
	recs[3].WebSearchRequests = 1
	return recs
}
