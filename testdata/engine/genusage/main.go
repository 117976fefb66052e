// Command genusage writes a realistic, deterministic usage file: JSON Lines records
// across providers, with cache reads and writes, reasoning tokens, long-context
// prompts and the per-request and tiered models of testdata/pricing-example.yaml.
//
//	go run ./testdata/engine/genusage > testdata/usage-example.jsonl
//	go run ./testdata/engine/genusage -n 1000000 > /tmp/usage-1m.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"
)

type model struct {
	provider, name string
	cacheReads     bool // the provider bills cache reads
	cacheWrites    bool // the provider bills cache writes
	reasoning      bool // the model reports reasoning tokens
	longContext    int  // prompts above this size happen now and then (0: never)
	weight         int
}

var models = []model{
	{"openai", "gpt-4o", true, false, false, 0, 12},
	{"OpenAI", "gpt-4o-mini", true, false, false, 0, 10},
	{"openai", "o3", true, false, true, 0, 5},
	{"openai", "o4-mini", true, false, true, 0, 5},
	{"openai", "gpt-4.1", true, false, false, 0, 4},
	{"azure", "gpt-4o", true, false, false, 0, 5},
	{"anthropic", "claude-sonnet-4", true, true, false, 200_000, 12},
	{"anthropic", "claude-3-5-haiku", true, true, false, 0, 6},
	{"Anthropic", "claude-opus-4-1", true, true, false, 0, 3},
	{"bedrock", "claude-3-haiku", true, true, false, 0, 4},
	{"awsbedrock", "llama-3-70b", false, false, false, 8_192, 4},
	{"google", "gemini-2.5-pro", false, false, true, 200_000, 6},
	{"vertex", "gemini-2.5-flash", false, false, true, 0, 6},
	{"mistral", "mistral-large", false, false, false, 0, 3},
	{"mistral", "mistral-small", false, false, false, 0, 4},
	{"cohere", "command-r-plus", false, false, false, 0, 3},
	{"cohere", "rerank-v3", false, false, false, 4_000, 4},
}

type record struct {
	ID               string            `json:"id"`
	Timestamp        string            `json:"timestamp"`
	Provider         string            `json:"provider"`
	Model            string            `json:"model"`
	OrganizationID   string            `json:"organization_id"`
	ProjectID        string            `json:"project_id"`
	UserID           string            `json:"user_id"`
	PromptTokens     int64             `json:"prompt_tokens"`
	CompletionTokens int64             `json:"completion_tokens"`
	TotalTokens      int64             `json:"total_tokens,omitempty"`
	CachedTokens     int64             `json:"cached_tokens,omitempty"`
	CacheWriteTokens int64             `json:"cache_write_tokens,omitempty"`
	ReasoningTokens  int64             `json:"reasoning_tokens,omitempty"`
	Tags             map[string]string `json:"tags,omitempty"`
}

func main() {
	n := flag.Int("n", 400, "number of records")
	seed := flag.Uint64("seed", 2025, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 1))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(w)
	start := time.Date(2025, 3, 25, 0, 0, 0, 0, time.UTC)
	span := 87 * 24 * time.Hour // across the repricing of o3 and of mistral-small
	step := span / time.Duration(*n)
	for i := 0; i < *n; i++ {
		at := start.Add(time.Duration(i)*step + time.Duration(r.Int64N(int64(step))))
		if err := enc.Encode(generate(r, i, at)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func pick(r *rand.Rand) model {
	total := 0
	for _, m := range models {
		total += m.weight
	}
	k := r.IntN(total)
	for _, m := range models {
		if k < m.weight {
			return m
		}
		k -= m.weight
	}
	return models[0]
}

func generate(r *rand.Rand, i int, at time.Time) record {
	m := pick(r)
	prompt := int64(200 + r.IntN(6000))
	if r.IntN(4) == 0 {
		prompt += int64(r.IntN(30_000))
	}
	if m.longContext > 0 && r.IntN(6) == 0 {
		lc := m.longContext // around the boundary, on both sides
		prompt = int64(lc - lc/10 + r.IntN(lc/5+50_000))
	}
	completion := int64(20 + r.IntN(1500))
	rec := record{
		ID: fmt.Sprintf("req-%06d", i+1), Timestamp: at.Format(time.RFC3339Nano),
		Provider: m.provider, Model: m.name,
		OrganizationID: []string{"org-acme", "org-globex"}[r.IntN(2)],
		ProjectID:      []string{"search", "chat", "agents", "eval"}[r.IntN(4)],
		UserID:         fmt.Sprintf("u-%02d", 1+r.IntN(12)),
		PromptTokens:   prompt, CompletionTokens: completion,
	}
	if r.IntN(3) > 0 {
		rec.TotalTokens = prompt + completion // sometimes omitted: prompt + completion
	}
	if m.cacheReads && r.IntN(2) == 0 {
		rec.CachedTokens = prompt * int64(20+r.IntN(75)) / 100
	}
	if m.cacheWrites && r.IntN(3) == 0 {
		rec.CacheWriteTokens = (prompt - rec.CachedTokens) * int64(r.IntN(90)) / 100
	}
	if m.reasoning {
		rec.ReasoningTokens = completion * int64(r.IntN(80)) / 100
	}
	if r.IntN(3) == 0 {
		rec.Tags = map[string]string{"env": []string{"prod", "staging"}[r.IntN(2)], "feature": []string{"summarize", "rag", "classify"}[r.IntN(3)]}
	}
	return rec
}
