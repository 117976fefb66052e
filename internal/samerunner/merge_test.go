package samerunner

import (
	"math"
	"slices"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// sideWith makes a side that measured benchmark name with the given per-round samples.
func sideWith(which Side, name string, rounds map[int][]float64) *side {
	s := newSide(which)
	for r, samples := range rounds {
		s.add(r, "", &bench.Document{Results: []bench.Result{{Name: name, SamplesNs: samples}}})
	}
	return s
}

func TestOnlyRoundsOfBothSidesCount(t *testing.T) {
	t.Parallel()
	base := sideWith(Baseline, "x", map[int][]float64{1: {10}, 2: {20}})
	cur := sideWith(Current, "x", map[int][]float64{1: {11}, 2: {21}, 3: {31}})
	cur.add(1, "", &bench.Document{Results: []bench.Result{{Name: "only-current", SamplesNs: []float64{5}}}})
	cur.add(3, "", &bench.Document{Results: []bench.Result{{Name: "only-current", SamplesNs: []float64{6}}}})

	doc := cur.document(base)
	if len(doc.Results) != 2 {
		t.Fatalf("results = %+v, want x and only-current", doc.Results)
	}
	if got := doc.Results[0].SamplesNs; !slices.Equal(got, []float64{11, 21}) {
		t.Errorf("x samples = %v, want rounds 1 and 2 only (round 3 did not run on the baseline)", got)
	}
	if got := doc.Results[1].SamplesNs; !slices.Equal(got, []float64{5, 6}) {
		t.Errorf("only-current samples = %v, want every round (no pairing for a one-sided benchmark)", got)
	}
	if doc.Summary.TotalBenchmarks != 2 || doc.Summary.FastestBenchmark != "only-current" || doc.Summary.SlowestBenchmark != "x" {
		t.Errorf("summary = %+v", doc.Summary)
	}
}

func TestNoiseIsTheAADifferenceOfOddAndEvenRounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		base, cur  map[int][]float64
		wantRounds int
		wantBase   float64
		wantCur    float64
	}{
		{"steady", map[int][]float64{1: {100, 100}, 2: {100, 100}}, map[int][]float64{1: {50}, 2: {50}}, 2, 0, 0},
		// baseline odd rounds 1,3: 90 100 110 120 (median 105), even round 2: 110; all: 110 -> 5/110
		// current odd: 200 210 (205), even: 220; all: 210 -> 15/210
		{"drifting", map[int][]float64{1: {90, 100, 110}, 2: {110}, 3: {120}}, map[int][]float64{1: {200}, 2: {220}, 3: {210}}, 3, 5.0 / 110, 15.0 / 210},
		{"one round", map[int][]float64{1: {1, 9}}, map[int][]float64{1: {5}}, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := noise(sideWith(Baseline, "x", tt.base), sideWith(Current, "x", tt.cur))
			if len(got) != 1 || got[0].Rounds != tt.wantRounds ||
				math.Abs(got[0].Baseline-tt.wantBase) > 1e-9 || math.Abs(got[0].Current-tt.wantCur) > 1e-9 {
				t.Errorf("noise = %+v, want %d rounds, baseline %v, current %v", got, tt.wantRounds, tt.wantBase, tt.wantCur)
			}
		})
	}
}

func TestNoiseSummary(t *testing.T) {
	t.Parallel()
	ns := []Noise{{Benchmark: "a", Baseline: 0.01, Current: 0.02}, {Benchmark: "b", Baseline: 0.10}, {Benchmark: "c", Current: 0.03}}
	mid, worst := NoiseSummary(ns)
	if mid != 0.03 || worst.Benchmark != "b" {
		t.Errorf("NoiseSummary = %v, %q; want 0.03 and b", mid, worst.Benchmark)
	}
}
