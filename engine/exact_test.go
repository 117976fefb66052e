package engine

import (
	"errors"
	"flag"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

var (
	randomRecords = flag.Int("random-records", 100_000, "random records checked against the oracle per test")
	randomSeed    = flag.Uint64("random-seed", 0, "seed of the random records (0: a new seed each run, logged)")
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func decp(s string) *decimal.Decimal {
	d := dec(s)
	return &d
}
func i64p(v int64) *int64 { return &v }

// usage returns a valid record with the given counts, total filled in.
func usage(prompt, completion, cached, write int64) *Usage {
	return &Usage{Provider: "openai", Model: "m", Timestamp: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion,
		CachedTokens: cached, CacheWriteTokens: write}
}

// mustEntry compiles e alone through NewCatalog.
func mustEntry(t testing.TB, e *Entry) *Entry {
	t.Helper()
	if e.Provider == "" {
		e.Provider, e.Model = "openai", "m"
	}
	if e.EffectiveDate.IsZero() {
		e.EffectiveDate = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if _, err := NewCatalog("test", []*Entry{e}); err != nil {
		t.Fatal(err)
	}
	return e
}

// checkAgainstOracle prices u with e and compares with the oracle, exactly.
func checkAgainstOracle(t *testing.T, e *Entry, u *Usage) {
	t.Helper()
	want, ok := oracleEntryCost(e, u)
	got, err := e.Cost(u)
	if !ok {
		if !errors.Is(err, ErrNoPrice) {
			t.Fatalf("%s %+v: got %v, %v; want no price (no tier, no web search fee)", e.Kind(), *u, got, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s %+v: %v", e.Kind(), *u, err)
	}
	if !got.Input.Decimal().Equal(want.in) || !got.Output.Decimal().Equal(want.out) || !got.Fees.Decimal().Equal(want.fees) || !got.Total.Decimal().Equal(want.total) {
		t.Fatalf("%s %+v:\n got in %s out %s total %s\nwant %s", e.Kind(), *u, got.Input, got.Output, got.Total, want)
	}
	if !got.Total.Equal(got.Input.Add(got.Output).Add(got.Fees)) {
		t.Fatalf("total %s != input %s + output %s + fees %s", got.Total, got.Input, got.Output, got.Fees)
	}
}

func perToken(in, out string) *Entry {
	return &Entry{Pricing: &PerToken{InputPerMillion: dec(in), OutputPerMillion: dec(out)}}
}

func TestCostEdgeCases(t *testing.T) {
	t.Parallel()
	sonnet := func() *Entry {
		return &Entry{Pricing: &Tiered{Basis: BasisPromptTokens, Tiers: []Tier{
			{MinTokens: 0, MaxTokens: i64p(200_000), PerToken: PerToken{InputPerMillion: dec("3"), OutputPerMillion: dec("15"), CachedInputPerMillion: decp("0.30")}},
			{MinTokens: 200_001, PerToken: PerToken{InputPerMillion: dec("6"), OutputPerMillion: dec("22.50")}},
		}}}
	}
	gappy := func() *Entry {
		return &Entry{Pricing: &Tiered{Tiers: []Tier{
			{MinTokens: 10, MaxTokens: i64p(100), PerToken: PerToken{InputPerMillion: dec("1"), OutputPerMillion: dec("2")}},
			{MinTokens: 50, MaxTokens: i64p(1000), PerToken: PerToken{InputPerMillion: dec("7"), OutputPerMillion: dec("9")}},
		}}}
	}
	discount := func(in, out, disc string) *Entry {
		e := perToken(in, out)
		e.Pricing.(*PerToken).CachedInputDiscount = decp(disc)
		return e
	}
	perReq := func(price, included, overage string) *Entry {
		n, _ := decimal.NewFromString(included)
		return &Entry{Pricing: &PerRequest{PricePerRequest: dec(price), IncludedTokens: n.IntPart(), OveragePerMillion: dec(overage)}}
	}
	tests := []struct {
		name  string
		entry func() *Entry
		u     *Usage
		want  string // the total, checked on top of the oracle
	}{
		{"seed gpt-4 1000+500 at 10/30", func() *Entry { return perToken("10", "30") }, usage(1000, 500, 0, 0), "0.025"},
		{"seed cached 5000/2000 with 2000 cached at 0.9 off", func() *Entry { return discount("10", "30", "0.9") }, usage(5000, 2000, 2000, 0), "0.092"},
		{"zero completion", func() *Entry { return perToken("2.5", "10") }, usage(1234, 0, 0, 0), "0.003085"},
		{"zero prompt", func() *Entry { return perToken("2.5", "10") }, usage(0, 77, 0, 0), "0.00077"},
		{"all prompt cached", func() *Entry { return discount("3", "15", "0.9") }, usage(10_000, 10, 10_000, 0), "0.00315"},
		{"all prompt cache writes", func() *Entry {
			e := perToken("3", "15")
			e.Pricing.(*PerToken).CacheWritePerMillion = decp("3.75")
			return e
		}, usage(10_000, 0, 0, 10_000), "0.0375"},
		{"tie rounds down to even", func() *Entry { return perToken("0.00005", "0") }, usage(5, 1, 0, 0), "0.0000000002"},
		{"tie rounds up to even", func() *Entry { return perToken("0.00005", "0") }, usage(7, 1, 0, 0), "0.0000000004"},
		{"tie at one unit rounds to zero", func() *Entry { return perToken("0.00005", "0.00005") }, usage(1, 1, 0, 0), "0"},
		{"just above a tie rounds up", func() *Entry { return perToken("0.000051", "0") }, usage(1, 1, 0, 0), "0.0000000001"},
		{"prices with 6 decimals", func() *Entry { return perToken("0.123456", "1.654321") }, usage(987_654, 123_457, 0, 0), "0.3261693199"},
		{"10^12 tokens", func() *Entry { return perToken("75", "150") }, usage(1_000_000_000_000, 1_000_000_000_000, 0, 0), "225000000"},
		{"beyond the int64 range of Money", func() *Entry { return perToken("1000000", "1000000") }, usage(1_000_000_000_000, 1_000_000_000_000, 0, 0), "2000000000000"},
		{"price with 12 decimals", func() *Entry { return perToken("0.000000000003", "1.000000000001") }, usage(3_333_333, 5, 0, 0), "0.000005"},
		{"discount with many decimals", func() *Entry { return discount("1.23", "1", "0.123456789") }, usage(1_000_000, 0, 999_999, 0), ""},
		{"tier at min", sonnet, usage(200_001, 10, 0, 0), "1.200231"},
		{"tier at max", sonnet, usage(200_000, 10, 100_000, 0), "0.33015"},
		{"tier at zero", sonnet, usage(0, 10, 0, 0), "0.00015"},
		{"first matching tier wins", gappy, usage(60, 20, 0, 0), "0.0001"},
		{"second tier after the first ends", gappy, usage(80, 40, 0, 0), ""},
		{"no tier matches", gappy, usage(1, 2, 0, 0), ""},
		{"per request within included", func() *Entry { return perReq("0.01", "1000", "2") }, usage(300, 700, 0, 0), "0.01"},
		{"per request with overage", func() *Entry { return perReq("0.01", "1000", "2") }, usage(1200, 300, 0, 0), "0.011"},
		{"per request split rounds", func() *Entry { return perReq("0.0000000001", "0", "0") }, usage(1, 2, 0, 0), "0.0000000001"},
		{"per request split tie", func() *Entry { return perReq("0.0000000001", "0", "0") }, usage(1, 1, 0, 0), "0.0000000001"},
		{"per request huge overage", func() *Entry { return perReq("5", "0", "999999.999999") }, usage(1_000_000_000_000, 7, 0, 0), ""},
		{"per request zero prompt", func() *Entry { return perReq("0.003", "10", "1.5") }, usage(0, 11, 0, 0), "0.0030015"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := mustEntry(t, tt.entry())
			checkAgainstOracle(t, e, tt.u)
			if tt.want == "" {
				return
			}
			got, err := e.Cost(tt.u)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total.String() != tt.want {
				t.Errorf("total = %s, want %s", got.Total, tt.want)
			}
		})
	}
}

// randomPrice returns a price per million: mostly up to 6 decimals and below 100,
// sometimes up to 12 decimals (the slow path) or very large (big amounts).
func randomPrice(r *rand.Rand) decimal.Decimal {
	switch k := r.IntN(20); {
	case k == 0:
		return decimal.New(r.Int64N(1e13), -12)
	case k == 1:
		return decimal.New(r.Int64N(1e12), -3)
	case k == 2:
		return decimal.Zero
	default:
		return decimal.New(r.Int64N(100_000_000), -int32(r.IntN(7)))
	}
}

// randomCount returns a token count spread over orders of magnitude up to 10^12.
func randomCount(r *rand.Rand) int64 {
	switch r.IntN(8) {
	case 0:
		return 0
	case 1:
		return r.Int64N(1_000_000_000_001)
	}
	return r.Int64N(int64(math.Pow10(1 + r.IntN(7))))
}

func randomRates(r *rand.Rand) PerToken {
	p := PerToken{InputPerMillion: randomPrice(r), OutputPerMillion: randomPrice(r)}
	switch r.IntN(3) {
	case 0:
		p.CachedInputPerMillion = ptr(randomPrice(r))
	case 1:
		p.CachedInputDiscount = ptr(decimal.New(r.Int64N(10_001), -4))
	}
	if r.IntN(2) == 0 {
		p.CacheWritePerMillion = ptr(randomPrice(r))
	}
	if r.IntN(3) == 0 {
		p.CacheWrite1hPerMillion = ptr(randomPrice(r))
	}
	if r.IntN(3) == 0 {
		p.AudioInputPerMillion = ptr(randomPrice(r))
	}
	if r.IntN(3) == 0 {
		p.ImageInputPerMillion = ptr(randomPrice(r))
	}
	return p
}

func ptr[T any](v T) *T { return &v }

func randomEntry(r *rand.Rand) *Entry {
	e := randomStructure(r)
	if r.IntN(3) > 0 {
		e.WebSearchPerRequest = ptr(randomPrice(r))
	}
	return e
}

func randomStructure(r *rand.Rand) *Entry {
	switch r.IntN(4) {
	case 0:
		return &Entry{Pricing: &PerRequest{PricePerRequest: randomPrice(r), IncludedTokens: randomCount(r), OveragePerMillion: randomPrice(r)}}
	case 1:
		t := &Tiered{Basis: []string{BasisTotalTokens, BasisPromptTokens}[r.IntN(2)]}
		min := int64(0)
		for n := 1 + r.IntN(3); n > 0; n-- {
			tier := Tier{MinTokens: min, PerToken: randomRates(r)}
			if n > 1 || r.IntN(3) == 0 {
				max := min + randomCount(r)
				tier.MaxTokens = &max
				min = max + 1
			}
			t.Tiers = append(t.Tiers, tier)
		}
		return &Entry{Pricing: t}
	}
	rates := randomRates(r)
	return &Entry{Pricing: &rates}
}

func randomUsage(r *rand.Rand, u *Usage) {
	for {
		prompt, completion := randomCount(r), randomCount(r)
		if prompt+completion == 0 {
			continue
		}
		cached := int64(0)
		if prompt > 0 && r.IntN(2) == 0 {
			cached = r.Int64N(prompt + 1)
		}
		write := int64(0)
		if prompt-cached > 0 && r.IntN(2) == 0 {
			write = r.Int64N(prompt - cached + 1)
		}
		*u = Usage{Provider: "openai", Model: "m", Timestamp: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
			PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion,
			CachedTokens: cached, CacheWriteTokens: write}
		// The dimensions beyond the contract, in a third of the records each.
		if write > 0 && r.IntN(3) == 0 {
			u.CacheWrite1hTokens = r.Int64N(write + 1)
		}
		if rest := prompt - cached - write; rest > 0 && r.IntN(3) == 0 {
			u.AudioInputTokens = r.Int64N(rest + 1)
		}
		if rest := prompt - cached - write - u.AudioInputTokens; rest > 0 && r.IntN(3) == 0 {
			u.ImageInputTokens = r.Int64N(rest + 1)
		}
		if r.IntN(3) == 0 {
			u.WebSearchRequests = randomCount(r) % 1_000_000
		}
		return
	}
}

func seed(t *testing.T) uint64 {
	s := *randomSeed
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("random seed %d (rerun with -random-seed=%d)", s, s)
	return s
}

func TestCostMatchesOracleOnRandomRecords(t *testing.T) {
	t.Parallel()
	s := seed(t)
	r := rand.New(rand.NewPCG(s, s^0x9E3779B97F4A7C15))
	entries := make([]*Entry, 256)
	for i := range entries {
		entries[i] = mustEntry(t, randomEntry(r))
	}
	var u Usage
	for i := 0; i < *randomRecords; i++ {
		randomUsage(r, &u)
		checkAgainstOracle(t, entries[r.IntN(len(entries))], &u)
	}
}
