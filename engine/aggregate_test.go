package engine

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// randomPricedBatch returns n records over many providers (spelled in several ways),
// models, projects, organizations and times, and their costs from the built-in
// catalog.
func randomPricedBatch(t *testing.T, r *rand.Rand, n int) ([]Usage, []Cost) {
	t.Helper()
	calc := builtinCalculator(t)
	models := [][2]string{{"openai", "gpt-4o"}, {"OpenAI", "o3"}, {"azure", "gpt-4.1-nano"}, {"anthropic", "claude-sonnet-4"},
		{"Bedrock", "claude-3-opus"}, {"aws", "claude-3-haiku"}, {"google", "gemini-2.5-pro"}, {"vertex", "gemini-2.0-flash"},
		{"mistral", "mistral-large"}, {"cohere", "command-r"}, {"anthropic", "claude-opus-4-1"}}
	start := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	us := make([]Usage, n)
	costs := make([]Cost, n)
	for i := range us {
		m := models[r.IntN(len(models))]
		randomUsage(r, &us[i])
		us[i].WebSearchRequests = 0 // the built-in catalog prices no web search
		us[i].Provider, us[i].Model = m[0], m[1]
		us[i].ProjectID = []string{"", "search", "chat", "agents"}[r.IntN(4)]
		us[i].OrganizationID = []string{"acme", "globex", ""}[r.IntN(3)]
		us[i].Timestamp = start.Add(time.Duration(r.Int64N(int64(90 * 24 * time.Hour))))
		c, err := calc.Price(&us[i])
		if err != nil {
			t.Fatal(err)
		}
		costs[i] = c
	}
	return us, costs
}

// TestAggregatorMatchesSumsOfSingles prices a batch with a Calculator and sums it
// with an Aggregator; every single cost (plain lookup, oracle) must equal the batch's,
// and every total and breakdown must equal the decimal sum of the singles.
func TestAggregatorMatchesSumsOfSingles(t *testing.T) {
	t.Parallel()
	s := seed(t)
	r := rand.New(rand.NewPCG(s, 7))
	us, costs := randomPricedBatch(t, r, 20_000)
	const window = 6 * time.Hour
	agg := NewAggregator(window)
	// The oracle: decimal sums keyed the same way.
	total := decimal.Zero
	want := map[string]map[string]decimal.Decimal{"provider": {}, "model": {}, "project": {}, "organization": {}}
	wantWindows := map[time.Time]decimal.Decimal{}
	wantCounts := map[time.Time]int64{}
	builtin, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for i := range us {
		agg.Add(&us[i], costs[i])
		// The single cost, from a plain lookup and the oracle, must be the batch's.
		e, err := builtin.Lookup(us[i].Provider, us[i].Model, us[i].Timestamp)
		if err != nil {
			t.Fatal(err)
		}
		single, ok := oracleEntryCost(e, &us[i])
		if !ok || !single.total.Equal(costs[i].Total.Decimal()) {
			t.Fatalf("record %d: batch cost %s, single cost %s", i, costs[i].Total, single)
		}
		d := single.total
		total = total.Add(d)
		for k, key := range map[string]string{"provider": CanonicalProvider(us[i].Provider), "model": us[i].Model,
			"project": us[i].ProjectID, "organization": us[i].OrganizationID} {
			want[k][key] = want[k][key].Add(d)
		}
		ws := time.Unix(us[i].Timestamp.Unix()/int64(window/time.Second)*int64(window/time.Second), 0).UTC()
		wantWindows[ws] = wantWindows[ws].Add(d)
		wantCounts[ws]++
	}
	sum := agg.Summary()
	if !sum.Total.Decimal().Equal(total) || sum.Count != int64(len(us)) {
		t.Fatalf("total %s over %d, want %s over %d", sum.Total, sum.Count, total, len(us))
	}
	avg := oracleRound10(new(big.Rat).Quo(total.Rat(), big.NewRat(int64(len(us)), 1)))
	if !sum.Average.Decimal().Equal(avg) {
		t.Errorf("average %s, want %s", sum.Average, avg)
	}
	for name, got := range map[string]map[string]Money{"provider": sum.ByProvider.Map(), "model": sum.ByModel.Map(),
		"project": sum.ByProject.Map(), "organization": sum.ByOrganization.Map()} {
		checkBreakdown(t, name, got, want[name], total)
	}
	if len(sum.ByProvider) != 7 {
		t.Errorf("providers %v: aliases not merged", keys(sum.ByProvider.Map()))
	}
	windowTotal, windowCount := decimal.Zero, int64(0)
	for i, w := range sum.ByWindow {
		if i > 0 && !sum.ByWindow[i-1].Start.Before(w.Start) {
			t.Fatalf("windows not sorted at %d", i)
		}
		if !w.Total.Decimal().Equal(wantWindows[w.Start]) || w.Count != wantCounts[w.Start] {
			t.Errorf("window %s: %s over %d, want %s over %d", w.Start, w.Total, w.Count, wantWindows[w.Start], wantCounts[w.Start])
		}
		windowTotal = windowTotal.Add(w.Total.Decimal())
		windowCount += w.Count
	}
	if len(sum.ByWindow) != len(wantWindows) || !windowTotal.Equal(total) || windowCount != sum.Count {
		t.Errorf("%d windows summing to %s over %d; want %d, %s, %d", len(sum.ByWindow), windowTotal, windowCount, len(wantWindows), total, sum.Count)
	}
}

func checkBreakdown(t *testing.T, name string, got map[string]Money, want map[string]decimal.Decimal, total decimal.Decimal) {
	t.Helper()
	parts := decimal.Zero
	for k, m := range got {
		parts = parts.Add(m.Decimal())
		if !m.Decimal().Equal(want[k]) {
			t.Errorf("by %s[%q] = %s, want %s", name, k, m, want[k])
		}
	}
	if len(got) != len(want) || !parts.Equal(total) {
		t.Errorf("by %s: %d keys summing to %s; want %d keys summing to %s", name, len(got), parts, len(want), total)
	}
}

func keys(m map[string]Money) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestAggregatorBeyondInt64(t *testing.T) {
	t.Parallel()
	agg := NewAggregator(0)
	u := usage(1, 1, 0, 0)
	big := Cost{Total: MoneyFromUnits(1 << 62)}
	for i := 0; i < 5; i++ {
		agg.Add(u, big)
	}
	s := agg.Summary()
	want := decimal.New(5, 0).Mul(decimal.New(1<<62, -10))
	if !s.Total.Decimal().Equal(want) || !s.ByModel.Get("m").Decimal().Equal(want) || !s.Average.Equal(big.Total) {
		t.Errorf("total %s, by model %s, average %s; want %s", s.Total, s.ByModel.Get("m"), s.Average, want)
	}
	if len(s.ByWindow) != 0 {
		t.Errorf("windows with the window off: %v", s.ByWindow)
	}
}

func TestAggregatorEmpty(t *testing.T) {
	t.Parallel()
	s := NewAggregator(time.Hour).Summary()
	if !s.Total.IsZero() || s.Count != 0 || !s.Average.IsZero() || len(s.ByProvider) != 0 || len(s.ByWindow) != 0 {
		t.Errorf("empty summary = %+v", s)
	}
}

// TestAggregatorDoesNotAllocatePerRecord checks the steady state on realistic
// records (sums within the int64 range of Money; beyond it, sums allocate).
func TestAggregatorDoesNotAllocatePerRecord(t *testing.T) {
	us := mixedBatch(t, 1000)
	calc := builtinCalculator(t)
	costs := make([]Cost, len(us))
	for i := range us {
		costs[i], _ = calc.Price(&us[i])
	}
	agg := NewAggregator(time.Minute)
	for i := range us {
		agg.Add(&us[i], costs[i])
	}
	i := 0
	n := testing.AllocsPerRun(1000, func() {
		agg.Add(&us[i%len(us)], costs[i%len(us)])
		i++
	})
	if n != 0 {
		t.Errorf("Add allocates %v times per record in steady state", n)
	}
}

// TestAggregatorManyKeys drives the breakdown caches through collisions and
// evictions: hundreds of keys in random order must still sum exactly.
func TestAggregatorManyKeys(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 12))
	agg := NewAggregator(0)
	want := map[string]int64{}
	names := make([]string, 500)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%d", []string{"p", "project", "a-much-longer-project-name"}[i%3], i)
	}
	var total int64
	for i := 0; i < 50_000; i++ {
		k := names[r.IntN(len(names))]
		// A fresh copy of the key now and then: equal keys need not share memory.
		if r.IntN(4) == 0 {
			k = string([]byte(k))
		}
		units := r.Int64N(1_000_000)
		agg.Add(&Usage{Provider: "openai", Model: k, ProjectID: k, OrganizationID: k}, Cost{Total: MoneyFromUnits(units)})
		want[k] += units
		total += units
	}
	s := agg.Summary()
	for name, got := range map[string]map[string]Money{"model": s.ByModel.Map(), "project": s.ByProject.Map(), "organization": s.ByOrganization.Map()} {
		if len(got) != len(want) {
			t.Fatalf("by %s: %d keys, want %d", name, len(got), len(want))
		}
		for k, units := range want {
			if u, _ := got[k].Units(); u != units {
				t.Fatalf("by %s[%s] = %d units, want %d", name, k, u, units)
			}
		}
	}
	if u, _ := s.Total.Units(); u != total {
		t.Errorf("total %d, want %d", u, total)
	}
}
