package engine

import (
	"encoding/binary"
	"unsafe"
)

// Hashes of keys by their content. They never look at addresses and have no
// random seed, so where a key lands in a table, and what its lookups cost, depend
// on its bytes alone: the same records cost the same in every process.

// hashKey hashes all of k's bytes; a table takes its slot from the top bits. Keys of
// 4 to 16 bytes, the common ones, take two loads and two multiplications.
func hashKey(k string) uint64 {
	switch n := len(k); {
	case n >= 8 && n <= 16:
		return fold(load64(k)^uint64(n), load64(k[n-8:]))
	case n >= 4 && n < 8:
		return fold(uint64(load32(k))^uint64(n), uint64(load32(k[n-4:])))
	}
	return hashOther(k)
}

// hashOther hashes a key of less than 4 or more than 16 bytes.
func hashOther(k string) uint64 {
	n := len(k)
	var a, b uint64
	switch {
	case n > 16:
		for i := 0; i+8 < n; i += 8 {
			a = fold(a, load64(k[i:]))
		}
		b = load64(k[n-8:])
	case n > 0:
		a = uint64(k[0])<<16 | uint64(k[n/2])<<8 | uint64(k[n-1])
	}
	return fold(a^uint64(n), b)
}

// fold mixes a and b into 64 bits whose top bits depend on every bit of both.
func fold(a, b uint64) uint64 { return a*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F }

// load64 reads the first 8 bytes of k, which has at least 8, little endian.
func load64(k string) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(k), 8))
}

// load32 reads the first 4 bytes of k, which has at least 4, little endian.
func load32(k string) uint32 {
	return binary.LittleEndian.Uint32(unsafe.Slice(unsafe.StringData(k), 4))
}

// same reports whether a and b are equal. Keys of decoded records share memory (the
// decoder interns them), and then same decides without calling the runtime; the
// address is only compared, never hashed.
func same(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// slotsOf hashes k's length and up to its first and last eight bytes into two of
// groupCacheSize slots (of the Calculator's cache, of the decoder's): a few loads
// and multiplications, and enough to tell names apart.
func slotsOf(k string) (int, int) {
	n := len(k)
	var a, b uint64
	switch {
	case n >= 8:
		a = load64(k)
		b = load64(k[n-8:])
	case n >= 4:
		a = uint64(load32(k))
		b = uint64(load32(k[n-4:]))
	case n > 0:
		a = uint64(k[0])<<16 | uint64(k[n/2])<<8 | uint64(k[n-1])
	}
	h := (a^uint64(n))*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F
	return int(h >> 58), int(h>>52) % groupCacheSize
}

// groupCacheSize is the number of slots that slotsOf hashes into.
const groupCacheSize = 64
