package trend

import (
	"fmt"
	"testing"
)

// BenchmarkDetect measures change-point detection of one series with two steps, at
// history lengths up to the store's default retention (1000 runs).
func BenchmarkDetect(b *testing.B) {
	for _, n := range []int{50, 200, 1000} {
		for _, test := range []Significance{UTest, Permutation} {
			if test == Permutation && n > 200 {
				continue
			}
			xs := newSeries(1, n, 100, 0.01).step(n/3, 1.2).step(2*n/3, 0.9).noisy()
			b.Run(fmt.Sprintf("%s/%d", test, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := Detect(xs, Options{Test: test}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
