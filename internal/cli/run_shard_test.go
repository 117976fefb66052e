package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func TestRunShardBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"K zero", []string{"--shard", "0/3"}, `invalid value "0/3" for flag -shard: "0/3": K must be between 1 and N (3)`},
		{"K over N", []string{"--shard", "4/3"}, `invalid value "4/3" for flag -shard: "4/3": K must be between 1 and N (3)`},
		{"not K/N", []string{"--shard", "x"}, `invalid value "x" for flag -shard: "x": want K/N`},
		{"N zero", []string{"--shard", "1/0"}, `flag -shard: "1/0": N must be at least 1`},
		{"weights without shard", []string{"--shard-weights", "../../baselines/main.json"}, "run: --shard-weights: needs --shard"},
		{"weights file missing", []string{"--shard", "1/2", "--shard-weights", "nope.json"}, "run: --shard-weights: open nope.json"},
		{"more shards than benchmarks", []string{"--filter", "multi_provider", "--shard", "8/8"}, "run: --shard 8/8: part 8 of 7 benchmark(s) is empty; use at most 7 shards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, stderr, code := runCLI(t, append([]string{"run", "--list"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 saying %q", code, stderr, tt.want)
			}
		})
	}
}

// TestRunShardList checks that --list shows what a shard runs, and that
// --shard-weights balances by the measured cost of the baseline.
func TestRunShardList(t *testing.T) {
	t.Parallel()
	weights := filepath.Join("..", "..", "baselines", "main.json")
	doc, err := loadResult(weights, "", Env{})
	if err != nil {
		t.Fatal(err)
	}
	w := bench.Weights(doc)
	var union []string
	var loads []float64
	for _, k := range []string{"1/3", "2/3", "3/3"} {
		stdout, stderr, code := runCLI(t, "run", "--list", "--shard", k, "--shard-weights", weights)
		if code != 0 {
			t.Fatalf("shard %s: exit %d\n%s", k, code, stderr)
		}
		var load float64
		for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
			name := strings.Fields(line)[0]
			union = append(union, name)
			load += w[name]
		}
		loads = append(loads, load)
	}
	slices.Sort(union)
	if !slices.Equal(union, bench.Suite().Names()) {
		t.Errorf("the shards list\n%q\nwant the suite\n%q", union, bench.Suite().Names())
	}
	// The baseline's costs are within a few percent of each other except one; the
	// greedy schedule keeps every shard within one benchmark's cost of the others.
	lo, hi := slices.Min(loads), slices.Max(loads)
	var most float64
	for _, v := range w {
		most = max(most, v)
	}
	if hi-lo > most {
		t.Errorf("shard costs %v: spread %.0f ms over the costliest benchmark's %.0f ms", loads, hi-lo, most)
	}
}
