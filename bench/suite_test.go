package bench

import (
	"slices"
	"testing"
)

// contractNames are the names of DESIGN.md's suite, which baselines key on.
var contractNames = []string{
	"single_cost_calculation",
	"batch_cost_calculation_100", "batch_cost_calculation_1000", "batch_cost_calculation_10000",
	"cached_token_calculation",
	"cost_aggregation_100", "cost_aggregation_1000", "cost_aggregation_10000",
	"usage_validation",
	"multi_provider_openai", "multi_provider_anthropic", "multi_provider_googlevertexai",
	"multi_provider_azureopenai", "multi_provider_awsbedrock", "multi_provider_mistral", "multi_provider_cohere",
	"tiered_pricing", "per_request_pricing", "pricing_lookup", "time_window_grouping",
}

// structureNames are the benchmarks of the price structures of real bills (issue
// 12): service tiers, 1-hour cache writes, audio and image input, web searches.
var structureNames = []string{"service_tier_pricing", "cache_write_1h_pricing", "multimodal_input_pricing", "web_search_pricing"}

func TestSuiteHasTheContractNames(t *testing.T) {
	t.Parallel()
	got := Suite().Names()
	want := slices.Concat(contractNames, structureNames)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("suite names =\n%q\nwant\n%q", got, want)
	}
}

func TestSuiteWorkloadsRunAndAreDeterministic(t *testing.T) {
	t.Parallel()
	for _, b := range Suite().All() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			w1, err := b.Setup()
			if err != nil {
				t.Fatalf("Setup: %v", err)
			}
			if err := w1.Run(2); err != nil {
				t.Fatalf("Run(2): %v", err)
			}
			w2, err := b.Setup()
			if err != nil {
				t.Fatalf("second Setup: %v", err)
			}
			if w1.CostUSD != w2.CostUSD {
				t.Errorf("cost checksum changed between setups: %q then %q", w1.CostUSD, w2.CostUSD)
			}
			if want := b.Name != "usage_validation"; (w1.CostUSD != "") != want {
				t.Errorf("cost checksum = %q; priced = %v", w1.CostUSD, want)
			}
			if b.Group == "" || b.ops() < 1 {
				t.Errorf("group %q, batch %d", b.Group, b.ops())
			}
		})
	}
}

// TestSuiteChecksums checks the cost checksums against amounts worked out by hand
// from the contract's formulas and the catalogs' prices (per million tokens).
func TestSuiteChecksums(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		// 1200 x 2.50 + 350 x 10.00
		"single_cost_calculation": "0.0065",
		// (4000 x 3.00 + 16000 x 0.30 + 4000 x 3.75) + 900 x 15.00
		"cached_token_calculation": "0.0453",
		// 2000 input and 500 output tokens at each model's list price.
		"multi_provider_openai":         "0.01",
		"multi_provider_anthropic":      "0.0135",
		"multi_provider_googlevertexai": "0.00185",
		"multi_provider_azureopenai":    "0.0006",
		"multi_provider_awsbedrock":     "0.0135",
		"multi_provider_mistral":        "0.007",
		"multi_provider_cohere":         "0.01",
		// Tiers 1-4 by total tokens: 0.0048 + 0.0255 + 0.174 + 0.24; by prompt tokens
		// with cache reads: 0.06625 + 0.6425.
		"tiered_pricing": "1.15305",
		// 0.002 (under) + 0.002 (at) + 0.002 + 49000 x 0.50 + 0.025 + 3200 x 2.50
		"per_request_pricing": "0.0635",
		"usage_validation":    "",
		// gpt-4o: (4000 x 2.50 + 2000 x 1.25) + 800 x 10.00 standard, 6000 x 1.25 +
		// 800 x 5.00 batch, (4000 x 4.25 + 2000 x 2.125) + 800 x 17.00 priority; gpt-5:
		// (4000 x 1.25 + 2000 x 0.125) + 800 x 10.00 standard, (4000 x 0.625 + 2000 x
		// 0.0625) + 800 x 5.00 flex: 0.0205 + 0.0115 + 0.03485 + 0.01325 + 0.006625.
		"service_tier_pricing": "0.086725",
		// 10000 x 3.00 + 900 x 15.00 (0.0435) beside 20000 writes at 3.75 (5 minutes),
		// at 6.00 (1 hour), and 8000 reads x 0.30 + 8000 x 3.75 + 4000 x 6.00 with
		// 10000 uncached: 0.1185 + 0.1635 + 0.0999.
		"cache_write_1h_pricing": "0.3819",
		// 2000 x 2.50 + 3000 audio x 40.00 + 400 x 10.00; 10000 x 0.30 + 30000 audio x
		// 1.00 + 1200 x 2.50; 15000 x 0.30 + 5000 reads x 0.03 + 20000 audio x 1.00 +
		// 1200 x 2.50; 300 x 5.00 + 1200 image x 10.00 + 4160 x 40.00:
		// 0.129 + 0.036 + 0.02765 + 0.1799.
		"multimodal_input_pricing": "0.37255",
		// 12000 x 3.00 + 700 x 15.00 = 0.0465 with 0, 1 and 3 searches at 0.01;
		// 3000 x 2.50 + 600 x 10.00 + 1 search at 0.035: 0.0465 + 0.0565 + 0.0765 + 0.0485.
		"web_search_pricing": "0.228",
	}
	for _, b := range Suite().All() {
		w, ok := want[b.Name]
		if !ok {
			continue
		}
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			got := setup(t, b).CostUSD
			if got != w {
				t.Errorf("cost_total_usd = %q, want %q", got, w)
			}
		})
	}
}

func setup(t *testing.T, b Benchmark) Workload {
	t.Helper()
	w, err := b.Setup()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func byName(t *testing.T, name string) Benchmark {
	t.Helper()
	for _, b := range Suite().All() {
		if b.Name == name {
			return b
		}
	}
	t.Fatalf("no benchmark %q", name)
	return Benchmark{}
}

// TestAggregationTotalsMatchPricing checks that aggregating priced records sums to
// what pricing them one by one gives: the same mixed records feed
// batch_cost_calculation_N and cost_aggregation_N.
func TestAggregationTotalsMatchPricing(t *testing.T) {
	t.Parallel()
	for _, n := range []string{"100", "1000", "10000"} {
		t.Run(n, func(t *testing.T) {
			t.Parallel()
			batch := setup(t, byName(t, "batch_cost_calculation_"+n)).CostUSD
			agg := setup(t, byName(t, "cost_aggregation_"+n)).CostUSD
			if batch != agg || batch == "0" {
				t.Errorf("batch checksum %s, aggregation checksum %s: want equal and non-zero", batch, agg)
			}
		})
	}
}
