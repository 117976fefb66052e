package trend

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestDetectSyntheticSteps: steps of known place and size are found at the right
// index (±1) with the right size, and nothing else is.
func TestDetectSyntheticSteps(t *testing.T) {
	t.Parallel()
	type want struct {
		at    int
		delta float64 // percent
	}
	cases := []struct {
		name string
		xs   []float64
		want []want
	}{
		{"slowdown 20%", newSeries(1, 60, 100, 0.01).step(30, 1.2).noisy(), []want{{30, 20}}},
		{"speedup 10%", newSeries(2, 40, 100, 0.01).step(25, 0.9).noisy(), []want{{25, -10}}},
		{"5% in 1% noise", newSeries(3, 50, 1000, 0.01).step(20, 1.05).noisy(), []want{{20, 5}}},
		{"two steps", newSeries(4, 80, 50, 0.01).step(20, 1.3).step(55, 0.8).noisy(), []want{{20, 30}, {55, -20}}},
		{"three steps", newSeries(5, 90, 10, 0.02).step(15, 1.5).step(45, 1.2).step(70, 0.5).noisy(), []want{{15, 50}, {45, 20}, {70, -50}}},
		{"step 4 runs after the start", newSeries(6, 40, 100, 0.01).step(4, 1.25).noisy(), []want{{4, 25}}},
		{"step 4 runs before the end", newSeries(7, 40, 100, 0.01).step(36, 1.25).noisy(), []want{{36, 25}}},
		{"step 8 runs before the end of 300", newSeries(12, 300, 100, 0.01).step(292, 1.1).noisy(), []want{{292, 10}}},
		{"step 3 runs before the end of 300", newSeries(14, 300, 100, 0.01).step(297, 1.1).noisy(), []want{{297, 10}}},
		{"a bump: up, then back", newSeries(15, 60, 100, 0.02).step(10, 1.2).step(44, 1/1.2).noisy(), []want{{10, 20}, {44, -16.7}}},
		{"step with a spike", newSeries(8, 60, 100, 0.01).spike(10, 3).step(40, 1.15).noisy(), []want{{40, 15}}},
		{"exact allocation counts", []float64{3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4}, []want{{6, 33.33}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Detect(tc.xs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("found %d change points %v, want %d at %v", len(got), got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Index < w.at-1 || g.Index > w.at+1 {
					t.Errorf("change point %d at %d, want %d±1", i, g.Index, w.at)
				}
				if d := g.DeltaPct(); math.Abs(d-w.delta) > math.Max(2, math.Abs(w.delta)/10) {
					t.Errorf("change point %d: delta %.2f%%, want about %.2f%%", i, d, w.delta)
				}
				if g.PValue > DefaultAlpha {
					t.Errorf("change point %d: p = %g above alpha", i, g.PValue)
				}
			}
		})
	}
}

// TestDetectNothing: flat series, single-run spikes and constant series have no
// change point, over many random seeds.
func TestDetectNothing(t *testing.T) {
	t.Parallel()
	for seed := uint64(0); seed < 50; seed++ {
		cases := map[string][]float64{
			"flat":              newSeries(seed, 60, 100, 0.02).noisy(),
			"one spike":         newSeries(seed, 60, 100, 0.01).spike(int(seed)%60, 5).noisy(),
			"spike at the end":  newSeries(seed, 30, 100, 0.01).spike(29, 3).noisy(),
			"spike at start":    newSeries(seed, 30, 100, 0.01).spike(0, 3).noisy(),
			"two far spikes":    newSeries(seed, 60, 100, 0.01).spike(15, 2).spike(45, 0.5).noisy(),
			"one dip":           newSeries(seed, 40, 100, 0.01).spike(20, 0.3).noisy(),
			"heavy noise":       newSeries(seed, 40, 100, 0.10).noisy(),
			"short":             newSeries(seed, 5, 100, 0.01).step(3, 2).noisy(),
			"constant":          {7, 7, 7, 7, 7, 7, 7, 7},
			"constant, a spike": {7, 7, 7, 7, 9, 7, 7, 7, 7},
		}
		for name, xs := range cases {
			for _, test := range []Significance{UTest, TTest, Permutation} {
				if test == Permutation && seed%10 != 0 { // the slow one: every tenth seed
					continue
				}
				got, err := Detect(xs, Options{Test: test, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) > 0 {
					t.Errorf("%s, %s (seed %d): change points %+v in %v", name, test, seed, got, xs)
				}
			}
		}
	}
}

// TestDetectDrift: a slow drift, each run 0.2% slower than the one before, is
// found as change points inside the drift and never before it.
func TestDetectDrift(t *testing.T) {
	t.Parallel()
	xs := newSeries(13, 80, 100, 0.01).drift(40, 0.002).noisy()
	got, err := Detect(xs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no change point in a drift of 8% over 40 runs")
	}
	for _, g := range got {
		if g.Index < 40-1 {
			t.Errorf("change point at %d, before the drift starts at 40", g.Index)
		}
		if g.DeltaPct() <= 0 {
			t.Errorf("change point at %d: delta %.2f%%, want a slowdown", g.Index, g.DeltaPct())
		}
	}
}

// TestDetectPermutation: the permutation test agrees with the t-test on a clear step
// and finds nothing in a flat series; the same seed gives the same p-values.
func TestDetectPermutation(t *testing.T) {
	t.Parallel()
	o := Options{Test: Permutation, Seed: 42}
	xs := newSeries(9, 40, 100, 0.01).step(20, 1.2).noisy()
	got, err := Detect(xs, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Index < 19 || got[0].Index > 21 {
		t.Fatalf("permutation test: %+v, want one change point at 20±1", got)
	}
	if got[0].PValue != 1.0/float64(1+DefaultPermutations) {
		t.Errorf("p = %g, want the smallest a permutation test of %d reorderings gives", got[0].PValue, DefaultPermutations)
	}
	again, _ := Detect(xs, o)
	if fmt.Sprint(again) != fmt.Sprint(got) {
		t.Errorf("same seed, different answers: %v and %v", got, again)
	}
	flat, err := Detect(newSeries(10, 40, 100, 0.02).noisy(), o)
	if err != nil || len(flat) != 0 {
		t.Errorf("flat series: %v, %v; want none", flat, err)
	}
}

func TestDetectBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		xs   []float64
		o    Options
		want string
	}{
		{"NaN", []float64{1, math.NaN(), 2}, Options{}, "point 1: NaN is not a finite number"},
		{"Inf", []float64{1, 2, math.Inf(1)}, Options{}, "point 2: +Inf"},
		{"alpha", nil, Options{Alpha: 2}, "alpha: 2"},
		{"min segment", nil, Options{MinSegment: 1}, "min-segment: 1"},
		{"test", nil, Options{Test: "ks"}, `test: "ks"`},
		{"permutations", nil, Options{Permutations: -1}, "permutations: -1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Detect(tc.xs, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestBestSplitMatchesDirect: the incremental q̂ equals the formula computed
// directly at every split.
func TestBestSplitMatchesDirect(t *testing.T) {
	t.Parallel()
	z := newSeries(11, 25, 10, 0.3).step(12, 1.5).noisy()
	bestAt, bestQ := -1, math.Inf(-1)
	for tau := 2; tau <= len(z)-2; tau++ {
		if q := qHat(z, tau); q > bestQ {
			bestAt, bestQ = tau, q
		}
	}
	at, q, ok := bestSplit(z, 2)
	if !ok || at != bestAt || math.Abs(q-bestQ) > 1e-9*math.Abs(bestQ) {
		t.Errorf("bestSplit = %d, %g; direct = %d, %g", at, q, bestAt, bestQ)
	}
}
