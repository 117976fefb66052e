package compare

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func results(names ...string) []bench.Result {
	rs := make([]bench.Result, len(names))
	for i, n := range names {
		rs[i] = bench.Result{Name: n, SamplesNs: []float64{1, 2, 3}}
	}
	return rs
}

// got renders pairs as "name=base|cur" ("" for an absent side).
func gotPairs(pairs []pair) []string {
	var out []string
	for _, p := range pairs {
		b, c := "", ""
		if p.base != nil {
			b = p.base.Name
		}
		if p.cur != nil {
			c = p.cur.Name
		}
		out = append(out, p.name+"="+b+"|"+c)
	}
	return out
}

func TestMatchResultsGOMAXPROCSSuffix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		base, cur []string
		want      []string
		procs     []EnvDiff
	}{
		{"exact names", []string{"a", "b-2"}, []string{"b-2", "a"}, []string{"a=a|a", "b-2=b-2|b-2"}, nil},
		{"8 cores vs 2", []string{"Calculate-8", "Aggregate/records=1000-8"}, []string{"Calculate-2", "Aggregate/records=1000-2"},
			[]string{"Calculate=Calculate-8|Calculate-2", "Aggregate/records=1000=Aggregate/records=1000-8|Aggregate/records=1000-2"},
			[]EnvDiff{{"gomaxprocs", "8", "2"}}},
		{"GOMAXPROCS 1 has no suffix", []string{"Calculate"}, []string{"Calculate-4"}, []string{"Calculate=Calculate|Calculate-4"},
			[]EnvDiff{{"gomaxprocs", "1", "4"}}},
		{"exact first, then the suffix", []string{"X-2", "X-4"}, []string{"X-4", "X-8"},
			[]string{"X=X-2|X-8", "X-4=X-4|X-4"}, []EnvDiff{{"gomaxprocs", "2", "8"}}},
		{"ambiguous leftovers stay apart", []string{"X-2", "X-4"}, []string{"X-8", "X-16"},
			[]string{"X-2=X-2|", "X-4=X-4|", "X-8=|X-8", "X-16=|X-16"}, nil},
		{"not a suffix", []string{"a-b", "v-"}, []string{"a-c", "v-1"}, []string{"a-b=a-b|", "v-=v-|", "a-c=|a-c", "v-1=|v-1"}, nil},
		{"missing and new", []string{"a", "gone"}, []string{"a", "new"}, []string{"a=a|a", "gone=gone|", "new=|new"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pairs, procs := matchResults(results(tt.base...), results(tt.cur...))
			if got := gotPairs(pairs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pairs = %q, want %q", got, tt.want)
			}
			if !reflect.DeepEqual(procs, tt.procs) {
				t.Errorf("procs = %v, want %v", procs, tt.procs)
			}
		})
	}
}

func TestCompareReportsGOMAXPROCSAsEnvironment(t *testing.T) {
	t.Parallel()
	base := &bench.Document{Results: results("Calculate-8")}
	cur := &bench.Document{Results: results("Calculate-2")}
	c := Compare(base, cur, DefaultConfig())
	if len(c.Entries) != 1 || c.Entries[0].Name != "Calculate" || c.Entries[0].Status != StatusUnchanged {
		t.Fatalf("entries = %+v, want one unchanged Calculate", c.Entries)
	}
	if !reflect.DeepEqual(c.EnvDiffs, []EnvDiff{{"gomaxprocs", "8", "2"}}) {
		t.Errorf("env diffs = %v", c.EnvDiffs)
	}
}

func TestCheckMatch(t *testing.T) {
	t.Parallel()
	doc := func(names ...string) *bench.Document { return &bench.Document{Results: results(names...)} }
	if err := CheckMatch(doc("a", "b"), doc("b", "c")); err != nil {
		t.Errorf("one shared name: %v", err)
	}
	if err := CheckMatch(doc("Calculate-8"), doc("Calculate-2")); err != nil {
		t.Errorf("names differing in the -N suffix: %v", err)
	}
	err := CheckMatch(doc("a", "b", "c", "d", "e", "f"), doc("x\n::error::y"))
	if !errors.Is(err, ErrNoMatch) {
		t.Fatalf("err = %v, want ErrNoMatch", err)
	}
	for _, want := range []string{"the baseline has a, b, c, d, e, ... (6 in all)", `the current result has "x\n::error::y"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
