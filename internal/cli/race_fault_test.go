//go:build race

package cli

// Under the race detector, which slows decoding about twentyfold, the bounded-memory
// tests stream a quarter of their gigabyte: 256 MiB, still four times their heap cap.
func init() { faultSizeDivisor = 4 }
