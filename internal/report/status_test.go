package report

import (
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// TestEveryStatusHasAView: each status the model defines has its words, its count
// and a place in the counts line, so none falls back to its raw name.
func TestEveryStatusHasAView(t *testing.T) {
	t.Parallel()
	all := []compare.Status{
		compare.StatusCostChanged, compare.StatusRegression, compare.StatusMissing, compare.StatusImprovement,
		compare.StatusAllocsChanged, compare.StatusNew, compare.StatusInconclusive, compare.StatusUnchanged, compare.StatusIgnored,
	}
	inLine := map[compare.Status]bool{}
	for _, s := range countsOrder {
		inLine[s] = true
	}
	for _, s := range all {
		v, ok := statuses[s]
		if !ok || v.text == "" || v.count == nil || v.one == "" {
			t.Errorf("status %q has no complete view: %+v", s, v)
		}
		if !inLine[s] {
			t.Errorf("status %q is not in the counts line", s)
		}
		// Its count is the one the model tallies for it.
		c := &compare.Comparison{Entries: []compare.Entry{{Name: "x", Status: s}}}
		if got := v.count(c.Counts()); got != 1 {
			t.Errorf("status %q: count of one such entry = %d, want 1", s, got)
		}
	}
	if len(countsOrder) != len(statuses) {
		t.Errorf("counts line has %d statuses, views %d", len(countsOrder), len(statuses))
	}
}
