//go:build ignore

// generate writes the usage logs of testdata/usage: an eval suite of five
// scenarios, 40 requests each, as an LLM app's logger records them (model IDs as
// the APIs return them, token counts that vary from request to request).
//
//	go run testdata/usage/generate.go
//
// baseline.jsonl is the default branch's run. current.jsonl is a pull request
// whose summarize prompt template got longer (about +40% prompt tokens); the other
// scenarios are drawn again from the same distributions (run-to-run noise).
// current-model.jsonl is a pull request that moved classify from claude-3-5-haiku
// to claude-sonnet-4. baseline-array.json is baseline.jsonl as a JSON array.
// unpriced.jsonl is baseline.jsonl and three requests to a model the test catalog
// (catalog.yaml) does not price.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"
)

type record struct {
	ID               string            `json:"id"`
	Timestamp        string            `json:"timestamp"`
	Provider         string            `json:"provider"`
	Model            string            `json:"model"`
	ProjectID        string            `json:"project_id"`
	PromptTokens     int64             `json:"prompt_tokens"`
	CompletionTokens int64             `json:"completion_tokens"`
	TotalTokens      int64             `json:"total_tokens"`
	CachedTokens     int64             `json:"cached_tokens,omitempty"`
	ReasoningTokens  int64             `json:"reasoning_tokens,omitempty"`
	Tags             map[string]string `json:"tags"`
}

type scenario struct {
	name, provider, model string
	prompt, completion    float64 // median tokens
	cachedShare           float64 // share of the prompt read from the cache, on requests that hit it
	reasoning             float64 // median reasoning tokens (part of completion)
}

var suite = []scenario{
	{"summarize", "openai", "gpt-4o-mini-2024-07-18", 1800, 220, 0.5, 0},
	{"classify", "anthropic", "claude-3-5-haiku-20241022", 650, 12, 0, 0},
	{"extract", "google", "gemini-2.0-flash-001", 2400, 380, 0, 0},
	{"chat", "anthropic", "claude-sonnet-4-20250514", 3200, 450, 0.7, 0},
	{"plan", "openai", "o3-mini-2025-01-31", 900, 1400, 0, 1000},
}

// lognormal draws around median with a spread of about ±sigma (log scale).
func lognormal(r *rand.Rand, median, sigma float64) int64 {
	return int64(math.Round(median * math.Exp(sigma*r.NormFloat64())))
}

func write(path string, recs []record, array bool) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if array {
		b, _ := json.MarshalIndent(recs, "", "  ")
		f.Write(append(b, '\n'))
		return
	}
	enc := json.NewEncoder(f)
	for _, r := range recs {
		enc.Encode(r)
	}
}

func run(seed uint64, start time.Time, edit func(*scenario)) []record {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var out []record
	for _, base := range suite {
		s := base
		if edit != nil {
			edit(&s)
		}
		for i := 0; i < 40; i++ {
			p := lognormal(r, s.prompt, 0.25)
			c := lognormal(r, s.completion, 0.3)
			var reasoning, cached int64
			if s.reasoning > 0 {
				reasoning = min(lognormal(r, s.reasoning, 0.3), c)
			}
			if s.cachedShare > 0 && r.IntN(2) == 0 {
				cached = int64(float64(p) * s.cachedShare)
			}
			out = append(out, record{
				ID:        fmt.Sprintf("%s-%s-%02d", s.name, start.Format("0102"), i),
				Timestamp: start.Add(time.Duration(len(out)) * 3 * time.Second).Format(time.RFC3339),
				Provider:  s.provider, Model: s.model, ProjectID: "support-bot",
				PromptTokens: p, CompletionTokens: c, TotalTokens: p + c, CachedTokens: cached, ReasoningTokens: reasoning,
				Tags: map[string]string{"scenario": s.name, "suite": "nightly-eval"},
			})
		}
	}
	return out
}

func main() {
	base := run(1, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), nil)
	write("testdata/usage/baseline.jsonl", base, false)
	write("testdata/usage/baseline-array.json", base, true)
	extra := append([]record(nil), base...)
	for i := 0; i < 3; i++ {
		extra = append(extra, record{ID: fmt.Sprintf("rerank-%02d", i), Timestamp: "2026-11-20T10:00:00Z", Provider: "cohere",
			Model: "rerank-v3.5", ProjectID: "support-bot", PromptTokens: 900, CompletionTokens: 1, TotalTokens: 901,
			Tags: map[string]string{"scenario": "rerank", "suite": "nightly-eval"}})
	}
	write("testdata/usage/unpriced.jsonl", extra, false)
	write("testdata/usage/current.jsonl", run(2, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), func(s *scenario) {
		if s.name == "summarize" {
			s.prompt *= 1.4
		}
	}), false)
	write("testdata/usage/current-model.jsonl", run(3, time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), func(s *scenario) {
		if s.name == "classify" {
			s.model = "claude-sonnet-4-20250514"
		}
	}), false)
}
