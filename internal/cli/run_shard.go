package cli

import (
	"flag"
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
)

// bindShard registers run's --shard and --shard-weights.
func bindShard(fs *flag.FlagSet, opts *runOptions) {
	fs.Func("shard", "run only part `K/N` of the (filtered) suite: the N parts are disjoint, cover the suite, and are balanced by cost (see --shard-weights); `merge` joins their results", func(s string) error {
		sh, err := bench.ParseShard(s)
		if err != nil {
			return err
		}
		opts.shard = sh
		return nil
	})
	fs.StringVar(&opts.weights, "shard-weights", "", "a result `file` (the baseline, say) whose measured cost of each benchmark balances the --shard parts; default: the same cost for each")
}

// selectBenchmarks returns the benchmarks of suite that the filters keep and, with
// --shard, that fall in the shard. Every mistake is a usage error naming its flag.
func selectBenchmarks(suite *bench.Registry, opts runOptions) ([]bench.Benchmark, error) {
	filter, err := bench.ParseFilter(opts.filters)
	if err != nil {
		return nil, &UsageError{Err: fmt.Errorf("run: --filter: %w", err)}
	}
	selected, err := suite.Select(filter)
	if err != nil {
		return nil, &UsageError{Err: fmt.Errorf("run: --filter: %w (--list without --filter shows the names)", err)}
	}
	if opts.weights != "" && opts.shard.IsZero() {
		return nil, usageErrorf("run: --shard-weights: needs --shard")
	}
	if opts.shard.IsZero() {
		return selected, nil
	}
	var weights map[string]float64
	if opts.weights != "" {
		doc, err := formats.LoadFile(opts.weights, "")
		if err != nil {
			return nil, &UsageError{Err: fmt.Errorf("run: --shard-weights: %w", err)}
		}
		weights = bench.Weights(doc)
	}
	names := make([]string, len(selected))
	byName := make(map[string]bench.Benchmark, len(selected))
	for i, b := range selected {
		names[i], byName[b.Name] = b.Name, b
	}
	picked := opts.shard.Pick(names, weights)
	if len(picked) == 0 {
		return nil, usageErrorf("run: --shard %s: part %d of %d benchmark(s) is empty; use at most %d shards", opts.shard, opts.shard.K, len(names), len(names))
	}
	out := make([]bench.Benchmark, len(picked))
	for i, n := range picked {
		out[i] = byName[n]
	}
	return out, nil
}
