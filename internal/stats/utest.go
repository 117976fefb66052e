package stats

import (
	"sort"

	"golang.org/x/perf/benchmath"
)

// UTest is the Mann-Whitney U test of two samples, as benchmath computes it.
type UTest struct {
	P        float64 // two-sided p-value; 1 when the test could not run
	N1, N2   int
	Warnings []string // benchmath's caveats (too few samples for alpha, ...)
}

// CompareSamples runs the U test of base against cur at level alpha (which only
// affects the warning about too few samples).
func CompareSamples(base, cur []float64, alpha float64) UTest {
	c := benchmath.AssumeNothing.Compare(NewSample(base, alpha), NewSample(cur, alpha))
	return UTest{P: c.P, N1: c.N1, N2: c.N2, Warnings: texts(c.Warnings)}
}

// MinUTestP is the smallest p-value the U test can give for samples of n1 and n2
// values: that of two samples that do not overlap at all. No difference, however
// large, is significant at a level below it.
func MinUTestP(n1, n2 int) float64 {
	if n1 == 0 || n2 == 0 {
		return 1
	}
	a, b := make([]float64, n1), make([]float64, n2)
	for i := range a {
		a[i] = float64(i)
	}
	for i := range b {
		b[i] = float64(n1 + i)
	}
	return CompareSamples(a, b, DefaultAlpha).P
}

// BenjaminiHochberg returns the Benjamini-Hochberg adjusted p-values of ps, in the
// order of ps: a test is significant at level alpha when its adjusted p-value is
// below alpha. Among the tests found significant, the expected share of false alarms
// is then at most alpha; when nothing changed at all (every test a null), the chance
// of even one false alarm is at most alpha, however many tests there are, where
// uncorrected tests give about alpha x len(ps) false alarms. Unlike Holm's
// family-wise correction, it keeps its power when many benchmarks change together
// (a slower shared function). NaN p-values (no test) stay NaN and do not count.
func BenjaminiHochberg(ps []float64) []float64 {
	idx := make([]int, 0, len(ps))
	for i, p := range ps {
		if p == p { // not NaN
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return ps[idx[a]] < ps[idx[b]] })
	out := make([]float64, len(ps))
	copy(out, ps)
	m := len(idx)
	running := 1.0
	for rank := m - 1; rank >= 0; rank-- { // from the largest p-value down
		i := idx[rank]
		running = min(running, float64(m)/float64(rank+1)*ps[i])
		out[i] = running
	}
	return out
}
