package bench

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Shard
		wantErr string
	}{
		{in: "1/3", want: Shard{1, 3}},
		{in: "3/3", want: Shard{3, 3}},
		{in: " 2/5 ", want: Shard{2, 5}},
		{in: "1/1", want: Shard{1, 1}},
		{in: "0/3", wantErr: "K must be between 1 and N"},
		{in: "4/3", wantErr: "K must be between 1 and N"},
		{in: "-1/3", wantErr: "K must be between 1 and N"},
		{in: "1/0", wantErr: "N must be at least 1"},
		{in: "x", wantErr: "want K/N"},
		{in: "1/x", wantErr: "want K/N"},
		{in: "", wantErr: "want K/N"},
		{in: "1/3/5", wantErr: "want K/N"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseShard(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseShard(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseShard(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != strings.TrimSpace(tt.in) {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

// checkCover fails unless parts are disjoint and their union is exactly names.
func checkCover(t *testing.T, names []string, parts [][]string) {
	t.Helper()
	seen := map[string]int{}
	for i, p := range parts {
		for _, n := range p {
			if j, dup := seen[n]; dup {
				t.Errorf("%s is in part %d and part %d", n, j+1, i+1)
			}
			seen[n] = i
		}
	}
	for _, n := range names {
		if _, ok := seen[n]; !ok {
			t.Errorf("%s is in no part", n)
		}
	}
	if len(seen) != len(names) {
		t.Errorf("parts hold %d names, want %d", len(seen), len(names))
	}
}

func TestPartitionSuiteCoversDisjointly(t *testing.T) {
	t.Parallel()
	names := Suite().Names()
	for n := 1; n <= len(names)+2; n++ {
		parts := Partition(names, n, nil)
		if len(parts) != n {
			t.Fatalf("n=%d: %d parts", n, len(parts))
		}
		checkCover(t, names, parts)
		// Without weights the parts differ in size by at most one.
		lo, hi := len(names), 0
		for _, p := range parts {
			lo, hi = min(lo, len(p)), max(hi, len(p))
		}
		if hi-lo > 1 {
			t.Errorf("n=%d: part sizes from %d to %d", n, lo, hi)
		}
	}
}

func TestPartitionIgnoresOrder(t *testing.T) {
	t.Parallel()
	names := Suite().Names()
	weights := map[string]float64{}
	for i, n := range names {
		weights[n] = float64(1 + i%7)
	}
	want := Partition(names, 3, weights)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		shuffled := slices.Clone(names)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		shuffled = append(shuffled, shuffled[0]) // a duplicate changes nothing either
		if got := Partition(shuffled, 3, weights); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("order %q gave %q, want %q", shuffled, got, want)
		}
	}
}

func TestPartitionBalancesCost(t *testing.T) {
	t.Parallel()
	// One heavy benchmark and many light ones: by name alone a part would hold the
	// heavy one and as many light ones as the others.
	names := []string{"heavy"}
	weights := map[string]float64{"heavy": 60}
	for i := 0; i < 12; i++ {
		n := fmt.Sprintf("light_%02d", i)
		names = append(names, n)
		weights[n] = 10
	}
	parts := Partition(names, 3, weights)
	checkCover(t, names, parts)
	for i, p := range parts {
		var sum float64
		for _, n := range p {
			sum += weights[n]
		}
		if sum != 60 {
			t.Errorf("part %d %q costs %v, want 60 (180 split three ways)", i+1, p, sum)
		}
	}
	if !slices.Equal(parts[0], []string{"heavy"}) {
		t.Errorf("part 1 = %q, want the heavy benchmark alone", parts[0])
	}
}

func TestPartitionUnknownWeightIsTheMedian(t *testing.T) {
	t.Parallel()
	weights := map[string]float64{"a": 100, "b": 1, "c": 1}
	// "new" costs the median, 1: a alone, then b, c and new shared by part 2.
	got := Partition([]string{"a", "b", "c", "new"}, 2, weights)
	want := [][]string{{"a"}, {"b", "c", "new"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestShardPick(t *testing.T) {
	t.Parallel()
	names := []string{"z", "a", "m", "b"}
	var union []string
	for k := 1; k <= 3; k++ {
		got := Shard{k, 3}.Pick(names, nil)
		// The picked names keep the order of the list.
		if !slices.IsSortedFunc(got, func(x, y string) int { return slices.Index(names, x) - slices.Index(names, y) }) {
			t.Errorf("shard %d/3 = %q: not in list order", k, got)
		}
		union = append(union, got...)
	}
	slices.Sort(union)
	if want := []string{"a", "b", "m", "z"}; !slices.Equal(union, want) {
		t.Errorf("union = %q, want %q", union, want)
	}
	if got := (Shard{}).Pick(names, nil); !slices.Equal(got, names) {
		t.Errorf("zero shard picks %q", got)
	}
}

func TestNamesFilterKeepsExactlyTheNames(t *testing.T) {
	t.Parallel()
	names := Suite().Names()
	pick := []string{"cost_aggregation_100", "multi_provider_openai", "tiered_pricing"}
	f, err := ParseFilter([]string{NamesFilter(pick)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range names {
		if f.Match(n) {
			got = append(got, n)
		}
	}
	// cost_aggregation_1000 and _10000 contain the first name: anchoring excludes them.
	if !slices.Equal(got, pick) {
		t.Errorf("filter %s kept %q, want %q", NamesFilter(pick), got, pick)
	}
	if f, err := ParseFilter([]string{NamesFilter([]string{"a.b"})}); err != nil || f.Match("axb") {
		t.Errorf("a dot in a name is not quoted: %v", err)
	}
	if NamesFilter(nil) != "" {
		t.Errorf("NamesFilter(nil) = %q", NamesFilter(nil))
	}
}

func TestWeights(t *testing.T) {
	t.Parallel()
	doc := &Document{Results: []Result{{Name: "a", TotalDurationMs: 12.5}, {Name: "b"}}}
	got := Weights(doc)
	if len(got) != 1 || got["a"] != 12.5 {
		t.Errorf("Weights = %v, want a: 12.5 only", got)
	}
	if len(Weights(nil)) != 0 {
		t.Error("Weights(nil) not empty")
	}
}
