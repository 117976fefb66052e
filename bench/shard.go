package bench

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Shard is one part of a suite split over several jobs: part K of N, 1-based, as
// `run --shard K/N` writes it. The zero Shard is the whole suite.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N" with 1 <= K <= N. Errors say what is wrong without naming a
// flag, so that the caller can name its own (--shard, input shard).
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	k, errK := strconv.Atoi(ks)
	n, errN := strconv.Atoi(ns)
	switch {
	case !ok || errK != nil || errN != nil:
		return Shard{}, fmt.Errorf("%q: want K/N, e.g. 1/3", s)
	case n < 1:
		return Shard{}, fmt.Errorf("%q: N must be at least 1", s)
	case k < 1 || k > n:
		return Shard{}, fmt.Errorf("%q: K must be between 1 and N (%d)", s, n)
	}
	return Shard{K: k, N: n}, nil
}

// IsZero reports whether s is the zero Shard, the whole suite.
func (s Shard) IsZero() bool { return s == Shard{} }

// String returns "K/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Pick returns the names of part s of Partition(names, s.N, weights), in the order
// of names. The zero Shard picks every name.
func (s Shard) Pick(names []string, weights map[string]float64) []string {
	if s.IsZero() {
		return slices.Clone(names)
	}
	in := map[string]bool{}
	for _, n := range Partition(names, s.N, weights)[s.K-1] {
		in[n] = true
	}
	var out []string
	for _, n := range names {
		if in[n] {
			out = append(out, n)
			delete(in, n) // a name listed twice is picked once
		}
	}
	return out
}

// Partition splits the distinct names into n disjoint parts whose union is every
// name, balanced by cost: weights[name] is a benchmark's measured cost (any unit,
// the same for all; see Weights), and a name without a positive weight costs the
// median of the known ones, or 1 when none is known. It is the greedy
// longest-processing-time schedule: the names, costliest first and then by name,
// each go to the part with the least cost so far (the lowest-numbered on a tie).
// With no weights every name costs the same, and the parts take the sorted names
// in turn.
//
// The result depends only on the set of names, n and the weights, never on the
// order of names, so that every job of a matrix, listing the suite its own way,
// computes the same parts. Each part is sorted by name.
func Partition(names []string, n int, weights map[string]float64) [][]string {
	if n < 1 {
		n = 1
	}
	distinct := slices.Clone(names)
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)
	cost := costs(distinct, weights)
	order := slices.Clone(distinct)
	sort.SliceStable(order, func(i, j int) bool { return cost[order[i]] > cost[order[j]] })
	parts := make([][]string, n)
	load := make([]float64, n)
	for _, name := range order {
		best := 0
		for p := 1; p < n; p++ {
			if load[p] < load[best] {
				best = p
			}
		}
		parts[best] = append(parts[best], name)
		load[best] += cost[name]
	}
	for _, p := range parts {
		slices.Sort(p)
	}
	return parts
}

// costs gives each name its weight, or the median of the known weights when it has
// none (a benchmark new since the weights were measured).
func costs(names []string, weights map[string]float64) map[string]float64 {
	var known []float64
	for _, n := range names {
		if w := weights[n]; w > 0 {
			known = append(known, w)
		}
	}
	fill := 1.0
	if len(known) > 0 {
		slices.Sort(known)
		fill = known[len(known)/2]
	}
	out := make(map[string]float64, len(names))
	for _, n := range names {
		out[n] = fill
		if w := weights[n]; w > 0 {
			out[n] = w
		}
	}
	return out
}

// Weights returns each result's measured cost in doc, for Partition: the time its
// measurement took (total_duration_ms), which is what a shard's share of the wall
// time is made of, whatever was measured (time or instructions). Results that
// recorded none are left out.
func Weights(doc *Document) map[string]float64 {
	w := map[string]float64{}
	if doc == nil {
		return w
	}
	for _, r := range doc.Results {
		if r.TotalDurationMs > 0 {
			w[r.Name] = r.TotalDurationMs
		}
	}
	return w
}

// NamesFilter returns the filter pattern that keeps exactly names: an anchored
// regular expression (a /RE/ pattern of ParseFilter), for handing a shard's
// benchmarks to a runner that takes filters. It returns "" for no names.
func NamesFilter(names []string) string {
	if len(names) == 0 {
		return ""
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return "/^(?:" + strings.Join(quoted, "|") + ")$/"
}
