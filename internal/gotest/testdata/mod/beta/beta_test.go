package beta

import (
	"fmt"
	"testing"
)

var sink int

// BenchmarkShared has the name of a benchmark of package alpha.
func BenchmarkShared(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += 2 * i
	}
}

// BenchmarkSizes has sub-benchmarks.
func BenchmarkSizes(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for j := 0; j < n; j++ {
					sink += j
				}
			}
		})
	}
}
