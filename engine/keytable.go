package engine

// Names to small ids. Every table of the engine that is looked up per record (the
// interner of the decoder, the breakdowns of the Aggregator, the Calculator's
// cache) places a name by hashKey of its bytes alone: no random seed, no address,
// no Go map. So where a name lands, and what its lookup costs in instructions,
// depend on the input only, the same in every process.

// hashKey hashes the bytes of k, a string or a byte slice. Keys of 4 to 16 bytes,
// the common ones, take two loads and two multiplications; a table takes its slot
// from the top bits.
func hashKey[K ~string | ~[]byte](k K) uint64 {
	n := len(k)
	var a, b uint64
	switch {
	case n >= 8 && n <= 16:
		a, b = le64(k, 0), le64(k, n-8)
	case n >= 4 && n < 8:
		a, b = uint64(le32(k, 0)), uint64(le32(k, n-4))
	case n > 16:
		for i := 0; i+8 < n; i += 8 {
			a = fold(a, le64(k, i))
		}
		b = le64(k, n-8)
	case n > 0:
		a = uint64(k[0])<<16 | uint64(k[n/2])<<8 | uint64(k[n-1])
	}
	return fold(a^uint64(n), b)
}

// fold mixes a and b into 64 bits whose top bits depend on every bit of both.
func fold(a, b uint64) uint64 { return a*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F }

// le64 reads the 8 bytes of k at i, little endian (the compiler makes it one load).
func le64[K ~string | ~[]byte](k K, i int) uint64 {
	k = k[i : i+8]
	return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
		uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
}

// le32 reads the 4 bytes of k at i, little endian.
func le32[K ~string | ~[]byte](k K, i int) uint32 {
	k = k[i : i+4]
	return uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
}

// keyTable interns strings to ids 0, 1, 2, ... in the order it first sees them: an
// open-addressing table (linear probing from the top bits of hashKey, at most half
// full) and the keys by id. A table that init did not prepare (a breakdown of an
// Aggregator) has no slots while it holds at most linearKeys keys, found by
// scanning them: a fresh Aggregator's small breakdowns allocate no table.
type keyTable struct {
	slots []keySlot
	shift uint // 64 - log2(len(slots))
	keys  []string
}

// linearKeys is the most keys a table without slots holds.
const linearKeys = 16

type keySlot struct {
	key string
	id1 int32 // the id plus one; 0 when the slot is empty
}

// minTableBits is log2 of the first size of a table.
const minTableBits = 4

func (t *keyTable) init() {
	t.slots, t.shift = make([]keySlot, 1<<minTableBits), 64-minTableBits
}

// find returns the id of k (a string or a byte slice), or -1 when k has none yet.
// The table must have its slots (init, or more than linearKeys keys): see lookup.
func find[K ~string | ~[]byte](t *keyTable, k K) int32 {
	mask := len(t.slots) - 1
	for i := int(hashKey(k) >> t.shift); ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.id1 == 0 || s.key == string(k) {
			return s.id1 - 1
		}
	}
}

// lookup is find for a table that may have no slots yet (a breakdown of an
// Aggregator): it scans the few keys of such a table. The tables that init
// prepared call find directly, without the test.
func (t *keyTable) lookup(k string) int32 {
	if t.slots == nil {
		for id, key := range t.keys {
			if key == k {
				return int32(id)
			}
		}
		return -1
	}
	return find(t, k)
}

// id returns the id of k, giving it the next one if it has none.
func (t *keyTable) id(k string) int32 {
	if id := find(t, k); id >= 0 {
		return id
	}
	return t.insert(k)
}

// insert gives k, which has no id, the next one.
func (t *keyTable) insert(k string) int32 {
	id := int32(len(t.keys))
	t.keys = append(t.keys, k)
	switch {
	case t.slots == nil && len(t.keys) <= linearKeys:
	case t.slots == nil:
		bits := uint(minTableBits)
		for 2*len(t.keys) > 1<<bits {
			bits++
		}
		t.slots, t.shift = make([]keySlot, 1<<bits), 64-bits
		for id, k := range t.keys {
			t.place(k, int32(id))
		}
	case 2*len(t.keys) > len(t.slots):
		t.slots, t.shift = make([]keySlot, 2*len(t.slots)), t.shift-1
		for id, k := range t.keys {
			t.place(k, int32(id))
		}
	default:
		t.place(k, id)
	}
	return id
}

// place puts k, with id, in the first empty slot of its probe sequence.
func (t *keyTable) place(k string, id int32) {
	mask := len(t.slots) - 1
	i := int(hashKey(k) >> t.shift)
	for t.slots[i].id1 != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = keySlot{key: k, id1: id + 1}
}

// len returns the number of keys.
func (t *keyTable) len() int { return len(t.keys) }
