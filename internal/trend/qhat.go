package trend

import "math"

// bestSplit returns the split of z that maximises q̂, with both sides at least
// minSeg long, and q̂ there; ok is false when z is too short for two sides.
//
// q̂(τ) = mn/(m+n) · Ê, with X = z[:τ] (m points), Y = z[τ:] (n points) and
// Ê = 2/(mn)·Σ|x−y| − Σ_{i<k}|xi−xk|/C(m,2) − Σ_{i<k}|yi−yk|/C(n,2): the energy
// distance of Matteson and James with α = 1. Moving τ one point to the right moves
// one point from Y to X, which changes the three sums by its distances to the two
// sides: O(len(z)) per τ, O(len(z)²) in all.
func bestSplit(z []float64, minSeg int) (at int, q float64, ok bool) {
	n := len(z)
	if n < 2*minSeg {
		return 0, 0, false
	}
	var within, between, withinY float64
	for i := 0; i < n; i++ {
		for k := i + 1; k < n; k++ {
			d := math.Abs(z[i] - z[k])
			switch {
			case k < minSeg:
				within += d
			case i >= minSeg:
				withinY += d
			default:
				between += d
			}
		}
	}
	at, q = -1, math.Inf(-1)
	for tau := minSeg; tau <= n-minSeg; tau++ {
		if v := energy(within, between, withinY, tau, n-tau); v > q {
			at, q = tau, v
		}
		// Move z[tau] from Y to X.
		p := z[tau]
		var toX, toY float64
		for i := 0; i < tau; i++ {
			toX += math.Abs(z[i] - p)
		}
		for j := tau + 1; j < n; j++ {
			toY += math.Abs(z[j] - p)
		}
		within += toX
		withinY -= toY
		between += toY - toX
	}
	return at, q, true
}

// energy is q̂ from the three sums of distances of a split into m and n points.
func energy(withinX, between, withinY float64, m, n int) float64 {
	fm, fn := float64(m), float64(n)
	e := 2*between/(fm*fn) - withinX/pairs(m) - withinY/pairs(n)
	return fm * fn / (fm + fn) * e
}

// pairs is C(k, 2), or 1 below two points (whose sum of distances is 0 anyway).
func pairs(k int) float64 {
	if k < 2 {
		return 1
	}
	return float64(k) * float64(k-1) / 2
}

// qHat is q̂ of splitting z at tau, computed directly from its definition: the
// permutation test's statistic for a given split.
func qHat(z []float64, tau int) float64 {
	var wx, b, wy float64
	for i := range z {
		for k := i + 1; k < len(z); k++ {
			d := math.Abs(z[i] - z[k])
			switch {
			case k < tau:
				wx += d
			case i >= tau:
				wy += d
			default:
				b += d
			}
		}
	}
	return energy(wx, b, wy, tau, len(z)-tau)
}
