package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The seed record of the original engine's cached benchmark: 5000 prompt tokens of
// which 2000 cached at a 0.9 discount, 2000 completion tokens, at 10 / 30.
func seedCachedEntry(tb testing.TB) (*Entry, *Usage) {
	e := perToken("10", "30")
	e.Pricing.(*PerToken).CachedInputDiscount = decp("0.9")
	return mustEntry(tb, e), usage(5000, 2000, 2000, 0)
}

var sinkCost Cost

func BenchmarkCostPerTokenCached(b *testing.B) {
	e, u := seedCachedEntry(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkCost, _ = e.Cost(u)
	}
}

var (
	naiveMillion = decimal.NewFromInt(1_000_000)
	naiveOne     = decimal.NewFromInt(1)
)

// naiveCost is the same per-token calculation done the naive way, all in
// shopspring/decimal, as the baseline of the speed-up.
func naiveCost(p *PerToken, u *Usage) (in, out, total decimal.Decimal) {
	million := naiveMillion
	cachedPrice := p.InputPerMillion.Mul(naiveOne.Sub(*p.CachedInputDiscount))
	uncached := decimal.NewFromInt(u.PromptTokens - u.CachedTokens - u.CacheWriteTokens)
	in = uncached.Mul(p.InputPerMillion).Add(decimal.NewFromInt(u.CachedTokens).Mul(cachedPrice)).
		Add(decimal.NewFromInt(u.CacheWriteTokens).Mul(p.InputPerMillion)).Div(million).RoundBank(10)
	out = decimal.NewFromInt(u.CompletionTokens).Mul(p.OutputPerMillion).Div(million).RoundBank(10)
	return in, out, in.Add(out)
}

var sinkDecimal decimal.Decimal

func BenchmarkCostPerTokenCachedNaiveDecimal(b *testing.B) {
	e, u := seedCachedEntry(b)
	if _, _, total := naiveCost(e.Pricing.(*PerToken), u); total.String() != "0.092" {
		b.Fatalf("naive total = %s", total)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _, sinkDecimal = naiveCost(e.Pricing.(*PerToken), u)
	}
}

// mixedBatch returns n valid records cycling over the built-in catalog's models of
// every structure, with cache reads and writes, at distinct timestamps.
func mixedBatch(tb testing.TB, n int) []Usage {
	models := []struct{ provider, model string }{
		{"openai", "gpt-4o"}, {"openai", "gpt-4o-mini"}, {"anthropic", "claude-sonnet-4"},
		{"anthropic", "claude-3-5-haiku"}, {"vertex", "gemini-2.5-pro"}, {"azure", "gpt-4.1"},
		{"bedrock", "claude-opus-4-1"}, {"mistral", "mistral-large"}, {"cohere", "command-r"}, {"openai", "o3"},
	}
	// Records decoded from a file share their provider, model, project and
	// organization strings and carry their ids (the decoder interns them); so do
	// these.
	projects := []string{"proj-search", "proj-chat", "proj-agents", "proj-eval", "proj-docs", "proj-ml", "proj-ops"}
	orgs := []string{"org-acme", "org-globex", "org-initech"}
	start := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Usage, n)
	names := NewInterner()
	for i := range out {
		m := models[i%len(models)]
		prompt, completion := int64(500+i*37%9000), int64(100+i*53%3000)
		out[i] = Usage{ID: fmt.Sprintf("req-%d", i), Timestamp: start.Add(time.Duration(i) * time.Second),
			Provider: m.provider, Model: m.model, ProjectID: projects[i%len(projects)],
			OrganizationID: orgs[i%len(orgs)], PromptTokens: prompt, CompletionTokens: completion,
			TotalTokens: prompt + completion, CachedTokens: prompt / 4, CacheWriteTokens: prompt / 10}
		names.Intern(&out[i])
	}
	return out
}

func builtinCalculator(tb testing.TB) *Calculator {
	c, err := BuiltinCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	return NewCalculator(c)
}

func BenchmarkPriceBatch10000(b *testing.B) {
	batch := mixedBatch(b, 10_000)
	calc := builtinCalculator(b)
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			c, err := calc.Price(&batch[i])
			if err != nil {
				b.Fatal(err)
			}
			sinkCost = c
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(batch)), "ns/record")
}

func BenchmarkAggregate10000(b *testing.B) {
	batch := mixedBatch(b, 10_000)
	calc := builtinCalculator(b)
	costs := make([]Cost, len(batch))
	for i := range batch {
		costs[i], _ = calc.Price(&batch[i])
	}
	agg := NewAggregator(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			agg.Add(&batch[i], costs[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(batch)), "ns/record")
}

// BenchmarkAggregate10000NotInterned sums records whose names no Interner has
// seen (records built in Go): each breakdown looks its key up by content.
func BenchmarkAggregate10000NotInterned(b *testing.B) {
	batch := mixedBatch(b, 10_000)
	calc := builtinCalculator(b)
	costs := make([]Cost, len(batch))
	for i := range batch {
		costs[i], _ = calc.Price(&batch[i])
		batch[i].keys = nameIDs{}
	}
	agg := NewAggregator(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			agg.Add(&batch[i], costs[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(batch)), "ns/record")
}

func BenchmarkValidate(b *testing.B) {
	u := usage(5000, 2000, 2000, 0)
	now := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(u, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeJSONL10000(b *testing.B) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, u := range mixedBatch(b, 10_000) {
		enc.Encode(u)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var u Usage
	for b.Loop() {
		d := NewUsageDecoder(bytes.NewReader(data))
		for {
			if err := d.Next(&u); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10_000), "ns/record")
}
