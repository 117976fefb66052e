package samerunner

import (
	"math"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// noise returns the A/A spread of every benchmark measured on both sides, in the
// current side's order.
func noise(base, cur *side) []Noise {
	var out []Noise
	for _, name := range cur.names {
		if !base.has(name) {
			continue
		}
		rounds := cur.rounds(name, base)
		if len(rounds) == 0 {
			continue
		}
		out = append(out, Noise{
			Benchmark: name,
			Rounds:    len(rounds),
			Baseline:  spread(base.samples[name], rounds),
			Current:   spread(cur.samples[name], rounds),
		})
	}
	return out
}

// spread is the A/A difference of one side: the medians of its odd and of its even
// rounds (samples pooled), |difference| / median of all, as a fraction; 0 with fewer
// than two rounds. It is in the units of the A/B difference, at half the samples.
func spread(byRound map[int]bench.Result, rounds []int) float64 {
	if len(rounds) < 2 {
		return 0
	}
	var halves [2][]float64
	for i, r := range rounds {
		halves[i%2] = append(halves[i%2], byRound[r].SamplesNs...)
	}
	mid := median(append(slices.Clone(halves[0]), halves[1]...))
	if mid <= 0 || len(halves[0]) == 0 || len(halves[1]) == 0 {
		return 0
	}
	return math.Abs(median(halves[0])-median(halves[1])) / mid
}

// NoiseSummary condenses the per-benchmark noise: the median spread, and the
// benchmark with the largest one.
func NoiseSummary(ns []Noise) (medianSpread float64, worst Noise) {
	spreads := make([]float64, 0, len(ns))
	for _, n := range ns {
		spreads = append(spreads, n.Spread())
		if n.Spread() > worst.Spread() || worst.Benchmark == "" {
			worst = n
		}
	}
	return median(spreads), worst
}
