package engine

import (
	"sort"
	"time"
)

// The breakdowns of an Aggregator. Each interns its keys to small integer ids in an
// open-addressing table hashed by content (hashKey), and keeps its sums in a slice
// indexed by id. A record costs one hash, one probe (rarely more) and one
// comparison per breakdown, whatever the addresses of its strings.

// keyTable interns strings to ids 0, 1, 2, ... in the order it first sees them.
type keyTable struct {
	slots []keySlot // linear probing from the top bits of the hash; at most half full
	shift uint      // 64 - log2(len(slots))
	keys  []string  // by id
}

type keySlot struct {
	key string
	id1 int32 // the id plus one; 0 when the slot is empty
}

// minTableBits is log2 of the first size of a table.
const minTableBits = 4

func (t *keyTable) init() {
	t.slots, t.shift = make([]keySlot, 1<<minTableBits), 64-minTableBits
}

// lookup returns the id of k, or -1 when k has none yet.
func (t *keyTable) lookup(k string) int32 {
	mask := len(t.slots) - 1
	for i := int(hashKey(k) >> t.shift); ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.id1 == 0 || same(s.key, k) {
			return s.id1 - 1
		}
	}
}

// insert gives k, which has no id, the next one.
func (t *keyTable) insert(k string) int32 {
	id := int32(len(t.keys))
	t.keys = append(t.keys, k)
	if 2*len(t.keys) > len(t.slots) {
		t.slots, t.shift = make([]keySlot, 2*len(t.slots)), t.shift-1
		for id, k := range t.keys {
			t.place(k, int32(id))
		}
	} else {
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

// group sums money by one string key.
type group struct {
	ids  keyTable
	sums []Money // by id
}

func (g *group) init() { g.ids.init() }

// add adds m to the sum of k. It probes itself, rather than call lookup: one
// call less per record.
func (g *group) add(k string, m Money) {
	t := &g.ids
	mask := len(t.slots) - 1
	var h uint64
	switch n := len(k); {
	case n >= 8 && n <= 16:
		h = fold(load64(k)^uint64(n), load64(k[n-8:]))
	case n >= 4 && n < 8:
		h = fold(uint64(load32(k))^uint64(n), uint64(load32(k[n-4:])))
	default:
		h = hashOther(k)
	}
	for i := int(h >> t.shift); ; i = (i + 1) & mask {
		s := &t.slots[i]
		var id int32
		switch {
		case s.id1 == 0:
			// Not seen yet. No second probe: should this inlined hash ever disagree
			// with hashKey (which insert uses), sums would split, and the exactness
			// tests fail, rather than the probe loop forever.
			id = g.insert(k)
		case same(s.key, k):
			id = s.id1 - 1
		default:
			continue
		}
		if p := &g.sums[id]; !addSmall(p, m) {
			addBig(p, m)
		}
		return
	}
}

// id returns the id of k, creating its sum.
func (g *group) id(k string) int32 {
	if id := g.ids.lookup(k); id >= 0 {
		return id
	}
	return g.insert(k)
}

// insert creates the sum of k, which has none, and returns its id.
func (g *group) insert(k string) int32 {
	g.sums = append(g.sums, Money{})
	return g.ids.insert(k)
}

func (g *group) sumsByKey() map[string]Money {
	out := make(map[string]Money, len(g.sums))
	for id, k := range g.ids.keys {
		out[k] = g.sums[id]
	}
	return out
}

// pairGroup sums money by provider (canonical name) and by model, with one probe
// for both: its table maps a (provider, model) pair, as the record spells it, to
// the ids of the canonical provider and of the model.
type pairGroup struct {
	slots     []pairSlot // linear probing from the top bits of the hash; at most half full
	shift     uint       // 64 - log2(len(slots))
	pairs     []pairSlot // every pair, in the order first seen
	providers group
	models    group
}

type pairSlot struct {
	provider, model string
	pid1, mid1      int32 // the ids plus one; 0 when the slot is empty
}

func (g *pairGroup) init() {
	g.slots, g.shift = make([]pairSlot, 1<<minTableBits), 64-minTableBits
	g.providers.init()
	g.models.init()
}

// add adds m to the sums of provider and model. It probes and hashes itself, as
// group.add does.
func (g *pairGroup) add(provider, model string, m Money) {
	mask := len(g.slots) - 1
	var h uint64
	switch n := len(model); { // as pairHash does
	case n >= 8 && n <= 16:
		h = fold(load64(model)^uint64(n), load64(model[n-8:]))
	case n >= 4 && n < 8:
		h = fold(uint64(load32(model))^uint64(n), uint64(load32(model[n-4:])))
	default:
		h = hashOther(model)
	}
	i := int((h ^ uint64(len(provider))<<58) >> g.shift)
	for g.slots[i].pid1 != 0 && !(same(g.slots[i].model, model) && same(g.slots[i].provider, provider)) {
		i = (i + 1) & mask
	}
	s := &g.slots[i]
	if s.pid1 == 0 {
		s = g.insert(provider, model)
	}
	if p := &g.providers.sums[s.pid1-1]; !addSmall(p, m) {
		addBig(p, m)
	}
	if p := &g.models.sums[s.mid1-1]; !addSmall(p, m) {
		addBig(p, m)
	}
}

// lookup returns the slot of provider and model, or the empty slot where they go.
func (g *pairGroup) lookup(provider, model string) *pairSlot {
	mask := len(g.slots) - 1
	for i := int(pairHash(provider, model) >> g.shift); ; i = (i + 1) & mask {
		if s := &g.slots[i]; s.pid1 == 0 || same(s.model, model) && same(s.provider, provider) {
			return s
		}
	}
}

// pairHash hashes model and the length of provider: the same model under providers
// of the same length shares a probe sequence, and is told apart by comparison.
func pairHash(provider, model string) uint64 {
	return hashKey(model) ^ uint64(len(provider))<<58
}

// insert adds provider and model, which have no slot, and returns their slot.
func (g *pairGroup) insert(provider, model string) *pairSlot {
	g.pairs = append(g.pairs, pairSlot{provider: provider, model: model,
		pid1: g.providers.id(CanonicalProvider(provider)) + 1, mid1: g.models.id(model) + 1})
	if 2*len(g.pairs) > len(g.slots) {
		g.slots, g.shift = make([]pairSlot, 2*len(g.slots)), g.shift-1
		for _, p := range g.pairs[:len(g.pairs)-1] {
			*g.lookup(p.provider, p.model) = p
		}
	}
	s := g.lookup(provider, model)
	*s = g.pairs[len(g.pairs)-1]
	return s
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
// records in the same window skip the table; for windows of whole seconds the test
// is on Unix seconds alone. Its table, like the key tables, is hashed by content.
type windowGroup struct {
	d                  time.Duration
	wholeSeconds       bool
	slots              []windowSlot // linear probing from the top bits of the hash; at most half full
	shift              uint         // 64 - log2(len(slots))
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

type windowSlot struct {
	key windowKey
	id1 int32 // the window's index plus one; 0 when the slot is empty
}

func (w *windowGroup) init(d time.Duration) {
	w.d = d
	w.wholeSeconds = d > 0 && d%time.Second == 0
	w.slots, w.shift = make([]windowSlot, 1<<minTableBits), 64-minTableBits
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
	if p := &w.total[w.last]; !addSmall(p, m) {
		addBig(p, m)
	}
	w.count[w.last]++
}

// find makes the window of t the last one, creating it.
func (w *windowGroup) find(t time.Time) {
	start := t.UTC().Truncate(w.d)
	end := start.Add(w.d)
	w.last, w.lastStart, w.lastEnd = w.index(windowKey{start.Unix(), int32(start.Nanosecond())}, start), start, end
	w.lastSec, w.lastEnd64 = start.Unix(), end.Unix()
}

// index returns the index of the window that starts at start (key), creating it.
func (w *windowGroup) index(key windowKey, start time.Time) int32 {
	if s := w.lookup(key); s.id1 != 0 {
		return s.id1 - 1
	}
	id := int32(len(w.starts))
	w.starts = append(w.starts, start)
	w.total = append(w.total, Money{})
	w.count = append(w.count, 0)
	if 2*len(w.starts) > len(w.slots) {
		w.slots, w.shift = make([]windowSlot, 2*len(w.slots)), w.shift-1
		for id, s := range w.starts[:id] {
			k := windowKey{s.Unix(), int32(s.Nanosecond())}
			*w.lookup(k) = windowSlot{key: k, id1: int32(id) + 1}
		}
	}
	*w.lookup(key) = windowSlot{key: key, id1: id + 1}
	return id
}

// lookup returns the slot of key, or the empty slot where it goes.
func (w *windowGroup) lookup(key windowKey) *windowSlot {
	mask := len(w.slots) - 1
	for i := int(fold(uint64(key.sec), uint64(key.nsec)) >> w.shift); ; i = (i + 1) & mask {
		if s := &w.slots[i]; s.id1 == 0 || s.key == key {
			return s
		}
	}
}

func (w *windowGroup) sums() []WindowSum {
	out := make([]WindowSum, len(w.starts))
	for i := range w.starts {
		out[i] = WindowSum{Start: w.starts[i], Total: w.total[i], Count: w.count[i]}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}
