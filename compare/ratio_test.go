package compare

import (
	"math"
	"testing"
)

// TestRatioPct: a change in percent of the baseline; nothing on both sides (0 B/op
// in some samples of each) is no change, not NaN, which reports rendered as
// "+NaN%"; something from nothing is an unbounded rise.
func TestRatioPct(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ num, den, want float64 }{
		{110, 100, 10},
		{50, 100, -50},
		{0, 0, 0},
		{5, 0, math.Inf(1)},
	} {
		if got := ratioPct(tc.num, tc.den); math.Abs(got-tc.want) > 1e-9 && got != tc.want {
			t.Errorf("ratioPct(%v, %v) = %v, want %v", tc.num, tc.den, got, tc.want)
		}
	}
}
