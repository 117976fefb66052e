package trend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	moremath "github.com/aclements/go-moremath/stats"
	"golang.org/x/perf/benchmath"

	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// Significance is the test that decides whether a candidate split is a change point.
type Significance string

// The significance tests.
const (
	// UTest is the Mann-Whitney U test between the two sides of the split (the
	// default): as fast as a t-test, and, working on ranks, one outlying run can
	// neither hide a step next to it nor make one.
	UTest Significance = "utest"
	// TTest is Welch's two-sample t-test between the two sides, as Otava's default.
	// One run far off inflates its side's variance enough to hide a step.
	TTest Significance = "ttest"
	// Permutation is the paper's test: the share of random reorderings of the
	// segment whose best split diverges at least as much as the candidate.
	Permutation Significance = "permutation"
)

// Defaults of Options.
const (
	DefaultAlpha        = 0.001
	DefaultMinSegment   = 3
	DefaultPermutations = 999
)

// Options configure Detect. The zero value means the defaults.
type Options struct {
	// Alpha is the significance level: a split is a change point when its p-value is
	// at most Alpha. Default DefaultAlpha (0.001).
	Alpha float64
	// MinSegment is the fewest points a segment may have (at least 2). Default
	// DefaultMinSegment (3): a change shows once three runs measured it.
	MinSegment int
	// Test is the significance test; "" is UTest.
	Test Significance
	// Permutations is the number of reorderings of the permutation test. Default
	// DefaultPermutations (999, so that p can reach 0.001).
	Permutations int
	// Seed seeds the permutation test's reorderings, so that a history gives the same
	// answer every time.
	Seed uint64
}

// withDefaults returns o with zero values replaced by the defaults, or an error
// naming the option that is out of range.
func (o Options) withDefaults() (Options, error) {
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return o, fmt.Errorf("alpha: %v: want a p-value between 0 and 1", o.Alpha)
	}
	if o.MinSegment == 0 {
		o.MinSegment = DefaultMinSegment
	}
	if o.MinSegment < 2 {
		return o, fmt.Errorf("min-segment: %d: want at least 2 points", o.MinSegment)
	}
	switch o.Test {
	case "":
		o.Test = UTest
	case UTest, TTest, Permutation:
	default:
		return o, fmt.Errorf("test: %q: want %q, %q or %q", o.Test, UTest, TTest, Permutation)
	}
	if o.Permutations == 0 {
		o.Permutations = DefaultPermutations
	}
	if o.Permutations < 1 {
		return o, fmt.Errorf("permutations: %d: want at least 1", o.Permutations)
	}
	return o, nil
}

// Split is one change point of a series: the index of the first point of the new
// segment, the medians of the segments on either side, and the p-value of the test
// that kept it.
type Split struct {
	Index  int
	Before float64 // median of the segment that ends at Index
	After  float64 // median of the segment that starts at Index
	PValue float64
}

// DeltaPct is the change from Before to After in percent of Before; ±Inf when Before
// is 0 and After is not, 0 when both are.
func (s Split) DeltaPct() float64 {
	if s.Before == 0 {
		if s.After == 0 {
			return 0
		}
		return math.Copysign(math.Inf(1), s.After)
	}
	return (s.After - s.Before) / math.Abs(s.Before) * 100
}

// Detect returns the change points of xs, oldest first, in the order of their
// indices. A series shorter than two segments has none. xs must hold finite numbers.
func Detect(xs []float64, opts Options) ([]Split, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("point %d: %v is not a finite number", i, x)
		}
	}
	d := detector{xs: xs, o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))}
	cps := d.divide()
	cps = d.prune(cps)
	return d.splits(cps), nil
}

// detector holds one series and the settings of its detection.
type detector struct {
	xs  []float64
	o   Options
	rng *rand.Rand
}

// divide splits the series hierarchically: the segment whose best split diverges
// most is tried first; a significant split is kept and both halves are tried again,
// a segment whose best split is not significant is final.
func (d *detector) divide() []int {
	type candidate struct {
		start, end, at int
		q              float64
	}
	best := func(start, end int) (candidate, bool) {
		at, q, ok := bestSplit(d.xs[start:end], d.o.MinSegment)
		return candidate{start, end, start + at, q}, ok
	}
	var open []candidate
	if c, ok := best(0, len(d.xs)); ok {
		open = append(open, c)
	}
	var cps []int
	for len(open) > 0 {
		i := 0
		for j := range open {
			if open[j].q > open[i].q {
				i = j
			}
		}
		c := open[i]
		open = slices.Delete(open, i, i+1)
		if d.pValue(c.start, c.at, c.end) > d.o.Alpha {
			// The most divergent split of the whole segment is not a change point;
			// a change that goes away again (a bump) may still be one: look for
			// it between a part of the segment and its neighbour.
			at, ok := d.bump(c.start, c.end)
			if !ok {
				continue
			}
			c.at = at
		}
		cps = append(cps, c.at)
		for _, seg := range [][2]int{{c.start, c.at}, {c.at, c.end}} {
			if nc, ok := best(seg[0], seg[1]); ok {
				open = append(open, nc)
			}
		}
	}
	sort.Ints(cps)
	return cps
}

// maxBumpSegment is the longest segment bump searches: the search costs
// O(len³), which stays in milliseconds up to here.
const maxBumpSegment = 300

// bump looks in xs[start:end] for a change that a split of the whole segment does
// not show: a step up that comes back down (or the reverse) mixes both levels on
// one side of every split. As E-divisive's second index does (Matteson and James
// 2014, the κ of q̂(τ, κ)), it tries each part of the segment that starts at start
// or ends at end, and splits the part at its most divergent point; the best split
// over all parts is tested between its two sides within the part, its p-value
// corrected for the number of parts and splits scanned, with the U test (also for
// the permutation test, whose reorderings of every part would cost too much). It
// returns the split when it is significant.
func (d *detector) bump(start, end int) (int, bool) {
	n, m := end-start, d.o.MinSegment
	if n > maxBumpSegment || n < 2*m+1 || d.o.Test == TTest {
		// Not with Welch's test: three close runs of a part make a tiny variance,
		// and a p-value far below what the noise supports.
		return 0, false
	}
	best, bestQ, lo, hi := -1, math.Inf(-1), 0, 0
	try := func(a, b int) {
		if at, q, ok := bestSplit(d.xs[a:b], m); ok && q > bestQ {
			best, bestQ, lo, hi = a+at, q, a, b
		}
	}
	for b := start + 2*m; b < end; b++ { // parts that start at start
		try(start, b)
	}
	for a := start + 1; a <= end-2*m; a++ { // parts that end at end
		try(a, end)
	}
	if best < 0 {
		return 0, false
	}
	x, y := d.xs[lo:best], d.xs[best:hi]
	var p float64
	switch {
	case constant(x) && constant(y) && x[0] != y[0]:
		p = 0
	case constant(x) && constant(y):
		p = 1
	default:
		p = mannWhitneyP(x, y)
	}
	// Every part and every split in it: at most n·n/2 tests.
	p *= float64(n) * float64(n) / 2
	return best, p <= d.o.Alpha
}

// prune tests every change point again between its final neighbours and drops the
// weakest one that is no longer significant, until every one is.
func (d *detector) prune(cps []int) []int {
	for len(cps) > 0 {
		worst, worstP := -1, d.o.Alpha
		for i := range cps {
			start, end := bounds(cps, i, len(d.xs))
			if p := d.pValue(start, cps[i], end); p > worstP {
				worst, worstP = i, p
			}
		}
		if worst < 0 {
			break
		}
		cps = slices.Delete(cps, worst, worst+1)
	}
	return cps
}

// splits describes the change points cps with their final segments.
func (d *detector) splits(cps []int) []Split {
	out := make([]Split, 0, len(cps))
	for i, at := range cps {
		start, end := bounds(cps, i, len(d.xs))
		out = append(out, Split{
			Index:  at,
			Before: stats.Median(d.xs[start:at]),
			After:  stats.Median(d.xs[at:end]),
			PValue: d.pValue(start, at, end),
		})
	}
	return out
}

// bounds returns the segment around change point i of cps: from the previous change
// point (or 0) to the next one (or n).
func bounds(cps []int, i, n int) (start, end int) {
	end = n
	if i > 0 {
		start = cps[i-1]
	}
	if i+1 < len(cps) {
		end = cps[i+1]
	}
	return start, end
}

// pValue is the significance of splitting xs[start:end] at at. Two constant sides
// are the same (p = 1) when equal and certainly different (p = 0) when not, in
// every test: exact counts, allocations per operation, change or they do not.
func (d *detector) pValue(start, at, end int) float64 {
	seg := d.xs[start:end]
	a, b := seg[:at-start], seg[at-start:]
	if constant(a) && constant(b) {
		if a[0] == b[0] {
			return 1
		}
		return 0
	}
	var p float64
	switch d.o.Test {
	case Permutation:
		return d.permutationP(seg, at-start)
	case TTest:
		p = welchP(a, b)
	default:
		p = mannWhitneyP(a, b)
	}
	// The split is the most divergent of the len(seg)-2·MinSegment+1 the scan could
	// choose: a test of that one split alone would be as optimistic as the best of
	// that many tests, so its p-value is multiplied by their number (Bonferroni).
	return math.Min(1, p*float64(len(seg)-2*d.o.MinSegment+1))
}

// constant reports whether every value of xs is the same.
func constant(xs []float64) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

// mannWhitneyP is the two-sided p-value of the Mann-Whitney U test between a and b
// (exact for small samples, normal with tie correction for large ones), from
// internal/stats, the owner of the suite's statistics.
func mannWhitneyP(a, b []float64) float64 {
	if p, ok := exactUTail(a, b); ok {
		return p
	}
	p := stats.CompareSamples(a, b, 0.05).P
	if math.IsNaN(p) {
		return 1
	}
	return p
}

// maxExactUWork bounds the work of exactUTail (Θ(m·n·U) steps).
const maxExactUWork = 4_000_000

// exactUTail is the exact two-sided p-value of the U test (go-moremath's UDist) where
// the U test's own p-value is the normal approximation (a side of more than 50
// points) but the split is nearly perfect: U, the smaller of the two counts, is small
// enough to sum its exact tail cheaply. The normal approximation is far too high in
// that tail: 3 new runs above 297 old ones have an exact p of 2/C(300,3), about
// 4.5e-7, and an approximate one of 3e-3, which hides a step that three runs showed
// in a long history. ok is false with ties or when the tail is too costly.
func exactUTail(a, b []float64) (p float64, ok bool) {
	m, n := len(a), len(b)
	if m <= moremath.MannWhitneyExactLimit && n <= moremath.MannWhitneyExactLimit {
		return 0, false // the U test is exact already
	}
	all := append(slices.Clone(a), b...)
	slices.Sort(all)
	for i := 1; i < len(all); i++ {
		if all[i] == all[i-1] {
			return 0, false
		}
	}
	u := 0 // pairs with a > b
	for _, x := range a {
		for _, y := range b {
			if x > y {
				u++
			}
		}
	}
	u = min(u, m*n-u)
	if m*n*(u+1) > maxExactUWork {
		return 0, false
	}
	return math.Min(1, 2*moremath.UDist{N1: m, N2: n}.CDF(float64(u))), true
}

// welchP is the two-sided p-value of Welch's t-test between a and b (benchmath's
// AssumeNormal comparison).
func welchP(a, b []float64) float64 {
	p := benchmath.AssumeNormal.Compare(stats.NewSample(a, 0.05), stats.NewSample(b, 0.05)).P
	if math.IsNaN(p) {
		return 1
	}
	return p
}

// permutationP is the share of reorderings of seg whose best split diverges at least
// as much as seg's split at at, counting seg itself: (1 + hits) / (1 + reorderings).
// It stops as soon as the answer is above Alpha whatever the remaining reorderings
// give, and returns that bound: a split that is not significant costs a few
// reorderings, not all of them.
func (d *detector) permutationP(seg []float64, at int) float64 {
	observed := qHat(seg, at)
	shuffled := slices.Clone(seg)
	total := float64(1 + d.o.Permutations)
	hits := 0
	for range d.o.Permutations {
		d.rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if _, q, ok := bestSplit(shuffled, d.o.MinSegment); ok && q >= observed {
			hits++
			if p := float64(1+hits) / total; p > d.o.Alpha {
				return p
			}
		}
	}
	return float64(1+hits) / total
}
