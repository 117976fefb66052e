package alpha

import "testing"

var sink int

// BenchmarkSum reports time, MB/s (SetBytes), B/op and allocs/op (one allocation).
func BenchmarkSum(b *testing.B) {
	xs := make([]int, 256)
	b.SetBytes(int64(8 * len(xs)))
	for i := 0; i < b.N; i++ {
		sink = Sum(xs)
	}
}

// BenchmarkShared has the name of a benchmark of package beta.
func BenchmarkShared(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += i
	}
}

// BenchmarkCustom reports a custom unit and no time.
func BenchmarkCustom(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += i
	}
	b.ReportMetric(42, "widgets/op")
	b.ReportMetric(0, "ns/op")
}
