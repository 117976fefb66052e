package samerunner

import "github.com/cost-ops-bench/cost-ops-bench/internal/stats"

// median returns the median of xs, 0 for none; xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}
