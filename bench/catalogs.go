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
