package compare

import (
	"fmt"
	"math/rand/v2"
	"path"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// bruteFirst is the definition patternSet.first must agree with.
func bruteFirst(patterns []string, name string) int {
	for i, p := range patterns {
		if ok, _ := path.Match(p, name); ok {
			return i
		}
	}
	return -1
}

func TestPatternSetAgreesWithPathMatch(t *testing.T) {
	t.Parallel()
	patterns := []string{
		"batch_cost_calculation_100", "batch_*", "*_1000", "cost_aggregation_1?000", "[a-c]*", "*",
		"multi_provider_openai", `single\_cost*`, "x", "batch_cost_calculation_100",
	}
	names := []string{
		"batch_cost_calculation_100", "batch_cost_calculation_1000", "cost_aggregation_10000", "cost_aggregation_1000",
		"single_cost_calculation", "multi_provider_openai", "x", "", "zzz", "Calculate-2", "Aggregate/records=1000-2",
	}
	for n := range len(patterns) + 1 {
		set := newPatternSet(patterns[:n])
		for _, name := range names {
			if got, want := set.first(name), bruteFirst(patterns[:n], name); got != want {
				t.Errorf("first %d patterns, %q: got %d, want %d", n, name, got, want)
			}
		}
	}
}

func TestPatternSetRandomized(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 4))
	alphabet := []string{"a", "b", "_", "*", "?", "[ab]", "1"}
	for trial := range 1000 {
		var patterns []string
		for range 1 + rng.IntN(8) {
			p := ""
			for range 1 + rng.IntN(5) {
				p += alphabet[rng.IntN(len(alphabet))]
			}
			patterns = append(patterns, p)
		}
		set := newPatternSet(patterns)
		for range 20 {
			name := ""
			for range rng.IntN(6) {
				name += []string{"a", "b", "_", "1"}[rng.IntN(4)]
			}
			if got, want := set.first(name), bruteFirst(patterns, name); got != want {
				t.Fatalf("trial %d: patterns %q name %q: got %d, want %d", trial, patterns, name, got, want)
			}
		}
	}
}

// suiteNames are the contract's benchmark names.
var suiteNames = []string{
	"single_cost_calculation", "batch_cost_calculation_100", "batch_cost_calculation_1000", "batch_cost_calculation_10000",
	"cached_token_calculation", "cost_aggregation_100", "cost_aggregation_1000", "cost_aggregation_10000", "usage_validation",
	"multi_provider_openai", "multi_provider_anthropic", "multi_provider_googlevertexai", "multi_provider_azureopenai",
	"multi_provider_awsbedrock", "multi_provider_mistral", "multi_provider_cohere",
	"tiered_pricing", "per_request_pricing", "pricing_lookup", "time_window_grouping",
}

// manyGlobs returns n threshold patterns of the shapes people write: plain names,
// prefix globs and suffix globs, none of which match the suite until the last.
func manyGlobs(n int) []ThresholdRule {
	rules := make([]ThresholdRule, 0, n)
	for i := range n - 1 {
		var p string
		switch i % 3 {
		case 0:
			p = fmt.Sprintf("service_%d_latency", i)
		case 1:
			p = fmt.Sprintf("team%d_*", i)
		default:
			p = fmt.Sprintf("*_variant_%d", i)
		}
		rules = append(rules, ThresholdRule{Pattern: p, Percent: 20})
	}
	return append(rules, ThresholdRule{Pattern: "*", Percent: 15})
}

func TestManyGlobsStillResolve(t *testing.T) {
	t.Parallel()
	r := newRules(withConfig(func(c *Config) { c.Thresholds = manyGlobs(10000) }))
	for _, name := range suiteNames {
		if got, rule := r.threshold(name); got != 15 || rule != "*" {
			t.Errorf("%s: %v from %q, want 15 from the last rule", name, got, rule)
		}
	}
}

// BenchmarkCompareTenThousandGlobs compares a suite-sized document under a config with
// 10,000 threshold patterns (compiling them included).
func BenchmarkCompareTenThousandGlobs(b *testing.B) {
	var rs []bench.Result
	for _, n := range suiteNames {
		rs = append(rs, res(n, steady(1000, 10)))
	}
	base, cur := doc(rs...), doc(rs...)
	cfg := withConfig(func(c *Config) { c.Thresholds = manyGlobs(10000) })
	b.ReportAllocs()
	for b.Loop() {
		Compare(base, cur, cfg)
	}
}

// BenchmarkCompareNoGlobs is the same comparison with the default config, the
// reference for the cost of the patterns.
func BenchmarkCompareNoGlobs(b *testing.B) {
	var rs []bench.Result
	for _, n := range suiteNames {
		rs = append(rs, res(n, steady(1000, 10)))
	}
	base, cur := doc(rs...), doc(rs...)
	b.ReportAllocs()
	for b.Loop() {
		Compare(base, cur, DefaultConfig())
	}
}
