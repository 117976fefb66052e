package bench

import (
	"fmt"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// The families of the suite, the group field of each result.
const (
	GroupCalculation = "calculation" // pricing one record
	GroupBatch       = "batch"       // pricing batches of mixed records
	GroupAggregation = "aggregation" // summing priced records
	GroupValidation  = "validation"  // checking records
	GroupProvider    = "provider"    // pricing one record of each provider
	GroupPricing     = "pricing"     // price structures and catalog lookup
)

// Suite returns the registry of the benchmark suite, the names of the contract
// in a fixed order. Adding a benchmark is one Add call; the helpers below build
// the common kinds of workload.
func Suite() *Registry {
	var r Registry
	builtin := engine.BuiltinCatalog
	r.Add(pricingBench("single_cost_calculation", GroupCalculation, builtin, 1, one(request("openai", "gpt-4o", 1_200, 350))))
	for _, n := range []int{100, 1000, 10000} {
		r.Add(pricingBench(fmt.Sprintf("batch_cost_calculation_%d", n), GroupBatch, builtin, n, mixed(n, 30*24*time.Hour)))
	}
	r.Add(pricingBench("cached_token_calculation", GroupCalculation, builtin, 1, one(cachedRequest())))
	for _, n := range []int{100, 1000, 10000} {
		r.Add(aggregationBench(fmt.Sprintf("cost_aggregation_%d", n), n, 0))
	}
	r.Add(Benchmark{Name: "usage_validation", Group: GroupValidation, Setup: validationSetup})
	for _, m := range providerModels {
		r.Add(pricingBench("multi_provider_"+m.provider, GroupProvider, builtin, 1, one(request(m.provider, m.name, 2_000, 500))))
	}
	r.Add(pricingBench("tiered_pricing", GroupPricing, yamlCatalog("tiered.yaml", tieredYAML), len(tieredRecords()), tieredRecords))
	r.Add(pricingBench("per_request_pricing", GroupPricing, yamlCatalog("per_request.yaml", perRequestYAML), len(perRequestRecords()), perRequestRecords))
	r.Add(Benchmark{Name: "pricing_lookup", Group: GroupPricing, BatchSize: lookupKeys, Setup: lookupSetup})
	r.Add(aggregationBench("time_window_grouping", 1000, time.Hour))
	r.Add(pricingBench("service_tier_pricing", GroupPricing, yamlCatalog("service_tier.yaml", serviceTierYAML), len(serviceTierRecords()), serviceTierRecords))
	r.Add(pricingBench("cache_write_1h_pricing", GroupPricing, yamlCatalog("cache_write.yaml", cacheWriteYAML), len(cacheWriteRecords()), cacheWriteRecords))
	r.Add(pricingBench("multimodal_input_pricing", GroupPricing, yamlCatalog("multimodal.yaml", multimodalYAML), len(multimodalRecords()), multimodalRecords))
	r.Add(pricingBench("web_search_pricing", GroupPricing, yamlCatalog("web_search.yaml", webSearchYAML), len(webSearchRecords()), webSearchRecords))
	return &r
}

// providerModels is the model of the built-in catalog that each
// multi_provider_<provider> benchmark prices.
var providerModels = []model{
	{"openai", "gpt-4o"},
	{"anthropic", "claude-3-5-sonnet"},
	{"googlevertexai", "gemini-2.5-flash"},
	{"azureopenai", "gpt-4o-mini"},
	{"awsbedrock", "claude-3-7-sonnet"},
	{"mistral", "mistral-large"},
	{"cohere", "command-r-plus"},
}

// cachedRequest is a request with cache reads and cache writes, priced at
// Anthropic's separate read and write rates.
func cachedRequest() engine.Usage {
	u := request("anthropic", "claude-3-5-sonnet", 24_000, 900)
	u.CachedTokens, u.CacheWriteTokens = 16_000, 4_000
	return u
}

// catalogFunc returns the catalog a workload prices with.
type catalogFunc func() (*engine.Catalog, error)

// yamlCatalog parses a catalog written in the suite's source.
func yamlCatalog(name, text string) catalogFunc {
	return func() (*engine.Catalog, error) { return engine.ParseCatalog(name, []byte(text)) }
}

// recordsFunc returns the records of one iteration of a workload.
type recordsFunc func() []engine.Usage

func one(u engine.Usage) recordsFunc { return func() []engine.Usage { return []engine.Usage{u} } }

func mixed(n int, span time.Duration) recordsFunc {
	return func() []engine.Usage { return mixedRecords(n, span) }
}
