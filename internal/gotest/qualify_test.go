package gotest

import (
	"slices"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

func TestQualify(t *testing.T) {
	t.Parallel()
	doc := func(results ...bench.Result) *bench.Document { return &bench.Document{Results: results} }
	a := doc(bench.Result{Name: "X-2", Group: "m/a"}, bench.Result{Name: "Y-2", Group: "m/a"})
	b := doc(bench.Result{Name: "X-2", Group: "m/b"}, bench.Result{Name: "Z-2", Group: "m/b"})
	c := doc(bench.Result{Name: "Y-2", Group: "m/a"}, bench.Result{Name: "Z-2"}) // an overlap, and no package
	Qualify([]*bench.Document{a, b, c})
	var got []string
	for _, d := range []*bench.Document{a, b, c} {
		for _, r := range d.Results {
			got = append(got, r.Name)
		}
	}
	want := []string{"m/a.X-2", "Y-2", "m/b.X-2", "Z-2", "Y-2", "Z-2"}
	if !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}
