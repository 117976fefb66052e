package abtest

import (
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

// spread is (max - min) / median of the per-round medians of the given rounds; 0 with
// fewer than two rounds.
func spread(byRound map[int]bench.Result, rounds []int) float64 {
	if len(rounds) < 2 {
		return 0
	}
	centers := make([]float64, 0, len(rounds))
	for _, r := range rounds {
		centers = append(centers, roundCenter(byRound[r]))
	}
	mid := median(centers)
	if mid <= 0 {
		return 0
	}
	return (slices.Max(centers) - slices.Min(centers)) / mid
}

// roundCenter is one round's median time per operation.
func roundCenter(r bench.Result) float64 {
	if len(r.SamplesNs) > 0 {
		return median(r.SamplesNs)
	}
	return r.MedianNs
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
