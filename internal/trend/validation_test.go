package trend

import (
	"math/rand/v2"
	"testing"
)

// scenario is a synthetic history with known change points.
type scenario struct {
	xs    []float64
	truth []int
}

// randomScenario is a history of 40 to 120 runs with noise of 0.5-3%, 0-3 steps of
// 8-40% (either way; at least 8 runs apart and from the ends), and 0-3 single-run
// spikes of 1.5-4x (a noisy CI machine) away from the steps.
func randomScenario(seed uint64) scenario {
	rng := rand.New(rand.NewPCG(seed, 99))
	n := 40 + rng.IntN(81)
	s := newSeries(seed, n, 100+rng.Float64()*1000, 0.005+rng.Float64()*0.025)
	var truth []int
	for range rng.IntN(4) {
		at := 8 + rng.IntN(n-16)
		ok := true
		for _, t := range truth {
			if abs(t-at) < 8 {
				ok = false
			}
		}
		if !ok {
			continue
		}
		size := 1.08 + rng.Float64()*0.32
		if rng.IntN(2) == 0 {
			size = 1 / size
		}
		s.step(at, size)
		truth = append(truth, at)
	}
	for range rng.IntN(4) {
		at := rng.IntN(n)
		near := false
		for _, t := range truth {
			if abs(t-at) <= 2 {
				near = true
			}
		}
		if !near {
			s.spike(at, 1.5+rng.Float64()*2.5)
		}
	}
	return scenario{xs: s.noisy(), truth: truth}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// score counts detections within ±1 of a true change point (each matched once).
func score(truth []int, found []Split) (matched int) {
	used := make([]bool, len(found))
	for _, t := range truth {
		for i, f := range found {
			if !used[i] && abs(f.Index-t) <= 1 {
				used[i] = true
				matched++
				break
			}
		}
	}
	return matched
}

// TestValidationPrecisionRecall runs Detect on 300 random synthetic histories and
// holds its precision (found change points that are true, ±1) at 95% or more with
// every test, and its recall (true change points found, ±1) at each test's bar.
func TestValidationPrecisionRecall(t *testing.T) {
	t.Parallel()
	for _, test := range []Significance{UTest, TTest, Permutation} {
		var truths, founds, matched int
		count := 300
		if test == Permutation {
			count = 30 // the slow one
		}
		for seed := range uint64(count) {
			sc := randomScenario(seed)
			found, err := Detect(sc.xs, Options{Test: test, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			truths += len(sc.truth)
			founds += len(found)
			matched += score(sc.truth, found)
		}
		precision := float64(matched) / float64(max(founds, 1))
		recall := float64(matched) / float64(max(truths, 1))
		t.Logf("%-11s %d histories: %d true change points, %d found, %d right: precision %.3f, recall %.3f",
			test, count, truths, founds, matched, precision, recall)
		// The bar of each test: the default (U) finds 95% of the steps; the
		// permutation test misses more of the steps that come back (bumps); Welch's
		// t-test, as Otava's, is here to be compared, and misses half of them
		// (spikes inflate its variance).
		minRecall := map[Significance]float64{UTest: 0.95, Permutation: 0.9, TTest: 0.5}[test]
		if precision < 0.95 || recall < minRecall {
			t.Errorf("%s: precision %.3f, recall %.3f: want at least 0.95 and %.2f", test, precision, recall, minRecall)
		}
	}
}
