package engine

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// unsafeSameData reports whether a and b share their bytes (tests only: the engine
// never looks at addresses).
func unsafeSameData(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

// copyOf returns s in memory of its own.
func copyOf(s string) string { return string([]byte(s)) }

// keysOfEveryLength returns keys of 0 to 40 bytes, several per length, that
// differ in one byte only (first, middle or last), so that every branch of the
// hash, and keys that share their first and last eight bytes, are exercised.
func keysOfEveryLength() []string {
	var out []string
	for n := 0; n <= 40; n++ {
		base := []byte(strings.Repeat("k", n))
		out = append(out, string(base))
		for _, at := range []int{0, n / 2, n - 1} {
			if at < 0 || n == 0 {
				continue
			}
			for _, c := range "ab" {
				b := append([]byte(nil), base...)
				b[at] = byte(c)
				out = append(out, string(b))
			}
		}
	}
	return out
}

// TestGroupPlacesKeysByContent checks what makes the cost of a record the same in
// every process: the table of a breakdown puts each key in the same slot, with the
// same id, whatever the address of its bytes.
func TestGroupPlacesKeysByContent(t *testing.T) {
	t.Parallel()
	keys := keysOfEveryLength()
	sharedAgg, copiedAgg := NewAggregator(0), NewAggregator(0)
	for _, k := range keys {
		sharedAgg.lookup(byModel, k, 0)
		copiedAgg.lookup(byModel, copyOf(k), 0)
	}
	shared, copied := &sharedAgg.groups[byModel], &copiedAgg.groups[byModel]
	if len(shared.ids.slots) != len(copied.ids.slots) {
		t.Fatalf("%d slots and %d slots", len(shared.ids.slots), len(copied.ids.slots))
	}
	for i := range shared.ids.slots {
		a, b := shared.ids.slots[i], copied.ids.slots[i]
		if a.key != b.key || a.id1 != b.id1 {
			t.Fatalf("slot %d holds %q (id %d) and %q (id %d)", i, a.key, a.id1-1, b.key, b.id1-1)
		}
	}
}

// TestBreakdownsOfKeysOfEveryLength sums keys of every length, each key sometimes
// in fresh memory, through every breakdown; the sums must be exact.
func TestBreakdownsOfKeysOfEveryLength(t *testing.T) {
	t.Parallel()
	keys := keysOfEveryLength()
	for _, tc := range []struct {
		name  string
		fresh func(i int) bool // whether record i gets its keys in fresh memory
	}{
		{"shared memory", func(int) bool { return false }},
		{"fresh memory", func(int) bool { return true }},
		{"mixed", func(i int) bool { return i%3 == 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			agg := NewAggregator(0)
			want := map[string]int64{}
			for round := range 3 {
				for i, k := range keys {
					key := k
					if tc.fresh(i + round) {
						key = copyOf(k)
					}
					units := int64(1 + i + 1000*round)
					agg.Add(&Usage{Provider: "p" + fmt.Sprint(i%2), Model: key, ProjectID: key, OrganizationID: key},
						Cost{Total: MoneyFromUnits(units)})
					want[k] += units
				}
			}
			s := agg.Summary()
			for name, got := range map[string]map[string]Money{"model": s.ByModel.Map(), "project": s.ByProject.Map(),
				"organization": s.ByOrganization.Map()} {
				if len(got) != len(want) {
					t.Fatalf("by %s: %d keys, want %d", name, len(got), len(want))
				}
				for k, units := range want {
					if u, _ := got[k].Units(); u != units {
						t.Errorf("by %s[%q] = %d units, want %d", name, k, u, units)
					}
				}
			}
			if len(s.ByProvider) != 2 {
				t.Errorf("%d providers, want p0 and p1", len(s.ByProvider))
			}
		})
	}
}

// TestAggregateInternedRecords sums records interned by an Interner (summed by id),
// by another Interner, not interned, and interned then renamed: every mix must give
// the sums of the names the records hold when added.
func TestAggregateInternedRecords(t *testing.T) {
	t.Parallel()
	keys := keysOfEveryLength()
	mine, other := NewInterner(), NewInterner()
	other.Intern(&Usage{Model: "shifts the ids of other"})
	agg := NewAggregator(0)
	want := map[string]int64{}
	wantProvider := map[string]int64{}
	for round := range 4 {
		for i, k := range keys {
			u := &Usage{Provider: []string{"OpenAI", "openai", "Azure"}[i%3], Model: copyOf(k), ProjectID: copyOf(k), OrganizationID: k}
			switch (i + round) % 4 {
			case 0:
				mine.Intern(u)
			case 1:
				other.Intern(u)
			case 2:
				mine.Intern(u)
				u.Model, u.ProjectID, u.OrganizationID = keys[(i+1)%len(keys)], keys[(i+1)%len(keys)], keys[(i+1)%len(keys)]
				u.Provider = "openai"
			}
			units := int64(1 + i + 1000*round)
			agg.Add(u, Cost{Total: MoneyFromUnits(units)})
			want[u.Model] += units
			wantProvider[CanonicalProvider(u.Provider)] += units
		}
	}
	s := agg.Summary()
	for name, got := range map[string]map[string]Money{"model": s.ByModel.Map(), "project": s.ByProject.Map(), "organization": s.ByOrganization.Map()} {
		if len(got) != len(want) {
			t.Fatalf("by %s: %d keys, want %d", name, len(got), len(want))
		}
		for k, units := range want {
			if u, _ := got[k].Units(); u != units {
				t.Errorf("by %s[%q] = %d units, want %d", name, k, u, units)
			}
		}
	}
	if len(s.ByProvider) != len(wantProvider) {
		t.Fatalf("providers %v, want %v", s.ByProvider, wantProvider)
	}
	for k, units := range wantProvider {
		if u, _ := s.ByProvider.Get(k).Units(); u != units {
			t.Errorf("by provider[%q] = %d units, want %d", k, u, units)
		}
	}
}

// TestInternerSharesStringsAndBoundsItsNames: equal names become one string with
// one id; past maxInterned new names keep no id, and are still summed.
func TestInternerSharesStringsAndBoundsItsNames(t *testing.T) {
	t.Parallel()
	in := NewInterner()
	a, b := &Usage{Model: copyOf("gpt-4o")}, &Usage{Model: copyOf("gpt-4o")}
	in.Intern(a)
	in.Intern(b)
	if a.keys.model == 0 || a.keys.model != b.keys.model || unsafeSameData(a.Model, b.Model) == false {
		t.Fatalf("ids %d and %d; shared string: %v", a.keys.model, b.keys.model, unsafeSameData(a.Model, b.Model))
	}
	for i := 0; in.t.len() < maxInterned; i++ {
		in.Intern(&Usage{Model: fmt.Sprint("m", i)})
	}
	late := &Usage{Model: "one too many"}
	in.Intern(late)
	if late.keys.model != 0 || in.t.len() != maxInterned {
		t.Fatalf("past the bound: id %d, %d names", late.keys.model, in.t.len())
	}
	agg := NewAggregator(0)
	agg.Add(late, Cost{Total: MoneyFromUnits(7)})
	agg.Add(a, Cost{Total: MoneyFromUnits(5)})
	if s := agg.Summary(); !s.ByModel.Get("one too many").Equal(MoneyFromUnits(7)) || !s.ByModel.Get("gpt-4o").Equal(MoneyFromUnits(5)) {
		t.Fatalf("sums %v", s.ByModel)
	}
}
