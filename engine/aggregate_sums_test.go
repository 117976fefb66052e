package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSummarySumsSortedAndFound: each breakdown lists every name once, sorted,
// whatever order the names came in (a few names, sorted by insertion, and many);
// Lookup and Get find each and nothing else.
func TestSummarySumsSortedAndFound(t *testing.T) {
	t.Parallel()
	for _, extra := range []int{0, 40, 200} {
		testSummarySorted(t, extra)
	}
}

func testSummarySorted(t *testing.T, extra int) {
	agg := NewAggregator(0)
	names := []string{"zeta", "alpha", "", "Alpha", "mu", "alpha-2", "é", "a"}
	for i := range extra {
		names = append(names, fmt.Sprintf("n-%d", (i*7919)%extra))
	}
	want := map[string]int64{}
	for round := range 3 {
		for i, k := range names {
			units := int64(100*round + i + 1)
			agg.Add(&Usage{Provider: "openai", Model: k, ProjectID: k, OrganizationID: k}, Cost{Total: MoneyFromUnits(units)})
			want[k] += units
		}
	}
	s := agg.Summary()
	for name, got := range map[string]Sums{"model": s.ByModel, "project": s.ByProject, "organization": s.ByOrganization} {
		if !slices.IsSortedFunc(got, func(a, b NamedSum) int { return strings.Compare(a.Name, b.Name) }) || len(got) != len(want) {
			t.Fatalf("by %s: %v, want %d names sorted", name, got, len(want))
		}
		for k, units := range want {
			m, ok := got.Lookup(k)
			if u, _ := m.Units(); !ok || u != units || !got.Get(k).Equal(m) {
				t.Errorf("by %s: Lookup(%q) = %s, %v; want %d units", name, k, m, ok, units)
			}
		}
		if m, ok := got.Lookup("absent"); ok || !m.IsZero() || !got.Get("absent").IsZero() {
			t.Errorf("by %s: an absent name has %s, %v", name, m, ok)
		}
	}
	// The four breakdowns share one array: appending to one must not change another.
	before := s.ByProject.Get("zeta")
	_ = append(s.ByModel, NamedSum{Name: "~", Total: MoneyFromUnits(1)})
	if !s.ByProject.Get("zeta").Equal(before) || len(s.ByProject) != len(want) {
		t.Errorf("appending to ByModel changed ByProject")
	}
}

// TestSumsJSONIsTheMapJSON: Sums encode to the bytes encoding/json writes for the
// same map (the cost document's by_* objects keep their form), and decode back.
func TestSumsJSONIsTheMapJSON(t *testing.T) {
	t.Parallel()
	agg := NewAggregator(0)
	for i, k := range []string{"b<&>", "a\"quote", "\xff\xfe bad utf-8", "tab\there", "ü", "A", "\u2028"} {
		agg.Add(&Usage{Provider: k, Model: k}, Cost{Total: MoneyFromUnits(int64(i)*12_345_678_901 - 3)})
	}
	agg.Add(&Usage{Provider: "x", Model: "huge"}, Cost{Total: MoneyFromUnits(1 << 62)})
	agg.Add(&Usage{Provider: "x", Model: "huge"}, Cost{Total: MoneyFromUnits(1 << 62)})
	s := agg.Summary()
	for name, sums := range map[string]Sums{"model": s.ByModel, "provider": s.ByProvider, "project": s.ByProject,
		"empty": nil, "empty non-nil": Sums{}} {
		got, err := json.MarshalIndent(struct{ S Sums }{sums}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(struct{ S map[string]Money }{sums.Map()}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("by %s:\n%s\nwant (the map's)\n%s", name, got, want)
		}
	}
	// Decoded, the sums encode to the same bytes again (names of valid UTF-8).
	valid := slices.DeleteFunc(slices.Clone(s.ByModel), func(e NamedSum) bool { return !utf8.ValidString(e.Name) })
	data, err := json.Marshal(valid)
	if err != nil {
		t.Fatal(err)
	}
	var back Sums
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) || !slices.IsSortedFunc(back, func(a, b NamedSum) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("decoded and encoded again:\n%s\nwant\n%s", again, data)
	}
}
