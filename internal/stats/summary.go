package stats

import (
	"math"
	"slices"

	"golang.org/x/perf/benchmath"
)

// Confidence is the level of every interval the program reports.
const Confidence = 0.95

// Summary is a sample's median with its confidence interval at level Confidence.
type Summary struct {
	Center float64
	// Lo and Hi bound the interval; they are ±Inf when the sample is too small for
	// one (benchmath needs 6 values at 95%).
	Lo, Hi float64
	// Confidence is the interval's actual level (benchmath picks order statistics).
	Confidence float64
	// Warnings are benchmath's caveats, as text.
	Warnings []string
}

// Summarize returns the median of samples and its distribution-free confidence
// interval (benchmath.AssumeNothing). samples is not modified. An empty sample has a
// NaN summary.
func Summarize(samples []float64) Summary {
	if len(samples) == 0 {
		nan := math.NaN()
		return Summary{Center: nan, Lo: nan, Hi: nan}
	}
	s := benchmath.AssumeNothing.Summary(NewSample(samples, DefaultAlpha), Confidence)
	return Summary{Center: s.Center, Lo: s.Lo, Hi: s.Hi, Confidence: s.Confidence, Warnings: texts(s.Warnings)}
}

// Bounded returns the interval with an unbounded end replaced by the samples' range,
// for documents (JSON has no infinity).
func (s Summary) Bounded(samples []float64) (lo, hi float64) {
	lo, hi = s.Lo, s.Hi
	if len(samples) == 0 {
		return lo, hi
	}
	if math.IsInf(lo, 0) || math.IsNaN(lo) {
		lo = slices.Min(samples)
	}
	if math.IsInf(hi, 0) || math.IsNaN(hi) {
		hi = slices.Max(samples)
	}
	return lo, hi
}

// DefaultAlpha is the significance level of a test when the caller has none (the
// contract's default).
const DefaultAlpha = 0.05

// NewSample builds a benchmath sample from a copy of values (benchmath sorts in
// place) with alpha as its comparison level.
func NewSample(values []float64, alpha float64) *benchmath.Sample {
	return benchmath.NewSample(slices.Clone(values), &benchmath.Thresholds{CompareAlpha: alpha})
}

func texts(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// Median returns the median of xs (NaN for none) without modifying xs.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Quantile returns the q-quantile of values sorted in ascending order, interpolating
// linearly between the two nearest ranks. sorted must not be empty.
func Quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (pos-float64(i))*(sorted[i+1]-sorted[i])
}
