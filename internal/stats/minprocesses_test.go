package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// processModel draws the level of one process, relative to the true time.
type processModel func(r *rand.Rand) float64

// lognormalLevels: each process's level is lognormal with sigma between (process
// medians 10-30% apart, as measured here).
func lognormalLevels(between float64) processModel {
	return func(r *rand.Rand) float64 { return math.Exp(between * r.NormFloat64()) }
}

// twoLevels: each process lands, with even chances, on one of two levels jump apart
// (0.4: 40 or 56 ns, as cached_token_calculation measured here process by process).
func twoLevels(jump float64) processModel {
	return func(r *rand.Rand) float64 {
		l := math.Exp(0.01 * r.NormFloat64())
		if r.IntN(2) == 0 {
			l *= 1 + jump
		}
		return l
	}
}

// simMedians draws k processes of 13 samples each, 2% noise within a process, and
// returns each process's median.
func simMedians(r *rand.Rand, k int, level processModel) []float64 {
	out := make([]float64, k)
	s := make([]float64, 13)
	for i := range out {
		l := 100 * level(r)
		for j := range s {
			s[j] = l * math.Exp(0.02*r.NormFloat64())
		}
		out[i] = Median(s)
	}
	return out
}

// aaRate is the share of A/A pairs, k processes a side, that the test between
// processes calls significant at level alpha; Runs is bypassed by calling the test
// the way CompareProcessesAt would with the sides long enough.
func aaRate(seed uint64, k, trials int, level processModel, alpha float64) float64 {
	r := rand.New(rand.NewPCG(seed, 9))
	hits := 0
	for range trials {
		t := ProcessTest{Base: logs(simMedians(r, k, level)), Cur: logs(simMedians(r, k, level))}
		t.Rank = MinUTestP(k, k) < alpha/10
		if t.pvalue(t.Base, t.Cur) < alpha {
			hits++
		}
	}
	return float64(hits) / float64(trials)
}

// TestMinProcessesSimulated is why MinProcesses is 5: A/A pairs whose process
// levels jump between two values 40% apart, at the level a lone benchmark of a
// 20-benchmark suite must reach after the correction (0.05/20), are flagged far
// above that level with 3 or 4 processes a side and within it from 5 on. Lognormal
// process levels keep the level at every count (go test -v -run MinProcesses logs
// the table, alpha 0.05 and 0.0025, 2 to 10 processes).
func TestMinProcessesSimulated(t *testing.T) {
	t.Parallel()
	const trials = 4000
	models := []struct {
		name  string
		level processModel
	}{
		{"lognormal σ=0.1", lognormalLevels(0.1)},
		{"lognormal σ=0.3", lognormalLevels(0.3)},
		{"two levels 40% apart", twoLevels(0.4)},
	}
	const corrected = 0.05 / 20
	rates := map[string]float64{}
	for i, m := range models {
		for _, k := range []int{2, 3, 4, 5, 10} {
			at05 := aaRate(uint64(10*i+k), k, trials, m.level, 0.05)
			atCorr := aaRate(uint64(10*i+k), k, trials, m.level, corrected)
			rates[fmt.Sprint(m.name, k)] = atCorr
			t.Logf("%-21s %2d processes a side: A/A significant %5.2f%% at alpha 0.05, %5.3f%% at 0.0025", m.name, k, 100*at05, 100*atCorr)
		}
	}
	jump := func(k int) float64 { return rates[fmt.Sprint("two levels 40% apart", k)] }
	if jump(MinProcesses) > 2*corrected {
		t.Errorf("two levels, %d processes: %.3f%% A/A significant at %.2f%%; the minimum does not hold the level", MinProcesses, 100*jump(MinProcesses), 100*corrected)
	}
	if jump(3) < 5*corrected || jump(4) < 2*corrected {
		t.Errorf("two levels: %.3f%% (3 processes) and %.3f%% (4) A/A significant at %.2f%%; the premise is that fewer than 5 is overconfident", 100*jump(3), 100*jump(4), 100*corrected)
	}
	for _, name := range []string{"lognormal σ=0.1", "lognormal σ=0.3"} {
		if r := rates[fmt.Sprint(name, MinProcesses)]; r > 2*corrected {
			t.Errorf("%s, %d processes: %.3f%% A/A significant at %.2f%%", name, MinProcesses, 100*r, 100*corrected)
		}
	}
}
