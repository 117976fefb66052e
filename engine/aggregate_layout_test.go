package engine

import (
	"fmt"
	"strings"
	"testing"
)

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
	var shared, copied group
	shared.init()
	copied.init()
	for i, k := range keys {
		shared.add(k, MoneyFromUnits(int64(i)))
		copied.add(copyOf(k), MoneyFromUnits(int64(i)))
	}
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
			for name, got := range map[string]map[string]Money{"model": s.ByModel, "project": s.ByProject,
				"organization": s.ByOrganization} {
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
