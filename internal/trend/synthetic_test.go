package trend

import (
	"math"
	"math/rand/v2"
)

// series builds a synthetic history: n points of level base with Gaussian noise of
// sd (a fraction of the level), then edits applied in order.
type series struct {
	xs  []float64
	rng *rand.Rand
	sd  float64
}

func newSeries(seed uint64, n int, base, sd float64) *series {
	s := &series{xs: make([]float64, n), rng: rand.New(rand.NewPCG(seed, 1)), sd: sd}
	for i := range s.xs {
		s.xs[i] = base
	}
	return s
}

// step multiplies every point from at on by factor.
func (s *series) step(at int, factor float64) *series {
	for i := at; i < len(s.xs); i++ {
		s.xs[i] *= factor
	}
	return s
}

// spike multiplies the single point at by factor.
func (s *series) spike(at int, factor float64) *series {
	s.xs[at] *= factor
	return s
}

// drift adds a linear trend of perPoint (a fraction) per point from at on.
func (s *series) drift(at int, perPoint float64) *series {
	for i := at; i < len(s.xs); i++ {
		s.xs[i] *= 1 + perPoint*float64(i-at+1)
	}
	return s
}

// noisy adds the noise and returns the points.
func (s *series) noisy() []float64 {
	out := make([]float64, len(s.xs))
	for i, x := range s.xs {
		out[i] = x * (1 + s.sd*s.rng.NormFloat64())
		out[i] = math.Max(out[i], 0)
	}
	return out
}
