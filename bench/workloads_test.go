package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

func TestMixedRecordsAreRealistic(t *testing.T) {
	t.Parallel()
	recs := mixedRecords(1000, 30*24*time.Hour)
	providers := map[string]bool{}
	var cached, writes, reasoning int
	for i := range recs {
		u := &recs[i]
		if err := engine.Validate(u, validationNow); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		providers[u.Provider] = true
		if u.CachedTokens > 0 {
			cached++
		}
		if u.CacheWriteTokens > 0 {
			writes++
		}
		if u.ReasoningTokens > 0 {
			reasoning++
		}
	}
	if len(providers) != 7 {
		t.Errorf("providers = %v, want all 7", providers)
	}
	if cached < 200 || writes < 50 || reasoning < 50 {
		t.Errorf("records with cache reads %d, cache writes %d, reasoning %d: want a realistic share of each", cached, writes, reasoning)
	}
	if got := mixedRecords(1000, 30*24*time.Hour); got[999].ID != recs[999].ID || got[999].PromptTokens != recs[999].PromptTokens {
		t.Error("mixedRecords is not deterministic")
	}
	if u := fullRecord(); engine.Validate(&u, validationNow) != nil || u.CachedTokens == 0 || u.CacheWriteTokens == 0 || len(u.Tags) == 0 {
		t.Errorf("fullRecord %+v is not a valid record with every field set", u)
	}
}

// TestPricingLookupChecksum works out, from how lookupYAML writes the prices,
// which entry each key must find, and sums the cost of the reference request (a
// million input and a million output tokens) with it.
func TestPricingLookupChecksum(t *testing.T) {
	t.Parallel()
	cat, err := engine.ParseCatalog("lookup.yaml", []byte(lookupYAML()))
	if err != nil {
		t.Fatal(err)
	}
	if cat.Len() < 500 {
		t.Errorf("lookup catalog has %d entries, want hundreds", cat.Len())
	}
	repriced, _ := time.Parse(time.DateOnly, lookupRepriced)
	var want decimal.Decimal
	keys := lookupKeysFor()
	var aliases, spelled, before int
	for i, k := range keys {
		p, m := i%len(lookupProviders), (i*7)%lookupModels
		d := 1
		if k.at.Before(repriced) {
			d, before = 0, before+1
		}
		in := decimal.RequireFromString(fmt.Sprintf("%d.%02d", 1+p, m))
		out := decimal.RequireFromString(fmt.Sprintf("%d.%02d", 4+p+d, m))
		want = want.Add(in).Add(out)
		if k.provider != lookupProviders[p] {
			spelled++
		}
		if k.model != fmt.Sprintf("%s-model-%02d", lookupProviders[p], m) {
			aliases++
		}
	}
	if aliases == 0 || spelled == 0 || before == 0 || before == len(keys) {
		t.Errorf("keys use %d aliases, %d provider spellings, %d dates before the repricing: want some of each", aliases, spelled, before)
	}
	got := setup(t, byName(t, "pricing_lookup")).CostUSD
	if got != want.String() {
		t.Errorf("pricing_lookup checksum = %s, want %s", got, want)
	}
}

func TestTimeWindowGrouping(t *testing.T) {
	t.Parallel()
	recs := mixedRecords(1000, 7*24*time.Hour)
	costs, err := priceAll(recs)
	if err != nil {
		t.Fatal(err)
	}
	var want decimal.Decimal
	hours := map[time.Time]bool{}
	for i := range recs {
		want = want.Add(costs[i].Total.Decimal())
		hours[recs[i].Timestamp.Truncate(time.Hour)] = true
	}
	if len(hours) < 100 {
		t.Errorf("records fall in %d hourly windows, want over a hundred", len(hours))
	}
	b := byName(t, "time_window_grouping")
	if got := setup(t, b).CostUSD; got != want.String() {
		t.Errorf("time_window_grouping checksum = %s, want %s", got, want)
	}
	if b.BatchSize != 1000 {
		t.Errorf("batch size = %d, want 1000", b.BatchSize)
	}
}
