package b

import (
	"crypto/sha256"
	"testing"
)

var sink [32]byte

// BenchmarkHash is also in package a.
func BenchmarkHash(b *testing.B) {
	buf := make([]byte, 64)
	b.ReportAllocs()
	for b.Loop() {
		sink = sha256.Sum256(buf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "hashes/s")
}
