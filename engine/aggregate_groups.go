package engine

import (
	"slices"
	"strings"
	"time"
	"unsafe"
)

// The breakdowns of an Aggregator by name: provider, model, project and
// organization. Each gives its keys small local ids by content (a keyTable, which
// scans a few keys and hashes more) and keeps its sums in a slice by id. The
// provider breakdown sums by the names as the records write them, and Summary
// adds the sums of the spellings of one canonical provider. A record interned by
// an Interner (every decoded record is) carries the Interner's ids of its names,
// and the Aggregator remembers, per Interner id, the string it named and its local
// id in each breakdown: such a record costs a few loads and comparisons per
// breakdown, with no hashing. Other records, and names seen for
// the first time, are looked up by content. A fresh Aggregator allocates little:
// it is made per batch (the suite's cost_aggregation_* make one per hundred
// records), and the runtime's page allocator, whose work varies from process to
// process, runs in proportion to the bytes allocated.

// The breakdowns by name, in Aggregator.groups.
const (
	byProvider = iota
	byModel
	byProject
	byOrganization
	nameGroups
)

// group sums money by one string key.
type group struct {
	ids  keyTable
	sums []Money // by local id
}

// hintSlot is what an Interner id means to an Aggregator: the string it named, and
// its local id plus one in each breakdown (0: not seen there yet).
type hintSlot struct {
	key string
	id1 [nameGroups]int32
}

// byHint returns the sum of k in breakdown g when hint (k's Interner id plus one)
// is known there for this very string, else nil. It is small enough to be inlined,
// and with g a constant it checks no bounds of groups.
func (a *Aggregator) byHint(g int, k string, hint int32) *Money {
	if h := int(hint) - 1; uint(h) < uint(len(a.hints)) {
		if s := &a.hints[h]; s.id1[g] != 0 && identical(s.key, k) {
			return &a.groups[g].sums[s.id1[g]-1]
		}
	}
	return nil
}

// lookupAll returns the sums of u's names by content, creating them: the path of
// records that are not interned, and of names seen for the first time.
func (a *Aggregator) lookupAll(u *Usage) (provider, model, project, organization *Money) {
	p := a.lookup(byProvider, u.Provider, u.keys.provider)
	m := a.lookup(byModel, u.Model, u.keys.model)
	j := a.lookup(byProject, u.ProjectID, u.keys.project)
	o := a.lookup(byOrganization, u.OrganizationID, u.keys.organization)
	return &a.groups[byProvider].sums[p], &a.groups[byModel].sums[m],
		&a.groups[byProject].sums[j], &a.groups[byOrganization].sums[o]
}

// lookup returns the local id of k in breakdown g by content, creating it, and
// remembers it for hint.
func (a *Aggregator) lookup(g int, k string, hint int32) int32 {
	grp := &a.groups[g]
	id := grp.ids.lookup(k)
	if id < 0 {
		id = grp.ids.insert(k)
		grp.sums = append(grp.sums, Money{})
	}
	if hint <= 0 || hint > maxInterned {
		return id
	}
	if int(hint) > len(a.hints) {
		grown := make([]hintSlot, max(int(hint), 2*len(a.hints), 64))
		copy(grown, a.hints)
		a.hints = grown
	}
	s := &a.hints[hint-1]
	if !identical(s.key, k) {
		*s = hintSlot{key: k} // another string under that id (another Interner's)
	}
	s.id1[g] = id + 1
	return id
}

// identical reports whether a and b are the same string: the same length and the
// same bytes in memory (and so equal). Interned names are identical to the string
// remembered for their id; a name changed since, or interned elsewhere, is not,
// and is looked up by content. Addresses are compared, never hashed or ordered, so
// the outcome depends on the records alone.
func identical(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// appendSorted appends g's sums to out, sorted by name.
func (g *group) appendSorted(out []NamedSum) []NamedSum {
	start := len(out)
	for id, k := range g.ids.keys {
		out = append(out, NamedSum{Name: k, Total: g.sums[id]})
	}
	sortByName(out[start:])
	return out
}

// appendProviders appends g's sums to out by canonical provider name, sorted: the
// sums of the spellings of one provider (OpenAI, openai) added together.
func (g *group) appendProviders(out []NamedSum) []NamedSum {
	start := len(out)
	for id, k := range g.ids.keys {
		out = append(out, NamedSum{Name: CanonicalProvider(k), Total: g.sums[id]})
	}
	sortByName(out[start:])
	n := start
	for i := start; i < len(out); i++ {
		if n > start && out[n-1].Name == out[i].Name {
			if !addSmall(&out[n-1].Total, out[i].Total) {
				addBig(&out[n-1].Total, out[i].Total)
			}
			continue
		}
		out[n] = out[i]
		n++
	}
	return out[:n]
}

// sortByName sorts s by name: by insertion when s is short (a breakdown usually
// has a few dozen names, that come in no order), which compares names directly
// instead of through a function value; by slices.SortFunc otherwise.
func sortByName(s []NamedSum) {
	if len(s) > 48 {
		slices.SortFunc(s, func(a, b NamedSum) int { return strings.Compare(a.Name, b.Name) })
		return
	}
	for i := 1; i < len(s); i++ {
		e, j := s[i], i
		for ; j > 0 && e.Name < s[j-1].Name; j-- {
			s[j] = s[j-1]
		}
		s[j] = e
	}
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
// is on Unix seconds alone. Its table, like the key tables, is hashed by content
// (the window's start), with no seed.
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
	slices.SortFunc(out, func(a, b WindowSum) int { return a.Start.Compare(b.Start) })
	return out
}
