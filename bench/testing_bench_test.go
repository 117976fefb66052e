package bench

import "testing"

// BenchmarkSuite runs the suite under `go test -bench`, so that the engine can be
// measured (and benchstat used) without the CLI: one sub-benchmark per suite
// benchmark, b.N iterations of its workload, reported per operation (record).
func BenchmarkSuite(b *testing.B) {
	for _, bm := range Suite().All() {
		b.Run(bm.Name, func(b *testing.B) {
			w, err := bm.Setup()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			if err := w.Run(b.N); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*bm.ops()), "ns/record")
		})
	}
}
