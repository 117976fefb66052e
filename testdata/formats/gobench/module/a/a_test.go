package a

import (
	"crypto/sha256"
	"testing"
)

var sink [32]byte

// BenchmarkHash is also in package b: benchstat keeps them apart by package.
func BenchmarkHash(b *testing.B) {
	buf := make([]byte, 4096)
	b.SetBytes(int64(len(buf))) // MB/s
	for b.Loop() {
		sink = sha256.Sum256(buf)
	}
}

// BenchmarkOnlyCustom reports no time: ns/op is removed by ReportMetric(0, "ns/op").
func BenchmarkOnlyCustom(b *testing.B) {
	n := 0
	for b.Loop() {
		n++
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(42, "widgets/op")
}
