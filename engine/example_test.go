package engine_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

func ExampleParseCatalog() {
	cat, err := engine.ParseCatalog("prices.yaml", []byte(`
- provider: openai
  model: gpt-4
  effective_date: 2025-01-01
  per_token:
    input_per_million: 10
    output_per_million: 30
    cached_input_discount: 0.9
`))
	if err != nil {
		log.Fatal(err)
	}
	e, err := cat.Lookup("OpenAI", "gpt-4", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Provider, e.Model, e.Kind(), e.Source)
	// Output: openai gpt-4 per_token prices.yaml:2
}

func ExampleEntry_Cost() {
	cat, _ := engine.ParseCatalog("prices.yaml", []byte(`
- {provider: openai, model: gpt-4, effective_date: 2025-01-01,
   per_token: {input_per_million: 10, output_per_million: 30, cached_input_discount: 0.9}}
`))
	e := cat.Entries()[0]
	c, err := e.Cost(&engine.Usage{PromptTokens: 5000, CachedTokens: 2000, CompletionTokens: 2000, TotalTokens: 7000})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Input, c.Output, c.Total, c.Currency)
	// Output: 0.032 0.06 0.092 USD
}

func ExampleCalculator_Price() {
	cat, err := engine.BuiltinCatalog()
	if err != nil {
		log.Fatal(err)
	}
	calc := engine.NewCalculator(cat)
	u := &engine.Usage{
		Provider: "anthropic", Model: "claude-sonnet-4", Timestamp: time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC),
		PromptTokens: 12_000, CachedTokens: 8_000, CacheWriteTokens: 2_000, CompletionTokens: 900, TotalTokens: 12_900,
	}
	c, err := calc.Price(u)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("input", c.Input, "output", c.Output, "total", c.Total)
	// Output: input 0.0159 output 0.0135 total 0.0294
}

func ExampleNewUsageDecoder() {
	input := `{"id":"r1","timestamp":"2025-07-01T09:00:00Z","provider":"openai","model":"gpt-4o","prompt_tokens":100,"completion_tokens":20}
{"id":"r2","timestamp":"2025-07-01T09:00:01Z","provider":"openai","model":"gpt-4o","prompt_tokens":-3,"completion_tokens":20}
`
	dec := engine.NewUsageDecoder(strings.NewReader(input))
	for {
		var u engine.Usage
		err := dec.Next(&u)
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(u.ID, u.TotalTokens)
	}
	// Output:
	// r1 120
	// error: line 2: prompt_tokens: must be a non-negative integer, found a negative number
}

func ExampleValidate() {
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	u := &engine.Usage{Provider: "openai", Model: "gpt-4o", Timestamp: now,
		PromptTokens: 100, CompletionTokens: 20, TotalTokens: 130}
	err := engine.Validate(u, now)
	fmt.Println(err)
	fmt.Println(errors.Is(err, engine.ErrTotalMismatch))
	// Output:
	// total_tokens: prompt_tokens + completion_tokens != total_tokens (100 + 20 != 130)
	// true
}

func ExampleAggregator() {
	agg := engine.NewAggregator(time.Hour)
	t0 := time.Date(2025, 7, 1, 9, 15, 0, 0, time.UTC)
	add := func(provider, model, project string, at time.Time, total string) {
		m, _ := engine.ParseMoney(total)
		agg.Add(&engine.Usage{Provider: provider, Model: model, ProjectID: project, Timestamp: at}, engine.Cost{Total: m})
	}
	add("openai", "gpt-4o", "search", t0, "0.0125")
	add("azure", "gpt-4o", "search", t0.Add(10*time.Minute), "0.0125")
	add("Azure", "gpt-4o-mini", "chat", t0.Add(time.Hour), "0.0004")
	s := agg.Summary()
	fmt.Println("total", s.Total, "count", s.Count, "average", s.Average)
	fmt.Println("openai", s.ByProvider.Get("openai"), "azureopenai", s.ByProvider.Get("azureopenai"))
	fmt.Println("search", s.ByProject.Get("search"), "chat", s.ByProject.Get("chat"))
	for _, w := range s.ByWindow {
		fmt.Println(w.Start.Format(time.RFC3339), w.Total, w.Count)
	}
	// Output:
	// total 0.0254 count 3 average 0.0084666667
	// openai 0.0125 azureopenai 0.0129
	// search 0.025 chat 0.0004
	// 2025-07-01T09:00:00Z 0.025 2
	// 2025-07-01T10:00:00Z 0.0004 1
}

func ExampleMoney() {
	a, _ := engine.ParseMoney("0.1")
	b, _ := engine.ParseMoney("0.2")
	sum := a.Add(b)
	fmt.Println(sum, sum.DivRound(3), sum.Decimal().StringFixed(4))
	// Output: 0.3 0.1 0.3000
}

func ExampleCatalog_Merge() {
	builtin, err := engine.BuiltinCatalog()
	if err != nil {
		log.Fatal(err)
	}
	mine, err := engine.ParseCatalog("mine.yaml", []byte(`
- {provider: openai, model: gpt-4o, effective_date: 2024-01-01,
   per_token: {input_per_million: 2, output_per_million: 8}}
`))
	if err != nil {
		log.Fatal(err)
	}
	cat := builtin.Merge(mine)
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, model := range []string{"gpt-4o", "gpt-4o-mini"} {
		e, err := cat.Lookup("openai", model, at)
		if err != nil {
			log.Fatal(err)
		}
		file, _, _ := strings.Cut(e.Source, ":")
		fmt.Println(model, e.Pricing.(*engine.PerToken).InputPerMillion, file)
	}
	// Output:
	// gpt-4o 2 mine.yaml
	// gpt-4o-mini 0.15 builtin.yaml
}
