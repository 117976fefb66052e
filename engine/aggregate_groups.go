package engine

import (
	"encoding/binary"
	"sort"
	"time"
	"unsafe"
)

// The breakdowns of an Aggregator. Each keeps its sums in a map from key to *Money and,
// in front of it, a small cache indexed by a cheap hash of the key that maps recurring
// keys straight to their sum, so that the common record costs no map lookup.

// sumIndex maps keys to their sums.
type sumIndex map[string]*Money

// sumFor returns the sum of key k, creating it.
func (x sumIndex) sumFor(k string) *Money {
	p := x[k]
	if p == nil {
		p = new(Money)
		x[k] = p
	}
	return p
}

func (x sumIndex) sums() map[string]Money {
	out := make(map[string]Money, len(x))
	for k, p := range x {
		out[k] = *p
	}
	return out
}

const groupCacheSize = 64

// group sums money by one string key.
type group struct {
	index sumIndex
	byPtr [groupCacheSize]groupSlot // indexed by the address of the key's bytes
	cache [groupCacheSize]groupSlot // indexed by a hash of the key's bytes
}

type groupSlot struct {
	key string
	sum *Money
}

func (g *group) init() { g.index = make(sumIndex) }

// add adds m to the sum of k. Keys that share memory with an earlier key (interned
// by the decoder, or taken from a table) hit byPtr with one comparison. Other keys
// go through cache, which is two-way: a key lives in one of its two slots, so two
// keys that share a slot do not evict each other.
func (g *group) add(k string, m Money) {
	f := &g.byPtr[ptrSlot(k)]
	if f.sum == nil || !identical(f.key, k) {
		*f = groupSlot{key: k, sum: g.lookup(k)}
	}
	if !addSmall(f.sum, m) {
		addBig(f.sum, m)
	}
}

// lookup returns the sum of k through cache.
func (g *group) lookup(k string) *Money {
	i, j := slotsOf(k)
	s := &g.cache[i]
	if s.sum == nil || !same(s.key, k) {
		if t := &g.cache[j]; t.sum != nil && same(t.key, k) {
			s = t
		} else {
			if s.sum != nil {
				s = t
			}
			s.key, s.sum = k, g.index.sumFor(k)
		}
	}
	return s.sum
}

func (g *group) sums() map[string]Money { return g.index.sums() }

// pairGroup sums money by provider (canonical name) and by model, with one cache
// lookup for both.
type pairGroup struct {
	providers sumIndex
	models    sumIndex
	byPtr     [groupCacheSize]pairSlot // indexed by the address of the model's bytes
	cache     [groupCacheSize]pairSlot // indexed by a hash of the model's bytes
}

type pairSlot struct {
	provider, model string
	psum, msum      *Money
}

func (g *pairGroup) init() {
	g.providers = make(sumIndex)
	g.models = make(sumIndex)
}

// add adds m to the sums of provider and model, as group.add does.
func (g *pairGroup) add(provider, model string, m Money) {
	f := &g.byPtr[ptrSlot(model)]
	if f.psum == nil || !identical(f.model, model) || !identical(f.provider, provider) {
		*f = *g.lookup(provider, model)
	}
	if !addSmall(f.psum, m) {
		addBig(f.psum, m)
	}
	if !addSmall(f.msum, m) {
		addBig(f.msum, m)
	}
}

// lookup returns the slot of provider and model through cache.
func (g *pairGroup) lookup(provider, model string) *pairSlot {
	i, j := slotsOf(model)
	s := &g.cache[i]
	if s.psum == nil || !same(s.model, model) || !same(s.provider, provider) {
		if t := &g.cache[j]; t.psum != nil && same(t.model, model) && same(t.provider, provider) {
			s = t
		} else {
			if s.psum != nil {
				s = t
			}
			*s = pairSlot{provider: provider, model: model,
				psum: g.providers.sumFor(CanonicalProvider(provider)), msum: g.models.sumFor(model)}
		}
	}
	return s
}

// same reports whether a and b are equal. Keys of decoded records share memory (the
// decoder interns them), and then same decides without calling the runtime.
func same(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// identical reports whether a and b are the same bytes in memory (and so equal).
func identical(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// ptrSlot hashes the address of k's bytes into a cache slot.
func ptrSlot(k string) int {
	return int(uint64(uintptr(unsafe.Pointer(unsafe.StringData(k)))) * 0x9E3779B97F4A7C15 >> 58)
}

// slotsOf hashes k's length and up to its first and last eight bytes into two cache
// slots: a few loads and multiplications, and enough to tell names apart.
func slotsOf(k string) (int, int) {
	n := len(k)
	var a, b uint64
	switch {
	case n >= 8:
		a = binary.LittleEndian.Uint64([]byte(k[:8]))
		b = binary.LittleEndian.Uint64([]byte(k[n-8:]))
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32([]byte(k[:4])))
		b = uint64(binary.LittleEndian.Uint32([]byte(k[n-4:])))
	case n > 0:
		a = uint64(k[0])<<16 | uint64(k[n/2])<<8 | uint64(k[n-1])
	}
	h := (a^uint64(n))*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F
	return int(h >> 58), int(h>>52) % groupCacheSize
}

// Sums add with "if !addSmall(p, m) { addBig(p, m) }": Money.Add is too big for the
// compiler to inline, addSmall is not, and the call to addBig is off the common path.

// addBig adds m to *dst in arbitrary precision.
func addBig(dst *Money, m Money) { *dst = addSlow(*dst, m) }

// addSmall adds m to *dst and reports true when both are int64 amounts and their
// sum does not overflow; otherwise it changes nothing and reports false.
func addSmall(dst *Money, m Money) bool {
	s := dst.u + m.u
	ok := dst.big == nil && m.big == nil && (s^dst.u)&(s^m.u) >= 0
	if ok {
		dst.u = s
	}
	return ok
}

// windowGroup sums money by time window. It remembers the last window, so runs of
// records in the same window skip the map; for windows of whole seconds the test is
// on Unix seconds alone.
type windowGroup struct {
	d                  time.Duration
	wholeSeconds       bool
	index              map[windowKey]int32
	starts             []time.Time
	total              []Money
	count              []int64
	last               int32
	lastStart          time.Time
	lastEnd            time.Time
	lastSec, lastEnd64 int64 // lastStart and lastEnd in Unix seconds
}

type windowKey struct {
	sec  int64
	nsec int32
}

func (w *windowGroup) init(d time.Duration) {
	w.d = d
	w.wholeSeconds = d > 0 && d%time.Second == 0
	w.index = make(map[windowKey]int32)
	w.last = -1
}

func (w *windowGroup) inLast(t time.Time) bool {
	if w.last < 0 {
		return false
	}
	if w.wholeSeconds {
		sec := t.Unix()
		return w.lastSec <= sec && sec < w.lastEnd64
	}
	return !t.Before(w.lastStart) && t.Before(w.lastEnd)
}

func (w *windowGroup) add(t time.Time, m Money) {
	if !w.inLast(t) {
		w.find(t)
	}
	if !addSmall(&w.total[w.last], m) {
		addBig(&w.total[w.last], m)
	}
	w.count[w.last]++
}

// find makes the window of t the last one, creating it.
func (w *windowGroup) find(t time.Time) {
	start := t.UTC().Truncate(w.d)
	key := windowKey{start.Unix(), int32(start.Nanosecond())}
	i, ok := w.index[key]
	if !ok {
		i = int32(len(w.starts))
		w.index[key] = i
		w.starts = append(w.starts, start)
		w.total = append(w.total, Money{})
		w.count = append(w.count, 0)
	}
	end := start.Add(w.d)
	w.last, w.lastStart, w.lastEnd = i, start, end
	w.lastSec, w.lastEnd64 = start.Unix(), end.Unix()
}

func (w *windowGroup) sums() []WindowSum {
	out := make([]WindowSum, len(w.starts))
	for i := range w.starts {
		out[i] = WindowSum{Start: w.starts[i], Total: w.total[i], Count: w.count[i]}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}
