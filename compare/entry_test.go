package compare

import (
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func TestEntryMatches(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		entry, name string
		want        bool
	}{
		{"Sum", "Sum", true},
		{"Sum-8", "Sum-8", true},
		{"Sum", "Sum-8", true},
		{"Sum", "Sum-16", true},
		{"Sizes/n=10", "Sizes/n=10-2", true},
		{"Sum", "Sum-", false},
		{"Sum", "Sum-x8", false},
		{"Sum", "Sum-8-2", false},
		{"Sum-8", "Sum", false},
		{"Su", "Sum-8", false},
		{"Sum", "Summary-8", false},
		{"single_cost_calculation", "single_cost_calculation", true},
	} {
		if got := EntryMatches(tc.entry, tc.name); got != tc.want {
			t.Errorf("EntryMatches(%q, %q) = %v, want %v", tc.entry, tc.name, got, tc.want)
		}
	}
}

// TestEntryMatchesWhatCompareReports: every entry of a comparison across a
// GOMAXPROCS change matches exactly the current result it was made of.
func TestEntryMatchesWhatCompareReports(t *testing.T) {
	t.Parallel()
	res := func(names ...string) *bench.Document {
		d := &bench.Document{}
		for _, n := range names {
			d.Results = append(d.Results, bench.ResultFromSamples(n, []float64{10, 11, 10, 12, 10, 11}))
		}
		return d
	}
	cur := res("Sum-2", "Sum/n=1-2", "Same", "New-2")
	c := Compare(res("Sum-8", "Sum/n=1-8", "Same", "Gone-8"), cur, DefaultConfig())
	for _, e := range c.Entries {
		var matched []string
		for _, r := range cur.Results {
			if EntryMatches(e.Name, r.Name) {
				matched = append(matched, r.Name)
			}
		}
		want := 1
		if e.Name == "Gone-8" {
			want = 0
		}
		if len(matched) != want {
			t.Errorf("entry %q matches current results %q, want %d", e.Name, matched, want)
		}
	}
	if len(c.Entries) != 5 {
		t.Errorf("%d entries, want Sum, Sum/n=1, Same, Gone-8 and New-2", len(c.Entries))
	}
}
