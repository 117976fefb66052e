package engine

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// countEdges are the token counts around every bound of the rules and of
// countsValid's own limit.
var countEdges = []int64{-1 << 63, -1, 0, 1, 2, 3, countLimit - 1, countLimit, countLimit + 1, 1 << 62, math.MaxInt64 - 1, math.MaxInt64}

// edgeCount returns a count near a bound, or near another count of the record.
func edgeCount(r *rand.Rand, near ...int64) int64 {
	if len(near) > 0 && r.IntN(2) == 0 {
		return near[r.IntN(len(near))] + r.Int64N(5) - 2
	}
	return countEdges[r.IntN(len(countEdges))]
}

// TestCountsValidAgreesWithTheRules checks the one-branch-per-rule test of the
// hot path against the rules one by one: on every record, countsValid is true
// exactly when countsError finds no rule broken.
func TestCountsValidAgreesWithTheRules(t *testing.T) {
	t.Parallel()
	s := seed(t)
	r := rand.New(rand.NewPCG(s, 7))
	tiers := []string{"", "default", "auto", "standard", "batch", "priority", "flex", "Batch", "turbo"}
	for i := range 200_000 {
		var u Usage
		u.PromptTokens = edgeCount(r)
		u.CompletionTokens = edgeCount(r, u.PromptTokens)
		u.TotalTokens = edgeCount(r, u.PromptTokens+u.CompletionTokens, u.PromptTokens)
		if r.IntN(2) == 0 { // mostly consistent totals, so that the later rules are reached
			u.TotalTokens = u.PromptTokens + u.CompletionTokens
		}
		u.CachedTokens = edgeCount(r, 0, u.PromptTokens, u.PromptTokens/2)
		u.CacheWriteTokens = edgeCount(r, 0, u.PromptTokens-u.CachedTokens)
		u.CacheWrite1hTokens = edgeCount(r, 0, u.CacheWriteTokens)
		u.AudioInputTokens = edgeCount(r, 0, u.PromptTokens-u.CachedTokens-u.CacheWriteTokens)
		u.ImageInputTokens = edgeCount(r, 0, u.PromptTokens-u.CachedTokens-u.CacheWriteTokens-u.AudioInputTokens)
		u.ReasoningTokens = edgeCount(r, 0, u.CompletionTokens)
		u.WebSearchRequests = edgeCount(r, 0, 1)
		u.ServiceTier = tiers[r.IntN(len(tiers))]
		fast, err := countsValid(&u), countsError(&u)
		// Above countLimit, countsValid declines valid records (checkCounts then
		// finds none of them broken): it may say false for a valid record, never
		// true for an invalid one.
		if fast && err != nil || !fast && err == nil && allBelow(&u, countLimit) {
			t.Fatalf("record %d %+v: countsValid = %v, countsError = %v", i, u, fast, err)
		}
		if got := checkCounts(&u); (got == nil) != (err == nil) {
			t.Fatalf("record %d %+v: checkCounts = %v, countsError = %v", i, u, got, err)
		}
	}
}

func allBelow(u *Usage, limit int64) bool {
	for _, v := range []int64{u.PromptTokens, u.CompletionTokens, u.TotalTokens, u.CachedTokens, u.CacheWriteTokens,
		u.ReasoningTokens, u.CacheWrite1hTokens, u.AudioInputTokens, u.ImageInputTokens, u.WebSearchRequests} {
		if v < 0 || v >= limit {
			return false
		}
	}
	return true
}

// TestTooFarAheadAgreesWithSub checks the future-timestamp rule on Unix seconds
// against time.Sub of the wall-clock times, at the bound, across locations, with
// monotonic readings (ignored) and at the ends of time's range (where the
// difference overflows, and time.Add wraps).
func TestTooFarAheadAgreesWithSub(t *testing.T) {
	t.Parallel()
	s := seed(t)
	r := rand.New(rand.NewPCG(s, 11))
	now := time.Date(2025, 7, 1, 12, 0, 0, 500, time.UTC)
	tokyo := time.FixedZone("JST", 9*3600)
	bases := []time.Time{now, now.In(tokyo), time.Now(), time.Unix(0, 0), {},
		time.Unix(math.MaxInt64-62135596800, 999_999_999), time.Unix(math.MinInt64, 0)}
	offsets := []time.Duration{0, 1, -1, MaxFutureSkew, MaxFutureSkew + 1, MaxFutureSkew - 1,
		MaxFutureSkew + time.Second, MaxFutureSkew - time.Second, -MaxFutureSkew, math.MaxInt64, math.MinInt64}
	for i := range 100_000 {
		a := bases[r.IntN(len(bases))]
		b := bases[r.IntN(len(bases))]
		if r.IntN(2) == 0 {
			b = a.Add(offsets[r.IntN(len(offsets))])
		}
		if r.IntN(4) == 0 {
			b = b.Add(time.Duration(r.Int64N(2e9) - 1e9))
		}
		if want := b.Round(0).Sub(a.Round(0)) > MaxFutureSkew; tooFarAhead(b, a) != want {
			t.Fatalf("case %d: tooFarAhead(%v, %v) = %v, want %v (Sub = %v)", i, b, a, !want, want, b.Sub(a))
		}
	}
}
